/* wan-sim: DashScope's first-and-last-frame endpoint and the media layout
 * of wan2.7 and Wan 3.0 (docs/providers.md, "First and last frame
 * (kf2v)", "wan2.7 (media layout)", "Wan 3.0 preview"), validated the way
 * those references describe: a media set the model does not take, too
 * many references or a duration out of range is a 400 InvalidParameter.
 */

#include <string.h>
#include "sim-dashscope.h"

static const struct
{
  const gchar *tier;
  guint bit;
  guint sizes[5][2];            /* 16:9, 9:16, 1:1, 4:3, 3:4 */
} tiers[] = {
  {"480P", SIM_TIER_480, {{832, 480}, {480, 832}, {624, 624}, {0, 0},
          {0, 0}}},
  {"720P", SIM_TIER_720, {{1280, 720}, {720, 1280}, {960, 960},
          {1088, 832}, {832, 1088}}},
  {"1080P", SIM_TIER_1080, {{1920, 1080}, {1080, 1920}, {1440, 1440},
          {1632, 1248}, {1248, 1632}}},
};

static const gchar *const ratios[] = { "16:9", "9:16", "1:1", "4:3", "3:4",
  NULL
};

gboolean
sim_dashscope_check_prompt (JsonObject * input, guint max, gboolean required,
    SimTask * task, SimError * err)
{
  const gchar *prompt, *marker;

  if (!sim_get_string (input, "prompt", required, &prompt, err))
    return FALSE;
  if (prompt && g_utf8_strlen (prompt, -1) > max)
    return sim_fail (err, 400, "prompt", "prompt is limited to %u "
        "characters", max);
  g_free (task->prompt);
  task->prompt = g_strdup (prompt);
  if (prompt) {
    task->fail = strstr (prompt, "[fail]") != NULL;
    task->never = strstr (prompt, "[never]") != NULL;
    if ((marker = strstr (prompt, "[ms=")) != NULL)
      task->task_ms = g_ascii_strtoull (marker + 4, NULL, 10);
  }
  return TRUE;
}

gboolean
sim_dashscope_check_tier (JsonObject * p, const gchar * name, guint bits,
    const gchar ** value, SimError * err)
{
  const gchar *v = NULL;
  guint i;

  if (!sim_get_string (p, name, FALSE, &v, err))
    return FALSE;
  if (v == NULL)
    return TRUE;
  for (i = 0; i < G_N_ELEMENTS (tiers); i++) {
    if (g_str_equal (v, tiers[i].tier) && (bits & tiers[i].bit)) {
      *value = tiers[i].tier;
      return TRUE;
    }
  }
  return sim_fail (err, 400, name, "%s '%s' is not supported by this model",
      name, v);
}

gboolean
sim_dashscope_parse_size (const gchar * size, guint bits, guint * width,
    guint * height)
{
  guint i, j;

  for (i = 0; i < G_N_ELEMENTS (tiers); i++) {
    for (j = 0; j < 5 && (bits & tiers[i].bit); j++) {
      gchar *s = g_strdup_printf ("%u*%u", tiers[i].sizes[j][0],
          tiers[i].sizes[j][1]);
      gboolean found = tiers[i].sizes[j][0] && g_str_equal (s, size);

      g_free (s);
      if (found) {
        *width = tiers[i].sizes[j][0];
        *height = tiers[i].sizes[j][1];
        return TRUE;
      }
    }
  }
  return FALSE;
}

void
sim_dashscope_frame_size (const gchar * tier, const gchar * ratio,
    gboolean wan27, guint * width, guint * height)
{
  guint i, r = 0;

  for (r = 0; ratios[r] && g_strcmp0 (ratio, ratios[r]) != 0; r++);
  if (ratios[r] == NULL)
    r = 0;                      /* adaptive, or none: the inputs' 16:9 */
  for (i = 0; i < G_N_ELEMENTS (tiers) - 1; i++)
    if (g_str_equal (tier, tiers[i].tier))
      break;
  if (tiers[i].sizes[r][0] == 0)
    r = 0;
  *width = tiers[i].sizes[r][0];
  *height = tiers[i].sizes[r][1];
  /* wan2.7's 4:3 and 3:4 are 1104×832 and 1648×1248. */
  if (wan27 && r >= 3) {
    guint wide = i == 1 ? 1104 : 1648;

    if (r == 3)
      *width = wide;
    else
      *height = wide;
  }
}

gboolean
sim_dashscope_get_objects (JsonObject * body, JsonObject ** input,
    JsonObject ** parameters, SimError * err)
{
  if (!json_object_has_member (body, "input")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "input")))
    return sim_fail (err, 400, "input", "input is required");
  *input = json_object_get_object_member (body, "input");
  *parameters = NULL;
  if (json_object_has_member (body, "parameters")) {
    if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "parameters")))
      return sim_fail (err, 400, "parameters", "parameters must be an "
          "object");
    *parameters = json_object_get_object_member (body, "parameters");
  }
  return TRUE;
}

/* --- first and last frame ------------------------------------------- */

gboolean
sim_dashscope_parse_kf2v (JsonObject * body, SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "model", "input", "parameters",
    NULL
  };
  static const gchar *const known_input[] = { "prompt", "negative_prompt",
    "first_frame_url", "last_frame_url", NULL
  };
  static const gchar *const known_params[] = { "resolution", "duration",
    "prompt_extend", "watermark", "seed", NULL
  };
  gboolean plus = strstr (task->model, "2.1-kf2v-plus") != NULL;
  const gchar *tier = "720P";
  JsonObject *input, *p, *empty = json_object_new ();
  gint64 duration = 5, seed;
  const gchar *negative;
  gboolean ok;

  if (!g_str_equal (task->model, "wan2.2-kf2v-flash")
      && !g_str_equal (task->model, "wanx2.1-kf2v-plus")
      && !g_str_equal (task->model, "wan2.1-kf2v-plus")) {
    json_object_unref (empty);
    return sim_fail (err, 400, "model", "Model not exist: %s", task->model);
  }
  ok = sim_check_members (body, known, err)
      && sim_dashscope_get_objects (body, &input, &p, err);
  if (ok && p == NULL)
    p = empty;
  ok = ok && sim_check_members (input, known_input, err)
      && sim_dashscope_check_prompt (input, 800, FALSE, task, err)
      && sim_get_string (input, "negative_prompt", FALSE, &negative, err)
      && sim_check_url (input, "first_frame_url", FALSE, TRUE, err)
      && sim_check_url (input, "last_frame_url", FALSE, TRUE, err)
      && sim_check_members (p, known_params, err)
      && sim_dashscope_check_tier (p, "resolution", plus ? SIM_TIER_720 :
      SIM_TIER_ALL, &tier, err)
      && sim_check_int (p, "duration", 5, 5, 0, FALSE, &duration, err)
      && sim_check_bool (p, "prompt_extend", NULL, err)
      && sim_check_bool (p, "watermark", NULL, err)
      && sim_check_int (p, "seed", 0, 2147483647, 0, FALSE, &seed, err);
  if (ok && !json_object_has_member (input, "first_frame_url"))
    ok = sim_fail (err, 400, "first_frame_url", "first_frame_url is "
        "required");
  json_object_unref (empty);
  if (!ok)
    return FALSE;
  task->mode = "i2v";
  task->audio = FALSE;
  task->duration = 5;
  sim_dashscope_frame_size (tier, "16:9", FALSE, &task->width, &task->height);
  return TRUE;
}

/* --- media layout --------------------------------------------------- */

typedef enum
{
  M_FIRST_FRAME,
  M_LAST_FRAME,
  M_DRIVING_AUDIO,
  M_FIRST_CLIP,
  M_REFERENCE_IMAGE,
  M_REFERENCE_VIDEO,
  M_REFERENCE_AUDIO,
  M_VIDEO,
  M_N
} MediaType;

static const gchar *const media_types[M_N] = { "first_frame", "last_frame",
  "driving_audio", "first_clip", "reference_image", "reference_video",
  "reference_audio", "video"
};

#define BIT(t) (1u << (t))

typedef struct
{
  const gchar *model;
  const gchar *mode;
  guint types;                  /* media types it takes */
  guint tiers;
  guint max_seconds;
  guint prompt_max;
  gboolean prompt_required;
  gboolean ratio, adaptive, audio_setting, prompt_extend;
} MediaModel;

static const MediaModel media_models[] = {
  {"wan2.7-t2v", "t2v", 0, SIM_TIER_720 | SIM_TIER_1080, 15, 5000, TRUE,
      TRUE, FALSE, FALSE, TRUE},
  {"wan2.7-i2v", "i2v", BIT (M_FIRST_FRAME) | BIT (M_LAST_FRAME) |
        BIT (M_DRIVING_AUDIO) | BIT (M_FIRST_CLIP),
        SIM_TIER_720 | SIM_TIER_1080, 15, 5000, FALSE, FALSE, FALSE, FALSE,
      TRUE},
  {"wan2.7-r2v", "r2v", BIT (M_FIRST_FRAME) | BIT (M_REFERENCE_IMAGE) |
        BIT (M_REFERENCE_VIDEO), SIM_TIER_720 | SIM_TIER_1080, 15, 5000,
      TRUE, TRUE, FALSE, FALSE, TRUE},
  {"wan2.7-videoedit", "edit", BIT (M_VIDEO) | BIT (M_REFERENCE_IMAGE),
        SIM_TIER_720 | SIM_TIER_1080, 10, 5000, FALSE, TRUE, FALSE, TRUE,
      TRUE},
  {"wan3.0-video", "any", BIT (M_FIRST_FRAME) | BIT (M_LAST_FRAME) |
        BIT (M_REFERENCE_IMAGE) | BIT (M_REFERENCE_VIDEO) |
        BIT (M_REFERENCE_AUDIO), SIM_TIER_ALL, 30, 20000, TRUE, TRUE, TRUE,
      FALSE, TRUE},
  {"wan3.0-video-prime", "any", BIT (M_FIRST_FRAME) | BIT (M_LAST_FRAME) |
        BIT (M_REFERENCE_IMAGE) | BIT (M_REFERENCE_VIDEO) |
        BIT (M_REFERENCE_AUDIO), SIM_TIER_ALL, 30, 20000, TRUE, TRUE, TRUE,
      FALSE, TRUE},
};

static const MediaModel *
find_media_model (const gchar * model)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (media_models); i++)
    if (g_str_equal (media_models[i].model, model))
      return &media_models[i];
  return NULL;
}

gboolean
sim_dashscope_is_media_model (const gchar * model)
{
  return g_str_has_prefix (model, "wan2.7") || g_str_has_prefix (model,
      "wan3.0");
}

/* Counts each media type, checking every item's shape and URL. */
static gboolean
count_media (JsonObject * input, const MediaModel * m, guint count[M_N],
    SimError * err)
{
  JsonNode *node = json_object_get_member (input, "media");
  JsonArray *media;
  guint i, t;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return sim_fail (err, 400, "media", "media must be an array");
  media = json_node_get_array (node);
  for (i = 0; i < json_array_get_length (media); i++) {
    JsonNode *item = json_array_get_element (media, i);
    JsonObject *o;
    const gchar *type = NULL, *url = NULL;

    if (!JSON_NODE_HOLDS_OBJECT (item))
      return sim_fail (err, 400, "media", "media items must be objects");
    o = json_node_get_object (item);
    if (!sim_get_string (o, "type", TRUE, &type, err)
        || !sim_get_string (o, "url", TRUE, &url, err)
        || !sim_check_url (o, "url", FALSE, TRUE, err))
      return FALSE;
    for (t = 0; t < M_N && !g_str_equal (type, media_types[t]); t++);
    if (t == M_N || !(m->types & BIT (t)))
      return sim_fail (err, 400, "media", "media type '%s' is not supported "
          "by %s", type, m->model);
    count[t]++;
  }
  return TRUE;
}

/* The media sets wan2.7-i2v documents, one task per request. */
static gboolean
check_i2v_set (const guint c[M_N], SimError * err)
{
  guint set = 0, t;
  static const guint valid[] = {
    BIT (M_FIRST_FRAME),
    BIT (M_FIRST_FRAME) | BIT (M_DRIVING_AUDIO),
    BIT (M_FIRST_FRAME) | BIT (M_LAST_FRAME),
    BIT (M_FIRST_FRAME) | BIT (M_LAST_FRAME) | BIT (M_DRIVING_AUDIO),
    BIT (M_FIRST_CLIP),
    BIT (M_FIRST_CLIP) | BIT (M_LAST_FRAME),
  };

  for (t = 0; t < M_N; t++) {
    if (c[t] > 1)
      return sim_fail (err, 400, "media", "media type '%s' may appear once",
          media_types[t]);
    if (c[t])
      set |= BIT (t);
  }
  for (t = 0; t < G_N_ELEMENTS (valid); t++)
    if (set == valid[t])
      return TRUE;
  return sim_fail (err, 400, "media", "illegal combination of media types");
}

/* The media a model needs, and how many of each; the longest duration it
 * then takes. */
static gboolean
check_media_set (const MediaModel * m, const guint c[M_N], guint * max_s,
    const gchar ** mode, SimError * err)
{
  guint refs = c[M_REFERENCE_IMAGE] + c[M_REFERENCE_VIDEO];
  guint frames = c[M_FIRST_FRAME] + c[M_LAST_FRAME];

  *max_s = m->max_seconds;
  *mode = m->mode;
  if (g_str_equal (m->mode, "i2v"))
    return check_i2v_set (c, err);
  if (g_str_equal (m->mode, "r2v")) {
    if (refs < 1 || refs > 5)
      return sim_fail (err, 400, "media", "reference_image and "
          "reference_video: 1 to 5 in all, not %u", refs);
    if (c[M_FIRST_FRAME] > 1)
      return sim_fail (err, 400, "media", "at most one first_frame");
    if (c[M_REFERENCE_VIDEO])
      *max_s = 10;
    return TRUE;
  }
  if (g_str_equal (m->mode, "edit")) {
    if (c[M_VIDEO] != 1)
      return sim_fail (err, 400, "media", "exactly one video is required");
    if (c[M_REFERENCE_IMAGE] > 4)
      return sim_fail (err, 400, "media", "at most 4 reference_image");
    return TRUE;
  }
  /* Wan 3.0: one model for every mode. */
  if (c[M_FIRST_FRAME] > 1 || c[M_LAST_FRAME] > 1)
    return sim_fail (err, 400, "media", "at most one first_frame and one "
        "last_frame");
  if (c[M_LAST_FRAME] && !c[M_FIRST_FRAME])
    return sim_fail (err, 400, "media", "last_frame needs a first_frame");
  if (c[M_REFERENCE_IMAGE] > 10 || c[M_REFERENCE_VIDEO] > 5
      || c[M_REFERENCE_AUDIO] > 5)
    return sim_fail (err, 400, "media", "at most 10 reference_image, 5 "
        "reference_video and 5 reference_audio");
  if (frames && (refs || c[M_REFERENCE_AUDIO]))
    return sim_fail (err, 400, "media", "frames and references cannot be "
        "mixed");
  *mode = frames ? "i2v" : refs || c[M_REFERENCE_AUDIO] ? "r2v" : "t2v";
  return TRUE;
}

static gboolean
parse_media_parameters (JsonObject * p, const MediaModel * m, guint max_s,
    SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "resolution", "ratio", "duration",
    "prompt_extend", "watermark", "seed", "audio_setting", NULL
  };
  static const gchar *const ratios30[] = { "adaptive", "16:9", "9:16", "1:1",
    "4:3", "3:4", NULL
  };
  static const gchar *const settings[] = { "auto", "origin", NULL };
  gboolean edit = g_str_equal (m->mode, "edit");
  const gchar *tier = "1080P", *ratio = "16:9";
  gint64 duration = 5, seed;

  if (!sim_check_members (p, known, err)
      || !sim_dashscope_check_tier (p, "resolution", m->tiers, &tier, err)
      || !sim_check_choice (p, "ratio", m->adaptive ? ratios30 : ratios,
          &ratio, err)
      || !sim_check_int (p, "duration", edit ? 0 : 2, max_s, 0, FALSE,
          &duration, err)
      || !sim_check_bool (p, "prompt_extend", NULL, err)
      || !sim_check_bool (p, "watermark", NULL, err)
      || !sim_check_int (p, "seed", 0, 2147483647, 0, FALSE, &seed, err)
      || !sim_check_choice (p, "audio_setting", settings, NULL, err))
    return FALSE;
  if (json_object_has_member (p, "ratio") && !m->ratio)
    return sim_fail (err, 400, "ratio", "%s takes no ratio: it follows the "
        "input", m->model);
  if (json_object_has_member (p, "audio_setting") && !m->audio_setting)
    return sim_fail (err, 400, "audio_setting", "%s takes no audio_setting",
        m->model);
  if (edit && duration == 1)
    return sim_fail (err, 400, "duration", "duration=1 is not supported");
  /* An edit of the input's own length: the simulator's inputs last 5 s. */
  task->duration = duration == 0 ? 5 : duration;
  sim_dashscope_frame_size (tier, ratio, g_str_has_prefix (m->model,
          "wan2.7"), &task->width, &task->height);
  return TRUE;
}

gboolean
sim_dashscope_parse_media (JsonObject * body, SimTask * task, SimError * err)
{
  static const gchar *const known[] = { "model", "input", "parameters",
    NULL
  };
  static const gchar *const known_input[] = { "prompt", "negative_prompt",
    "media", "audio_url", NULL
  };
  const MediaModel *m = find_media_model (task->model);
  JsonObject *input, *p, *empty;
  guint count[M_N] = { 0 }, max_s;
  const gchar *mode, *negative;
  gboolean ok;

  if (m == NULL)
    return sim_fail (err, 400, "model", "Model not exist: %s", task->model);
  if (!sim_check_members (body, known, err)
      || !sim_dashscope_get_objects (body, &input, &p, err)
      || !sim_check_members (input, known_input, err)
      || !sim_dashscope_check_prompt (input, m->prompt_max,
          m->prompt_required, task, err)
      || !sim_get_string (input, "negative_prompt", FALSE, &negative, err)
      || !count_media (input, m, count, err))
    return FALSE;
  if (json_object_has_member (input, "audio_url")
      && !g_str_equal (m->mode, "t2v"))
    return sim_fail (err, 400, "audio_url", "%s takes its audio in media",
        m->model);
  if (!sim_check_url (input, "audio_url", FALSE, FALSE, err)
      || !check_media_set (m, count, &max_s, &mode, err))
    return FALSE;
  empty = json_object_new ();
  ok = parse_media_parameters (p ? p : empty, m, max_s, task, err);
  json_object_unref (empty);
  task->mode = mode;
  task->audio = TRUE;
  return ok;
}
