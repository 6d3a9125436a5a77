/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_FILE_H__
#define __GST_WAN_FILE_H__

#include <glib.h>

G_BEGIN_DECLS

gboolean gst_wan_file_rename (const gchar * from, const gchar * to);
void gst_wan_file_sync_dir_of (const gchar * path);

G_END_DECLS

#endif /* __GST_WAN_FILE_H__ */
