/* wan-sim: the DashScope dialect (docs/providers.md, "dashscope" and
 * "DashScope layouts"); the first-and-last-frame and media layouts are in
 * sim-dashscope-media.c */

#include "sim-private.h"
#include "sim-dashscope.h"

/* The legacy-layout models, as their references document them
 * ("Legacy layout, per model"). */
typedef struct
{
  const gchar *model;
  const gchar *mode;
  guint tiers;                  /* SIM_TIER_* */
  guint32 durations;
  gboolean sound, shot_type, audio_switch;
  guint prompt_max;
  const gchar *tier;            /* default */
} LegacyModel;

#define D5_10_15 ((1u << 5) | (1u << 10) | (1u << 15))
#define D2_10 0x7fcu

static const LegacyModel legacy_models[] = {
  {"wan2.6-t2v", "t2v", SIM_TIER_720 | SIM_TIER_1080, D5_10_15, TRUE, TRUE,
      FALSE, 1500, "1080P"},
  {"wan2.6-i2v", "i2v", SIM_TIER_720 | SIM_TIER_1080, D5_10_15, TRUE, TRUE,
      FALSE, 1500, "1080P"},
  {"wan2.6-r2v", "r2v", SIM_TIER_720 | SIM_TIER_1080, D2_10, TRUE, TRUE,
      FALSE, 1500, "1080P"},
  {"wan2.6-i2v-flash", "i2v", SIM_TIER_720 | SIM_TIER_1080, D5_10_15, TRUE,
      TRUE, TRUE, 1500, "1080P"},
  {"wan2.6-r2v-flash", "r2v", SIM_TIER_720 | SIM_TIER_1080, D2_10, TRUE,
      TRUE, TRUE, 1500, "1080P"},
  {"wan2.5-t2v-preview", "t2v", SIM_TIER_ALL, (1u << 5) | (1u << 10), TRUE,
      FALSE, FALSE, 1500, "1080P"},
  {"wan2.5-i2v-preview", "i2v", SIM_TIER_ALL, (1u << 5) | (1u << 10), TRUE,
      FALSE, FALSE, 1500, "1080P"},
  {"wan2.2-t2v-plus", "t2v", SIM_TIER_480 | SIM_TIER_1080, 1u << 5, FALSE,
      FALSE, FALSE, 800, "1080P"},
  {"wan2.2-i2v-plus", "i2v", SIM_TIER_480 | SIM_TIER_1080, 1u << 5, FALSE,
      FALSE, FALSE, 800, "1080P"},
  {"wan2.2-i2v-flash", "i2v", SIM_TIER_ALL, 1u << 5, FALSE, FALSE, FALSE,
      800, "720P"},
  {"wanx2.1-t2v-turbo", "t2v", SIM_TIER_480 | SIM_TIER_720, 1u << 5, FALSE,
      FALSE, FALSE, 800, "720P"},
  {"wanx2.1-t2v-plus", "t2v", SIM_TIER_720, 1u << 5, FALSE, FALSE, FALSE,
      800, "720P"},
  {"wanx2.1-i2v-turbo", "i2v", SIM_TIER_480 | SIM_TIER_720,
      (1u << 3) | (1u << 4) | (1u << 5), FALSE, FALSE, FALSE, 800, "720P"},
  {"wanx2.1-i2v-plus", "i2v", SIM_TIER_720, 1u << 5, FALSE, FALSE, FALSE,
      800, "720P"},
};

static const LegacyModel *
find_legacy (const gchar * model)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (legacy_models); i++)
    if (g_str_equal (legacy_models[i].model, model))
      return &legacy_models[i];
  return NULL;
}

static gboolean
parse_input (JsonObject * input, SimTask * task, const LegacyModel * m,
    SimError * err)
{
  static const gchar *const known[] = { "prompt", "negative_prompt",
    "img_url", "audio_url", "reference_urls", "reference_video_urls", NULL
  };
  const gchar *img = NULL, *negative = NULL;
  guint refs = 0, old_refs = 0;

  if (!sim_check_members (input, known, err)
      || !sim_dashscope_check_prompt (input, m->prompt_max, FALSE, task, err)
      || !sim_get_string (input, "negative_prompt", FALSE, &negative, err)
      || !sim_check_url (input, "img_url", FALSE, TRUE, err)
      || !sim_get_string (input, "img_url", FALSE, &img, err)
      || !sim_check_url (input, "audio_url", FALSE, FALSE, err)
      || !sim_check_urls (input, "reference_urls", 1, 3, FALSE, &refs, err)
      || !sim_check_urls (input, "reference_video_urls", 1, 3, FALSE,
          &old_refs, err))
    return FALSE;
  refs += old_refs;

  if (g_str_equal (task->mode, "t2v") && (task->prompt == NULL || img || refs))
    return sim_fail (err, 400, "input", "wan2.6-t2v takes a prompt and "
        "neither img_url nor reference_urls");
  if (g_str_equal (task->mode, "i2v") && (img == NULL || refs))
    return sim_fail (err, 400, "img_url", "%s needs input.img_url",
        task->model);
  if (g_str_equal (task->mode, "r2v") && (refs == 0 || img))
    return sim_fail (err, 400, "reference_urls", "%s needs 1 to 3 "
        "reference_urls", task->model);
  if (json_object_has_member (input, "audio_url") && (g_str_equal (task->mode,
              "r2v") || !m->sound))
    return sim_fail (err, 400, "audio_url", "%s takes no audio_url",
        task->model);
  return TRUE;
}

static gboolean
parse_parameters (JsonObject * p, SimTask * task, const LegacyModel * m,
    SimError * err)
{
  static const gchar *const known[] = { "resolution", "size", "duration",
    "prompt_extend", "shot_type", "audio", "watermark", "seed", NULL
  };
  static const gchar *const shots[] = { "single", "multi", NULL };
  const gchar *resolution = m->tier, *size = NULL, *shot = NULL;
  gboolean extend = TRUE;
  gint64 duration = 5, seed;

  if (!sim_check_members (p, known, err)
      || !sim_dashscope_check_tier (p, "resolution", m->tiers, &resolution, err)
      || !sim_get_string (p, "size", FALSE, &size, err)
      || !sim_check_int (p, "duration", 0, 15, m->durations, FALSE, &duration,
          err)
      || !sim_check_bool (p, "prompt_extend", &extend, err)
      || !sim_check_choice (p, "shot_type", shots, &shot, err)
      || !sim_check_bool (p, "audio", &task->audio, err)
      || !sim_check_bool (p, "watermark", NULL, err)
      || !sim_check_int (p, "seed", 0, 2147483647, 0, FALSE, &seed, err))
    return FALSE;

  if (g_str_equal (task->mode, "i2v") && size)
    return sim_fail (err, 400, "size", "%s takes resolution, not size",
        task->model);
  if (!g_str_equal (task->mode, "i2v") && json_object_has_member (p,
          "resolution"))
    return sim_fail (err, 400, "resolution", "%s takes size, not "
        "resolution", task->model);
  if (json_object_has_member (p, "audio") && !m->audio_switch)
    return sim_fail (err, 400, "audio", "audio is only for flash models");
  if (shot && !m->shot_type)
    return sim_fail (err, 400, "shot_type", "%s takes no shot_type",
        task->model);
  if (g_strcmp0 (shot, "multi") == 0 && !extend)
    return sim_fail (err, 400, "shot_type", "shot_type multi needs "
        "prompt_extend true");
  if (size && !sim_dashscope_parse_size (size, m->tiers, &task->width,
          &task->height))
    return sim_fail (err, 400, "size", "The size is not match the model %s: "
        "'%s'", task->model, size);
  if (size == NULL)
    sim_dashscope_frame_size (resolution, "16:9", FALSE, &task->width,
        &task->height);
  task->duration = duration;
  task->audio = m->sound && task->audio;
  return TRUE;
}

static gboolean
parse_legacy (JsonObject * body, SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "model", "input", "parameters",
    NULL
  };
  const LegacyModel *m = find_legacy (task->model);
  JsonObject *input, *parameters, *empty = json_object_new ();
  gboolean ok;

  if (m == NULL)
    ok = sim_fail (err, 400, "model", "Model not exist: %s", task->model);
  else
    ok = sim_check_members (body, known, err)
        && sim_dashscope_get_objects (body, &input, &parameters, err);
  if (ok) {
    task->mode = m->mode;
    task->audio = TRUE;
    ok = parse_input (input, task, m, err)
        && parse_parameters (parameters ? parameters : empty, task, m, err);
  }
  json_object_unref (empty);
  return ok;
}

/* Every create: the async header, then the layout the path and the model
 * call for. */
static gboolean
parse_create_at (const gchar * path, JsonObject * body,
    SoupMessageHeaders * headers, SimTask * task, SimError * err)
{
  static const gchar *const models[] = { "wan2.6-t2v", "wan2.6-i2v",
    "wan2.6-r2v", "wan2.6-i2v-flash", "wan2.6-r2v-flash",
    "wan2.5-t2v-preview", "wan2.5-i2v-preview", "wan2.2-t2v-plus",
    "wan2.2-i2v-plus", "wan2.2-i2v-flash", "wanx2.1-t2v-turbo",
    "wanx2.1-t2v-plus", "wanx2.1-i2v-turbo", "wanx2.1-i2v-plus",
    "wan2.2-kf2v-flash", "wanx2.1-kf2v-plus", "wan2.1-kf2v-plus",
    "wan2.7-t2v", "wan2.7-i2v", "wan2.7-r2v", "wan2.7-videoedit",
    "wan3.0-video", "wan3.0-video-prime", NULL
  };
  const gchar *model = NULL, *async;

  async = soup_message_headers_get_one (headers, "X-DashScope-Async");
  if (g_strcmp0 (async, "enable") != 0)
    return sim_fail (err, 403, NULL,
        "current user api does not support synchronous calls");

  if (!sim_get_string (body, "model", TRUE, &model, err)
      || !sim_check_choice (body, "model", models, NULL, err))
    return FALSE;
  task->model = g_strdup (model);
  if (!sim_dashscope_resolve_oss (body, headers, task, err))
    return FALSE;
  if (g_str_equal (path, SIM_DASHSCOPE_KF2V_PATH))
    return sim_dashscope_parse_kf2v (body, task, err);
  if (strstr (model, "kf2v"))
    return sim_fail (err, 400, "model", "%s is served on %s", model,
        SIM_DASHSCOPE_KF2V_PATH);
  if (sim_dashscope_is_media_model (model))
    return sim_dashscope_parse_media (body, task, err);
  return parse_legacy (body, task, err);
}

static JsonNode *
render_create (const SimTask * task, gboolean variant)
{
  JsonObject *o = json_object_new (), *output = json_object_new ();

  json_object_set_string_member (output, "task_status", "PENDING");
  json_object_set_string_member (output, "task_id", task->id);
  json_object_set_object_member (o, "output", output);
  json_object_set_string_member (o, "request_id", "req-create-0001");
  return sim_node_take (o);
}

/* The id in "/api/v1/tasks/ID" followed by exactly @suffix. */
static gchar *
match_status_path (const gchar * path, const gchar * suffix)
{
  const gchar *end;

  if (!g_str_has_prefix (path, "/api/v1/tasks/"))
    return NULL;
  path += strlen ("/api/v1/tasks/");
  end = strchr (path, '/');
  if (end == NULL)
    end = path + strlen (path);
  if (end == path || !g_str_equal (end, suffix))
    return NULL;
  return g_strndup (path, end - path);
}

static gchar *
match_status (const gchar * path, GHashTable * query)
{
  return match_status_path (path, "");
}

static gchar *
match_cancel (const gchar * path)
{
  return match_status_path (path, "/cancel");
}

static JsonNode *
render_cancel_refused (const SimTask * task)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "code", "UnsupportedOperation");
  json_object_set_string_member (o, "message", "Failed to cancel the task, "
      "please confirm if the task is in PENDING status.");
  json_object_set_string_member (o, "request_id", "req-cancel-0001");
  return sim_node_take (o);
}

static JsonNode *
render_status (const SimTask * task, SimState state, gint progress,
    gboolean variant)
{
  static const gchar *const words[] = { "PENDING", "RUNNING", "SUCCEEDED",
    "FAILED", "CANCELED"
  };
  JsonObject *o = json_object_new (), *output = json_object_new ();

  json_object_set_string_member (o, "request_id", "req-status-0001");
  json_object_set_string_member (output, "task_id", task->id);
  json_object_set_string_member (output, "task_status", words[state]);
  if (state == SIM_SUCCEEDED) {
    JsonObject *usage = json_object_new ();

    json_object_set_string_member (output, "video_url", task->video_url);
    json_object_set_int_member (usage, "duration", task->duration);
    json_object_set_int_member (usage, "video_count", 1);
    json_object_set_int_member (usage, "SR", task->height);
    json_object_set_object_member (o, "usage", usage);
  } else if (state == SIM_FAILED) {
    json_object_set_string_member (output, "code", "InternalError.Algo");
    json_object_set_string_member (output, "message",
        "simulated generation failure");
  }
  json_object_set_object_member (o, "output", output);
  return sim_node_take (o);
}

static JsonNode *
render_error (const SimError * err)
{
  JsonObject *o = json_object_new ();
  const gchar *code;

  switch (err->status) {
    case 400:
      code = "InvalidParameter";
      break;
    case 401:
      code = "InvalidApiKey";
      break;
    case 403:
      code = "AccessDenied";
      break;
    case 429:
      code = "Throttling.RateQuota";
      break;
    default:
      code = "InternalError";
  }
  json_object_set_string_member (o, "code", code);
  json_object_set_string_member (o, "message", err->message);
  json_object_set_string_member (o, "request_id", "req-error-0001");
  return sim_node_take (o);
}

static JsonNode *
render_unknown (const gchar * id)
{
  JsonObject *o = json_object_new (), *output = json_object_new ();

  json_object_set_string_member (output, "task_id", id);
  json_object_set_string_member (output, "task_status", "UNKNOWN");
  json_object_set_object_member (o, "output", output);
  json_object_set_string_member (o, "request_id", "req-status-0002");
  return sim_node_take (o);
}

const SimDialect sim_dialect_dashscope = {
  .name = "dashscope",
  .create_path = "/api/v1/services/aigc/video-generation/video-synthesis",
  .parse_create_at = parse_create_at,
  .create_path2 = SIM_DASHSCOPE_KF2V_PATH,
  .render_create = render_create,
  .match_status = match_status,
  .render_status = render_status,
  .render_error = render_error,
  .policy_path = "/api/v1/uploads",
  .render_unknown = render_unknown,
  .match_cancel = match_cancel,
  .render_cancel_refused = render_cancel_refused,
};
