/* gst-wan: fal (docs/providers.md, "fal")
 *
 * fal's queue: the model's own input JSON is posted to the model's
 * endpoint id, and the answer carries the URLs to poll, fetch the result
 * from and cancel, which are used as given.  The status answer says only
 * IN_QUEUE, IN_PROGRESS or COMPLETED; the video, or the reason a run
 * failed (HTTP 422 with the field at fault), comes from the result request.
 * Those URLs name the model's owner/app only, so a task is known by
 * "owner/app/requests/ID" and can be resumed from that alone.
 * Create:  POST /{endpoint id}, Authorization: Key <key>
 * Status:  GET status_url       Result: GET response_url
 * Cancel:  PUT cancel_url
 */

#include "wan-provider.h"
#include "wan-json.h"

#define COMMON_26 (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI | \
    WAN_PARAM_RESOLUTION | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND | \
    WAN_PARAM_SHOT_TYPE)
#define SECONDS_5_10 ((1u << 5) | (1u << 10))
#define SECONDS_2_TO_15 (((1u << 16) - 1) & ~3u)
#define SECONDS_1_TO_10 (((1u << 11) - 1) & ~1u)
#define V27 "fal-ai/wan/v2.7/"
#define V25 "fal-ai/wan-25-preview/"
#define V22 "fal-ai/wan/v2.2-a14b/"
#define RES_480_720 (WAN_RES (WAN_RESOLUTION_480P) | \
    WAN_RES (WAN_RESOLUTION_720P))

/* Wan 2.6 endpoints [F5]-[F8]; the i2v flash endpoint is named only by
 * third parties, with the i2v inputs (docs/providers.md, "fal", "Wan
 * endpoints and inputs"). */
static const WanModelSpec models[] = {
  {WAN_MODE_T2V, FALSE, "wan/v2.6/text-to-video",
        COMMON_26 | WAN_PARAM_ASPECT_RATIO, WAN_SECONDS_5_10_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_I2V, FALSE, "wan/v2.6/image-to-video", COMMON_26,
        WAN_SECONDS_5_10_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_I2V, TRUE, "wan/v2.6/image-to-video/flash", COMMON_26,
        WAN_SECONDS_5_10_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_R2V, FALSE, "wan/v2.6/reference-to-video",
        WAN_PARAM_RESOLUTION | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SHOT_TYPE,
        SECONDS_5_10, TRUE, FALSE,
        WAN_LAYOUT_WAN26,.takes = WAN_TAKES_REF_VIDEOS,
      .max_references = 3},
  {WAN_MODE_R2V, TRUE, "wan/v2.6/reference-to-video/flash",
        WAN_PARAM_RESOLUTION | WAN_PARAM_AUDIO, SECONDS_5_10, FALSE, FALSE,
      WAN_LAYOUT_WAN26,.max_references = 5,.max_ref_videos = 3},
  /* Wan 2.7 [F10][F11][3p P8], routed by model-family=wan2.7 or
   * chosen with model=: an integer duration of 2-15 s, and the
   * reference videos in "reference_video_urls". */
  {WAN_MODE_T2V, FALSE, V27 "text-to-video",
        WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI | WAN_PARAM_RESOLUTION
        | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND,
        SECONDS_2_TO_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26,.family = WAN_FAMILY_2_7},
  {WAN_MODE_I2V, FALSE, V27 "image-to-video",
        WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI | WAN_PARAM_RESOLUTION
        | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND, SECONDS_2_TO_15, FALSE,
        FALSE,
        WAN_LAYOUT_WAN26,.family = WAN_FAMILY_2_7,
      .takes = WAN_TAKES_LAST_FRAME | WAN_TAKES_CLIP},
  {WAN_MODE_R2V, FALSE, V27 "reference-to-video",
        WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION
        | WAN_PARAM_ASPECT_RATIO, SECONDS_2_TO_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26,.family = WAN_FAMILY_2_7},
  /* Wan 2.5 [F12][F13], model-family=wan2.5: 480p to 1080p and a string
   * duration of 5 or 10 s, as on 2.6; the i2v prompt is at most 800
   * characters. */
  {WAN_MODE_T2V, FALSE, V25 "text-to-video",
        WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI | WAN_PARAM_RESOLUTION
        | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND,
        SECONDS_5_10, TRUE, FALSE,
        WAN_LAYOUT_WAN26,.family = WAN_FAMILY_2_5,
        .resolutions = WAN_RES_ALL,
      .aspect_ratios = WAN_ASPECTS_16_9_9_16_1_1},
  {WAN_MODE_I2V, FALSE, V25 "image-to-video",
        WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI | WAN_PARAM_RESOLUTION
        | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND, SECONDS_5_10, TRUE, FALSE,
        WAN_LAYOUT_WAN26,.family = WAN_FAMILY_2_5,
      .resolutions = WAN_RES_ALL,.max_prompt = 800},
  /* Wan 2.2 A14B [F14][F15], model-family=wan2.2: silent, 480p or 720p
   * (fal's 580p has no resolution value here), and a length given as a
   * frame count. */
  {WAN_MODE_T2V, FALSE, V22 "text-to-video",
        WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_RESOLUTION
        | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SEED, SECONDS_1_TO_10, TRUE,
        FALSE, WAN_LAYOUT_WAN26,.family = WAN_FAMILY_2_2,
        .takes = WAN_TAKES_SILENT,.resolutions = RES_480_720,
      .aspect_ratios = WAN_ASPECTS_16_9_9_16_1_1},
  {WAN_MODE_I2V, FALSE, V22 "image-to-video",
        WAN_PARAM_RESOLUTION | WAN_PARAM_ASPECT_RATIO | WAN_PARAM_SEED,
        SECONDS_1_TO_10, TRUE, FALSE, WAN_LAYOUT_WAN26,
        .family = WAN_FAMILY_2_2,.takes = WAN_TAKES_SILENT,
        .resolutions = RES_480_720,
      .aspect_ratios = WAN_ASPECTS_16_9_9_16_1_1},
  {0, FALSE, NULL, 0, 0, FALSE, FALSE, 0}
};

/* Each family takes the length its own way: 2.5 and 2.6 as a string
 * ("5", "10", "15"), 2.7 as an integer (and refuses a string), 2.2 as a
 * frame count at its default 16 frames a second plus the first frame,
 * so 5 s is its default of 81 frames and 1-10 s its range of 17-161. */
static void
add_duration (JsonBuilder * b, const WanModelSpec * spec, guint seconds)
{
  gchar *text;

  if (seconds == 0)
    return;
  if (spec->family == WAN_FAMILY_2_7) {
    wan_json_add_int (b, "duration", TRUE, seconds);
  } else if (spec->family == WAN_FAMILY_2_2) {
    wan_json_add_int (b, "num_frames", TRUE, seconds * 16 + 1);
  } else {
    text = g_strdup_printf ("%u", seconds);
    wan_json_add_string (b, "duration", text);
    g_free (text);
  }
}

static void
build_body (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;
  gboolean v27 = plan->spec->family == WAN_FAMILY_2_7;

  wan_json_add_string (b, "prompt", req->prompt);
  wan_json_add_string (b, "negative_prompt", req->negative_prompt);
  wan_json_add_string (b, "image_url", req->image_uri);
  wan_json_add_string (b, "end_image_url", req->last_frame_uri);
  wan_json_add_string (b, "video_url", req->video_uri);
  /* The r2v endpoints take images and videos apart ([F8], [F11]). */
  wan_provider_add_references_by_kind (b, plan,
      v27 ? "reference_image_urls" : "image_urls",
      v27 ? "reference_video_urls" : "video_urls", NULL);
  wan_json_add_string (b, "audio_url", req->audio_uri);
  wan_json_add_string (b, "resolution",
      req->resolution != WAN_RESOLUTION_DEFAULT ?
      wan_resolution_to_string (req->resolution) : NULL);
  wan_json_add_string (b, "aspect_ratio",
      req->aspect_ratio != WAN_ASPECT_DEFAULT ?
      wan_aspect_ratio_to_string (req->aspect_ratio) : NULL);
  add_duration (b, plan->spec, req->duration);
  wan_json_add_switch (b, "enable_prompt_expansion", req->prompt_extend);
  wan_json_add_switch (b, "multi_shots", req->shot_type == WAN_SHOT_DEFAULT ?
      WAN_UNSET : req->shot_type == WAN_SHOT_MULTI);
  /* Only the r2v flash endpoint has the switch; elsewhere audio=true is
   * what happens anyway and is not sent. */
  if (plan->spec->params & WAN_PARAM_AUDIO)
    wan_json_add_switch (b, "enable_audio", req->audio);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
}

static const gchar *const request_id[] = { "request_id", NULL };
static const gchar *const status_url[] = { "status_url", NULL };
static const gchar *const response_url[] = { "response_url", NULL };
static const gchar *const cancel_url[] = { "cancel_url", NULL };
static const gchar *const video_url[] = { "video.url", NULL };

/* [var] FAILED and CANCELED only in a third-party schema. */
static const WanStatusWord words[] = {
  {"IN_QUEUE", WAN_TASK_QUEUED},
  {"IN_PROGRESS", WAN_TASK_RUNNING},
  {"COMPLETED", WAN_TASK_SUCCEEDED},
  {"FAILED", WAN_TASK_FAILED},
  {"CANCELED", WAN_TASK_FAILED},
  {NULL, 0}
};

/* COMPLETED means finished, successfully or not: the official client
 * reads "error" and "error_type" from the status answer too. */
static gboolean
read_status (const WanProvider * provider, JsonNode * root,
    WanTaskState * state, GError ** error)
{
  gchar *failure;

  if (!wan_provider_read_status (provider, root, state, error))
    return FALSE;
  failure = wan_json_get_string (root, "error");
  if (state->status == WAN_TASK_SUCCEEDED && failure != NULL) {
    state->status = WAN_TASK_FAILED;
    state->progress = -1;
    state->error_message = failure;
    state->error_code = wan_json_get_string (root, "error_type");
    return TRUE;
  }
  g_free (failure);
  return TRUE;
}

/* A token from the REST API, then the bytes to fal's CDN [sdk F9]; files
 * over 100 MB would need the multipart variant. */
static const WanUploadSpec upload = {
  .host = NULL,
  .path = "/files/upload",
  .images_only = FALSE,
  .max_bytes = 100 * 1024 * 1024,
  .success = NULL,
  .url = "access_url",
  .message = "detail",
  .token_host = "https://rest.fal.ai",
  .token_path = "/storage/auth/token?storage_type=fal-cdn-v3",
};

const WanProvider wan_provider_fal = {
  .id = WAN_PROVIDER_FAL,
  .name = "fal",
  .default_base_url = "https://queue.fal.run",
  .key_env = "FAL_KEY",
  .models = models,
  .create_path = "/%s",
  .auth_scheme = "Key",
  .status_path = "/%s/status",
  .result_path = "/%s",
  .result_video_url = video_url,
  .cancel_path = "/%s/cancel",
  .cancel_method = "PUT",
  .task_app_parts = 2,
  .handle_shape = {
        .id = request_id,
        .status_url = status_url,
        .result_url = response_url,
        .cancel_url = cancel_url,
      },
  .status_shape = {
        .status = "status",
        .words = words,
        .queue_position = "queue_position",
      },
  .upload = &upload,
  .build_body = {[WAN_LAYOUT_WAN26] = build_body},
  .read_status = read_status,
};
