/* wan-sim: OpenRouter's video dialect (docs/providers.md, "OpenRouter")
 *
 * One model id per family for every mode; the first frame is one of
 * "frame_images".  The create answer (202) carries a relative polling
 * URL; a finished job names its content endpoint, on the API origin,
 * which wants the key (in the variant it redirects to the CDN, another
 * origin, where the key must not follow).
 */

#include "sim-private.h"

/* One frame_images entry: {type: image_url, image_url: {url}, frame_type}. */
static gboolean
check_frame (JsonArray * frames, guint i, const gchar * want, SimError * err)
{
  JsonObject *frame, *image;
  const gchar *type, *frame_type, *url;

  if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (frames, i)))
    return sim_fail (err, 400, "frame_images", "frame_images[%u] must be an "
        "object", i);
  frame = json_array_get_object_element (frames, i);
  if (!sim_get_string (frame, "type", TRUE, &type, err)
      || !sim_get_string (frame, "frame_type", TRUE, &frame_type, err))
    return FALSE;
  if (!g_str_equal (type, "image_url") || !g_str_equal (frame_type, want)
      || !json_object_has_member (frame, "image_url")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (frame, "image_url")))
    return sim_fail (err, 400, "frame_images", "frame_images[%u] must be "
        "{type: image_url, image_url: {url}, frame_type: %s}", i, want);
  image = json_object_get_object_member (frame, "image_url");
  return sim_get_string (image, "url", TRUE, &url, err)
      && sim_check_url (image, "url", FALSE, TRUE, err);
}

/* A first frame, and on models that list "last_frame" a last one. */
static gboolean
check_frame_images (JsonObject * body, gboolean last_too, SimTask * task,
    SimError * err)
{
  JsonNode *node = json_object_get_member (body, "frame_images");
  JsonArray *frames;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node)
      || (n = json_array_get_length (frames = json_node_get_array (node))) < 1
      || n > (last_too ? 2 : 1))
    return sim_fail (err, 400, "frame_images", "frame_images must be a list "
        "with a first frame%s", last_too ? " and at most a last one" : "");
  if (!check_frame (frames, 0, "first_frame", err)
      || (n == 2 && !check_frame (frames, 1, "last_frame", err)))
    return FALSE;
  task->mode = "i2v";
  return TRUE;
}

/* Each model as /api/v1/videos/models lists it (docs/providers.md,
 * "OpenRouter"). */
typedef struct
{
  const gchar *model;
  guint min_seconds, max_seconds;
  guint32 seconds;
  const gchar *const *aspects;
  gboolean last_frame;
} OpenRouterModel;

static const gchar *const aspects_26[] = { "16:9", "9:16", NULL };

static const gchar *const aspects_27[] = { "16:9", "9:16", "1:1", "4:3",
  "3:4", NULL
};

static const OpenRouterModel models[] = {
  {"alibaba/wan-2.6", 5, 10, 1u << 5 | 1u << 10, aspects_26, FALSE},
  {"alibaba/wan-2.7", 2, 10, 0, aspects_27, TRUE},
};

static const OpenRouterModel *
find_model (const gchar * id)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (models); i++)
    if (g_str_equal (models[i].model, id))
      return &models[i];
  return NULL;
}

static gboolean
parse_create (JsonObject * body, SoupMessageHeaders * headers,
    SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "model", "prompt", "duration",
    "resolution", "aspect_ratio", "generate_audio", "seed", "frame_images",
    "callback_url", NULL
  };
  static const gchar *const resolutions[] = { "720p", "1080p", NULL };
  const gchar *id, *resolution = "720p", *aspect = "16:9";
  const OpenRouterModel *m;
  gint64 duration = 5, seed;

  task->mode = "t2v";
  if (!sim_check_members (body, known, err)
      || !sim_get_string (body, "model", TRUE, &id, err))
    return FALSE;
  if ((m = find_model (id)) == NULL)
    return sim_fail (err, 400, "model", "model %s is not a video model", id);
  if (!sim_check_prompt (body, "prompt", TRUE, task, err)
      || !sim_check_int (body, "duration", m->min_seconds, m->max_seconds,
          m->seconds, FALSE, &duration, err)
      || !sim_check_choice (body, "resolution", resolutions, &resolution, err)
      || !sim_check_choice (body, "aspect_ratio", m->aspects, &aspect, err)
      || !sim_check_bool (body, "generate_audio", NULL, err)
      || !sim_check_int (body, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err)
      || !check_frame_images (body, m->last_frame, task, err)
      || !sim_check_callback (body, "callback_url", err))
    return FALSE;
  task->model = g_strdup (id);
  task->audio = TRUE;
  sim_check_bool (body, "generate_audio", &task->audio, err);
  sim_frame_size (resolution, aspect, &task->width, &task->height);
  task->duration = duration;
  return TRUE;
}

static gchar *
polling_url (const SimTask * task, gboolean absolute)
{
  return g_strdup_printf ("%s/api/v1/videos/%s", absolute ? task->api_base :
      "", task->id);
}

static JsonNode *
render_create (const SimTask * task, gboolean variant)
{
  JsonObject *o = json_object_new ();
  gchar *url = polling_url (task, variant);

  json_object_set_string_member (o, "id", task->id);
  /* Relative in the reference's example, absolute in a live capture. */
  json_object_set_string_member (o, "polling_url", url);
  json_object_set_string_member (o, "status", "pending");
  g_free (url);
  return sim_node_take (o);
}

static gchar *
match_job (const gchar * path, const gchar * suffix)
{
  const gchar *prefix = "/api/v1/videos/";
  gsize n = strlen (path), p = strlen (prefix), m = strlen (suffix);
  gchar *id;

  if (!g_str_has_prefix (path, prefix) || n <= p + m
      || !g_str_has_suffix (path, suffix))
    return NULL;
  id = g_strndup (path + p, n - p - m);
  if (strchr (id, '/') || g_str_equal (id, "models"))
    g_clear_pointer (&id, g_free);
  return id;
}

static gchar *
match_status (const gchar * path, GHashTable * query)
{
  return match_job (path, "");
}

static gchar *
match_content (const gchar * path)
{
  return match_job (path, "/content");
}

static JsonNode *
render_status (const SimTask * task, SimState state, gint progress,
    gboolean variant)
{
  static const gchar *const words[] = { "pending", "in_progress",
    "completed", "failed", "cancelled"
  };
  JsonObject *o = json_object_new ();
  gchar *url = polling_url (task, FALSE);

  json_object_set_string_member (o, "id", task->id);
  json_object_set_string_member (o, "polling_url", url);
  json_object_set_string_member (o, "status", words[state]);
  g_free (url);
  if (state == SIM_SUCCEEDED) {
    JsonObject *usage = json_object_new ();

    url = g_strdup_printf ("%s/api/v1/videos/%s/content?index=0",
        task->api_base, task->id);
    json_object_set_array_member (o, "unsigned_urls",
        sim_string_array (url, NULL));
    g_free (url);
    json_object_set_string_member (o, "generation_id", "gen-sim-0001");
    json_object_set_double_member (usage, "cost", 0.2);
    json_object_set_boolean_member (usage, "is_byok", FALSE);
    json_object_set_object_member (o, "usage", usage);
  } else if (state == SIM_FAILED) {
    json_object_set_string_member (o, "error", "simulated generation "
        "failure");
  }
  return sim_node_take (o);
}

/* {"error":{"code": HTTP status, "message"}} */
static JsonNode *
render_error (const SimError * err)
{
  JsonObject *o = json_object_new (), *e = json_object_new ();

  json_object_set_int_member (e, "code", err->status);
  json_object_set_string_member (e, "message", err->message);
  json_object_set_object_member (o, "error", e);
  return sim_node_take (o);
}

const SimDialect sim_dialect_openrouter = {
  .name = "openrouter",
  .create_path = "/api/v1/videos",
  .create_status = 202,
  .parse_create = parse_create,
  .render_create = render_create,
  .match_status = match_status,
  .render_status = render_status,
  .render_error = render_error,
  .match_content = match_content,
};
