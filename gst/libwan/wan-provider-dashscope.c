/* gst-wan: Alibaba Cloud Model Studio (DashScope), the upstream service
 * (docs/providers.md, "dashscope" and "DashScope layouts": wan2.6, 2.5,
 * 2.2 and 2.1 take the legacy layout, the first and last frame models
 * their own endpoint, wan2.7 and Wan 3.0 the media layout)
 *
 * Create:  POST /api/v1/services/aigc/video-generation/video-synthesis
 *          (first and last frame: /api/v1/services/aigc/image2video/
 *          video-synthesis) with X-DashScope-Async: enable,
 *          {"model","input","parameters"}
 * Status:  GET /api/v1/tasks/{id}, output.task_status in capitals; an
 *          unknown or expired id is an HTTP 200 with status UNKNOWN.
 */

#include "wan-provider.h"
#include "wan-json.h"
#include "wan-input.h"

#define COMMON (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION | \
    WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND | WAN_PARAM_SHOT_TYPE | \
    WAN_PARAM_WATERMARK)

/* The older legacy-layout models take no shot_type, and no sound. */
#define OLD (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION | \
    WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND | WAN_PARAM_WATERMARK)
#define MEDIA (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION | \
    WAN_PARAM_SEED | WAN_PARAM_WATERMARK)
#define RES_480_1080 (WAN_RES (WAN_RESOLUTION_480P) | \
    WAN_RES (WAN_RESOLUTION_1080P))
#define RES_480_720 (WAN_RES (WAN_RESOLUTION_480P) | \
    WAN_RES (WAN_RESOLUTION_720P))
#define RES_720 WAN_RES (WAN_RESOLUTION_720P)

/* A row of the newer families (docs/providers.md, "Legacy layout, per
 * model", "First and last frame (kf2v)", "wan2.7 (media layout)", "Wan 3.0
 * preview"). */
#define ROW(m, fl, id, par, dur, need_prompt, data, lay, fam, tak, res, \
    prompt_max, refs) \
  {.mode = m, .flash = fl, .model = id, .params = par, .durations = dur, \
    .prompt_required = need_prompt, .image_data_uri = data, .layout = lay, \
    .family = fam, .takes = tak, .resolutions = res, \
    .max_prompt = prompt_max, .max_references = refs}

#define WAN30(id) \
  ROW (WAN_MODE_T2V, FALSE, id, MEDIA | WAN_PARAM_ASPECT_RATIO, \
      WAN_SECONDS_2_TO_30, TRUE, FALSE, WAN_LAYOUT_MEDIA, WAN_FAMILY_3_0, \
      WAN_TAKES_ADAPTIVE, WAN_RES_ALL, 20000, 0), \
  ROW (WAN_MODE_I2V, FALSE, id, MEDIA | WAN_PARAM_ASPECT_RATIO, \
      WAN_SECONDS_2_TO_30, TRUE, FALSE, WAN_LAYOUT_MEDIA, WAN_FAMILY_3_0, \
      WAN_TAKES_ADAPTIVE | WAN_TAKES_LAST_FRAME, WAN_RES_ALL, 20000, 0), \
  {.mode = WAN_MODE_R2V, .model = id, \
    .params = MEDIA | WAN_PARAM_ASPECT_RATIO, \
    .durations = WAN_SECONDS_2_TO_30, .prompt_required = TRUE, \
    .layout = WAN_LAYOUT_MEDIA, .family = WAN_FAMILY_3_0, \
    .takes = WAN_TAKES_ADAPTIVE | WAN_TAKES_REF_IMAGES | \
        WAN_TAKES_REF_VIDEOS | WAN_TAKES_REF_AUDIOS, \
    .resolutions = WAN_RES_ALL, .max_prompt = 20000, .max_references = 20, \
    .max_ref_images = 10, .max_ref_videos = 5, .max_ref_audios = 5}

/* Wan 3.0 references: ≤ 10 images, ≤ 5 videos, ≤ 5 audios ("Wan 3.0
 * preview").  In each family and mode the first row is the one routed
 * to. */
static const WanModelSpec models[] = {
  {WAN_MODE_T2V, FALSE, "wan2.6-t2v",
        COMMON | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_AUDIO_URI,
        WAN_SECONDS_5_10_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_I2V, FALSE, "wan2.6-i2v", COMMON | WAN_PARAM_AUDIO_URI,
        WAN_SECONDS_5_10_15, FALSE, TRUE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_R2V, FALSE, "wan2.6-r2v", COMMON | WAN_PARAM_ASPECT_RATIO,
        WAN_SECONDS_2_TO_10, FALSE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_I2V, TRUE, "wan2.6-i2v-flash",
        COMMON | WAN_PARAM_AUDIO_URI | WAN_PARAM_AUDIO,
        WAN_SECONDS_5_10_15, FALSE, TRUE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_R2V, TRUE, "wan2.6-r2v-flash",
        COMMON | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_AUDIO,
        WAN_SECONDS_2_TO_10, FALSE, FALSE,
      WAN_LAYOUT_WAN26},

  ROW (WAN_MODE_T2V, FALSE, "wan2.5-t2v-preview",
      OLD | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_AUDIO_URI,
      (1u << 5) | (1u << 10), TRUE, FALSE, WAN_LAYOUT_WAN26, WAN_FAMILY_2_5,
      0, WAN_RES_ALL, 1500, 0),
  ROW (WAN_MODE_I2V, FALSE, "wan2.5-i2v-preview", OLD | WAN_PARAM_AUDIO_URI,
      (1u << 5) | (1u << 10), FALSE, TRUE, WAN_LAYOUT_WAN26, WAN_FAMILY_2_5,
      0, WAN_RES_ALL, 1500, 0),

  ROW (WAN_MODE_T2V, FALSE, "wan2.2-t2v-plus", OLD | WAN_PARAM_ASPECT_RATIO,
      WAN_SECONDS_5, TRUE, FALSE, WAN_LAYOUT_WAN26, WAN_FAMILY_2_2,
      WAN_TAKES_SILENT, RES_480_1080, 800, 0),
  ROW (WAN_MODE_I2V, FALSE, "wan2.2-i2v-plus", OLD, WAN_SECONDS_5, FALSE,
      TRUE, WAN_LAYOUT_WAN26, WAN_FAMILY_2_2, WAN_TAKES_SILENT, RES_480_1080,
      800, 0),
  ROW (WAN_MODE_I2V, FALSE, "wan2.2-kf2v-flash", OLD, WAN_SECONDS_5, FALSE,
      TRUE, WAN_LAYOUT_KF2V, WAN_FAMILY_2_2,
      WAN_TAKES_SILENT | WAN_TAKES_LAST_FRAME, WAN_RES_ALL, 800, 0),
  ROW (WAN_MODE_I2V, TRUE, "wan2.2-i2v-flash", OLD, WAN_SECONDS_5, FALSE,
      TRUE, WAN_LAYOUT_WAN26, WAN_FAMILY_2_2, WAN_TAKES_SILENT, WAN_RES_ALL,
      800, 0),

  /* Alibaba's pages name the 2.1 models "wanx2.1-" ("Model ids"). */
  ROW (WAN_MODE_T2V, FALSE, "wanx2.1-t2v-plus", OLD | WAN_PARAM_ASPECT_RATIO,
      WAN_SECONDS_5, TRUE, FALSE, WAN_LAYOUT_WAN26, WAN_FAMILY_2_1,
      WAN_TAKES_SILENT, RES_720, 800, 0),
  ROW (WAN_MODE_T2V, FALSE, "wanx2.1-t2v-turbo",
      OLD | WAN_PARAM_ASPECT_RATIO, WAN_SECONDS_5, TRUE, FALSE,
      WAN_LAYOUT_WAN26, WAN_FAMILY_2_1, WAN_TAKES_SILENT, RES_480_720, 800,
      0),
  ROW (WAN_MODE_I2V, FALSE, "wanx2.1-i2v-plus", OLD, WAN_SECONDS_5, FALSE,
      TRUE, WAN_LAYOUT_WAN26, WAN_FAMILY_2_1, WAN_TAKES_SILENT, RES_720, 800,
      0),
  ROW (WAN_MODE_I2V, FALSE, "wanx2.1-kf2v-plus", OLD, WAN_SECONDS_5, FALSE,
      TRUE, WAN_LAYOUT_KF2V, WAN_FAMILY_2_1,
      WAN_TAKES_SILENT | WAN_TAKES_LAST_FRAME, RES_720, 800, 0),
  ROW (WAN_MODE_I2V, FALSE, "wanx2.1-i2v-turbo", OLD,
      (1u << 3) | (1u << 4) | (1u << 5), FALSE, TRUE, WAN_LAYOUT_WAN26,
      WAN_FAMILY_2_1, WAN_TAKES_SILENT, RES_480_720, 800, 0),

  ROW (WAN_MODE_T2V, FALSE, "wan2.7-t2v",
      MEDIA | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_AUDIO_URI |
      WAN_PARAM_PROMPT_EXTEND, WAN_SECONDS_2_TO_15, TRUE, FALSE,
      WAN_LAYOUT_MEDIA, WAN_FAMILY_2_7, 0, WAN_RES_720_1080, 5000, 0),
  ROW (WAN_MODE_I2V, FALSE, "wan2.7-i2v",
      MEDIA | WAN_PARAM_AUDIO_URI | WAN_PARAM_PROMPT_EXTEND,
      WAN_SECONDS_2_TO_15, FALSE, FALSE, WAN_LAYOUT_MEDIA, WAN_FAMILY_2_7,
      WAN_TAKES_LAST_FRAME | WAN_TAKES_CLIP, WAN_RES_720_1080, 5000, 0),
  {.mode = WAN_MODE_R2V,.model = "wan2.7-r2v",
        .params = MEDIA | WAN_PARAM_ASPECT_RATIO,
        .durations = WAN_SECONDS_2_TO_15,.prompt_required = TRUE,
        .layout = WAN_LAYOUT_MEDIA,.family = WAN_FAMILY_2_7,
        .takes = WAN_TAKES_FIRST_FRAME | WAN_TAKES_REF_IMAGES |
        WAN_TAKES_REF_VIDEOS,.resolutions = WAN_RES_720_1080,
        .max_prompt = 5000,.max_references = 5,
      .durations_with_video = WAN_SECONDS_2_TO_10},
  ROW (WAN_MODE_EDIT, FALSE, "wan2.7-videoedit",
      MEDIA | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_PROMPT_EXTEND |
      WAN_PARAM_AUDIO_SETTING,
      WAN_SECONDS_2_TO_10, FALSE, TRUE, WAN_LAYOUT_MEDIA, WAN_FAMILY_2_7,
      WAN_TAKES_REF_IMAGES, WAN_RES_720_1080, 5000, 4),

  WAN30 ("wan3.0-video"),
  WAN30 ("wan3.0-video-prime"),
  {0, FALSE, NULL, 0, 0, FALSE, FALSE, 0}
};

static const gchar *
resolution_word (WanResolution resolution)
{
  switch (resolution) {
    case WAN_RESOLUTION_480P:
      return "480P";
    case WAN_RESOLUTION_720P:
      return "720P";
    case WAN_RESOLUTION_1080P:
      return "1080P";
    default:
      return NULL;
  }
}

/* An aspect ratio alone is sent as a size of the model's largest tier,
 * which is what it makes when no size is sent (1080P for wan2.6, 720P
 * for the 2.1 models that have no 1080P: "Legacy layout, per model"). */
static WanResolution
default_tier (const WanModelSpec * spec)
{
  guint allowed = spec->resolutions ? spec->resolutions : WAN_RES_720_1080;

  if (allowed & WAN_RES (WAN_RESOLUTION_1080P))
    return WAN_RESOLUTION_1080P;
  if (allowed & WAN_RES (WAN_RESOLUTION_720P))
    return WAN_RESOLUTION_720P;
  return WAN_RESOLUTION_480P;
}

/* Text and reference modes take a pixel size instead of a resolution. */
static void
add_size_or_resolution (JsonBuilder * b, const WanRequest * req,
    const WanModelSpec * spec)
{
  WanResolution tier = req->resolution;
  guint w, h;
  gchar *size;

  if (spec->mode == WAN_MODE_I2V) {
    wan_json_add_string (b, "resolution", resolution_word (req->resolution));
    return;
  }
  if (tier == WAN_RESOLUTION_DEFAULT && req->aspect_ratio == WAN_ASPECT_DEFAULT)
    return;
  if (tier == WAN_RESOLUTION_DEFAULT)
    tier = default_tier (spec);
  wan_frame_size (tier, req->aspect_ratio, &w, &h);
  size = g_strdup_printf ("%u*%u", w, h);
  wan_json_add_string (b, "size", size);
  g_free (size);
}

static void
build_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;
  wan_json_add_string (b, "model", plan->model);

  json_builder_set_member_name (b, "input");
  json_builder_begin_object (b);
  wan_json_add_string (b, "prompt", req->prompt);
  wan_json_add_string (b, "negative_prompt", req->negative_prompt);
  wan_json_add_string (b, "img_url", req->image_uri);
  wan_json_add_string (b, "audio_url", req->audio_uri);
  wan_json_add_string_array (b, "reference_urls",
      (const gchar * const *) req->reference_uris);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  add_size_or_resolution (b, req, plan->spec);
  wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_switch (b, "prompt_extend", req->prompt_extend);
  wan_json_add_string (b, "shot_type", req->shot_type != WAN_SHOT_DEFAULT ?
      wan_shot_type_to_string (req->shot_type) : NULL);
  if (plan->spec->params & WAN_PARAM_AUDIO)
    wan_json_add_switch (b, "audio", req->audio);
  wan_json_add_switch (b, "watermark", req->watermark);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
  json_builder_end_object (b);
}

/* The first and last frame endpoint ("First and last frame (kf2v)"):
 * duration is fixed at 5 and sent only when asked for. */
static void
build_kf2v_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;

  wan_json_add_string (b, "model", plan->model);
  json_builder_set_member_name (b, "input");
  json_builder_begin_object (b);
  wan_json_add_string (b, "prompt", req->prompt);
  wan_json_add_string (b, "negative_prompt", req->negative_prompt);
  wan_json_add_string (b, "first_frame_url", req->image_uri);
  wan_json_add_string (b, "last_frame_url", req->last_frame_uri);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  wan_json_add_string (b, "resolution", resolution_word (req->resolution));
  wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_switch (b, "prompt_extend", req->prompt_extend);
  wan_json_add_switch (b, "watermark", req->watermark);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
  json_builder_end_object (b);
}

static void
add_media (JsonBuilder * b, const gchar * type, const gchar * url)
{
  if (url == NULL || *url == '\0')
    return;
  json_builder_begin_object (b);
  wan_json_add_string (b, "type", type);
  wan_json_add_string (b, "url", url);
  json_builder_end_object (b);
}

/* The media list, first frame or input video first, then the last
 * frame, the driving audio and the references (images, videos and Wan
 * 3.0's audios) in the user's order (the prompt names references by their
 * place among their type). */
static void
add_media_list (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;
  guint i;

  json_builder_set_member_name (b, "media");
  json_builder_begin_array (b);
  add_media (b, "first_frame", req->image_uri);
  add_media (b, plan->spec->mode == WAN_MODE_EDIT ? "video" : "first_clip",
      req->video_uri);
  add_media (b, "last_frame", req->last_frame_uri);
  if (plan->spec->mode != WAN_MODE_T2V)
    add_media (b, "driving_audio", req->audio_uri);
  for (i = 0; req->reference_uris && req->reference_uris[i]; i++) {
    /* Told at validation, from what the user gave (an uploaded file's
     * URL need not say). */
    WanInputKind kind = plan->reference_kinds[i];

    add_media (b, kind == WAN_INPUT_IMAGE ? "reference_image" :
        kind == WAN_INPUT_AUDIO ? "reference_audio" : "reference_video",
        req->reference_uris[i]);
  }
  json_builder_end_array (b);
}

/* wan2.7 and Wan 3.0 ("wan2.7 (media layout)"): inputs as "media",
 * resolution and ratio instead of a size; text-to-video takes its audio
 * as input.audio_url; audio_setting is sent only when set (only
 * wan2.7-videoedit's row takes it). */
static void
build_media_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;

  wan_json_add_string (b, "model", plan->model);
  json_builder_set_member_name (b, "input");
  json_builder_begin_object (b);
  wan_json_add_string (b, "prompt", req->prompt);
  wan_json_add_string (b, "negative_prompt", req->negative_prompt);
  if (plan->spec->mode == WAN_MODE_T2V)
    wan_json_add_string (b, "audio_url", req->audio_uri);
  else
    add_media_list (b, plan);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  wan_json_add_string (b, "resolution", resolution_word (req->resolution));
  wan_json_add_string (b, "ratio", req->aspect_ratio != WAN_ASPECT_DEFAULT ?
      wan_aspect_ratio_to_string (req->aspect_ratio) : NULL);
  wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_switch (b, "prompt_extend", req->prompt_extend);
  wan_json_add_switch (b, "watermark", req->watermark);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
  wan_json_add_string (b, "audio_setting",
      req->audio_setting != WAN_AUDIO_SETTING_DEFAULT ?
      wan_audio_setting_to_string (req->audio_setting) : NULL);
  json_builder_end_object (b);
}

/* The policy answer's object: "data" in Alibaba's guide, "output" where
 * the official SDK reads it ([var], docs/providers.md, "Upload (temporary
 * storage)"). */
static const gchar *
policy_member (JsonNode * root)
{
  static const gchar *const members[] = { "data", "output" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (members); i++) {
    JsonNode *node = JSON_NODE_HOLDS_OBJECT (root) ?
        json_object_get_member (json_node_get_object (root), members[i]) : NULL;

    if (node && JSON_NODE_HOLDS_OBJECT (node))
      return members[i];
  }
  return NULL;
}

/* max_file_size_mb, a number or a string of one; 0 when absent. */
static guint64
policy_max_bytes (JsonNode * root, const gchar * member)
{
  gchar *path = g_strconcat (member, ".max_file_size_mb", NULL);
  gchar *text = wan_json_get_string (root, path);
  gint64 mb = 0;

  if (!wan_json_get_int (root, path, &mb) && text)
    mb = g_ascii_strtoll (text, NULL, 10);
  g_free (text);
  g_free (path);
  return mb > 0 ? (guint64) mb *1024 * 1024 : 0;
}

/* The policy's form fields, named as the upload host takes them. */
static gchar **
policy_fields (JsonNode * root, const gchar * member)
{
  static const gchar *const names[][2] = {
    {"OSSAccessKeyId", "oss_access_key_id"}, {"Signature", "signature"},
    {"policy", "policy"}, {"x-oss-object-acl", "x_oss_object_acl"},
    {"x-oss-forbid-overwrite", "x_oss_forbid_overwrite"},
  };
  GPtrArray *fields = g_ptr_array_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++) {
    gchar *path = g_strconcat (member, ".", names[i][1], NULL);
    gchar *value = wan_json_get_string (root, path);

    g_free (path);
    if (value == NULL && i < 3) {
      g_ptr_array_set_free_func (fields, g_free);
      g_ptr_array_free (fields, TRUE);
      return NULL;
    }
    if (value) {
      g_ptr_array_add (fields, g_strdup (names[i][0]));
      g_ptr_array_add (fields, value);
    }
  }
  g_ptr_array_add (fields, g_strdup ("success_action_status"));
  g_ptr_array_add (fields, g_strdup ("200"));
  g_ptr_array_add (fields, NULL);
  return (gchar **) g_ptr_array_free (fields, FALSE);
}

/* GET /api/v1/uploads?action=getPolicy answers the signed form for the
 * temporary storage's upload host. */
static gboolean
read_policy (const gchar * body, gsize size, WanUploadPolicy * policy,
    GError ** error)
{
  JsonNode *root = wan_json_parse (body, size, NULL);
  const gchar *member = root ? policy_member (root) : NULL;
  gchar *path;

  if (member) {
    path = g_strconcat (member, ".upload_host", NULL);
    policy->host = wan_json_get_string (root, path);
    g_free (path);
    path = g_strconcat (member, ".upload_dir", NULL);
    policy->dir = wan_json_get_string (root, path);
    g_free (path);
    policy->fields = policy_fields (root, member);
    policy->max_bytes = policy_max_bytes (root, member);
  }
  if (root)
    json_node_unref (root);
  if (policy->dir && *policy->dir && policy->fields
      && wan_uri_classify (policy->host) == WAN_URI_WEB)
    return TRUE;
  g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL, "dashscope's upload "
      "policy answer lacks an http(s) upload_host, upload_dir, "
      "oss_access_key_id, signature or policy");
  wan_upload_policy_clear (policy);
  return FALSE;
}

/* Local files other than inline images go to the temporary storage. */
static const WanUploadSpec upload = {
  .policy_path = "/api/v1/uploads?action=getPolicy&model=%s",
  .read_policy = read_policy,
  .url_prefix = "oss://",
  .create_header = "X-DashScope-OssResourceResolve: enable",
  .inline_images = TRUE,
};

static const gchar *const task_id[] = { "output.task_id", NULL };
static const gchar *const video_url[] = { "output.video_url", NULL };

static const WanStatusWord words[] = {
  {"PENDING", WAN_TASK_QUEUED},
  {"RUNNING", WAN_TASK_RUNNING},
  {"SUCCEEDED", WAN_TASK_SUCCEEDED},
  {"FAILED", WAN_TASK_FAILED},
  {"CANCELED", WAN_TASK_FAILED},
  {"UNKNOWN", WAN_TASK_UNKNOWN_ID},
  {NULL, 0}
};

const WanProvider wan_provider_dashscope = {
  .id = WAN_PROVIDER_DASHSCOPE,
  .name = "dashscope",
  .default_base_url = "https://dashscope-intl.aliyuncs.com",
  .key_env = "DASHSCOPE_API_KEY",
  .models = models,
  .create_path = "/api/v1/services/aigc/video-generation/video-synthesis",
  .layout_create_path = {[WAN_LAYOUT_KF2V] =
        "/api/v1/services/aigc/image2video/video-synthesis"},
  .create_header = "X-DashScope-Async: enable",
  .status_path = "/api/v1/tasks/%s",
  /* Honoured only while the task is PENDING. */
  .cancel_path = "/api/v1/tasks/%s/cancel",
  .upload = &upload,
  .handle_shape = {.id = task_id},
  .status_shape = {
        .status = "output.task_status",
        .words = words,
        .video_url = video_url,
        .error_code = "output.code",
        .error_message = "output.message",
      },
  .build_body = {
        [WAN_LAYOUT_WAN26] = build_body,
        [WAN_LAYOUT_KF2V] = build_kf2v_body,
        [WAN_LAYOUT_MEDIA] = build_media_body,
      },
};
