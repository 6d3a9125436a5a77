/* gst-wan: one generation, from a request to its video
 *
 * The whole job in one place: the request is validated once, into a plan
 * (wan-validate.c); its local inputs are made usable (uploaded, or inlined
 * as data: URIs); the task is created — or resumed when the caller holds
 * its id — and then followed to its video (wan-run.c).  The element and
 * applications both run jobs, through the same callbacks.
 */

#include "wan-client-private.h"
#include "wan-input.h"
#include "wan-local.h"
#include "wan-run.h"
#include "wan-upload.h"
#include "wan-validate.h"

struct _WanJob
{
  WanClient *client;
  WanPlan *plan;                /* NULL for a task given by id */
  gchar *task_id;               /* a task given by id */
};

WanJob *
wan_job_new (WanClient * client, const WanRequest * req, GError ** error)
{
  WanPlan *plan;
  WanJob *job;

  g_return_val_if_fail (client != NULL && req != NULL, NULL);
  plan = wan_client_plan (client, req, error);
  if (plan == NULL)
    return NULL;
  job = g_new0 (WanJob, 1);
  job->client = client;
  job->plan = plan;
  return job;
}

WanJob *
wan_job_new_resume (WanClient * client, const gchar * task_id)
{
  WanJob *job;

  g_return_val_if_fail (client != NULL && task_id != NULL, NULL);
  job = g_new0 (WanJob, 1);
  job->client = client;
  job->task_id = g_strdup (task_id);
  return job;
}

void
wan_job_free (WanJob * job)
{
  if (job == NULL)
    return;
  wan_plan_free (job->plan);
  g_free (job->task_id);
  g_free (job);
}

/* What the walks over local inputs below share. */
typedef struct
{
  WanJob *job;
  const WanTaskCallbacks *callbacks;
  gpointer user_data;
  guint done, total;
  GCancellable *cancellable;
} InputWalk;

/* Names a local input by its contents for the digest.  The stand-in keeps
 * the form digests have always had, so that a journal or cache entry an
 * earlier version wrote for the same request is still found (and its
 * task not paid for twice). */
static gboolean
hash_input (WanInputKind kind, const gchar * property, gchar ** uri,
    gpointer data, GError ** error)
{
  InputWalk *walk = data;
  gchar *path = wan_input_get_local_path (*uri), *hex;

  if (path == NULL)
    return TRUE;
  hex = wan_local_sha256 (property, path, walk->cancellable, error);
  g_free (path);
  if (hex == NULL)
    return FALSE;
  g_free (*uri);
  *uri = g_strconcat ("file:///sha256/", hex, NULL);
  g_free (hex);
  return TRUE;
}

gchar *
wan_job_digest (WanJob * job, GCancellable * cancellable, GError ** error)
{
  InputWalk walk = { job, NULL, NULL, 0, 0, cancellable };
  WanPlan *hashed;
  gchar *digest = NULL;

  if (job->plan == NULL)
    return NULL;
  hashed = wan_plan_copy (job->plan);
  if (wan_request_foreach_input (&hashed->req, hash_input, &walk, error))
    digest = wan_client_digest_create (job->client, hashed);
  wan_plan_free (hashed);
  return digest;
}

/* What the provider takes for the local file at @path, given in
 * @property. */
static gchar *
make_usable (InputWalk * walk, WanInputKind kind, const gchar * property,
    const gchar * path, GError ** error)
{
  WanClient *client = walk->job->client;
  const WanPlan *plan = walk->job->plan;

  switch (wan_provider_local_way (plan->provider, plan->spec, kind)) {
    case WAN_LOCAL_UPLOAD:
      return wan_upload_file (client, plan->model, kind, property, path,
          walk->cancellable, error);
    case WAN_LOCAL_DATA_URI:
      return wan_local_data_uri (property, path, error);
    default:
      /* The plan was refused it already. */
      g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID, "%s: %s cannot take "
          "the local file '%s'", property, plan->provider->name, path);
      return NULL;
  }
}

static gboolean
send_input (WanInputKind kind, const gchar * property, gchar ** uri,
    gpointer data, GError ** error)
{
  InputWalk *walk = data;
  const WanTaskCallbacks *cb = walk->callbacks;
  gchar *path = wan_input_get_local_path (*uri), *usable;

  if (path == NULL)
    return TRUE;
  usable = make_usable (walk, kind, property, path, error);
  g_free (path);
  if (usable == NULL)
    return FALSE;
  g_free (*uri);
  *uri = usable;
  walk->done++;
  if (cb && cb->inputs_sending)
    cb->inputs_sending (walk->done, walk->total, walk->user_data);
  return TRUE;
}

/* The job's plan with only URLs left for inputs. */
static WanPlan *
send_inputs (WanJob * job, const WanTaskCallbacks * cb, gpointer user_data,
    GCancellable * cancellable, GError ** error)
{
  InputWalk walk = { job, cb, user_data, 0, 0, cancellable };
  WanPlan *prepared = wan_plan_copy (job->plan);

  walk.total = wan_request_count_local_inputs (&prepared->req);
  if (walk.total > 0 && cb && cb->inputs_sending)
    cb->inputs_sending (0, walk.total, user_data);
  if (!wan_request_foreach_input (&prepared->req, send_input, &walk, error))
    g_clear_pointer (&prepared, wan_plan_free);
  return prepared;
}

/* Creates the task: its handle in @handle. */
static gboolean
submit (WanJob * job, WanTaskHandle * handle, const WanTaskCallbacks * cb,
    gpointer user_data, GCancellable * cancellable, GError ** error)
{
  WanPlan *prepared = send_inputs (job, cb, user_data, cancellable, error);
  gboolean ok;

  if (prepared == NULL)
    return FALSE;
  ok = wan_client_create (job->client, prepared, handle, cancellable, error);
  wan_plan_free (prepared);
  if (ok && cb && cb->task_created)
    cb->task_created (handle->id, user_data);
  return ok;
}

gboolean
wan_job_run (WanJob * job, const gchar * task_id,
    const WanRunOptions * options, const WanTaskCallbacks * callbacks,
    gpointer user_data, GCancellable * cancellable, GError ** error)
{
  WanTaskHandle handle;
  gboolean resumed, ok;

  if (task_id == NULL || *task_id == '\0')
    task_id = job->task_id;
  resumed = task_id != NULL && *task_id != '\0';
  if (resumed)
    wan_task_handle_init_id (&handle, task_id);
  else if (!submit (job, &handle, callbacks, user_data, cancellable, error))
    return FALSE;
  ok = wan_run_task (job->client, &handle, resumed, options, callbacks,
      user_data, cancellable, error);
  wan_task_handle_clear (&handle);
  return ok;
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
wan_client_prepare_inputs (WanClient * client, const WanRequest * req,
    WanRequest * prepared, GCancellable * cancellable, GError ** error)
{
  WanJob *job = wan_job_new (client, req, error);
  WanPlan *plan;
  gboolean ok;

  wan_request_init (prepared);
  if (job == NULL)
    return FALSE;
  plan = send_inputs (job, NULL, NULL, cancellable, error);
  ok = plan != NULL;
  if (ok)
    wan_request_copy (prepared, &plan->req);
  wan_plan_free (plan);
  wan_job_free (job);
  return ok;
}
