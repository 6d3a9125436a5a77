/* gst-wan benchmarks: what the parts share */

#ifndef __WAN_BENCH_H__
#define __WAN_BENCH_H__

#include <gst/gst.h>
#include "wan-sim-client.h"

G_BEGIN_DECLS

extern WanSim *bench_sim;

/* --- other processes (gst-launch-1.0, curl) -------------------------- */

typedef struct
{
  gdouble wall_s;
  gdouble cpu_s;                /* user + system */
  glong max_rss_kb;
  gint status;                  /* exit status, -1: killed or not run */
} BenchProcess;

/* Runs @argv to its end; its standard output goes to @stdout_path (NULL:
 * nowhere), its errors nowhere. */
BenchProcess bench_run_process (gchar ** argv, const gchar * stdout_path);

/* --- pipelines in this process ------------------------------------- */

/* One "wanvideosrc … ! fakesink" pipeline and the moments (monotonic
 * microseconds, 0: not yet) at which things happened in it, noted by a sync
 * bus handler and a pad probe in the thread where they happen. */
typedef struct
{
  GstElement *pipeline;
  GMutex lock;
  GCond cond;
  gchar *task_id;
  gint64 started_us;
  gint64 task_us;               /* the task id was known */
  gint64 download_start_us;
  gint64 first_buffer_us;
  gint64 download_done_us;
  gint64 ended_us;              /* EOS or error */
  gchar *error;
} BenchPipe;

/* "wanvideosrc base-url=SIM api-key=KEY PROVIDER-PROPS ! fakesink";
 * @props names the provider and what to make or resume. */
BenchPipe *  bench_pipe_new         (const gchar * provider,
                                     const gchar * props);
void         bench_pipe_play        (BenchPipe * pipe);
/* Waits until *@moment is set or the pipeline ended, at most @timeout_s. */
gboolean     bench_pipe_wait        (BenchPipe * pipe, gint64 * moment,
                                     guint timeout_s);
/* Stops the pipeline; returns how long set_state(NULL) took, in ms. */
gdouble      bench_pipe_stop        (BenchPipe * pipe);
void         bench_pipe_free        (BenchPipe * pipe);

/* A file of @mb MiB of bytes in @dir, and a finished task serving it. */
gchar *      bench_make_file        (const gchar * dir, guint mb);

/* --- the parts ------------------------------------------------------ */

void         bench_delivery         (gchar ** paths, const guint * sizes_mb,
                                     guint n_sizes);
void         bench_first_buffer     (const gchar * path, guint mb);
void         bench_stop_latency     (const gchar * path, guint mb);
void         bench_concurrency      (guint n_sources);
void         bench_polling          (guint gen_s, guint n_runs);
/* Runs beside bench_polling(): started before, reported after. */
GThread *    bench_waiting_cpu_start (guint gen_s);
void         bench_waiting_cpu_report (GThread * thread);

G_END_DECLS

#endif /* __WAN_BENCH_H__ */
