/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "gstwansettings.h"

void
gst_wan_settings_init (GstWanSettings * settings)
{
  memset (settings, 0, sizeof (*settings));
  wan_request_init (&settings->req);
}

void
gst_wan_settings_copy (GstWanSettings * dest, const GstWanSettings * src)
{
  *dest = *src;
  wan_request_copy (&dest->req, &src->req);
  dest->base_url = g_strdup (src->base_url);
  dest->api_key = g_strdup (src->api_key);
  dest->task_id = g_strdup (src->task_id);
  dest->location = g_strdup (src->location);
  dest->user_agent = g_strdup (src->user_agent);
  dest->cache_dir = g_strdup (src->cache_dir);
  dest->journal_dir = g_strdup (src->journal_dir);
}

void
gst_wan_settings_clear (GstWanSettings * settings)
{
  wan_request_clear (&settings->req);
  gst_wan_settings_free_key (&settings->api_key);
  g_free (settings->base_url);
  g_free (settings->task_id);
  g_free (settings->location);
  g_free (settings->user_agent);
  g_free (settings->cache_dir);
  g_free (settings->journal_dir);
  gst_wan_settings_init (settings);
}

void
gst_wan_settings_free_key (gchar ** key)
{
  if (*key)
    memset (*key, 0, strlen (*key));
  g_clear_pointer (key, g_free);
}

gchar *
gst_wan_settings_find_api_key (const GstWanSettings * settings)
{
  const gchar *key = settings->api_key;

  if (key == NULL || *key == '\0')
    key = g_getenv ("WAN_API_KEY");
  if (key == NULL || *key == '\0')
    key = g_getenv (wan_provider_key_env (settings->req.provider));
  return key && *key ? g_strdup (key) : NULL;
}

void
gst_wan_settings_set_string (gchar ** field, const GValue * value)
{
  g_free (*field);
  *field = g_value_dup_string (value);
  if (*field && **field == '\0')
    g_clear_pointer (field, g_free);
}

void
gst_wan_settings_set_field (GstWanSettings * settings, gsize offset,
    const GValue * value)
{
  gpointer field = (guint8 *) settings + offset;

  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value))) {
    case G_TYPE_STRING:
      gst_wan_settings_set_string (field, value);
      break;
    case G_TYPE_ENUM:
      *(gint *) field = g_value_get_enum (value);
      break;
    case G_TYPE_BOOLEAN:
      *(gboolean *) field = g_value_get_boolean (value);
      break;
    case G_TYPE_INT:
      *(gint *) field = g_value_get_int (value);
      break;
    case G_TYPE_UINT:
      *(guint *) field = g_value_get_uint (value);
      break;
    case G_TYPE_INT64:
      *(gint64 *) field = g_value_get_int64 (value);
      break;
    case G_TYPE_UINT64:
      *(guint64 *) field = g_value_get_uint64 (value);
      break;
    default:
      g_assert_not_reached ();
  }
}

void
gst_wan_settings_get_field (const GstWanSettings * settings, gsize offset,
    GValue * value)
{
  gconstpointer field = (const guint8 *) settings + offset;

  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value))) {
    case G_TYPE_STRING:
      g_value_set_string (value, *(gchar * const *) field);
      break;
    case G_TYPE_ENUM:
      g_value_set_enum (value, *(const gint *) field);
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, *(const gboolean *) field);
      break;
    case G_TYPE_INT:
      g_value_set_int (value, *(const gint *) field);
      break;
    case G_TYPE_UINT:
      g_value_set_uint (value, *(const guint *) field);
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (value, *(const gint64 *) field);
      break;
    case G_TYPE_UINT64:
      g_value_set_uint64 (value, *(const guint64 *) field);
      break;
    default:
      g_assert_not_reached ();
  }
}
