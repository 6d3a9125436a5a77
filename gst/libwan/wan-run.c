/* gst-wan: one whole generation: submit or resume, poll, download
 *
 * The element and applications without a pipeline share this loop, so
 * there is a single place that decides when to poll, what a transient
 * failure is and when a task has taken too long.
 */

#include "wan-provider.h"

static gboolean
state_differs (const WanTaskState * a, const WanTaskState * b)
{
  return a->status != b->status || a->progress != b->progress
      || g_strcmp0 (a->provider_status, b->provider_status) != 0;
}

/* Polls @task_id until it ends; on success @state holds the final state. */
static gboolean
wait_for_task (WanClient * client, const gchar * task_id,
    const WanRunOptions * options, const WanTaskCallbacks * cb,
    gpointer user_data, gboolean first_poll_now, WanTaskState * state,
    GCancellable * cancellable, GError ** error)
{
  gint64 start = g_get_monotonic_time ();
  guint n_polls = 0;
  WanTaskState last = { WAN_TASK_QUEUED, -1, -1, NULL, NULL, NULL, NULL };
  gboolean ok = FALSE;

  /* Cleared below whatever happens, also when no poll was made. */
  memset (state, 0, sizeof (*state));
  while (TRUE) {
    gint64 elapsed_ms = (g_get_monotonic_time () - start) / 1000;
    guint interval = options && options->poll_interval_ms ?
        options->poll_interval_ms : wan_poll_next_ms (elapsed_ms, n_polls,
        n_polls ? &last : NULL);
    GError *err = NULL;

    if (!(first_poll_now && n_polls == 0)) {
      if (options && options->timeout_seconds
          && elapsed_ms + interval > options->timeout_seconds * 1000ll) {
        g_set_error (error, WAN_ERROR, WAN_ERROR_TIMEOUT,
            "task %s still %s after %u s; it may still finish: resume it "
            "later with task-id=%s", task_id,
            wan_task_status_to_string (last.status),
            options->timeout_seconds, task_id);
        break;
      }
      if (!wan_wait (interval, cancellable)) {
        g_set_error (error, WAN_ERROR, WAN_ERROR_CANCELLED,
            "cancelled while waiting for task %s", task_id);
        break;
      }
    }
    n_polls++;

    /* The client already retried what can be retried. */
    if (!wan_client_get_task (client, task_id, state, cancellable, &err)) {
      g_propagate_error (error, err);
      break;
    }
    if (state_differs (state, &last) && cb && cb->state_changed)
      cb->state_changed (task_id, state, user_data);
    wan_task_state_clear (&last);
    last.status = state->status;
    last.progress = state->progress;
    last.estimated_seconds = state->estimated_seconds;
    last.provider_status = g_strdup (state->provider_status);

    if (state->status == WAN_TASK_SUCCEEDED) {
      ok = TRUE;
      break;
    }
    if (state->status == WAN_TASK_FAILED) {
      g_propagate_error (error, wan_error_new_full (WAN_ERROR_TASK_FAILED,
              0, state->error_code, NULL, "task %s %s: %s%s%s", task_id,
              state->provider_status,
              state->error_message ? state->error_message : "no reason given",
              state->error_code ? " " : "",
              state->error_code ? state->error_code : ""));
      break;
    }
    wan_task_state_clear (state);
  }
  if (!ok)
    wan_task_state_clear (state);
  wan_task_state_clear (&last);
  return ok;
}

typedef struct
{
  WanClient *client;
  const gchar *task_id;
} Refresh;

/* Result URLs expire: a finished task's status gives a fresh one. */
static gchar *
refresh_video_url (gpointer data, GCancellable * cancellable)
{
  Refresh *r = data;
  WanTaskState state;
  gchar *url = NULL;

  if (wan_client_get_task (r->client, r->task_id, &state, cancellable, NULL)
      && state.status == WAN_TASK_SUCCEEDED) {
    url = state.video_url;
    state.video_url = NULL;
  }
  wan_task_state_clear (&state);
  return url;
}

gboolean
wan_client_run (WanClient * client, const WanRequest * req,
    const gchar * task_id, const WanRunOptions * options,
    const WanTaskCallbacks * callbacks, gpointer user_data,
    GCancellable * cancellable, GError ** error)
{
  WanTaskState state;
  gchar *id;
  gboolean ok;

  if (task_id != NULL && *task_id != '\0') {
    id = g_strdup (task_id);
  } else if (wan_request_has_local_inputs (req)) {
    WanRequest prepared;

    if (!wan_client_prepare_inputs (client, req, &prepared, cancellable, error))
      return FALSE;
    id = wan_client_submit (client, &prepared, cancellable, error);
    wan_request_clear (&prepared);
  } else {
    id = wan_client_submit (client, req, cancellable, error);
  }
  if (id == NULL)
    return FALSE;
  if (task_id == NULL || *task_id == '\0') {
    if (callbacks && callbacks->task_created)
      callbacks->task_created (id, user_data);
  }

  /* A resumed task may be long finished: look at once. */
  ok = wait_for_task (client, id, options, callbacks, user_data,
      task_id != NULL && *task_id != '\0', &state, cancellable, error);
  if (ok) {
    Refresh refresh = { client, id };

    ok = wan_client_fetch_video (client, state.video_url, refresh_video_url,
        &refresh, callbacks, user_data, cancellable, error);
    wan_task_state_clear (&state);
  }
  g_free (id);
  return ok;
}
