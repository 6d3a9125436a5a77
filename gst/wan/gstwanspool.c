/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The spool is what makes a half-downloaded MP4 behave like a local file:
 * the job thread appends, while create() reads any range and waits only
 * for the bytes it asked for.  That one mechanism serves pull mode, push
 * mode and byte seeks, and lets qtdemux reach a moov atom at the end.
 *
 * With a location, the bytes go to a temporary file beside it that is
 * renamed only once complete, so the final name never holds a partial
 * video.  Without one, the temporary file is unlinked at once and lives
 * only as long as the element holds it open. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "gstwanspool.h"

struct _GstWanSpool
{
  GMutex lock;
  GCond cond;
  gint fd;
  gchar *tmp_path;              /* NULL once renamed or when anonymous */
  gchar *location;
  guint64 available;
  guint64 expected;             /* announced size, 0: unknown */
  gboolean complete;
  gboolean aborted;
  gboolean flushing;
};

GstWanSpool *
gst_wan_spool_new (const gchar * location, GError ** error)
{
  GstWanSpool *spool;
  gchar *tmp_path = NULL;
  gint fd;

  if (location != NULL && *location != '\0') {
    tmp_path = g_strdup_printf ("%s.part-XXXXXX", location);
    fd = g_mkstemp_full (tmp_path, O_RDWR, 0666);
  } else {
    fd = g_file_open_tmp ("wanvideosrc-XXXXXX.mp4", &tmp_path, NULL);
    if (fd >= 0)
      g_unlink (tmp_path);
    g_clear_pointer (&tmp_path, g_free);
  }
  if (fd < 0) {
    gint err = errno;

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
        "cannot create a file for the video next to '%s': %s",
        location ? location : g_get_tmp_dir (), g_strerror (err));
    g_free (tmp_path);
    return NULL;
  }

  spool = g_new0 (GstWanSpool, 1);
  g_mutex_init (&spool->lock);
  g_cond_init (&spool->cond);
  spool->fd = fd;
  spool->tmp_path = tmp_path;
  spool->location = g_strdup (location);
  return spool;
}

void
gst_wan_spool_free (GstWanSpool * spool)
{
  if (spool == NULL)
    return;
  close (spool->fd);
  /* An incomplete video never stays behind under any name. */
  if (spool->tmp_path)
    g_unlink (spool->tmp_path);
  g_free (spool->tmp_path);
  g_free (spool->location);
  g_mutex_clear (&spool->lock);
  g_cond_clear (&spool->cond);
  g_free (spool);
}

gboolean
gst_wan_spool_append (GstWanSpool * spool, const guint8 * data, gsize size,
    GError ** error)
{
  gsize done = 0;

  while (done < size) {
    gssize n = write (spool->fd, data + done, size - done);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      gint err = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
          "cannot write the video to disk: %s", g_strerror (err));
      return FALSE;
    }
    done += n;
  }
  g_mutex_lock (&spool->lock);
  spool->available += size;
  g_cond_broadcast (&spool->cond);
  g_mutex_unlock (&spool->lock);
  return TRUE;
}

void
gst_wan_spool_expect_size (GstWanSpool * spool, guint64 size)
{
  g_mutex_lock (&spool->lock);
  spool->expected = size;
  g_mutex_unlock (&spool->lock);
}

gboolean
gst_wan_spool_commit (GstWanSpool * spool, guint64 expected_size,
    GError ** error)
{
  gboolean ok = TRUE;

  if (expected_size && spool->available != expected_size) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
        "the video is %" G_GUINT64_FORMAT " bytes, the server announced %"
        G_GUINT64_FORMAT, spool->available, expected_size);
    ok = FALSE;
  } else if (spool->tmp_path) {
    if (fsync (spool->fd) != 0 || g_rename (spool->tmp_path,
            spool->location) != 0) {
      gint err = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
          "cannot save the video as '%s': %s (it is kept as '%s')",
          spool->location, g_strerror (err), spool->tmp_path);
      /* Keep the complete video under its temporary name. */
      g_clear_pointer (&spool->tmp_path, g_free);
      ok = FALSE;
    } else {
      g_clear_pointer (&spool->tmp_path, g_free);
    }
  }
  g_mutex_lock (&spool->lock);
  if (ok)
    spool->complete = TRUE;
  else
    spool->aborted = TRUE;
  g_cond_broadcast (&spool->cond);
  g_mutex_unlock (&spool->lock);
  return ok;
}

void
gst_wan_spool_abort (GstWanSpool * spool)
{
  g_mutex_lock (&spool->lock);
  spool->aborted = TRUE;
  g_cond_broadcast (&spool->cond);
  g_mutex_unlock (&spool->lock);
}

void
gst_wan_spool_set_flushing (GstWanSpool * spool, gboolean flushing)
{
  g_mutex_lock (&spool->lock);
  spool->flushing = flushing;
  g_cond_broadcast (&spool->cond);
  g_mutex_unlock (&spool->lock);
}

GstFlowReturn
gst_wan_spool_read (GstWanSpool * spool, guint64 offset, guint size,
    GstBuffer * buf)
{
  GstMapInfo map;
  guint64 available;
  gsize want, done = 0;

  g_mutex_lock (&spool->lock);
  while (!spool->flushing && !spool->complete && !spool->aborted
      && spool->available < offset + size)
    g_cond_wait (&spool->cond, &spool->lock);
  available = spool->available;
  if (spool->flushing) {
    g_mutex_unlock (&spool->lock);
    return GST_FLOW_FLUSHING;
  }
  if (available < offset + size && spool->aborted) {
    g_mutex_unlock (&spool->lock);
    return GST_FLOW_ERROR;
  }
  g_mutex_unlock (&spool->lock);

  if (offset >= available)
    return GST_FLOW_EOS;
  want = MIN (size, available - offset);
  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  while (done < want) {
    gssize n = pread (spool->fd, map.data + done, want - done, offset + done);

    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    done += n;
  }
  gst_buffer_unmap (buf, &map);
  if (done < want)
    return GST_FLOW_ERROR;
  gst_buffer_resize (buf, 0, done);
  return GST_FLOW_OK;
}

gboolean
gst_wan_spool_get_size (GstWanSpool * spool, guint64 * size)
{
  gboolean known;

  g_mutex_lock (&spool->lock);
  known = spool->complete || spool->expected > 0;
  *size = spool->complete ? spool->available : spool->expected;
  g_mutex_unlock (&spool->lock);
  return known;
}
