/* gst-wan: AI/ML API (docs/providers.md, "aimlapi")
 *
 * Image-to-video only.  The image may be a URL or a data: URI.
 * Create:  POST /v2/video/generations
 * Status:  GET /v2/video/generations?generation_id={id}
 */

#include "wan-provider.h"
#include "wan-json.h"

static const WanModelSpec models[] = {
  {WAN_MODE_I2V, FALSE, "alibaba/wan-2-6-i2v",
        WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI | WAN_PARAM_RESOLUTION
        | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND | WAN_PARAM_AUDIO
        | WAN_PARAM_SHOT_TYPE,
        WAN_SECONDS_5_10_15, TRUE, TRUE,
      WAN_LAYOUT_WAN26},
  {0, FALSE, NULL, 0, 0, FALSE, FALSE, 0}
};

static void
build_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;
  wan_json_add_string (b, "model", plan->model);
  wan_json_add_string (b, "prompt", req->prompt);
  wan_json_add_string (b, "image_url", req->image_uri);
  wan_json_add_string (b, "audio_url", req->audio_uri);
  wan_json_add_string (b, "resolution",
      req->resolution !=
      WAN_RESOLUTION_DEFAULT ? wan_resolution_to_string (req->resolution) :
      NULL);
  wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_string (b, "negative_prompt", req->negative_prompt);
  wan_json_add_string (b, "shot_type", req->shot_type != WAN_SHOT_DEFAULT ?
      wan_shot_type_to_string (req->shot_type) : NULL);
  wan_json_add_switch (b, "generate_audio", req->audio);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
  wan_json_add_switch (b, "enhance_prompt", req->prompt_extend);
}

static const gchar *const task_id[] = { "id", "generation_id", NULL };
static const gchar *const video_url[] = { "video.url", NULL };

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
  .build_body = {[WAN_LAYOUT_WAN26] = build_body},
};
