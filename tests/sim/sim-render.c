/* wan-sim: renders the MP4 a task would have produced
 *
 * Each render runs in a wan-sim-render child process, never in the
 * simulator's own: the tests link the simulator in, and a pipeline left
 * running by a test that ended early would share GStreamer's task pool
 * with the test's teardown, which holds the pool's lock while it waits for
 * every pool thread (a deadlock).  A child is cancelled by killing it, and
 * dies with the thread that started it.
 */

#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include "sim-private.h"
#include "sim-render.h"

#define HELPER_NAME "wan-sim-render"

static gboolean
is_executable (const gchar * path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR)
      && g_access (path, X_OK) == 0;
}

gchar *
sim_render_find_helper (GError ** error)
{
  gchar *self = g_file_read_link ("/proc/self/exe", NULL);
  gchar *dir = self ? g_path_get_dirname (self) : g_strdup (".");
  gchar *beside = g_build_filename (dir, HELPER_NAME, NULL);
  gchar *found = NULL;

  /* Where meson built it, else next to the program (an installed or
   * copied wan-sim). */
  if (is_executable (WAN_SIM_RENDER))
    found = g_strdup (WAN_SIM_RENDER);
  else if (is_executable (beside))
    found = g_strdup (beside);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
        "wan-sim cannot find its render helper %s (looked for %s and %s)",
        HELPER_NAME, WAN_SIM_RENDER, beside);
  g_free (beside);
  g_free (dir);
  g_free (self);
  return found;
}

/* Parsing creates the elements but starts nothing: no pad is activated,
 * no task is created, so it is safe in the test's process.  Done once per
 * process, since the answer cannot change while it runs. */
gboolean
sim_render_check (GError ** error)
{
  static GMutex lock;
  static gboolean checked;
  static GError *failure;
  gboolean ok;

  g_mutex_lock (&lock);
  if (!checked) {
    checked = TRUE;
    wan_sim_check_pipeline (SIM_RENDER_PIPELINE SIM_RENDER_AUDIO_BRANCH,
        &failure);
  }
  ok = failure == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (failure));
  g_mutex_unlock (&lock);
  return ok;
}

gboolean
wan_sim_check_pipeline (const gchar * description, GError ** error)
{
  GstElement *pipeline = sim_render_parse (description, error);

  if (pipeline == NULL)
    return FALSE;
  gst_object_unref (pipeline);
  return TRUE;
}

/* In the child, between fork and exec: die with the thread that started
 * us, even if it never gets to kill us (a test process that crashed or
 * was killed at its timeout). */
static void
die_with_parent (gpointer parent_pid)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != GPOINTER_TO_INT (parent_pid))
    _exit (1);
}

GSubprocess *
sim_render_spawn (const SimTask * task, const gchar * helper,
    const gchar * path, guint fps, GError ** error)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  GSubprocessLauncher *launcher;
  GSubprocess *proc;

  g_ptr_array_add (argv, g_strdup (helper));
  g_ptr_array_add (argv, g_strdup_printf ("--width=%u", task->width));
  g_ptr_array_add (argv, g_strdup_printf ("--height=%u", task->height));
  g_ptr_array_add (argv, g_strdup_printf ("--fps=%u", fps));
  g_ptr_array_add (argv, g_strdup_printf ("--duration=%u", task->duration));
  g_ptr_array_add (argv, g_strdup_printf ("--font=%s",
          task->height >= 1000 ? "Sans 28" : "Sans 18"));
  /* What the MP4 shows: the prompt, and what the request asked for. */
  g_ptr_array_add (argv, g_strdup_printf ("--text=%s\n%s · %s · %u×%u · "
          "%u s%s", task->prompt && *task->prompt ? task->prompt :
          "(no prompt)", task->dialect->name, task->model, task->width,
          task->height, task->duration, task->audio ? " · audio" : ""));
  if (task->audio)
    g_ptr_array_add (argv, g_strdup ("--audio"));
  g_ptr_array_add (argv, g_strdup ("--"));
  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent,
      GINT_TO_POINTER (getpid ()), NULL);
  proc = g_subprocess_launcher_spawnv (launcher,
      (const gchar * const *) argv->pdata, error);
  g_object_unref (launcher);
  g_ptr_array_unref (argv);
  return proc;
}
