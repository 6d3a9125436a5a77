/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_TASKS_H__
#define __GST_WAN_TASKS_H__

#include <gst/gst.h>
#include <wan/wan.h>

G_BEGIN_DECLS
/* Tasks this process created and has not delivered yet, by request.
 *
 * A player opens one URI several times (discovery, then playback; GES once
 * per track).  When the request is one the cache would serve, every
 * opening means the same video, so a later one resumes the task an earlier
 * one created instead of paying for another.  Once a video is delivered
 * the cache serves it; a task that failed is not resumed. */
/* A digest of @req as sent to @base_url (local inputs by name). */
    gchar * gst_wan_tasks_key (const gchar * base_url, const WanRequest * req);
/* The task created for @key, or NULL. */
gchar *gst_wan_tasks_lookup (const gchar * key);
void gst_wan_tasks_remember (const gchar * key, const gchar * task_id);
/* Forgets @key, if it still names @task_id. */
void gst_wan_tasks_forget (const gchar * key, const gchar * task_id);

G_END_DECLS
#endif /* __GST_WAN_TASKS_H__ */
