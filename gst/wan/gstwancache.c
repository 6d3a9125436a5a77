/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The cache is a plain directory: entries are complete files that appear
 * by rename(), so a crash leaves either a whole video or none, and the
 * modification time marks the last use, which is all LRU eviction needs. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <utime.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include "gstwancache.h"

#define CHUNK_SIZE (1024 * 1024)

gchar *
gst_wan_cache_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "gst-wan", NULL);
}

static gchar *
entry_path (const gchar * dir, const gchar * digest)
{
  gchar *name = g_strconcat (digest, ".mp4", NULL);
  gchar *path = g_build_filename (dir, name, NULL);

  g_free (name);
  return path;
}

gboolean
gst_wan_cache_load (const gchar * dir, const gchar * digest,
    GstWanSpool * spool, gboolean * found, GError ** error)
{
  gchar *path = entry_path (dir, digest);
  /* O_NONBLOCK: a FIFO under that name must not hang the job. */
  gint fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  guint8 *chunk;
  guint64 total = 0;
  gssize n = 0;
  gboolean ok;
  GStatBuf st;

  /* Anything but a plain file there is no cached video. */
  if (fd >= 0 && (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))) {
    close (fd);
    fd = -1;
  }
  *found = fd >= 0;
  if (fd < 0) {
    g_free (path);
    return TRUE;
  }
  /* Used now: the last to be evicted. */
  g_utime (path, NULL);
  chunk = g_malloc (CHUNK_SIZE);
  while ((n = read (fd, chunk, CHUNK_SIZE)) > 0
      && gst_wan_spool_append (spool, chunk, n, error))
    total += n;
  ok = n == 0 && gst_wan_spool_commit (spool, total, error);
  if (n < 0)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "cannot read the cached video '%s': %s", path, g_strerror (errno));
  close (fd);
  g_free (chunk);
  g_free (path);
  return ok;
}

typedef struct
{
  gchar *path;
  guint64 size;
  gint64 used;
} Entry;

static gint
by_last_use (gconstpointer a, gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  return ea->used < eb->used ? -1 : ea->used > eb->used;
}

/* Deletes the least recently used videos until the rest fit, but never
 * @keep, the one just made. */
static void
evict (const gchar * dir, guint64 max_bytes, const gchar * keep)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  const gchar *name;
  guint64 total = 0;
  GStatBuf st;
  guint i;

  while (d && (name = g_dir_read_name (d)) != NULL) {
    Entry e;

    if (!g_str_has_suffix (name, ".mp4"))
      continue;
    e.path = g_build_filename (dir, name, NULL);
    if (g_stat (e.path, &st) != 0) {
      g_free (e.path);
      continue;
    }
    e.size = st.st_size;
    e.used = st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) +
        st.st_mtim.tv_nsec;
    total += e.size;
    g_array_append_val (entries, e);
  }
  if (d)
    g_dir_close (d);
  g_array_sort (entries, by_last_use);
  for (i = 0; i < entries->len; i++) {
    Entry *e = &g_array_index (entries, Entry, i);

    if (total > max_bytes && strcmp (e->path, keep) != 0
        && g_unlink (e->path) == 0)
      total -= e->size;
    g_free (e->path);
  }
  g_array_free (entries, TRUE);
}

gboolean
gst_wan_cache_store (const gchar * dir, const gchar * digest,
    GstWanSpool * spool, guint64 max_bytes, GCancellable * cancellable,
    GError ** error)
{
  gchar *path = entry_path (dir, digest);
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) != 0) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "cannot create the cache directory '%s': %s", dir, g_strerror (errno));
    g_free (path);
    return FALSE;
  }
  ok = gst_wan_spool_save_copy (spool, path, cancellable, error);
  if (ok && max_bytes > 0)
    evict (dir, max_bytes, path);
  g_free (path);
  return ok;
}
