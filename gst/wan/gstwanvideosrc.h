/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_VIDEO_SRC_H__
#define __GST_WAN_VIDEO_SRC_H__

#include <gst/gst.h>
#include <gst/base/gstbasesrc.h>
#include <wan/wan.h>

#include "gstwanspool.h"

G_BEGIN_DECLS

/* Custom tags: which provider made the video, and its task there. */
#define GST_WAN_TAG_PROVIDER "wan-provider"
#define GST_WAN_TAG_TASK_ID "wan-task-id"
#define WAN_TASK_STATUS_UNKNOWN -1
#define GST_TYPE_WAN_VIDEO_SRC (gst_wan_video_src_get_type ())
G_DECLARE_FINAL_TYPE (GstWanVideoSrc, gst_wan_video_src, GST, WAN_VIDEO_SRC,
    GstBaseSrc);

struct _GstWanVideoSrc
{
  GstBaseSrc parent;

  /* Properties, under the object lock. */
  WanRequest req;
  gchar *base_url;
  gchar *api_key;
  gchar *task_id;               /* set by the user: resumed */
  gchar *current_task_id;       /* resumed or created by the last start */
  gchar *uri;                   /* the wan:// URI as set, until a property
                                 * changes */
  gboolean applying_uri;
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

  /* Between start() and stop(). */
  WanRequest job_req;           /* the request as it was at start() */
  gchar *job_key;
  gchar *job_base_url;
  gchar *job_resume_id;
  gchar *job_location;
  /* The journal of the job's task (job thread only): where, under which
   * request digest, since when, and the partial video's name. */
  gchar *job_journal_dir;
  gchar *job_digest;
  gint64 job_created;
  gchar *job_partial;
  GstWanSpool *spool;           /* set and cleared under the object lock */
  GCancellable *cancellable;
  GThread *job;
  gboolean downloading;
  gboolean tags_sent;
  gint last_status;             /* WanTaskStatus, or UNKNOWN before any */
  guint64 content_length;
  guint64 received;
  gint last_percent;
};

GST_ELEMENT_REGISTER_DECLARE (wanvideosrc);

G_END_DECLS
#endif /* __GST_WAN_VIDEO_SRC_H__ */
