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

#include "gstwanjob.h"
#include "gstwansettings.h"

G_BEGIN_DECLS

/* Custom tags: which provider made the video, and its task there. */
#define GST_WAN_TAG_PROVIDER "wan-provider"
#define GST_WAN_TAG_TASK_ID "wan-task-id"
#define GST_TYPE_WAN_VIDEO_SRC (gst_wan_video_src_get_type ())
G_DECLARE_FINAL_TYPE (GstWanVideoSrc, gst_wan_video_src, GST, WAN_VIDEO_SRC,
    GstBaseSrc);

struct _GstWanVideoSrc
{
  GstBaseSrc parent;

  /* Under the object lock. */
  GstWanSettings settings;      /* the properties */
  gchar *served_task_id;        /* the task the last job served */
  gchar *uri;                   /* the wan:// URI as set, until a property
                                 * changes */
  gboolean applying_uri;
  GstWanJob *job;               /* between start() and stop() */

  /* Streaming thread only. */
  gboolean tags_sent;
};

GST_ELEMENT_REGISTER_DECLARE (wanvideosrc);

G_END_DECLS
#endif /* __GST_WAN_VIDEO_SRC_H__ */
