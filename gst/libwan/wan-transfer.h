/* gst-wan: one HTTP transfer over libcurl (private)
 *
 * Shared by the API calls (wan-client.c) and the video download
 * (wan-download.c).  A transfer either collects its answer, capped, or
 * streams a successful body to a callback; either way the headers that
 * decide a retry (Retry-After, Content-Range) are read for the caller.
 */

#ifndef __WAN_TRANSFER_H__
#define __WAN_TRANSFER_H__

#include <curl/curl.h>
#include "wan-provider.h"

G_BEGIN_DECLS

struct _WanClient
{
  const WanProvider *provider;
  gchar *base_url;
  gchar *api_key;
  gchar *user_agent;
  gint retries;                 /* -1: forever */
  guint retry_delay_ms;         /* the first backoff; doubles each time */
  CURLM *multi;
  /* Transfers initialized and not yet cleared: 0 whenever no call is
   * under way, or a handle (and its answer) leaked. */
  gint live_transfers;
};

typedef struct _WanTransfer WanTransfer;

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

/* One API request: GET @url, or POST @body (JSON) or a file upload. */
typedef struct
{
  gchar *url;
  const gchar *body;
  const gchar *upload_path;     /* POST this file as multipart "file" */
  const gchar *upload_type;     /* its media type */
  const gchar *extra_header;
  gboolean is_create;           /* costs money: never resent once sent */
  long timeout_s;               /* 0: no total limit (uploads) */
} WanApiCall;

/* Sends @call with the key, retrying what can safely be retried, until it
 * gives an answer worth returning (any HTTP status).  On success the
 * caller owns *@t and must clear it. */
gboolean   wan_api_call          (WanClient * client, WanTransfer * t,
                                  const WanApiCall * call,
                                  GCancellable * cancellable,
                                  GError ** error);
/* The error for an answer with status >= 300, in the provider's words. */
GError *   wan_api_answer_error  (WanClient * client, WanTransfer * t);

/* Replaces each local input of @req with a stand-in naming its contents'
 * SHA-256, so that a digest of the request follows what the files hold,
 * not where they are. */
gboolean   wan_inputs_hash_local (WanRequest * req, GError ** error);

/* wan_client_request_digest() for a request known valid. */
gchar *    wan_client_digest_request (WanClient * client,
                                      const WanRequest * req,
                                      GError ** error);

/* How long to wait before retry number @attempt (0 for the first):
 * the server's Retry-After if it gave one, else exponential backoff from
 * the client's first delay, capped, with ±25 % jitter. */
guint      wan_retry_delay_ms    (WanClient * client, guint attempt,
                                  gint64 retry_after_ms);
gboolean   wan_retries_left      (WanClient * client, guint attempt);

G_END_DECLS

#endif /* __WAN_TRANSFER_H__ */
