/* gst-wan: Alibaba Cloud Model Studio (DashScope), the upstream service
 * (docs/providers.md, "dashscope"; the wan2.6 models take the legacy
 * layout, "Create request")
 *
 * Create:  POST /api/v1/services/aigc/video-generation/video-synthesis
 *          with X-DashScope-Async: enable, {"model","input","parameters"}
 * Status:  GET /api/v1/tasks/{id}, output.task_status in capitals; an
 *          unknown or expired id is an HTTP 200 with status UNKNOWN.
 */

#include "wan-provider.h"
#include "wan-json.h"

#define COMMON (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION | \
    WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND | WAN_PARAM_SHOT_TYPE | \
    WAN_PARAM_WATERMARK)

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
  {0, FALSE, NULL, 0, 0, FALSE, FALSE, 0}
};

/* Text and reference modes take a pixel size instead of a resolution. */
static void
add_size_or_resolution (JsonBuilder * b, const WanRequest * req, WanMode mode)
{
  guint w, h;
  gchar *size;

  if (mode == WAN_MODE_I2V) {
    if (req->resolution != WAN_RESOLUTION_DEFAULT)
      wan_json_add_string (b, "resolution",
          req->resolution == WAN_RESOLUTION_720P ? "720P" : "1080P");
    return;
  }
  if (req->resolution == WAN_RESOLUTION_DEFAULT
      && req->aspect_ratio == WAN_ASPECT_DEFAULT)
    return;
  wan_frame_size (req->resolution, req->aspect_ratio, &w, &h);
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
  add_size_or_resolution (b, req, plan->spec->mode);
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
  .create_header = "X-DashScope-Async: enable",
  .status_path = "/api/v1/tasks/%s",
  /* Honoured only while the task is PENDING. */
  .cancel_path = "/api/v1/tasks/%s/cancel",
  .handle_shape = {.id = task_id},
  .status_shape = {
        .status = "output.task_status",
        .words = words,
        .video_url = video_url,
        .error_code = "output.code",
        .error_message = "output.message",
      },
  .build_body = {[WAN_LAYOUT_WAN26] = build_body},
};
