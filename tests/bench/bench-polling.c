/* Polling: completion-to-first-buffer latency and polls per task, and the
 * CPU a process uses while a generation runs.
 *
 * One fixed generation time would measure one phase of each schedule
 * against the completion, which is luck; the runs spread their lengths
 * evenly over 85–115 % of the nominal time (the simulator's "[ms=N]"
 * marker) and all run at once. */

#include <glib/gstdio.h>
#include "bench.h"

typedef struct
{
  const gchar *provider;
  gboolean sdk;                 /* else wanvideosrc's adaptive schedule */
  guint task_ms;
  gchar *task_id;
  gint64 first_byte_us;
  gchar *error;
} PollRun;

/* The official DashScope SDK's waits between polls. */
static guint
sdk_interval_ms (guint n)
{
  static const guint schedule[] = { 1, 1, 2, 2, 2, 4, 4, 4 };

  return 1000 * (n < G_N_ELEMENTS (schedule) ? schedule[n] : 5);
}

static gboolean
first_byte (const guint8 * data, gsize size, gpointer user_data,
    GError ** error)
{
  *(gint64 *) user_data = g_get_monotonic_time ();
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "enough");
  return FALSE;
}

/* The SDKs' loop: sleep, ask, until it ends; then fetch the first byte. */
static void
run_sdk (PollRun * run, const gchar * prompt)
{
  WanClient *client =
      wan_sim_client_new (bench_sim, run->provider, WAN_SIM_DEFAULT_KEY);
  WanTaskState state = { 0 };
  GError *error = NULL;
  WanRequest req;
  guint n;

  wan_request_init (&req);
  wan_provider_id_from_string (run->provider, &req.provider);
  req.prompt = g_strdup (prompt);
  req.resolution = WAN_RESOLUTION_720P;
  run->task_id = wan_client_submit (client, &req, NULL, &error);
  for (n = 0; run->task_id && !error; n++) {
    g_usleep (sdk_interval_ms (n) * 1000);
    if (wan_client_get_task (client, run->task_id, &state, NULL, &error)
        && state.status == WAN_TASK_SUCCEEDED) {
      wan_client_download (client, state.video_url, first_byte,
          &run->first_byte_us, NULL, NULL, NULL);
      break;
    }
    wan_task_state_clear (&state);
  }
  wan_task_state_clear (&state);
  if (error)
    run->error = g_strdup (error->message);
  g_clear_error (&error);
  wan_request_clear (&req);
  wan_client_free (client);
}

static void
run_element (PollRun * run, const gchar * prompt)
{
  gchar *props = g_strdup_printf ("prompt=\"%s\"", prompt);
  BenchPipe *pipe = bench_pipe_new (run->provider, props);

  bench_pipe_play (pipe);
  bench_pipe_wait (pipe, &pipe->first_buffer_us, run->task_ms / 1000 + 120);
  run->first_byte_us = pipe->first_buffer_us;
  run->task_id = g_strdup (pipe->task_id);
  run->error = g_strdup (pipe->error);
  bench_pipe_free (pipe);
  g_free (props);
}

static gpointer
poll_thread (gpointer data)
{
  PollRun *run = data;
  gchar *prompt = g_strdup_printf ("[ms=%u] A polling benchmark",
      run->task_ms);

  if (run->sdk)
    run_sdk (run, prompt);
  else
    run_element (run, prompt);
  g_free (prompt);
  return NULL;
}

static void
report (PollRun * runs, guint n_runs, const gchar * provider, gboolean sdk)
{
  gdouble latency_sum = 0, latency_max = 0, polls_sum = 0;
  guint i, ok = 0;

  for (i = 0; i < n_runs; i++) {
    PollRun *r = &runs[i];
    gdouble latency;

    if (r->sdk != sdk || strcmp (r->provider, provider) != 0)
      continue;
    if (r->error || !r->first_byte_us) {
      g_print ("| %s | %s | failed: %s | | | |\n", provider,
          sdk ? "DashScope SDK" : "wanvideosrc", GST_STR_NULL (r->error));
      continue;
    }
    latency = (r->first_byte_us -
        wan_sim_task_done_us (bench_sim, r->task_id)) / 1e6;
    latency_sum += latency;
    latency_max = MAX (latency_max, latency);
    polls_sum += wan_sim_task_polls (bench_sim, r->task_id);
    ok++;
  }
  if (ok)
    g_print ("| %s | %s | %u | %.1f | %.2f s | %.2f s |\n", provider,
        sdk ? "DashScope SDK (1,1,2,2,2,4,4,4,5... s)" :
        "wanvideosrc adaptive", ok, polls_sum / ok, latency_sum / ok,
        latency_max);
}

void
bench_polling (guint gen_s, guint n_runs)
{
  static const gchar *const providers[] = { "evolink", "dashscope" };
  guint n = G_N_ELEMENTS (providers) * 2 * n_runs;
  PollRun *runs = g_new0 (PollRun, n);
  GThread **threads = g_new0 (GThread *, n);
  guint i;

  for (i = 0; i < n; i++) {
    guint k = i % n_runs;

    runs[i].provider = providers[i / (2 * n_runs)];
    runs[i].sdk = (i / n_runs) % 2;
    runs[i].task_ms = gen_s * (850 + (n_runs > 1 ? 300 * k / (n_runs - 1) : 0));
    threads[i] = g_thread_new ("poll", poll_thread, &runs[i]);
  }
  for (i = 0; i < n; i++)
    g_thread_join (threads[i]);

  g_print ("\n## 2. Completion to first buffer, %u generations of %u-%u s "
      "per row, all at once\n\nwanvideosrc rows: the element in a pipeline, "
      "latency to its first buffer.  SDK rows: the SDK's loop on the same "
      "client library, latency to the first byte of the video.\n\n"
      "| provider | schedule | runs | polls per task | mean latency | "
      "worst latency |\n|---|---|---|---|---|---|\n", n_runs,
      gen_s * 85 / 100, gen_s * 115 / 100);
  for (i = 0; i < G_N_ELEMENTS (providers); i++) {
    report (runs, n, providers[i], FALSE);
    report (runs, n, providers[i], TRUE);
  }
  for (i = 0; i < n; i++) {
    g_free (runs[i].task_id);
    g_free (runs[i].error);
  }
  g_free (threads);
  g_free (runs);
}

/* --- 4. CPU while waiting ------------------------------------------ */

typedef struct
{
  guint gen_s;
  BenchProcess waiting, instant;
} CpuRun;

static BenchProcess
launch_generation (guint task_ms)
{
  gchar *base_url = wan_sim_get_base_url (bench_sim, "toapis");
  gchar *base_arg = g_strconcat ("base-url=", base_url, NULL);
  gchar *prompt_arg = g_strdup_printf ("prompt=[ms=%u] CPU while waiting",
      task_ms);
  gchar *argv[] = { "gst-launch-1.0", "-q", "wanvideosrc", "provider=toapis",
    base_arg, "api-key=" WAN_SIM_DEFAULT_KEY, prompt_arg, "!", "fakesink",
    NULL
  };
  BenchProcess r = bench_run_process (argv, NULL);

  g_free (prompt_arg);
  g_free (base_arg);
  g_free (base_url);
  return r;
}

static gpointer
cpu_thread (gpointer data)
{
  CpuRun *run = data;

  /* The same pipeline twice: once waiting for the generation, once for a
   * task that is done almost at once; the difference is the waiting. */
  run->waiting = launch_generation (run->gen_s * 1000);
  run->instant = launch_generation (1);
  return run;
}

GThread *
bench_waiting_cpu_start (guint gen_s)
{
  CpuRun *run = g_new0 (CpuRun, 1);

  run->gen_s = gen_s;
  return g_thread_new ("cpu", cpu_thread, run);
}

void
bench_waiting_cpu_report (GThread * thread)
{
  CpuRun *run = g_thread_join (thread);

  g_print ("\n## 4. CPU used by a gst-launch-1.0 process while waiting\n\n"
      "| generation | exit | wall | CPU (user + system) |\n|---|---|---|---|\n"
      "| %u s | %d | %.1f s | %.3f s |\n| ~0 s | %d | %.1f s | %.3f s |\n\n"
      "Spent waiting on the %u s generation: %.3f s of CPU.\n", run->gen_s,
      run->waiting.status, run->waiting.wall_s, run->waiting.cpu_s,
      run->instant.status, run->instant.wall_s, run->instant.cpu_s,
      run->gen_s, run->waiting.cpu_s - run->instant.cpu_s);
  g_free (run);
}
