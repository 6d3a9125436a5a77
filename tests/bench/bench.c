/* gst-wan benchmarks against the in-process simulator, on loopback
 *
 *   sh tests/bench/run.sh
 *
 * Prints figures, asserts nothing.  Each comparison runs side by side in
 * the same process and on the same simulator:
 *   - polls and completion-to-seen latency for one generation
 *     (WAN_BENCH_GEN_S seconds, default 60): wanvideosrc's adaptive
 *     schedule against the official DashScope SDK schedule;
 *   - CPU time of the thread that waits on that generation;
 *   - delivery of a finished task's result (16 MB and WAN_BENCH_MB, default
 *     256 MB) into fakesink: wanvideosrc against souphttpsrc, curlhttpsrc
 *     and curl on the same URL, wall time and peak RSS of each process.
 */

#define _GNU_SOURCE             /* RUSAGE_THREAD */
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include "wan-sim-client.h"

static WanSim *sim;

/* --- polling -------------------------------------------------------- */

typedef struct
{
  const gchar *provider;
  gboolean sdk_schedule;
  gchar *task_id;
  gint64 seen_us;               /* when success was seen */
  gdouble cpu_s;                /* of the waiting thread */
  GError *error;
} PollRun;

static guint
sdk_interval_ms (guint n)
{
  static const guint schedule[] = { 1, 1, 2, 2, 2, 4, 4, 4 };

  return 1000 * (n < G_N_ELEMENTS (schedule) ? schedule[n] : 5);
}

static void
on_created (const gchar * task_id, gpointer data)
{
  ((PollRun *) data)->task_id = g_strdup (task_id);
}

static void
on_state (const gchar * task_id, const WanTaskState * state, gpointer data)
{
  if (state->status == WAN_TASK_SUCCEEDED)
    ((PollRun *) data)->seen_us = g_get_monotonic_time ();
}

static gboolean
discard (const guint8 * data, gsize size, gpointer user_data, GError ** error)
{
  return TRUE;
}

static gdouble
thread_cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_THREAD, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
      (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static gpointer
poll_thread (gpointer data)
{
  PollRun *run = data;
  WanClient *client =
      wan_sim_client_new (sim, run->provider, WAN_SIM_DEFAULT_KEY);
  const WanTaskCallbacks callbacks = { on_created, on_state, NULL, discard };
  WanRunOptions options = { 0, 0 };
  WanTaskState state;
  WanRequest req;
  gdouble cpu = thread_cpu_s ();
  guint n;

  wan_request_init (&req);
  wan_provider_id_from_string (run->provider, &req.provider);
  req.prompt = g_strdup ("A benchmark");
  req.resolution = WAN_RESOLUTION_720P;
  if (!run->sdk_schedule) {
    wan_client_run (client, &req, NULL, &options, &callbacks, run, NULL,
        &run->error);
  } else {
    /* The SDKs' loop: sleep, ask, until it ends. */
    run->task_id = wan_client_submit (client, &req, NULL, &run->error);
    for (n = 0; run->task_id && !run->error && !run->seen_us; n++) {
      g_usleep (sdk_interval_ms (n) * 1000);
      if (wan_client_get_task (client, run->task_id, &state, NULL, &run->error)) {
        if (state.status == WAN_TASK_SUCCEEDED)
          run->seen_us = g_get_monotonic_time ();
        wan_task_state_clear (&state);
      }
    }
  }
  run->cpu_s = thread_cpu_s () - cpu;
  wan_request_clear (&req);
  wan_client_free (client);
  return NULL;
}

static void
bench_polling (guint gen_s)
{
  PollRun runs[] = {
    {"evolink", FALSE}, {"evolink", TRUE},
    {"dashscope", FALSE}, {"dashscope", TRUE},
  };
  GThread *threads[G_N_ELEMENTS (runs)];
  guint i;

  g_print ("\n## Polling a %u s generation (all four side by side)\n\n"
      "| provider | schedule | polls | latency after completion | CPU of "
      "waiting thread |\n|---|---|---|---|---|\n", gen_s);
  wan_sim_set_task_ms (sim, gen_s * 1000);
  for (i = 0; i < G_N_ELEMENTS (runs); i++)
    threads[i] = g_thread_new ("poll", poll_thread, &runs[i]);
  for (i = 0; i < G_N_ELEMENTS (runs); i++) {
    PollRun *r = &runs[i];

    g_thread_join (threads[i]);
    if (r->error) {
      g_print ("| %s | %s | error: %s | | |\n", r->provider,
          r->sdk_schedule ? "DashScope SDK" : "wanvideosrc adaptive",
          r->error->message);
      g_clear_error (&r->error);
    } else {
      g_print ("| %s | %s | %u | %.2f s | %.3f s |\n", r->provider,
          r->sdk_schedule ? "DashScope SDK (1,1,2,2,2,4,4,4,5... s)" :
          "wanvideosrc adaptive", wan_sim_task_polls (sim, r->task_id),
          (r->seen_us - wan_sim_task_done_us (sim, r->task_id)) / 1e6,
          r->cpu_s);
    }
    g_free (r->task_id);
  }
}

/* --- delivery ------------------------------------------------------- */

typedef struct
{
  gdouble wall_s;
  glong max_rss_kb;
  gint status;
} ProcResult;

static ProcResult
run_process (gchar ** argv)
{
  ProcResult r = { 0, 0, -1 };
  gint64 start = g_get_monotonic_time ();
  struct rusage ru;
  int status;
  pid_t pid = fork ();

  if (pid == 0) {
    int null = open ("/dev/null", O_WRONLY);

    dup2 (null, 1);
    dup2 (null, 2);
    execvp (argv[0], argv);
    _exit (127);
  }
  if (pid > 0 && wait4 (pid, &status, 0, &ru) == pid) {
    r.wall_s = (g_get_monotonic_time () - start) / 1e6;
    r.max_rss_kb = ru.ru_maxrss;
    r.status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  }
  return r;
}

static gchar *
make_file (const gchar * dir, guint mb)
{
  gchar *path = g_strdup_printf ("%s/result-%u.mp4", dir, mb);
  FILE *f = fopen (path, "wb");
  guint8 *block = g_malloc (1024 * 1024);
  guint i, j;

  for (i = 0; i < mb; i++) {
    for (j = 0; j < 1024 * 1024; j++)
      block[j] = (guint8) (i * 131 + j * 7 + (j >> 9));
    fwrite (block, 1, 1024 * 1024, f);
  }
  fclose (f);
  g_free (block);
  return path;
}

static void
bench_delivery (const gchar * dir, guint mb)
{
  gchar *path = make_file (dir, mb);
  gchar *task_id = wan_sim_add_finished_task (sim, "dashscope", path);
  gchar *base_url = wan_sim_get_base_url (sim, "dashscope");
  WanClient *client =
      wan_sim_client_new (sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  WanTaskState state;
  gchar *url, *base_arg, *task_arg, *loc_arg;
  struct
  {
    const gchar *name;
    gchar *argv[12];
    ProcResult r;
  } tools[4];
  gdouble best_peer = 0;
  guint i;

  wan_client_get_task (client, task_id, &state, NULL, NULL);
  url = g_strdup (state.video_url);
  wan_task_state_clear (&state);
  base_arg = g_strconcat ("base-url=", base_url, NULL);
  task_arg = g_strconcat ("task-id=", task_id, NULL);
  loc_arg = g_strconcat ("location=", url, NULL);

  tools[0].name = "wanvideosrc";
  tools[1].name = "souphttpsrc";
  tools[2].name = "curlhttpsrc";
  tools[3].name = "curl -o /dev/null";
  {
    gchar *wan[] = { "gst-launch-1.0", "-q", "wanvideosrc", base_arg,
      "api-key=" WAN_SIM_DEFAULT_KEY, task_arg, "!", "fakesink", NULL
    };
    gchar *soup[] = { "gst-launch-1.0", "-q", "souphttpsrc", loc_arg, "!",
      "fakesink", NULL
    };
    gchar *curlsrc[] = { "gst-launch-1.0", "-q", "curlhttpsrc", loc_arg, "!",
      "fakesink", NULL
    };
    gchar *curl[] = { "curl", "-s", "-o", "/dev/null", url, NULL };

    memcpy (tools[0].argv, wan, sizeof (wan));
    memcpy (tools[1].argv, soup, sizeof (soup));
    memcpy (tools[2].argv, curlsrc, sizeof (curlsrc));
    memcpy (tools[3].argv, curl, sizeof (curl));
  }
  /* One warm-up pass fills the page cache, then the measured one. */
  run_process (tools[3].argv);
  for (i = 0; i < G_N_ELEMENTS (tools); i++)
    tools[i].r = run_process (tools[i].argv);
  for (i = 1; i < 3; i++)
    if (tools[i].r.status == 0 && (best_peer == 0
            || tools[i].r.wall_s < best_peer))
      best_peer = tools[i].r.wall_s;

  g_print ("\n## Delivering a finished %u MB result into fakesink\n\n"
      "| tool | exit | wall | throughput | vs fastest GStreamer peer | "
      "peak RSS |\n|---|---|---|---|---|---|\n", mb);
  for (i = 0; i < G_N_ELEMENTS (tools); i++) {
    ProcResult *r = &tools[i].r;

    g_print ("| %s | %d | %.2f s | %.0f MB/s | %.2fx | %.1f MB |\n",
        tools[i].name, r->status, r->wall_s, mb / MAX (r->wall_s, 1e-6),
        best_peer > 0 ? best_peer / MAX (r->wall_s, 1e-6) : 0,
        r->max_rss_kb / 1024.0);
  }
  g_unlink (path);
  g_free (loc_arg);
  g_free (task_arg);
  g_free (base_arg);
  g_free (url);
  wan_client_free (client);
  g_free (base_url);
  g_free (task_id);
  g_free (path);
}

static void
print_machine (void)
{
  struct utsname u;
  gchar *cpuinfo = NULL, *model = NULL, *line;

  uname (&u);
  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL)
      && (line = strstr (cpuinfo, "model name")) != NULL)
    model = g_strndup (strchr (line, ':') + 2, strcspn (strchr (line, ':')
            + 2, "\n"));
  g_print ("# gst-wan benchmarks\n\nMachine: %s %s, %s, %u CPUs, "
      "GStreamer %s\n", u.sysname, u.release, model ? model : "unknown CPU",
      g_get_num_processors (), gst_version_string ());
  g_free (model);
  g_free (cpuinfo);
}

int
main (int argc, char **argv)
{
  const gchar *gen = g_getenv ("WAN_BENCH_GEN_S");
  const gchar *big = g_getenv ("WAN_BENCH_MB");
  GError *error = NULL;
  gchar *dir;

  gst_init (&argc, &argv);
  sim = wan_sim_new (0, 0, &error);
  if (sim == NULL)
    g_error ("simulator: %s", error->message);
  print_machine ();
  dir = g_dir_make_tmp ("wan-bench-XXXXXX", NULL);
  bench_delivery (dir, 16);
  bench_delivery (dir, big ? atoi (big) : 256);
  bench_polling (gen ? atoi (gen) : 60);
  g_rmdir (dir);
  g_free (dir);
  wan_sim_free (sim);
  return 0;
}
