/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_CACHE_H__
#define __GST_WAN_CACHE_H__

#include <gst/gst.h>
#include "gstwanspool.h"

G_BEGIN_DECLS
/* Finished videos kept under the digest of the request that made them
 * (DIGEST.mp4 in one directory), so the same request is never paid twice.
 * The least recently used go first when the directory outgrows its cap. */
/* $XDG_CACHE_HOME/gst-wan */
    gchar * gst_wan_cache_default_dir (void);

/* Fills @spool from the cached video for @digest and commits it (the
 * caller finishes it once it has said so on the bus);
 * FALSE (and no error) when there is none. */
gboolean gst_wan_cache_load (const gchar * dir, const gchar * digest,
    GstWanSpool * spool, gboolean * found, GError ** error);
/* Keeps a copy of the complete @spool, then evicts down to @max_bytes
 * (0: no limit).  Cancelling @cancellable stops the copy and removes what
 * was written of it. */
gboolean gst_wan_cache_store (const gchar * dir, const gchar * digest,
    GstWanSpool * spool, guint64 max_bytes, GCancellable * cancellable,
    GError ** error);

G_END_DECLS
#endif /* __GST_WAN_CACHE_H__ */
