/* wan-sim: the evolink dialect (docs/providers.md, "evolink") */

#include "sim-private.h"
#include "sim-dashscope.h"

static gboolean
parse_model_params (JsonObject * body, SimError * err)
{
  static const gchar *const known[] = { "shot_type", NULL };
  static const gchar *const shots[] = { "single", "multi", NULL };
  JsonNode *node = json_object_get_member (body, "model_params");

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return sim_fail (err, 400, "model_params", "model_params must be an "
        "object");
  return sim_check_members (json_node_get_object (node), known, err)
      && sim_check_choice (json_node_get_object (node), "shot_type", shots,
      NULL, err);
}

/* The six input sets of wan2.7-image-to-video, and its generation_mode
 * (docs/providers.md, "wan2.7 image-to-video"). */
static gboolean
check_wan27_inputs (JsonObject * body, const gchar * mode, SimError * err)
{
  gboolean start = json_object_has_member (body, "image_start");
  gboolean end = json_object_has_member (body, "image_end");
  gboolean audio = json_object_has_member (body, "audio_urls");
  gboolean video = json_object_has_member (body, "video_urls");
  const gchar *implied = video ? "video_continuation" : end ?
      "first_last_frame" : "first_frame";

  if ((video && (start || audio)) || (!video && !start))
    return sim_fail (err, 400, "image_start", "invalid combination of "
        "inputs: any other combination will be rejected");
  if (mode && !g_str_equal (mode, implied))
    return sim_fail (err, 400, "generation_mode", "generation_mode %s does "
        "not match the inputs", mode);
  return TRUE;
}

static gboolean
parse_wan27 (JsonObject * body, SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "model", "prompt", "negative_prompt",
    "generation_mode", "image_start", "image_end", "video_urls",
    "audio_urls", "duration", "aspect_ratio", "quality", "prompt_extend",
    "seed", NULL
  };
  static const gchar *const modes[] = { "first_frame", "first_last_frame",
    "video_continuation", NULL
  };
  static const gchar *const aspects[] = { "16:9", "9:16", "1:1", "4:3",
    "3:4", NULL
  };
  static const gchar *const qualities[] = { "720p", "1080p", NULL };
  gboolean i2v = g_str_equal (task->model, "wan2.7-image-to-video");
  const gchar *aspect = "16:9", *quality = "720p", *mode = NULL, *neg;
  guint audios, videos;
  gint64 duration = 5, seed;

  task->mode = i2v ? "i2v" : "t2v";
  if (!sim_check_members (body, known, err)
      || !sim_dashscope_check_prompt (body, 5000, !i2v, task, err)
      || !sim_get_string (body, "negative_prompt", FALSE, &neg, err)
      || !sim_check_choice (body, "generation_mode", modes, &mode, err)
      || !sim_check_url (body, "image_start", FALSE, FALSE, err)
      || !sim_check_url (body, "image_end", FALSE, FALSE, err)
      || !sim_check_urls (body, "video_urls", 1, 1, FALSE, &videos, err)
      || !sim_check_urls (body, "audio_urls", 1, 1, FALSE, &audios, err)
      || !sim_check_int (body, "duration", 2, 15, 0, FALSE, &duration, err)
      || !sim_check_choice (body, "aspect_ratio", aspects, &aspect, err)
      || !sim_check_choice (body, "quality", qualities, &quality, err)
      || !sim_check_bool (body, "prompt_extend", NULL, err)
      || !sim_check_int (body, "seed", 1, 2147483647, 0, FALSE, &seed, err))
    return FALSE;
  if (!i2v && (mode || json_object_has_member (body, "image_start")
          || json_object_has_member (body, "image_end") || videos))
    return sim_fail (err, 400, "image_start", "wan2.7-text-to-video takes "
        "no image or video");
  if (i2v && !check_wan27_inputs (body, mode, err))
    return FALSE;
  if (i2v && json_object_has_member (body, "aspect_ratio"))
    return sim_fail (err, 400, "aspect_ratio", "aspect_ratio does not "
        "apply to image-to-video");
  sim_frame_size (quality, aspect, &task->width, &task->height);
  /* wan2.7's 4:3 and 3:4 are 1104×832 / 1648×1248 [E10]. */
  if (g_str_equal (aspect, "4:3"))
    task->width = g_str_equal (quality, "720p") ? 1104 : 1648;
  else if (g_str_equal (aspect, "3:4"))
    task->height = g_str_equal (quality, "720p") ? 1104 : 1648;
  task->duration = duration;
  task->audio = TRUE;
  return TRUE;
}

static gboolean
parse_create (JsonObject * body, SoupMessageHeaders * headers,
    SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "model", "prompt", "image_urls",
    "video_urls", "duration", "aspect_ratio", "quality", "prompt_extend",
    "model_params", "audio_url", "callback_url", NULL
  };
  static const gchar *const models[] = { "wan2.6-text-to-video",
    "wan2.6-image-to-video", "wan2.6-reference-video",
    "wan2.7-text-to-video", "wan2.7-image-to-video", NULL
  };
  static const gchar *const aspects[] = { "16:9", "9:16", "1:1", "4:3",
    "3:4", NULL
  };
  static const gchar *const qualities[] = { "720p", "1080p", NULL };
  const gchar *model, *aspect = NULL, *quality = "720p";
  guint images, videos;
  gint64 duration = 5;

  if (!sim_get_string (body, "model", TRUE, &model, err)
      || !sim_check_choice (body, "model", models, NULL, err))
    return FALSE;
  task->model = g_strdup (model);
  if (g_str_has_prefix (model, "wan2.7"))
    return parse_wan27 (body, task, err);
  if (!sim_check_members (body, known, err))
    return FALSE;
  task->mode = strstr (model, "text") ? "t2v" : strstr (model, "image") ?
      "i2v" : "r2v";
  task->audio = TRUE;

  if (!sim_check_prompt (body, "prompt", !g_str_equal (task->mode, "r2v"),
          task, err)
      || !sim_check_urls (body, "image_urls", 1, 1, FALSE, &images, err)
      || !sim_check_urls (body, "video_urls", 1, 3, FALSE, &videos, err)
      || !sim_check_int (body, "duration", 2, 15,
          g_str_equal (task->mode, "r2v") ? 0x7fc :
          (1u << 5 | 1u << 10 | 1u << 15), FALSE, &duration, err)
      || !sim_check_choice (body, "aspect_ratio", aspects, &aspect, err)
      || !sim_check_choice (body, "quality", qualities, &quality, err)
      || !sim_check_bool (body, "prompt_extend", NULL, err)
      || !parse_model_params (body, err)
      || !sim_check_url (body, "audio_url", FALSE, FALSE, err)
      || !sim_check_callback (body, "callback_url", err))
    return FALSE;
  if (g_str_equal (task->mode, "i2v") != (images == 1))
    return sim_fail (err, 400, "image_urls", "image_urls is for %s only, "
        "and required there", "wan2.6-image-to-video");
  if (g_str_equal (task->mode, "r2v") != (videos > 0))
    return sim_fail (err, 400, "video_urls", "video_urls is for %s only, "
        "and required there", "wan2.6-reference-video");
  if (aspect && g_str_equal (task->mode, "i2v"))
    return sim_fail (err, 400, "aspect_ratio", "aspect_ratio does not "
        "apply to image-to-video");
  sim_frame_size (quality, aspect, &task->width, &task->height);
  task->duration = duration;
  return TRUE;
}

static JsonNode *
render_task (const SimTask * task, const gchar * status, gint progress)
{
  JsonObject *o = json_object_new (), *info = json_object_new ();
  JsonObject *usage = json_object_new ();

  json_object_set_int_member (o, "created", task->created_us / G_USEC_PER_SEC);
  json_object_set_string_member (o, "id", task->id);
  json_object_set_string_member (o, "model", task->model);
  json_object_set_string_member (o, "object", "video.generation.task");
  json_object_set_int_member (o, "progress", progress);
  json_object_set_string_member (o, "status", status);
  json_object_set_boolean_member (info, "can_cancel",
      g_str_equal (status, "pending"));
  json_object_set_int_member (info, "estimated_time",
      MAX (1, task->task_ms / 1000));
  json_object_set_object_member (o, "task_info", info);
  json_object_set_string_member (o, "type", "video");
  json_object_set_string_member (usage, "billing_rule", "per_second");
  json_object_set_object_member (o, "usage", usage);
  return sim_node_take (o);
}

static JsonNode *
render_create (const SimTask * task, gboolean variant)
{
  return render_task (task, "pending", 0);
}

static gchar *
match_status (const gchar * path, GHashTable * query)
{
  if (!g_str_has_prefix (path, "/v1/tasks/"))
    return NULL;
  path += strlen ("/v1/tasks/");
  return *path && !strchr (path, '/') ? g_strdup (path) : NULL;
}

static JsonNode *
render_status (const SimTask * task, SimState state, gint progress,
    gboolean variant)
{
  static const gchar *const words[] = { "pending", "processing",
    "completed", "failed"
  };
  JsonNode *node = render_task (task, words[state], progress);
  JsonObject *o = json_node_get_object (node);

  if (state == SIM_SUCCEEDED) {
    json_object_set_array_member (o, "results",
        sim_string_array (task->video_url, NULL));
  } else if (state == SIM_FAILED) {
    JsonObject *error = json_object_new ();

    json_object_set_string_member (error, "code", "generation_failed");
    json_object_set_string_member (error, "message",
        "simulated generation failure");
    json_object_set_string_member (error, "type", "task_error");
    json_object_set_object_member (o, "error", error);
  }
  return node;
}

const SimDialect sim_dialect_evolink = {
  .name = "evolink",
  .create_path = "/v1/videos/generations",
  .parse_create = parse_create,
  .render_create = render_create,
  .match_status = match_status,
  .render_status = render_status,
  .render_error = sim_render_typed_error,
  .render_unknown = NULL,
};
