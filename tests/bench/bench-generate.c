/* wan-generate's batch makespan against the ideal, on the simulator
 *
 *   meson test -C build --benchmark wan-bench-generate
 *
 * A batch of 20 five-second videos at --jobs 4, each generation taking
 * WAN_BENCH_GEN_MS (default 10000) in the simulator.  The ideal is
 * ceil(20 / 4) x the generation time: everything the tool adds (starting
 * pipelines, submitting, polling late, downloading, writing) shows in the
 * ratio.  Prints figures; asserts nothing.
 */

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <gst/gst.h>
#include "wan-sim.h"

#define N_VIDEOS 20
#define N_JOBS 4

int
main (int argc, char **argv)
{
  const gchar *env = g_getenv ("WAN_BENCH_GEN_MS");
  guint gen_ms = env ? atoi (env) : 10000;
  guint poll_ms = 250;
  gchar *dir = g_dir_make_tmp ("wan-bench-generate-XXXXXX", NULL);
  gchar *manifest = g_build_filename (dir, "jobs.jsonl", NULL);
  gchar *state = g_build_filename (dir, "xdg-state", NULL);
  gchar *cache = g_build_filename (dir, "xdg-cache", NULL);
  GString *lines = g_string_new (NULL);
  GError *error = NULL;
  WanSim *sim;
  gchar *base_url, *url_arg, *poll_arg, *jobs_arg, *out = NULL, *err = NULL;
  gchar **envp;
  gint status = -1;
  gint64 start, end;
  gdouble makespan, ideal;
  guint i;

  gst_init (&argc, &argv);
  sim = wan_sim_new (0, 0, &error);
  if (sim == NULL) {
    g_printerr ("simulator: %s\n", error->message);
    return 1;
  }
  wan_sim_set_task_ms (sim, gen_ms);
  for (i = 1; i <= N_VIDEOS; i++)
    g_string_append_printf (lines, "{\"prompt\": \"bench %u\", "
        "\"duration\": 5, \"output\": \"%u.mp4\"}\n", i, i);
  g_file_set_contents (manifest, lines->str, -1, NULL);

  base_url = wan_sim_get_base_url (sim, "dashscope");
  url_arg = g_strconcat ("--base-url=", base_url, NULL);
  poll_arg = g_strdup_printf ("--poll-interval=%u", poll_ms);
  jobs_arg = g_strdup_printf ("%u", N_JOBS);
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "WAN_API_KEY", "sim-key", TRUE);
  envp = g_environ_setenv (envp, "XDG_STATE_HOME", state, TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache, TRUE);
  {
    gchar *args[] = { WAN_GENERATE_TOOL, url_arg, poll_arg, "-q",
      "--batch", manifest, "--jobs", jobs_arg, NULL
    };

    start = g_get_monotonic_time ();
    g_spawn_sync (dir, args, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
        &status, &error);
    end = g_get_monotonic_time ();
  }
  makespan = (end - start) / 1e6;
  ideal = ((N_VIDEOS + N_JOBS - 1) / N_JOBS) * gen_ms / 1000.0;
  g_print ("| videos | jobs | generation | poll | makespan | ideal | ratio |\n"
      "|---|---|---|---|---|---|---|\n"
      "| %u | %u | %.1f s | %u ms | %.2f s | %.1f s | %.3f |\n",
      N_VIDEOS, N_JOBS, gen_ms / 1000.0, poll_ms, makespan, ideal,
      makespan / ideal);
  g_print ("most tasks at once: %u, tasks created: %u, exit status %d\n",
      wan_sim_most_running (sim), wan_sim_tasks_created (sim),
      WIFEXITED (status) ? WEXITSTATUS (status) : -1);
  if (status != 0)
    g_print ("%s%s\n", out ? out : "", err ? err : "");

  wan_sim_free (sim);
  g_strfreev (envp);
  g_free (out);
  g_free (err);
  g_free (jobs_arg);
  g_free (poll_arg);
  g_free (url_arg);
  g_free (base_url);
  g_string_free (lines, TRUE);
  {
    gchar *rm[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
        NULL, NULL, NULL);
  }
  g_free (cache);
  g_free (state);
  g_free (manifest);
  g_free (dir);
  return 0;
}
