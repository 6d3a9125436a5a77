/* gst-wan: provider tables (private)
 *
 * A provider is data: its endpoints, its models with their documented
 * limits, where its answers keep the task id, status, progress and video
 * URL, and one function that lays a request out as its JSON body.  All of it
 * is pure: no I/O happens here, so every provider is tested with literal
 * answers from API.md.
 */

#ifndef __WAN_PROVIDER_H__
#define __WAN_PROVIDER_H__

#include <json-glib/json-glib.h>
#include <wan/wan-client.h>

G_BEGIN_DECLS

/* Optional request fields a model accepts. */
typedef enum
{
  WAN_PARAM_NEGATIVE_PROMPT = 1 << 0,
  WAN_PARAM_AUDIO_URI = 1 << 1,
  WAN_PARAM_RESOLUTION = 1 << 2,
  WAN_PARAM_ASPECT_RATIO = 1 << 3,
  WAN_PARAM_SEED = 1 << 4,
  WAN_PARAM_PROMPT_EXTEND = 1 << 5,
  WAN_PARAM_AUDIO = 1 << 6,     /* an audio on/off switch */
  WAN_PARAM_WATERMARK = 1 << 7,
  WAN_PARAM_SHOT_TYPE = 1 << 8,
  WAN_PARAM_CALLBACK_URL = 1 << 9,
} WanParams;

/* Allowed durations as a bit set: bit n set means n seconds. */
#define WAN_SECONDS_5_10_15 ((1u << 5) | (1u << 10) | (1u << 15))
#define WAN_SECONDS_2_TO_10 (((1u << 11) - 1) & ~3u)

#define WAN_MAX_PROMPT_CHARS 1500
#define WAN_MAX_REFERENCES 3
#define WAN_MAX_CALLBACK_URL 2048

typedef struct
{
  WanMode mode;
  gboolean flash;
  const gchar *model;
  guint params;                 /* WanParams */
  guint durations;
  gboolean prompt_required;
  gboolean image_data_uri;      /* the image may be sent as a data: URI */
} WanModelSpec;

/* The special status a provider uses for an unknown task id. */
#define WAN_TASK_UNKNOWN_ID ((WanTaskStatus) -1)

typedef struct
{
  const gchar *word;
  WanTaskStatus status;
} WanStatusWord;

/* Where a status answer keeps each piece, as member paths ("output.task_id",
 * "result.data[0].url").  A list
 * is tried in order, for the variants the documentation disagrees on. */
typedef struct
{
  const gchar *status;
  const WanStatusWord *words;   /* ends with word == NULL */
  const gchar *progress;
  const gchar *estimated_seconds;
  const gchar *const *video_url;
  const gchar *error_code;
  const gchar *error_message;
} WanStatusShape;

/* Where a provider takes local files (a multipart POST of field "file"),
 * and where its answer keeps the file's new URL. */
typedef struct
{
  const gchar *host;            /* scheme://host of the upload service;
                                 * NULL: the API base URL itself */
  const gchar *path;
  gboolean images_only;
  guint64 max_bytes;
  const gchar *success;         /* member path of a boolean "it worked" */
  const gchar *url;             /* member path of the uploaded file's URL */
  const gchar *message;         /* member path of the refusal's message */
} WanUploadSpec;

/* What a provider documents for a local file of one kind. */
typedef struct
{
  const gchar *const *formats;  /* WanFileInfo formats; NULL: any */
  guint64 max_bytes;            /* 0: no documented limit */
  guint min_side, max_side;     /* pixels per side, 0: none */
  gboolean opaque;              /* no alpha channel */
  guint min_seconds, max_seconds;       /* 0: none */
} WanFileLimits;

typedef struct _WanProvider WanProvider;

struct _WanProvider
{
  WanProviderId id;
  const gchar *name;
  const gchar *default_base_url;
  const gchar *key_env;
  const WanModelSpec *models;   /* ends with model == NULL */

  const gchar *create_path;
  const gchar *create_header;   /* an extra request header, or NULL */
  const gchar *status_path;     /* printf format, %s is the escaped id */
  const gchar *cancel_path;     /* printf format like status_path; NULL when
                                 * the provider documents no cancel */
  const gchar *const *task_id;  /* member paths of the id in a create answer */
  WanStatusShape status_shape;
  const WanUploadSpec *upload;  /* NULL: the provider takes no files */
  /* By WanInputKind; NULL: nothing documented beyond the kind. */
  const WanFileLimits *file_limits[3];

  /* Lays out @req as this provider's create body for @spec's model. */
  void (*build_body) (JsonBuilder * b, const WanRequest * req,
      const WanModelSpec * spec, const gchar * model);
};

extern const WanProvider wan_provider_dashscope;
extern const WanProvider wan_provider_toapis;
extern const WanProvider wan_provider_evolink;
extern const WanProvider wan_provider_aimlapi;

const WanProvider *  wan_provider_get        (WanProviderId id);
const WanModelSpec * wan_provider_find_model (const WanProvider * provider,
                                              WanMode mode, gboolean flash);

/* The create call: path relative to the base URL, and the JSON body.
 * Validates @req first. */
gboolean  wan_provider_build_create  (const WanProvider * provider,
                                      const WanRequest * req,
                                      gchar ** path, gchar ** body,
                                      GError ** error);
gchar *   wan_provider_status_path   (const WanProvider * provider,
                                      const gchar * task_id);
/* NULL when the provider has no cancel call. */
gchar *   wan_provider_cancel_path   (const WanProvider * provider,
                                      const gchar * task_id);
gchar *   wan_provider_parse_create  (const WanProvider * provider,
                                      const gchar * body, gsize size,
                                      GError ** error);
gboolean  wan_provider_parse_status  (const WanProvider * provider,
                                      const gchar * body, gsize size,
                                      WanTaskState * state,
                                      GError ** error);
/* The URL of a file the provider's upload service took, from its answer
 * (any HTTP status: refusals come as {"success":false,…}). */
gchar *   wan_provider_parse_upload  (const WanProvider * provider,
                                      guint http_status,
                                      const gchar * body, gsize size,
                                      GError ** error);
/* An error answer (HTTP >= 400) as a WAN_ERROR with the provider's own
 * message, code and request id.  Any body, JSON or not, is accepted. */
GError *  wan_provider_parse_error   (const WanProvider * provider,
                                      guint http_status,
                                      const gchar * body, gsize size);

/* How a provider takes a local file of one kind (wan-input.c). */
typedef enum
{
  WAN_LOCAL_NONE,
  WAN_LOCAL_UPLOAD,
  WAN_LOCAL_DATA_URI,
} WanLocalWay;

gboolean   wan_input_is_local        (const gchar * uri);
WanLocalWay wan_input_local_way      (const WanProvider * provider,
                                      const WanModelSpec * spec,
                                      WanInputKind kind);
/* An error when @uri is a local file the provider has no way to take. */
GError *   wan_input_check_uri       (const WanProvider * provider,
                                      const WanModelSpec * spec,
                                      WanInputKind kind, const gchar * uri);

/* A fresh URL for the same video, or NULL. */
typedef gchar * (*WanRefreshFunc)    (gpointer data,
                                      GCancellable * cancellable);

/* Downloads the video of a finished task through @callbacks; if the URL
 * turns out expired, @refresh is asked once for a fresh one. */
gboolean   wan_client_fetch_video    (WanClient * client, const gchar * url,
                                      WanRefreshFunc refresh,
                                      gpointer refresh_data,
                                      const WanTaskCallbacks * callbacks,
                                      gpointer user_data,
                                      GCancellable * cancellable,
                                      GError ** error);

/* How long to wait before the next status request: @elapsed_ms since
 * the task was submitted (or resumed), @n_polls made so far, @last the
 * latest state (NULL before the first poll). */
guint      wan_poll_next_ms          (gint64 elapsed_ms, guint n_polls,
                                      const WanTaskState * last);

/* Small JSON helpers shared by the providers. */
JsonNode * wan_json_parse            (const gchar * body, gsize size,
                                      GError ** error);
gchar *    wan_json_get_string       (JsonNode * root, const gchar * path);
gboolean   wan_json_get_int          (JsonNode * root, const gchar * path,
                                      gint64 * value);
void       wan_json_add_string       (JsonBuilder * b, const gchar * name,
                                      const gchar * value);
void       wan_json_add_string_array (JsonBuilder * b, const gchar * name,
                                      const gchar * const *values);
void       wan_json_add_switch       (JsonBuilder * b, const gchar * name,
                                      gint value);

/* Builds a WAN_ERROR carrying the extra details. */
GError *   wan_error_new_full        (WanErrorCode code, guint http_status,
                                      const gchar * provider_code,
                                      const gchar * request_id,
                                      const gchar * format, ...)
    G_GNUC_PRINTF (5, 6);

G_END_DECLS

#endif /* __WAN_PROVIDER_H__ */
