/* gst-wan: evolink (docs/providers.md, "evolink")
 *
 * One model per mode, no flash; wan2.7 text-to-video and image-to-video
 * take their own fields ("wan2.7 text-to-video", "wan2.7 image-to-video").  Resolution is called "quality"; shot type
 * lives in "model_params".
 * Create:  POST /v1/videos/generations
 * Status:  GET /v1/tasks/{id}, the video is results[0] (a plain string)
 */

#include "wan-provider.h"
#include "wan-json.h"

#define COMMON (WAN_PARAM_RESOLUTION | WAN_PARAM_PROMPT_EXTEND | \
    WAN_PARAM_SHOT_TYPE | WAN_PARAM_AUDIO_URI | WAN_PARAM_CALLBACK_URL)

static const WanModelSpec models[] = {
  {WAN_MODE_T2V, FALSE, "wan2.6-text-to-video",
        COMMON | WAN_PARAM_ASPECT_RATIO, WAN_SECONDS_5_10_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_I2V, FALSE, "wan2.6-image-to-video", COMMON,
        WAN_SECONDS_5_10_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_R2V, FALSE, "wan2.6-reference-video",
        COMMON | WAN_PARAM_ASPECT_RATIO, WAN_SECONDS_2_TO_10, FALSE, FALSE,
      WAN_LAYOUT_WAN26},
  {.mode = WAN_MODE_T2V,.model = "wan2.7-text-to-video",
        .params = WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI |
        WAN_PARAM_RESOLUTION | WAN_PARAM_ASPECT_RATIO |
        WAN_PARAM_PROMPT_EXTEND | WAN_PARAM_SEED,
        .durations = WAN_SECONDS_2_TO_15,.prompt_required = TRUE,
        .layout = WAN_LAYOUT_MEDIA,.family = WAN_FAMILY_2_7,
        .resolutions = WAN_RES_720_1080,.max_prompt = 5000,.min_seed = 1,
      .max_negative_prompt = 500},
  /* [E12][E13]: duration 2 to 15 (with a clip: the whole output's
   * length), seed 1 to 2147483647, quality, negative_prompt,
   * prompt_extend; no aspect_ratio (the inputs set it). */
  {.mode = WAN_MODE_I2V,.model = "wan2.7-image-to-video",
        .params = WAN_PARAM_AUDIO_URI | WAN_PARAM_SEED |
        WAN_PARAM_RESOLUTION | WAN_PARAM_NEGATIVE_PROMPT |
        WAN_PARAM_PROMPT_EXTEND,
        .durations = WAN_SECONDS_2_TO_15,.layout = WAN_LAYOUT_MEDIA,
        .family = WAN_FAMILY_2_7,
        .takes = WAN_TAKES_LAST_FRAME | WAN_TAKES_CLIP,
        .resolutions = WAN_RES_720_1080,.max_prompt = 5000,.min_seed = 1,
      .max_negative_prompt = 500},
  {0, FALSE, NULL, 0, 0, FALSE, FALSE, 0}
};

static void
build_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;

  wan_provider_add_gateway_head (b, plan);
  wan_json_add_string_array (b, "video_urls",
      (const gchar * const *) req->reference_uris);
  wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_string (b, "aspect_ratio",
      req->aspect_ratio !=
      WAN_ASPECT_DEFAULT ? wan_aspect_ratio_to_string (req->aspect_ratio) :
      NULL);
  wan_json_add_string (b, "quality",
      req->resolution !=
      WAN_RESOLUTION_DEFAULT ? wan_resolution_to_string (req->resolution) :
      NULL);
  wan_json_add_switch (b, "prompt_extend", req->prompt_extend);
  if (req->shot_type != WAN_SHOT_DEFAULT) {
    json_builder_set_member_name (b, "model_params");
    json_builder_begin_object (b);
    wan_json_add_string (b, "shot_type",
        wan_shot_type_to_string (req->shot_type));
    json_builder_end_object (b);
  }
  /* [guess] audio_url at the top level, not in model_params
   * (docs/providers.md, "evolink", "Create request (wan2.6)"). */
  wan_json_add_string (b, "audio_url", req->audio_uri);
  wan_json_add_string (b, "callback_url", req->callback_url);
}

static void
add_one (JsonBuilder * b, const gchar * name, const gchar * url)
{
  const gchar *list[] = { url, NULL };

  if (url && *url)
    wan_json_add_string_array (b, name, list);
}

/* wan2.7: audio as a one-item "audio_urls"; image-to-video names its
 * inputs image_start / image_end / video_urls and says which of the six
 * input sets it is in "generation_mode". */
static void
build_wan27_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;
  const gchar *generation = NULL;

  wan_json_add_string (b, "model", plan->model);
  wan_json_add_string (b, "prompt", req->prompt);
  if (plan->spec->mode == WAN_MODE_I2V) {
    generation = req->video_uri ? "video_continuation" :
        req->last_frame_uri ? "first_last_frame" : "first_frame";
    wan_json_add_string (b, "generation_mode", generation);
    wan_json_add_string (b, "image_start", req->image_uri);
    wan_json_add_string (b, "image_end", req->last_frame_uri);
    add_one (b, "video_urls", req->video_uri);
  }
  wan_json_add_string (b, "negative_prompt", req->negative_prompt);
  add_one (b, "audio_urls", req->audio_uri);
  wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_string (b, "aspect_ratio",
      req->aspect_ratio != WAN_ASPECT_DEFAULT ?
      wan_aspect_ratio_to_string (req->aspect_ratio) : NULL);
  wan_json_add_string (b, "quality",
      req->resolution != WAN_RESOLUTION_DEFAULT ?
      wan_resolution_to_string (req->resolution) : NULL);
  wan_json_add_switch (b, "prompt_extend", req->prompt_extend);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
}

static const gchar *const task_id[] = { "id", NULL };
static const gchar *const video_url[] = { "results[0]", NULL };

static const WanStatusWord words[] = {
  {"pending", WAN_TASK_QUEUED},
  {"processing", WAN_TASK_RUNNING},
  {"completed", WAN_TASK_SUCCEEDED},
  {"failed", WAN_TASK_FAILED},
  {NULL, 0}
};

/* Any file, to a separate host that keeps it 72 h (docs/providers.md,
 * "evolink"). */
static const WanUploadSpec upload = {
  .host = "https://files-api.evolink.ai",
  .path = "/api/v1/files/upload/stream",
  .images_only = FALSE,
  .max_bytes = 100 * 1024 * 1024,
  .success = "success",
  .url = "data.file_url",
  .message = "msg",
};

/* What the models take, whatever the upload takes (docs/providers.md,
 * "evolink", "Models"). */
static const gchar *const image_formats[] = { "jpeg", "png", "bmp", "webp",
  NULL
};
static const gchar *const video_formats[] = { "mp4", "mov", NULL };
static const gchar *const audio_formats[] = { "mp3", NULL };

static const WanFileLimits image_limits = {
  .formats = image_formats,
  .max_bytes = 10 * 1024 * 1024,
  .min_side = 360,
  .max_side = 2000,
  .opaque = TRUE,
};

static const WanFileLimits video_limits = {
  .formats = video_formats,
  .max_bytes = 100 * 1024 * 1024,
  .min_seconds = 2,
  .max_seconds = 30,
};

static const WanFileLimits audio_limits = {
  .formats = audio_formats,
  .max_bytes = 15 * 1024 * 1024,
  .min_seconds = 3,
  .max_seconds = 30,
};

const WanProvider wan_provider_evolink = {
  .id = WAN_PROVIDER_EVOLINK,
  .name = "evolink",
  .default_base_url = "https://api.evolink.ai",
  .key_env = "EVOLINK_API_KEY",
  .models = models,
  .create_path = "/v1/videos/generations",
  .status_path = "/v1/tasks/%s",
  .handle_shape = {.id = task_id},
  .status_shape = {
        .status = "status",
        .words = words,
        .progress = "progress",
        .estimated_seconds = "task_info.estimated_time",
        .video_url = video_url,
        .error_code = "error.code",
        .error_message = "error.message",
      },
  .upload = &upload,
  .file_limits = {&image_limits, &video_limits, &audio_limits},
  .build_body = {
        [WAN_LAYOUT_WAN26] = build_body,
        [WAN_LAYOUT_MEDIA] = build_wan27_body,
      },
};
