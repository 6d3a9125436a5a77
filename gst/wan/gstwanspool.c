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
 * only as long as the element holds it open.
 *
 * Reads from that anonymous file are served without a copy: buffers wrap
 * read-only mappings of fixed windows of the file.  Nobody else can reach
 * the file, so nobody can truncate it under a mapping (which would turn a
 * later access into SIGBUS); a file saved under the user's name is read
 * with pread() instead, like filesrc does. */

#define _GNU_SOURCE             /* fallocate() */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include "gstwanfile.h"
#include "gstwanspool.h"

/* Small enough that a mapping touched downstream stays a small part of
 * the memory used, large enough that mmap() calls are rare. */
#define WINDOW_SIZE (2 * 1024 * 1024)

typedef struct
{
  gint ref_count;
  guint8 *data;
  guint64 offset;               /* in the file, a multiple of WINDOW_SIZE */
} SpoolWindow;

struct _GstWanSpool
{
  gint ref_count;
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
  gint reserve_errno;           /* the disk cannot hold the video */
  gboolean mappable;            /* the file is ours alone */
  gboolean keep_partial;        /* a later run may continue it */
  SpoolWindow *window;          /* the last one used, owned by the reader */
};

static void
spool_window_unref (gpointer data)
{
  SpoolWindow *window = data;

  if (g_atomic_int_dec_and_test (&window->ref_count)) {
    munmap (window->data, WINDOW_SIZE);
    g_free (window);
  }
}

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
  spool->ref_count = 1;
  g_mutex_init (&spool->lock);
  g_cond_init (&spool->cond);
  spool->fd = fd;
  spool->tmp_path = tmp_path;
  spool->location = g_strdup (location);
  spool->mappable = tmp_path == NULL;
  return spool;
}

static void
close_fd (gpointer fd, gpointer unused)
{
  close (GPOINTER_TO_INT (fd) - 1);
}

/* The last close() of a deleted file frees all its pages: tens of
 * milliseconds for a large video, which stop() (and so set_state()) must
 * not wait for.  The name is gone already; only the memory is freed late. */
static void
close_in_background (gint fd)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (close_fd, NULL, 1, FALSE,
            NULL));
  g_thread_pool_push (pool, GINT_TO_POINTER (fd + 1), NULL);
}

GstWanSpool *
gst_wan_spool_ref (GstWanSpool * spool)
{
  g_atomic_int_inc (&spool->ref_count);
  return spool;
}

void
gst_wan_spool_free (GstWanSpool * spool)
{
  gst_wan_spool_unref (spool);
}

void
gst_wan_spool_unref (GstWanSpool * spool)
{
  if (spool == NULL || !g_atomic_int_dec_and_test (&spool->ref_count))
    return;
  /* Buffers still downstream keep their own window references. */
  g_clear_pointer (&spool->window, spool_window_unref);
  /* An incomplete video never stays behind under any name, but under
   * its partial name for the run that continues it. */
  if (spool->tmp_path && !(spool->keep_partial && spool->available > 0))
    g_unlink (spool->tmp_path);
  /* The next run may continue the partial file at once, not only once
   * the late close() has released it. */
  flock (spool->fd, LOCK_UN);
  close_in_background (spool->fd);
  g_free (spool->tmp_path);
  g_free (spool->location);
  g_mutex_clear (&spool->lock);
  g_cond_clear (&spool->cond);
  g_free (spool);
}

/* FALSE with errno set when the disk refuses. */
static gboolean
write_all (gint fd, const guint8 * data, gsize size)
{
  gsize done = 0;

  while (done < size) {
    gssize n = write (fd, data + done, size - done);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return FALSE;
    done += n;
  }
  return TRUE;
}

gboolean
gst_wan_spool_append (GstWanSpool * spool, const guint8 * data, gsize size,
    GError ** error)
{

  if (spool->reserve_errno) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno
        (spool->reserve_errno), "no room on disk for the %" G_GUINT64_FORMAT
        " bytes of the video: %s", spool->expected,
        g_strerror (spool->reserve_errno));
    return FALSE;
  }
  if (!write_all (spool->fd, data, size)) {
    gint err = errno;

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
        "cannot write the video to disk: %s", g_strerror (err));
    return FALSE;
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
  /* Reserving the whole file at once makes the writes cheaper (no block
   * allocation as it grows) and finds a full disk before the download
   * rather than at its end.  fallocate(), not posix_fallocate(): where the
   * file system cannot reserve, glibc would write the whole size. */
  if (fallocate (spool->fd, FALLOC_FL_KEEP_SIZE, 0, size) != 0
      && (errno == ENOSPC || errno == EFBIG))
    spool->reserve_errno = errno;
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
    if (fsync (spool->fd) != 0 || !gst_wan_file_rename (spool->tmp_path,
            spool->location)) {
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
  return ok;
}

void
gst_wan_spool_finish (GstWanSpool * spool)
{
  g_mutex_lock (&spool->lock);
  spool->complete = TRUE;
  g_cond_broadcast (&spool->cond);
  g_mutex_unlock (&spool->lock);
}

void
gst_wan_spool_abort (GstWanSpool * spool)
{
  g_mutex_lock (&spool->lock);
  spool->aborted = TRUE;
  g_cond_broadcast (&spool->cond);
  g_mutex_unlock (&spool->lock);
}

/* Replaces the spool's empty file by @fd, @size bytes long. */
static void
adopt_file (GstWanSpool * spool, gint fd, const gchar * path, guint64 size)
{
  gint old = spool->fd;

  lseek (fd, 0, SEEK_END);
  g_unlink (spool->tmp_path);
  g_free (spool->tmp_path);
  spool->tmp_path = g_strdup (path);
  /* Readers read the fd only after seeing bytes, under the lock. */
  g_mutex_lock (&spool->lock);
  spool->fd = fd;
  spool->available = size;
  g_cond_broadcast (&spool->cond);
  g_mutex_unlock (&spool->lock);
  close (old);
}

gboolean
gst_wan_spool_use_partial (GstWanSpool * spool, const gchar * path,
    gboolean resume, guint64 * have)
{
  gint fd;
  GStatBuf st;

  *have = spool->available;
  if (spool->tmp_path == NULL || spool->available > 0)
    return FALSE;
  if (g_strcmp0 (spool->tmp_path, path) == 0)
    return TRUE;
  fd = g_open (path, O_RDWR | O_CLOEXEC | O_NONBLOCK, 0);
  /* Another run of the same task is writing it right now. */
  if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) != 0) {
    close (fd);
    return FALSE;
  }
  if (fd >= 0 && resume && fstat (fd, &st) == 0 && S_ISREG (st.st_mode)) {
    /* The last byte is fetched again: a run killed after its last byte
     * but before the rename left the whole video, and a Range request for
     * the nothing after it would be refused (416) instead of completed. */
    *have = st.st_size > 0 ? st.st_size - 1 : 0;
    if (ftruncate (fd, *have) != 0)
      *have = 0;
    if (*have == 0 && ftruncate (fd, 0) != 0) {
      close (fd);
      return FALSE;
    }
    adopt_file (spool, fd, path, *have);
    return TRUE;
  }
  if (fd >= 0)
    close (fd);
  /* Ours replaces whatever an older task left there. */
  if (flock (spool->fd, LOCK_EX | LOCK_NB) != 0
      || !gst_wan_file_rename (spool->tmp_path, path))
    return FALSE;
  g_free (spool->tmp_path);
  spool->tmp_path = g_strdup (path);
  return TRUE;
}

void
gst_wan_spool_keep_partial (GstWanSpool * spool, gboolean keep)
{
  spool->keep_partial = keep;
}

void
gst_wan_spool_set_flushing (GstWanSpool * spool, gboolean flushing)
{
  g_mutex_lock (&spool->lock);
  spool->flushing = flushing;
  g_cond_broadcast (&spool->cond);
  g_mutex_unlock (&spool->lock);
}

/* GstBaseSrc sends EOS itself after the announced size, so the read
 * that ends there also waits for the finish: nothing downstream may end
 * before the video is verified, saved and said so on the bus. */
static gboolean
reaches_announced_end (GstWanSpool * spool, guint64 end)
{
  return spool->expected > 0 && end >= spool->expected;
}

/* Waits until [offset, offset + size) is there or will never be, and
 * returns how much of it can be read. */
static GstFlowReturn
spool_wait (GstWanSpool * spool, guint64 offset, guint size, gsize * want)
{
  guint64 available, end = offset + size;
  gboolean to_the_end;

  g_mutex_lock (&spool->lock);
  while (!spool->flushing && !spool->complete && !spool->aborted
      && (spool->available < end || reaches_announced_end (spool, end)))
    g_cond_wait (&spool->cond, &spool->lock);
  available = spool->available;
  to_the_end = reaches_announced_end (spool, end);
  if (spool->flushing) {
    g_mutex_unlock (&spool->lock);
    return GST_FLOW_FLUSHING;
  }
  if (spool->aborted && !spool->complete && (available < end || to_the_end)) {
    g_mutex_unlock (&spool->lock);
    return GST_FLOW_ERROR;
  }
  g_mutex_unlock (&spool->lock);

  if (offset >= available)
    return GST_FLOW_EOS;
  *want = MIN (size, available - offset);
  return GST_FLOW_OK;
}

static GstFlowReturn
spool_copy (GstWanSpool * spool, guint64 offset, gsize want, GstBuffer * buf)
{
  GstMapInfo map;
  gsize done = 0;

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

static SpoolWindow *
spool_get_window (GstWanSpool * spool, guint64 window_offset)
{
  SpoolWindow *window = spool->window;
  gpointer data;

  if (window && window->offset == window_offset)
    return window;
  /* Mapping past the end of the file is allowed; only bytes already
   * written are ever handed out. */
  data = mmap (NULL, WINDOW_SIZE, PROT_READ, MAP_SHARED, spool->fd,
      window_offset);
  if (data == MAP_FAILED)
    return NULL;
  g_clear_pointer (&spool->window, spool_window_unref);
  window = g_new0 (SpoolWindow, 1);
  window->ref_count = 1;
  window->data = data;
  window->offset = window_offset;
  spool->window = window;
  return window;
}

/* A buffer of memories that wrap the windows covering the range. */
static GstBuffer *
spool_map (GstWanSpool * spool, guint64 offset, gsize want)
{
  GstBuffer *buf = gst_buffer_new ();
  guint64 end = offset + want;

  while (offset < end) {
    guint64 window_offset = offset - offset % WINDOW_SIZE;
    SpoolWindow *window = spool_get_window (spool, window_offset);
    gsize skip = offset - window_offset;
    gsize len = MIN (end - offset, WINDOW_SIZE - skip);

    if (window == NULL) {
      gst_buffer_unref (buf);
      return NULL;
    }
    g_atomic_int_inc (&window->ref_count);
    gst_buffer_append_memory (buf,
        gst_memory_new_wrapped (GST_MEMORY_FLAG_READONLY, window->data,
            WINDOW_SIZE, skip, len, window, spool_window_unref));
    offset += len;
  }
  return buf;
}

GstFlowReturn
gst_wan_spool_read (GstWanSpool * spool, guint64 offset, guint size,
    GstBuffer ** buf)
{
  GstFlowReturn ret;
  gsize want = 0;

  ret = spool_wait (spool, offset, size, &want);
  if (ret != GST_FLOW_OK)
    return ret;
  if (*buf != NULL)
    return spool_copy (spool, offset, want, *buf);
  if (spool->mappable && (*buf = spool_map (spool, offset, want)) != NULL)
    return GST_FLOW_OK;
  /* Without a mapping (address space exhausted), copy. */
  *buf = gst_buffer_new_allocate (NULL, want, NULL);
  ret = spool_copy (spool, offset, want, *buf);
  if (ret != GST_FLOW_OK)
    g_clear_pointer (buf, gst_buffer_unref);
  return ret;
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

gboolean
gst_wan_spool_save_copy (GstWanSpool * spool, const gchar * path,
    GCancellable * cancellable, GError ** error)
{
  gchar *tmp_path = g_strdup_printf ("%s.part-XXXXXX", path);
  gint fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  guint8 *chunk = g_malloc (1024 * 1024);
  guint64 offset = 0;
  gssize n = 0;
  gboolean ok = fd >= 0, cancelled = FALSE;

  /* One chunk at a time, so that stop() need not wait for a large copy. */
  while (ok && !(cancelled = g_cancellable_is_cancelled (cancellable))
      && (n = pread (spool->fd, chunk, 1024 * 1024, offset)) > 0) {
    ok = write_all (fd, chunk, n);
    offset += n;
  }
  if (ok && n == 0 && offset != spool->available)
    errno = EIO;                /* the file is shorter than what was written */
  ok = ok && !cancelled && n == 0 && offset == spool->available
      && fsync (fd) == 0;
  if (fd >= 0)
    close (fd);
  if (ok && !gst_wan_file_rename (tmp_path, path))
    ok = FALSE;
  if (cancelled)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
        "copy of the video to '%s' cancelled", path);
  else if (!ok)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "cannot save a copy of the video as '%s': %s", path,
        g_strerror (errno));
  if (!ok)
    g_unlink (tmp_path);
  g_free (chunk);
  g_free (tmp_path);
  return ok;
}
