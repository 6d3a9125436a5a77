/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_SETTINGS_H__
#define __GST_WAN_SETTINGS_H__

#include <gst/gst.h>
#include <wan/wan.h>

G_BEGIN_DECLS

/* Everything wanvideosrc's properties say, as one value: the element
 * keeps its properties in one, and each job works from a copy taken at
 * start(), so that a job never reads the element. */
typedef struct
{
  WanRequest req;
  gchar *base_url;              /* NULL: the provider's own */
  gchar *api_key;               /* NULL: from the environment */
  gchar *task_id;               /* set by the user: resumed */
  gchar *location;
  gchar *user_agent;
  guint timeout;
  guint poll_interval;
  gint retries;
  gboolean insecure;
  gboolean cancel_on_stop;
  gint cache_mode;              /* GstWanCacheMode */
  gchar *cache_dir;             /* NULL: $XDG_CACHE_HOME/gst-wan */
  guint64 cache_max_size;
  gboolean journal;
  gchar *journal_dir;           /* NULL: $XDG_STATE_HOME/gst-wan/journal */
} GstWanSettings;

void gst_wan_settings_init (GstWanSettings * settings);
void gst_wan_settings_copy (GstWanSettings * dest,
    const GstWanSettings * src);
void gst_wan_settings_clear (GstWanSettings * settings);

/* Overwrites the key before freeing it: it never lingers in freed memory. */
void gst_wan_settings_free_key (gchar ** key);

/* The key the user gave, else WAN_API_KEY, else the provider's usual
 * variable; NULL when there is none.  Never logged. */
gchar *gst_wan_settings_find_api_key (const GstWanSettings * settings);

/* @value into the field at @offset (G_STRUCT_OFFSET), or the field into
 * @value, which holds the field's type: a string, enum, boolean, int,
 * uint, int64 or uint64. */
void gst_wan_settings_set_field (GstWanSettings * settings, gsize offset,
    const GValue * value);
void gst_wan_settings_get_field (const GstWanSettings * settings,
    gsize offset, GValue * value);

/* An empty string is unset, like NULL. */
void gst_wan_settings_set_string (gchar ** field, const GValue * value);

G_END_DECLS
#endif /* __GST_WAN_SETTINGS_H__ */
