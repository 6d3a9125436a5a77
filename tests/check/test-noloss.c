/* gst-wan: never a wrong byte, never paid twice: the journal of paid,
 * undelivered tasks, a crash and the rerun that finishes the same task,
 * the cache copy's failures, and the spool under concurrent queries */

#include <signal.h>
#include "run-util.h"
#include "wan-sim-client.h"

/* Removes @path and, when it is a directory, everything in it. */
static void
remove_tree (const gchar * path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  const gchar *name;

  while (d && (name = g_dir_read_name (d)) != NULL) {
    gchar *child = g_build_filename (path, name, NULL);

    remove_tree (child);
    g_free (child);
  }
  if (d) {
    g_dir_close (d);
    g_rmdir (path);
  } else {
    g_unlink (path);
  }
}

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

static Suite *
noloss_suite (void)
{
  Suite *s = suite_create ("noloss");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_test (tc, test_cache_failure_warned_before_eos);
  return s;
}

GST_CHECK_MAIN (noloss);
