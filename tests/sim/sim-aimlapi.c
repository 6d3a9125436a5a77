/* wan-sim: the AI/ML API dialect (API.md, "aimlapi"; seed 002) */

#include "sim-private.h"

static gboolean
parse_create (JsonObject * body, SoupMessageHeaders * headers,
    SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "model", "prompt", "image_url",
    "audio_url", "resolution", "duration", "negative_prompt", "shot_type",
    "generate_audio", "seed", "enhance_prompt", NULL
  };
  static const gchar *const models[] = { "alibaba/wan-2-6-i2v",
    "alibaba/wan2.6-i2v", NULL
  };
  static const gchar *const resolutions[] = { "720p", "1080p", NULL };
  static const gchar *const shots[] = { "single", "multi", NULL };
  const gchar *model, *image, *resolution = "1080p", *negative;
  gint64 duration = 10, seed;
  gboolean enhance = TRUE;

  if (!sim_check_members (body, known, err)
      || !sim_get_string (body, "model", TRUE, &model, err)
      || !sim_check_choice (body, "model", models, NULL, err)
      || !sim_check_prompt (body, "prompt", TRUE, task, err)
      || !sim_get_string (body, "image_url", TRUE, &image, err)
      || !sim_check_url (body, "image_url", FALSE, TRUE, err)
      || !sim_check_url (body, "audio_url", FALSE, FALSE, err)
      || !sim_check_choice (body, "resolution", resolutions, &resolution, err)
      || !sim_check_int (body, "duration", 5, 15,
          1u << 5 | 1u << 10 | 1u << 15, TRUE, &duration, err)
      || !sim_get_string (body, "negative_prompt", FALSE, &negative, err)
      || !sim_check_choice (body, "shot_type", shots, NULL, err)
      || !sim_check_bool (body, "generate_audio", NULL, err)
      || !sim_check_int (body, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err)
      || !sim_check_bool (body, "enhance_prompt", &enhance, err))
    return FALSE;
  if (json_object_has_member (body, "shot_type") && !enhance)
    return sim_fail (err, 400, "shot_type", "shot_type takes effect only "
        "with enhance_prompt");
  task->model = g_strdup (model);
  task->mode = "i2v";
  task->audio = TRUE;
  sim_check_bool (body, "generate_audio", &task->audio, err);
  /* A supplied soundtrack replaces the generated one. */
  if (json_object_has_member (body, "audio_url"))
    task->audio = TRUE;
  sim_frame_size (resolution, "16:9", &task->width, &task->height);
  task->duration = duration;
  return TRUE;
}

static JsonNode *
render_create (const SimTask * task, gboolean variant)
{
  JsonObject *o = json_object_new (), *meta = json_object_new ();
  JsonObject *usage = json_object_new ();

  json_object_set_string_member (o, "id", task->id);
  json_object_set_string_member (o, "status", variant ? "waiting" : "queued");
  json_object_set_int_member (usage, "credits_used", 1575000);
  json_object_set_object_member (meta, "usage", usage);
  json_object_set_object_member (o, "meta", meta);
  return sim_node_take (o);
}

static gchar *
match_status (const gchar * path, GHashTable * query)
{
  const gchar *id;

  if (!g_str_equal (path, "/v2/video/generations") || query == NULL)
    return NULL;
  id = g_hash_table_lookup (query, "generation_id");
  return id && *id ? g_strdup (id) : NULL;
}

static JsonNode *
render_status (const SimTask * task, SimState state, gint progress,
    gboolean variant)
{
  static const gchar *const words[] = { "queued", "generating", "completed",
    "error"
  };
  static const gchar *const older[] = { "waiting", "generating",
    "completed", "failed"
  };
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", task->id);
  json_object_set_string_member (o, "status", (variant ? older : words)
      [state]);
  if (state == SIM_SUCCEEDED) {
    JsonObject *video = json_object_new ();

    json_object_set_string_member (video, "url", task->video_url);
    json_object_set_object_member (o, "video", video);
  } else if (state == SIM_FAILED) {
    JsonObject *error = json_object_new ();

    json_object_set_string_member (error, "name", "GenerationError");
    json_object_set_string_member (error, "message",
        "simulated generation failure");
    json_object_set_object_member (o, "error", error);
  }
  return sim_node_take (o);
}

static JsonNode *
render_error (const SimError * err)
{
  JsonObject *o = json_object_new ();
  gchar *code = g_strdup_printf ("%u", err->status);

  json_object_set_string_member (o, "message", err->message);
  json_object_set_string_member (o, "path", "/v2/video/generations");
  json_object_set_string_member (o, "requestId", "aiml-req-0001");
  /* statusCode is a string in the documented sample. */
  json_object_set_string_member (o, "statusCode", code);
  json_object_set_string_member (o, "timestamp", "2026-01-14T08:43:44.000Z");
  g_free (code);
  return sim_node_take (o);
}

const SimDialect sim_dialect_aimlapi = {
  .name = "aimlapi",
  .create_path = "/v2/video/generations",
  .parse_create = parse_create,
  .render_create = render_create,
  .match_status = match_status,
  .render_status = render_status,
  .render_error = render_error,
  .render_unknown = NULL,
};
