/* gst-wan: one whole generation: submit or resume, poll, download
 *
 * The element and applications without a pipeline share this loop, so
 * there is a single place that decides when to poll, what a transient
 * failure is and when a task has taken too long.
 */

#include "wan-transfer.h"

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

struct _WanJob
{
  WanClient *client;
  gboolean has_request;
  WanRequest req;               /* validated, when has_request */
  gchar *task_id;               /* a resume job's task */
};

WanJob *
wan_job_new (WanClient * client, const WanRequest * req, GError ** error)
{
  WanJob *job;

  g_return_val_if_fail (client != NULL && req != NULL, NULL);
  if (req->provider != client->provider->id) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID,
        "provider: the request is for %s, the client talks to %s",
        wan_provider_id_to_string (req->provider),
        wan_provider_id_to_string (client->provider->id));
    return NULL;
  }
  if (!wan_request_validate (req, error))
    return NULL;
  job = g_new0 (WanJob, 1);
  job->client = client;
  job->has_request = TRUE;
  wan_request_copy (&job->req, req);
  return job;
}

WanJob *
wan_job_new_resume (WanClient * client, const gchar * task_id)
{
  WanJob *job;

  g_return_val_if_fail (client != NULL && task_id != NULL, NULL);
  job = g_new0 (WanJob, 1);
  job->client = client;
  wan_request_init (&job->req);
  job->task_id = g_strdup (task_id);
  return job;
}

void
wan_job_free (WanJob * job)
{
  if (job == NULL)
    return;
  wan_request_clear (&job->req);
  g_free (job->task_id);
  g_free (job);
}

gchar *
wan_job_digest (WanJob * job, GCancellable * cancellable, GError ** error)
{
  if (!job->has_request)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return wan_client_digest_request (job->client, &job->req, error);
}

/* Counts the local inputs of @req. */
static guint
n_local_inputs (const WanRequest * req)
{
  guint i, n = wan_input_is_local (req->image_uri)
      + wan_input_is_local (req->audio_uri);

  for (i = 0; req->reference_uris && req->reference_uris[i]; i++)
    n += wan_input_is_local (req->reference_uris[i]);
  return n;
}

/* Submits the job's request, its local inputs made usable first. */
static gchar *
submit (WanJob * job, const WanTaskCallbacks * cb, gpointer user_data,
    GCancellable * cancellable, GError ** error)
{
  guint total = n_local_inputs (&job->req);
  WanRequest prepared;
  gchar *id;

  if (total == 0)
    return wan_client_submit (job->client, &job->req, cancellable, error);
  if (cb && cb->inputs_sending)
    cb->inputs_sending (0, total, user_data);
  if (!wan_client_prepare_inputs (job->client, &job->req, &prepared,
          cancellable, error))
    return NULL;
  if (cb && cb->inputs_sending)
    cb->inputs_sending (total, total, user_data);
  id = wan_client_submit (job->client, &prepared, cancellable, error);
  wan_request_clear (&prepared);
  return id;
}

gboolean
wan_job_run (WanJob * job, const gchar * task_id,
    const WanRunOptions * options, const WanTaskCallbacks * callbacks,
    gpointer user_data, GCancellable * cancellable, GError ** error)
{
  WanClient *client = job->client;
  gboolean resuming;
  WanTaskState state;
  gchar *id;
  gboolean ok;

  if (task_id == NULL || *task_id == '\0')
    task_id = job->task_id;
  resuming = task_id != NULL && *task_id != '\0';
  if (resuming) {
    id = g_strdup (task_id);
  } else {
    id = submit (job, callbacks, user_data, cancellable, error);
    if (id == NULL)
      return FALSE;
    if (callbacks && callbacks->task_created)
      callbacks->task_created (id, user_data);
  }

  /* A resumed task may be long finished: look at once. */
  ok = wait_for_task (client, id, options, callbacks, user_data, resuming,
      &state, cancellable, error);
  if (ok) {
    Refresh refresh = { client, id };

    ok = wan_client_fetch_video (client, state.video_url, refresh_video_url,
        &refresh, callbacks, user_data, cancellable, error);
    wan_task_state_clear (&state);
  }
  g_free (id);
  return ok;
}

gchar *
wan_client_request_digest (WanClient * client, const WanRequest * req,
    GError ** error)
{
  WanJob *job = wan_job_new (client, req, error);
  gchar *digest;

  if (job == NULL)
    return NULL;
  digest = wan_job_digest (job, NULL, error);
  wan_job_free (job);
  return digest;
}

gboolean
wan_client_run (WanClient * client, const WanRequest * req,
    const gchar * task_id, const WanRunOptions * options,
    const WanTaskCallbacks * callbacks, gpointer user_data,
    GCancellable * cancellable, GError ** error)
{
  WanJob *job;
  gboolean ok;

  if (task_id != NULL && *task_id != '\0')
    job = wan_job_new_resume (client, task_id);
  else
    job = wan_job_new (client, req, error);
  if (job == NULL)
    return FALSE;
  ok = wan_job_run (job, NULL, options, callbacks, user_data, cancellable,
      error);
  wan_job_free (job);
  return ok;
}
