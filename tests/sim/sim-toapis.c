/* wan-sim: the toapis dialect (docs/providers.md, "toapis") */

#include "sim-private.h"

static const gchar *const aspects[] = { "16:9", "9:16", "1:1", "4:3", "3:4",
  NULL
};

static gboolean
parse_references (JsonObject * body, guint * refs, SimError * err)
{
  JsonNode *node = json_object_get_member (body, "metadata");
  JsonObject *metadata;

  *refs = 0;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return sim_fail (err, 400, "metadata", "metadata must be an object");
  metadata = json_node_get_object (node);
  return sim_check_urls (metadata, "reference_urls", 1, 3, FALSE, refs, err);
}

static gboolean
parse_create (JsonObject * body, SoupMessageHeaders * headers,
    SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "model", "prompt", "image_urls",
    "metadata", "aspect_ratio", "resolution", "duration", "negative_prompt",
    "seed", "prompt_extend", "audio", "shot_type", "watermark", NULL
  };
  static const gchar *const models[] = { "wan2.6", "wan2.6-flash", NULL };
  static const gchar *const resolutions[] = { "720p", "1080p", NULL };
  static const gchar *const shots[] = { "single", "multi", NULL };
  const gchar *model, *aspect = NULL, *resolution = "1080p", *negative;
  guint images, refs;
  gint64 duration = 5, seed;
  gboolean flash, audio_set;

  if (!sim_check_members (body, known, err)
      || !sim_get_string (body, "model", TRUE, &model, err)
      || !sim_check_choice (body, "model", models, NULL, err)
      || !sim_check_urls (body, "image_urls", 1, 1, FALSE, &images, err)
      || !parse_references (body, &refs, err))
    return FALSE;
  flash = g_str_equal (model, "wan2.6-flash");
  if (images && refs)
    return sim_fail (err, 400, "image_urls", "image_urls cannot be combined "
        "with metadata.reference_urls");
  task->mode = refs ? "r2v" : images ? "i2v" : "t2v";
  if (flash && !images && !refs)
    return sim_fail (err, 400, "model", "wan2.6-flash needs image_urls or "
        "metadata.reference_urls; text-only generation is not supported");
  task->model = g_strdup (model);
  task->audio = TRUE;
  audio_set = json_object_has_member (body, "audio");

  if (!sim_check_prompt (body, "prompt", g_str_equal (task->mode, "t2v"),
          task, err)
      || !sim_check_choice (body, "aspect_ratio", aspects, &aspect, err)
      || !sim_check_choice (body, "resolution", resolutions, &resolution, err)
      || !sim_check_int (body, "duration", 5, 15,
          1u << 5 | 1u << 10 | 1u << 15, FALSE, &duration, err)
      || !sim_get_string (body, "negative_prompt", FALSE, &negative, err)
      || !sim_check_int (body, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err)
      || !sim_check_bool (body, "prompt_extend", NULL, err)
      || !sim_check_bool (body, "audio", &task->audio, err)
      || !sim_check_choice (body, "shot_type", shots, NULL, err)
      || !sim_check_bool (body, "watermark", NULL, err))
    return FALSE;
  if (aspect && (flash || images))
    return sim_fail (err, 400, "aspect_ratio", "aspect_ratio is not "
        "supported in image-to-video mode or on flash");
  if (json_object_has_member (body, "shot_type") && (flash || images))
    return sim_fail (err, 400, "shot_type", "shot_type applies to "
        "text-to-video and reference video, not flash");
  if (audio_set && !flash && !task->audio)
    return sim_fail (err, 400, "audio", "wan2.6 always includes audio");
  sim_frame_size (resolution, aspect, &task->width, &task->height);
  task->duration = duration;
  return TRUE;
}

static JsonNode *
render_task (const SimTask * task, const gchar * status, gint progress)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", task->id);
  json_object_set_string_member (o, "object", "generation.task");
  json_object_set_string_member (o, "model", task->model);
  json_object_set_string_member (o, "status", status);
  json_object_set_int_member (o, "progress", progress);
  json_object_set_int_member (o, "created_at",
      task->created_us / G_USEC_PER_SEC);
  json_object_set_object_member (o, "metadata", json_object_new ());
  return sim_node_take (o);
}

static JsonNode *
render_create (const SimTask * task, gboolean variant)
{
  JsonObject *o, *entry;
  JsonArray *data;

  if (!variant)
    return render_task (task, "queued", 0);
  /* The older shape: {"code":200,"data":[{"status","task_id"}]} */
  o = json_object_new ();
  entry = json_object_new ();
  data = json_array_new ();
  json_object_set_string_member (entry, "status", "submitted");
  json_object_set_string_member (entry, "task_id", task->id);
  json_array_add_object_element (data, entry);
  json_object_set_int_member (o, "code", 200);
  json_object_set_array_member (o, "data", data);
  return sim_node_take (o);
}

static gchar *
match_status (const gchar * path, GHashTable * query)
{
  if (!g_str_has_prefix (path, "/v1/videos/generations/"))
    return NULL;
  path += strlen ("/v1/videos/generations/");
  return *path && !strchr (path, '/') ? g_strdup (path) : NULL;
}

static JsonNode *
render_status (const SimTask * task, SimState state, gint progress,
    gboolean variant)
{
  static const gchar *const words[] = { "queued", "in_progress",
    "completed", "failed"
  };
  const gchar *word = variant && state == SIM_QUEUED ? "submitted" :
      words[state];
  JsonNode *node = render_task (task, word, progress);
  JsonObject *o = json_node_get_object (node);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (state == SIM_SUCCEEDED && variant) {
    json_object_set_string_member (o, "url", task->video_url);
  } else if (state == SIM_SUCCEEDED) {
    JsonObject *result = json_object_new (), *video = json_object_new ();
    JsonArray *data = json_array_new ();

    json_object_set_string_member (video, "url", task->video_url);
    json_object_set_string_member (video, "format", "mp4");
    json_array_add_object_element (data, video);
    json_object_set_string_member (result, "type", "video");
    json_object_set_array_member (result, "data", data);
    json_object_set_object_member (o, "result", result);
  }
  if (state == SIM_SUCCEEDED) {
    json_object_set_int_member (o, "completed_at", now);
    json_object_set_int_member (o, "expires_at", now + 24 * 3600);
  } else if (state == SIM_FAILED) {
    JsonObject *error = json_object_new ();

    json_object_set_string_member (error, "code", "generation_failed");
    json_object_set_string_member (error, "message",
        "simulated generation failure");
    json_object_set_object_member (o, "error", error);
  }
  return node;
}

const SimDialect sim_dialect_toapis = {
  .name = "toapis",
  .create_path = "/v1/videos/generations",
  .parse_create = parse_create,
  .render_create = render_create,
  .match_status = match_status,
  .render_status = render_status,
  .render_error = sim_render_typed_error,
  .render_unknown = NULL,
};
