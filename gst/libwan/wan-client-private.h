/* gst-wan: the client's state, and the API calls the library makes with
 * it (private)
 */

#ifndef __WAN_CLIENT_PRIVATE_H__
#define __WAN_CLIENT_PRIVATE_H__

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

/* One API request: GET @url, or POST @body (JSON) or a file upload. */
typedef struct
{
  gchar *url;
  const gchar *body;
  const gchar *upload_path;     /* POST this file as multipart "file" */
  const gchar *upload_type;     /* its media type */
  const gchar *extra_header;
  const gchar *more_header;     /* a second one, or NULL */
  gboolean is_create;           /* costs money: never resent once sent */
  long timeout_s;               /* 0: no total limit (uploads) */
  const gchar *method;          /* NULL: GET, or POST with a body */
  gboolean raw_upload;          /* POST @upload_path's bytes as the body */
  /* An "Authorization:" line sent instead of the key (fal's upload
   * token), or NULL. */
  const gchar *auth;
  /* Form fields (name, value pairs, NULL-terminated) sent before the
   * multipart "file", or NULL. */
  const gchar *const *form;
  /* Neither the key nor @auth: a request to a host that must never see
   * the key (dashscope's upload host). */
  gboolean anonymous;
} WanApiCall;

/* Sets the key on @t the provider's way; returns an "Authorization:"
 * header line to add when the scheme is not curl's bearer (free it with
 * wan_clear_secret()), else NULL. */
gchar *    wan_client_add_auth       (WanClient * client, WanTransfer * t);
void       wan_clear_secret          (gchar ** secret);

/* Sends @call with the key, retrying what can safely be retried, until it
 * gives an answer worth returning (any HTTP status).  On success the
 * caller owns *@t and must clear it. */
gboolean   wan_api_call              (WanClient * client, WanTransfer * t,
                                      const WanApiCall * call,
                                      GCancellable * cancellable,
                                      GError ** error);
/* The error for an answer with status >= 300, in the provider's words. */
GError *   wan_api_answer_error      (WanClient * client, WanTransfer * t);

/* Validates @req, once, for @client's provider. */
WanPlan *  wan_client_plan           (WanClient * client,
                                      const WanRequest * req,
                                      GError ** error);

/* The three task calls, for a validated plan and a task's handle.  A
 * create is never resent on its own (wan_client_submit()). */
gboolean   wan_client_create         (WanClient * client,
                                      const WanPlan * plan,
                                      WanTaskHandle * handle,
                                      GCancellable * cancellable,
                                      GError ** error);
gboolean   wan_client_poll           (WanClient * client,
                                      const WanTaskHandle * handle,
                                      WanTaskState * state,
                                      GCancellable * cancellable,
                                      GError ** error);
gboolean   wan_client_cancel         (WanClient * client,
                                      const WanTaskHandle * handle,
                                      GCancellable * cancellable,
                                      GError ** error);

/* The SHA-256 (hex) of the create call @plan makes through @client:
 * where it goes and what it says. */
gchar *    wan_client_digest_create  (WanClient * client,
                                      const WanPlan * plan);

G_END_DECLS

#endif /* __WAN_CLIENT_PRIVATE_H__ */
