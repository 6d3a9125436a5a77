/* The spool on its own: the file a download fills while readers wait. */

#include <gst/check/gstcheck.h>
#include <glib/gstdio.h>
#include "gstwanspool.h"

#define MIB (1024 * 1024)

static guint8 *
pattern (gsize size)
{
  guint8 *data = g_malloc (size);
  gsize i;

  for (i = 0; i < size; i++)
    data[i] = (guint8) (i * 7 + (i >> 11));
  return data;
}

static void
append_all (GstWanSpool * spool, const guint8 * data, gsize size)
{
  GError *error = NULL;
  gsize done;

  /* In odd-sized pieces, as a download gives them. */
  for (done = 0; done < size; done += MIN (size - done, 100003))
    fail_unless (gst_wan_spool_append (spool, data + done, MIN (size - done,
                100003), &error));
}

static void
assert_read (GstWanSpool * spool, guint64 offset, guint size,
    const guint8 * expected, gboolean mapped)
{
  GstBuffer *buf = NULL;
  GstMapInfo map;
  guint i;

  fail_unless_equals_int (gst_wan_spool_read (spool, offset, size, &buf),
      GST_FLOW_OK);
  fail_unless_equals_int (gst_buffer_get_size (buf), size);
  /* Mapped memory is the file's own pages, read-only; copies are not. */
  for (i = 0; i < gst_buffer_n_memory (buf); i++)
    fail_unless_equals_int (GST_MEMORY_IS_READONLY (gst_buffer_peek_memory
            (buf, i)), mapped);
  gst_buffer_map (buf, &map, GST_MAP_READ);
  fail_unless (memcmp (map.data, expected + offset, size) == 0);
  gst_buffer_unmap (buf, &map);
  gst_buffer_unref (buf);
}

GST_START_TEST (test_anonymous_reads_map_the_file)
{
  gsize size = 5 * MIB + 12345;
  guint8 *data = pattern (size);
  GstWanSpool *spool = gst_wan_spool_new (NULL, NULL);
  GstBuffer *buf = NULL, *kept = NULL;
  GstMapInfo map;

  append_all (spool, data, size);
  fail_unless (gst_wan_spool_commit (spool, size, NULL));
  gst_wan_spool_finish (spool);
  assert_read (spool, 0, 4096, data, TRUE);
  /* Across a window boundary (every 2 MiB), and the very end. */
  assert_read (spool, 2 * MIB - 100, 1000, data, TRUE);
  assert_read (spool, 1 * MIB, 3 * MIB, data, TRUE);
  assert_read (spool, size - 10, 10, data, TRUE);
  /* Past the end: a short last read, then EOS. */
  fail_unless_equals_int (gst_wan_spool_read (spool, size - 5, 4096, &buf),
      GST_FLOW_OK);
  fail_unless_equals_int (gst_buffer_get_size (buf), 5);
  gst_buffer_unref (buf);
  buf = NULL;
  fail_unless_equals_int (gst_wan_spool_read (spool, size, 4096, &buf),
      GST_FLOW_EOS);
  fail_unless (buf == NULL);

  /* A buffer outlives the spool: its mapping holds the pages. */
  fail_unless_equals_int (gst_wan_spool_read (spool, 4 * MIB, 1000, &kept),
      GST_FLOW_OK);
  gst_wan_spool_free (spool);
  gst_buffer_map (kept, &map, GST_MAP_READ);
  fail_unless (memcmp (map.data, data + 4 * MIB, 1000) == 0);
  gst_buffer_unmap (kept, &map);
  gst_buffer_unref (kept);
  g_free (data);
}

GST_END_TEST;

GST_START_TEST (test_saved_file_is_copied_not_mapped)
{
  gchar *dir = g_dir_make_tmp ("wan-spool-XXXXXX", NULL);
  gchar *location = g_build_filename (dir, "out.mp4", NULL);
  gsize size = 3 * MIB;
  guint8 *data = pattern (size);
  GstWanSpool *spool = gst_wan_spool_new (location, NULL);
  GstBuffer *given = gst_buffer_new_allocate (NULL, 1000, NULL);
  GstMapInfo map;

  append_all (spool, data, size);
  fail_unless (gst_wan_spool_commit (spool, size, NULL));
  gst_wan_spool_finish (spool);
  fail_unless (g_file_test (location, G_FILE_TEST_IS_REGULAR));
  /* The user's file may be truncated under us: never map it. */
  assert_read (spool, 2 * MIB - 10, 20, data, FALSE);
  /* A buffer the caller gives is filled in place. */
  fail_unless_equals_int (gst_wan_spool_read (spool, 77, 1000, &given),
      GST_FLOW_OK);
  gst_buffer_map (given, &map, GST_MAP_READ);
  fail_unless (memcmp (map.data, data + 77, 1000) == 0);
  gst_buffer_unmap (given, &map);
  gst_buffer_unref (given);
  gst_wan_spool_free (spool);
  g_unlink (location);
  g_rmdir (dir);
  g_free (location);
  g_free (dir);
  g_free (data);
}

GST_END_TEST;

typedef struct
{
  GstWanSpool *spool;
  guint64 offset;
  guint size;
  GstFlowReturn ret;
  GstBuffer *buf;
} Reader;

static gpointer
read_thread (gpointer data)
{
  Reader *r = data;

  r->ret = gst_wan_spool_read (r->spool, r->offset, r->size, &r->buf);
  return NULL;
}

/* An abort wakes a reader waiting for @r's range, with an error. */
static void
assert_abort_fails_reader (Reader * r)
{
  GThread *thread;

  r->buf = NULL;
  r->ret = GST_FLOW_CUSTOM_ERROR;
  thread = g_thread_new ("reader", read_thread, r);
  gst_wan_spool_abort (r->spool);
  g_thread_join (thread);
  fail_unless_equals_int (r->ret, GST_FLOW_ERROR);
  fail_unless (r->buf == NULL);
}

GST_START_TEST (test_reads_wait_for_their_bytes)
{
  guint8 *data = pattern (MIB);
  GstWanSpool *spool = gst_wan_spool_new (NULL, NULL);
  Reader r = { spool, 1000, 2000, GST_FLOW_CUSTOM_ERROR, NULL };
  GThread *thread;

  append_all (spool, data, 1500);
  thread = g_thread_new ("reader", read_thread, &r);
  /* The reader cannot finish before the rest of its range arrives. */
  g_usleep (100 * 1000);
  fail_unless_equals_int (r.ret, GST_FLOW_CUSTOM_ERROR);
  fail_unless (gst_wan_spool_append (spool, data + 1500, 2000, NULL));
  g_thread_join (thread);
  fail_unless_equals_int (r.ret, GST_FLOW_OK);
  fail_unless_equals_int (gst_buffer_get_size (r.buf), 2000);
  gst_buffer_unref (r.buf);

  /* Flushing wakes a waiting reader at once... */
  r.offset = 100000;
  r.buf = NULL;
  r.ret = GST_FLOW_CUSTOM_ERROR;
  thread = g_thread_new ("reader", read_thread, &r);
  gst_wan_spool_set_flushing (spool, TRUE);
  g_thread_join (thread);
  fail_unless_equals_int (r.ret, GST_FLOW_FLUSHING);
  gst_wan_spool_set_flushing (spool, FALSE);
  /* ...and so does an abort, with an error for bytes that never came. */
  assert_abort_fails_reader (&r);
  gst_wan_spool_free (spool);
  g_free (data);
}

GST_END_TEST;

GST_START_TEST (test_end_waits_for_the_commit)
{
  gsize size = 100000;
  guint8 *data = pattern (size);
  GstWanSpool *spool = gst_wan_spool_new (NULL, NULL);
  Reader r = { spool, size - 1000, 1000, GST_FLOW_CUSTOM_ERROR, NULL };
  Reader middle = { spool, 0, 1000, GST_FLOW_CUSTOM_ERROR, NULL };
  GThread *thread;

  /* GstBaseSrc posts EOS by itself after the announced size, so the
   * last bytes must wait until the owner has verified the video. */
  gst_wan_spool_expect_size (spool, size);
  append_all (spool, data, size);
  fail_unless (gst_wan_spool_commit (spool, size, NULL));
  read_thread (&middle);
  fail_unless_equals_int (middle.ret, GST_FLOW_OK);
  gst_buffer_unref (middle.buf);
  thread = g_thread_new ("reader", read_thread, &r);
  g_usleep (100 * 1000);
  fail_unless_equals_int (r.ret, GST_FLOW_CUSTOM_ERROR);
  gst_wan_spool_finish (spool);
  g_thread_join (thread);
  fail_unless_equals_int (r.ret, GST_FLOW_OK);
  fail_unless_equals_int (gst_buffer_get_size (r.buf), 1000);
  gst_buffer_unref (r.buf);

  /* A video that fails its check ends in an error, not in EOS. */
  gst_wan_spool_free (spool);
  spool = gst_wan_spool_new (NULL, NULL);
  r.spool = spool;
  gst_wan_spool_expect_size (spool, size);
  append_all (spool, data, size);
  assert_abort_fails_reader (&r);
  gst_wan_spool_free (spool);
  g_free (data);
}

GST_END_TEST;

GST_START_TEST (test_no_room_fails_before_the_download)
{
  GstWanSpool *spool = gst_wan_spool_new (NULL, NULL);
  guint64 size = G_GUINT64_CONSTANT (1) << 60;  /* an exabyte */
  GError *error = NULL;
  guint64 known;

  gst_wan_spool_expect_size (spool, size);
  fail_unless (gst_wan_spool_get_size (spool, &known));
  fail_unless_equals_uint64 (known, size);
  fail_if (gst_wan_spool_append (spool, (const guint8 *) "x", 1, &error));
  fail_unless (strstr (error->message, "no room on disk") != NULL,
      "%s", error->message);
  g_error_free (error);
  gst_wan_spool_free (spool);
}

GST_END_TEST;

/* A cache copy that stop() cancels leaves no file behind, not even a
 * temporary one, and says it was cancelled. */
GST_START_TEST (test_cancelled_copy_leaves_nothing)
{
  gsize size = 3 * MIB;
  guint8 *data = pattern (size);
  GstWanSpool *spool = gst_wan_spool_new (NULL, NULL);
  gchar *dir = g_dir_make_tmp ("wan-spool-XXXXXX", NULL);
  gchar *path = g_build_filename (dir, "copy.mp4", NULL);
  GCancellable *cancellable = g_cancellable_new ();
  GError *error = NULL;
  GDir *d;

  append_all (spool, data, size);
  fail_unless (gst_wan_spool_commit (spool, size, NULL));
  g_cancellable_cancel (cancellable);
  fail_if (gst_wan_spool_save_copy (spool, path, cancellable, &error));
  fail_unless (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  d = g_dir_open (dir, 0, NULL);
  fail_unless (g_dir_read_name (d) == NULL, "the cancelled copy left a file");
  g_dir_close (d);

  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  fail_unless (gst_wan_spool_save_copy (spool, path, cancellable, &error));
  fail_unless_equals_uint64 (g_file_test (path, G_FILE_TEST_IS_REGULAR), 1);
  g_unlink (path);
  g_rmdir (dir);
  gst_wan_spool_free (spool);
  g_object_unref (cancellable);
  g_free (path);
  g_free (dir);
  g_free (data);
}

GST_END_TEST;

/* A partial file left by one spool is continued by the next, never by
 * two at once, and the finished file holds every byte once. */
GST_START_TEST (test_partial_file_continued)
{
  gsize size = 3 * MIB + 777, kept = MIB + 5;
  guint8 *data = pattern (size);
  gchar *dir = g_dir_make_tmp ("wan-spool-XXXXXX", NULL);
  gchar *location = g_build_filename (dir, "v.mp4", NULL);
  gchar *partial = g_build_filename (dir, "v.mp4.part-0123", NULL);
  GstWanSpool *spool, *other;
  guint64 have = 1;
  gchar *contents;
  gsize len;

  /* A first run stops after @kept bytes and keeps them. */
  spool = gst_wan_spool_new (location, NULL);
  fail_unless (gst_wan_spool_use_partial (spool, partial, FALSE, &have));
  fail_unless_equals_uint64 (have, 0);
  append_all (spool, data, kept);
  gst_wan_spool_keep_partial (spool, TRUE);
  gst_wan_spool_free (spool);

  /* The next continues them; a third, meanwhile, may not touch them. */
  spool = gst_wan_spool_new (location, NULL);
  fail_unless (gst_wan_spool_use_partial (spool, partial, TRUE, &have));
  /* All but the last byte, fetched again so the rest is never empty. */
  fail_unless_equals_uint64 (have, kept - 1);
  other = gst_wan_spool_new (location, NULL);
  fail_if (gst_wan_spool_use_partial (other, partial, TRUE, &have));
  gst_wan_spool_free (other);
  append_all (spool, data + kept - 1, size - kept + 1);
  fail_unless (gst_wan_spool_commit (spool, size, NULL));
  gst_wan_spool_free (spool);

  fail_unless (g_file_get_contents (location, &contents, &len, NULL));
  fail_unless_equals_uint64 (len, size);
  fail_unless (memcmp (contents, data, size) == 0);
  fail_if (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_unlink (location);
  fail_unless (g_rmdir (dir) == 0, "a file was left in %s", dir);
  g_free (contents);
  g_free (partial);
  g_free (location);
  g_free (dir);
  g_free (data);
}

GST_END_TEST;

static Suite *
spool_suite (void)
{
  Suite *s = suite_create ("wanspool");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_anonymous_reads_map_the_file);
  tcase_add_test (tc, test_saved_file_is_copied_not_mapped);
  tcase_add_test (tc, test_reads_wait_for_their_bytes);
  tcase_add_test (tc, test_end_waits_for_the_commit);
  tcase_add_test (tc, test_no_room_fails_before_the_download);
  tcase_add_test (tc, test_cancelled_copy_leaves_nothing);
  tcase_add_test (tc, test_partial_file_continued);
  return s;
}

GST_CHECK_MAIN (spool);
