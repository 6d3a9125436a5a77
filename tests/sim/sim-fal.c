/* wan-sim: the fal queue dialect (docs/providers.md, "fal")
 *
 * The model is the create path; the create answer carries the status,
 * result and cancel URLs under the model's owner/app; COMPLETED says
 * only that the run ended, and a failed run shows on the result request
 * as HTTP 422 with a "detail" list naming the field.
 */

#include "sim-private.h"

typedef struct _FalModel FalModel;

/* Checks a model's own input JSON and fills @task from it. */
typedef gboolean (*FalParse) (JsonObject * body, const FalModel * m,
    SimTask * task, SimError * err);

struct _FalModel
{
  const gchar *model;
  const gchar *mode;
  gboolean flash;
  FalParse parse;
};

static gboolean parse_inputs (JsonObject * body, const FalModel * m,
    SimTask * task, SimError * err);
static gboolean parse_inputs_27 (JsonObject * body, const FalModel * m,
    SimTask * task, SimError * err);
static gboolean parse_inputs_25 (JsonObject * body, const FalModel * m,
    SimTask * task, SimError * err);
static gboolean parse_inputs_22 (JsonObject * body, const FalModel * m,
    SimTask * task, SimError * err);

static const FalModel fal_models[] = {
  {"wan/v2.6/text-to-video", "t2v", FALSE, parse_inputs},
  {"wan/v2.6/image-to-video", "i2v", FALSE, parse_inputs},
  {"wan/v2.6/image-to-video/flash", "i2v", TRUE, parse_inputs},
  {"wan/v2.6/reference-to-video", "r2v", FALSE, parse_inputs},
  {"wan/v2.6/reference-to-video/flash", "r2v", TRUE, parse_inputs},
  {"fal-ai/wan/v2.7/text-to-video", "t2v", FALSE, parse_inputs_27},
  {"fal-ai/wan/v2.7/image-to-video", "i2v", FALSE, parse_inputs_27},
  {"fal-ai/wan/v2.7/reference-to-video", "r2v", FALSE, parse_inputs_27},
  {"fal-ai/wan-25-preview/text-to-video", "t2v", FALSE, parse_inputs_25},
  {"fal-ai/wan-25-preview/image-to-video", "i2v", FALSE, parse_inputs_25},
  {"fal-ai/wan/v2.2-a14b/text-to-video", "t2v", FALSE, parse_inputs_22},
  {"fal-ai/wan/v2.2-a14b/image-to-video", "i2v", FALSE, parse_inputs_22},
};

static const FalModel *
find_model (const gchar * model)
{
  guint i;

  for (i = 0; model && i < G_N_ELEMENTS (fal_models); i++)
    if (g_str_equal (fal_models[i].model, model))
      return &fal_models[i];
  return NULL;
}

/* "/wan/v2.6/text-to-video" → "wan/v2.6/text-to-video" */
static gchar *
match_create (const gchar * path)
{
  return find_model (path + 1) ? g_strdup (path + 1) : NULL;
}

/* The owner/app part of an endpoint id, which request URLs use. */
static gchar *
app_of (const gchar * model)
{
  gchar **parts = g_strsplit (model, "/", 3);
  gchar *app = g_strdup_printf ("%s/%s", parts[0], parts[1] ? parts[1] : "");

  g_strfreev (parts);
  return app;
}

/* Wan 2.7's inputs besides the prompt: image-to-video starts from a first
 * frame or a clip (not both) and may end on a last frame; the references
 * are images and videos in fields of their own, 1-5 in all. */
static gboolean
check_inputs_27 (JsonObject * body, const FalModel * m, SimError * err)
{
  gboolean i2v = g_str_equal (m->mode, "i2v");
  gboolean r2v = g_str_equal (m->mode, "r2v");
  gboolean image = json_object_has_member (body, "image_url");
  gboolean clip = json_object_has_member (body, "video_url");
  guint images = 0, videos = 0;

  if (!sim_check_url (body, "image_url", FALSE, FALSE, err)
      || !sim_check_url (body, "end_image_url", FALSE, FALSE, err)
      || !sim_check_url (body, "video_url", FALSE, FALSE, err)
      || !sim_check_urls (body, "reference_image_urls", 0, 5, FALSE, &images,
          err)
      || !sim_check_urls (body, "reference_video_urls", 0, 5, FALSE, &videos,
          err))
    return FALSE;
  if (!i2v && (image || clip || json_object_has_member (body, "end_image_url")))
    return sim_fail (err, 422, image ? "image_url" : clip ? "video_url" :
        "end_image_url", "extra inputs are not permitted");
  if (i2v && image == clip)
    return sim_fail (err, 422, "image_url", image ? "video_url cannot be "
        "used with image_url" : "image_url or video_url is required");
  if (!r2v && images + videos > 0)
    return sim_fail (err, 422, images ? "reference_image_urls" :
        "reference_video_urls", "extra inputs are not permitted");
  if (r2v && (images + videos < 1 || images + videos > 5))
    return sim_fail (err, 422, "reference_video_urls", "1 to 5 reference "
        "images and videos are required, not %u", images + videos);
  return TRUE;
}

/* Wan 2.7: an integer duration of 2-15 s. */
static gboolean
parse_inputs_27 (JsonObject * body, const FalModel * m, SimTask * task,
    SimError * err)
{
  static const gchar *const known[] = { "prompt", "negative_prompt",
    "image_url", "end_image_url", "video_url", "reference_image_urls",
    "reference_video_urls", "audio_url", "resolution", "aspect_ratio",
    "duration", "enable_prompt_expansion", "seed", NULL
  };
  static const gchar *const resolutions[] = { "720p", "1080p", NULL };
  static const gchar *const aspects[] = { "16:9", "9:16", "1:1", "4:3",
    "3:4", NULL
  };
  const gchar *resolution = "1080p", *aspect = "16:9", *s;
  gint64 duration = 5, seed;

  if (!sim_check_members (body, known, err)
      || !sim_check_prompt (body, "prompt", !g_str_equal (m->mode, "i2v"),
          task, err)
      || !sim_get_string (body, "negative_prompt", FALSE, &s, err)
      || !check_inputs_27 (body, m, err)
      || !sim_check_url (body, "audio_url", FALSE, FALSE, err)
      || !sim_check_choice (body, "resolution", resolutions, &resolution, err)
      || !sim_check_choice (body, "aspect_ratio", aspects, &aspect, err)
      || !sim_check_int (body, "duration", 2, 15, 0, FALSE, &duration, err)
      || !sim_check_bool (body, "enable_prompt_expansion", NULL, err)
      || !sim_check_int (body, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err))
    return FALSE;
  task->mode = m->mode;
  task->audio = TRUE;
  sim_frame_size (resolution, aspect, &task->width, &task->height);
  task->duration = duration;
  return TRUE;
}

/* Wan 2.5: 480p to 1080p, a string duration of 5 or 10 s, an aspect
 * ratio only for t2v, an i2v prompt of at most 800 characters. */
static gboolean
parse_inputs_25 (JsonObject * body, const FalModel * m, SimTask * task,
    SimError * err)
{
  static const gchar *const known[] = { "prompt", "negative_prompt",
    "image_url", "audio_url", "resolution", "aspect_ratio", "duration",
    "enable_prompt_expansion", "seed", "enable_safety_checker", NULL
  };
  static const gchar *const resolutions[] = { "480p", "720p", "1080p", NULL };
  static const gchar *const aspects[] = { "16:9", "9:16", "1:1", NULL };
  static const gchar *const durations[] = { "5", "10", NULL };
  gboolean i2v = g_str_equal (m->mode, "i2v");
  const gchar *resolution = "1080p", *aspect = "16:9", *duration = "5", *s;
  gint64 seed;

  if (!sim_check_members (body, known, err)
      || !sim_check_prompt (body, "prompt", TRUE, task, err)
      || !sim_get_string (body, "negative_prompt", FALSE, &s, err)
      || !sim_get_string (body, "image_url", i2v, &s, err)
      || !sim_check_url (body, "image_url", FALSE, FALSE, err)
      || !sim_check_url (body, "audio_url", FALSE, FALSE, err)
      || !sim_check_choice (body, "resolution", resolutions, &resolution, err)
      || !sim_check_choice (body, "aspect_ratio", aspects, &aspect, err)
      || !sim_get_string (body, "duration", FALSE, &s, err)
      || !sim_check_choice (body, "duration", durations, &duration, err)
      || !sim_check_bool (body, "enable_prompt_expansion", NULL, err)
      || !sim_check_int (body, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err))
    return FALSE;
  if (i2v && g_utf8_strlen (task->prompt, -1) > 800)
    return sim_fail (err, 422, "prompt", "prompt is limited to 800 "
        "characters");
  if (json_object_has_member (body, i2v ? "aspect_ratio" : "image_url"))
    return sim_fail (err, 422, i2v ? "aspect_ratio" : "image_url",
        "extra inputs are not permitted");
  task->mode = m->mode;
  task->audio = TRUE;
  sim_frame_size (resolution, aspect, &task->width, &task->height);
  task->duration = atoi (duration);
  return TRUE;
}

/* Wan 2.2 A14B: silent, 480p, 580p or 720p, the length as 17-161
 * frames at 16 frames a second; no "duration" (an unknown member). */
static gboolean
parse_inputs_22 (JsonObject * body, const FalModel * m, SimTask * task,
    SimError * err)
{
  static const gchar *const known[] = { "prompt", "negative_prompt",
    "image_url", "num_frames", "frames_per_second", "resolution",
    "aspect_ratio", "seed", "enable_safety_checker", NULL
  };
  static const gchar *const resolutions[] = { "480p", "580p", "720p", NULL };
  static const gchar *const aspects[] = { "auto", "16:9", "9:16", "1:1",
    NULL
  };
  gboolean i2v = g_str_equal (m->mode, "i2v");
  const gchar *resolution = "720p", *aspect = "16:9", *s;
  gint64 frames = 81, fps = 16, seed;

  if (!sim_check_members (body, known, err)
      || !sim_check_prompt (body, "prompt", TRUE, task, err)
      || !sim_get_string (body, "negative_prompt", FALSE, &s, err)
      || !sim_get_string (body, "image_url", i2v, &s, err)
      || !sim_check_url (body, "image_url", FALSE, FALSE, err)
      || !sim_check_int (body, "num_frames", 17, 161, 0, FALSE, &frames, err)
      || !sim_check_int (body, "frames_per_second", 4, 60, 0, FALSE, &fps, err)
      || !sim_check_choice (body, "resolution", resolutions, &resolution, err)
      || !sim_check_choice (body, "aspect_ratio", aspects, &aspect, err)
      || !sim_check_int (body, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err))
    return FALSE;
  if (!i2v && json_object_has_member (body, "image_url"))
    return sim_fail (err, 422, "image_url", "extra inputs are not permitted");
  task->mode = m->mode;
  task->audio = FALSE;
  sim_frame_size (resolution, g_str_equal (aspect, "auto") ? "16:9" : aspect,
      &task->width, &task->height);
  task->duration = (frames - 1) / fps;
  return TRUE;
}

/* The inputs one mode takes and another refuses, once each is known to be
 * well formed: @refs videos and @images images. */
static gboolean
check_mode_inputs (JsonObject * body, const FalModel * m, guint refs,
    guint images, SimError * err)
{
  gboolean r2v = g_str_equal (m->mode, "r2v");

  if (json_object_has_member (body, "image_url") && !g_str_equal (m->mode,
          "i2v"))
    return sim_fail (err, 422, "image_url", "extra inputs are not permitted");
  if (refs > 0 && !r2v)
    return sim_fail (err, 422, "video_urls", "extra inputs are not permitted");
  /* Only the r2v flash endpoint takes reference images, 1-5 references in
   * all [F8]. */
  if (images > 0 && !(r2v && m->flash))
    return sim_fail (err, 422, "image_urls", "extra inputs are not permitted");
  if (r2v && m->flash && (refs + images < 1 || refs + images > 5))
    return sim_fail (err, 422, "video_urls", "1 to 5 reference videos and "
        "images are required, not %u", refs + images);
  if (json_object_has_member (body, "enable_audio") && !(r2v && m->flash))
    return sim_fail (err, 422, "enable_audio", "extra inputs are not "
        "permitted");
  if (r2v && json_object_has_member (body, "audio_url"))
    return sim_fail (err, 422, "audio_url", "audio_url cannot be used with "
        "video_urls");
  if (json_object_has_member (body, "aspect_ratio")
      && g_str_equal (m->mode, "i2v"))
    return sim_fail (err, 422, "aspect_ratio", "extra inputs are not "
        "permitted");
  return TRUE;
}

static gboolean
parse_inputs (JsonObject * body, const FalModel * m, SimTask * task,
    SimError * err)
{
  static const gchar *const known[] = { "prompt", "negative_prompt",
    "image_url", "video_urls", "image_urls", "audio_url", "resolution",
    "aspect_ratio", "duration", "enable_prompt_expansion", "multi_shots",
    "enable_audio", "seed", "enable_safety_checker", NULL
  };
  static const gchar *const resolutions[] = { "720p", "1080p", NULL };
  static const gchar *const aspects[] = { "16:9", "9:16", "1:1", "4:3",
    "3:4", NULL
  };
  static const gchar *const durations[] = { "5", "10", "15", NULL };
  static const gchar *const r2v_durations[] = { "5", "10", NULL };
  gboolean r2v = g_str_equal (m->mode, "r2v");
  const gchar *resolution = "1080p", *aspect = "16:9", *duration = "5", *s;
  gint64 seed;
  guint refs = 0, images = 0;

  if (!sim_check_members (body, known, err)
      || !sim_check_prompt (body, "prompt", !(r2v && m->flash), task, err)
      || !sim_get_string (body, "negative_prompt", FALSE, &s, err)
      || !sim_get_string (body, "image_url", g_str_equal (m->mode, "i2v"),
          &s, err)
      || !sim_check_url (body, "image_url", FALSE, FALSE, err)
      || !sim_check_urls (body, "video_urls", r2v && !m->flash ? 1 : 0, 3,
          FALSE, &refs, err)
      || !sim_check_urls (body, "image_urls", 0, 5, FALSE, &images, err)
      || !sim_check_url (body, "audio_url", FALSE, FALSE, err)
      || !sim_check_choice (body, "resolution", resolutions, &resolution, err)
      || !sim_check_choice (body, "aspect_ratio", aspects, &aspect, err)
      || !sim_get_string (body, "duration", FALSE, &s, err)
      || !sim_check_choice (body, "duration", r2v ? r2v_durations : durations,
          &duration, err)
      || !sim_check_bool (body, "enable_prompt_expansion", NULL, err)
      || !sim_check_bool (body, "multi_shots", NULL, err)
      || !sim_check_bool (body, "enable_audio", NULL, err)
      || !sim_check_int (body, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err))
    return FALSE;
  if (!check_mode_inputs (body, m, refs, images, err))
    return FALSE;
  task->mode = m->mode;
  task->audio = TRUE;
  sim_check_bool (body, "enable_audio", &task->audio, err);
  sim_frame_size (resolution, aspect, &task->width, &task->height);
  task->duration = atoi (duration);
  return TRUE;
}

static gboolean
parse_create (JsonObject * body, SoupMessageHeaders * headers,
    SimTask * task, SimError * err)
{
  const FalModel *m = find_model (task->model);

  if (m == NULL)
    return sim_fail (err, 404, NULL, "application not found");
  if (m->parse (body, m, task, err))
    return TRUE;
  /* fal's input validation answers 422. */
  if (err->status == 400)
    err->status = 422;
  return FALSE;
}

static gchar *
request_url (const SimTask * task, const gchar * suffix)
{
  gchar *app = app_of (task->model);
  gchar *url = g_strdup_printf ("%s/%s/requests/%s%s", task->api_base, app,
      task->id, suffix);

  g_free (app);
  return url;
}

static void
set_url (JsonObject * o, const gchar * name, const SimTask * task,
    const gchar * suffix)
{
  gchar *url = request_url (task, suffix);

  json_object_set_string_member (o, name, url);
  g_free (url);
}

static JsonNode *
render_create (const SimTask * task, gboolean variant)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "request_id", task->id);
  set_url (o, "response_url", task, "");
  set_url (o, "status_url", task, "/status");
  set_url (o, "cancel_url", task, "/cancel");
  return sim_node_take (o);
}

/* "/OWNER/APP/requests/ID" + @suffix → ID */
static gchar *
match_request (const gchar * path, const gchar * suffix)
{
  gchar **parts = g_strsplit (path + 1, "/", -1);
  guint n = g_strv_length (parts), want = *suffix ? 5 : 4;
  gchar *id = NULL;

  if (path[0] == '/' && n == want && g_str_equal (parts[2], "requests")
      && (!*suffix || g_str_equal (parts[4], suffix + 1)) && *parts[3])
    id = g_strdup (parts[3]);
  g_strfreev (parts);
  return id;
}

static gchar *
match_status (const gchar * path, GHashTable * query)
{
  return match_request (path, "/status");
}

static gchar *
match_result (const gchar * path)
{
  return match_request (path, "");
}

static gchar *
match_cancel (const gchar * path)
{
  return match_request (path, "/cancel");
}

static JsonNode *
render_status (const SimTask * task, SimState state, gint progress,
    gboolean variant)
{
  static const gchar *const words[] = { "IN_QUEUE", "IN_PROGRESS",
    "COMPLETED", "COMPLETED", "COMPLETED"
  };
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "status", words[state]);
  /* Two ahead at the first look, one fewer at each. */
  if (state == SIM_QUEUED)
    json_object_set_int_member (o, "queue_position",
        task->polls < 3 ? 3 - task->polls : 0);
  set_url (o, "response_url", task, "");
  /* The official client's reading: a failure named on the status. */
  if (variant && state == SIM_FAILED) {
    json_object_set_string_member (o, "error", "simulated generation failure");
    json_object_set_string_member (o, "error_type", "generation_error");
  }
  return sim_node_take (o);
}

/* {"detail":[{"loc":["body",FIELD],"msg":…,"type":…}]} */
static JsonNode *
detail_error (const gchar * field, const gchar * message, const gchar * type)
{
  JsonObject *o = json_object_new (), *item = json_object_new ();
  JsonArray *detail = json_array_new ();

  json_object_set_array_member (item, "loc", field ?
      sim_string_array ("body", field, NULL) : sim_string_array ("body", NULL));
  json_object_set_string_member (item, "msg", message);
  json_object_set_string_member (item, "type", type);
  json_array_add_object_element (detail, item);
  json_object_set_array_member (o, "detail", detail);
  return sim_node_take (o);
}

static JsonNode *
render_result (const SimTask * task, SimState state, guint * status)
{
  JsonObject *o, *video;

  switch (state) {
    case SIM_SUCCEEDED:
      o = json_object_new ();
      video = json_object_new ();
      json_object_set_string_member (video, "url", task->video_url);
      json_object_set_string_member (video, "content_type", "video/mp4");
      json_object_set_object_member (o, "video", video);
      json_object_set_int_member (o, "seed", 42);
      return sim_node_take (o);
    case SIM_FAILED:
      *status = 422;
      return detail_error ("prompt", "simulated generation failure: the "
          "content checker flagged the prompt", "content_policy_violation");
    case SIM_CANCELED:
      *status = 400;
      return detail_error (NULL, "request was cancelled", "cancelled");
    default:
      *status = 400;
      return detail_error (NULL, "request is still in progress", "in_progress");
  }
}

static JsonNode *
render_error (const SimError * err)
{
  JsonObject *o;

  if (err->param)
    return detail_error (err->param, err->message, "value_error");
  o = json_object_new ();
  json_object_set_string_member (o, "detail", err->message);
  return sim_node_take (o);
}

static JsonNode *
render_cancel_ok (const SimTask * task, guint * status)
{
  JsonObject *o = json_object_new ();

  *status = 202;
  json_object_set_string_member (o, "status", "CANCELLATION_REQUESTED");
  return sim_node_take (o);
}

static JsonNode *
render_cancel_refused (const SimTask * task)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "status", "ALREADY_COMPLETED");
  return sim_node_take (o);
}

const SimDialect sim_dialect_fal = {
  .name = "fal",
  .match_create = match_create,
  .auth_scheme = "Key",
  .cancel_method = "PUT",
  .token_path = "/storage/auth/token",
  .raw_upload_path = "/files/upload",
  .parse_create = parse_create,
  .render_create = render_create,
  .match_status = match_status,
  .render_status = render_status,
  .render_error = render_error,
  .match_cancel = match_cancel,
  .render_cancel_refused = render_cancel_refused,
  .render_cancel_ok = render_cancel_ok,
  .match_result = match_result,
  .render_result = render_result,
};
