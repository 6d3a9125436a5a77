/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Renames that survive a power loss.  A rename is a change of the
 * directory, not of the file: fsync() of the file makes its bytes
 * durable, and only an fsync() of the directory makes the new name so.
 * Without it, a journal entry or a finished video written just before a
 * power loss can be gone after it (and a paid task paid again). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "gstwanfile.h"

/* Best effort: a directory that cannot be opened or synced (some file
 * systems refuse) leaves the rename as durable as the system makes it. */
void
gst_wan_file_sync_dir_of (const gchar * path)
{
  gchar *dir = g_path_get_dirname (path);
  gint fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0) {
    fsync (fd);
    close (fd);
  }
  g_free (dir);
}

/* rename(), then the directory's fsync; errno is rename()'s on failure. */
gboolean
gst_wan_file_rename (const gchar * from, const gchar * to)
{
  if (g_rename (from, to) != 0)
    return FALSE;
  gst_wan_file_sync_dir_of (to);
  return TRUE;
}
