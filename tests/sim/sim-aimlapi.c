/* wan-sim: the AI/ML API dialect (docs/providers.md, "aimlapi"): one
 * create endpoint, each model's own flat fields, checked against its
 * schema ("Models", "Wan 2.1 to 3.0"); a body its schema refuses is a
 * 400 "Body validation error!" with the detail after it [A8]. */

#include <string.h>
#include "sim-dashscope.h"

typedef struct
{
  const gchar *model;
  const gchar *mode;            /* "t2v", "i2v", "r2v"; NULL: from inputs */
  const gchar *const *fields;   /* every member the schema lists */
  const gchar *const *resolutions;
  const gchar *default_resolution;
  const gchar *const *ratios;   /* NULL: no aspect_ratio */
  guint32 durations;            /* allowed seconds; 0: no duration field */
  guint max_duration;
  guint default_duration;
  guint max_negative;           /* 0: no limit stated */
  gboolean silent;
  gboolean string_duration;     /* wan2.6's code samples send "5" */
  guint max_prompt;             /* 0: none stated */
} AimlModel;

static const gchar *const res_720_1080[] = { "720p", "1080p", NULL };
static const gchar *const res_all[] = { "480p", "720p", "1080p", NULL };
static const gchar *const res_480_1080_caps[] = { "480P", "1080P", NULL };
static const gchar *const res_720_caps[] = { "720P", NULL };
static const gchar *const res_480_720_caps[] = { "480P", "720P", NULL };

static const gchar *const ratios_5[] = { "16:9", "9:16", "1:1", "4:3",
  "3:4", NULL
};
static const gchar *const ratios_3[] = { "16:9", "9:16", "1:1", NULL };

static const gchar *const ratios_30[] = { "adaptive", "16:9", "4:3", "1:1",
  "3:4", "9:16", NULL
};

static const gchar *const f_26_i2v[] = { "model", "prompt", "image_url",
  "audio_url", "resolution", "duration", "negative_prompt", "shot_type",
  "generate_audio", "seed", "enhance_prompt", NULL
};

static const gchar *const f_27_t2v[] = { "model", "prompt", "audio_url",
  "aspect_ratio", "resolution", "duration", "negative_prompt", "shot_type",
  "generate_audio", "seed", "enhance_prompt", NULL
};

static const gchar *const f_27_i2v[] = { "model", "prompt", "image_url",
  "audio_url", "resolution", "duration", "enable_prompt_expansion",
  "enhance_prompt", "negative_prompt", "seed", "watermark", NULL
};

static const gchar *const f_27_r2v[] = { "model", "prompt",
  "first_frame_image", "image_urls", "video_urls", "aspect_ratio",
  "resolution", "duration", "enhance_prompt", "negative_prompt", "seed",
  "watermark", NULL
};

static const gchar *const f_30[] = { "model", "prompt", "image_url",
  "last_image_url", "reference_image_urls", "video_urls", "audio_urls",
  "file_url", "link_url", "aspect_ratio", "resolution", "duration",
  "generate_audio", "seed", "watermark", NULL
};

static const gchar *const f_25_t2v[] = { "model", "prompt", "resolution",
  "aspect_ratio", "duration", "negative_prompt", "seed", "enhance_prompt",
  NULL
};

static const gchar *const f_25_i2v[] = { "model", "prompt", "image_url",
  "resolution", "aspect_ratio", "duration", "negative_prompt", "seed",
  "enhance_prompt", NULL
};

static const gchar *const f_old[] = { "model", "prompt", "resolution",
  "aspect_ratio", "negative_prompt", "watermark", "seed", "enhance_prompt",
  NULL
};

#define S5_10_15 (1u << 5 | 1u << 10 | 1u << 15)
#define S5_10 (1u << 5 | 1u << 10)

static const AimlModel models[] = {
  {"alibaba/wan-2-6-i2v", "i2v", f_26_i2v, res_720_1080, "1080p", NULL,
      S5_10_15, 15, 10, 0, FALSE, TRUE, 1500},
  /* [var] the January 2026 schema's id. */
  {"alibaba/wan2.6-i2v", "i2v", f_26_i2v, res_720_1080, "1080p", NULL,
      S5_10_15, 15, 10, 0, FALSE, TRUE, 1500},
  {"alibaba/wan-2-7-t2v", "t2v", f_27_t2v, res_720_1080, "1080p", ratios_5,
      S5_10_15, 15, 10, 0, FALSE, FALSE, 0},
  {"alibaba/wan-2-7-i2v", "i2v", f_27_i2v, res_720_1080, "1080p", NULL,
      S5_10_15, 15, 10, 500, FALSE, FALSE, 0},
  {"alibaba/wan-2-7-r2v", "r2v", f_27_r2v, res_720_1080, "1080p", ratios_5,
      S5_10_15, 15, 10, 500, FALSE, FALSE, 0},
  {"alibaba/wan3.0-video", NULL, f_30, res_all, "1080p", ratios_30, 0, 30, 5,
      0, FALSE, FALSE, 20000},
  {"alibaba/wan2.5-t2v-preview", "t2v", f_25_t2v, res_all, "1080p", ratios_3,
      S5_10, 10, 10, 0, FALSE, FALSE, 0},
  {"alibaba/wan2.5-i2v-preview", "i2v", f_25_i2v, res_all, "1080p", ratios_3,
      S5_10, 10, 10, 0, FALSE, FALSE, 0},
  {"alibaba/wan2.2-t2v-plus", "t2v", f_old, res_480_1080_caps, "1080P",
      ratios_5, 0, 0, 5, 0, TRUE, FALSE, 0},
  {"alibaba/wan2.1-t2v-plus", "t2v", f_old, res_720_caps, "720P", ratios_5, 0,
      0, 5, 0, TRUE, FALSE, 0},
  {"alibaba/wan2.1-t2v-turbo", "t2v", f_old, res_480_720_caps, "720P",
      ratios_5, 0, 0, 5, 0, TRUE, FALSE, 0},
};

/* aimlapi's own words for a value outside an enum [A8]. */
static gboolean
check_enum (JsonObject * body, const gchar * name,
    const gchar * const *allowed, const gchar ** value, SimError * err)
{
  const gchar *v = NULL;
  gchar *list;
  gboolean ok;

  if (!sim_get_string (body, name, FALSE, &v, err))
    return FALSE;
  if (v == NULL || (allowed && g_strv_contains (allowed, v))) {
    if (v && value)
      *value = v;
    return TRUE;
  }
  if (allowed == NULL)
    return sim_fail (err, 400, name, "Unrecognized key(s) in object: '%s'",
        name);
  list = g_strjoinv ("' | '", (gchar **) allowed);
  ok = sim_fail (err, 400, name, "Invalid enum value. Expected '%s', "
      "received '%s'", list, v);
  g_free (list);
  return ok;
}

/* The prompt with the simulator's markers, within the row's limit. */
static gboolean
check_prompt (JsonObject * body, const AimlModel * m, SimTask * task,
    SimError * err)
{
  guint max = m->max_prompt ? m->max_prompt : G_MAXUINT;
  const gchar *marker;

  if (!sim_dashscope_check_prompt (body, max, TRUE, task, err))
    return FALSE;
  if ((marker = strstr (task->prompt, "[queued=")) != NULL)
    task->queued_polls = g_ascii_strtoull (marker + 8, NULL, 10);
  return TRUE;
}

static const AimlModel *
find_model (JsonObject * body, SimError * err)
{
  static const gchar *ids[G_N_ELEMENTS (models) + 1];
  const gchar *model = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (models); i++)
    ids[i] = models[i].model;
  if (!sim_get_string (body, "model", TRUE, &model, err)
      || !check_enum (body, "model", ids, NULL, err))
    return NULL;
  for (i = 0; i < G_N_ELEMENTS (models); i++)
    if (g_str_equal (models[i].model, model))
      return &models[i];
  return NULL;
}

/* Wan 3.0's rules between fields, from its field descriptions. */
static gboolean
check_wan30_inputs (JsonObject * body, guint refs, SimError * err)
{
  gboolean image = json_object_has_member (body, "image_url");

  if (image && (refs > 0 || json_object_has_member (body, "file_url")
          || json_object_has_member (body, "link_url")))
    return sim_fail (err, 400, "image_url", "image_url cannot be used "
        "together with reference media, file_url, or link_url");
  if (!image && json_object_has_member (body, "last_image_url"))
    return sim_fail (err, 400, "last_image_url", "last_image_url requires "
        "image_url");
  if (json_object_has_member (body, "file_url")
      && json_object_has_member (body, "link_url"))
    return sim_fail (err, 400, "file_url", "file_url cannot be used "
        "together with link_url");
  return TRUE;
}

/* The inputs: URLs (a data: URI only where the schema says base64), the
 * image the mode needs, the reference lists and their sizes. */
static gboolean
check_inputs (JsonObject * body, const AimlModel * m, SimTask * task,
    SimError * err)
{
  gboolean i2v = g_strcmp0 (m->mode, "i2v") == 0;
  guint images, videos, audios;
  const gchar *s;

  if (!sim_get_string (body, "image_url", i2v, &s, err)
      || !sim_check_url (body, "image_url", FALSE, i2v, err)
      || !sim_check_url (body, "first_frame_image", FALSE, FALSE, err)
      || !sim_check_url (body, "last_image_url", FALSE, FALSE, err)
      || !sim_check_url (body, "audio_url", FALSE, FALSE, err)
      || !sim_check_url (body, "file_url", FALSE, FALSE, err)
      || !sim_check_url (body, "link_url", FALSE, FALSE, err)
      || !sim_check_urls (body, "image_urls", 0, 5, FALSE, &images, err)
      || !sim_check_urls (body, "video_urls", 0, 5, FALSE, &videos, err)
      || !sim_check_urls (body, "audio_urls", 0, 5, FALSE, &audios, err))
    return FALSE;
  if (images == 0 && !sim_check_urls (body, "reference_image_urls", 0, 10,
          FALSE, &images, err))
    return FALSE;
  if (m->mode != NULL) {
    task->mode = m->mode;
    return TRUE;
  }
  task->mode = images + videos + audios > 0 ? "r2v" :
      json_object_has_member (body, "image_url") ? "i2v" : "t2v";
  return check_wan30_inputs (body, images + videos + audios, err);
}

static gboolean
check_settings (JsonObject * body, const AimlModel * m,
    const gchar ** resolution, const gchar ** ratio, gint64 * duration,
    SimError * err)
{
  static const gchar *const shots[] = { "single", "multi", NULL };
  const gchar *negative = NULL;
  gint64 seed;

  if (!check_enum (body, "resolution", m->resolutions, resolution, err)
      || !check_enum (body, "aspect_ratio", m->ratios, ratio, err)
      || !sim_check_int (body, "duration", m->mode ? 0 : 2, m->max_duration,
          m->durations, m->string_duration, duration, err)
      || !sim_get_string (body, "negative_prompt", FALSE, &negative, err)
      || !check_enum (body, "shot_type", shots, NULL, err)
      || !sim_check_bool (body, "generate_audio", NULL, err)
      || !sim_check_bool (body, "enhance_prompt", NULL, err)
      || !sim_check_bool (body, "enable_prompt_expansion", NULL, err)
      || !sim_check_bool (body, "watermark", NULL, err)
      || !sim_check_int (body, "seed", 0, G_MAXINT32, 0, FALSE, &seed, err))
    return FALSE;
  if (m->max_negative && negative
      && g_utf8_strlen (negative, -1) > m->max_negative)
    return sim_fail (err, 400, "negative_prompt", "String must contain at "
        "most %u character(s)", m->max_negative);
  return TRUE;
}

static gboolean
parse_create (JsonObject * body, SoupMessageHeaders * headers,
    SimTask * task, SimError * err)
{
  const AimlModel *m = find_model (body, err);
  const gchar *resolution, *ratio = "16:9";
  gint64 duration;
  gboolean enhance = TRUE;
  gchar *tier;

  if (m == NULL)
    return FALSE;
  resolution = m->default_resolution;
  duration = m->default_duration;
  if (!sim_check_members (body, m->fields, err)
      || !check_prompt (body, m, task, err)
      || !check_inputs (body, m, task, err)
      || !check_settings (body, m, &resolution, &ratio, &duration, err))
    return FALSE;
  sim_check_bool (body, "enhance_prompt", &enhance, err);
  if (json_object_has_member (body, "shot_type") && !enhance)
    return sim_fail (err, 400, "shot_type", "shot_type takes effect only "
        "with enhance_prompt");
  task->model = g_strdup (m->model);
  /* A supplied soundtrack replaces the generated one. */
  task->audio = !m->silent;
  sim_check_bool (body, "generate_audio", &task->audio, err);
  if (json_object_has_member (body, "audio_url"))
    task->audio = TRUE;
  tier = g_ascii_strup (resolution, -1);
  sim_dashscope_frame_size (tier, ratio, g_str_has_prefix (m->model,
          "alibaba/wan-2-7"), &task->width, &task->height);
  g_free (tier);
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

  /* A refused body: the generic words, then the detail [A8]. */
  if (err->status == 400) {
    gchar *message = g_strdup_printf ("Body validation error! %s",
        err->message);

    json_object_set_string_member (o, "message", message);
    g_free (message);
  } else {
    json_object_set_string_member (o, "message", err->message);
  }
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
