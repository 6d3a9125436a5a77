/* gst-wan: Replicate (docs/providers.md, "Replicate")
 *
 * Predictions of official models: the model's inputs go in an "input"
 * object posted to the model's own path; the answer is the prediction,
 * whose "urls" name where to poll and cancel it, used as given.  Outputs
 * are deleted about an hour after the prediction [R2]: the job downloads
 * at once.
 * Create:  POST /v1/models/{owner}/{name}/predictions
 * Status:  GET urls.get (= /v1/predictions/{id})
 * Cancel:  POST urls.cancel (= /v1/predictions/{id}/cancel)
 */

#include "wan-provider.h"
#include "wan-json.h"

#define I2V_PARAMS (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI | \
    WAN_PARAM_RESOLUTION | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND | \
    WAN_PARAM_SHOT_TYPE)

#define COMMON_27 (WAN_PARAM_NEGATIVE_PROMPT | WAN_PARAM_AUDIO_URI | \
    WAN_PARAM_RESOLUTION | WAN_PARAM_SEED | WAN_PARAM_PROMPT_EXTEND)

/* wan2.6-i2v-flash has an API page [R3]; wan-2.6-i2v (note the dash) is
 * known from third parties [3p P13][3p P17] and given the same inputs
 * minus the audio switch.  Replicate's Wan 2.6 text-to-video model takes
 * a "size" and is not routed (docs/providers.md, "Replicate").  Wan 2.7
 * [R5][R6], model-family=wan2.7: an integer 2-15 s, the frames in
 * "first_frame" and "last_frame" (which needs the first), or a clip to
 * continue in "first_clip"; no multi-shot and no audio switch. */
static const WanModelSpec models[] = {
  {WAN_MODE_I2V, FALSE, "wan-video/wan-2.6-i2v", I2V_PARAMS,
        WAN_SECONDS_5_10_15, FALSE, TRUE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_I2V, TRUE, "wan-video/wan2.6-i2v-flash",
        I2V_PARAMS | WAN_PARAM_AUDIO, WAN_SECONDS_5_10_15, FALSE, TRUE,
      WAN_LAYOUT_WAN26},
  {WAN_MODE_T2V, FALSE, "wan-video/wan-2.7-t2v",
        COMMON_27 | WAN_PARAM_ASPECT_RATIO, WAN_SECONDS_2_TO_15, TRUE, FALSE,
      WAN_LAYOUT_WAN26,.family = WAN_FAMILY_2_7},
  {WAN_MODE_I2V, FALSE, "wan-video/wan-2.7-i2v", COMMON_27,
        WAN_SECONDS_2_TO_15, FALSE, TRUE, WAN_LAYOUT_WAN26,
      .family = WAN_FAMILY_2_7,.takes = WAN_TAKES_LAST_FRAME |
        WAN_TAKES_CLIP | WAN_TAKES_LAST_AFTER_IMAGE},
  {0, FALSE, NULL, 0, 0, FALSE, FALSE, 0}
};

static void
build_input (JsonBuilder * b, const WanPlan * plan)
{
  const WanRequest *req = &plan->req;

  wan_json_add_string (b, "prompt", req->prompt);
  wan_json_add_string (b, "negative_prompt", req->negative_prompt);
  /* Wan 2.7 calls the first frame "first_frame" [R6]. */
  wan_json_add_string (b, plan->spec->family == WAN_FAMILY_2_7 ?
      "first_frame" : "image", req->image_uri);
  wan_json_add_string (b, "last_frame", req->last_frame_uri);
  /* The clip to continue, instead of a first frame [R6]. */
  wan_json_add_string (b, "first_clip", req->video_uri);
  /* "audio" is the soundtrack file; the switch is "audio_enabled". */
  wan_json_add_string (b, "audio", req->audio_uri);
  if (plan->spec->params & WAN_PARAM_AUDIO)
    wan_json_add_switch (b, "audio_enabled", req->audio);
  wan_json_add_string (b, "resolution",
      req->resolution != WAN_RESOLUTION_DEFAULT ?
      wan_resolution_to_string (req->resolution) : NULL);
  wan_json_add_string (b, "aspect_ratio",
      req->aspect_ratio != WAN_ASPECT_DEFAULT ?
      wan_aspect_ratio_to_string (req->aspect_ratio) : NULL);
  wan_json_add_int (b, "duration", req->duration != 0, req->duration);
  wan_json_add_switch (b, "enable_prompt_expansion", req->prompt_extend);
  wan_json_add_switch (b, "multi_shots", req->shot_type == WAN_SHOT_DEFAULT ?
      WAN_UNSET : req->shot_type == WAN_SHOT_MULTI);
  wan_json_add_int (b, "seed", req->seed >= 0, req->seed);
}

static void
build_body (JsonBuilder * b, const WanPlan * plan)
{
  json_builder_set_member_name (b, "input");
  json_builder_begin_object (b);
  build_input (b, plan);
  json_builder_end_object (b);
}

static const gchar *const prediction_id[] = { "id", NULL };
static const gchar *const get_url[] = { "urls.get", NULL };
static const gchar *const cancel_url[] = { "urls.cancel", NULL };

/* A URI, or a list of them, depending on the model. */
static const gchar *const video_url[] = { "output", "output[0]", NULL };

static const WanStatusWord words[] = {
  {"starting", WAN_TASK_QUEUED},
  {"processing", WAN_TASK_RUNNING},
  {"succeeded", WAN_TASK_SUCCEEDED},
  {"failed", WAN_TASK_FAILED},
  {"canceled", WAN_TASK_FAILED},
  {NULL, 0}
};

/* The percentage of the last progress bar in @logs ("…\n 40%|####  | 4/10"),
 * or -1: Replicate has no progress field, and the official client reads
 * it from the logs the same way [sdk R4]. */
static gint
progress_from_logs (const gchar * logs)
{
  const gchar *p;

  for (p = logs ? strrchr (logs, '%') : NULL; p != NULL && p > logs;
      p = g_strrstr_len (logs, p - logs, "%")) {
    const gchar *start = p;

    while (start > logs && g_ascii_isdigit (start[-1]) && p - start < 3)
      start--;
    if (start < p)
      return MIN (atoi (start), 100);
  }
  return -1;
}

static gboolean
read_status (const WanProvider * provider, JsonNode * root,
    WanTaskState * state, GError ** error)
{
  gchar *logs;

  if (!wan_provider_read_status (provider, root, state, error))
    return FALSE;
  if (state->status == WAN_TASK_RUNNING) {
    logs = wan_json_get_string (root, "logs");
    state->progress = progress_from_logs (logs);
    g_free (logs);
  }
  return TRUE;
}

const WanProvider wan_provider_replicate = {
  .id = WAN_PROVIDER_REPLICATE,
  .name = "replicate",
  .default_base_url = "https://api.replicate.com",
  .key_env = "REPLICATE_API_TOKEN",
  .models = models,
  .create_path = "/v1/models/%s/predictions",
  .status_path = "/v1/predictions/%s",
  .cancel_path = "/v1/predictions/%s/cancel",
  .handle_shape = {
        .id = prediction_id,
        .status_url = get_url,
        .cancel_url = cancel_url,
      },
  .status_shape = {
        .status = "status",
        .words = words,
        .video_url = video_url,
        .error_message = "error",
      },
  .build_body = {[WAN_LAYOUT_WAN26] = build_body},
  .read_status = read_status,
};
