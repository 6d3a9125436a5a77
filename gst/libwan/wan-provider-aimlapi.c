/* gst-wan: AI/ML API (docs/providers.md, "aimlapi")
 *
 * One create endpoint for every model, with flat fields named by each
 * model's own schema: wan2.6 and wan2.7 text-, image- and
 * reference-to-video (and wan2.6 image-to-video flash); Wan 3.0 (one
 * model id for every mode); wan2.5,
 * wan2.2 and wan2.1 text-to-video, and wan2.5 image-to-video
 * ("aimlapi", "Models" and "Wan 2.1 to 3.0").  Images may be a URL, or a
 * data: URI where the schema says "Base64-encoded local image".
 * Create:  POST /v2/video/generations
 * Status:  GET /v2/video/generations?generation_id={id}
 */

#include "wan-provider.h"
#include "wan-json.h"
#include "wan-input.h"

#define SECONDS_5_10 ((1u << 5) | (1u << 10))
#define RES_480_720 (WAN_RES (WAN_RESOLUTION_480P) | \
    WAN_RES (WAN_RESOLUTION_720P))
#define RES_480_1080 (WAN_RES (WAN_RESOLUTION_480P) | \
    WAN_RES (WAN_RESOLUTION_1080P))

/* wan2.1 and wan2.2: silent, 5 s with no duration field, and a
 * negative prompt, seed, watermark and prompt expansion; the prompt
 * limits are upstream's, as aimlapi states none ("Wan 2.1 to 3.0"). */
#define OLD (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION | \
    WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND | \
    WAN_PARAM_WATERMARK)
#define OLD_T2V(id, fam, res) \
  {.mode = WAN_MODE_T2V, .model = id, .params = OLD, \
    .durations = WAN_SECONDS_5, .prompt_required = TRUE, \
    .layout = WAN_LAYOUT_WAN26, .family = fam, .takes = WAN_TAKES_SILENT, \
    .resolutions = res, .max_prompt = 800}

/* Wan 3.0: one id, the mode from the inputs; no negative prompt, no
 * prompt expansion, no audio input (its "audio_urls" are references: at
 * most 5, 20 references in all). */
#define WAN30 (WAN_PARAM_RESOLUTION | WAN_PARAM_ASPECT_RATIO | \
    WAN_PARAM_SEED | WAN_PARAM_WATERMARK | WAN_PARAM_AUDIO)
#define WAN30_ROW(m, tak, refs, images, videos) \
  {.mode = m, .model = "alibaba/wan3.0-video", .params = WAN30, \
    .durations = WAN_SECONDS_2_TO_30, .prompt_required = TRUE, \
    .layout = WAN_LAYOUT_MEDIA, .family = WAN_FAMILY_3_0, \
    .takes = WAN_TAKES_ADAPTIVE | (tak), .resolutions = WAN_RES_ALL, \
    .max_prompt = 20000, .max_references = refs, .max_ref_images = images, \
    .max_ref_videos = videos, .max_ref_audios = 5}

/* wan2.6: 5, 10 or 15 s, 720p or 1080p, no watermark; every model
 * takes a negative prompt, seed, shot type and prompt expansion, and all
 * but r2v a soundtrack and the audio switch ("Create request, wan2.6"). */
#define W26 (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION | \
    WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND | WAN_PARAM_SHOT_TYPE)
#define W26_SOUND (W26 | WAN_PARAM_AUDIO_URI | WAN_PARAM_AUDIO)

/* In each family and mode the first row is the one routed to. */
static const WanModelSpec models[] = {
  {WAN_MODE_I2V, FALSE, "alibaba/wan-2-6-i2v", W26_SOUND,
        WAN_SECONDS_5_10_15, TRUE, TRUE,
      WAN_LAYOUT_WAN26},
  {.mode = WAN_MODE_T2V,.model = "alibaba/wan-2-6-t2v",
        .params = W26_SOUND | WAN_PARAM_ASPECT_RATIO,
        .durations = WAN_SECONDS_5_10_15,.prompt_required = TRUE,
      .layout = WAN_LAYOUT_WAN26,.resolutions = WAN_RES_720_1080},
  /* 1-3 reference videos ("video_urls"), no images, no soundtrack. */
  {.mode = WAN_MODE_R2V,.model = "alibaba/wan-2-6-r2v",
        .params = W26 | WAN_PARAM_ASPECT_RATIO,
        .durations = WAN_SECONDS_5_10_15,.prompt_required = TRUE,
        .layout = WAN_LAYOUT_WAN26,.takes = WAN_TAKES_REF_VIDEOS,
        .resolutions = WAN_RES_720_1080,.max_references = 3,
      .max_ref_videos = 3},
  /* 720p unless resolution says otherwise (its schema's default). */
  {.mode = WAN_MODE_I2V,.flash = TRUE,
        .model = "alibaba/wan-2-6-image-to-video-flash",.params = W26_SOUND,
        .durations = WAN_SECONDS_5_10_15,.prompt_required = TRUE,
        .image_data_uri = TRUE,.layout = WAN_LAYOUT_WAN26,
      .resolutions = WAN_RES_720_1080},

  /* wan2.7: 5, 10 or 15 s here (upstream takes 2-15); 720p or 1080p. */
  {.mode = WAN_MODE_T2V,.model = "alibaba/wan-2-7-t2v",
        .params = WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI |
        WAN_PARAM_RESOLUTION | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SEED |
        WAN_PARAM_PROMPT_EXTEND | WAN_PARAM_AUDIO | WAN_PARAM_SHOT_TYPE,
        .durations = WAN_SECONDS_5_10_15,.prompt_required = TRUE,
        .layout = WAN_LAYOUT_MEDIA,.family = WAN_FAMILY_2_7,
      .resolutions = WAN_RES_720_1080,.max_prompt = 5000},
  {.mode = WAN_MODE_I2V,.model = "alibaba/wan-2-7-i2v",
        .params = WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI |
        WAN_PARAM_RESOLUTION | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND |
        WAN_PARAM_WATERMARK,.durations = WAN_SECONDS_5_10_15,
        .prompt_required = TRUE,.image_data_uri = TRUE,
        .layout = WAN_LAYOUT_MEDIA,.family = WAN_FAMILY_2_7,
        .resolutions = WAN_RES_720_1080,.max_prompt = 5000,
      .max_negative_prompt = 500},
  /* At most 5 references in all, as upstream; 5 or 10 s with a
   * reference video (upstream: 2-10). */
  {.mode = WAN_MODE_R2V,.model = "alibaba/wan-2-7-r2v",
        .params = WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION |
        WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND |
        WAN_PARAM_WATERMARK,.durations = WAN_SECONDS_5_10_15,
        .prompt_required = TRUE,.layout = WAN_LAYOUT_MEDIA,
        .family = WAN_FAMILY_2_7,.takes = WAN_TAKES_FIRST_FRAME |
        WAN_TAKES_REF_IMAGES | WAN_TAKES_REF_VIDEOS,
        .resolutions = WAN_RES_720_1080,.max_prompt = 5000,
        .max_references = 5,.max_ref_images = 5,.max_ref_videos = 5,
      .durations_with_video = SECONDS_5_10,.max_negative_prompt = 500},

  WAN30_ROW (WAN_MODE_T2V, 0, 0, 0, 0),
  WAN30_ROW (WAN_MODE_I2V, WAN_TAKES_LAST_FRAME, 0, 0, 0),
  WAN30_ROW (WAN_MODE_R2V, WAN_TAKES_REF_IMAGES | WAN_TAKES_REF_VIDEOS |
      WAN_TAKES_REF_AUDIOS, 20, 10, 5),

  /* wan2.5 preview: no audio input, 16:9, 9:16 or 1:1. */
  {.mode = WAN_MODE_T2V,.model = "alibaba/wan2.5-t2v-preview",
        .params = WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION |
        WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND,
        .durations = SECONDS_5_10,.prompt_required = TRUE,
        .layout = WAN_LAYOUT_WAN26,.family = WAN_FAMILY_2_5,
      .resolutions = WAN_RES_ALL,.aspect_ratios = WAN_ASPECTS_16_9_9_16_1_1},
  {.mode = WAN_MODE_I2V,.model = "alibaba/wan2.5-i2v-preview",
        .params = WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION |
        WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND,
        .durations = SECONDS_5_10,.prompt_required = TRUE,
        .image_data_uri = TRUE,.layout = WAN_LAYOUT_WAN26,
        .family = WAN_FAMILY_2_5,.resolutions = WAN_RES_ALL,
      .aspect_ratios = WAN_ASPECTS_16_9_9_16_1_1},

  OLD_T2V ("alibaba/wan2.2-t2v-plus", WAN_FAMILY_2_2, RES_480_1080),
  OLD_T2V ("alibaba/wan2.1-t2v-plus", WAN_FAMILY_2_1,
      WAN_RES (WAN_RESOLUTION_720P)),
  OLD_T2V ("alibaba/wan2.1-t2v-turbo", WAN_FAMILY_2_1, RES_480_720),
  {0, FALSE, NULL, 0, 0, FALSE, FALSE, 0}
};

/* wan2.1 and wan2.2 take "480P" in capitals and no duration at all. */
static gboolean
is_legacy (const WanModelSpec * spec)
{
  return spec->family == WAN_FAMILY_2_1 || spec->family == WAN_FAMILY_2_2;
}

static void
add_resolution (JsonBuilder * b, const WanPlan * plan)
{
  const gchar *word;
  gchar *upper;

  if (plan->req.resolution == WAN_RESOLUTION_DEFAULT)
    return;
  word = wan_resolution_to_string (plan->req.resolution);
  upper = g_ascii_strup (word, -1);
  wan_json_add_string (b, "resolution", is_legacy (plan->spec) ? upper : word);
  g_free (upper);
}

/* What follows the inputs in every schema, each where its row takes it. */
static void
add_settings (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;

  wan_json_add_string (b, "aspect_ratio",
      req->aspect_ratio != WAN_ASPECT_DEFAULT ?
      wan_aspect_ratio_to_string (req->aspect_ratio) : NULL);
  add_resolution (b, plan);
  if (!is_legacy (plan->spec))
    wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_string (b, "negative_prompt", req->negative_prompt);
  wan_json_add_string (b, "shot_type", req->shot_type != WAN_SHOT_DEFAULT ?
      wan_shot_type_to_string (req->shot_type) : NULL);
  if (plan->spec->params & WAN_PARAM_AUDIO)
    wan_json_add_switch (b, "generate_audio", req->audio);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
  wan_json_add_switch (b, "watermark", req->watermark);
  wan_json_add_switch (b, "enhance_prompt", req->prompt_extend);
}

/* wan2.6 and older: the first frame is "image_url"; wan2.6 r2v's
 * references are videos only, "video_urls" (validation refuses images
 * there). */
static void
build_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;

  wan_json_add_string (b, "model", plan->model);
  wan_json_add_string (b, "prompt", req->prompt);
  wan_json_add_string (b, "image_url", req->image_uri);
  wan_json_add_string_array (b, "video_urls",
      (const gchar * const *) req->reference_uris);
  wan_json_add_string (b, "audio_url", req->audio_uri);
  add_settings (b, plan);
}

/* wan2.7 and Wan 3.0: wan2.7 r2v names its first frame
 * "first_frame_image", Wan 3.0 its reference images
 * "reference_image_urls" and its last frame "last_image_url"; wan2.7 i2v
 * lists prompt expansion under two names, both sent. */
static void
build_media_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;
  gboolean v27 = plan->spec->family == WAN_FAMILY_2_7;

  wan_json_add_string (b, "model", plan->model);
  wan_json_add_string (b, "prompt", req->prompt);
  wan_json_add_string (b, v27 && plan->spec->mode == WAN_MODE_R2V ?
      "first_frame_image" : "image_url", req->image_uri);
  wan_json_add_string (b, "last_image_url", req->last_frame_uri);
  wan_provider_add_references_by_kind (b, plan,
      v27 ? "image_urls" : "reference_image_urls", "video_urls", "audio_urls");
  wan_json_add_string (b, "audio_url", req->audio_uri);
  add_settings (b, plan);
  if (v27 && plan->spec->mode == WAN_MODE_I2V)
    wan_json_add_switch (b, "enable_prompt_expansion", req->prompt_extend);
}

static const gchar *const task_id[] = { "id", "generation_id", NULL };

/* The Wan 3.0 schema also allows a list of videos. */
static const gchar *const video_url[] = { "video.url", "video[0].url", NULL };

/* [var] older clients saw "waiting" and "failed" (docs/providers.md,
 * "aimlapi", "Answers"). */
static const WanStatusWord words[] = {
  {"queued", WAN_TASK_QUEUED},
  {"waiting", WAN_TASK_QUEUED},
  {"generating", WAN_TASK_RUNNING},
  {"completed", WAN_TASK_SUCCEEDED},
  {"error", WAN_TASK_FAILED},
  {"failed", WAN_TASK_FAILED},
  {NULL, 0}
};

const WanProvider wan_provider_aimlapi = {
  .id = WAN_PROVIDER_AIMLAPI,
  .name = "aimlapi",
  .default_base_url = "https://api.aimlapi.com",
  .key_env = "AIMLAPI_API_KEY",
  .models = models,
  .create_path = "/v2/video/generations",
  .status_path = "/v2/video/generations?generation_id=%s",
  .handle_shape = {.id = task_id},
  .status_shape = {
        .status = "status",
        .words = words,
        .video_url = video_url,
        .error_code = "error.name",
        .error_message = "error.message",
      },
  .build_body = {
        [WAN_LAYOUT_WAN26] = build_body,
        [WAN_LAYOUT_MEDIA] = build_media_body,
      },
};
