/* wan-generate, the command-line tool, run as a user runs it against the
 * in-process simulator: one video to a file and to a pipe, --dry-run, and
 * batches (concurrency, 429, kill -9 and rerun, a bad line). */

#include <gst/check/gstcheck.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include "run-util.h"

/* The key, and a cache and journal of the test's own, for the tool. */
static gchar **
tool_environ (void)
{
  gchar **envp = g_get_environ ();
  gchar *state = g_build_filename (tmpdir, "xdg-state", NULL);
  gchar *cache = g_build_filename (tmpdir, "xdg-cache", NULL);

  envp = g_environ_setenv (envp, "WAN_API_KEY", WAN_SIM_DEFAULT_KEY, TRUE);
  envp = g_environ_setenv (envp, "XDG_STATE_HOME", state, TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache, TRUE);
  g_free (state);
  g_free (cache);
  return envp;
}

/* argv: the tool, --base-url of the dashscope simulator, quick polls,
 * then @args (NULL-terminated). */
static gchar **
tool_argv (const gchar * first, ...)
{
  GPtrArray *argv = g_ptr_array_new ();
  const gchar *arg;
  va_list args;

  g_ptr_array_add (argv, g_strdup (WAN_GENERATE_TOOL));
  g_ptr_array_add (argv, g_strconcat ("--base-url=",
          wan_sim_get_base_url (sim, "dashscope"), NULL));
  g_ptr_array_add (argv, g_strdup ("--poll-interval=100"));
  va_start (args, first);
  for (arg = first; arg; arg = va_arg (args, const gchar *))
      g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return (gchar **) g_ptr_array_free (argv, FALSE);
}

static Ran
run_tool (gchar ** argv)
{
  gchar **envp = tool_environ ();
  Ran ran = run_util_run (envp, (const gchar * const *) argv);

  g_strfreev (envp);
  g_strfreev (argv);
  return ran;
}

static gchar *
in_tmpdir (const gchar * name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* A manifest of @n lines "clip I" into out/I.mp4, with @extra members
 * (a JSON fragment, or NULL) on line @extra_line. */
static void
write_manifest (const gchar * name, guint n, guint extra_line,
    const gchar * extra)
{
  GString *text = g_string_new (NULL);
  gchar *path = in_tmpdir (name);
  guint i;

  for (i = 1; i <= n; i++)
    g_string_append_printf (text, "{\"prompt\": \"clip %u\", \"output\": "
        "\"out/%u.mp4\"%s%s}\n", i, i, i == extra_line ? ", " : "",
        i == extra_line ? extra : "");
  fail_unless (g_file_set_contents (path, text->str, -1, NULL));
  g_string_free (text, TRUE);
  g_free (path);
}

/* Every line of the --report file is done, and its output is the very
 * file the simulator served for its task. */
static void
assert_report_all_served (const gchar * name, guint n)
{
  JsonParser *parser = json_parser_new ();
  gchar *path = in_tmpdir (name);
  JsonArray *lines;
  guint i;

  fail_unless (json_parser_load_from_file (parser, path, NULL), "%s", path);
  lines = json_object_get_array_member (json_node_get_object
      (json_parser_get_root (parser)), "lines");
  fail_unless_equals_int (json_array_get_length (lines), n);
  for (i = 0; i < n; i++) {
    JsonObject *line = json_array_get_object_element (lines, i);
    const gchar *task = json_object_get_string_member (line, "task-id");
    gchar *served = wan_sim_get_video_path (sim, task);

    fail_unless_equals_string (json_object_get_string_member (line,
            "status"), "done");
    assert_same_file (json_object_get_string_member (line, "output"), served);
    g_free (served);
  }
  g_object_unref (parser);
  g_free (path);
}

GST_START_TEST (test_help_lists_every_property)
{
  gchar **argv = g_new0 (gchar *, 3);
  GstElement *src = gst_element_factory_make ("wanvideosrc", NULL);
  GParamSpec **pspecs;
  guint n, i, listed = 0;
  Ran ran;

  argv[0] = g_strdup (WAN_GENERATE_TOOL);
  argv[1] = g_strdup ("--help");
  ran = run_tool (argv);
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  /* Each of the element's own properties, in gst-inspect's words (the
   * tool's -o stands for location). */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (src), &n);
  for (i = 0; i < n; i++) {
    gchar *option = g_strconcat ("--", pspecs[i]->name, "=", NULL);

    if (pspecs[i]->owner_type == G_OBJECT_TYPE (src)
        && !g_str_equal (pspecs[i]->name, "location")) {
      fail_unless (strstr (ran.out, option) != NULL, "no %s in\n%s", option,
          ran.out);
      fail_unless (strstr (ran.out, g_param_spec_get_blurb (pspecs[i])) !=
          NULL, "%s", g_param_spec_get_blurb (pspecs[i]));
      listed++;
    }
    g_free (option);
  }
  fail_unless (listed > 20);
  g_free (pspecs);
  gst_object_unref (src);
  ran_clear (&ran);
}

GST_END_TEST;

GST_START_TEST (test_one_video_to_file)
{
  Ran ran = run_tool (tool_argv ("-o", "kite.mp4", "A red kite", NULL));
  gchar *saved = in_tmpdir ("kite.mp4");
  gchar *task = wan_sim_last_task_id (sim);
  gchar *served = wan_sim_get_video_path (sim, task);

  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless (strstr (ran.err, task) != NULL, "%s", ran.err);
  fail_unless_equals_string (ran.out, "kite.mp4\n");
  assert_same_file (saved, served);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 1);
  ran_clear (&ran);

  /* The provider's refusal of the key: status 3, its words. */
  ran = run_tool (tool_argv ("--api-key=wrong", "-o", "k2.mp4", "A kite",
          NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 3);
  fail_unless (strstr (ran.err, "Error: dashscope:") != NULL, "%s", ran.err);
  ran_clear (&ran);

  g_free (served);
  g_free (task);
  g_free (saved);
}

GST_END_TEST;

/* A provider that says how long it expects (evolink): the progress line
 * shows it next to the time elapsed. */
GST_START_TEST (test_progress_shows_the_expected_time)
{
  gchar *base_url = g_strconcat ("--base-url=",
      wan_sim_get_base_url (sim, "evolink"), NULL);
  Ran ran = run_tool (tool_argv ("--provider=evolink", base_url, "-o",
          "kite.mp4", "A red kite", NULL));

  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless (strstr (ran.err, "(the provider expects 0:0") != NULL, "%s",
      ran.err);
  ran_clear (&ran);
  g_free (base_url);
}

GST_END_TEST;

static GstPadProbeReturn
count_video (GstPad * pad, GstPadProbeInfo * info, gpointer counter)
{
  return count_buffer (pad, info, counter);
}

/* Demuxes @stream, counting video samples; FALSE on an error. */
static gboolean
demux_from_stream (GInputStream * stream, gint * samples)
{
  GstElement *pipeline = gst_parse_launch ("giostreamsrc name=in ! "
      "qtdemux name=d d.video_0 ! fakesink name=out sync=false", NULL);
  GstElement *in = gst_bin_get_by_name (GST_BIN (pipeline), "in");
  GstElement *out = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  GstPad *pad = gst_element_get_static_pad (out, "sink");
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg;
  gboolean ok;

  g_object_set (in, "stream", stream, NULL);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_video, samples,
      NULL);
  fail_if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  ok = GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS;
  if (!ok) {
    GError *error;

    gst_message_parse_error (msg, &error, NULL);
    say ("reading the pipe: %s", error->message);
    g_error_free (error);
  }
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (pad);
  gst_object_unref (out);
  gst_object_unref (in);
  gst_object_unref (pipeline);
  return ok;
}

/* Whether the top-level box "moov" comes before any "mdat": what a
 * reader that cannot seek (ffmpeg -i -) needs to start. */
static gboolean
moov_first (GBytes * bytes)
{
  gsize size, offset = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  while (offset + 8 <= size) {
    guint64 box = GST_READ_UINT32_BE (data + offset);

    if (memcmp (data + offset + 4, "moov", 4) == 0)
      return TRUE;
    if (memcmp (data + offset + 4, "mdat", 4) == 0)
      return FALSE;
    if (box == 1 && offset + 16 <= size)
      box = GST_READ_UINT64_BE (data + offset + 8);
    if (box < 8)
      return FALSE;
    offset += box;
  }
  return FALSE;
}

GST_START_TEST (test_one_video_to_pipe)
{
  gchar **argv = tool_argv ("-q", "-o", "-", "A piped kite", NULL);
  gchar **envp = tool_environ ();
  GError *error = NULL;
  GSubprocess *proc;
  GInputStream *piped_stream, *served_stream;
  GBytes *piped_bytes, *served_bytes;
  gchar *task, *served, *contents;
  gsize length;
  gint piped = 0, direct = 0;

  proc = run_util_spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, tmpdir, envp,
      (const gchar * const *) argv, &error);
  fail_unless (proc != NULL, "%s", error ? error->message : "");
  fail_unless (g_subprocess_communicate (proc, NULL, NULL, &piped_bytes,
          NULL, &error), "%s", error ? error->message : "");
  fail_unless (g_subprocess_get_if_exited (proc)
      && g_subprocess_get_exit_status (proc) == 0);
  task = wan_sim_last_task_id (sim);
  served = wan_sim_get_video_path (sim, task);
  fail_unless (g_file_get_contents (served, &contents, &length, NULL));
  served_bytes = g_bytes_new_take (contents, length);

  /* The simulator serves its moov at the end, as the providers do; the
   * pipe gets it first. */
  fail_if (moov_first (served_bytes));
  fail_unless (moov_first (piped_bytes), "the pipe's MP4 starts with mdat");

  /* Remuxed, not re-encoded: every video sample is there. */
  piped_stream = g_memory_input_stream_new_from_bytes (piped_bytes);
  served_stream = g_memory_input_stream_new_from_bytes (served_bytes);
  fail_unless (demux_from_stream (piped_stream, &piped));
  fail_unless (demux_from_stream (served_stream, &direct));
  fail_unless (direct > 0);
  fail_unless_equals_int (piped, direct);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 1);

  g_object_unref (piped_stream);
  g_object_unref (served_stream);
  g_bytes_unref (piped_bytes);
  g_bytes_unref (served_bytes);
  g_free (served);
  g_free (task);
  g_object_unref (proc);
  g_strfreev (envp);
  g_strfreev (argv);
}

GST_END_TEST;

GST_START_TEST (test_dry_run_sends_nothing)
{
  Ran ran = run_tool (tool_argv ("--dry-run", "--duration=10",
          "--resolution=720p", "A red kite", NULL));

  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless (strstr (ran.out, "POST http://127.0.0.1:") != NULL, "%s",
      ran.out);
  fail_unless (strstr (ran.out, "/api/v1/services/aigc/video-generation/"
          "video-synthesis\n") != NULL, "%s", ran.out);
  fail_unless (strstr (ran.out, "\"duration\":10") != NULL, "%s", ran.out);
  fail_unless (strstr (ran.out, "\"prompt\":\"A red kite\"") != NULL, "%s",
      ran.out);
  fail_unless (strstr (ran.out, "Bearer ***") != NULL, "%s", ran.out);
  /* Without it DashScope refuses the call: it is part of the request. */
  fail_unless (strstr (ran.out, "X-DashScope-Async: enable\n") != NULL, "%s",
      ran.out);
  fail_unless (strstr (ran.out, WAN_SIM_DEFAULT_KEY) == NULL, "%s", ran.out);
  fail_unless (strstr (ran.out, "Billed: 10 seconds") != NULL, "%s", ran.out);
  ran_clear (&ran);

  /* Every setting of the element is in the request shown, the newer
   * families' too. */
  ran = run_tool (tool_argv ("--dry-run", "--model-family=wan2.7",
          "--image=https://example.com/a.png",
          "--last-frame-uri=https://example.com/b.png", "A red kite", NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless (strstr (ran.out, "\"model\":\"wan2.7-i2v\"") != NULL, "%s",
      ran.out);
  fail_unless (strstr (ran.out, "\"type\":\"last_frame\"") != NULL, "%s",
      ran.out);
  ran_clear (&ran);

  /* A batch: every line's request, and the total. */
  write_manifest ("jobs.jsonl", 3, 2, "\"duration\": 15");
  ran = run_tool (tool_argv ("--dry-run", "--batch", "jobs.jsonl", NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless (strstr (ran.out, "\"duration\":15") != NULL, "%s", ran.out);
  fail_unless (strstr (ran.out, "Billed: 25 seconds of video in 3 lines")
      != NULL, "%s", ran.out);
  ran_clear (&ran);

  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  fail_unless_equals_int (wan_sim_count (sim, "status"), 0);
}

GST_END_TEST;

GST_START_TEST (test_batch_keeps_to_jobs)
{
  Ran ran;

  /* Tasks long enough that a tool sending more than 3 would overlap. */
  wan_sim_set_task_ms (sim, 1000);
  write_manifest ("jobs.jsonl", 12, 0, NULL);
  ran = run_tool (tool_argv ("--batch", "jobs.jsonl", "--jobs", "3",
          "--report", "report.json", NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless (wan_sim_most_running (sim) <= 3, "%u tasks at once",
      wan_sim_most_running (sim));
  fail_unless_equals_int (wan_sim_tasks_created (sim), 12);
  assert_report_all_served ("report.json", 12);
  /* The summary table names every line. */
  fail_unless (strstr (ran.out, "12    done") != NULL, "%s", ran.out);
  ran_clear (&ran);
}

GST_END_TEST;

GST_START_TEST (test_batch_waits_out_429)
{
  Ran ran;

  /* The provider takes 2 tasks at once; the tool is allowed 4.  The
   * element does not retry (--retries 0): the tool itself must wait. */
  wan_sim_set_task_ms (sim, 1000);
  wan_sim_set_max_running (sim, 2);
  write_manifest ("jobs.jsonl", 6, 0, NULL);
  ran = run_tool (tool_argv ("--retries=0", "--batch", "jobs.jsonl",
          "--jobs", "4", "--report", "report.json", NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  /* It was refused, and still made each video once. */
  fail_unless (wan_sim_count (sim, "create") > 6, "never refused");
  fail_unless (strstr (ran.err, "429") != NULL, "%s", ran.err);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 6);
  assert_report_all_served ("report.json", 6);
  ran_clear (&ran);
}

GST_END_TEST;

/* Reads the tool's stderr until @n lines of the batch have their task. */
static void
wait_for_tasks (GInputStream * err, guint n)
{
  GDataInputStream *lines = g_data_input_stream_new (err);
  gchar *line;
  guint seen = 0;

  /* The caller may read on. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines),
      FALSE);
  while (seen < n && (line = g_data_input_stream_read_line (lines, NULL,
              NULL, NULL)) != NULL) {
    if (g_regex_match_simple ("^line [0-9]+: task ", line, 0, 0))
      seen++;
    g_free (line);
  }
  fail_unless_equals_int (seen, n);
  g_object_unref (lines);
}

GST_START_TEST (test_batch_survives_kill)
{
  /* Without the element's journal: the state file alone must resume. */
  gchar **argv = tool_argv ("--journal=false", "--batch", "jobs.jsonl",
      "--jobs", "4", "--report", "report.json", NULL);
  gchar **envp = tool_environ ();
  GError *error = NULL;
  GSubprocess *proc;
  gchar *state;
  Ran ran;

  wan_sim_set_task_ms (sim, 3000);
  write_manifest ("jobs.jsonl", 8, 0, NULL);
  proc = run_util_spawn (G_SUBPROCESS_FLAGS_STDERR_PIPE |
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE, tmpdir, envp,
      (const gchar * const *) argv, &error);
  fail_unless (proc != NULL, "%s", error ? error->message : "");
  /* Four tasks made and recorded, none finished: kill -9. */
  wait_for_tasks (g_subprocess_get_stderr_pipe (proc), 4);
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);
  fail_unless (g_subprocess_get_if_signaled (proc));
  g_object_unref (proc);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 4);

  /* The same command again: the four are resumed, four more made. */
  ran = run_tool (argv);
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 8);
  assert_report_all_served ("report.json", 8);
  ran_clear (&ran);

  /* And once more: everything is there, nothing is sent; not even when
   * the state file is lost, since an output only appears whole. */
  ran = run_tool (tool_argv ("--journal=false", "--batch", "jobs.jsonl", NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  ran_clear (&ran);
  state = in_tmpdir ("jobs.jsonl.state");
  fail_unless (g_unlink (state) == 0);
  ran = run_tool (tool_argv ("--journal=false", "--batch", "jobs.jsonl", NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 8);
  ran_clear (&ran);
  g_free (state);
  g_strfreev (envp);
}

GST_END_TEST;

GST_START_TEST (test_batch_ctrl_c)
{
  gchar **argv = tool_argv ("--journal=false", "--batch", "jobs.jsonl",
      "--jobs", "2", "--report", "report.json", NULL);
  gchar **envp = tool_environ ();
  GError *error = NULL;
  GSubprocess *proc;
  GBytes *rest;
  gchar *text;
  Ran ran;

  wan_sim_set_task_ms (sim, 3000);
  write_manifest ("jobs.jsonl", 4, 0, NULL);
  proc = run_util_spawn (G_SUBPROCESS_FLAGS_STDERR_PIPE |
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE, tmpdir, envp,
      (const gchar * const *) argv, &error);
  fail_unless (proc != NULL, "%s", error ? error->message : "");
  wait_for_tasks (g_subprocess_get_stderr_pipe (proc), 2);
  g_subprocess_send_signal (proc, SIGINT);
  fail_unless (g_subprocess_communicate (proc, NULL, NULL, NULL, &rest,
          &error), "%s", error ? error->message : "");
  /* It stops at once, says how to go on, and keeps the state. */
  fail_unless (g_subprocess_get_if_exited (proc));
  fail_unless_equals_int (g_subprocess_get_exit_status (proc), 4);
  text = g_strndup (g_bytes_get_data (rest, NULL), g_bytes_get_size (rest));
  fail_unless (strstr (text, "Run the same command again") != NULL, "%s", text);
  g_free (text);
  g_bytes_unref (rest);
  g_object_unref (proc);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 2);

  ran = run_tool (argv);
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 4);
  assert_report_all_served ("report.json", 4);
  ran_clear (&ran);
  g_strfreev (envp);
}

GST_END_TEST;

GST_START_TEST (test_batch_key_refused)
{
  Ran ran;

  /* A key the provider refuses: the first answer ends the batch. */
  write_manifest ("jobs.jsonl", 4, 0, NULL);
  ran = run_tool (tool_argv ("--api-key=wrong", "--batch", "jobs.jsonl",
          "--jobs", "1", NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 3);
  fail_unless (strstr (ran.err, "The key was refused") != NULL, "%s", ran.err);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  ran_clear (&ran);
}

GST_END_TEST;

GST_START_TEST (test_batch_bad_line_sends_nothing)
{
  Ran ran;
  gchar *out = in_tmpdir ("out");

  /* A setting the provider refuses, on line 3 of 4. */
  write_manifest ("jobs.jsonl", 4, 3, "\"duration\": 7");
  ran = run_tool (tool_argv ("--batch", "jobs.jsonl", NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 2);
  fail_unless (strstr (ran.err, "jobs.jsonl line 3: duration") != NULL, "%s",
      ran.err);
  ran_clear (&ran);

  /* A key no option has. */
  write_manifest ("jobs.jsonl", 4, 2, "\"promt\": \"typo\"");
  ran = run_tool (tool_argv ("--batch", "jobs.jsonl", NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 2);
  fail_unless (strstr (ran.err, "line 2: unknown setting 'promt'") != NULL,
      "%s", ran.err);
  ran_clear (&ran);

  /* More seconds than allowed: 4 lines of 5 s. */
  write_manifest ("jobs.jsonl", 4, 0, NULL);
  ran = run_tool (tool_argv ("--batch", "jobs.jsonl", "--max-seconds", "15",
          NULL));
  fail_unless_equals_int (ran_exit_status (&ran), 2);
  fail_unless (strstr (ran.err, "20 seconds") != NULL, "%s", ran.err);
  ran_clear (&ran);

  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  fail_unless (!g_file_test (out, G_FILE_TEST_EXISTS));
  g_free (out);
}

GST_END_TEST;

static Suite *
generate_suite (void)
{
  Suite *s = suite_create ("generate");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_help_lists_every_property);
  tcase_add_test (tc, test_one_video_to_file);
  tcase_add_test (tc, test_progress_shows_the_expected_time);
  tcase_add_test (tc, test_one_video_to_pipe);
  tcase_add_test (tc, test_dry_run_sends_nothing);
  tcase_add_test (tc, test_batch_keeps_to_jobs);
  tcase_add_test (tc, test_batch_waits_out_429);
  tcase_add_test (tc, test_batch_survives_kill);
  tcase_add_test (tc, test_batch_ctrl_c);
  tcase_add_test (tc, test_batch_key_refused);
  tcase_add_test (tc, test_batch_bad_line_sends_nothing);
  return s;
}

GST_CHECK_MAIN (generate);
