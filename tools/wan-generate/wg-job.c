/* wan-generate: one generation as one pipeline, watched from the bus
 *
 * To a file: "wanvideosrc location=FILE ! fakesink"; the element writes
 * the MP4 under a temporary name and renames it when complete, so an
 * output is either whole or absent.  To stdout: the MP4 as served has its
 * moov at the end, which a pipe reader cannot wait for, so it is remuxed
 * (no re-encoding) into a fragmented MP4 whose header comes first.
 */

#include <stdio.h>
#include <unistd.h>
#include "wan-generate.h"

struct _WgJob
{
  GstElement *pipeline;
  GstElement *src;
  GstElement *mux;              /* NULL when writing a file */
  gchar *label;
  gchar *task_id;
  guint watch;
  gint64 started_us;
  gint estimated_s;             /* the provider's expected time, -1: none */
  gboolean over;
  GError *error;                /* the first error, which says why */
  gint exit_status;
  gboolean rate_limited;
  WgJobCallbacks callbacks;
  gpointer data;
};

/* ------------------------------------------------------------------ */
/* Progress on stderr                                                   */

static gboolean progress_quiet;
static gboolean progress_tty;
static gboolean status_shown;
static gboolean job_status = TRUE;
static GHashTable *last_status; /* label → text, for plain output */

void
wg_progress_init (gboolean quiet)
{
  progress_quiet = quiet;
  progress_tty = isatty (STDERR_FILENO);
  last_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
wg_progress_set_job_status (gboolean show)
{
  job_status = show;
}

gboolean
wg_progress_is_terminal (void)
{
  return progress_tty && !progress_quiet;
}

void
wg_progress_end (void)
{
  if (status_shown)
    fputs ("\n", stderr);
  status_shown = FALSE;
}

void
wg_progress_line (const gchar * format, ...)
{
  va_list args;

  if (progress_quiet)
    return;
  if (status_shown)
    fputs ("\r\033[K", stderr);
  status_shown = FALSE;
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputs ("\n", stderr);
}

/* A terminal gets one line redrawn in place; a log gets a line for each
 * change, never the same one twice in a row. */
void
wg_progress_status (const gchar * label, const gchar * text)
{
  const gchar *last;

  if (progress_quiet)
    return;
  if (progress_tty) {
    fprintf (stderr, "\r\033[K%s: %s", label, text);
    status_shown = TRUE;
    return;
  }
  last = g_hash_table_lookup (last_status, label);
  if (last && g_str_equal (last, text))
    return;
  g_hash_table_insert (last_status, g_strdup (label), g_strdup (text));
  fprintf (stderr, "%s: %s\n", label, text);
}

static void
show_progress (WgJob * job, GstMessage * msg)
{
  const GstStructure *s = gst_message_get_structure (msg);
  GstProgressType type;
  gchar *code, *text, *line;
  gint percent = -1;
  gint64 elapsed = (g_get_monotonic_time () - job->started_us) / G_USEC_PER_SEC;

  if (!job_status)
    return;
  gst_message_parse_progress (msg, &type, &code, &text);
  gst_structure_get_int (s, "percent", &percent);
  if (percent >= 0)
    line = g_strdup_printf ("%s %3d%%  %" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT
        "  %s", code, percent, elapsed / 60, elapsed % 60, text);
  else
    line = g_strdup_printf ("%s  %" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT
        "  %s", code, elapsed / 60, elapsed % 60, text);
  if (job->estimated_s >= 0 && g_str_equal (code, "generate")) {
    gchar *with_estimate = g_strdup_printf ("%s (the provider expects %d:%02d)",
        line, job->estimated_s / 60, job->estimated_s % 60);

    g_free (line);
    line = with_estimate;
  }
  wg_progress_status (job->label, line);
  g_free (line);
  g_free (code);
  g_free (text);
}

/* ------------------------------------------------------------------ */
/* The bus                                                              */

static void
finish (WgJob * job)
{
  if (job->over)
    return;
  job->over = TRUE;
  job->callbacks.done (job, job->error, job->error ? job->exit_status :
      WG_EXIT_SAVED, job->rate_limited, job->data);
}

static void
on_error (WgJob * job, GstMessage * msg)
{
  const GstStructure *details = NULL;
  GError *error = NULL;
  guint http_status = 0;

  /* The first error says why; later ones only follow from it. */
  if (job->error)
    return;
  gst_message_parse_error (msg, &error, NULL);
  gst_message_parse_error_details (msg, &details);
  if (details)
    gst_structure_get_uint (details, "http-status", &http_status);
  if (g_error_matches (error, GST_RESOURCE_ERROR,
          GST_RESOURCE_ERROR_NOT_AUTHORIZED))
    job->exit_status = WG_EXIT_NOT_AUTHORIZED;
  else if (g_error_matches (error, GST_RESOURCE_ERROR,
          GST_RESOURCE_ERROR_SETTINGS))
    job->exit_status = WG_EXIT_USAGE;
  else
    job->exit_status = WG_EXIT_FAILED;
  /* Refused for too many tasks at once, before any task was made:
   * nothing was paid, and the same request can simply be sent later. */
  job->rate_limited = http_status == 429 && job->task_id == NULL;
  job->error = error;
}

static gboolean
on_message (GstBus * bus, GstMessage * msg, gpointer data)
{
  WgJob *job = data;
  const GstStructure *s = gst_message_get_structure (msg);
  const gchar *id;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_PROGRESS:
      show_progress (job, msg);
      break;
    case GST_MESSAGE_ELEMENT:
      if (!gst_structure_has_name (s, "wan-task"))
        break;
      gst_structure_get_int (s, "estimated-seconds", &job->estimated_s);
      id = gst_structure_get_string (s, "task-id");
      if (id && g_strcmp0 (id, job->task_id) != 0) {
        g_free (job->task_id);
        job->task_id = g_strdup (id);
        job->callbacks.task_known (job, id, job->data);
      }
      break;
    case GST_MESSAGE_ERROR:
      on_error (job, msg);
      finish (job);
      job->watch = 0;
      return G_SOURCE_REMOVE;
    case GST_MESSAGE_EOS:
      finish (job);
      job->watch = 0;
      return G_SOURCE_REMOVE;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------ */
/* Pipelines                                                            */

/* Each stream of the served MP4 goes through its own queue into the
 * muxer: qtdemux pushes all of them from one thread. */
static void
on_pad_added (GstElement * demux, GstPad * pad, gpointer data)
{
  WgJob *job = data;
  GstElement *queue = gst_element_factory_make ("queue", NULL);
  GstPad *sink;

  gst_bin_add (GST_BIN (job->pipeline), queue);
  sink = gst_element_get_static_pad (queue, "sink");
  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK
      || !gst_element_link (queue, job->mux))
    GST_ELEMENT_ERROR (job->mux, STREAM, MUX, ("cannot remux the stream "
            "%s", GST_PAD_NAME (pad)), (NULL));
  gst_object_unref (sink);
  gst_element_sync_state_with_parent (queue);
}

static gboolean
build_pipe_tail (WgJob * job)
{
  GstElement *demux = gst_element_factory_make ("qtdemux", NULL);
  GstElement *sink = gst_element_factory_make ("fdsink", NULL);

  job->mux = gst_element_factory_make ("mp4mux", NULL);
  if (!demux || !sink || !job->mux) {
    g_clear_object (&demux);
    g_clear_object (&sink);
    g_clear_object (&job->mux);
    return FALSE;
  }
  /* Fragments of one second, headers first: playable from a pipe as it
   * arrives. */
  g_object_set (job->mux, "fragment-duration", 1000, "streamable", TRUE, NULL);
  g_object_set (sink, "fd", STDOUT_FILENO, "sync", FALSE, NULL);
  gst_bin_add_many (GST_BIN (job->pipeline), demux, job->mux, sink, NULL);
  g_signal_connect (demux, "pad-added", G_CALLBACK (on_pad_added), job);
  return gst_element_link (job->src, demux)
      && gst_element_link (job->mux, sink);
}

WgJob *
wg_job_new (GstElement * src, const gchar * output, const gchar * label,
    const WgJobCallbacks * callbacks, gpointer data)
{
  WgJob *job = g_new0 (WgJob, 1);
  gboolean ok;

  job->pipeline = gst_pipeline_new (label);
  job->src = gst_object_ref (src);
  job->label = g_strdup (label);
  job->callbacks = *callbacks;
  job->data = data;
  gst_bin_add (GST_BIN (job->pipeline), src);
  if (g_str_equal (output, "-")) {
    ok = build_pipe_tail (job);
  } else {
    GstElement *sink = gst_element_factory_make ("fakesink", NULL);

    g_object_set (src, "location", output, NULL);
    g_object_set (sink, "sync", FALSE, NULL);
    gst_bin_add (GST_BIN (job->pipeline), sink);
    ok = gst_element_link (src, sink);
  }
  if (!ok) {
    g_set_error (&job->error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
        "cannot build the pipeline (qtdemux, mp4mux: gstreamer1.0-plugins-"
        "good)");
    job->exit_status = WG_EXIT_USAGE;
  }
  return job;
}

gboolean
wg_job_start (WgJob * job)
{
  GstBus *bus;

  job->started_us = g_get_monotonic_time ();
  job->estimated_s = -1;
  if (job->error) {
    finish (job);
    return FALSE;
  }
  bus = gst_element_get_bus (job->pipeline);
  job->watch = gst_bus_add_watch (bus, on_message, job);
  gst_object_unref (bus);
  if (gst_element_set_state (job->pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    /* The error on the bus says why (bad settings, no key); take it now. */
    GstBus *b = gst_element_get_bus (job->pipeline);
    GstMessage *msg;

    while ((msg = gst_bus_pop_filtered (b, GST_MESSAGE_ERROR)) != NULL) {
      on_error (job, msg);
      gst_message_unref (msg);
    }
    gst_object_unref (b);
    if (job->error == NULL) {
      g_set_error (&job->error, GST_CORE_ERROR, GST_CORE_ERROR_STATE_CHANGE,
          "the pipeline could not start");
      job->exit_status = WG_EXIT_FAILED;
    }
    finish (job);
    return FALSE;
  }
  return TRUE;
}

void
wg_job_stop (WgJob * job)
{
  if (job->watch) {
    g_source_remove (job->watch);
    job->watch = 0;
  }
  gst_element_set_state (job->pipeline, GST_STATE_NULL);
}

const gchar *
wg_job_task_id (WgJob * job)
{
  return job->task_id;
}

void
wg_job_free (WgJob * job)
{
  if (job == NULL)
    return;
  wg_job_stop (job);
  gst_object_unref (job->src);
  gst_object_unref (job->pipeline);
  g_clear_error (&job->error);
  g_free (job->label);
  g_free (job->task_id);
  g_free (job);
}
