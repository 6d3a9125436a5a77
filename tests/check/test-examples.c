/* Every example in examples/ run as the README tells a user to, against
 * the in-process simulator. */

#include <gst/check/gstcheck.h>
#include "run-util.h"

/* Runs @argv with the simulator's dashscope address and key in the
 * environment, in tmpdir; nothing it starts outlives the test. */
static Ran
run_example (gchar ** argv)
{
  gchar *base_url = wan_sim_get_base_url (sim, "dashscope");
  gchar **envp = g_get_environ ();
  Ran ran;

  envp = g_environ_setenv (envp, "WAN_API_KEY", WAN_SIM_DEFAULT_KEY, TRUE);
  envp = g_environ_setenv (envp, "WAN_PROVIDER", "dashscope", TRUE);
  envp = g_environ_setenv (envp, "WAN_BASE_URL", base_url, TRUE);
  ran = run_util_run (envp, (const gchar * const *) argv);
  g_strfreev (envp);
  g_free (base_url);
  return ran;
}

static void
assert_nonempty (const gchar * name)
{
  gchar *path = g_build_filename (tmpdir, name, NULL);
  GStatBuf st;

  fail_unless (g_stat (path, &st) == 0 && st.st_size > 0, "%s is missing",
      path);
  g_free (path);
}

GST_START_TEST (test_c_example)
{
  gchar *base_url = wan_sim_get_base_url (sim, "dashscope");
  gchar *argv[] =
      { WAN_GENERATE_EXAMPLE, "--base-url", base_url, "--resolution",
    "720p", "-o", "kite.mp4", "A red kite", NULL
  };
  gchar *saved = g_build_filename (tmpdir, "kite.mp4", NULL);
  gchar *served, *task_id;
  Ran ran = run_example (argv);

  fail_unless_equals_int (ran_exit_status (&ran), 0);
  /* The progress bar and the task id reach the terminal. */
  fail_unless (strstr (ran.err, "Task sim-dashscope-") != NULL, "%s", ran.err);
  fail_unless (strstr (ran.err, "Downloaded") != NULL, "%s", ran.err);
  task_id = wan_sim_last_task_id (sim);
  served = wan_sim_get_video_path (sim, task_id);
  assert_same_file (saved, served);
  ran_clear (&ran);

  /* A failed generation: status 1 and the provider's words. */
  argv[7] = "[fail] A red kite";
  ran = run_example (argv);
  fail_unless_equals_int (ran_exit_status (&ran), 1);
  fail_unless (strstr (ran.err, "Error: dashscope:") != NULL, "%s", ran.err);
  ran_clear (&ran);

  /* A setting the provider cannot honour: status 2, before any request. */
  argv[3] = "--duration";
  argv[4] = "7";
  argv[7] = "A red kite";
  ran = run_example (argv);
  fail_unless_equals_int (ran_exit_status (&ran), 2);
  fail_unless (strstr (ran.err, "duration") != NULL, "%s", ran.err);
  ran_clear (&ran);

  g_free (task_id);
  g_free (served);
  g_free (saved);
  g_free (base_url);
}

GST_END_TEST;

GST_START_TEST (test_python_example)
{
  /* Debian's own interpreter, the one python3-gi is for. */
  gchar *argv[] = { "/usr/bin/python3", EXAMPLES_DIR "/wan-generate.py",
    "A red kite", "kite.mp4", NULL
  };
  Ran ran = run_example (argv);

  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless (strstr (ran.out, "succeeded 100%") != NULL, "%s%s", ran.out,
      ran.err);
  fail_unless (strstr (ran.out, "saved kite.mp4") != NULL, "%s", ran.out);
  assert_nonempty ("kite.mp4");
  ran_clear (&ran);
}

GST_END_TEST;

GST_START_TEST (test_postprocess_example)
{
  /* Traced, and stopped short of the test's own timeout, so that a step
   * that hangs fails with its name and output instead of a bare timeout. */
  gchar *argv[] = { "timeout", "200", "sh", "-x",
    EXAMPLES_DIR "/postprocess.sh", "out", NULL
  };
  gchar *playlist_path = g_build_filename (tmpdir, "out", "hls",
      "playlist.m3u8", NULL);
  gchar *playlist = NULL;
  Ran ran = run_example (argv);

  fail_unless (ran_exit_status (&ran) == 0, "exit %d (124: a step hung):\n%s",
      ran_exit_status (&ran), ran.err);
  assert_nonempty ("out/clip.webm");
  assert_nonempty ("out/overlay.mp4");
  assert_nonempty ("out/side-by-side.mp4");
  assert_nonempty ("out/hls/segment00000.ts");
  fail_unless (g_file_get_contents (playlist_path, &playlist, NULL, NULL));
  fail_unless (g_str_has_prefix (playlist, "#EXTM3U"), "%s", playlist);
  fail_unless (strstr (playlist, "#EXT-X-ENDLIST") != NULL, "%s", playlist);
  /* Five generations, one per clip. */
  fail_unless_equals_int (wan_sim_count (sim, "create"), 5);

  g_free (playlist);
  g_free (playlist_path);
  ran_clear (&ran);
}

GST_END_TEST;

static Suite *
examples_suite (void)
{
  Suite *s = suite_create ("examples");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_c_example);
  tcase_add_test (tc, test_python_example);
  tcase_add_test (tc, test_postprocess_example);
  return s;
}

GST_CHECK_MAIN (examples);
