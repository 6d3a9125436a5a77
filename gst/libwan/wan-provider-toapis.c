/* gst-wan: toapis (docs/providers.md, "toapis")
 *
 * One model name per speed ("wan2.6", "wan2.6-flash"); the server routes by
 * the inputs: metadata.reference_urls → r2v, image_urls → i2v.
 * Create:  POST /v1/videos/generations
 * Status:  GET /v1/videos/generations/{id}
 */

#include "wan-provider.h"
#include "wan-json.h"

#define COMMON (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION | \
    WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND | WAN_PARAM_WATERMARK)

/* Non-flash models always have audio and no switch for it; aspect ratio
 * and shot type apply to text and reference modes, never to flash. */
static const WanModelSpec models[] = {
  {WAN_MODE_T2V, FALSE, "wan2.6",
        COMMON | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SHOT_TYPE,
        WAN_SECONDS_5_10_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_I2V, FALSE, "wan2.6", COMMON, WAN_SECONDS_5_10_15, FALSE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_R2V, FALSE, "wan2.6",
        COMMON | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SHOT_TYPE,
        WAN_SECONDS_5_10_15, FALSE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_I2V, TRUE, "wan2.6-flash", COMMON | WAN_PARAM_AUDIO,
        WAN_SECONDS_5_10_15, FALSE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_R2V, TRUE, "wan2.6-flash", COMMON | WAN_PARAM_AUDIO,
        WAN_SECONDS_5_10_15, FALSE, FALSE,
      WAN_LAYOUT_WAN26},
  {0, FALSE, NULL, 0, 0, FALSE, FALSE, 0}
};

static void
build_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;

  wan_provider_add_gateway_head (b, plan);
  if (plan->spec->mode == WAN_MODE_R2V) {
    json_builder_set_member_name (b, "metadata");
    json_builder_begin_object (b);
    wan_json_add_string_array (b, "reference_urls",
        (const gchar * const *) req->reference_uris);
    json_builder_end_object (b);
  }
  wan_json_add_string (b, "aspect_ratio",
      req->aspect_ratio !=
      WAN_ASPECT_DEFAULT ? wan_aspect_ratio_to_string (req->aspect_ratio) :
      NULL);
  wan_json_add_string (b, "resolution",
      req->resolution !=
      WAN_RESOLUTION_DEFAULT ? wan_resolution_to_string (req->resolution) :
      NULL);
  wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_string (b, "negative_prompt", req->negative_prompt);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
  wan_json_add_switch (b, "prompt_extend", req->prompt_extend);
  if (plan->spec->params & WAN_PARAM_AUDIO)
    wan_json_add_switch (b, "audio", req->audio);
  wan_json_add_string (b, "shot_type", req->shot_type != WAN_SHOT_DEFAULT ?
      wan_shot_type_to_string (req->shot_type) : NULL);
  wan_json_add_switch (b, "watermark", req->watermark);
}

/* [var] an older answer shape keeps the id in data[0].task_id
 * (docs/providers.md, "toapis", "Create answer"). */
static const gchar *const task_id[] = { "id", "task_id",
  "data[0].task_id", NULL
};

/* [var] one sample reads a top-level url (docs/providers.md, "toapis",
 * "Status answer"). */
static const gchar *const video_url[] = { "result.data[0].url", "url",
  NULL
};

static const WanStatusWord words[] = {
  {"queued", WAN_TASK_QUEUED},
  {"submitted", WAN_TASK_QUEUED},
  {"in_progress", WAN_TASK_RUNNING},
  {"completed", WAN_TASK_SUCCEEDED},
  {"failed", WAN_TASK_FAILED},
  {NULL, 0}
};

/* Images only, to the API host itself (docs/providers.md, "toapis",
 * "Upload answer"). */
static const WanUploadSpec upload = {
  .host = NULL,
  .path = "/v1/uploads/images",
  .images_only = TRUE,
  .max_bytes = 10 * 1024 * 1024,
  .success = "success",
  .url = "data.url",
  .message = "message",
};

static const gchar *const image_formats[] = { "jpeg", "png", "webp", "gif",
  NULL
};

static const WanFileLimits image_limits = {
  .formats = image_formats,
  .max_bytes = 10 * 1024 * 1024,
};

const WanProvider wan_provider_toapis = {
  .id = WAN_PROVIDER_TOAPIS,
  .name = "toapis",
  .default_base_url = "https://toapis.com",
  .key_env = "TOAPIS_API_KEY",
  .models = models,
  .create_path = "/v1/videos/generations",
  .status_path = "/v1/videos/generations/%s",
  .handle_shape = {.id = task_id},
  .status_shape = {
        .status = "status",
        .words = words,
        .progress = "progress",
        .video_url = video_url,
        .error_code = "error.code",
        .error_message = "error.message",
      },
  .upload = &upload,
  .file_limits = {&image_limits, NULL, NULL},
  .build_body = {[WAN_LAYOUT_WAN26] = build_body},
};
