/* gst-wan: Wan video generation client
 *
 * Runs a Wan task against one provider over HTTP: submit, poll, download.
 * Usable without any GStreamer pipeline.  Every blocking call takes a
 * GCancellable; cancelling it interrupts a transfer or a wait at once.
 *
 * This library is free software; you can redistribute it and/or modify it
 * under the terms of the GNU Library General Public License as published by
 * the Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#ifndef __WAN_CLIENT_H__
#define __WAN_CLIENT_H__

#include <gio/gio.h>
#include <wan/wan-request.h>

G_BEGIN_DECLS

#define WAN_ERROR (wan_error_quark ())

typedef enum
{
  WAN_ERROR_AUTH,               /* 401, 403: key missing, wrong or not allowed */
  WAN_ERROR_NOT_FOUND,          /* unknown or expired task */
  WAN_ERROR_INVALID,            /* request refused, locally or by the provider */
  WAN_ERROR_QUOTA,              /* 402, arrears: no credit left */
  WAN_ERROR_RATE_LIMITED,       /* 429 */
  WAN_ERROR_SERVER,             /* 5xx */
  WAN_ERROR_TASK_FAILED,        /* the task itself ended failed */
  WAN_ERROR_TIMEOUT,            /* the generation took longer than allowed */
  WAN_ERROR_NETWORK,            /* no connection, reset, stalled */
  WAN_ERROR_PROTOCOL,           /* an answer that is not what was documented */
  WAN_ERROR_CANCELLED,
} WanErrorCode;

GQuark        wan_error_quark             (void);

/* Details a WAN_ERROR carries besides its message (the provider's own). */
guint         wan_error_get_http_status   (const GError * error);
const gchar * wan_error_get_provider_code (const GError * error);
const gchar * wan_error_get_request_id    (const GError * error);

typedef enum
{
  WAN_TASK_QUEUED,
  WAN_TASK_RUNNING,
  WAN_TASK_SUCCEEDED,
  WAN_TASK_FAILED,
} WanTaskStatus;

/* One provider's status answer, normalized. */
typedef struct
{
  WanTaskStatus status;
  gint progress;                /* 0-100, -1 when the provider gives none */
  gint estimated_seconds;       /* -1 when unknown */
  gchar *provider_status;       /* the provider's own word for the status */
  gchar *video_url;             /* SUCCEEDED only */
  gchar *error_code;            /* FAILED only, may be NULL */
  gchar *error_message;         /* FAILED only, may be NULL */
  gint queue_position;          /* QUEUED: requests ahead (0: next), -1 when
                                 * the provider gives none */
} WanTaskState;

void          wan_task_state_clear        (WanTaskState * state);
const gchar * wan_task_status_to_string   (WanTaskStatus status);

typedef struct _WanClient WanClient;

/* Checks an API base URL before any request: https, or http to a loopback
 * host (a local simulator or proxy); plain http elsewhere would expose the
 * API key, and is accepted only with @allow_insecure. */
gboolean      wan_check_base_url          (const gchar * base_url,
                                           gboolean allow_insecure,
                                           GError ** error);

WanClient *   wan_client_new              (WanProviderId provider,
                                           const gchar * base_url,
                                           const gchar * api_key);
void          wan_client_free             (WanClient * client);

void          wan_client_set_user_agent   (WanClient * client,
                                           const gchar * user_agent);

/* Defaults of wan_client_set_retries(), for callers that offer them as
 * settings. */
#define WAN_DEFAULT_RETRIES 5
#define WAN_DEFAULT_RETRY_DELAY_MS 1000

/* How often a transient failure is retried (-1: forever; default
 * WAN_DEFAULT_RETRIES), and the first wait, which doubles each time
 * (default WAN_DEFAULT_RETRY_DELAY_MS).  A server's Retry-After replaces
 * the computed wait. */
void          wan_client_set_retries      (WanClient * client, gint retries,
                                           guint first_delay_ms);

/* Validates @req, then creates a task; returns its id.  Never resent on
 * its own: a create whose answer was lost may have been accepted (and
 * paid) by the provider. */
gchar *       wan_client_submit           (WanClient * client,
                                           const WanRequest * req,
                                           GCancellable * cancellable,
                                           GError ** error);

/* One status request.  A task that ended failed is returned as a state,
 * not as an error. */
gboolean      wan_client_get_task         (WanClient * client,
                                           const gchar * task_id,
                                           WanTaskState * state,
                                           GCancellable * cancellable,
                                           GError ** error);

/* Makes @req's local inputs (paths, file:// URIs) usable by the provider:
 * each is uploaded to the provider's upload service, or becomes a data:
 * URI, as docs/providers.md documents for that provider.  @prepared receives a copy
 * of @req with only URLs left; clear it with wan_request_clear().
 * wan_client_run() does this itself. */
gboolean      wan_client_prepare_inputs   (WanClient * client,
                                           const WanRequest * req,
                                           WanRequest * prepared,
                                           GCancellable * cancellable,
                                           GError ** error);

/* A SHA-256 digest (hex) of exactly what wan_client_submit() would send
 * for @req, and where: the same request to the same API gives the same
 * digest.  A local input counts by its contents, not its name (it is read
 * to hash it).  For caching results; validates @req like a submit. */
gchar *       wan_client_request_digest   (WanClient * client,
                                           const WanRequest * req,
                                           GError ** error);

/* What wan_client_submit() would send for @req, without sending it:
 * the URL of the create call, its headers (one per line, the key shown
 * as "***") and its JSON body.  Validates @req like a submit; local
 * inputs appear as given, before any upload. */
gboolean      wan_client_describe_create  (WanClient * client,
                                           const WanRequest * req,
                                           gchar ** url, gchar ** headers,
                                           gchar ** body, GError ** error);

/* Asks the provider to stop a task that has not started generating (only
 * dashscope documents this, for PENDING tasks).  One attempt, at most 10 s:
 * it is meant for shutting down.  Fails with WAN_ERROR_INVALID when the
 * provider has no cancel call, or with the provider's refusal. */
gboolean      wan_client_cancel_task      (WanClient * client,
                                           const gchar * task_id,
                                           GCancellable * cancellable,
                                           GError ** error);

/* Called with each piece of the video as it arrives; return FALSE (and set
 * @error) to abort. */
typedef gboolean (*WanDataFunc)           (const guint8 * data, gsize size,
                                           gpointer user_data,
                                           GError ** error);

/* Fetches a result URL, without the API key, resuming with Range requests
 * when a transfer breaks off.  @size receives the number of bytes. */
gboolean      wan_client_download         (WanClient * client,
                                           const gchar * url,
                                           WanDataFunc func,
                                           gpointer user_data,
                                           guint64 * size,
                                           GCancellable * cancellable,
                                           GError ** error);

/* The whole flow in one call, for applications that want no pipeline. */
typedef struct
{
  /* A new task was created (not called when resuming). */
  void     (*task_created)   (const gchar * task_id, gpointer user_data);
  /* The provider reported a new status or progress. */
  void     (*state_changed)  (const gchar * task_id, const WanTaskState * state,
                              gpointer user_data);
  /* The video download begins; @content_length is 0 when unknown. */
  void     (*download_started) (const gchar * video_url, guint64 content_length,
                              gpointer user_data);
  WanDataFunc data;
  /* Optional, asked once the task has succeeded, before the download: how
   * many bytes of this video the caller already holds (a partial file
   * from an earlier run).  The download then asks for the rest with a
   * Range request and hands @data only the bytes after them. */
  guint64  (*resume_offset)  (gpointer user_data);
  /* Local inputs are being sent to the provider: called with @done 0
   * before the first, and @done == @total after the last.  Not called
   * when the request has no local input. */
  void     (*inputs_sending) (guint done, guint total, gpointer user_data);
} WanTaskCallbacks;

typedef struct
{
  guint timeout_seconds;        /* whole generation, 0: no limit */
  guint poll_interval_ms;       /* 0: adaptive schedule */
} WanRunOptions;

/* Submits @req (or resumes @task_id when not NULL), polls until the task
 * ends, then downloads the video through @callbacks->data.  Local inputs
 * are made usable first (wan_client_prepare_inputs()). */
gboolean      wan_client_run              (WanClient * client,
                                           const WanRequest * req,
                                           const gchar * task_id,
                                           const WanRunOptions * options,
                                           const WanTaskCallbacks * callbacks,
                                           gpointer user_data,
                                           GCancellable * cancellable,
                                           GError ** error);

/* One generation: a request checked once against its provider's
 * documented limits, then run.  Nothing is sent before wan_job_run(). */
typedef struct _WanJob WanJob;

/* Validates @req, once, for @client's provider: WAN_ERROR_INVALID naming
 * the property.  @client must outlive the job. */
WanJob *      wan_job_new                 (WanClient * client,
                                           const WanRequest * req,
                                           GError ** error);
/* A task given by id: no request. */
WanJob *      wan_job_new_resume          (WanClient * client,
                                           const gchar * task_id);
void          wan_job_free                (WanJob * job);

/* SHA-256 (hex) of exactly what the create call would send, and where:
 * the same request to the same API gives the same digest.  Local inputs
 * count by their contents (read here, not by their name).  NULL for a
 * resume job. */
gchar *       wan_job_digest              (WanJob * job,
                                           GCancellable * cancellable,
                                           GError ** error);

/* Makes local inputs usable (upload or data: URI), submits — or resumes
 * @task_id when not NULL (a task an earlier run created for the same
 * request) — polls until the task ends and downloads the video through
 * @callbacks. */
gboolean      wan_job_run                 (WanJob * job,
                                           const gchar * task_id,
                                           const WanRunOptions * options,
                                           const WanTaskCallbacks * callbacks,
                                           gpointer user_data,
                                           GCancellable * cancellable,
                                           GError ** error);

/* Sleeps up to @ms, returning FALSE at once when @cancellable fires. */
gboolean      wan_wait                    (guint ms, GCancellable * cancellable);

G_END_DECLS

#endif /* __WAN_CLIENT_H__ */
