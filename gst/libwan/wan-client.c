/* gst-wan: HTTP transport for the provider tables
 *
 * Each transfer is one curl easy handle driven through the client's multi
 * handle, so that a GCancellable can wake curl_multi_poll() from any thread
 * and a cancel takes effect at once, mid-DNS, mid-connect or mid-body.
 *
 * The API key is attached only to API requests, as a bearer token that
 * libcurl never forwards to another host; result URLs are fetched with no
 * credentials at all.
 */

#include <curl/curl.h>
#include "wan-provider.h"

/* API answers are small; anything bigger is not an answer. */
#define MAX_ANSWER_SIZE (1024 * 1024)
#define CONNECT_TIMEOUT_S 15
#define API_TIMEOUT_S 60
/* A download slower than 1 byte/s for this long has stalled. */
#define STALL_TIMEOUT_S 30

struct _WanClient
{
  const WanProvider *provider;
  gchar *base_url;
  gchar *api_key;
  gchar *user_agent;
  CURLM *multi;
};

typedef struct
{
  CURL *easy;
  GByteArray *answer;           /* API answer, or a download's error page */
  WanDataFunc func;             /* downloads only */
  gpointer user_data;
  void (*started) (const gchar * url, guint64 length, gpointer user_data);
  const gchar *url;
  gboolean checked_status;
  gboolean is_error_page;
  guint64 content_length;
  GError *func_error;
  gchar errbuf[CURL_ERROR_SIZE];
} Transfer;

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
  client->multi = curl_multi_init ();
  return client;
}

void
wan_client_free (WanClient * client)
{
  if (client == NULL)
    return;
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

static size_t
on_body (char *data, size_t size, size_t nmemb, void *user_data)
{
  Transfer *t = user_data;
  gsize len = size * nmemb;

  if (!t->checked_status) {
    long status = 0;
    curl_off_t length = -1;

    t->checked_status = TRUE;
    curl_easy_getinfo (t->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo (t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    t->is_error_page = status >= 300;
    t->content_length = length > 0 ? (guint64) length : 0;
    if (t->func && !t->is_error_page && t->started)
      t->started (t->url, t->content_length, t->user_data);
  }
  if (t->func && !t->is_error_page) {
    if (!t->func ((const guint8 *) data, len, t->user_data, &t->func_error))
      return 0;
    return len;
  }
  if (t->answer->len + len > MAX_ANSWER_SIZE)
    return 0;
  g_byte_array_append (t->answer, (const guint8 *) data, len);
  return len;
}

static void
wake_multi (GCancellable * cancellable, CURLM * multi)
{
  curl_multi_wakeup (multi);
}

static GError *
transfer_error (Transfer * t, CURLcode result, const gchar * what)
{
  if (t->func_error) {
    GError *error = t->func_error;

    t->func_error = NULL;
    return error;
  }
  if (result == CURLE_WRITE_ERROR)
    return g_error_new (WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s: the answer is larger than %d bytes", what, MAX_ANSWER_SIZE);
  return g_error_new (WAN_ERROR, WAN_ERROR_NETWORK, "%s: %s", what,
      t->errbuf[0] ? t->errbuf : curl_easy_strerror (result));
}

/* Runs @t to completion or cancellation.  On success *@http_status holds
 * the final status code. */
static gboolean
perform (WanClient * client, Transfer * t, const gchar * what,
    GCancellable * cancellable, long *http_status, GError ** error)
{
  gulong handler = 0;
  gboolean done = FALSE, cancelled = FALSE;
  CURLcode result = CURLE_OK;

  curl_easy_setopt (t->easy, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt (t->easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (t->easy, CURLOPT_WRITEDATA, t);
  curl_easy_setopt (t->easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (t->easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (t->easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (t->easy, CURLOPT_CONNECTTIMEOUT, (long) CONNECT_TIMEOUT_S);
  curl_easy_setopt (t->easy, CURLOPT_USERAGENT, client->user_agent);
  curl_easy_setopt (t->easy, CURLOPT_ACCEPT_ENCODING, "");

  if (cancellable)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_multi),
        client->multi, NULL);
  curl_multi_add_handle (client->multi, t->easy);
  while (!done) {
    CURLMsg *msg;
    int running, queued;

    if (g_cancellable_is_cancelled (cancellable)) {
      cancelled = TRUE;
      break;
    }
    curl_multi_perform (client->multi, &running);
    while ((msg = curl_multi_info_read (client->multi, &queued)) != NULL) {
      if (msg->msg == CURLMSG_DONE && msg->easy_handle == t->easy) {
        result = msg->data.result;
        done = TRUE;
      }
    }
    if (!done)
      curl_multi_poll (client->multi, NULL, 0, 1000, NULL);
  }
  curl_multi_remove_handle (client->multi, t->easy);
  if (handler)
    g_cancellable_disconnect (cancellable, handler);

  if (cancelled) {
    g_clear_error (&t->func_error);
    g_set_error (error, WAN_ERROR, WAN_ERROR_CANCELLED, "%s: cancelled", what);
    return FALSE;
  }
  if (result != CURLE_OK) {
    g_propagate_error (error, transfer_error (t, result, what));
    return FALSE;
  }
  curl_easy_getinfo (t->easy, CURLINFO_RESPONSE_CODE, http_status);
  return TRUE;
}

/* One authenticated request to the API origin; answers of any status are
 * returned, a transfer failure is an error. */
static gboolean
api_request (WanClient * client, const gchar * path, const gchar * body,
    const gchar * extra_header, GCancellable * cancellable,
    long *http_status, GBytes ** answer, GError ** error)
{
  Transfer t = { 0, };
  struct curl_slist *headers = NULL;
  gchar *url = g_strconcat (client->base_url, path, NULL);
  gchar *what = g_strdup_printf ("%s %s", body ? "POST" : "GET", url);
  gboolean ok;

  g_debug ("%s", what);
  t.easy = curl_easy_init ();
  t.answer = g_byte_array_new ();
  headers = curl_slist_append (headers, "Accept: application/json");
  if (body) {
    headers = curl_slist_append (headers, "Content-Type: application/json");
    curl_easy_setopt (t.easy, CURLOPT_POSTFIELDS, body);
  }
  if (extra_header)
    headers = curl_slist_append (headers, extra_header);
  curl_easy_setopt (t.easy, CURLOPT_URL, url);
  curl_easy_setopt (t.easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (t.easy, CURLOPT_TIMEOUT, (long) API_TIMEOUT_S);
  /* The key stays on the API origin: no redirects are followed here. */
  curl_easy_setopt (t.easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (t.easy, CURLOPT_HTTPAUTH, (long) CURLAUTH_BEARER);
  curl_easy_setopt (t.easy, CURLOPT_XOAUTH2_BEARER, client->api_key);

  ok = perform (client, &t, what, cancellable, http_status, error);
  if (ok)
    *answer = g_byte_array_free_to_bytes (t.answer);
  else
    g_byte_array_unref (t.answer);
  curl_slist_free_all (headers);
  curl_easy_cleanup (t.easy);
  g_free (url);
  g_free (what);
  return ok;
}

gchar *
wan_client_submit (WanClient * client, const WanRequest * req,
    GCancellable * cancellable, GError ** error)
{
  const WanProvider *p = client->provider;
  gchar *path, *body, *id = NULL;
  GBytes *answer = NULL;
  long status = 0;
  GError *err = NULL;

  if (!wan_provider_build_create (p, req, &path, &body, error))
    return NULL;
  if (!api_request (client, path, body, p->create_header, cancellable,
          &status, &answer, &err)) {
    /* The request may have reached the provider: say so, and do not
     * resend it on our own. */
    if (err->code == WAN_ERROR_NETWORK)
      g_prefix_error (&err, "%s may or may not have created a task: ", p->name);
    g_propagate_error (error, err);
  } else if (status >= 300) {
    g_propagate_error (error, wan_provider_parse_error (p, status,
            g_bytes_get_data (answer, NULL), g_bytes_get_size (answer)));
  } else {
    id = wan_provider_parse_create (p, g_bytes_get_data (answer, NULL),
        g_bytes_get_size (answer), error);
  }
  if (answer)
    g_bytes_unref (answer);
  g_free (path);
  g_free (body);
  return id;
}

gboolean
wan_client_get_task (WanClient * client, const gchar * task_id,
    WanTaskState * state, GCancellable * cancellable, GError ** error)
{
  const WanProvider *p = client->provider;
  gchar *path = wan_provider_status_path (p, task_id);
  GBytes *answer = NULL;
  long status = 0;
  gboolean ok = FALSE;

  /* @state is always valid to clear, whatever happens below. */
  memset (state, 0, sizeof (*state));
  if (!api_request (client, path, NULL, NULL, cancellable, &status, &answer,
          error)) {
    /* nothing to add */
  } else if (status >= 300) {
    g_propagate_error (error, wan_provider_parse_error (p, status,
            g_bytes_get_data (answer, NULL), g_bytes_get_size (answer)));
  } else {
    ok = wan_provider_parse_status (p, g_bytes_get_data (answer, NULL),
        g_bytes_get_size (answer), state, error);
  }
  if (answer)
    g_bytes_unref (answer);
  g_free (path);
  return ok;
}

static gboolean
download (WanClient * client, const gchar * url,
    const WanTaskCallbacks * cb, WanDataFunc func, gpointer user_data,
    guint64 * content_length, GCancellable * cancellable, GError ** error)
{
  Transfer t = { 0, };
  long status = 0;
  gboolean ok;
  gchar *what = g_strdup_printf ("GET %s", url);

  t.easy = curl_easy_init ();
  t.answer = g_byte_array_new ();
  t.func = func;
  t.user_data = user_data;
  t.url = url;
  t.started = cb ? cb->download_started : NULL;
  curl_easy_setopt (t.easy, CURLOPT_URL, url);
  curl_easy_setopt (t.easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt (t.easy, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt (t.easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (t.easy, CURLOPT_LOW_SPEED_TIME, (long) STALL_TIMEOUT_S);

  ok = perform (client, &t, what, cancellable, &status, error);
  if (ok && status >= 300) {
    GError *err = wan_provider_parse_error (client->provider, status,
        (const gchar *) t.answer->data, t.answer->len);

    g_prefix_error (&err, "download refused (HTTP %ld): ", status);
    g_propagate_error (error, err);
    ok = FALSE;
  }
  if (content_length)
    *content_length = t.content_length;
  g_byte_array_unref (t.answer);
  curl_easy_cleanup (t.easy);
  g_free (what);
  return ok;
}

gboolean
wan_client_download (WanClient * client, const gchar * url, WanDataFunc func,
    gpointer user_data, guint64 * content_length, GCancellable * cancellable,
    GError ** error)
{
  return download (client, url, NULL, func, user_data, content_length,
      cancellable, error);
}

gboolean
wan_client_fetch_video (WanClient * client, const gchar * url,
    const WanTaskCallbacks * callbacks, gpointer user_data,
    GCancellable * cancellable, GError ** error)
{
  return download (client, url, callbacks, callbacks->data, user_data, NULL,
      cancellable, error);
}

gboolean
wan_wait (guint ms, GCancellable * cancellable)
{
  GPollFD pollfd;
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  if (!cancellable || !g_cancellable_make_pollfd (cancellable, &pollfd)) {
    g_usleep ((gulong) ms * 1000);
    return !g_cancellable_is_cancelled (cancellable);
  }
  while (!g_cancellable_is_cancelled (cancellable)) {
    gint64 left = end - g_get_monotonic_time ();

    if (left <= 0)
      break;
    g_poll (&pollfd, 1, (gint) ((left + 999) / 1000));
  }
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}
