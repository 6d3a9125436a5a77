/* wan-sim: Replicate's predictions dialect (docs/providers.md,
 * "Replicate")
 *
 * The model is in the create path and its inputs in "input"; every
 * answer is the prediction, whose "urls" say where to poll and cancel.
 * Errors are RFC 7807 problem details.
 */

#include "sim-private.h"

static const gchar *const replicate_models[] = { "wan-video/wan-2.6-i2v",
  "wan-video/wan2.6-i2v-flash", "wan-video/wan-2.7-t2v",
  "wan-video/wan-2.7-i2v", NULL
};

/* "/v1/models/OWNER/NAME/predictions" → "OWNER/NAME" */
static gchar *
match_create (const gchar * path)
{
  gchar **parts = g_strsplit (path, "/", -1);
  gchar *model = NULL;

  if (g_strv_length (parts) == 6 && g_str_equal (parts[1], "v1")
      && g_str_equal (parts[2], "models")
      && g_str_equal (parts[5], "predictions"))
    model = g_strdup_printf ("%s/%s", parts[3], parts[4]);
  g_strfreev (parts);
  return model;
}

static gboolean
parse_input (JsonObject * input, gboolean flash, SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "prompt", "negative_prompt", "image",
    "audio", "audio_enabled", "resolution", "duration",
    "enable_prompt_expansion", "multi_shots", "seed", NULL
  };
  static const gchar *const resolutions[] = { "720p", "1080p", NULL };
  const gchar *resolution = "720p", *s;
  gint64 duration = 5, seed;
  gboolean expand = TRUE, multi = FALSE;

  if (!sim_check_members (input, known, err)
      || !sim_check_prompt (input, "prompt", FALSE, task, err)
      || !sim_get_string (input, "negative_prompt", FALSE, &s, err)
      || !sim_get_string (input, "image", TRUE, &s, err)
      || !sim_check_url (input, "image", FALSE, TRUE, err)
      || !sim_check_url (input, "audio", FALSE, FALSE, err)
      || !sim_check_bool (input, "audio_enabled", NULL, err)
      || !sim_check_choice (input, "resolution", resolutions, &resolution, err)
      || !sim_check_int (input, "duration", 5, 15,
          1u << 5 | 1u << 10 | 1u << 15, FALSE, &duration, err)
      || !sim_check_bool (input, "enable_prompt_expansion", &expand, err)
      || !sim_check_bool (input, "multi_shots", &multi, err)
      || !sim_check_int (input, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err))
    return FALSE;
  if (json_object_has_member (input, "audio_enabled") && !flash)
    return sim_fail (err, 422, "audio_enabled", "unexpected input "
        "audio_enabled");
  if (multi && !expand)
    return sim_fail (err, 422, "multi_shots", "multi_shots needs "
        "enable_prompt_expansion");
  task->mode = "i2v";
  task->audio = TRUE;
  sim_check_bool (input, "audio_enabled", &task->audio, err);
  sim_frame_size (resolution, "16:9", &task->width, &task->height);
  task->duration = duration;
  return TRUE;
}

/* Wan 2.7 image-to-video starts from "first_frame" (maybe ending on
 * "last_frame") or continues "first_clip", never both [R6]. */
static gboolean
check_frames_27 (JsonObject * input, gboolean i2v, SimError * err)
{
  gboolean frame = json_object_has_member (input, "first_frame");
  gboolean clip = json_object_has_member (input, "first_clip");

  if (!sim_check_url (input, "first_frame", FALSE, TRUE, err)
      || !sim_check_url (input, "last_frame", FALSE, TRUE, err)
      || !sim_check_url (input, "first_clip", FALSE, TRUE, err))
    return FALSE;
  if (i2v && frame == clip)
    return sim_fail (err, 422, "first_frame", frame ? "first_clip cannot "
        "be used with first_frame" : "first_frame or first_clip is required");
  if (json_object_has_member (input, "last_frame") && !frame)
    return sim_fail (err, 422, "last_frame", "last_frame requires "
        "first_frame");
  return TRUE;
}

/* Wan 2.7 [R5][R6]: the first frame is "first_frame" ("image" is an
 * unknown input), an integer 2-15 s, a ratio for text-to-video only, no
 * multi-shot and no audio switch. */
static gboolean
parse_input_27 (JsonObject * input, gboolean i2v, SimTask * task,
    SimError * err)
{
  static const gchar *const t2v_known[] = { "prompt", "negative_prompt",
    "audio", "resolution", "aspect_ratio", "duration",
    "enable_prompt_expansion", "seed", NULL
  };
  static const gchar *const i2v_known[] = { "first_frame", "last_frame",
    "first_clip", "prompt", "negative_prompt", "audio", "resolution",
        "duration",
    "enable_prompt_expansion", "seed", NULL
  };
  static const gchar *const resolutions[] = { "720p", "1080p", NULL };
  static const gchar *const aspects[] = { "16:9", "9:16", "1:1", "4:3",
    "3:4", NULL
  };
  const gchar *resolution = "1080p", *aspect = "16:9", *s;
  gint64 duration = 5, seed;

  if (!sim_check_members (input, i2v ? i2v_known : t2v_known, err)
      || !sim_check_prompt (input, "prompt", !i2v, task, err)
      || !sim_get_string (input, "negative_prompt", FALSE, &s, err)
      || !check_frames_27 (input, i2v, err)
      || !sim_check_url (input, "audio", FALSE, FALSE, err)
      || !sim_check_choice (input, "resolution", resolutions, &resolution, err)
      || !sim_check_choice (input, "aspect_ratio", aspects, &aspect, err)
      || !sim_check_int (input, "duration", 2, 15, 0, FALSE, &duration, err)
      || !sim_check_bool (input, "enable_prompt_expansion", NULL, err)
      || !sim_check_int (input, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err))
    return FALSE;
  task->mode = i2v ? "i2v" : "t2v";
  task->audio = TRUE;
  sim_frame_size (resolution, aspect, &task->width, &task->height);
  task->duration = duration;
  return TRUE;
}

static gboolean
parse_model_input (JsonObject * input, SimTask * task, SimError * err)
{
  if (g_str_has_prefix (task->model, "wan-video/wan-2.7-"))
    return parse_input_27 (input, g_str_has_suffix (task->model, "i2v"),
        task, err);
  return parse_input (input, strstr (task->model, "flash") != NULL, task, err);
}

static gboolean
parse_create (JsonObject * body, SoupMessageHeaders * headers,
    SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "input", "webhook",
    "webhook_events_filter", NULL
  };
  JsonNode *input = json_object_get_member (body, "input");

  if (!g_strv_contains (replicate_models, task->model))
    return sim_fail (err, 404, NULL, "The requested resource could not be "
        "found.");
  if (!sim_check_members (body, known, err))
    return FALSE;
  if (input == NULL || !JSON_NODE_HOLDS_OBJECT (input))
    return sim_fail (err, 422, "input", "input is required");
  if (parse_model_input (json_node_get_object (input), task, err))
    return TRUE;
  /* Invalid input is a 422. */
  if (err->status == 400)
    err->status = 422;
  return FALSE;
}

static JsonNode *
render_prediction (const SimTask * task, SimState state, gint progress,
    gboolean variant)
{
  static const gchar *const words[] = { "starting", "processing",
    "succeeded", "failed", "canceled"
  };
  JsonObject *o = json_object_new (), *urls = json_object_new ();
  gchar *url, *logs;

  json_object_set_string_member (o, "id", task->id);
  json_object_set_string_member (o, "model", task->model);
  json_object_set_string_member (o, "version", "735e10a03f25");
  json_object_set_string_member (o, "status", words[state]);
  logs = state == SIM_RUNNING ? g_strdup_printf ("%3d%%|##   | %d/100",
      progress, progress) : g_strdup ("");
  json_object_set_string_member (o, "logs", logs);
  g_free (logs);
  if (state == SIM_SUCCEEDED && variant)
    json_object_set_array_member (o, "output",
        sim_string_array (task->video_url, NULL));
  else if (state == SIM_SUCCEEDED)
    json_object_set_string_member (o, "output", task->video_url);
  else
    json_object_set_null_member (o, "output");
  if (state == SIM_FAILED)
    json_object_set_string_member (o, "error", "simulated generation "
        "failure");
  else
    json_object_set_null_member (o, "error");
  url = g_strdup_printf ("%s/v1/predictions/%s", task->api_base, task->id);
  json_object_set_string_member (urls, "get", url);
  g_free (url);
  url = g_strdup_printf ("%s/v1/predictions/%s/cancel", task->api_base,
      task->id);
  json_object_set_string_member (urls, "cancel", url);
  g_free (url);
  json_object_set_object_member (o, "urls", urls);
  return sim_node_take (o);
}

static JsonNode *
render_create (const SimTask * task, gboolean variant)
{
  return render_prediction (task, SIM_QUEUED, 0, variant);
}

static gchar *
match_prediction (const gchar * path, const gchar * suffix)
{
  const gchar *prefix = "/v1/predictions/";
  gsize n = strlen (path), m = strlen (suffix);
  gchar *id;

  if (!g_str_has_prefix (path, prefix) || n <= strlen (prefix) + m
      || !g_str_has_suffix (path, suffix))
    return NULL;
  id = g_strndup (path + strlen (prefix), n - strlen (prefix) - m);
  if (strchr (id, '/'))
    g_clear_pointer (&id, g_free);
  return id;
}

static gchar *
match_status (const gchar * path, GHashTable * query)
{
  return match_prediction (path, "");
}

static gchar *
match_cancel (const gchar * path)
{
  return match_prediction (path, "/cancel");
}

/* RFC 7807 problem details. */
static JsonNode *
render_error (const SimError * err)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "title", err->status == 401 ?
      "Unauthenticated" : err->status == 404 ? "Not found" : "Invalid input");
  json_object_set_string_member (o, "detail", err->message);
  json_object_set_int_member (o, "status", err->status);
  return sim_node_take (o);
}

static JsonNode *
render_cancel_ok (const SimTask * task, guint * status)
{
  return render_prediction (task, SIM_CANCELED, 0, FALSE);
}

static JsonNode *
render_cancel_refused (const SimTask * task)
{
  SimError err = { 400, (gchar *) "prediction is no longer cancelable",
    NULL
  };

  return render_error (&err);
}

const SimDialect sim_dialect_replicate = {
  .name = "replicate",
  .match_create = match_create,
  .create_status = 201,
  .parse_create = parse_create,
  .render_create = render_create,
  .match_status = match_status,
  .render_status = render_prediction,
  .render_error = render_error,
  .match_cancel = match_cancel,
  .render_cancel_refused = render_cancel_refused,
  .render_cancel_ok = render_cancel_ok,
};
