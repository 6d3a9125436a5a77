/* gst-wan tests: one wanvideosrc pipeline run against the simulator */

#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <libsoup/soup.h>
#include "run-util.h"

WanSim *sim;
gchar *tmpdir;
/* Each test's own journal, beside tmpdir: an entry a stopped run leaves
 * must not make a later test (on a simulator that reuses the port and its
 * task ids) resume a task instead of creating one. */
static gchar *journal_dir;

/* The environment as the test found it, put back by the teardown: with
 * CK_FORK=no every later test runs in this same process. */
static gchar **saved_environ;

/* Process groups of the children started with run_util_spawn(). */
static GArray *child_groups;

static void kill_child_groups (void);

static void
restore_environ (gchar ** saved)
{
  gchar **now = g_listenv (), **name;

  for (name = now; *name; name++) {
    if (g_environ_getenv (saved, *name) == NULL)
      g_unsetenv (*name);
  }
  for (name = saved; *name; name++) {
    gchar **kv = g_strsplit (*name, "=", 2);

    if (g_strcmp0 (g_getenv (kv[0]), kv[1]) != 0)
      g_setenv (kv[0], kv[1], TRUE);
    g_strfreev (kv);
  }
  g_strfreev (now);
}

void
run_util_setup (void)
{
  GError *error = NULL;

  saved_environ = g_get_environ ();
  child_groups = g_array_new (FALSE, FALSE, sizeof (GPid));
  sim = wan_sim_new (0, 0, &error);
  fail_unless (sim != NULL, "simulator: %s", error ? error->message : "");
  wan_sim_set_task_ms (sim, 300);
  wan_sim_set_fps (sim, 4);
  tmpdir = g_dir_make_tmp ("wanvideosrc-test-XXXXXX", NULL);
  journal_dir = g_strconcat (tmpdir, "-journal", NULL);
}

/* Removes @path and, when it is a directory, everything in it. */
void
remove_tree (const gchar * path)
{
  /* A link is removed, never followed: it may point at a system file. */
  GDir *d = g_file_test (path, G_FILE_TEST_IS_SYMLINK) ? NULL :
      g_dir_open (path, 0, NULL);
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

void
run_util_teardown (void)
{
  /* The children first: they may still be talking to the simulator, or
   * writing into tmpdir. */
  kill_child_groups ();
  remove_tree (tmpdir);
  remove_tree (journal_dir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&journal_dir, g_free);
  g_clear_pointer (&sim, wan_sim_free);
  restore_environ (saved_environ);
  g_clear_pointer (&saved_environ, g_strfreev);
}

/* In the child, before exec: its own process group, so the teardown can
 * kill everything it starts (a script's gst-launch-1.0 too), and SIGTERM
 * when the test process dies without a teardown (killed at its timeout).
 * gst-launch-1.0, shells and Python end on SIGTERM; coreutils timeout
 * passes it on to its whole group. */
static void
child_setup (gpointer parent_pid)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != GPOINTER_TO_INT (parent_pid))
    _exit (1);
}

GSubprocess *
run_util_spawn (GSubprocessFlags flags, const gchar * cwd, gchar ** envp,
    const gchar * const *argv, GError ** error)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  GSubprocess *proc;

  if (cwd)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  if (envp)
    g_subprocess_launcher_set_environ (launcher, envp);
  g_subprocess_launcher_set_child_setup (launcher, child_setup,
      GINT_TO_POINTER (getpid ()), NULL);
  proc = g_subprocess_launcher_spawnv (launcher, argv, error);
  g_object_unref (launcher);
  if (proc) {
    GPid pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (proc),
        NULL, 10);

    g_array_append_val (child_groups, pid);
  }
  return proc;
}

gboolean
run_util_spawn_sync (const gchar * cwd, gchar ** envp,
    const gchar * const *argv, gchar ** out, gchar ** err, gint * status,
    GError ** error)
{
  GSubprocess *proc = run_util_spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
      G_SUBPROCESS_FLAGS_STDERR_PIPE, cwd, envp, argv, error);
  gboolean ok;

  if (proc == NULL)
    return FALSE;
  ok = g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, error);
  if (ok)
    *status = g_subprocess_get_status (proc);
  else
    g_subprocess_force_exit (proc);
  g_object_unref (proc);
  return ok;
}

Ran
run_util_run (gchar ** envp, const gchar * const *argv)
{
  GError *error = NULL;
  Ran ran = { -1, NULL, NULL };

  fail_unless (run_util_spawn_sync (tmpdir, envp, argv, &ran.out, &ran.err,
          &ran.status, &error), "%s", error ? error->message : "");
  return ran;
}

void
ran_clear (Ran * ran)
{
  g_free (ran->out);
  g_free (ran->err);
}

gint
ran_exit_status (const Ran * ran)
{
  return WIFEXITED (ran->status) ? WEXITSTATUS (ran->status) : -1;
}

/* Whatever is left of the children's groups (a script's process that
 * outlived it, a child still running because the test failed first) dies
 * here, and the direct children are reaped. */
static void
kill_child_groups (void)
{
  guint i;

  for (i = 0; i < child_groups->len; i++) {
    GPid pgid = g_array_index (child_groups, GPid, i);

    if (killpg (pgid, SIGKILL) != 0 && errno != ESRCH)
      g_printerr ("cannot kill process group %d: %s\n", pgid,
          g_strerror (errno));
  }
  g_clear_pointer (&child_groups, g_array_unref);
}

GSubprocess *
run_util_spawn_paid_launch (const gchar * location, const gchar * journal,
    GInputStream ** messages)
{
  gchar *launch = g_find_program_in_path ("gst-launch-1.0");
  gchar *base_url = wan_sim_get_base_url (sim, "dashscope");
  gchar *url_arg = g_strconcat ("base-url=", base_url, NULL);
  gchar *loc_arg = g_strconcat ("location=", location, NULL);
  gchar *journal_arg = g_strconcat ("journal-dir=", journal ? journal :
      journal_dir, NULL);
  const gchar *argv[] = { launch, "-m", "wanvideosrc", url_arg,
    "api-key=" WAN_SIM_DEFAULT_KEY, "poll-interval=100",
    "prompt=A paid video", loc_arg, journal_arg, "!", "fakesink", NULL
  };
  GError *error = NULL;
  GSubprocess *proc;

  fail_unless (launch != NULL, "gst-launch-1.0 is not installed");
  if (messages == NULL)
    argv[1] = "-q";
  proc = run_util_spawn (messages ? G_SUBPROCESS_FLAGS_STDOUT_PIPE :
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE, NULL, NULL, argv, &error);
  fail_unless (proc != NULL, "%s", error ? error->message : "");
  if (messages)
    *messages = g_subprocess_get_stdout_pipe (proc);
  g_free (journal_arg);
  g_free (loc_arg);
  g_free (url_arg);
  g_free (base_url);
  g_free (launch);
  return proc;
}

void
assert_source_tags (const GstTagList * tags, GstElement * src,
    const gchar * title, const gchar * provider)
{
  gchar *text, *task;

  fail_unless (tags != NULL, "no tags from the source");
  fail_unless (gst_tag_list_get_string (tags, GST_TAG_TITLE, &text));
  fail_unless_equals_string (text, title);
  g_free (text);
  fail_unless (gst_tag_list_get_string (tags, "wan-provider", &text));
  fail_unless_equals_string (text, provider);
  g_free (text);
  fail_unless (gst_tag_list_get_string (tags, "wan-task-id", &text));
  g_object_get (src, "task-id", &task, NULL);
  fail_unless_equals_string (text, task);
  g_free (task);
  g_free (text);
}

GstPadProbeReturn
count_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer counter)
{
  g_atomic_int_inc ((gint *) counter);
  return GST_PAD_PROBE_OK;
}

static void
on_decoded_pad (GstElement * decodebin, GstPad * pad, Run * run)
{
  GstCaps *caps = gst_pad_get_current_caps (pad);
  GstStructure *s = gst_caps_get_structure (caps, 0);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  GstPad *sinkpad;
  gboolean video = g_str_has_prefix (gst_structure_get_name (s), "video/");

  if (video) {
    gst_structure_get_int (s, "width", &run->width);
    gst_structure_get_int (s, "height", &run->height);
  }
  g_object_set (sink, "sync", FALSE, NULL);
  gst_bin_add (GST_BIN (run->pipeline), sink);
  gst_element_sync_state_with_parent (sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer,
      video ? &run->video_frames : &run->audio_buffers, NULL);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
  gst_caps_unref (caps);
}

/* @settings: "key=value|key=value", values as gst-launch would take them. */
void
apply (GstElement * element, const gchar * settings)
{
  gchar **pairs = g_strsplit (settings, "|", -1), **p;

  for (p = pairs; *p; p++) {
    gchar **kv = g_strsplit (*p, "=", 2);

    if (kv[0] && kv[1])
      gst_util_set_object_arg (G_OBJECT (element), kv[0], kv[1]);
    g_strfreev (kv);
  }
  g_strfreev (pairs);
}

/* Builds "wanvideosrc ! TAIL" with the simulator's base URL and key. */
gchar *
sim_uri (const gchar * provider, const gchar * query)
{
  gchar *base_url = wan_sim_get_base_url (sim, provider);
  gchar *cache_dir = g_build_filename (tmpdir, "cache", NULL);
  gchar *url = g_uri_escape_string (base_url, NULL, FALSE);
  gchar *cache = g_uri_escape_string (cache_dir, NULL, FALSE);
  gchar *journal = g_uri_escape_string (journal_dir, NULL, FALSE);
  gchar *uri = g_strdup_printf ("wan://%s?base-url=%s&cache-dir=%s&"
      "journal-dir=%s&%s", provider, url, cache, journal, query);

  g_free (journal);
  g_free (cache);
  g_free (url);
  g_free (cache_dir);
  g_free (base_url);
  return uri;
}

void
run_setup (Run * run, const gchar * provider, const gchar * settings,
    const gchar * tail)
{
  gchar *base_url = wan_sim_get_base_url (sim, provider);
  gchar *desc = g_strdup_printf ("wanvideosrc name=src ! %s", tail);
  gchar *cache_dir;
  GError *error = NULL;
  GstElement *dec;

  memset (run, 0, sizeof (*run));
  run->pipeline = gst_parse_launch (desc, &error);
  fail_unless (run->pipeline != NULL && error == NULL, "%s: %s", desc,
      error ? error->message : "");
  run->src = gst_bin_get_by_name (GST_BIN (run->pipeline), "src");
  /* The test's own cache and journal: a port a later simulator reuses
   * must not find what an earlier test left under its address. */
  cache_dir = g_build_filename (tmpdir, "cache", NULL);
  g_object_set (run->src, "base-url", base_url, "api-key",
      WAN_SIM_DEFAULT_KEY, "poll-interval", 100, "journal-dir", journal_dir,
      "cache-dir", cache_dir, NULL);
  g_free (cache_dir);
  gst_util_set_object_arg (G_OBJECT (run->src), "provider", provider);
  apply (run->src, settings);
  dec = gst_bin_get_by_name (GST_BIN (run->pipeline), "dec");
  if (dec) {
    g_signal_connect (dec, "pad-added", G_CALLBACK (on_decoded_pad), run);
    gst_object_unref (dec);
  }
  run->task_messages = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_structure_free);
  run->progress_codes = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, NULL);
  run->completed_codes = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, NULL);
  g_free (desc);
  g_free (base_url);
}

/* Handles one bus message; TRUE when the run is over. */
gboolean
run_message (Run * run, GstMessage * msg)
{
  const GstStructure *s = gst_message_get_structure (msg);

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ELEMENT:
      if (gst_structure_has_name (s, "wan-task"))
        g_ptr_array_add (run->task_messages, gst_structure_copy (s));
      return FALSE;
    case GST_MESSAGE_PROGRESS:{
      GstProgressType type;
      gchar *code, *text;

      gst_message_parse_progress (msg, &type, &code, &text);
      if (type == GST_PROGRESS_TYPE_COMPLETE)
        g_hash_table_add (run->completed_codes, g_strdup (code));
      g_hash_table_add (run->progress_codes, code);
      g_free (text);
      return FALSE;
    }
    case GST_MESSAGE_ERROR:
      run->error = gst_message_ref (msg);
      return TRUE;
    case GST_MESSAGE_EOS:
      return TRUE;
    default:
      return FALSE;
  }
}

void
run_wait (Run * run, GstState target)
{
  GstBus *bus = gst_element_get_bus (run->pipeline);
  gboolean done = FALSE;

  if (gst_element_set_state (run->pipeline, target) == GST_STATE_CHANGE_FAILURE) {
    GstMessage *msg;

    /* start() refused: the error is already on the bus. */
    while (!run->error && (msg = gst_bus_pop (bus))) {
      run_message (run, msg);
      gst_message_unref (msg);
    }
    fail_unless (run->error != NULL, "state change failed with no error");
    gst_object_unref (bus);
    return;
  }
  while (!done) {
    GstMessage *msg = gst_bus_timed_pop (bus, 60 * GST_SECOND);

    fail_unless (msg != NULL, "no EOS or error within 60 s");
    done = run_message (run, msg);
    gst_message_unref (msg);
  }
  gst_object_unref (bus);
}

void
run_clear (Run * run)
{
  gst_element_set_state (run->pipeline, GST_STATE_NULL);
  gst_object_unref (run->src);
  gst_object_unref (run->pipeline);
  g_ptr_array_unref (run->task_messages);
  g_hash_table_unref (run->progress_codes);
  g_hash_table_unref (run->completed_codes);
  if (run->error)
    gst_message_unref (run->error);
}

void
run_full (Run * run, const gchar * provider, const gchar * settings,
    const gchar * tail)
{
  run_setup (run, provider, settings, tail);
  run_wait (run, GST_STATE_PLAYING);
}

void
assert_error (Run * run, GQuark domain, gint code, const gchar * text_part)
{
  GError *error = NULL;
  gchar *debug = NULL;

  fail_unless (run->error != NULL, "expected an error");
  gst_message_parse_error (run->error, &error, &debug);
  fail_unless (g_error_matches (error, domain, code),
      "got %s (%d) '%s' / %s", g_quark_to_string (error->domain),
      error->code, error->message, debug);
  if (text_part)
    fail_unless (strstr (error->message, text_part) != NULL,
        "'%s' is not in '%s'", text_part, error->message);
  fail_if (debug && strstr (debug, WAN_SIM_DEFAULT_KEY));
  fail_if (strstr (error->message, WAN_SIM_DEFAULT_KEY));
  g_error_free (error);
  g_free (debug);
}

void
assert_same_file (const gchar * a, const gchar * b)
{
  gchar *da, *db;
  gsize la, lb;

  fail_unless (g_file_get_contents (a, &da, &la, NULL), "%s", a);
  fail_unless (g_file_get_contents (b, &db, &lb, NULL), "%s", b);
  fail_unless_equals_uint64 (la, lb);
  fail_unless (memcmp (da, db, la) == 0, "%s and %s differ", a, b);
  g_free (da);
  g_free (db);
}

void
say (const gchar * format, ...)
{
  va_list args;
  gchar *line;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  /* Flushed: a forked test process may end with _exit(). */
  fprintf (stdout, "%s\n", line);
  fflush (stdout);
  g_free (line);
}

/* Makes @dir/@name with "PIPELINE ! filesink location=…". */
gchar *
make_media_file (const gchar * dir, const gchar * name, const gchar * pipeline)
{
  gchar *path = g_build_filename (dir, name, NULL);
  gchar *desc = g_strdup_printf ("%s ! filesink location=\"%s\"", pipeline,
      path);
  GstElement *p = gst_parse_launch (desc, NULL);
  GstBus *bus;
  GstMessage *msg;

  fail_unless (p != NULL, "%s", desc);
  gst_element_set_state (p, GST_STATE_PLAYING);
  bus = gst_element_get_bus (p);
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS, "%s", desc);
  gst_message_unref (msg);
  gst_object_unref (bus);
  gst_element_set_state (p, GST_STATE_NULL);
  gst_object_unref (p);
  g_free (desc);
  return path;
}

/* POSTs @body to the simulator's create endpoint of @provider; its HTTP
 * status, and the answer in @answer. */
guint
sim_post_create (const gchar * provider, const gchar * path, const gchar * body,
    gchar ** answer)
{
  gchar *base = wan_sim_get_base_url (sim, provider);
  gchar *url = g_strconcat (base, path, NULL);
  SoupSession *session = soup_session_new ();
  SoupMessage *msg = soup_message_new ("POST", url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  GBytes *reply;
  guint status;

  soup_message_headers_append (headers, "Authorization",
      "Bearer " WAN_SIM_DEFAULT_KEY);
  soup_message_headers_append (headers, "X-DashScope-Async", "enable");
  soup_message_set_request_body_from_bytes (msg, "application/json",
      g_bytes_new_static (body, strlen (body)));
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  fail_unless (reply != NULL);
  status = soup_message_get_status (msg);
  *answer = g_strndup (g_bytes_get_data (reply, NULL),
      g_bytes_get_size (reply));
  g_bytes_unref (reply);
  g_object_unref (msg);
  g_object_unref (session);
  g_free (url);
  g_free (base);
  return status;
}
