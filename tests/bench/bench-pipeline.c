/* wanvideosrc in pipelines of this process: how soon the first buffer
 * leaves, how fast set_state(NULL) returns, and many sources at once. */

#include <unistd.h>
#include "bench.h"

#define REPEATS 3

static gdouble
ms_between (gint64 from_us, gint64 to_us)
{
  return (to_us - from_us) / 1e3;
}

/* 3. Progressive delivery: the first buffer against the whole download. */
void
bench_first_buffer (const gchar * path, guint mb)
{
  gchar *task_id = wan_sim_add_finished_task (bench_sim, "dashscope", path);
  gchar *props = g_strdup_printf ("task-id=%s", task_id);
  guint i;

  g_print ("\n## 3. First buffer downstream during a %u MB download\n\n"
      "| run | download | first buffer after download start | fraction |\n"
      "|---|---|---|---|\n", mb);
  for (i = 0; i < REPEATS; i++) {
    BenchPipe *pipe = bench_pipe_new ("dashscope", props);

    bench_pipe_play (pipe);
    bench_pipe_wait (pipe, &pipe->ended_us, 120);
    if (pipe->error || !pipe->download_done_us || !pipe->first_buffer_us) {
      g_print ("| %u | failed: %s | | |\n", i + 1, GST_STR_NULL (pipe->error));
    } else {
      gdouble download = ms_between (pipe->download_start_us,
          pipe->download_done_us);
      gdouble first = ms_between (pipe->download_start_us,
          pipe->first_buffer_us);

      g_print ("| %u | %.0f ms | %.1f ms | %.2f %% |\n", i + 1, download,
          first, 100.0 * first / MAX (download, 1e-3));
    }
    bench_pipe_free (pipe);
  }
  g_free (props);
  g_free (task_id);
}

/* 6. set_state(NULL) while the job waits between polls, and while it
 * downloads (a real transfer in flight, not a stalled one). */
void
bench_stop_latency (const gchar * path, guint mb)
{
  gchar *task_id = wan_sim_add_finished_task (bench_sim, "dashscope", path);
  gchar *resume = g_strdup_printf ("task-id=%s", task_id);
  guint i;

  g_print ("\n## 6. Time for set_state(NULL) to return\n\n"
      "| run | during a poll wait | during a %u MB download (still "
      "downloading when stopped) |\n|---|---|---|\n", mb);
  for (i = 0; i < REPEATS; i++) {
    BenchPipe *waiting = bench_pipe_new ("dashscope",
        "prompt=\"[ms=600000] Stopped while waiting\"");
    BenchPipe *downloading = bench_pipe_new ("dashscope", resume);
    gdouble wait_ms = -1, download_ms = -1;
    gboolean in_flight = FALSE;

    bench_pipe_play (waiting);
    /* The first poll comes 2 s after the task is created. */
    if (bench_pipe_wait (waiting, &waiting->task_us, 30)) {
      g_usleep (G_USEC_PER_SEC);
      wait_ms = bench_pipe_stop (waiting);
    }
    bench_pipe_play (downloading);
    if (bench_pipe_wait (downloading, &downloading->download_start_us, 30)) {
      g_usleep (50 * 1000);
      in_flight = downloading->download_done_us == 0;
      download_ms = bench_pipe_stop (downloading);
    }
    g_print ("| %u | %.1f ms | %.1f ms (%s) |\n", i + 1, wait_ms, download_ms,
        in_flight ? "yes" : "no");
    bench_pipe_free (downloading);
    bench_pipe_free (waiting);
  }
  g_free (resume);
  g_free (task_id);
}

/* --- 7. many sources --------------------------------------------------- */

typedef struct
{
  volatile gint stop;
  guint peak_threads, peak_fds;
} Sampler;

static guint
count_entries (const gchar * dir_path)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  if (dir)
    g_dir_close (dir);
  return n;
}

static gpointer
sample (gpointer data)
{
  Sampler *s = data;

  while (!g_atomic_int_get (&s->stop)) {
    s->peak_threads = MAX (s->peak_threads, count_entries ("/proc/self/task"));
    s->peak_fds = MAX (s->peak_fds, count_entries ("/proc/self/fd"));
    g_usleep (5 * 1000);
  }
  return NULL;
}

/* Runs @n generations of the same prompt at once, each in its own
 * pipeline; returns the wall time and how many ended with EOS. */
static gdouble
run_sources (guint n, const gchar * props, guint * completed, Sampler * sampler)
{
  BenchPipe **pipes = g_new0 (BenchPipe *, n);
  GThread *thread;
  gint64 start, last = 0;
  guint i;

  for (i = 0; i < n; i++)
    pipes[i] = bench_pipe_new ("dashscope", props);
  thread = g_thread_new ("sampler", sample, sampler);
  start = g_get_monotonic_time ();
  for (i = 0; i < n; i++)
    bench_pipe_play (pipes[i]);
  *completed = 0;
  for (i = 0; i < n; i++) {
    if (bench_pipe_wait (pipes[i], &pipes[i]->ended_us, 120)
        && pipes[i]->error == NULL)
      (*completed)++;
    last = MAX (last, pipes[i]->ended_us);
  }
  g_atomic_int_set (&sampler->stop, 1);
  g_thread_join (thread);
  for (i = 0; i < n; i++)
    bench_pipe_free (pipes[i]);
  g_free (pipes);
  return (last - start) / 1e6;
}

void
bench_concurrency (guint n_sources)
{
  const gchar *props = "prompt=\"[ms=3000] Many sources at once\"";
  guint threads = count_entries ("/proc/self/task");
  guint fds = count_entries ("/proc/self/fd");
  Sampler one = { 0 }, many = { 0 }, warm = { 0 };
  guint done_one, done_many;
  gdouble wall_one, wall_many;

  /* The simulator renders a prompt once; render it before measuring. */
  run_sources (1, props, &done_one, &warm);
  wall_one = run_sources (1, props, &done_one, &one);
  wall_many = run_sources (n_sources, props, &done_many, &many);

  g_print ("\n## 7. Concurrent sources (3 s generations, one pipeline "
      "each, in one process)\n\n"
      "| sources | completed | wall | vs one | threads (peak, added) | "
      "file descriptors (peak, added) |\n|---|---|---|---|---|---|\n");
  g_print ("| 1 | %u | %.2f s | 1.00x | %u | %u |\n", done_one, wall_one,
      one.peak_threads - threads, one.peak_fds - fds);
  g_print ("| %u | %u | %.2f s | %.2fx | %u | %u |\n", n_sources, done_many,
      wall_many, wall_many / MAX (wall_one, 1e-6),
      many.peak_threads - threads, many.peak_fds - fds);
  g_print ("\nBefore: %u threads and %u file descriptors in this process "
      "(the simulator's included).\n", threads, fds);
}
