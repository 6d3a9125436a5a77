/* gst-wan: API calls, with the retries each one can safely take
 *
 * The API key is attached only to API requests, as a bearer token on
 * requests that follow no redirects, so it never leaves the API origin.
 *
 * A status request is idempotent and is retried on any transient failure.
 * A create request costs money: it is retried only when the provider
 * certainly did not take it (no connection was made, or it answered 429 or
 * 5xx); an answer lost after sending is reported, never resent.
 */

#include <errno.h>
#include <glib/gstdio.h>
#include "wan-transfer.h"
#include "wan-error.h"
#include "wan-providers.h"
#include "wan-validate.h"

#define API_TIMEOUT_S 60
/* A cancel is sent while a pipeline stops, so it gets one short try. */
#define CANCEL_TIMEOUT_S 10

static gpointer
init_curl_once (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

WanClient *
wan_client_new (WanProviderId provider, const gchar * base_url,
    const gchar * api_key)
{
  static GOnce curl_once = G_ONCE_INIT;
  WanClient *client;

  g_return_val_if_fail (wan_provider_get (provider) != NULL, NULL);
  g_once (&curl_once, init_curl_once, NULL);

  client = g_new0 (WanClient, 1);
  client->provider = wan_provider_get (provider);
  if (base_url == NULL || *base_url == '\0')
    base_url = client->provider->default_base_url;
  client->base_url = g_strdup (base_url);
  /* Paths in the tables start with '/'. */
  while (g_str_has_suffix (client->base_url, "/"))
    client->base_url[strlen (client->base_url) - 1] = '\0';
  client->api_key = g_strdup (api_key);
  client->user_agent = g_strdup ("gst-wan/" PACKAGE_VERSION);
  client->retries = WAN_DEFAULT_RETRIES;
  client->retry_delay_ms = WAN_DEFAULT_RETRY_DELAY_MS;
  client->multi = curl_multi_init ();
  return client;
}

void
wan_client_free (WanClient * client)
{
  if (client == NULL)
    return;
  if (client->live_transfers != 0)
    g_critical ("wan: %d transfers were never cleared", client->live_transfers);
  curl_multi_cleanup (client->multi);
  g_free (client->base_url);
  if (client->api_key)
    memset (client->api_key, 0, strlen (client->api_key));
  g_free (client->api_key);
  g_free (client->user_agent);
  g_free (client);
}

void
wan_client_set_user_agent (WanClient * client, const gchar * user_agent)
{
  g_free (client->user_agent);
  client->user_agent = g_strdup (user_agent);
}

void
wan_client_set_retries (WanClient * client, gint retries, guint first_delay_ms)
{
  client->retries = retries;
  client->retry_delay_ms = first_delay_ms;
}

static gboolean
is_loopback_host (const gchar * host)
{
  GInetAddress *addr;
  gboolean loopback;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  addr = g_inet_address_new_from_string (host);
  loopback = addr && g_inet_address_get_is_loopback (addr);
  if (addr)
    g_object_unref (addr);
  return loopback;
}

gboolean
wan_check_base_url (const gchar * base_url, gboolean allow_insecure,
    GError ** error)
{
  GUri *uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  const gchar *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  const gchar *host = uri ? g_uri_get_host (uri) : NULL;
  gboolean ok = FALSE;

  if (uri == NULL || host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0
          && g_ascii_strcasecmp (scheme, "http") != 0))
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID,
        "base-url: '%s' is not an http(s) URL", base_url);
  else if (g_ascii_strcasecmp (scheme, "http") == 0 && !allow_insecure
      && !is_loopback_host (host))
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID,
        "base-url: plain http to '%s' would send the API key unencrypted; "
        "use https, or set insecure=true if you really mean it", host);
  else
    ok = TRUE;
  if (uri)
    g_uri_unref (uri);
  return ok;
}

void
wan_clear_secret (gchar ** secret)
{
  if (*secret)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

gchar *
wan_client_add_auth (WanClient * client, WanTransfer * t)
{
  const gchar *scheme = client->provider->auth_scheme;

  if (client->api_key == NULL)
    return NULL;
  if (scheme != NULL)
    return g_strdup_printf ("Authorization: %s %s", scheme, client->api_key);
  /* curl's own bearer token: curl sends it to the original host and port
   * only, never along a redirect elsewhere. */
  curl_easy_setopt (t->easy, CURLOPT_HTTPAUTH, (long) CURLAUTH_BEARER);
  curl_easy_setopt (t->easy, CURLOPT_XOAUTH2_BEARER, client->api_key);
  return NULL;
}

/* The file's bytes as the body of @t, read as curl sends them. */
static gboolean
stream_file (WanTransfer * t, const WanApiCall * call, FILE ** file,
    GError ** error)
{
  GStatBuf st;

  *file = g_fopen (call->upload_path, "rb");
  if (*file == NULL || fstat (fileno (*file), &st) != 0) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID, "cannot read '%s': %s",
        call->upload_path, g_strerror (errno));
    g_clear_pointer (file, fclose);
    return FALSE;
  }
  curl_easy_setopt (t->easy, CURLOPT_POST, 1L);
  curl_easy_setopt (t->easy, CURLOPT_READDATA, *file);
  curl_easy_setopt (t->easy, CURLOPT_POSTFIELDSIZE_LARGE,
      (curl_off_t) st.st_size);
  return TRUE;
}

/* The multipart body of an upload: the form fields, then the file last
 * (an OSS form upload ignores fields after the file: docs/providers.md,
 * "dashscope", "Upload (temporary storage)").  Streamed from the file: an
 * upload may be 100 MB. */
static curl_mime *
upload_form (WanTransfer * t, const WanApiCall * call)
{
  curl_mime *form = curl_mime_init (t->easy);
  curl_mimepart *part;
  guint i;

  for (i = 0; call->form && call->form[i] && call->form[i + 1]; i += 2) {
    part = curl_mime_addpart (form);
    curl_mime_name (part, call->form[i]);
    curl_mime_data (part, call->form[i + 1], CURL_ZERO_TERMINATED);
  }
  part = curl_mime_addpart (form);
  curl_mime_name (part, "file");
  curl_mime_filedata (part, call->upload_path);
  curl_mime_type (part, call->upload_type);
  return form;
}

/* One authenticated request to the API (or the provider's own upload
 * service); an HTTP answer of any status is a success here, and *@t holds
 * it.  @call->timeout_s 0 means no total limit, only a stall limit. */
static gboolean
api_request (WanClient * client, WanTransfer * t, const WanApiCall * call,
    long timeout_s, GCancellable * cancellable, GError ** error)
{
  struct curl_slist *headers = NULL;
  curl_mime *form = NULL;
  FILE *upload_file = NULL;
  gchar *auth, *type;
  gboolean ok;

  wan_transfer_init (t, client, call->method ? call->method : call->body
      || call->upload_path ? "POST" : "GET", call->url);
  g_debug ("%s", t->what);
  if (call->method)
    curl_easy_setopt (t->easy, CURLOPT_CUSTOMREQUEST, call->method);
  headers = curl_slist_append (headers, "Accept: application/json");
  if (call->body) {
    headers = curl_slist_append (headers, "Content-Type: application/json");
    curl_easy_setopt (t->easy, CURLOPT_POSTFIELDS, call->body);
  } else if (call->upload_path && call->raw_upload) {
    if (!stream_file (t, call, &upload_file, error)) {
      curl_slist_free_all (headers);
      return FALSE;
    }
    type = g_strdup_printf ("Content-Type: %s", call->upload_type);
    headers = curl_slist_append (headers, type);
    g_free (type);
  } else if (call->upload_path) {
    form = upload_form (t, call);
    curl_easy_setopt (t->easy, CURLOPT_MIMEPOST, form);
  }
  if (call->extra_header)
    headers = curl_slist_append (headers, call->extra_header);
  if (call->more_header)
    headers = curl_slist_append (headers, call->more_header);
  if (timeout_s > 0) {
    curl_easy_setopt (t->easy, CURLOPT_TIMEOUT, timeout_s);
  } else {
    curl_easy_setopt (t->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt (t->easy, CURLOPT_LOW_SPEED_TIME, (long) API_TIMEOUT_S);
  }
  curl_easy_setopt (t->easy, CURLOPT_FOLLOWLOCATION, 0L);
  auth = call->auth || call->anonymous ? NULL : wan_client_add_auth (client, t);
  headers = auth ? curl_slist_append (headers, auth) : headers;
  if (call->auth)
    headers = curl_slist_append (headers, call->auth);
  curl_easy_setopt (t->easy, CURLOPT_HTTPHEADER, headers);

  ok = wan_transfer_perform (client, t, cancellable, error);
  curl_slist_free_all (headers);
  wan_clear_secret (&auth);
  if (upload_file)
    fclose (upload_file);
  /* curl_easy_cleanup() does not free it, and the handle is done with it. */
  curl_mime_free (form);
  return ok;
}

/* The error for an answer with status >= 300.  A redirect is not
 * followed (the key would go along), so it is reported as it is. */
GError *
wan_api_answer_error (WanClient * client, WanTransfer * t)
{
  const gchar *location = NULL;

  if (t->status >= 300 && t->status < 400) {
    curl_easy_getinfo (t->easy, CURLINFO_REDIRECT_URL, &location);
    return wan_error_new_full (WAN_ERROR_PROTOCOL, t->status, NULL, NULL,
        "%s: redirected (HTTP %ld) to %s; API requests do not follow "
        "redirects, check base-url", t->what, t->status,
        location ? location : "nowhere");
  }
  return wan_provider_parse_error (client->provider, t->status,
      (const gchar *) t->answer->data, t->answer->len);
}

gboolean
wan_api_call (WanClient * client, WanTransfer * t, const WanApiCall * call,
    GCancellable * cancellable, GError ** error)
{
  guint attempt;

  for (attempt = 0;; attempt++) {
    GError *err = NULL;
    gboolean answered = api_request (client, t, call, call->timeout_s,
        cancellable, &err);
    gboolean transient;

    if (answered)
      transient = t->status == 429 || t->status >= 500;
    else
      transient = err->code == WAN_ERROR_NETWORK && (t->not_sent
          || !call->is_create);
    if (!transient || !wan_retries_left (client, attempt)) {
      if (!answered) {
        if (attempt > 0)
          g_prefix_error (&err, "after %u attempts: ", attempt + 1);
        g_propagate_error (error, err);
        wan_transfer_clear (t);
      }
      return answered;
    }
    g_debug ("%s: %s, retrying", t->what, answered ? "transient answer" :
        err->message);
    if (!wan_wait (wan_retry_delay_ms (client, attempt, t->retry_after_ms),
            cancellable)) {
      g_clear_error (&err);
      g_set_error (error, WAN_ERROR, WAN_ERROR_CANCELLED,
          "%s: cancelled while waiting to retry", t->what);
      wan_transfer_clear (t);
      return FALSE;
    }
    g_clear_error (&err);
    wan_transfer_clear (t);
  }
}

/* The create call's answer: a handle, or the provider's refusal. */
static gboolean
read_created (WanClient * client, WanTransfer * t, WanTaskHandle * handle,
    GError ** error)
{
  if (t->status >= 300) {
    g_propagate_error (error, wan_api_answer_error (client, t));
    return FALSE;
  }
  return wan_provider_parse_create (client->provider,
      (const gchar *) t->answer->data, t->answer->len, handle, error);
}

gboolean
wan_client_create (WanClient * client, const WanPlan * plan,
    WanTaskHandle * handle, GCancellable * cancellable, GError ** error)
{
  const WanProvider *p = client->provider;
  gchar *path, *body;
  WanApiCall call = {.is_create = TRUE,.timeout_s = API_TIMEOUT_S };
  WanTransfer t;
  GError *err = NULL;
  gboolean ok = FALSE;

  memset (handle, 0, sizeof (*handle));
  g_return_val_if_fail (plan->provider == p, FALSE);
  wan_provider_build_create (plan, &path, &body);
  call.url = g_strconcat (client->base_url, path, NULL);
  call.body = body;
  call.extra_header = p->create_header;
  call.more_header = wan_provider_upload_header (plan, FALSE);
  if (!wan_api_call (client, &t, &call, cancellable, &err)) {
    /* Unless it certainly never left, the request may have reached the
     * provider and created a paid task: say so, and do not resend it. */
    if (err->code == WAN_ERROR_NETWORK && !t.not_sent)
      g_prefix_error (&err, "%s may or may not have created a task; check "
          "before submitting again: ", p->name);
    g_propagate_error (error, err);
  } else {
    ok = read_created (client, &t, handle, error);
    if (ok)
      handle->id = wan_provider_task_id (plan, handle->id);
    wan_transfer_clear (&t);
  }
  g_free (call.url);
  g_free (path);
  g_free (body);
  return ok;
}

/* A request for another provider than the client's is refused, like any
 * other invalid request. */
WanPlan *
wan_client_plan (WanClient * client, const WanRequest * req, GError ** error)
{
  if (req->provider != client->provider->id) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID,
        "provider: the request is for %s, the client talks to %s",
        wan_provider_id_to_string (req->provider), client->provider->name);
    return NULL;
  }
  return wan_plan_new (req, error);
}

gchar *
wan_client_submit (WanClient * client, const WanRequest * req,
    GCancellable * cancellable, GError ** error)
{
  WanPlan *plan = wan_client_plan (client, req, error);
  WanTaskHandle handle;
  gchar *id = NULL;

  if (plan == NULL)
    return NULL;
  if (wan_client_create (client, plan, &handle, cancellable, error)) {
    id = handle.id;
    handle.id = NULL;
    wan_task_handle_clear (&handle);
  }
  wan_plan_free (plan);
  return id;
}

gchar *
wan_client_digest_create (WanClient * client, const WanPlan * plan)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  gchar *path, *body, *digest;

  wan_provider_build_create (plan, &path, &body);
  /* The base URL, so that a simulator's or another region's video never
   * stands in for the real one. */
  g_checksum_update (sum, (const guchar *) client->base_url, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) body, -1);
  digest = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  g_free (path);
  g_free (body);
  return digest;
}

/* Where a task call goes: the URL the create answer gave for it, else
 * the provider's path for the id.  A given URL must be on the API origin:
 * the key goes along.  A given path ("/api/v1/videos/ID", as OpenRouter
 * answers) is relative to base-url, like the provider's own paths. */
static gchar *
task_url (WanClient * client, const gchar * given, gchar * path,
    GError ** error)
{
  gchar *url = NULL;

  if (given == NULL)
    url = g_strconcat (client->base_url, path, NULL);
  else if (given[0] == '/' && given[1] != '/')
    url = g_strconcat (client->base_url, given, NULL);
  else if (g_str_has_prefix (given, client->base_url)
      && given[strlen (client->base_url)] == '/')
    url = g_strdup (given);
  else
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL, "%s named a task "
        "URL outside base-url (%s); the key is not sent there",
        client->provider->name, given);
  g_free (path);
  return url;
}

/* A task known only by its id names one the provider could have made: a
 * provider that knows tasks by a path (fal) gave it as
 * "owner/app/requests/ID". */
static gboolean
check_task_id (WanClient * client, const WanTaskHandle * handle,
    GError ** error)
{
  const WanProvider *p = client->provider;

  if (p->task_app_parts == 0 || handle->status_url != NULL
      || (wan_provider_model_is_path (handle->id)
          && strstr (handle->id, "/requests/") != NULL))
    return TRUE;
  g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID, "task-id: '%.64s' is "
      "not a %s task id; %s knows a task as OWNER/APP/requests/ID, as the "
      "element reports it", handle->id, p->name, p->name);
  return FALSE;
}

/* The status answer: a state, or the provider's refusal. */
static gboolean
read_state (WanClient * client, WanTransfer * t, WanTaskState * state,
    GError ** error)
{
  if (t->status >= 300) {
    g_propagate_error (error, wan_api_answer_error (client, t));
    return FALSE;
  }
  return wan_provider_parse_status (client->provider,
      (const gchar *) t->answer->data, t->answer->len, state, error);
}

/* A finished task's output, from its own request (fal): the video URL,
 * or the failure the run ended in, which fal reports only here (HTTP 422
 * with the field at fault). */
static gboolean
fetch_result (WanClient * client, const WanTaskHandle * handle,
    WanTaskState * state, GCancellable * cancellable, GError ** error)
{
  WanApiCall call = {.timeout_s = API_TIMEOUT_S };
  WanTransfer t;
  gboolean ok = FALSE;

  call.url = task_url (client, handle->result_url,
      wan_provider_result_path (client->provider, handle->id), error);
  if (call.url && wan_api_call (client, &t, &call, cancellable, error)) {
    if (t.status >= 300) {
      GError *err = wan_api_answer_error (client, &t);

      state->status = WAN_TASK_FAILED;
      g_free (state->provider_status);
      state->provider_status = g_strdup_printf ("failed (HTTP %ld on its "
          "result)", t.status);
      state->error_code = g_strdup (wan_error_get_provider_code (err));
      state->error_message = g_strdup (err->message);
      g_error_free (err);
      ok = TRUE;
    } else {
      ok = wan_provider_parse_result (client->provider,
          (const gchar *) t.answer->data, t.answer->len, state, error);
    }
    wan_transfer_clear (&t);
  }
  g_free (call.url);
  return ok;
}

gboolean
wan_client_poll (WanClient * client, const WanTaskHandle * handle,
    WanTaskState * state, GCancellable * cancellable, GError ** error)
{
  WanApiCall call = {.timeout_s = API_TIMEOUT_S };
  WanTransfer t;
  gboolean ok = FALSE;

  /* @state is always valid to clear, whatever happens below. */
  memset (state, 0, sizeof (*state));
  if (!check_task_id (client, handle, error))
    return FALSE;
  call.url = task_url (client, handle->status_url,
      wan_provider_status_path (client->provider, handle->id), error);
  if (call.url && wan_api_call (client, &t, &call, cancellable, error)) {
    ok = read_state (client, &t, state, error);
    wan_transfer_clear (&t);
  }
  g_free (call.url);
  if (ok && state->status == WAN_TASK_SUCCEEDED
      && client->provider->result_path != NULL)
    ok = fetch_result (client, handle, state, cancellable, error);
  if (!ok)
    wan_task_state_clear (state);
  return ok;
}

gboolean
wan_client_get_task (WanClient * client, const gchar * task_id,
    WanTaskState * state, GCancellable * cancellable, GError ** error)
{
  WanTaskHandle handle;
  gboolean ok;

  wan_task_handle_init_id (&handle, task_id);
  ok = wan_client_poll (client, &handle, state, cancellable, error);
  wan_task_handle_clear (&handle);
  return ok;
}

gboolean
wan_client_cancel (WanClient * client, const WanTaskHandle * handle,
    GCancellable * cancellable, GError ** error)
{
  const WanProvider *p = client->provider;
  gchar *path = wan_provider_cancel_path (p, handle->id);
  WanApiCall call = {.body = "",.method = p->cancel_method,
    .timeout_s = CANCEL_TIMEOUT_S
  };
  WanTransfer t;
  gboolean ok;

  if (path == NULL && handle->cancel_url == NULL) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID,
        "%s documents no way to cancel a task", p->name);
    return FALSE;
  }
  if (!check_task_id (client, handle, error)) {
    g_free (path);
    return FALSE;
  }
  call.url = task_url (client, handle->cancel_url, path, error);
  if (call.url == NULL)
    return FALSE;
  /* Whether or not an answer came, the transfer was set up. */
  ok = api_request (client, &t, &call, CANCEL_TIMEOUT_S, cancellable, error);
  if (ok && t.status >= 300) {
    g_propagate_error (error, wan_api_answer_error (client, &t));
    ok = FALSE;
  }
  wan_transfer_clear (&t);
  g_free (call.url);
  return ok;
}

gboolean
wan_client_cancel_task (WanClient * client, const gchar * task_id,
    GCancellable * cancellable, GError ** error)
{
  WanTaskHandle handle;
  gboolean ok;

  wan_task_handle_init_id (&handle, task_id);
  ok = wan_client_cancel (client, &handle, cancellable, error);
  wan_task_handle_clear (&handle);
  return ok;
}
