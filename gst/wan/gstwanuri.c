/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* wan:// URIs, so that playbin, uridecodebin and gst-play-1.0 can ask for
 * a generated video the way they ask for a file.  The mapping is the
 * element's own properties, as imagesequencesrc does it: nothing to keep
 * in step when a property is added. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstwanuri.h"

/* Never in a URI: the key is a secret (URIs end up in logs and playlists),
 * the provider is the URI's host. */
static gboolean
is_uri_property (GObject * element, GParamSpec * pspec)
{
  return pspec->owner_type == G_OBJECT_TYPE (element)
      && (pspec->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE
      && strcmp (pspec->name, "api-key") != 0
      && strcmp (pspec->name, "provider") != 0;
}

/* The properties a URI may name, in the order the class lists them. */
static GPtrArray *
list_uri_properties (GObject * element)
{
  GPtrArray *list = g_ptr_array_new ();
  GParamSpec **specs;
  guint i, n;

  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (element), &n);
  for (i = 0; i < n; i++) {
    if (is_uri_property (element, specs[i]))
      g_ptr_array_add (list, specs[i]);
  }
  g_free (specs);
  return list;
}

/* Every property's default is its unset state: a string or switch that
 * is not sent, the provider's own resolution, no seed (the three-way
 * switches exist so that booleans have one too).  A URI thus starts from
 * an element on which nothing was set. */
static void
reset_properties (GObject * element)
{
  GPtrArray *specs = list_uri_properties (element);
  guint i;

  for (i = 0; i < specs->len; i++) {
    GParamSpec *pspec = g_ptr_array_index (specs, i);
    GValue value = G_VALUE_INIT;

    g_param_value_set_default (pspec, g_value_init (&value, pspec->value_type));
    g_object_set_property (element, pspec->name, &value);
    g_value_unset (&value);
  }
  g_ptr_array_unref (specs);
}

/* One query value into @value, checked against the property's range. */
static gboolean
parse_value (GParamSpec * pspec, const gchar * text, GValue * value,
    GError ** error)
{
  g_value_init (value, pspec->value_type);
  if (pspec->value_type == G_TYPE_STRING) {
    /* Taken as is: gst_value_deserialize() would unquote a prompt that
     * starts with a quotation mark. */
    g_value_set_string (value, text);
  } else if (!gst_value_deserialize (value, text)
      || g_param_value_validate (pspec, value)) {
    g_set_error (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI,
        "'%s' is not a valid value for %s in the URI", text, pspec->name);
    g_value_unset (value);
    return FALSE;
  }
  return TRUE;
}

static gboolean
apply_param (GObject * element, const gchar * key, const gchar * text,
    GHashTable * arrays, GError ** error)
{
  GParamSpec *pspec =
      g_object_class_find_property (G_OBJECT_GET_CLASS (element), key);
  GValue value = G_VALUE_INIT;

  if (g_strcmp0 (key, "api-key") == 0) {
    g_set_error (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI,
        "the API key is never taken from a URI: set the api-key property or "
        "WAN_API_KEY");
    return FALSE;
  }
  if (pspec == NULL || !is_uri_property (element, pspec)) {
    g_set_error (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI,
        "'%s' in the URI is not a wanvideosrc property", key);
    return FALSE;
  }
  if (GST_IS_PARAM_SPEC_ARRAY_LIST (pspec)) {
    GValue *array = g_hash_table_lookup (arrays, pspec);

    if (!parse_value (GST_PARAM_SPEC_ARRAY_LIST (pspec)->element_spec, text,
            &value, error))
      return FALSE;
    if (array == NULL) {
      array = g_new0 (GValue, 1);
      g_value_init (array, GST_TYPE_ARRAY);
      g_hash_table_insert (arrays, pspec, array);
    }
    gst_value_array_append_and_take_value (array, &value);
    return TRUE;
  }
  if (!parse_value (pspec, text, &value, error))
    return FALSE;
  g_object_set_property (element, key, &value);
  g_value_unset (&value);
  return TRUE;
}

static void
free_array (gpointer value)
{
  g_value_unset (value);
  g_free (value);
}

/* "dashscope, toapis, …": every provider the element knows. */
static gchar *
provider_names (GType type)
{
  GEnumClass *klass = g_type_class_ref (type);
  GString *names = g_string_new (NULL);
  guint i;

  for (i = 0; i < klass->n_values; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "",
        klass->values[i].value_nick);
  g_type_class_unref (klass);
  return g_string_free (names, FALSE);
}

gboolean
gst_wan_uri_apply (GObject * element, const gchar * uri, GError ** error)
{
  GUri *guri = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  GHashTable *arrays;
  GUriParamsIter iter;
  GEnumValue *provider = NULL;
  GParamSpec *provider_spec;
  gchar *key, *text;
  gboolean ok = TRUE, cache_named = FALSE;

  provider_spec = g_object_class_find_property (G_OBJECT_GET_CLASS (element),
      "provider");
  if (guri && g_uri_get_host (guri))
    provider = g_enum_get_value_by_nick (g_type_class_peek
        (provider_spec->value_type), g_uri_get_host (guri));
  if (guri == NULL || g_strcmp0 (g_uri_get_scheme (guri), GST_WAN_URI_SCHEME)
      || provider == NULL || (*g_uri_get_path (guri)
          && strcmp (g_uri_get_path (guri), "/") != 0)) {
    gchar *names = provider_names (provider_spec->value_type);

    g_set_error (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI,
        "'%s' is not a wan:// URI: expected wan://PROVIDER?prompt=… with "
        "PROVIDER one of %s", uri, names);
    g_free (names);
    g_clear_pointer (&guri, g_uri_unref);
    return FALSE;
  }

  reset_properties (element);
  g_object_set (element, "provider", provider->value, NULL);
  arrays = g_hash_table_new_full (NULL, NULL, NULL, free_array);
  if (g_uri_get_query (guri)) {
    g_uri_params_iter_init (&iter, g_uri_get_query (guri), -1, "&",
        G_URI_PARAMS_WWW_FORM);
    while (ok && g_uri_params_iter_next (&iter, &key, &text, error)) {
      cache_named |= g_strcmp0 (key, "cache") == 0;
      ok = apply_param (element, key, text, arrays, error);
      g_free (key);
      g_free (text);
    }
    /* An iteration error has set @error already. */
    ok = ok && (error == NULL || *error == NULL);
  }
  if (ok) {
    GHashTableIter arrays_iter;
    gpointer pspec, array;

    g_hash_table_iter_init (&arrays_iter, arrays);
    while (g_hash_table_iter_next (&arrays_iter, &pspec, &array))
      g_object_set_property (element, ((GParamSpec *) pspec)->name, array);
    /* A URI names one video: a player that opens it again (discovery,
     * then playback) must get the same one, seeded or not. */
    if (!cache_named)
      gst_util_set_object_arg (element, "cache", "always");
  }
  g_hash_table_unref (arrays);
  g_uri_unref (guri);
  return ok;
}

static gchar *
value_to_text (const GValue * value)
{
  if (G_VALUE_HOLDS_STRING (value))
    return g_value_dup_string (value);
  if (G_VALUE_HOLDS_ENUM (value)) {
    GEnumValue *v = g_enum_get_value (g_type_class_peek (G_VALUE_TYPE (value)),
        g_value_get_enum (value));

    return g_strdup (v ? v->value_nick : "");
  }
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return g_strdup (g_value_get_boolean (value) ? "true" : "false");
  return gst_value_serialize (value);
}

static void
append_param (GString * s, const gchar * name, const GValue * value)
{
  gchar *text = value_to_text (value);

  if (s->str[s->len - 1] != '?')
    g_string_append_c (s, '&');
  g_string_append (s, name);
  g_string_append_c (s, '=');
  /* Escape everything but unreserved characters: '+' reads as a space. */
  g_string_append_uri_escaped (s, text ? text : "", NULL, TRUE);
  g_free (text);
}

/* A property set to anything but its default, as a query parameter (an
 * array's key once per item); one at its default is left out. */
static void
append_property (GString * s, GObject * element, GParamSpec * pspec,
    GstWanUriGetFunc get_value)
{
  GValue value = G_VALUE_INIT;
  guint i;

  g_value_init (&value, pspec->value_type);
  get_value (element, pspec, &value);
  if (GST_VALUE_HOLDS_ARRAY (&value)) {
    for (i = 0; i < gst_value_array_get_size (&value); i++)
      append_param (s, pspec->name, gst_value_array_get_value (&value, i));
  } else if (!g_param_value_defaults (pspec, &value)) {
    append_param (s, pspec->name, &value);
  }
  g_value_unset (&value);
}

gchar *
gst_wan_uri_build (GObject * element, GstWanUriGetFunc get_value)
{
  GString *s = g_string_new (GST_WAN_URI_SCHEME "://");
  GPtrArray *specs;
  GValue provider = G_VALUE_INIT;
  gchar *provider_text;
  guint i;

  g_object_get_property (element, "provider", g_value_init (&provider,
          G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property
              (G_OBJECT_GET_CLASS (element), "provider"))));
  provider_text = value_to_text (&provider);
  g_string_append (s, provider_text);
  g_string_append_c (s, '?');
  g_free (provider_text);
  g_value_unset (&provider);

  specs = list_uri_properties (element);
  for (i = 0; i < specs->len; i++)
    append_property (s, element, g_ptr_array_index (specs, i), get_value);
  g_ptr_array_unref (specs);
  if (s->str[s->len - 1] == '?')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}
