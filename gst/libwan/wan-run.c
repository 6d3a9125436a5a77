/* gst-wan: a created task followed to its video: poll, then download
 *
 * Every job (wan-job.c), the element's and an application's, ends in this
 * loop, so there is a single place that decides when to poll, what a
 * transient failure is and when a task has taken too long.
 */

#include "wan-run.h"
#include "wan-client-private.h"
#include "wan-download.h"
#include "wan-error.h"
#include "wan-poll.h"

typedef struct
{
  WanClient *client;
  const WanTaskHandle *handle;
  const WanRunOptions *options;
  const WanTaskCallbacks *callbacks;
  gpointer user_data;
  gint64 start;
  guint n_polls;
  WanTaskState last;            /* status and progress of the latest poll */
} Poll;

static gboolean
state_differs (const WanTaskState * a, const WanTaskState * b)
{
  return a->status != b->status || a->progress != b->progress
      || a->queue_position != b->queue_position
      || g_strcmp0 (a->provider_status, b->provider_status) != 0;
}

/* Waits for the next poll; FALSE with @error on a timeout or a cancel. */
static gboolean
wait_next_poll (Poll * p, GCancellable * cancellable, GError ** error)
{
  const WanRunOptions *options = p->options;
  gint64 elapsed_ms = (g_get_monotonic_time () - p->start) / 1000;
  guint interval = options && options->poll_interval_ms ?
      options->poll_interval_ms : wan_poll_next_ms (elapsed_ms, p->n_polls,
      p->n_polls ? &p->last : NULL);
  const gchar *id = p->handle->id;

  if (options && options->timeout_seconds
      && elapsed_ms + interval > options->timeout_seconds * 1000ll) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_TIMEOUT,
        "task %s still %s after %u s; it may still finish: resume it "
        "later with task-id=%s", id,
        wan_task_status_to_string (p->last.status),
        options->timeout_seconds, id);
    return FALSE;
  }
  if (!wan_wait (interval, cancellable)) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_CANCELLED,
        "cancelled while waiting for task %s", id);
    return FALSE;
  }
  return TRUE;
}

/* Tells the caller about a new status or progress, and keeps it. */
static void
take_state (Poll * p, const WanTaskState * state)
{
  const WanTaskCallbacks *cb = p->callbacks;

  if (state_differs (state, &p->last) && cb && cb->state_changed)
    cb->state_changed (p->handle->id, state, p->user_data);
  wan_task_state_clear (&p->last);
  p->last.status = state->status;
  p->last.progress = state->progress;
  p->last.estimated_seconds = state->estimated_seconds;
  p->last.queue_position = state->queue_position;
  p->last.provider_status = g_strdup (state->provider_status);
}

static GError *
task_failed (const gchar * task_id, const WanTaskState * state)
{
  return wan_error_new_full (WAN_ERROR_TASK_FAILED, 0, state->error_code,
      NULL, "task %s %s: %s%s%s", task_id, state->provider_status,
      state->error_message ? state->error_message : "no reason given",
      state->error_code ? " " : "", state->error_code ? state->error_code : "");
}

/* Polls until the task ends; on success @state holds the final state. */
static gboolean
wait_for_task (Poll * p, gboolean first_poll_now, WanTaskState * state,
    GCancellable * cancellable, GError ** error)
{
  /* Cleared below whatever happens, also when no poll was made. */
  memset (state, 0, sizeof (*state));
  while (TRUE) {
    if (!(first_poll_now && p->n_polls == 0)
        && !wait_next_poll (p, cancellable, error))
      return FALSE;
    p->n_polls++;
    /* The client already retried what can be retried. */
    if (!wan_client_poll (p->client, p->handle, state, cancellable, error))
      return FALSE;
    take_state (p, state);
    if (state->status == WAN_TASK_SUCCEEDED)
      return TRUE;
    if (state->status == WAN_TASK_FAILED) {
      g_propagate_error (error, task_failed (p->handle->id, state));
      wan_task_state_clear (state);
      return FALSE;
    }
    wan_task_state_clear (state);
  }
}

/* Result URLs expire: a finished task's status gives a fresh one. */
static gchar *
refresh_video_url (gpointer data, GCancellable * cancellable)
{
  Poll *p = data;
  WanTaskState state;
  gchar *url = NULL;

  if (wan_client_poll (p->client, p->handle, &state, cancellable, NULL)
      && state.status == WAN_TASK_SUCCEEDED) {
    url = state.video_url;
    state.video_url = NULL;
  }
  wan_task_state_clear (&state);
  return url;
}

gboolean
wan_run_task (WanClient * client, const WanTaskHandle * handle,
    gboolean resumed, const WanRunOptions * options,
    const WanTaskCallbacks * callbacks, gpointer user_data,
    GCancellable * cancellable, GError ** error)
{
  Poll p = { client, handle, options, callbacks, user_data,
    g_get_monotonic_time (), 0, {WAN_TASK_QUEUED, -1, -1, NULL, NULL, NULL,
        NULL, -1}
  };
  WanTaskState state;
  gboolean ok;

  ok = wait_for_task (&p, resumed, &state, cancellable, error);
  if (ok) {
    ok = wan_client_fetch_video (client, state.video_url, refresh_video_url,
        &p, callbacks, user_data, cancellable, error);
    wan_task_state_clear (&state);
  }
  wan_task_state_clear (&p.last);
  return ok;
}
