/* gst-wan: a task's handle and its normalized state */

#include "wan-task.h"

void
wan_task_handle_init_id (WanTaskHandle * handle, const gchar * task_id)
{
  memset (handle, 0, sizeof (*handle));
  handle->id = g_strdup (task_id);
}

void
wan_task_handle_clear (WanTaskHandle * handle)
{
  g_clear_pointer (&handle->id, g_free);
  g_clear_pointer (&handle->status_url, g_free);
  g_clear_pointer (&handle->result_url, g_free);
  g_clear_pointer (&handle->cancel_url, g_free);
}

void
wan_task_state_clear (WanTaskState * state)
{
  g_clear_pointer (&state->provider_status, g_free);
  g_clear_pointer (&state->video_url, g_free);
  g_clear_pointer (&state->error_code, g_free);
  g_clear_pointer (&state->error_message, g_free);
}

const gchar *
wan_task_status_to_string (WanTaskStatus status)
{
  switch (status) {
    case WAN_TASK_QUEUED:
      return "queued";
    case WAN_TASK_RUNNING:
      return "running";
    case WAN_TASK_SUCCEEDED:
      return "succeeded";
    case WAN_TASK_FAILED:
      return "failed";
    default:
      return "unknown";
  }
}
