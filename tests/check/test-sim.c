/* gst-wan: the simulator itself, where it renders and what it says when
 * it cannot */

#include <errno.h>
#include <signal.h>
#include <gst/check/gstcheck.h>
#include "run-util.h"
#include <glib/gstdio.h>
#include <libsoup/soup.h>
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

/* POSTs @body as a DashScope create to @sim, with the resolve header when
 * @resolve; the HTTP status, and the answer in @answer. */
static guint
post_create (WanSim * sim, const gchar * body, gboolean resolve,
    gchar ** answer)
{
  gchar *base = wan_sim_get_base_url (sim, "dashscope");
  gchar *url = g_strconcat (base,
      "/api/v1/services/aigc/video-generation/video-synthesis", NULL);
  SoupSession *session = soup_session_new ();
  SoupMessage *msg = soup_message_new ("POST", url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  GBytes *bytes = g_bytes_new (body, strlen (body)), *got;
  guint status;

  soup_message_headers_append (headers, "Authorization",
      "Bearer " WAN_SIM_DEFAULT_KEY);
  soup_message_headers_append (headers, "X-DashScope-Async", "enable");
  if (resolve)
    soup_message_headers_append (headers, "X-DashScope-OssResourceResolve",
        "enable");
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  got = soup_session_send_and_read (session, msg, NULL, NULL);
  fail_unless (got != NULL);
  status = soup_message_get_status (msg);
  *answer = g_strndup (g_bytes_get_data (got, NULL), g_bytes_get_size (got));
  g_bytes_unref (got);
  g_bytes_unref (bytes);
  g_object_unref (msg);
  g_object_unref (session);
  g_free (url);
  g_free (base);
  return status;
}

/* DashScope's temporary storage (docs/providers.md, "Upload (temporary
 * storage)"): an oss:// URL is resolved only with the header, only for
 * the model it was uploaded for, and only as the kind it is. */
GST_START_TEST (test_dashscope_oss_urls_resolved_only_as_documented)
{
  WanSim *sim = wan_sim_new (0, 0, NULL);
  WanClient *client = wan_sim_client_new (sim, "dashscope",
      WAN_SIM_DEFAULT_KEY);
  gchar *dir = g_dir_make_tmp ("wan-oss-XXXXXX", NULL);
  gchar *clip = g_build_filename (dir, "clip.mp4", NULL);
  WanRequest req, prepared;
  GError *error = NULL;
  gchar *body, *answer;
  guint i;
  const struct
  {
    const gchar *format;        /* %s: the oss:// URL */
    gboolean resolve;
    guint status;
    const gchar *says;
  } cases[] = {
    {"{\"model\":\"wan2.7-videoedit\",\"input\":{\"prompt\":\"p\",\"media\":"
          "[{\"type\":\"video\",\"url\":\"%s\"}]}}", FALSE, 400,
        "needs the header X-DashScope-OssResourceResolve: enable"},
    {"{\"model\":\"wan2.7-i2v\",\"input\":{\"media\":[{\"type\":"
          "\"first_clip\",\"url\":\"%s\"}]}}", TRUE, 400,
        "was not uploaded for wan2.7-i2v"},
    {"{\"model\":\"wan2.7-videoedit\",\"input\":{\"prompt\":\"p\",\"media\":"
          "[{\"type\":\"video\",\"url\":\"https://v.example/v.mp4\"},"
          "{\"type\":\"reference_image\",\"url\":\"%s\"}]}}", TRUE, 400,
        "must be an image"},
    {"{\"model\":\"wan2.7-videoedit\",\"input\":{\"prompt\":\"p\",\"media\":"
          "[{\"type\":\"video\",\"url\":\"%s\"}]}}", TRUE, 200, "task_id"},
  };

  /* An ISO media file's first box is all the checks read. */
  fail_unless (g_file_set_contents (clip, "\0\0\0\x18" "ftypmp42\0\0\0\0"
          "mp42isom", 24, NULL));
  wan_request_init (&req);
  req.provider = WAN_PROVIDER_DASHSCOPE;
  req.family = WAN_FAMILY_2_7;
  req.mode = WAN_MODE_EDIT;
  req.prompt = g_strdup ("p");
  req.video_uri = g_strdup (clip);
  fail_unless (wan_client_prepare_inputs (client, &req, &prepared, NULL,
          &error), "%s", error ? error->message : "");
  fail_unless (g_str_has_prefix (prepared.video_uri, "oss://"));
  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    body = g_strdup_printf (cases[i].format, prepared.video_uri);
    fail_unless_equals_int (post_create (sim, body, cases[i].resolve,
            &answer), cases[i].status);
    fail_unless (strstr (answer, cases[i].says) != NULL, "%u: %s", i, answer);
    g_free (answer);
    g_free (body);
  }
  fail_unless_equals_int (wan_sim_tasks_created (sim), 1);

  wan_request_clear (&prepared);
  wan_request_clear (&req);
  g_unlink (clip);
  g_rmdir (dir);
  g_free (clip);
  g_free (dir);
  wan_client_free (client);
  wan_sim_free (sim);
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
  tcase_add_test (tc, test_dashscope_oss_urls_resolved_only_as_documented);
  return s;
}

GST_CHECK_MAIN (sim);
