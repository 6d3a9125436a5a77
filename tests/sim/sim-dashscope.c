/* wan-sim: the DashScope dialect (API.md, "dashscope") */

#include "sim-private.h"

static gboolean
parse_input (JsonObject * input, SimTask * task, gboolean flash, SimError * err)
{
  static const gchar *const known[] = { "prompt", "negative_prompt",
    "img_url", "audio_url", "reference_urls", "reference_video_urls", NULL
  };
  const gchar *img = NULL, *negative = NULL;
  guint refs = 0, old_refs = 0;

  if (!sim_check_members (input, known, err)
      || !sim_check_prompt (input, "prompt", FALSE, task, err)
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
  if (json_object_has_member (input, "audio_url") && g_str_equal (task->mode,
          "r2v"))
    return sim_fail (err, 400, "audio_url", "%s takes no audio_url",
        task->model);
  return TRUE;
}

static gboolean
parse_parameters (JsonObject * p, SimTask * task, gboolean flash,
    SimError * err)
{
  static const gchar *const known[] = { "resolution", "size", "duration",
    "prompt_extend", "shot_type", "audio", "watermark", "seed", NULL
  };
  static const gchar *const resolutions[] = { "720P", "1080P", NULL };
  static const gchar *const shots[] = { "single", "multi", NULL };
  gboolean r2v = g_str_equal (task->mode, "r2v");
  const gchar *resolution = "1080P", *size = NULL, *shot = NULL;
  gboolean extend = TRUE;
  gint64 duration = 5, seed;

  if (!sim_check_members (p, known, err)
      || !sim_check_choice (p, "resolution", resolutions, &resolution, err)
      || !sim_get_string (p, "size", FALSE, &size, err)
      || !sim_check_int (p, "duration", 0, 15,
          r2v ? 0x7fc : (1u << 5 | 1u << 10 | 1u << 15), FALSE, &duration, err)
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
  if (json_object_has_member (p, "audio") && !flash)
    return sim_fail (err, 400, "audio", "audio is only for flash models");
  if (g_strcmp0 (shot, "multi") == 0 && !extend)
    return sim_fail (err, 400, "shot_type", "shot_type multi needs "
        "prompt_extend true");
  if (size && !sim_parse_size (size, &task->width, &task->height))
    return sim_fail (err, 400, "size", "size '%s' is not supported", size);
  if (size == NULL)
    sim_frame_size (resolution, "16:9", &task->width, &task->height);
  task->duration = duration;
  return TRUE;
}

static gboolean
parse_create (JsonObject * body, SoupMessageHeaders * headers,
    SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "model", "input", "parameters",
    NULL
  };
  static const gchar *const models[] = { "wan2.6-t2v", "wan2.6-i2v",
    "wan2.6-r2v", "wan2.6-i2v-flash", "wan2.6-r2v-flash", NULL
  };
  const gchar *model = NULL, *async;
  JsonObject *input, *parameters = NULL;
  JsonObject *empty;
  gboolean flash, ok;

  async = soup_message_headers_get_one (headers, "X-DashScope-Async");
  if (g_strcmp0 (async, "enable") != 0)
    return sim_fail (err, 403, NULL,
        "current user api does not support synchronous calls");
  if (!sim_check_members (body, known, err)
      || !sim_get_string (body, "model", TRUE, &model, err)
      || !sim_check_choice (body, "model", models, NULL, err))
    return FALSE;
  task->model = g_strdup (model);
  task->mode = strstr (model, "t2v") ? "t2v" : strstr (model, "i2v") ?
      "i2v" : "r2v";
  flash = g_str_has_suffix (model, "-flash");
  task->audio = TRUE;

  if (!json_object_has_member (body, "input")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "input")))
    return sim_fail (err, 400, "input", "input is required");
  input = json_object_get_object_member (body, "input");
  if (json_object_has_member (body, "parameters")) {
    if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "parameters")))
      return sim_fail (err, 400, "parameters", "parameters must be an "
          "object");
    parameters = json_object_get_object_member (body, "parameters");
  }
  empty = json_object_new ();
  ok = parse_input (input, task, flash, err)
      && parse_parameters (parameters ? parameters : empty, task, flash, err);
  json_object_unref (empty);
  return ok;
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
  .parse_create = parse_create,
  .render_create = render_create,
  .match_status = match_status,
  .render_status = render_status,
  .render_error = render_error,
  .render_unknown = render_unknown,
  .match_cancel = match_cancel,
  .render_cancel_refused = render_cancel_refused,
};
