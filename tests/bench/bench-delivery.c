/* Delivery of a finished result into fakesink, wanvideosrc against the
 * tools people would otherwise use on the same URL, each in its own
 * process so that wall time and peak RSS are the whole cost. */

#include <glib/gstdio.h>
#include "bench.h"

#define N_TOOLS 4

static const gchar *const tool_names[N_TOOLS] = {
  "wanvideosrc", "souphttpsrc", "curlhttpsrc", "curl -o /dev/null"
};

/* Each tool's command line for the task's result. */
static gchar **
tool_argv (guint tool, const gchar * task_id, const gchar * url)
{
  gchar *base_url = wan_sim_get_base_url (bench_sim, "dashscope");
  gchar **argv = NULL;

  switch (tool) {
    case 0:
      argv = g_strsplit ("gst-launch-1.0 -q wanvideosrc BASE "
          "api-key=" WAN_SIM_DEFAULT_KEY " TASK ! fakesink", " ", -1);
      g_free (argv[3]);
      argv[3] = g_strconcat ("base-url=", base_url, NULL);
      g_free (argv[5]);
      argv[5] = g_strconcat ("task-id=", task_id, NULL);
      break;
    case 1:
    case 2:
      argv = g_strsplit ("gst-launch-1.0 -q SRC LOCATION ! fakesink", " ", -1);
      g_free (argv[2]);
      argv[2] = g_strdup (tool == 1 ? "souphttpsrc" : "curlhttpsrc");
      g_free (argv[3]);
      argv[3] = g_strconcat ("location=", url, NULL);
      break;
    default:
      argv = g_strsplit ("curl -s -o /dev/null URL", " ", -1);
      g_free (argv[4]);
      argv[4] = g_strdup (url);
      break;
  }
  g_free (base_url);
  return argv;
}

static void
measure (const gchar * path, BenchProcess * results)
{
  gchar *task_id = wan_sim_add_finished_task (bench_sim, "dashscope", path);
  WanClient *client =
      wan_sim_client_new (bench_sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  WanTaskState state;
  gchar **argv;
  guint i;

  wan_client_get_task (client, task_id, &state, NULL, NULL);
  /* One warm-up pass puts the file in the page cache for everyone. */
  argv = tool_argv (3, task_id, state.video_url);
  bench_run_process (argv, NULL);
  g_strfreev (argv);
  for (i = 0; i < N_TOOLS; i++) {
    argv = tool_argv (i, task_id, state.video_url);
    results[i] = bench_run_process (argv, NULL);
    g_strfreev (argv);
  }
  wan_task_state_clear (&state);
  wan_client_free (client);
  g_free (task_id);
}

void
bench_delivery (gchar ** paths, const guint * sizes_mb, guint n_sizes)
{
  BenchProcess (*results)[N_TOOLS] =
      g_malloc0 (sizeof (BenchProcess[N_TOOLS]) * n_sizes);
  guint s, i;

  g_print ("\n## 1, 5. Delivering a finished result into fakesink\n\n"
      "Each tool in its own process, one after the other on the same URL "
      "(the file already in the page cache).\n\n"
      "| size | tool | exit | wall | throughput | vs fastest GStreamer peer "
      "| peak RSS |\n|---|---|---|---|---|---|---|\n");
  for (s = 0; s < n_sizes; s++) {
    gdouble best_peer = 0;

    measure (paths[s], results[s]);
    for (i = 1; i < 3; i++)
      if (results[s][i].status == 0 && (best_peer == 0
              || results[s][i].wall_s < best_peer))
        best_peer = results[s][i].wall_s;
    for (i = 0; i < N_TOOLS; i++) {
      BenchProcess *r = &results[s][i];

      g_print ("| %u MB | %s | %d | %.2f s | %.0f MB/s | %.2fx | %.1f MB |\n",
          sizes_mb[s], tool_names[i], r->status, r->wall_s,
          sizes_mb[s] / MAX (r->wall_s, 1e-6),
          best_peer > 0 ? best_peer / MAX (r->wall_s, 1e-6) : 0,
          r->max_rss_kb / 1024.0);
    }
  }
  g_print ("\nPeak RSS, %u MB result against %u MB:", sizes_mb[n_sizes - 1],
      sizes_mb[0]);
  for (i = 0; i < N_TOOLS; i++)
    g_print ("%s %s %+.0f %%", i ? "," : "", tool_names[i],
        100.0 * results[n_sizes - 1][i].max_rss_kb /
        MAX (results[0][i].max_rss_kb, 1) - 100.0);
  g_print ("\n");
  g_free (results);
}
