/* gst-wan: wanvideosrc under faults, stops and hostile answers, and what it
 * does with the API key */

#include <signal.h>
#include "run-util.h"
#include "wan-sim-client.h"

GST_START_TEST (test_key_stays_on_api_origin)
{
  Run run;
  gchar *auth;

  say ("the key goes to the API origin only");
  run_full (&run, "evolink", "prompt=p", "fakesink");
  fail_if (run.error != NULL);
  auth = wan_sim_last_header (sim, "create", "Authorization");
  fail_unless_equals_string (auth, "Bearer " WAN_SIM_DEFAULT_KEY);
  g_free (auth);
  auth = wan_sim_last_header (sim, "status", "Authorization");
  fail_unless_equals_string (auth, "Bearer " WAN_SIM_DEFAULT_KEY);
  g_free (auth);
  fail_unless (wan_sim_count (sim, "download") > 0);
  auth = wan_sim_last_header (sim, "download", "Authorization");
  fail_unless (auth == NULL, "the CDN got credentials: %s", auth);
  run_clear (&run);
}

GST_END_TEST;

/* Runs @provider with @count @fault(s) injected on the download and checks
 * that it took @downloads requests, the later ones with Range, and that
 * location ends up byte-identical to the served file. */
static void
check_download_resumed (const gchar * provider, guint fault, guint count,
    guint downloads)
{
  Run run;
  gchar *location = g_build_filename (tmpdir, "resumed.mp4", NULL);
  gchar *settings = g_strdup_printf ("prompt=resume|location=%s", location);
  gchar *id, *served, *range;

  wan_sim_inject (sim, "download", fault, count);
  run_full (&run, provider, settings, "qtdemux ! fakesink");
  fail_if (run.error != NULL);
  fail_unless_equals_int (wan_sim_count (sim, "download"), downloads);
  range = wan_sim_last_header (sim, "download", "Range");
  fail_unless (range && g_str_has_prefix (range, "bytes="), "%s", range);
  id = wan_sim_last_task_id (sim);
  served = wan_sim_get_video_path (sim, id);
  assert_same_file (location, served);
  run_clear (&run);
  g_free (range);
  g_free (served);
  g_free (id);
  g_free (settings);
  g_free (location);
}

GST_START_TEST (test_download_cut_and_resumed)
{
  say ("a download cut twice resumes with Range");
  check_download_resumed ("toapis", WAN_SIM_CUT, 2, 3);
}

GST_END_TEST;

/* A download that stops sending without closing: the low-speed limit (no
 * byte for 30 s) ends that transfer and a Range request continues it. */
GST_START_TEST (test_download_stall_resumed)
{
  say ("a download stalls: the 30 s low-speed limit ends it, then it "
      "resumes");
  check_download_resumed ("evolink", WAN_SIM_STALL, 1, 2);
}

GST_END_TEST;

GST_START_TEST (test_retries_exhausted)
{
  Run run;

  say ("retries run out");
  wan_sim_set_retry_after (sim, 0);
  wan_sim_inject (sim, "create", 503, 3);
  run_full (&run, "dashscope", "prompt=p|retries=2", "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ,
      "simulated fault");
  fail_unless_equals_int (wan_sim_count (sim, "create"), 3);
  run_clear (&run);
}

GST_END_TEST;

/* Everything logged while capturing, and the global logging state the
 * capture changed, restored by capture_stop() even when the test fails
 * halfway (with CK_FORK=no every later test shares this process). */
static struct
{
  GMutex lock;
  GString *all;
  guint glib_handler;
  gchar *messages_debug;
  gboolean debug_active;
  GstDebugLevel threshold;
  gboolean had_default_log;
} capture;

static void
capture_gst_log (GstDebugCategory * category, GstDebugLevel level,
    const gchar * file, const gchar * function, gint line, GObject * object,
    GstDebugMessage * message, gpointer unused)
{
  /* Formatting may itself log: never while holding the lock. */
  const gchar *text = gst_debug_message_get (message);

  g_mutex_lock (&capture.lock);
  if (capture.all)
    g_string_append_printf (capture.all, "%s\n", text);
  g_mutex_unlock (&capture.lock);
}

static void
capture_glib_log (const gchar * domain, GLogLevelFlags level,
    const gchar * message, gpointer unused)
{
  g_mutex_lock (&capture.lock);
  if (capture.all)
    g_string_append_printf (capture.all, "%s\n", message);
  g_mutex_unlock (&capture.lock);
}

static void
capture_start (void)
{
  capture.all = g_string_new (NULL);
  capture.messages_debug = g_strdup (g_getenv ("G_MESSAGES_DEBUG"));
  capture.debug_active = gst_debug_is_active ();
  capture.threshold = gst_debug_get_default_threshold ();
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  capture.glib_handler = g_log_set_handler ("wan", G_LOG_LEVEL_MASK,
      capture_glib_log, NULL);
  gst_debug_set_active (TRUE);
  gst_debug_set_default_threshold (GST_LEVEL_MEMDUMP);
  gst_debug_add_log_function (capture_gst_log, NULL, NULL);
  /* Megabytes of MEMDUMP on stderr would bury the test log. */
  capture.had_default_log =
      gst_debug_remove_log_function (gst_debug_log_default) > 0;
}

/* Stops capturing and puts back what capture_start() changed; returns
 * what was captured.  Also the fixture's teardown: a no-op when nothing
 * is being captured. */
static GString *
capture_stop (void)
{
  GString *all;

  if (capture.all == NULL)
    return NULL;
  gst_debug_remove_log_function (capture_gst_log);
  if (capture.had_default_log)
    gst_debug_add_log_function (gst_debug_log_default, NULL, NULL);
  g_log_remove_handler ("wan", capture.glib_handler);
  gst_debug_set_default_threshold (capture.threshold);
  gst_debug_set_active (capture.debug_active);
  if (capture.messages_debug)
    g_setenv ("G_MESSAGES_DEBUG", capture.messages_debug, TRUE);
  else
    g_unsetenv ("G_MESSAGES_DEBUG");
  g_clear_pointer (&capture.messages_debug, g_free);
  g_mutex_lock (&capture.lock);
  all = capture.all;
  capture.all = NULL;
  g_mutex_unlock (&capture.lock);
  return all;
}

static void
capture_teardown (void)
{
  GString *all = capture_stop ();

  if (all)
    g_string_free (all, TRUE);
}

GST_START_TEST (test_key_never_logged)
{
  GString *all, *more = g_string_new (NULL);
  Run run;
  guint i;
  gchar *dot;

  say ("the key is never logged (two runs at GST_DEBUG=*:9)");
  capture_start ();
  run_full (&run, "dashscope", "prompt=secret test", "fakesink");
  fail_if (run.error != NULL);
  dot = gst_debug_bin_to_dot_data (GST_BIN (run.pipeline),
      GST_DEBUG_GRAPH_SHOW_ALL);
  g_string_append (more, dot);
  for (i = 0; i < run.task_messages->len; i++) {
    gchar *text = gst_structure_to_string (g_ptr_array_index
        (run.task_messages, i));

    g_string_append (more, text);
    g_free (text);
  }
  run_clear (&run);

  /* A failing run too: its error text and debug string. */
  run_full (&run, "dashscope", "prompt=[fail] secret", "fakesink");
  fail_unless (run.error != NULL);
  {
    GError *error = NULL;
    gchar *debug = NULL;

    gst_message_parse_error (run.error, &error, &debug);
    g_string_append_printf (more, "%s %s", error->message, debug);
    g_error_free (error);
    g_free (debug);
  }
  run_clear (&run);

  all = capture_stop ();
  g_string_append (all, more->str);
  /* The logs were really captured (so the check below means something). */
  fail_unless (all->len > 100000, "only %" G_GSIZE_FORMAT " bytes", all->len);
  fail_unless (strstr (all->str, "wan-task") != NULL);
  fail_unless (strstr (all->str, WAN_SIM_DEFAULT_KEY) == NULL,
      "the API key appears in the logs");
  g_free (dot);
  g_string_free (more, TRUE);
  g_string_free (all, TRUE);
}

GST_END_TEST;

GST_START_TEST (test_stop_while_generating)
{
  Run run;
  GstBus *bus;
  GstMessage *msg;
  gchar *location = g_build_filename (tmpdir, "never.mp4", NULL);
  gchar *settings = g_strdup_printf ("prompt=[never] x|location=%s",
      location);
  GDir *dir;

  say ("stop while generating");
  run_setup (&run, "dashscope", settings, "fakesink");
  gst_element_set_state (run.pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (run.pipeline);
  /* Wait until the task is being polled... */
  while (wan_sim_count (sim, "status") < 2) {
    msg = gst_bus_timed_pop_filtered (bus, 100 * GST_MSECOND,
        GST_MESSAGE_ERROR);
    fail_if (msg != NULL, "unexpected error");
  }
  /* ...then tear down: the job must give up its wait at once. */
  fail_unless_equals_int (gst_element_set_state (run.pipeline,
          GST_STATE_NULL), GST_STATE_CHANGE_SUCCESS);
  fail_if (g_file_test (location, G_FILE_TEST_EXISTS));
  dir = g_dir_open (tmpdir, 0, NULL);
  fail_unless (g_dir_read_name (dir) == NULL, "a partial file was left");
  g_dir_close (dir);
  gst_object_unref (bus);
  run_clear (&run);
  g_free (settings);
  g_free (location);
}

GST_END_TEST;

GST_START_TEST (test_generation_timeout)
{
  Run run;
  gchar *task_id = NULL;

  say ("timeout=1 on a task that never ends");
  run_full (&run, "evolink", "prompt=[never] x|timeout=1", "fakesink");
  g_object_get (run.src, "task-id", &task_id, NULL);
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_FAILED, task_id);
  g_free (task_id);
  run_clear (&run);
}

GST_END_TEST;

/* --- cancel-on-stop ------------------------------------------------- */

/* Pops messages until a wan-task message with @status; returns its task id. */
static gchar *
wait_for_status (Run * run, const gchar * status)
{
  GstBus *bus = gst_element_get_bus (run->pipeline);
  gchar *task_id = NULL;

  while (task_id == NULL) {
    GstMessage *msg = gst_bus_timed_pop (bus, 30 * GST_SECOND);
    const GstStructure *s;

    fail_unless (msg != NULL, "no wan-task message with status %s", status);
    fail_if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR, "unexpected error");
    s = gst_message_get_structure (msg);
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT
        && gst_structure_has_name (s, "wan-task")
        && g_strcmp0 (gst_structure_get_string (s, "status"), status) == 0)
      task_id = g_strdup (gst_structure_get_string (s, "task-id"));
    gst_message_unref (msg);
  }
  gst_object_unref (bus);
  return task_id;
}

/* The warning posted while stopping, or NULL. */
static gchar *
pop_warning (Run * run)
{
  GstBus *bus = gst_element_get_bus (run->pipeline);
  GstMessage *msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  GError *error = NULL;
  gchar *text = NULL;

  if (msg) {
    gst_message_parse_warning (msg, &error, NULL);
    text = g_strdup (error->message);
    g_error_free (error);
    gst_message_unref (msg);
  }
  gst_object_unref (bus);
  return text;
}

/* The task's status word as the provider now reports it. */
static gchar *
provider_status (const gchar * provider, const gchar * task_id)
{
  WanClient *client = wan_sim_client_new (sim, provider,
      WAN_SIM_DEFAULT_KEY);
  WanTaskState state;
  gchar *word;

  fail_unless (wan_client_get_task (client, task_id, &state, NULL, NULL));
  word = g_strdup (state.provider_status);
  wan_task_state_clear (&state);
  wan_client_free (client);
  return word;
}

/* Stops a run while its task is still queued at the provider.  READY, not
 * NULL: the pipeline's bus stops taking messages in NULL. */
static gchar *
stop_while_queued (Run * run, const gchar * provider, const gchar * settings)
{
  gchar *task_id;

  wan_sim_set_task_ms (sim, 30000);     /* queued for its first 6 s */
  run_setup (run, provider, settings, "fakesink");
  gst_element_set_state (run->pipeline, GST_STATE_PLAYING);
  task_id = wait_for_status (run, "queued");
  fail_unless_equals_int (gst_element_set_state (run->pipeline,
          GST_STATE_READY), GST_STATE_CHANGE_SUCCESS);
  return task_id;
}

GST_START_TEST (test_cancel_on_stop)
{
  Run run;
  gchar *task_id = stop_while_queued (&run, "dashscope",
      "prompt=p|cancel-on-stop=true");
  gchar *status = provider_status ("dashscope", task_id);

  fail_unless_equals_int (wan_sim_count (sim, "cancel"), 1);
  fail_unless_equals_string (status, "CANCELED");
  fail_unless (pop_warning (&run) == NULL);
  run_clear (&run);
  g_free (status);
  g_free (task_id);
}

GST_END_TEST;

GST_START_TEST (test_stop_keeps_task_by_default)
{
  Run run;
  gchar *task_id = stop_while_queued (&run, "dashscope", "prompt=p");
  gchar *status = provider_status ("dashscope", task_id);

  fail_unless_equals_int (wan_sim_count (sim, "cancel"), 0);
  fail_unless_equals_string (status, "PENDING");
  run_clear (&run);
  g_free (status);
  g_free (task_id);
}

GST_END_TEST;

GST_START_TEST (test_cancel_not_offered)
{
  Run run;
  gchar *task_id = stop_while_queued (&run, "evolink",
      "prompt=p|cancel-on-stop=true");
  gchar *warning = pop_warning (&run);

  fail_unless (warning != NULL, "no warning that the task goes on");
  fail_unless (strstr (warning, task_id) != NULL, "%s", warning);
  fail_unless (strstr (warning, "evolink documents no way to cancel") != NULL,
      "%s", warning);
  fail_unless_equals_int (wan_sim_count (sim, "cancel"), 0);
  run_clear (&run);
  g_free (warning);
  g_free (task_id);
}

GST_END_TEST;

GST_START_TEST (test_cancel_refused_once_running)
{
  Run run;
  gchar *task_id, *warning;

  say ("cancel refused once running");
  run_setup (&run, "dashscope", "prompt=[never] p|cancel-on-stop=true",
      "fakesink");
  gst_element_set_state (run.pipeline, GST_STATE_PLAYING);
  task_id = wait_for_status (&run, "running");
  gst_element_set_state (run.pipeline, GST_STATE_READY);
  warning = pop_warning (&run);
  fail_unless (warning != NULL && strstr (warning, "already generating"),
      "%s", warning);
  fail_unless (strstr (warning, task_id) != NULL, "%s", warning);
  fail_unless_equals_int (wan_sim_count (sim, "cancel"), 0);
  run_clear (&run);
  g_free (warning);
  g_free (task_id);
}

GST_END_TEST;

/* --- stopping at every step ----------------------------------------- */

typedef struct
{
  const gchar *step;
  const gchar *endpoint;        /* stalled, or NULL */
  const gchar *settings;
  const gchar *tail;
  GstState target;
} StopCase;

static const StopCase stop_cases[] = {
  {"submit", "create", "prompt=p", "fakesink", GST_STATE_PLAYING},
  {"poll request", "status", "prompt=p", "fakesink", GST_STATE_PLAYING},
  {"poll wait", NULL, "prompt=p|poll-interval=600000", "fakesink",
      GST_STATE_PLAYING},
  {"download", "download", "prompt=p", "fakesink", GST_STATE_PLAYING},
  /* Prerolled in PAUSED, the element is blocked pushing its next buffer. */
  {"serving", NULL, "prompt=p", "fakesink", GST_STATE_PAUSED},
};

/* Waits until @c's step is under way. */
static void
reach_step (const StopCase * c, Run * run)
{
  GstBus *bus = gst_element_get_bus (run->pipeline);
  guint spins;

  for (spins = 0; spins < 3000; spins++) {
    GstMessage *msg = gst_bus_timed_pop_filtered (bus, 10 * GST_MSECOND,
        GST_MESSAGE_ERROR | GST_MESSAGE_EOS);

    fail_if (msg != NULL, "%s: the run ended before the step", c->step);
    if (c->endpoint && wan_sim_count (sim, c->endpoint) > 0)
      break;
    if (g_str_equal (c->step, "poll wait") && wan_sim_count (sim, "create") > 0)
      break;
    if (g_str_equal (c->step, "serving") && run->video_frames > 0)
      break;
  }
  fail_unless (spins < 3000, "%s: never reached", c->step);
  /* Let the step settle into its wait. */
  g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  gst_object_unref (bus);
}

GST_START_TEST (test_stop_at_every_step)
{
  const StopCase *c = &stop_cases[__i__];
  Run run;
  GstPad *pad;
  gint64 start, elapsed;

  say ("stop at step %d of %d: %s", __i__ + 1,
      (gint) G_N_ELEMENTS (stop_cases), c->step);
  if (c->endpoint)
    wan_sim_inject (sim, c->endpoint, WAN_SIM_STALL, 1);
  run_setup (&run, "dashscope", c->settings, c->tail);
  pad = gst_element_get_static_pad (run.src, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer,
      &run.video_frames, NULL);
  gst_object_unref (pad);
  gst_element_set_state (run.pipeline, c->target);
  reach_step (c, &run);

  start = g_get_monotonic_time ();
  fail_unless_equals_int (gst_element_set_state (run.pipeline,
          GST_STATE_NULL), GST_STATE_CHANGE_SUCCESS);
  elapsed = g_get_monotonic_time () - start;
  GST_INFO ("%s: set_state(NULL) took %" G_GINT64_FORMAT " us", c->step,
      elapsed);
  /* Not a speed goal: every wait here would last a minute or more if it
   * were not interrupted (the stalls never end, the poll interval is ten
   * minutes, a prerolled sink holds its buffer until PLAYING). */
  fail_unless (elapsed < 5 * G_USEC_PER_SEC, "%s: stopping took %"
      G_GINT64_FORMAT " ms", c->step, elapsed / 1000);
  run_clear (&run);
}

GST_END_TEST;

/* --- hostile answers ------------------------------------------------ */

typedef struct
{
  const gchar *endpoint;
  const gchar *name;            /* of the fault, for the progress line */
  guint fault;
  guint count;
  gint code;                    /* GstResourceError */
  const gchar *text;            /* part of the error message */
} HostileCase;

static const HostileCase hostile_cases[] = {
  {"create", "html", WAN_SIM_HTML, 1, GST_RESOURCE_ERROR_OPEN_READ, "not JSON"},
  {"create", "truncated", WAN_SIM_TRUNCATED, 1, GST_RESOURCE_ERROR_OPEN_READ,
      "not JSON"},
  {"create", "huge", WAN_SIM_HUGE, 1, GST_RESOURCE_ERROR_OPEN_READ,
      "larger than"},
  {"create", "redirect-loop", WAN_SIM_REDIRECT_LOOP, 1,
        GST_RESOURCE_ERROR_OPEN_READ,
      "redirected (HTTP 302)"},
  {"status", "html", WAN_SIM_HTML, 100, GST_RESOURCE_ERROR_OPEN_READ,
      "not JSON"},
  {"status", "truncated", WAN_SIM_TRUNCATED, 100, GST_RESOURCE_ERROR_OPEN_READ,
      "not JSON"},
  {"status", "huge", WAN_SIM_HUGE, 100, GST_RESOURCE_ERROR_OPEN_READ,
      "larger than"},
  {"status", "redirect-loop", WAN_SIM_REDIRECT_LOOP, 100,
        GST_RESOURCE_ERROR_OPEN_READ,
      "redirected (HTTP 302)"},
  {"download", "redirect-loop", WAN_SIM_REDIRECT_LOOP, 100,
        GST_RESOURCE_ERROR_READ,
      "redirect"},
  {"status", "bad-video-url", WAN_SIM_BAD_VIDEO_URL, 100,
        GST_RESOURCE_ERROR_OPEN_READ,
      "without an http(s) video URL"},
};

GST_START_TEST (test_hostile_answers)
{
  const HostileCase *c = &hostile_cases[__i__];
  Run run;

  say ("hostile answer %d of %d: %s %s", __i__ + 1,
      (gint) G_N_ELEMENTS (hostile_cases), c->endpoint, c->name);
  wan_sim_set_retry_after (sim, 0);
  wan_sim_inject (sim, c->endpoint, c->fault, c->count);
  run_full (&run, "toapis", "prompt=p|retries=1", "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, c->code, c->text);
  /* One clear error: the create was not sent again. */
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  run_clear (&run);
}

GST_END_TEST;

/* --- killed, then resumed ------------------------------------------ */

/* Where gst-launch-1.0 is SIGKILLed: while the task is polled, or in the
 * middle of the download (stalled there, so the kill lands mid-file). */
static const gchar *const kill_points[] = { "status", "download" };

GST_START_TEST (test_killed_then_resumed)
{
  const gchar *point = kill_points[__i__];
  gchar *location = g_build_filename (tmpdir, "paid.mp4", NULL);
  gchar *settings, *task_id, *served, *printed;
  GInputStream *out;
  GSubprocess *proc;
  gchar buf[65536];
  gssize n;
  GString *output = g_string_new (NULL);
  Run run;
  guint creates;

  say ("killed during the %s, then resumed (%d of %d)", point,
      __i__ + 1, (gint) G_N_ELEMENTS (kill_points));
  wan_sim_set_task_ms (sim, 600);
  if (g_str_equal (point, "download"))
    wan_sim_inject (sim, "download", WAN_SIM_STALL, 1);
  /* The journal of the in-process runs (run-util.c), so that the
   * resumed run's delivery clears what the killed one left there. */
  proc = run_util_spawn_paid_launch (location, NULL, &out);
  while (wan_sim_count (sim, point) == 0)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_subprocess_send_signal (proc, SIGKILL);
  fail_unless (g_subprocess_wait (proc, NULL, NULL));
  fail_if (g_subprocess_get_if_exited (proc), "it was not killed");
  while ((n = g_input_stream_read (out, buf, sizeof (buf), NULL, NULL)) > 0)
    g_string_append_len (output, buf, n);
  g_object_unref (proc);

  /* The id reached the bus (gst-launch -m printed it) before the kill... */
  task_id = wan_sim_last_task_id (sim);
  printed = g_strdup_printf ("task-id=(string)%s", task_id);
  fail_unless (strstr (output->str, printed) != NULL, "%s", output->str);
  /* ...and no partial file sits under the final name. */
  fail_if (g_file_test (location, G_FILE_TEST_EXISTS));

  /* The same pipeline with task-id finishes the same video, unpaid. */
  creates = wan_sim_count (sim, "create");
  settings = g_strdup_printf ("task-id=%s|location=%s", task_id, location);
  run_full (&run, "dashscope", settings, "qtdemux ! fakesink");
  fail_if (run.error != NULL);
  fail_unless_equals_int (wan_sim_count (sim, "create"), creates);
  served = wan_sim_get_video_path (sim, task_id);
  assert_same_file (location, served);
  run_clear (&run);

  g_string_free (output, TRUE);
  g_free (served);
  g_free (settings);
  g_free (printed);
  g_free (task_id);
  g_free (location);
}

GST_END_TEST;

static Suite *
reliability_suite (void)
{
  Suite *s = suite_create ("reliability");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_checked_fixture (tc, NULL, capture_teardown);
  tcase_add_test (tc, test_key_stays_on_api_origin);
  tcase_add_test (tc, test_download_cut_and_resumed);
  tcase_add_test (tc, test_download_stall_resumed);
  tcase_add_test (tc, test_retries_exhausted);
  tcase_add_test (tc, test_key_never_logged);
  tcase_add_test (tc, test_stop_while_generating);
  tcase_add_test (tc, test_generation_timeout);
  tcase_add_test (tc, test_cancel_on_stop);
  tcase_add_test (tc, test_stop_keeps_task_by_default);
  tcase_add_test (tc, test_cancel_not_offered);
  tcase_add_test (tc, test_cancel_refused_once_running);
  tcase_add_loop_test (tc, test_stop_at_every_step, 0,
      G_N_ELEMENTS (stop_cases));
  tcase_add_loop_test (tc, test_hostile_answers, 0,
      G_N_ELEMENTS (hostile_cases));
  tcase_add_loop_test (tc, test_killed_then_resumed, 0,
      G_N_ELEMENTS (kill_points));
  return s;
}

GST_CHECK_MAIN (reliability);
