/* gst-wan: never a wrong byte, never paid twice: the journal of paid,
 * undelivered tasks, a crash and the rerun that finishes the same task,
 * the cache copy's failures, and the spool under concurrent queries */

#include <signal.h>
#include "run-util.h"
#include "wan-sim-client.h"

/* The digest the element keys a dashscope request for @prompt (and @seed,
 * -1: none) with, in the cache and in the journal. */
static gchar *
request_digest (const gchar * prompt, gint64 seed)
{
  WanClient *client = wan_sim_client_new (sim, "dashscope",
      WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  gchar *digest;

  wan_request_init (&req);
  req.provider = WAN_PROVIDER_DASHSCOPE;
  req.prompt = g_strdup (prompt);
  req.seed = seed;
  digest = wan_client_request_digest (client, &req, NULL);
  fail_unless (digest != NULL);
  wan_request_clear (&req);
  wan_client_free (client);
  return digest;
}

typedef struct
{
  GMutex lock;
  gchar *warning;               /* the first warning posted */
  gchar *warning_at_eos;        /* the same, if posted before EOS left */
} Heard;

static GstBusSyncReply
note_warning (GstBus * bus, GstMessage * msg, gpointer data)
{
  Heard *heard = data;

  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING) {
    GError *error = NULL;

    gst_message_parse_warning (msg, &error, NULL);
    g_mutex_lock (&heard->lock);
    if (heard->warning == NULL)
      heard->warning = g_strdup (error->message);
    g_mutex_unlock (&heard->lock);
    g_error_free (error);
  }
  return GST_BUS_PASS;
}

static GstPadProbeReturn
note_eos (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  Heard *heard = data;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS) {
    g_mutex_lock (&heard->lock);
    if (heard->warning_at_eos == NULL)
      heard->warning_at_eos = g_strdup (heard->warning);
    g_mutex_unlock (&heard->lock);
  }
  return GST_PAD_PROBE_OK;
}

/* Runs until EOS or error; returns the text of the first warning that was
 * posted before the EOS event left the source, or NULL. */
static gchar *
warning_before_eos (Run * run)
{
  GstBus *bus = gst_element_get_bus (run->pipeline);
  GstPad *pad = gst_element_get_static_pad (run->src, "src");
  Heard heard = { 0, };
  gulong probe;

  g_mutex_init (&heard.lock);
  gst_bus_set_sync_handler (bus, note_warning, &heard, NULL);
  probe = gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
      note_eos, &heard, NULL);
  run_wait (run, GST_STATE_PLAYING);
  fail_if (run->error != NULL, "the run failed");
  gst_element_set_state (run->pipeline, GST_STATE_NULL);
  gst_pad_remove_probe (pad, probe);
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  gst_object_unref (pad);
  gst_object_unref (bus);
  g_free (heard.warning);
  g_mutex_clear (&heard.lock);
  return heard.warning_at_eos;
}

/* --- the cache copy -------------------------------------------------- */

/* The copy into the cache fails at its very end (its name is taken by a
 * directory), after the whole video was copied and synced: the
 * application still hears it before EOS, with the path. */
GST_START_TEST (test_cache_failure_warned_before_eos)
{
  gchar *cache = g_build_filename (tmpdir, "cache", NULL);
  gchar *digest = request_digest ("A cached cat", 7);
  gchar *name = g_strconcat (digest, ".mp4", NULL);
  gchar *entry = g_build_filename (cache, name, NULL);
  gchar *blocker = g_build_filename (entry, "taken", NULL);
  gchar *settings = g_strdup_printf ("prompt=A cached cat|seed=7|"
      "cache-dir=%s", cache);
  gchar *warning;
  Run run;

  fail_unless (g_mkdir_with_parents (entry, 0700) == 0);
  fail_unless (g_file_set_contents (blocker, "x", 1, NULL));
  run_setup (&run, "dashscope", settings, "fakesink");
  warning = warning_before_eos (&run);
  fail_unless (warning != NULL, "no warning before EOS");
  fail_unless (strstr (warning, entry) != NULL, "%s", warning);
  /* The request was made (the directory is no cached video). */
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  run_clear (&run);

  remove_tree (cache);
  g_free (warning);
  g_free (settings);
  g_free (blocker);
  g_free (entry);
  g_free (name);
  g_free (digest);
  g_free (cache);
}

GST_END_TEST;

/* --- the journal: a crash or a stop does not mean paying again ------- */

/* What one request left behind: its journal entry and partial file. */
typedef struct
{
  gchar *journal;               /* the journal directory */
  gchar *location;
  gchar *entry;                 /* the entry's file */
  gchar *partial;               /* the partial video's file */
  gchar *settings;              /* for run_setup() */
} Request;

static void
request_init (Request * r, const gchar * prompt, const gchar * extra)
{
  gchar *digest = request_digest (prompt, -1);
  gchar *name = g_strconcat (digest, ".task", NULL);

  r->journal = g_build_filename (tmpdir, "journal", NULL);
  r->location = g_build_filename (tmpdir, "out.mp4", NULL);
  r->entry = g_build_filename (r->journal, name, NULL);
  r->partial = g_strdup_printf ("%s.part-%.16s", r->location, digest);
  r->settings = g_strdup_printf ("prompt=%s|location=%s|journal-dir=%s%s",
      prompt, r->location, r->journal, extra);
  g_free (name);
  g_free (digest);
}

static void
request_clear (Request * r)
{
  remove_tree (r->journal);
  g_free (r->journal);
  g_free (r->location);
  g_free (r->entry);
  g_free (r->partial);
  g_free (r->settings);
}

static guint64
file_size (const gchar * path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

/* Nothing in tmpdir but the journal directory and, if given, @keep. */
static void
assert_nothing_left (const gchar * keep)
{
  GDir *d = g_dir_open (tmpdir, 0, NULL);
  const gchar *name;

  while ((name = g_dir_read_name (d)) != NULL)
    fail_unless (g_str_equal (name, "journal")
        || g_strcmp0 (name, keep) == 0, "'%s' was left in %s", name, tmpdir);
  g_dir_close (d);
}

static guint
count_entries (const gchar * journal)
{
  GDir *d = g_dir_open (journal, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d) != NULL)
    n++;
  if (d)
    g_dir_close (d);
  return n;
}

/* Bytes in the partial files of @location, whatever their name. */
static guint64
partial_bytes (const gchar * location)
{
  gchar *base = g_path_get_basename (location);
  gchar *prefix = g_strconcat (base, ".part", NULL);
  GDir *d = g_dir_open (tmpdir, 0, NULL);
  const gchar *name;
  guint64 bytes = 0;

  while ((name = g_dir_read_name (d)) != NULL) {
    gchar *path = g_build_filename (tmpdir, name, NULL);

    if (g_str_has_prefix (name, prefix))
      bytes += file_size (path);
    g_free (path);
  }
  g_dir_close (d);
  g_free (prefix);
  g_free (base);
  return bytes;
}

/* Plays @run until the download has written some bytes (it stalls
 * halfway, so it stays there); fails on an error or EOS. */
static void
wait_for_bytes (Run * run, const gchar * location)
{
  GstBus *bus = gst_element_get_bus (run->pipeline);

  gst_element_set_state (run->pipeline, GST_STATE_PLAYING);
  while (partial_bytes (location) == 0) {
    GstMessage *msg = gst_bus_timed_pop_filtered (bus, 10 * GST_MSECOND,
        GST_MESSAGE_ERROR | GST_MESSAGE_EOS);

    fail_if (msg != NULL, "the run ended before the download wrote");
  }
  gst_object_unref (bus);
}

/* The second run of the same request pays nothing, asks only for the
 * bytes from the last one of the @have it had (that one is fetched again:
 * a Range for nothing would be refused), and saves exactly the served
 * video. */
static void
assert_continued (Request * r, guint creates, guint downloads, guint64 have)
{
  gchar *range = wan_sim_last_header (sim, "download", "Range");
  gchar *want = g_strdup_printf ("bytes=%" G_GUINT64_FORMAT "-", have - 1);
  gchar *id = wan_sim_last_task_id (sim);
  gchar *served = wan_sim_get_video_path (sim, id);

  fail_unless_equals_int (wan_sim_count (sim, "create"), creates);
  fail_unless_equals_int (wan_sim_count (sim, "download"), downloads + 1);
  fail_unless_equals_string (range, want);
  assert_same_file (r->location, served);
  /* Delivered: no entry, no partial file. */
  fail_unless_equals_int (count_entries (r->journal), 0);
  assert_nothing_left ("out.mp4");
  g_free (served);
  g_free (id);
  g_free (want);
  g_free (range);
}

GST_START_TEST (test_stopped_download_continued)
{
  Request r;
  Run run;
  guint creates, downloads;
  guint64 have;
  gchar *task_id = NULL, *resumed = NULL;

  request_init (&r, "A paid video", "");
  wan_sim_inject (sim, "download", WAN_SIM_STALL, 1);
  run_setup (&run, "dashscope", r.settings, "fakesink");
  wait_for_bytes (&run, r.location);
  g_object_get (run.src, "task-id", &task_id, NULL);
  run_clear (&run);

  /* Stopped mid-download: the task and its bytes are kept for later. */
  have = file_size (r.partial);
  fail_unless (have > 0, "no partial file '%s'", r.partial);
  fail_unless (g_file_test (r.entry, G_FILE_TEST_IS_REGULAR));
  fail_if (g_file_test (r.location, G_FILE_TEST_EXISTS));
  creates = wan_sim_count (sim, "create");
  downloads = wan_sim_count (sim, "download");
  fail_unless_equals_int (creates, 1);

  /* The same request again resumes the same task where it stopped. */
  run_full (&run, "dashscope", r.settings, "qtdemux ! fakesink");
  fail_if (run.error != NULL);
  fail_unless (g_hash_table_contains (run.progress_codes, "generate"));
  fail_if (g_hash_table_contains (run.progress_codes, "submit"));
  g_object_get (run.src, "task-id", &resumed, NULL);
  fail_unless_equals_string (resumed, task_id);
  run_clear (&run);
  assert_continued (&r, creates, downloads, have);

  g_free (resumed);
  g_free (task_id);
  request_clear (&r);
}

GST_END_TEST;

/* Killed after the last byte, before the rename: the partial file holds
 * the whole video.  The rerun asks for its last byte only, never for the
 * empty range after it (which a server refuses with 416). */
GST_START_TEST (test_complete_partial_finished)
{
  Request r;
  Run run;
  guint creates, downloads;
  gchar *id, *served, *contents;
  gsize len;

  request_init (&r, "A paid video", "");
  wan_sim_inject (sim, "download", WAN_SIM_STALL, 1);
  run_setup (&run, "dashscope", r.settings, "fakesink");
  wait_for_bytes (&run, r.location);
  run_clear (&run);
  id = wan_sim_last_task_id (sim);
  served = wan_sim_get_video_path (sim, id);
  fail_unless (g_file_get_contents (served, &contents, &len, NULL));
  fail_unless (g_file_set_contents (r.partial, contents, len, NULL));
  creates = wan_sim_count (sim, "create");
  downloads = wan_sim_count (sim, "download");

  run_full (&run, "dashscope", r.settings, "qtdemux ! fakesink");
  fail_if (run.error != NULL);
  run_clear (&run);
  assert_continued (&r, creates, downloads, len);

  g_free (contents);
  g_free (served);
  g_free (id);
  request_clear (&r);
}

GST_END_TEST;

GST_START_TEST (test_killed_then_same_command)
{
  Request r;
  GSubprocess *proc;
  guint creates, downloads;
  guint64 have;

  request_init (&r, "A paid video", "");
  wan_sim_inject (sim, "download", WAN_SIM_STALL, 1);
  proc = run_util_spawn_paid_launch (r.location, r.journal, NULL);
  /* The download stalls halfway: the kill lands mid-file. */
  while (partial_bytes (r.location) == 0)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  g_subprocess_send_signal (proc, SIGKILL);
  fail_unless (g_subprocess_wait (proc, NULL, NULL));
  fail_if (g_subprocess_get_if_exited (proc), "it was not killed");
  g_object_unref (proc);
  /* The bytes are under a name the same command finds again. */
  have = file_size (r.partial);
  fail_unless (have > 0, "no partial file '%s'", r.partial);
  creates = wan_sim_count (sim, "create");
  downloads = wan_sim_count (sim, "download");
  fail_unless_equals_int (creates, 1);

  proc = run_util_spawn_paid_launch (r.location, r.journal, NULL);
  fail_unless (g_subprocess_wait_check (proc, NULL, NULL), "the rerun failed");
  g_object_unref (proc);
  assert_continued (&r, creates, downloads, have);
  request_clear (&r);
}

GST_END_TEST;

/* Stopped mid-download, then the same request again with @fault on its
 * first status request (the task cannot be resumed), saved to @location
 * (NULL: the same file): it is submitted anew, and the new task's video
 * is saved whole, not continued from the old task's bytes. */
static void
check_stale_task_replaced (guint fault, const gchar * location)
{
  Request r;
  Run run;
  gchar *settings, *saved, *id, *served;

  request_init (&r, "A paid video", "");
  wan_sim_inject (sim, "download", WAN_SIM_STALL, 1);
  run_setup (&run, "dashscope", r.settings, "fakesink");
  wait_for_bytes (&run, r.location);
  run_clear (&run);
  fail_unless (file_size (r.partial) > 0, "no partial file '%s'", r.partial);

  saved = location ? g_build_filename (tmpdir, location, NULL) :
      g_strdup (r.location);
  settings = g_strdup_printf ("%s|location=%s", r.settings, saved);
  wan_sim_inject (sim, "status", fault, 1);
  run_full (&run, "dashscope", settings, "qtdemux ! fakesink");
  fail_if (run.error != NULL, "the run failed");
  run_clear (&run);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 2);
  id = wan_sim_last_task_id (sim);
  served = wan_sim_get_video_path (sim, id);
  assert_same_file (saved, served);
  fail_unless_equals_int (count_entries (r.journal), 0);
  assert_nothing_left (location ? location : "out.mp4");
  g_free (served);
  g_free (id);
  g_free (settings);
  g_free (saved);
  request_clear (&r);
}

/* The provider forgot the task; this run saves to another file than the
 * stopped one (whose bytes it had taken over under its own name). */
GST_START_TEST (test_forgotten_task_submitted_anew)
{
  check_stale_task_replaced (404, "other.mp4");
}

GST_END_TEST;

/* The key changed since the task was paid for: the provider refuses it
 * this task.  Not an error for 24 hours: the request is made anew. */
GST_START_TEST (test_refused_task_submitted_anew)
{
  check_stale_task_replaced (403, NULL);
}

GST_END_TEST;

/* Delivered: nothing left behind, and the same unseeded request makes a
 * new video next time, as it always did. */
GST_START_TEST (test_delivered_leaves_no_entry)
{
  Request r;
  Run run;

  request_init (&r, "A new video", "");
  run_full (&run, "dashscope", r.settings, "fakesink");
  fail_if (run.error != NULL);
  run_clear (&run);
  fail_unless_equals_int (count_entries (r.journal), 0);
  assert_nothing_left ("out.mp4");

  run_full (&run, "dashscope", r.settings, "fakesink");
  fail_if (run.error != NULL);
  run_clear (&run);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 2);
  fail_unless_equals_int (count_entries (r.journal), 0);
  request_clear (&r);
}

GST_END_TEST;

/* journal=false: the old behaviour, a stopped request is paid again. */
GST_START_TEST (test_journal_off)
{
  Request r;
  Run run;
  gchar *range;

  request_init (&r, "A paid video", "|journal=false");
  wan_sim_inject (sim, "download", WAN_SIM_STALL, 1);
  run_setup (&run, "dashscope", r.settings, "fakesink");
  gst_element_set_state (run.pipeline, GST_STATE_PLAYING);
  while (wan_sim_count (sim, "download") == 0)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  run_clear (&run);
  fail_unless_equals_int (count_entries (r.journal), 0);
  assert_nothing_left (NULL);

  run_full (&run, "dashscope", r.settings, "fakesink");
  fail_if (run.error != NULL);
  run_clear (&run);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 2);
  range = wan_sim_last_header (sim, "download", "Range");
  fail_unless (range == NULL, "%s", range);
  request_clear (&r);
}

GST_END_TEST;

/* A task that failed at the provider, or that cancel-on-stop cancelled,
 * cannot be delivered: no entry stays, the next run pays for a new one. */
GST_START_TEST (test_failed_or_cancelled_leaves_no_entry)
{
  Request r;
  Run run;
  GstBus *bus;
  GstMessage *msg;
  guint statuses;
  gchar *task_id = NULL, *path;

  request_init (&r, "[fail] A video", "");
  run_full (&run, "dashscope", r.settings, "fakesink");
  fail_unless (run.error != NULL);
  run_clear (&run);
  fail_unless_equals_int (count_entries (r.journal), 0);
  assert_nothing_left (NULL);
  request_clear (&r);

  request_init (&r, "A cancelled video", "|cancel-on-stop=true");
  wan_sim_set_task_ms (sim, 30000);     /* queued for its first 6 s */
  statuses = wan_sim_count (sim, "status");
  run_setup (&run, "dashscope", r.settings, "fakesink");
  gst_element_set_state (run.pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (run.pipeline);
  /* The entry is there as soon as the task is, before its first poll. */
  while (wan_sim_count (sim, "status") == statuses) {
    msg = gst_bus_timed_pop_filtered (bus, 10 * GST_MSECOND, GST_MESSAGE_ERROR);
    fail_if (msg != NULL, "unexpected error");
  }
  fail_unless_equals_int (count_entries (r.journal), 1);
  g_object_get (run.src, "task-id", &task_id, NULL);
  gst_object_unref (bus);
  run_clear (&run);
  fail_unless_equals_int (wan_sim_count (sim, "cancel"), 1);
  fail_unless_equals_int (count_entries (r.journal), 0);
  /* The simulator renders even a cancelled task's video: the test ends
   * only once that is done. */
  while ((path = wan_sim_get_video_path (sim, task_id)) == NULL)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  g_free (path);
  g_free (task_id);
  request_clear (&r);
}

GST_END_TEST;

/* A torn or hand-edited entry is ignored: the request is made anew. */
GST_START_TEST (test_corrupt_entry_ignored)
{
  Request r;
  Run run;

  request_init (&r, "A video", "");
  fail_unless (g_mkdir_with_parents (r.journal, 0700) == 0);
  fail_unless (g_file_set_contents (r.entry, "[task]\ntask-id=", -1, NULL));
  run_full (&run, "dashscope", r.settings, "fakesink");
  fail_if (run.error != NULL);
  run_clear (&run);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  fail_unless_equals_int (count_entries (r.journal), 0);
  request_clear (&r);
}

GST_END_TEST;

/* --- the spool under queries from other threads --------------------- */

typedef struct
{
  GstElement *src;
  gint stop;
  gint answered;
} Querier;

/* What an application's UI thread does: ask for the size, all the time. */
static gpointer
query_until_stopped (gpointer data)
{
  Querier *q = data;
  gint64 size;

  while (!g_atomic_int_get (&q->stop)) {
    if (gst_element_query_duration (q->src, GST_FORMAT_BYTES, &size))
      g_atomic_int_inc (&q->answered);
  }
  return NULL;
}

/* Queries come from any thread, also while stop() drops the spool; they
 * must never see it freed (run under AddressSanitizer to see the
 * difference: a use after free there is silent without it). */
GST_START_TEST (test_queries_while_stopping)
{
  Querier q = { NULL, 0, 0 };
  GThread *thread, *thread2;
  Run run;
  guint i;

  run_setup (&run, "dashscope", "prompt=[never] x", "fakesink");
  q.src = run.src;
  thread = g_thread_new ("querier", query_until_stopped, &q);
  thread2 = g_thread_new ("querier", query_until_stopped, &q);
  for (i = 0; i < 200; i++) {
    fail_unless (gst_element_set_state (run.pipeline, GST_STATE_PAUSED)
        != GST_STATE_CHANGE_FAILURE);
    fail_unless_equals_int (gst_element_set_state (run.pipeline,
            GST_STATE_READY), GST_STATE_CHANGE_SUCCESS);
  }
  g_atomic_int_set (&q.stop, 1);
  g_thread_join (thread);
  g_thread_join (thread2);
  GST_INFO ("%d size queries answered", q.answered);
  run_clear (&run);
}

GST_END_TEST;

static Suite *
noloss_suite (void)
{
  Suite *s = suite_create ("noloss");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_test (tc, test_cache_failure_warned_before_eos);
  tcase_add_test (tc, test_stopped_download_continued);
  tcase_add_test (tc, test_killed_then_same_command);
  tcase_add_test (tc, test_complete_partial_finished);
  tcase_add_test (tc, test_delivered_leaves_no_entry);
  tcase_add_test (tc, test_journal_off);
  tcase_add_test (tc, test_forgotten_task_submitted_anew);
  tcase_add_test (tc, test_refused_task_submitted_anew);
  tcase_add_test (tc, test_failed_or_cancelled_leaves_no_entry);
  tcase_add_test (tc, test_corrupt_entry_ignored);
  tcase_add_test (tc, test_queries_while_stopping);
  return s;
}

GST_CHECK_MAIN (noloss);
