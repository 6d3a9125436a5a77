/* wan-generate: one Wan video, or a manifest of them, from the command
 * line (shared declarations of the tool's parts) */

#ifndef __WAN_GENERATE_H__
#define __WAN_GENERATE_H__

#include <stdio.h>
#include <gst/gst.h>
#include <wan/wan-client.h>

G_BEGIN_DECLS

/* Exit statuses (documented in --help and the README). */
enum
{
  WG_EXIT_SAVED = 0,            /* every video saved */
  WG_EXIT_FAILED = 1,           /* a generation failed: the provider's words */
  WG_EXIT_USAGE = 2,            /* bad options, settings or manifest line */
  WG_EXIT_NOT_AUTHORIZED = 3,   /* no key, or the key was refused */
  WG_EXIT_INTERRUPTED = 4,      /* Ctrl-C: state kept, rerun to continue */
};

/* Seconds billed for a request that leaves duration unset: every
 * provider's default length. */
#define WG_DEFAULT_SECONDS 5

/* ---- settings (wg-settings.c) ---------------------------------------- */

/* Element properties by name, as the user wrote them (strings; a list for
 * reference-uris).  Generated from wanvideosrc's own properties. */
typedef struct _WgSettings WgSettings;

WgSettings *wg_settings_new (void);
void wg_settings_free (WgSettings * settings);
/* Every property set in @defaults and not in @settings is copied over. */
void wg_settings_merge_defaults (WgSettings * settings,
    const WgSettings * defaults);
/* @name is a property or alias ("image", "reference"); FALSE and an error
 * naming it when there is no such option. */
gboolean wg_settings_add (WgSettings * settings, const gchar * name,
    const gchar * value, GError ** error);
gboolean wg_settings_has (const WgSettings * settings, const gchar * name);

/* The option group of every wanvideosrc property, writing into @settings,
 * blurbs as gst-inspect shows them.  NULL when the plugin is missing. */
GOptionGroup *wg_settings_option_group (WgSettings * settings,
    GError ** error);

/* Sets each setting on @src, checking it against the property's type and
 * range: the error names the option and the value. */
gboolean wg_settings_apply (const WgSettings * settings, GstElement * src,
    GError ** error);

/* The request @src's properties describe, checked as the element will at
 * start (key, base URL, the provider's limits).  On error, *@exit_status
 * says which kind. */
gboolean wg_check_element (GstElement * src, WanRequest * req,
    gint * exit_status, GError ** error);

/* Seconds of video @req asks for (what the providers bill). */
guint wg_request_seconds (const WanRequest * req);

/* Prints, for --dry-run, what the create call of @src would send: method,
 * URL, headers (key redacted) and body. */
gboolean wg_print_request (GstElement * src, const WanRequest * req,
    FILE * out, GError ** error);

/* ---- one job = one pipeline (wg-job.c) -------------------------------- */

typedef struct _WgJob WgJob;

typedef struct
{
  /* The task id is known (created, or resumed). */
  void (*task_known) (WgJob * job, const gchar * task_id, gpointer data);
  /* The job ended: @error NULL when the video is saved. */
  void (*done) (WgJob * job, const GError * error, gint exit_status,
      gboolean rate_limited, gpointer data);
} WgJobCallbacks;

/* Builds "wanvideosrc ! fakesink" (location=@output) or, for @output "-",
 * a remux to a fragmented MP4 on stdout.  @src is configured already. */
WgJob *wg_job_new (GstElement * src, const gchar * output,
    const gchar * label, const WgJobCallbacks * callbacks, gpointer data);
gboolean wg_job_start (WgJob * job);
/* Stops the pipeline (a running task is kept: the element's journal and
 * the task id resume it). */
void wg_job_stop (WgJob * job);
void wg_job_free (WgJob * job);
const gchar *wg_job_task_id (WgJob * job);

/* Progress output: a status line redrawn on a terminal, plain lines
 * otherwise, nothing with --quiet. */
void wg_progress_init (gboolean quiet);
void wg_progress_line (const gchar * format, ...) G_GNUC_PRINTF (1, 2);
void wg_progress_status (const gchar * label, const gchar * text);
void wg_progress_end (void);
/* Whether each job's steps are shown (a batch shows its own summary). */
void wg_progress_set_job_status (gboolean show);
/* Progress goes to a terminal, where a status line is redrawn. */
gboolean wg_progress_is_terminal (void);

/* ---- batch (wg-batch.c) ----------------------------------------------- */

typedef struct
{
  const gchar *manifest;
  const gchar *state;           /* NULL: MANIFEST.state beside it */
  const gchar *report;          /* NULL: none */
  guint jobs;                   /* 0: per provider */
  guint64 max_seconds;          /* 0: no limit */
  gboolean retry_failed;
  gboolean dry_run;
} WgBatchOptions;

gint wg_batch_run (const WgBatchOptions * options,
    const WgSettings * defaults);

G_END_DECLS

#endif /* __WAN_GENERATE_H__ */
