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
