/* gst-wan: one HTTP transfer over libcurl
 *
 * Each transfer is one easy handle driven through the client's multi
 * handle, so that a GCancellable can wake curl_multi_poll() from any thread
 * and a cancel takes effect at once, mid-DNS, mid-connect or mid-body.
 */

#include "wan-transfer.h"

/* API answers and error pages are small; anything bigger is not one. */
#define MAX_ANSWER_SIZE (1024 * 1024)
#define CONNECT_TIMEOUT_S 15
#define MAX_RETRY_DELAY_MS (30 * 1000)
#define MAX_RETRY_AFTER_MS (5 * 60 * 1000)

void
wan_transfer_init (WanTransfer * t, WanClient * client, const gchar * method,
    const gchar * url)
{
  memset (t, 0, sizeof (*t));
  t->client = client;
  g_atomic_int_inc (&client->live_transfers);
  t->easy = curl_easy_init ();
  t->what = g_strdup_printf ("%s %s", method, url);
  t->answer = g_byte_array_new ();
  curl_easy_setopt (t->easy, CURLOPT_URL, url);
  curl_easy_setopt (t->easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (t->easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (t->easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (t->easy, CURLOPT_CONNECTTIMEOUT, (long) CONNECT_TIMEOUT_S);
  curl_easy_setopt (t->easy, CURLOPT_USERAGENT, client->user_agent);
}

void
wan_transfer_clear (WanTransfer * t)
{
  g_atomic_int_add (&t->client->live_transfers, -1);
  curl_easy_cleanup (t->easy);
  g_byte_array_unref (t->answer);
  g_clear_error (&t->callback_error);
  g_free (t->what);
}

static gint64
parse_retry_after (const gchar * value)
{
  guint64 seconds;
  time_t when;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return MIN (seconds * 1000, MAX_RETRY_AFTER_MS);
  /* An HTTP date: curl_getdate() reads all three formats. */
  when = curl_getdate (value, NULL);
  if (when < 0)
    return -1;
  return CLAMP ((gint64) when * 1000 - g_get_real_time () / 1000, 0,
      MAX_RETRY_AFTER_MS);
}

/* "bytes FIRST-LAST/TOTAL"; "bytes FIRST-LAST/" with a "*" for the size
 * (unknown: valid HTTP); or, on a 416, "bytes " "*" "/TOTAL". */
static void
parse_content_range (WanTransfer * t, const gchar * value)
{
  gint64 first, last, total;
  gchar star[2];

  if (sscanf (value, " bytes %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
          "/%" G_GINT64_FORMAT, &first, &last, &total) == 3) {
    t->range_start = first;
    t->range_end = last;
    t->range_total = total;
  } else if (sscanf (value, " bytes %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
          "/%1[*]", &first, &last, star) == 3) {
    t->range_start = first;
    t->range_end = last;
  } else if (sscanf (value, " bytes %1[*]/%" G_GINT64_FORMAT, star,
          &total) == 2) {
    t->range_total = total;
  }
}

static size_t
on_header (char *data, size_t size, size_t nmemb, void *user_data)
{
  WanTransfer *t = user_data;
  gsize len = size * nmemb;
  gchar *line = g_strstrip (g_strndup (data, len));

  /* A new response (after a redirect or 100-continue) starts afresh. */
  if (g_str_has_prefix (line, "HTTP/")) {
    t->retry_after_ms = -1;
    t->range_start = t->range_end = t->range_total = -1;
  } else if (g_ascii_strncasecmp (line, "Retry-After:", 12) == 0) {
    t->retry_after_ms = parse_retry_after (g_strstrip (line + 12));
  } else if (g_ascii_strncasecmp (line, "Content-Range:", 14) == 0) {
    parse_content_range (t, line + 14);
  }
  g_free (line);
  return len;
}

static size_t
on_body (char *data, size_t size, size_t nmemb, void *user_data)
{
  WanTransfer *t = user_data;
  gsize len = size * nmemb;

  /* One curl_multi_perform() may read many buffers in a row on a fast
   * link; stopping here keeps a cancel immediate between them. */
  if (g_cancellable_is_cancelled (t->cancellable))
    return 0;
  if (t->status == 0) {
    curl_off_t length = -1;

    curl_easy_getinfo (t->easy, CURLINFO_RESPONSE_CODE, &t->status);
    curl_easy_getinfo (t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    t->content_length = length >= 0 ? length : -1;
    t->streaming = t->on_data && t->status >= 200 && t->status < 300;
    if (t->streaming && t->on_response
        && !t->on_response (t, &t->callback_error))
      return 0;
  }
  if (t->streaming)
    return t->on_data (t, (const guint8 *) data, len,
        &t->callback_error) ? len : 0;
  if (t->answer->len + len > MAX_ANSWER_SIZE) {
    g_set_error (&t->callback_error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s: the answer is larger than %d bytes", t->what, MAX_ANSWER_SIZE);
    return 0;
  }
  g_byte_array_append (t->answer, (const guint8 *) data, len);
  return len;
}

static void
wake_multi (GCancellable * cancellable, CURLM * multi)
{
  curl_multi_wakeup (multi);
}

gboolean
wan_transfer_perform (WanClient * client, WanTransfer * t,
    GCancellable * cancellable, GError ** error)
{
  gulong handler = 0;
  gboolean done = FALSE;
  CURLcode result = CURLE_OK;

  t->retry_after_ms = -1;
  t->range_start = t->range_end = t->range_total = -1;
  t->content_length = -1;
  t->cancellable = cancellable;
  curl_easy_setopt (t->easy, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt (t->easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (t->easy, CURLOPT_WRITEDATA, t);
  curl_easy_setopt (t->easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (t->easy, CURLOPT_HEADERDATA, t);

  if (cancellable)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_multi),
        client->multi, NULL);
  curl_multi_add_handle (client->multi, t->easy);
  while (!done && !g_cancellable_is_cancelled (cancellable)) {
    CURLMsg *msg;
    int running, queued;

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
  t->cancellable = NULL;

  if (!done || g_cancellable_is_cancelled (cancellable)) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_CANCELLED, "%s: cancelled",
        t->what);
    return FALSE;
  }
  if (t->callback_error) {
    g_propagate_error (error, t->callback_error);
    t->callback_error = NULL;
    return FALSE;
  }
  if (result != CURLE_OK) {
    t->not_sent = result == CURLE_COULDNT_CONNECT
        || result == CURLE_COULDNT_RESOLVE_HOST
        || result == CURLE_COULDNT_RESOLVE_PROXY;
    g_set_error (error, WAN_ERROR, WAN_ERROR_NETWORK, "%s: %s", t->what,
        t->errbuf[0] ? t->errbuf : curl_easy_strerror (result));
    return FALSE;
  }
  curl_easy_getinfo (t->easy, CURLINFO_RESPONSE_CODE, &t->status);
  return TRUE;
}

guint
wan_retry_delay_ms (WanClient * client, guint attempt, gint64 retry_after_ms)
{
  gdouble delay;

  if (retry_after_ms >= 0)
    return retry_after_ms;
  delay = client->retry_delay_ms * (gdouble) (1u << MIN (attempt, 16));
  delay = MIN (delay, MAX_RETRY_DELAY_MS);
  return delay * g_random_double_range (0.75, 1.25);
}

gboolean
wan_retries_left (WanClient * client, guint attempt)
{
  return client->retries < 0 || attempt < (guint) client->retries;
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
