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

#include "gstwantasks.h"

static GMutex lock;
static GHashTable *tasks;       /* key → task id */

/* Length-prefixed, so that no text can pass for another field. */
static void
add_field (GChecksum * sum, const gchar * text)
{
  gchar *len = g_strdup_printf ("%zu:", text ? strlen (text) + 1 : 0);

  g_checksum_update (sum, (const guchar *) len, -1);
  if (text)
    g_checksum_update (sum, (const guchar *) text, -1);
  g_free (len);
}

static void
add_number (GChecksum * sum, gint64 n)
{
  gchar *text = g_strdup_printf ("%" G_GINT64_FORMAT, n);

  add_field (sum, text);
  g_free (text);
}

gchar *
gst_wan_tasks_key (const gchar * base_url, const WanRequest * req)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  gchar **r, *key;

  add_field (sum, base_url);
  add_number (sum, req->provider);
  add_field (sum, req->model);
  add_number (sum, req->flash);
  add_field (sum, req->prompt);
  add_field (sum, req->negative_prompt);
  add_field (sum, req->image_uri);
  add_number (sum, req->reference_uris ? g_strv_length (req->reference_uris)
      : 0);
  for (r = req->reference_uris; r && *r; r++)
    add_field (sum, *r);
  add_field (sum, req->audio_uri);
  add_field (sum, req->callback_url);
  add_number (sum, req->resolution);
  add_number (sum, req->aspect_ratio);
  add_number (sum, req->duration);
  add_number (sum, req->seed);
  add_number (sum, req->prompt_extend);
  add_number (sum, req->audio);
  add_number (sum, req->watermark);
  add_number (sum, req->shot_type);
  key = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  return key;
}

gchar *
gst_wan_tasks_lookup (const gchar * key)
{
  gchar *task_id;

  g_mutex_lock (&lock);
  task_id = tasks ? g_strdup (g_hash_table_lookup (tasks, key)) : NULL;
  g_mutex_unlock (&lock);
  return task_id;
}

void
gst_wan_tasks_remember (const gchar * key, const gchar * task_id)
{
  g_mutex_lock (&lock);
  if (tasks == NULL)
    tasks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (tasks, g_strdup (key), g_strdup (task_id));
  g_mutex_unlock (&lock);
}

void
gst_wan_tasks_forget (const gchar * key, const gchar * task_id)
{
  g_mutex_lock (&lock);
  if (tasks && g_strcmp0 (g_hash_table_lookup (tasks, key), task_id) == 0)
    g_hash_table_remove (tasks, key);
  g_mutex_unlock (&lock);
}
