/* gst-wan benchmarks against the in-process simulator, on loopback
 *
 *   sh tests/bench/run.sh
 *
 * Prints figures as Markdown tables and asserts nothing.  Every comparison
 * runs side by side in the same run, on the same simulator:
 *   - delivery of a finished task's result (16 MB, 256 MB, 512 MB) into
 *     fakesink: wanvideosrc against souphttpsrc, curlhttpsrc and curl,
 *     wall time and peak RSS of each process (bench-delivery.c);
 *   - first buffer as a fraction of the download, set_state(NULL) during a
 *     poll wait and during a download, 32 sources at once
 *     (bench-pipeline.c);
 *   - completion-to-first-buffer latency and polls over several
 *     generations around WAN_BENCH_GEN_S seconds (default 60), adaptive
 *     against the DashScope SDK's schedule, and the CPU time a waiting
 *     process uses (bench-polling.c).
 * WAN_BENCH_MB (default 256) sets the throughput size; WAN_BENCH_RUNS
 * (default 6) the generations per provider and schedule.
 */

#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "bench.h"

WanSim *bench_sim;

BenchProcess
bench_run_process (gchar ** argv, const gchar * stdout_path)
{
  BenchProcess r = { 0, 0, 0, -1 };
  gint64 start = g_get_monotonic_time ();
  struct rusage ru;
  int status;
  pid_t pid = fork ();

  if (pid == 0) {
    int null = open ("/dev/null", O_WRONLY);
    int out = stdout_path ? open (stdout_path, O_WRONLY | O_CREAT | O_TRUNC,
        0600) : null;

    dup2 (out, 1);
    dup2 (null, 2);
    execvp (argv[0], argv);
    _exit (127);
  }
  if (pid > 0 && wait4 (pid, &status, 0, &ru) == pid) {
    r.wall_s = (g_get_monotonic_time () - start) / 1e6;
    r.cpu_s = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
        (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    r.max_rss_kb = ru.ru_maxrss;
    r.status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  }
  return r;
}

gchar *
bench_make_file (const gchar * dir, guint mb)
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

/* --- pipelines in this process ------------------------------------- */

static void
note (BenchPipe * pipe, gint64 * moment)
{
  g_mutex_lock (&pipe->lock);
  if (*moment == 0)
    *moment = g_get_monotonic_time ();
  g_cond_broadcast (&pipe->cond);
  g_mutex_unlock (&pipe->lock);
}

static GstBusSyncReply
on_message (GstBus * bus, GstMessage * msg, gpointer data)
{
  BenchPipe *pipe = data;
  const GstStructure *s = gst_message_get_structure (msg);
  GstProgressType type;
  gchar *code = NULL;
  GError *error = NULL;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ELEMENT:
      if (gst_structure_has_name (s, "wan-task") && pipe->task_id == NULL) {
        g_mutex_lock (&pipe->lock);
        pipe->task_id = g_strdup (gst_structure_get_string (s, "task-id"));
        g_mutex_unlock (&pipe->lock);
        note (pipe, &pipe->task_us);
      }
      break;
    case GST_MESSAGE_PROGRESS:
      gst_message_parse_progress (msg, &type, &code, NULL);
      if (g_strcmp0 (code, "download") == 0) {
        if (type == GST_PROGRESS_TYPE_START)
          note (pipe, &pipe->download_start_us);
        else if (type == GST_PROGRESS_TYPE_COMPLETE)
          note (pipe, &pipe->download_done_us);
      }
      g_free (code);
      break;
    case GST_MESSAGE_ERROR:
      gst_message_parse_error (msg, &error, NULL);
      g_mutex_lock (&pipe->lock);
      if (pipe->error == NULL)
        pipe->error = g_strdup (error->message);
      g_mutex_unlock (&pipe->lock);
      g_error_free (error);
      note (pipe, &pipe->ended_us);
      break;
    case GST_MESSAGE_EOS:
      note (pipe, &pipe->ended_us);
      break;
    default:
      break;
  }
  return GST_BUS_DROP;
}

static GstPadProbeReturn
on_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  note (data, &((BenchPipe *) data)->first_buffer_us);
  return GST_PAD_PROBE_REMOVE;
}

BenchPipe *
bench_pipe_new (const gchar * provider, const gchar * props)
{
  BenchPipe *pipe = g_new0 (BenchPipe, 1);
  gchar *base_url = wan_sim_get_base_url (bench_sim, provider);
  gchar *launch = g_strdup_printf ("wanvideosrc name=src provider=%s "
      "base-url=%s api-key=" WAN_SIM_DEFAULT_KEY " %s ! fakesink", provider,
      base_url, props);
  GstElement *src;
  GstPad *pad;
  GstBus *bus;

  g_mutex_init (&pipe->lock);
  g_cond_init (&pipe->cond);
  pipe->pipeline = gst_parse_launch (launch, NULL);
  g_assert (pipe->pipeline != NULL);
  src = gst_bin_get_by_name (GST_BIN (pipe->pipeline), "src");
  pad = gst_element_get_static_pad (src, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_buffer, pipe, NULL);
  bus = gst_element_get_bus (pipe->pipeline);
  gst_bus_set_sync_handler (bus, on_message, pipe, NULL);
  gst_object_unref (bus);
  gst_object_unref (pad);
  gst_object_unref (src);
  g_free (launch);
  g_free (base_url);
  return pipe;
}

void
bench_pipe_play (BenchPipe * pipe)
{
  pipe->started_us = g_get_monotonic_time ();
  gst_element_set_state (pipe->pipeline, GST_STATE_PLAYING);
}

gboolean
bench_pipe_wait (BenchPipe * pipe, gint64 * moment, guint timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_TIME_SPAN_SECOND;
  gboolean seen;

  g_mutex_lock (&pipe->lock);
  while (*moment == 0 && pipe->ended_us == 0
      && g_cond_wait_until (&pipe->cond, &pipe->lock, end));
  seen = *moment != 0;
  g_mutex_unlock (&pipe->lock);
  return seen;
}

gdouble
bench_pipe_stop (BenchPipe * pipe)
{
  gint64 start = g_get_monotonic_time ();

  gst_element_set_state (pipe->pipeline, GST_STATE_NULL);
  return (g_get_monotonic_time () - start) / 1e3;
}

void
bench_pipe_free (BenchPipe * pipe)
{
  gst_element_set_state (pipe->pipeline, GST_STATE_NULL);
  gst_object_unref (pipe->pipeline);
  g_free (pipe->task_id);
  g_free (pipe->error);
  g_mutex_clear (&pipe->lock);
  g_cond_clear (&pipe->cond);
  g_free (pipe);
}

/* ------------------------------------------------------------------ */

static void
print_machine (void)
{
  struct utsname u;
  gchar *cpuinfo = NULL, *model = NULL, *line;
  gchar *version = gst_version_string ();

  uname (&u);
  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL)
      && (line = strstr (cpuinfo, "model name")) != NULL)
    model = g_strndup (strchr (line, ':') + 2, strcspn (strchr (line, ':')
            + 2, "\n"));
  g_print ("# gst-wan benchmarks\n\nMachine: %s %s, %s, %u CPUs, %s\n",
      u.sysname, u.release, model ? model : "unknown CPU",
      g_get_num_processors (), version);
  g_free (version);
  g_free (model);
  g_free (cpuinfo);
}

static guint
env_uint (const gchar * name, guint fallback)
{
  const gchar *value = g_getenv (name);

  return value && atoi (value) > 0 ? (guint) atoi (value) : fallback;
}

int
main (int argc, char **argv)
{
  guint sizes[] = { 16, env_uint ("WAN_BENCH_MB", 256), 512 };
  guint gen_s = env_uint ("WAN_BENCH_GEN_S", 60);
  gchar *paths[G_N_ELEMENTS (sizes) + 1] = { NULL };
  GError *error = NULL;
  GThread *cpu;
  gchar *dir;
  guint i;

  gst_init (&argc, &argv);
  bench_sim = wan_sim_new (0, 0, &error);
  if (bench_sim == NULL)
    g_error ("simulator: %s", error->message);
  print_machine ();
  dir = g_dir_make_tmp ("wan-bench-XXXXXX", NULL);
  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    paths[i] = bench_make_file (dir, sizes[i]);

  bench_delivery (paths, sizes, G_N_ELEMENTS (sizes));
  bench_first_buffer (paths[1], sizes[1]);
  bench_stop_latency (paths[2], sizes[2]);
  bench_concurrency (32);
  cpu = bench_waiting_cpu_start (gen_s);
  bench_polling (gen_s, env_uint ("WAN_BENCH_RUNS", 6));
  bench_waiting_cpu_report (cpu);

  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_unlink (paths[i]);
  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_free (paths[i]);
  g_rmdir (dir);
  g_free (dir);
  wan_sim_free (bench_sim);
  return 0;
}
