/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_JOB_H__
#define __GST_WAN_JOB_H__

#include <gst/gst.h>
#include <wan/wan.h>

#include "gstwansettings.h"
#include "gstwanspool.h"

G_BEGIN_DECLS

/* One generation for wanvideosrc, from start() to stop(): on a thread of
 * its own it serves the video from the cache, or resumes the journal's
 * task, or submits the request, and fills a spool the element reads.  It
 * tells the application on the element's bus, and never calls the
 * element back: the element asks it (task id, request, spool). */
typedef struct _GstWanJob GstWanJob;

/* Checks @settings (key, base URL, the request unless a task is resumed)
 * and opens the spool; nothing is sent.  On failure the error is posted
 * on @element and NULL returned.  @element must outlive the job. */
GstWanJob *gst_wan_job_new (GstElement * element,
    const GstWanSettings * settings);

/* Starts the job thread, once: nothing is paid before data is wanted. */
void gst_wan_job_launch (GstWanJob * job);

/* Ends the job thread: cancels any transfer or wait and, with
 * cancel-on-stop, asks the provider to cancel the task, then waits for
 * the thread.  The task id is final afterwards. */
void gst_wan_job_stop (GstWanJob * job);

/* Stops the job if it runs and frees it; the spool goes with the last
 * reference. */
void gst_wan_job_free (GstWanJob * job);

/* The spool the video arrives in, for as long as the job lives. */
GstWanSpool *gst_wan_job_get_spool (GstWanJob * job);

/* The request as it was at start(). */
const WanRequest *gst_wan_job_get_request (GstWanJob * job);

/* The task being served: resumed or created; NULL before there is one.
 * Any thread.  The element's "task-id" is notified when it changes. */
gchar *gst_wan_job_dup_task_id (GstWanJob * job);

G_END_DECLS
#endif /* __GST_WAN_JOB_H__ */
