/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_MESSAGES_H__
#define __GST_WAN_MESSAGES_H__

#include <gst/gst.h>
#include <wan/wan.h>

G_BEGIN_DECLS

/* What wanvideosrc tells the application on the bus while a job runs. */

/* A GST_MESSAGE_PROGRESS with @code, its text from @format, and a
 * "percent" field unless @percent is negative. */
void gst_wan_post_progress (GstElement * element, GstProgressType type,
    const gchar * code, gint percent, const gchar * format, ...)
    G_GNUC_PRINTF (5, 6);

/* The "wan-task" element message: @task_id of @req at the provider, as
 * @state says. */
void gst_wan_post_task (GstElement * element, const WanRequest * req,
    const gchar * task_id, const WanTaskState * state);

/* @error as a GST_RESOURCE_ERROR message, with the provider's own words
 * as its text and the details (HTTP status, provider code, request id,
 * @task_id) as debug and structure.  Once @downloading, any WAN_ERROR is
 * one of reading the video. */
void gst_wan_post_error (GstElement * element, WanProviderId provider,
    const GError * error, const gchar * task_id, gboolean downloading);

G_END_DECLS
#endif /* __GST_WAN_MESSAGES_H__ */
