/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_SPOOL_H__
#define __GST_WAN_SPOOL_H__

#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS
/* A file that one thread appends to while others read any range of it,
 * waiting for bytes that have not arrived yet. */
typedef struct _GstWanSpool GstWanSpool;

GstWanSpool *gst_wan_spool_new (const gchar * location, GError ** error);
/* Refcounted: a thread that looks at the spool (a query, unlock()) holds
 * a reference, so stop() dropping the element's own cannot free it under
 * that thread.  The last unref closes the file. */
GstWanSpool *gst_wan_spool_ref (GstWanSpool * spool);
void gst_wan_spool_unref (GstWanSpool * spool);
/* The creator's reference: the same as gst_wan_spool_unref(). */
void gst_wan_spool_free (GstWanSpool * spool);

gboolean gst_wan_spool_append (GstWanSpool * spool,
    const guint8 * data, gsize size, GError ** error);
/* The server announced the size: readers may know it before the end. */
void gst_wan_spool_expect_size (GstWanSpool * spool, guint64 size);
/* All bytes are in: check the size, make the file durable and give it its
 * final name.  Readers still wait, so that the owner can say so on the bus
 * before they reach end-of-file; on failure, abort. */
gboolean gst_wan_spool_commit (GstWanSpool * spool,
    guint64 expected_size, GError ** error);
/* After a commit: readers see end-of-file. */
void gst_wan_spool_finish (GstWanSpool * spool);
/* No more bytes will come: reads past what is there fail. */
void gst_wan_spool_abort (GstWanSpool * spool);

/* With a location, before anything is appended: gives the file the name
 * @path, where a later run of the same task finds it, and locks it while
 * this spool writes it.  With @resume, a file already there (left by an
 * earlier run of the same task) is continued instead, its bytes trusted
 * as the first ones of the video (the final size check still applies),
 * but for its last byte, which is fetched again so that the rest is never
 * an empty range.
 * *@have receives the bytes the spool then holds.  FALSE when the spool
 * has no location or another process holds that name. */
gboolean gst_wan_spool_use_partial (GstWanSpool * spool, const gchar * path,
    gboolean resume, guint64 * have);
/* Whether the last unref leaves a partial file under its name (for a
 * later run to continue) instead of deleting it.  An empty one goes. */
void gst_wan_spool_keep_partial (GstWanSpool * spool, gboolean keep);

void gst_wan_spool_set_flushing (GstWanSpool * spool, gboolean flushing);
/* Into *@buf when the caller gives one, else into a new buffer that may
 * map the file instead of copying it.  Waits for bytes not yet there. */
GstFlowReturn gst_wan_spool_read (GstWanSpool * spool,
    guint64 offset, guint size, GstBuffer ** buf);
/* Writes what the complete spool holds to @path, atomically.  Checks
 * @cancellable between chunks: a cancelled copy leaves no file behind
 * and fails with G_IO_ERROR_CANCELLED. */
gboolean gst_wan_spool_save_copy (GstWanSpool * spool,
    const gchar * path, GCancellable * cancellable, GError ** error);
/* The final size, once complete or announced. */
gboolean gst_wan_spool_get_size (GstWanSpool * spool, guint64 * size);

G_END_DECLS
#endif /* __GST_WAN_SPOOL_H__ */
