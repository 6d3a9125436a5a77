/* gst-wan: what a provider is (private)
 *
 * A provider is data plus small pure functions: its endpoints, its
 * models with their documented limits, where its answers keep the task
 * handle, status, progress and video URL, and one function per request
 * layout that lays a request out as its JSON body.  The reading of
 * answers is shared (wan-provider.c), driven by the data; a provider
 * whose answers need more sets its own read_handle or read_status.  No
 * I/O happens here, so every provider is tested with literal answers from
 * docs/providers.md.
 *
 * Adding a provider: its WanProviderId (wan-request.h), one file
 * wan-provider-NAME.c defining a WanProvider, one line in the registry
 * (wan-providers.c) and one in meson.build.
 */

#ifndef __WAN_PROVIDER_H__
#define __WAN_PROVIDER_H__

#include <json-glib/json-glib.h>
#include <wan/wan-client.h>
#include "wan-task.h"

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
  WAN_PARAM_AUDIO_SETTING = 1 << 10,    /* keep or remake an edit's sound */
} WanParams;

/* Inputs a model takes beyond its mode's own (a first frame for
 * image-to-video, references for reference-to-video, a video for
 * editing).  A row that sets none takes what the wan2.6 rows take: for
 * reference-to-video, images and videos. */
typedef enum
{
  WAN_TAKES_LAST_FRAME = 1 << 0,        /* last-frame-uri */
  WAN_TAKES_CLIP = 1 << 1,      /* video-uri, a clip to continue */
  WAN_TAKES_FIRST_FRAME = 1 << 2,       /* image-uri besides references */
  WAN_TAKES_REF_IMAGES = 1 << 3,
  WAN_TAKES_REF_VIDEOS = 1 << 4,
  WAN_TAKES_SILENT = 1 << 5,    /* not an input: the model makes no sound */
  WAN_TAKES_ADAPTIVE = 1 << 6,  /* not an input: aspect-ratio=adaptive */
  WAN_TAKES_REF_AUDIOS = 1 << 7,        /* audio among the references */
  WAN_TAKES_LAST_AFTER_IMAGE = 1 << 8,  /* not an input: a last frame only
                                         * after a first frame, not a clip */
} WanTakes;

/* Output resolutions as a bit set of WanResolution values. */
#define WAN_RES(r) (1u << (r))
#define WAN_RES_720_1080 (WAN_RES (WAN_RESOLUTION_720P) | \
    WAN_RES (WAN_RESOLUTION_1080P))
#define WAN_RES_ALL (WAN_RES_720_1080 | WAN_RES (WAN_RESOLUTION_480P))

/* Aspect ratios as a bit set of WanAspectRatio values. */
#define WAN_ASPECT(a) (1u << (a))
#define WAN_ASPECTS_16_9_9_16_1_1 (WAN_ASPECT (WAN_ASPECT_16_9) | \
    WAN_ASPECT (WAN_ASPECT_9_16) | WAN_ASPECT (WAN_ASPECT_1_1))

/* Allowed durations as a bit set: bit n set means n seconds. */
#define WAN_SECONDS_5_10_15 ((1u << 5) | (1u << 10) | (1u << 15))
#define WAN_SECONDS_2_TO_10 (((1u << 11) - 1) & ~3u)
#define WAN_SECONDS_2_TO_15 (((1u << 16) - 1) & ~3u)
#define WAN_SECONDS_2_TO_30 (((1u << 31) - 1) & ~3u)
#define WAN_SECONDS_5 (1u << 5)

#define WAN_MAX_PROMPT_CHARS 1500
#define WAN_MAX_REFERENCES 3
#define WAN_MAX_CALLBACK_URL 2048

/* How a model's create body is laid out (docs/providers.md, "DashScope
 * layouts").  WAN_LAYOUT_WAN26 is each provider's own wan2.6 layout (on
 * DashScope the legacy one, which wan2.5, 2.2 and 2.1 share); the first
 * and last frame models and the wan2.7 and 3.0 models ("media") have
 * their own. */
typedef enum
{
  WAN_LAYOUT_WAN26,
  WAN_LAYOUT_KF2V,
  WAN_LAYOUT_MEDIA,
} WanLayout;

#define WAN_N_LAYOUTS 3

typedef struct
{
  WanMode mode;
  gboolean flash;
  const gchar *model;
  guint params;                 /* WanParams */
  guint durations;
  gboolean prompt_required;
  gboolean image_data_uri;      /* the image may be sent as a data: URI */
  WanLayout layout;

  /* Limits of the newer families; 0 in every field keeps the wan2.6
   * limits (WAN_MAX_PROMPT_CHARS, WAN_MAX_REFERENCES, 720p and 1080p). */
  WanFamily family;
  guint takes;                  /* WanTakes */
  guint resolutions;            /* WAN_RES() bits */
  guint max_prompt;
  guint max_references;         /* images and videos together */
  guint max_ref_images;         /* 0: as many as max_references */
  guint max_ref_videos;         /* 0: as many as max_references */
  guint max_ref_audios;         /* 0: as many as max_references */
  guint durations_with_video;   /* with a reference video; 0: durations */
  guint min_seed;               /* the smallest seed taken (evolink's
                                 * wan2.7: 1); 0 for most */
  guint aspect_ratios;          /* WAN_ASPECT() bits; 0: 16:9, 9:16, 1:1, 4:3
                                 * and 3:4 (and adaptive with
                                 * WAN_TAKES_ADAPTIVE) */
  guint max_negative_prompt;    /* characters; 0: no stated limit */
} WanModelSpec;

typedef struct _WanProvider WanProvider;

/* A request checked against its provider's limits (wan_plan_new()):
 * everything after validation takes a plan and never checks again. */
typedef struct
{
  const WanProvider *provider;
  const WanModelSpec *spec;
  gchar *model;                 /* the model id sent: explicit or routed */
  WanRequest req;
  /* Each reference's kind, told before an upload may replace its URI by
   * one that no longer shows it: for models that take reference images
   * and videos in separate fields. */
  WanInputKind *reference_kinds;
} WanPlan;

/* The special status a provider uses for an unknown task id. */
#define WAN_TASK_UNKNOWN_ID ((WanTaskStatus) -1)

typedef struct
{
  const gchar *word;
  WanTaskStatus status;
} WanStatusWord;

/* Where a create answer keeps the task handle, as lists of member paths
 * ("output.task_id"), tried in order for the variants the documentation
 * disagrees on.  NULL lists: the answer has no such URL. */
typedef struct
{
  const gchar *const *id;
  const gchar *const *status_url;
  const gchar *const *result_url;
  const gchar *const *cancel_url;
} WanHandleShape;

/* Where a status answer keeps each piece, as member paths. */
typedef struct
{
  const gchar *status;
  const WanStatusWord *words;   /* ends with word == NULL */
  const gchar *progress;
  const gchar *estimated_seconds;
  const gchar *queue_position;
  const gchar *const *video_url;
  const gchar *error_code;
  const gchar *error_message;
} WanStatusShape;

typedef struct _WanUploadPolicy WanUploadPolicy;

/* Where a provider takes local files (a multipart POST of field "file"),
 * and where its answer keeps the file's new URL. */
typedef struct
{
  const gchar *host;            /* scheme://host of the upload service;
                                 * NULL: the API base URL itself */
  const gchar *path;
  gboolean images_only;
  guint64 max_bytes;
  const gchar *success;         /* member path of a boolean "it worked";
                                 * NULL: any HTTP 2xx answer is */
  const gchar *url;             /* member path of the uploaded file's URL */
  const gchar *message;         /* member path of the refusal's message */
  /* fal: first a token (a POST of "{}" with the key to @token_path on
   * @token_host), whose answer names the upload service's base URL and
   * the token that authorizes the upload there; then the file's bytes
   * themselves as the body of a POST to @path under that base URL, with
   * the token and never the key.  NULL: one multipart POST with the key. */
  const gchar *token_host;
  const gchar *token_path;
  /* dashscope's temporary storage: first a policy, a GET of @policy_path
   * (a printf format, %s the escaped model id) on the API with the key,
   * which @read_policy turns into the form its upload host takes; then a
   * multipart POST of that form, the file's key and the file to that
   * host, never with the key.  The file is then @url_prefix KEY, and a
   * create that names such a URL carries @create_header.  NULL: no
   * policy step. */
  const gchar *policy_path;
  gboolean (*read_policy) (const gchar * body, gsize size,
      WanUploadPolicy * policy, GError ** error);
  const gchar *url_prefix;
  const gchar *create_header;
  /* An image the model's row takes as a data: URI stays inline; the
   * upload takes the rest (dashscope: the bytes on the wire for img_url
   * and the first and last frames are as before). */
  gboolean inline_images;
} WanUploadSpec;

/* What a storage policy answer allows: where to POST, the form fields to
 * send along (name, value pairs, NULL-terminated), the folder the key
 * must be in, and the largest file it takes (0: none said). */
struct _WanUploadPolicy
{
  gchar *host;
  gchar *dir;
  gchar **fields;
  guint64 max_bytes;
};

void      wan_upload_policy_clear    (WanUploadPolicy * policy);

/* What a provider documents for a local file of one kind. */
typedef struct
{
  const gchar *const *formats;  /* WanFileInfo formats; NULL: any */
  guint64 max_bytes;            /* 0: no documented limit */
  guint min_side, max_side;     /* pixels per side, 0: none */
  gboolean opaque;              /* no alpha channel */
  guint min_seconds, max_seconds;       /* 0: none */
} WanFileLimits;

/* Lays out @plan's request as the body of a create call (the members of
 * the top-level object). */
typedef void (*WanBodyFunc) (JsonBuilder * b, const WanPlan * plan);

struct _WanProvider
{
  WanProviderId id;
  const gchar *name;
  const gchar *default_base_url;
  const gchar *key_env;
  const WanModelSpec *models;   /* ends with model == NULL */

  /* printf format; a %s in it is the model id (fal and Replicate name
   * the model in the path, which is then checked to be a plain path). */
  const gchar *create_path;
  /* By WanLayout: a layout's own create path; NULL: create_path. */
  const gchar *layout_create_path[WAN_N_LAYOUTS];
  const gchar *create_header;   /* an extra request header, or NULL */
  /* The Authorization scheme: NULL for "Bearer"; fal uses "Key". */
  const gchar *auth_scheme;
  const gchar *status_path;     /* printf format, %s is the escaped id */
  const gchar *cancel_path;     /* printf format like status_path; NULL when
                                 * the provider documents no cancel */
  /* "PUT" or NULL for POST. */
  const gchar *cancel_method;
  /* Where a finished task's output is fetched when the status answer does
   * not carry it (fal): printf format like status_path; NULL: the status
   * answer has the video.  A handle's result_url takes precedence. */
  const gchar *result_path;
  /* Where the result answer keeps the video URL (with result_path). */
  const gchar *const *result_video_url;
  /* A provider whose task URLs name the model's app (fal: the first
   * @task_app_parts parts of the model id) knows a task by the path
   * "APP/requests/ID" rather than by its bare id, so that a task id alone
   * is enough to resume it.  0: the provider's id as it is. */
  guint task_app_parts;
  WanHandleShape handle_shape;
  WanStatusShape status_shape;
  const WanUploadSpec *upload;  /* NULL: the provider takes no files */
  /* By WanInputKind; NULL: nothing documented beyond the kind. */
  const WanFileLimits *file_limits[3];

  /* By WanLayout: NULL for a layout none of its models uses. */
  WanBodyFunc build_body[WAN_N_LAYOUTS];
  /* Optional, for answers the shapes above cannot describe; NULL: the
   * shared readings (wan_provider_read_handle/_status()). */
  gboolean (*read_handle) (const WanProvider * provider, JsonNode * root,
      WanTaskHandle * handle, GError ** error);
  gboolean (*read_status) (const WanProvider * provider, JsonNode * root,
      WanTaskState * state, GError ** error);
};

/* The first row of @family for @mode and @flash that takes every input in
 * @needs (WanTakes); else the first row for @family, @mode and @flash. */
const WanModelSpec * wan_provider_find_model (const WanProvider * provider,
                                              WanFamily family,
                                              WanMode mode, gboolean flash,
                                              guint needs);
/* The row of an explicit model id, for @mode when it has one per mode;
 * "wan2.1-" and "wanx2.1-" name the same models. */
const WanModelSpec * wan_provider_find_model_id (const WanProvider * provider,
                                              const gchar * model,
                                              WanMode mode);
/* Whether any row of @provider is of @family. */
gboolean  wan_provider_has_family    (const WanProvider * provider,
                                      WanFamily family);
/* The inputs a row takes, with the wan2.6 default filled in. */
guint     wan_model_takes            (const WanModelSpec * spec);
/* The inputs @req gives that only some rows take (WanTakes). */
guint     wan_request_needs          (const WanRequest * req, WanMode mode);

/* The create call for a validated plan: path relative to the base URL,
 * and the JSON body. */
void      wan_provider_build_create  (const WanPlan * plan,
                                      gchar ** path, gchar ** body);
/* The members the gateways toapis and evolink start a body with:
 * "model", "prompt", and for image-to-video "image_urls". */
void      wan_provider_add_gateway_head (JsonBuilder * b,
                                      const WanPlan * plan);
/* The references split by kind into arrays (each written only when not
 * empty), in the user's order within each: for models that take
 * reference images, videos and audio in separate fields.  @audios_name
 * NULL: the model takes no audio references. */
void      wan_provider_add_references_by_kind (JsonBuilder * b,
                                      const WanPlan * plan,
                                      const gchar * images_name,
                                      const gchar * videos_name,
                                      const gchar * audios_name);

/* The status and cancel paths, relative to the base URL, of a task whose
 * handle has no URL for them.  The cancel path is NULL when the provider
 * documents no cancel. */
gchar *   wan_provider_status_path   (const WanProvider * provider,
                                      const gchar * task_id);
gchar *   wan_provider_cancel_path   (const WanProvider * provider,
                                      const gchar * task_id);
gchar *   wan_provider_result_path   (const WanProvider * provider,
                                      const gchar * task_id);
/* The id a task of @plan is known by, from the id the provider gave
 * (task_app_parts).  Takes @id. */
gchar *   wan_provider_task_id       (const WanPlan * plan, gchar * id);
/* The model id is safe to put into a create path: letters, digits, '.',
 * '_', '-' and ':' in '/'-separated parts, none of them "." or "..". */
gboolean  wan_provider_model_is_path (const gchar * model);
/* The video URL of a result answer (result_path). */
gboolean  wan_provider_parse_result  (const WanProvider * provider,
                                      const gchar * body, gsize size,
                                      WanTaskState * state,
                                      GError ** error);

gboolean  wan_provider_parse_create  (const WanProvider * provider,
                                      const gchar * body, gsize size,
                                      WanTaskHandle * handle,
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
/* An answer in the upload service's own shape ({"success":…}), as
 * opposed to the API's error dialect (a key refused, a proxy's page). */
gboolean  wan_provider_is_upload_answer (const WanProvider * provider,
                                      const gchar * body, gsize size);
/* An error answer (HTTP >= 400) as a WAN_ERROR with the provider's own
 * message, code and request id.  Any body, JSON or not, is accepted. */
GError *  wan_provider_parse_error   (const WanProvider * provider,
                                      guint http_status,
                                      const gchar * body, gsize size);

/* The shared readings, driven by the provider's shapes. */
gboolean  wan_provider_read_handle   (const WanProvider * provider,
                                      JsonNode * root,
                                      WanTaskHandle * handle,
                                      GError ** error);
gboolean  wan_provider_read_status   (const WanProvider * provider,
                                      JsonNode * root, WanTaskState * state,
                                      GError ** error);

/* How a provider takes a local file of one kind. */
typedef enum
{
  WAN_LOCAL_NONE,
  WAN_LOCAL_UPLOAD,
  WAN_LOCAL_DATA_URI,
} WanLocalWay;

WanLocalWay wan_provider_local_way   (const WanProvider * provider,
                                      const WanModelSpec * spec,
                                      WanInputKind kind);

/* The header a create of @plan carries because it names files the
 * provider's storage took (WanUploadSpec.create_header), or NULL; with
 * @local_counts, also for local files that will be uploaded (a dry run
 * shows the request before the uploads). */
const gchar * wan_provider_upload_header (const WanPlan * plan,
                                      gboolean local_counts);

G_END_DECLS

#endif /* __WAN_PROVIDER_H__ */
