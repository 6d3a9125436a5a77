/* gst-wan: one HTTP transfer over libcurl (private)
 *
 * Shared by the API calls (wan-client.c) and the video download
 * (wan-download.c).  A transfer either collects its answer, capped, or
 * streams a successful body to a callback; either way the headers that
 * decide a retry (Retry-After, Content-Range) are read for the caller.
 */

#ifndef __WAN_TRANSFER_H__
#define __WAN_TRANSFER_H__

#include "wan-client-private.h"

G_BEGIN_DECLS

struct _WanTransfer
{
  WanClient *client;
  CURL *easy;
  gchar *what;                  /* "GET https://…" for messages */

  /* Streams a 2xx body when set; other bodies are collected in @answer.
   * @on_response is called once, before the first streamed byte. */
  gboolean (*on_response) (WanTransfer * t, GError ** error);
  gboolean (*on_data) (WanTransfer * t, const guint8 * data, gsize size,
      GError ** error);
  gpointer user_data;

  /* Filled in by the transfer. */
  GByteArray *answer;
  long status;
  gint64 retry_after_ms;        /* -1: the server gave none */
  /* From Content-Range: the bytes this answer carries (first and last,
   * -1: no such header) and the whole file's size (-1: unknown, "*"). */
  gint64 range_start;
  gint64 range_end;
  gint64 range_total;
  gint64 content_length;        /* -1: unknown */
  gboolean not_sent;            /* failed before the request went out */
  gboolean streaming;
  GCancellable *cancellable;    /* of the running perform */
  GError *callback_error;
  gchar errbuf[CURL_ERROR_SIZE];
};

/* Sets up @t for @url; the caller adds its own options. */
void       wan_transfer_init     (WanTransfer * t, WanClient * client,
                                  const gchar * method, const gchar * url);
void       wan_transfer_clear    (WanTransfer * t);
/* Runs @t to its end or to cancellation; FALSE only when no HTTP answer
 * was received (network failure, callback error, cancellation). */
gboolean   wan_transfer_perform  (WanClient * client, WanTransfer * t,
                                  GCancellable * cancellable,
                                  GError ** error);

/* How long to wait before retry number @attempt (0 for the first):
 * the server's Retry-After if it gave one, else exponential backoff from
 * the client's first delay, capped, with ±25 % jitter. */
guint      wan_retry_delay_ms    (WanClient * client, guint attempt,
                                  gint64 retry_after_ms);
gboolean   wan_retries_left      (WanClient * client, guint attempt);

G_END_DECLS

#endif /* __WAN_TRANSFER_H__ */
