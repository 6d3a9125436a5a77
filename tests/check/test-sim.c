/* gst-wan: the simulator itself, where it renders and what it says when
 * it cannot */

#include <errno.h>
#include <signal.h>
#include <gst/check/gstcheck.h>
#include "run-util.h"
#include <glib/gstdio.h>
#include "wan-sim-client.h"

/* Every thread of this process named @name (GStreamer names a streaming
 * thread after its task, "element:pad"). */
static guint
threads_named (const gchar * name)
{
  GDir *d = g_dir_open ("/proc/self/task", 0, NULL);
  const gchar *tid;
  guint n = 0;

  fail_unless (d != NULL);
  while ((tid = g_dir_read_name (d)) != NULL) {
    gchar *path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
    gchar *comm = NULL;

    if (g_file_get_contents (path, &comm, NULL, NULL)
        && g_str_equal (g_strstrip (comm), name))
      n++;
    g_free (comm);
    g_free (path);
  }
  g_dir_close (d);
  return n;
}

static gboolean
process_exists (GPid pid)
{
  return kill (pid, 0) == 0 || errno != ESRCH;
}

GST_START_TEST (test_render_runs_in_a_child_killed_with_the_simulator)
{
  WanSim *sim = wan_sim_new (0, 0, NULL);
  WanClient *client;
  WanRequest req;
  GError *error = NULL;
  GPid *pids;
  gchar *id;

  fail_unless (sim != NULL);
  /* 15 s at 1000 fps: far longer to render than this test takes, so it
   * is certainly still rendering when the simulator is freed. */
  wan_sim_set_fps (sim, 1000);
  client = wan_sim_client_new (sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  wan_request_init (&req);
  req.provider = WAN_PROVIDER_DASHSCOPE;
  req.prompt = g_strdup ("A long render");
  req.duration = 15;
  id = wan_client_submit (client, &req, NULL, &error);
  fail_unless (id != NULL, "%s", error ? error->message : "");

  pids = wan_sim_running_renders (sim);
  fail_unless (pids[0] != 0 && pids[1] == 0, "one render in flight");
  fail_unless (process_exists (pids[0]));
  /* None of its streaming threads is ours: gst_task_cleanup_all() at the
   * end of a test can never wait on them. */
  fail_unless_equals_int (threads_named ("video:src"), 0);

  /* Freeing the simulator kills and reaps it: nothing outlives a test. */
  wan_sim_free (sim);
  fail_if (process_exists (pids[0]), "render %d outlived the simulator",
      pids[0]);

  g_free (pids);
  g_free (id);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_missing_element_named)
{
  GError *error = NULL;

  fail_unless (wan_sim_check_pipeline ("videotestsrc ! textoverlay ! "
          "fakesink", &error), "%s", error ? error->message : "");
  fail_if (wan_sim_check_pipeline ("videotestsrc ! wansimnosuchelement ! "
          "fakesink", &error));
  fail_unless (error != NULL);
  fail_unless (strstr (error->message, "'wansimnosuchelement'") != NULL,
      "%s", error->message);
  g_error_free (error);
}

GST_END_TEST;

/* A GStreamer plugin directory holding every plugin of @like's but
 * @without. */
static gchar *
plugin_dir_without (const gchar * like, const gchar * without)
{
  GstElementFactory *f = gst_element_factory_find (like);
  GstPlugin *plugin = gst_plugin_feature_get_plugin (GST_PLUGIN_FEATURE (f));
  gchar *system_dir = g_path_get_dirname (gst_plugin_get_filename (plugin));
  gchar *dir = g_dir_make_tmp ("wan-sim-plugins-XXXXXX", NULL);
  GDir *d = g_dir_open (system_dir, 0, NULL);
  const gchar *name;

  fail_unless (dir != NULL && d != NULL);
  while ((name = g_dir_read_name (d)) != NULL) {
    gchar *from = g_build_filename (system_dir, name, NULL);
    gchar *to = g_build_filename (dir, name, NULL);

    if (g_str_has_suffix (name, ".so") && !g_str_equal (name, without))
      fail_unless (symlink (from, to) == 0);
    g_free (to);
    g_free (from);
  }
  g_dir_close (d);
  g_free (system_dir);
  gst_object_unref (plugin);
  gst_object_unref (f);
  return dir;
}

/* The case of a fresh Debian 12 without gstreamer1.0-x: wan-sim says so
 * as it starts, instead of failing every generation later. */
GST_START_TEST (test_missing_plugin_said_at_start)
{
  gchar *plugins = plugin_dir_without ("textoverlay", "libgstpango.so");
  gchar *registry = g_build_filename (plugins, "registry.bin", NULL);
  gchar *argv[] = { WAN_SIM_BIN, NULL };
  gchar **envp = g_get_environ ();
  GSubprocess *proc;
  GSubprocessLauncher *launcher;
  GDataInputStream *out;
  GError *error = NULL;
  gchar *first_line, *err_text = NULL;

  envp = g_environ_setenv (envp, "GST_PLUGIN_SYSTEM_PATH_1_0", plugins, TRUE);
  envp = g_environ_setenv (envp, "GST_REGISTRY_1_0", registry, TRUE);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, envp);
  proc = g_subprocess_launcher_spawnv (launcher, (const gchar * const *) argv,
      &error);
  fail_unless (proc != NULL, "%s", error ? error->message : "");

  /* It either prints its addresses (it started: wrong) or ends. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  first_line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL);
  if (first_line)
    g_subprocess_force_exit (proc);
  fail_unless (g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL,
          &err_text, &error), "%s", error ? error->message : "");
  fail_unless (first_line == NULL, "wan-sim started without textoverlay: %s",
      first_line);
  fail_unless (g_subprocess_get_if_exited (proc));
  fail_unless_equals_int (g_subprocess_get_exit_status (proc), 1);
  fail_unless (strstr (err_text, "'textoverlay' (Debian package "
          "gstreamer1.0-x)") != NULL, "%s", err_text);

  g_free (err_text);
  g_free (first_line);
  g_object_unref (out);
  g_object_unref (proc);
  g_object_unref (launcher);
  g_strfreev (envp);
  remove_tree (plugins);
  g_free (registry);
  g_free (plugins);
}

GST_END_TEST;

static Suite *
sim_suite (void)
{
  Suite *s = suite_create ("sim");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_render_runs_in_a_child_killed_with_the_simulator);
  tcase_add_test (tc, test_missing_element_named);
  tcase_add_test (tc, test_missing_plugin_said_at_start);
  return s;
}

GST_CHECK_MAIN (sim);
