/* gst-wan: fetching a finished video, resuming where a transfer broke off
 *
 * A result URL is fetched with no credentials, unless it is on the API
 * itself (under base-url, as OpenRouter's content endpoint is), where the
 * key already goes: then it carries the key the way API requests do, and
 * curl sends it to that host and port only, never along a redirect to
 * another origin (a CDN).  When a transfer stops
 * early (reset, stall, short body), the next one asks for the rest with a
 * Range request; a server that ignores Range sends the whole file again
 * and the bytes already delivered are skipped, so the caller sees every
 * byte exactly once and in order.  A partial answer that does not say the
 * file's size is never taken as its end: the next byte is asked for, and
 * only a 416 (nothing there) says the file is complete.  Retries start afresh whenever a
 * transfer made progress: only a download that keeps failing on the same
 * byte gives up.
 */

#include "wan-download.h"
#include "wan-transfer.h"

/* A download slower than 1 byte/s for this long has stalled. */
#define STALL_TIMEOUT_S 30
/* Fewer, larger writes into the spool: fewer syscalls and reader wake-ups. */
#define DOWNLOAD_BUFFER_SIZE (512 * 1024)

typedef struct
{
  gchar *url;
  const WanTaskCallbacks *callbacks;
  WanDataFunc func;
  gpointer user_data;
  guint64 received;             /* bytes handed to @func so far */
  guint64 total;                /* the file's size, 0 while unknown */
  guint64 skip;                 /* bytes of this answer already delivered */
  gint64 answer_end;            /* where this answer's bytes end, -1: unknown */
  gboolean partial;             /* this answer is a 206 */
  gboolean ask_next;            /* a part ended where the file may go on */
  gboolean announced;
} Download;

/* The file's size as one answer states it (-1: not stated).  Two answers
 * that disagree are about two different files: none of it can be used. */
static gboolean
take_total (WanTransfer * t, Download * d, gint64 total, GError ** error)
{
  if (total < 0)
    return TRUE;
  if (d->total > 0 && d->total != (guint64) total) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s: the file is now %" G_GINT64_FORMAT " bytes, it was %"
        G_GUINT64_FORMAT, t->what, total, d->total);
    return FALSE;
  }
  d->total = total;
  return TRUE;
}

/* A 206 carries bytes from range_start on, and says the file's size only
 * when it knows it: its Content-Length is the part's, never the file's. */
static gboolean
take_partial_answer (WanTransfer * t, Download * d, GError ** error)
{
  if (t->range_start < 0 || t->range_end < t->range_start
      || t->range_end == G_MAXINT64
      || (t->range_total >= 0 && t->range_total <= t->range_end)) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s: a partial answer (206) without a usable Content-Range", t->what);
    return FALSE;
  }
  if ((guint64) t->range_start > d->received) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s: asked for bytes from %" G_GUINT64_FORMAT ", got them from %"
        G_GINT64_FORMAT, t->what, d->received, t->range_start);
    return FALSE;
  }
  d->skip = d->received - t->range_start;
  d->answer_end = t->range_end + 1;
  return take_total (t, d, t->range_total, error);
}

static gboolean
on_response (WanTransfer * t, GError ** error)
{
  Download *d = t->user_data;

  d->answer_end = -1;
  d->partial = t->status == 206;
  if (d->partial) {
    if (!take_partial_answer (t, d, error))
      return FALSE;
  } else {
    /* The server ignored Range: the whole file again, from its first
     * byte; what was delivered already is skipped, not repeated. */
    d->skip = d->received;
    d->answer_end = t->content_length;
    if (!take_total (t, d, t->content_length, error))
      return FALSE;
  }
  if (!d->announced) {
    d->announced = TRUE;
    if (d->callbacks && d->callbacks->download_started)
      d->callbacks->download_started (d->url, d->total, d->user_data);
  }
  return TRUE;
}

static gboolean
on_data (WanTransfer * t, const guint8 * data, gsize size, GError ** error)
{
  Download *d = t->user_data;
  gsize skipped = MIN (d->skip, size);

  d->skip -= skipped;
  if (size == skipped)
    return TRUE;
  if (!d->func (data + skipped, size - skipped, d->user_data, error))
    return FALSE;
  d->received += size - skipped;
  return TRUE;
}

/* After a transfer that ended without error.  Without a known size, a
 * whole answer without a length ends where curl saw its last chunk; a
 * partial one may have been cut short by the server (a range may be
 * answered with fewer bytes), so it only shows where the file goes on. */
static gboolean
is_complete (Download * d)
{
  if (d->total > 0)
    return d->received == d->total;
  if (d->partial)
    return FALSE;
  return d->answer_end < 0 || d->received == (guint64) d->answer_end;
}

/* A 416 to "bytes=N-": there is nothing from byte N on.  When N is what
 * was delivered, the file is complete, whatever its size said or not. */
static gboolean
take_nothing_left (WanTransfer * t, Download * d, GError ** error)
{
  if (d->received == 0 || (t->range_total >= 0
          && (guint64) t->range_total != d->received)) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s: no bytes from %" G_GUINT64_FORMAT " on, in a file of %"
        G_GINT64_FORMAT " bytes", t->what, d->received, t->range_total);
    return FALSE;
  }
  return take_total (t, d, d->received, error);
}

/* A video the API serves itself (OpenRouter's content endpoint) needs
 * the key; one anywhere else (a CDN) is fetched without it. */
static gboolean
is_api_url (WanClient * client, const gchar * url)
{
  gsize n = strlen (client->base_url);

  return strncmp (url, client->base_url, n) == 0 && url[n] == '/';
}

/* What a transfer that got an answer came to: TRUE when the file is
 * complete, else *@retry says whether another transfer may finish it. */
static gboolean
judge_answer (WanClient * client, WanTransfer * t, Download * d,
    gboolean * retry, GError ** error)
{
  GError *err;

  if (t->status == 416)
    return take_nothing_left (t, d, error);
  if (t->status >= 300) {
    err = wan_provider_parse_error (client->provider, t->status,
        (const gchar *) t->answer->data, t->answer->len);
    g_prefix_error (&err, "download refused (HTTP %ld): ", t->status);
    g_propagate_error (error, err);
    *retry = t->status == 429 || t->status >= 500;
    return FALSE;
  }
  if (d->partial && d->total == 0 && d->received == (guint64) d->answer_end) {
    /* All it announced came; whether the file goes on, the next request
     * tells (a 416 when it does not). */
    g_set_error (error, WAN_ERROR, WAN_ERROR_NETWORK,
        "%s: a part up to byte %" G_GUINT64_FORMAT " of a file of unknown "
        "size", t->what, d->received);
    d->ask_next = TRUE;
    *retry = TRUE;
    return FALSE;
  }
  if (!is_complete (d)) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_NETWORK,
        "%s: the connection ended at byte %" G_GUINT64_FORMAT " of %"
        G_GINT64_FORMAT, t->what, d->received, d->total > 0 ?
        (gint64) d->total : d->answer_end);
    *retry = TRUE;
    return FALSE;
  }
  return TRUE;
}

/* One transfer; TRUE when the file is complete, else *@retry says whether
 * another transfer may finish it. */
static gboolean
fetch_once (WanClient * client, Download * d, gboolean * retry,
    gint64 * retry_after_ms, GCancellable * cancellable, GError ** error)
{
  WanTransfer t;
  gboolean ok;
  gchar *range = NULL, *auth = NULL;
  struct curl_slist *headers = NULL;

  wan_transfer_init (&t, client, "GET", d->url);
  if (is_api_url (client, d->url))
    auth = wan_client_add_auth (client, &t);
  if (auth) {
    headers = curl_slist_append (headers, auth);
    curl_easy_setopt (t.easy, CURLOPT_HTTPHEADER, headers);
  }
  t.on_response = on_response;
  t.on_data = on_data;
  t.user_data = d;
  curl_easy_setopt (t.easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt (t.easy, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt (t.easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (t.easy, CURLOPT_LOW_SPEED_TIME, (long) STALL_TIMEOUT_S);
  curl_easy_setopt (t.easy, CURLOPT_BUFFERSIZE, (long) DOWNLOAD_BUFFER_SIZE);
  if (d->received > 0) {
    range = g_strdup_printf ("%" G_GUINT64_FORMAT "-", d->received);
    curl_easy_setopt (t.easy, CURLOPT_RANGE, range);
  }

  *retry = FALSE;
  ok = wan_transfer_perform (client, &t, cancellable, error);
  *retry_after_ms = t.retry_after_ms;
  if (!ok)
    *retry = (*error)->code == WAN_ERROR_NETWORK;
  else
    ok = judge_answer (client, &t, d, retry, error);
  wan_transfer_clear (&t);
  curl_slist_free_all (headers);
  wan_clear_secret (&auth);
  g_free (range);
  return ok;
}

/* Result URLs are signed and expire: a refusal may only mean that. */
static gboolean
is_expired (const GError * error)
{
  guint status = wan_error_get_http_status (error);

  return status == 403 || status == 404 || status == 410;
}

static gboolean
download (WanClient * client, const gchar * url, WanRefreshFunc refresh,
    gpointer refresh_data, const WanTaskCallbacks * callbacks,
    WanDataFunc func, gpointer user_data, guint64 offset, guint64 * size,
    GCancellable * cancellable, GError ** error)
{
  Download d = { g_strdup (url), callbacks, func, user_data, offset, 0, 0, -1,
    FALSE
  };
  guint attempt = 0;
  gboolean ok = TRUE;

  while (TRUE) {
    GError *err = NULL;
    guint64 before = d.received;
    gboolean retry;
    gint64 retry_after_ms;
    gchar *fresh = NULL;

    if (fetch_once (client, &d, &retry, &retry_after_ms, cancellable, &err))
      break;
    if (d.received > before)
      attempt = 0;
    if (d.ask_next && d.received > before) {
      /* Not a failure: the next part is asked for at once. */
      d.ask_next = FALSE;
      g_error_free (err);
      continue;
    }
    d.ask_next = FALSE;
    if (!retry && refresh && is_expired (err)) {
      /* Once: a second refusal of a fresh URL is not an expiry. */
      g_debug ("%s; asking for a fresh URL", err->message);
      fresh = refresh (refresh_data, cancellable);
      refresh = NULL;
      if (fresh) {
        g_free (d.url);
        d.url = fresh;
        g_error_free (err);
        continue;
      }
    }
    if (!retry || !wan_retries_left (client, attempt)) {
      g_propagate_error (error, err);
      ok = FALSE;
      break;
    }
    g_debug ("%s; resuming at byte %" G_GUINT64_FORMAT, err->message,
        d.received);
    g_error_free (err);
    if (!wan_wait (wan_retry_delay_ms (client, attempt++, retry_after_ms),
            cancellable)) {
      g_set_error (error, WAN_ERROR, WAN_ERROR_CANCELLED,
          "GET %s: cancelled while waiting to resume", d.url);
      ok = FALSE;
      break;
    }
  }
  if (size)
    *size = d.received;
  g_free (d.url);
  return ok;
}

gboolean
wan_client_download (WanClient * client, const gchar * url, WanDataFunc func,
    gpointer user_data, guint64 * content_length, GCancellable * cancellable,
    GError ** error)
{
  return download (client, url, NULL, NULL, NULL, func, user_data, 0,
      content_length, cancellable, error);
}

gboolean
wan_client_fetch_video (WanClient * client, const gchar * url,
    WanRefreshFunc refresh, gpointer refresh_data,
    const WanTaskCallbacks * callbacks, gpointer user_data,
    GCancellable * cancellable, GError ** error)
{
  /* Bytes a crashed run left behind are continued, not fetched again. */
  guint64 offset = callbacks->resume_offset ?
      callbacks->resume_offset (user_data) : 0;

  return download (client, url, refresh, refresh_data, callbacks,
      callbacks->data, user_data, offset, NULL, cancellable, error);
}
