/* gst-wan: OpenRouter (docs/providers.md, "OpenRouter")
 *
 * One model id per family for text- and image-to-video; the first frame
 * (and on wan-2.7 the last one) are the "frame_images".  The create
 * answer (202) names a polling URL, relative in the reference [O3]; the
 * finished job names its content endpoint on the API origin, which needs
 * the key (wan-download.c sends it there, and never along a redirect to
 * another origin).  OpenRouter documents no cancel.
 * Create:  POST /api/v1/videos
 * Status:  GET polling_url (= /api/v1/videos/{id})
 * Video:   GET /api/v1/videos/{id}/content?index=0, with the key
 */

#include "wan-provider.h"
#include "wan-json.h"

#define PARAMS (WAN_PARAM_RESOLUTION | WAN_PARAM_SEED | WAN_PARAM_AUDIO | \
    WAN_PARAM_CALLBACK_URL)
#define SECONDS_5_10 ((1u << 5) | (1u << 10))

/* alibaba/wan-2.6 as /api/v1/videos/models lists it (docs/providers.md,
 * "OpenRouter", [3p P16]): 5 or 10 seconds, 720p or 1080p, 16:9 or 9:16,
 * a first frame only. */
static const WanModelSpec models[] = {
  {WAN_MODE_T2V, FALSE, "alibaba/wan-2.6", PARAMS | WAN_PARAM_ASPECT_RATIO,
        SECONDS_5_10, TRUE, FALSE, WAN_LAYOUT_WAN26,
        .aspect_ratios = WAN_ASPECT (WAN_ASPECT_16_9)
      | WAN_ASPECT (WAN_ASPECT_9_16)},
  /* No page says frame_images take a data: URI, and OpenRouter has no
   * upload: a local image is refused. */
  {WAN_MODE_I2V, FALSE, "alibaba/wan-2.6", PARAMS, SECONDS_5_10, TRUE,
        FALSE,
      WAN_LAYOUT_WAN26},
  /* alibaba/wan-2.7, model-family=wan2.7: 2 to 10 seconds, the five
   * ratios, a first and optionally a last frame. */
  {WAN_MODE_T2V, FALSE, "alibaba/wan-2.7", PARAMS | WAN_PARAM_ASPECT_RATIO,
        WAN_SECONDS_2_TO_10, TRUE, FALSE, WAN_LAYOUT_WAN26,
      .family = WAN_FAMILY_2_7},
  {WAN_MODE_I2V, FALSE, "alibaba/wan-2.7", PARAMS, WAN_SECONDS_2_TO_10,
        TRUE, FALSE, WAN_LAYOUT_WAN26,.family = WAN_FAMILY_2_7,
      .takes = WAN_TAKES_LAST_FRAME},
  {0, FALSE, NULL, 0, 0, FALSE, FALSE, 0}
};

/* {"type":"image_url","image_url":{"url":…},"frame_type":…} */
static void
add_frame (JsonBuilder * b, const gchar * url, const gchar * frame_type)
{
  json_builder_begin_object (b);
  wan_json_add_string (b, "type", "image_url");
  json_builder_set_member_name (b, "image_url");
  json_builder_begin_object (b);
  wan_json_add_string (b, "url", url);
  json_builder_end_object (b);
  wan_json_add_string (b, "frame_type", frame_type);
  json_builder_end_object (b);
}

/* "frame_images": the first frame, then the last one where given. */
static void
add_frames (JsonBuilder * b, const gchar * first, const gchar * last)
{
  json_builder_set_member_name (b, "frame_images");
  json_builder_begin_array (b);
  add_frame (b, first, "first_frame");
  if (last)
    add_frame (b, last, "last_frame");
  json_builder_end_array (b);
}

static void
build_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;

  wan_json_add_string (b, "model", plan->model);
  wan_json_add_string (b, "prompt", req->prompt);
  wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_string (b, "resolution",
      req->resolution != WAN_RESOLUTION_DEFAULT ?
      wan_resolution_to_string (req->resolution) : NULL);
  wan_json_add_string (b, "aspect_ratio",
      req->aspect_ratio != WAN_ASPECT_DEFAULT ?
      wan_aspect_ratio_to_string (req->aspect_ratio) : NULL);
  wan_json_add_switch (b, "generate_audio", req->audio);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
  if (req->image_uri)
    add_frames (b, req->image_uri, req->last_frame_uri);
  wan_json_add_string (b, "callback_url", req->callback_url);
}

static const gchar *const job_id[] = { "id", NULL };
static const gchar *const polling_url[] = { "polling_url", NULL };

/* The keyed content endpoint [O3]. */
static const gchar *const video_url[] = { "unsigned_urls[0]", NULL };

static const WanStatusWord words[] = {
  {"pending", WAN_TASK_QUEUED},
  {"in_progress", WAN_TASK_RUNNING},
  {"completed", WAN_TASK_SUCCEEDED},
  {"failed", WAN_TASK_FAILED},
  {"cancelled", WAN_TASK_FAILED},
  {"expired", WAN_TASK_FAILED},
  {NULL, 0}
};

const WanProvider wan_provider_openrouter = {
  .id = WAN_PROVIDER_OPENROUTER,
  .name = "openrouter",
  .default_base_url = "https://openrouter.ai",
  .key_env = "OPENROUTER_API_KEY",
  .models = models,
  .create_path = "/api/v1/videos",
  .status_path = "/api/v1/videos/%s",
  .handle_shape = {
        .id = job_id,
        .status_url = polling_url,
      },
  .status_shape = {
        .status = "status",
        .words = words,
        .video_url = video_url,
        .error_message = "error",
      },
  .build_body = {[WAN_LAYOUT_WAN26] = build_body},
};
