/* wan-generate: the element's properties as options and manifest keys
 *
 * Options are made from wanvideosrc's own GParamSpecs, so every property
 * the element gains is an option at once, with gst-inspect's words.  The
 * values stay strings until they are set on an element, where each is
 * parsed for its property's type and checked against its range.
 */

#include <string.h>
#include "wan-generate.h"

struct _WgSettings
{
  /* property name → GPtrArray of strings (one, or the list of a
   * reference-uris array), in the order given */
  GHashTable *values;
  GOptionEntry *entries;        /* of the option group, with their texts */
};

/* Shorter names users expect, for the properties they name most. */
static const struct
{
  const gchar *alias;
  const gchar *property;
} aliases[] = {
  {"image", "image-uri"},
  {"reference", "reference-uris"},
  {"audio-file", "audio-uri"},
};

/* Properties that are not options: the tool's own -o writes location. */
static const gchar *const not_options[] = { "location", NULL };

static GObjectClass *
src_class (GError ** error)
{
  static GObjectClass *klass;
  GstElementFactory *factory;
  GstPluginFeature *loaded;

  if (klass)
    return klass;
  factory = gst_element_factory_find ("wanvideosrc");
  if (factory == NULL) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
        "the wanvideosrc element was not found (is the wan plugin on "
        "GST_PLUGIN_PATH?)");
    return NULL;
  }
  loaded = gst_plugin_feature_load (GST_PLUGIN_FEATURE (factory));
  gst_object_unref (factory);
  if (loaded == NULL) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
        "the wan plugin could not be loaded");
    return NULL;
  }
  klass = g_type_class_ref (gst_element_factory_get_element_type
      (GST_ELEMENT_FACTORY (loaded)));
  gst_object_unref (loaded);
  return klass;
}

/* The element's own property @name (not basesrc's), or NULL. */
static GParamSpec *
find_option (const gchar * name)
{
  GObjectClass *klass = src_class (NULL);
  GParamSpec *pspec;
  guint i;

  if (klass == NULL)
    return NULL;
  for (i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (name, aliases[i].alias))
      name = aliases[i].property;
  if (g_strv_contains (not_options, name))
    return NULL;
  pspec = g_object_class_find_property (klass, name);
  if (pspec == NULL || pspec->owner_type != G_TYPE_FROM_CLASS (klass))
    return NULL;
  return pspec;
}

static void
free_entries (GOptionEntry * entries)
{
  GOptionEntry *e;

  for (e = entries; e->long_name; e++) {
    g_free ((gchar *) e->description);
    g_free ((gchar *) e->arg_description);
  }
  g_free (entries);
}

WgSettings *
wg_settings_new (void)
{
  WgSettings *settings = g_new0 (WgSettings, 1);

  settings->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
      (GDestroyNotify) g_ptr_array_unref);
  return settings;
}

void
wg_settings_free (WgSettings * settings)
{
  if (settings == NULL)
    return;
  g_hash_table_unref (settings->values);
  if (settings->entries)
    free_entries (settings->entries);
  g_free (settings);
}

gboolean
wg_settings_has (const WgSettings * settings, const gchar * name)
{
  GParamSpec *pspec = find_option (name);

  return pspec && g_hash_table_contains (settings->values, pspec->name);
}

gboolean
wg_settings_add (WgSettings * settings, const gchar * name,
    const gchar * value, GError ** error)
{
  GParamSpec *pspec = find_option (name);
  GPtrArray *list;

  if (pspec == NULL) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
        "unknown setting '%s'", name);
    return FALSE;
  }
  list = g_hash_table_lookup (settings->values, pspec->name);
  /* A list property collects every value given; others keep the last. */
  if (list == NULL || pspec->value_type != GST_TYPE_ARRAY) {
    list = g_ptr_array_new_with_free_func (g_free);
    g_hash_table_insert (settings->values, (gpointer) pspec->name, list);
  }
  g_ptr_array_add (list, g_strdup (value));
  return TRUE;
}

void
wg_settings_merge_defaults (WgSettings * settings, const WgSettings * defaults)
{
  GHashTableIter iter;
  gpointer name, list;

  g_hash_table_iter_init (&iter, defaults->values);
  while (g_hash_table_iter_next (&iter, &name, &list))
    if (!g_hash_table_contains (settings->values, name))
      g_hash_table_insert (settings->values, name, g_ptr_array_ref (list));
}

/* ------------------------------------------------------------------ */
/* Options                                                              */

static gboolean
on_option (const gchar * option_name, const gchar * value, gpointer data,
    GError ** error)
{
  WgSettings *settings = data;
  const gchar *name = option_name + 2;  /* past "--" */
  GParamSpec *pspec = find_option (name);

  /* A boolean given alone ("--flash") is switched on. */
  if (value == NULL && pspec && pspec->value_type == G_TYPE_BOOLEAN)
    value = "true";
  if (value == NULL) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "%s needs a value", option_name);
    return FALSE;
  }
  return wg_settings_add (settings, name, value, error);
}

/* "dashscope|toapis|…" for an enum, else the value's type in capitals. */
static gchar *
arg_description (GParamSpec * pspec)
{
  if (G_IS_PARAM_SPEC_ENUM (pspec)) {
    GEnumClass *e = G_PARAM_SPEC_ENUM (pspec)->enum_class;
    GString *s = g_string_new (NULL);
    guint i;

    for (i = 0; i < e->n_values; i++)
      g_string_append_printf (s, "%s%s", i ? "|" : "", e->values[i].value_nick);
    return g_string_free (s, FALSE);
  }
  if (pspec->value_type == G_TYPE_BOOLEAN)
    return g_strdup ("[true|false]");
  if (pspec->value_type == GST_TYPE_ARRAY)
    return g_strdup ("URI");
  if (pspec->value_type == G_TYPE_STRING)
    return g_strdup ("STRING");
  return g_strdup ("NUMBER");
}

static gchar *
default_text (GParamSpec * pspec)
{
  const GValue *def = g_param_spec_get_default_value (pspec);
  gchar *text;

  if (pspec->value_type == G_TYPE_STRING || pspec->value_type ==
      GST_TYPE_ARRAY || !(pspec->flags & G_PARAM_READABLE))
    return NULL;
  /* An enum's "default" says nothing the blurb does not. */
  if (G_IS_PARAM_SPEC_ENUM (pspec)) {
    const gchar *nick = g_enum_get_value (G_PARAM_SPEC_ENUM
        (pspec)->enum_class, g_value_get_enum (def))->value_nick;

    return g_str_equal (nick, "default") ? NULL : g_strdup (nick);
  }
  text = gst_value_serialize (def);
  return text;
}

static void
add_entry (GArray * entries, const gchar * name, GParamSpec * pspec,
    const gchar * blurb)
{
  GOptionEntry e = { 0, };
  gchar *def = default_text (pspec);

  e.long_name = name;
  e.arg = G_OPTION_ARG_CALLBACK;
  e.arg_data = (gpointer) on_option;
  if (pspec->value_type == G_TYPE_BOOLEAN)
    e.flags = G_OPTION_FLAG_OPTIONAL_ARG;
  e.description = def ? g_strdup_printf ("%s (default: %s)", blurb, def) :
      g_strdup (blurb);
  e.arg_description = arg_description (pspec);
  g_array_append_val (entries, e);
  g_free (def);
}

GOptionGroup *
wg_settings_option_group (WgSettings * settings, GError ** error)
{
  GObjectClass *klass = src_class (error);
  GOptionGroup *group;
  GParamSpec **pspecs;
  GArray *entries;
  guint n, i, j;

  if (klass == NULL)
    return NULL;
  entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  pspecs = g_object_class_list_properties (klass, &n);
  for (i = 0; i < n; i++) {
    if (find_option (pspecs[i]->name) != pspecs[i])
      continue;
    add_entry (entries, pspecs[i]->name, pspecs[i],
        g_param_spec_get_blurb (pspecs[i]));
    for (j = 0; j < G_N_ELEMENTS (aliases); j++)
      if (g_str_equal (aliases[j].property, pspecs[i]->name)) {
        gchar *blurb = g_strdup_printf ("Same as --%s", pspecs[i]->name);

        add_entry (entries, aliases[j].alias, pspecs[i], blurb);
        g_free (blurb);
      }
  }
  g_free (pspecs);
  group = g_option_group_new ("wan-generate", "Options (the wanvideosrc "
      "properties are also the keys of a --batch manifest line):",
      "Show all options", settings, NULL);
  g_option_group_add_entries (group, (GOptionEntry *) entries->data);
  /* The group copies the entries, not their texts: kept until the
   * settings are freed. */
  if (settings->entries)
    free_entries (settings->entries);
  settings->entries = (GOptionEntry *) g_array_free (entries, FALSE);
  return group;
}

/* ------------------------------------------------------------------ */
/* Applying settings to an element                                      */

static gboolean
parse_value (GParamSpec * pspec, const gchar * text, GValue * value,
    GError ** error)
{
  gboolean ok;

  g_value_init (value, pspec->value_type);
  if (pspec->value_type == G_TYPE_STRING) {
    g_value_set_string (value, text);
    return TRUE;
  }
  ok = gst_value_deserialize (value, text);
  /* g_param_value_validate() clamps, and says so: out of range. */
  if (ok && g_param_value_validate (pspec, value))
    ok = FALSE;
  if (!ok) {
    gchar *what = arg_description (pspec);

    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "%s: '%s' is not a valid value (%s)", pspec->name, text, what);
    g_free (what);
    g_value_unset (value);
  }
  return ok;
}

static void
set_list (GstElement * src, GParamSpec * pspec, GPtrArray * list)
{
  GValue array = G_VALUE_INIT;
  guint i;

  g_value_init (&array, GST_TYPE_ARRAY);
  for (i = 0; i < list->len; i++) {
    GValue item = G_VALUE_INIT;

    g_value_init (&item, G_TYPE_STRING);
    g_value_set_string (&item, g_ptr_array_index (list, i));
    gst_value_array_append_and_take_value (&array, &item);
  }
  g_object_set_property (G_OBJECT (src), pspec->name, &array);
  g_value_unset (&array);
}

gboolean
wg_settings_apply (const WgSettings * settings, GstElement * src,
    GError ** error)
{
  GHashTableIter iter;
  gpointer name, data;

  g_hash_table_iter_init (&iter, settings->values);
  while (g_hash_table_iter_next (&iter, &name, &data)) {
    GPtrArray *list = data;
    GParamSpec *pspec = find_option (name);
    GValue value = G_VALUE_INIT;

    /* The key property cannot be read back: note that it was given. */
    if (g_str_equal (pspec->name, "api-key"))
      g_object_set_data (G_OBJECT (src), "wg-api-key-set",
          GINT_TO_POINTER (*(gchar *) g_ptr_array_index (list, 0) != '\0'));
    if (pspec->value_type == GST_TYPE_ARRAY) {
      set_list (src, pspec, list);
      continue;
    }
    if (!parse_value (pspec, g_ptr_array_index (list, list->len - 1),
            &value, error))
      return FALSE;
    g_object_set_property (G_OBJECT (src), pspec->name, &value);
    g_value_unset (&value);
  }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The request an element will send                                     */

static gchar **
read_list (GstElement * src, const gchar * name)
{
  GValue array = G_VALUE_INIT;
  gchar **strv;
  guint i, n;

  g_value_init (&array, GST_TYPE_ARRAY);
  g_object_get_property (G_OBJECT (src), name, &array);
  n = gst_value_array_get_size (&array);
  strv = g_new0 (gchar *, n + 1);
  for (i = 0; i < n; i++)
    strv[i] = g_value_dup_string (gst_value_array_get_value (&array, i));
  g_value_unset (&array);
  return strv;
}

/* The element's settings in the library's terms.  The enums share their
 * values with the library's (gst/wan/gstwanenums.c). */
static void
read_request (GstElement * src, WanRequest * req)
{
  gint provider, resolution, aspect, shot, extend, audio, watermark, family,
      mode, audio_setting;

  wan_request_init (req);
  g_object_get (src, "provider", &provider, "model", &req->model,
      "flash", &req->flash, "prompt", &req->prompt, "negative-prompt",
      &req->negative_prompt, "image-uri", &req->image_uri, "audio-uri",
      &req->audio_uri, "callback-url", &req->callback_url, "resolution",
      &resolution, "aspect-ratio", &aspect, "duration", &req->duration,
      "seed", &req->seed, "prompt-extend", &extend, "audio", &audio,
      "watermark", &watermark, "shot-type", &shot, "model-family", &family,
      "mode", &mode, "last-frame-uri", &req->last_frame_uri, "video-uri",
      &req->video_uri, "audio-setting", &audio_setting, NULL);
  req->family = family;
  req->mode = mode;
  req->provider = provider;
  req->resolution = resolution;
  req->aspect_ratio = aspect;
  req->shot_type = shot;
  req->audio_setting = audio_setting;
  req->prompt_extend = extend;
  req->audio = audio;
  req->watermark = watermark;
  req->reference_uris = read_list (src, "reference-uris");
  if (req->reference_uris[0] == NULL)
    g_clear_pointer (&req->reference_uris, g_strfreev);
}

/* Where the element finds its key: the property, else the environment.
 * The property is write-only, so the tool's own settings are asked. */
static gboolean
have_key (GstElement * src, WanProviderId provider)
{
  const gchar *env = g_getenv ("WAN_API_KEY");

  if (g_object_get_data (G_OBJECT (src), "wg-api-key-set"))
    return TRUE;
  if (env == NULL || *env == '\0')
    env = g_getenv (wan_provider_key_env (provider));
  return env != NULL && *env != '\0';
}

static gchar *
base_url_of (GstElement * src, WanProviderId provider)
{
  gchar *base_url;

  g_object_get (src, "base-url", &base_url, NULL);
  if (base_url == NULL || *base_url == '\0') {
    g_free (base_url);
    base_url = g_strdup (wan_provider_default_base_url (provider));
  }
  return base_url;
}

gboolean
wg_check_element (GstElement * src, WanRequest * req, gint * exit_status,
    GError ** error)
{
  gchar *base_url, *task_id;
  gboolean insecure, ok;

  read_request (src, req);
  g_object_get (src, "insecure", &insecure, "task-id", &task_id, NULL);
  if (!have_key (src, req->provider)) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_AUTH, "no API key for %s: set "
        "--api-key, WAN_API_KEY or %s", wan_provider_id_to_string
        (req->provider), wan_provider_key_env (req->provider));
    *exit_status = WG_EXIT_NOT_AUTHORIZED;
    g_free (task_id);
    return FALSE;
  }
  base_url = base_url_of (src, req->provider);
  ok = wan_check_base_url (base_url, insecure, error);
  /* A resumed task is not sent again: its settings do not matter. */
  if (ok && task_id == NULL)
    ok = wan_request_validate (req, error);
  if (!ok)
    *exit_status = WG_EXIT_USAGE;
  g_free (base_url);
  g_free (task_id);
  return ok;
}

guint
wg_request_seconds (const WanRequest * req)
{
  return req->duration ? req->duration : WG_DEFAULT_SECONDS;
}

gboolean
wg_print_request (GstElement * src, const WanRequest * req, FILE * out,
    GError ** error)
{
  gchar *base_url = base_url_of (src, req->provider);
  WanClient *client = wan_client_new (req->provider, base_url, "redacted");
  gchar *url = NULL, *headers = NULL, *body = NULL;
  gboolean ok;

  ok = wan_client_describe_create (client, req, &url, &headers, &body, error);
  if (ok)
    fprintf (out, "POST %s\n%s\n%s\n", url, headers, body);
  g_free (headers);
  g_free (url);
  g_free (body);
  wan_client_free (client);
  g_free (base_url);
  return ok;
}
