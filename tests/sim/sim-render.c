/* wan-sim: renders the MP4 a task would have produced
 *
 * A test pattern at the requested size, frame count and duration, with the
 * prompt drawn on it, and a sine tone when the request has audio.  mp4mux
 * writes its moov atom at the end (no faststart), the harder case for a
 * player, so every simulated download exercises seeking.
 */

#include <gst/gst.h>
#include "sim-private.h"

#define RENDER_PIPELINE \
  "videotestsrc name=video pattern=smpte is-live=false " \
  "! capsfilter name=size " \
  "! textoverlay name=text valignment=center halignment=center " \
  "  shaded-background=true " \
  "! videoconvert ! video/x-raw,format=I420 " \
  "! x264enc speed-preset=ultrafast key-int-max=8 " \
  "! h264parse ! mp4mux name=mux ! filesink name=sink "

#define AUDIO_BRANCH \
  "audiotestsrc name=audio wave=sine freq=440 samplesperbuffer=1024 " \
  "! audio/x-raw,rate=44100,channels=2 ! avenc_aac ! aacparse ! mux. "

/* Runs @pipeline to its end; gives up when @cancellable fires (the
 * simulator shuts down) or after two minutes. */
static gboolean
run_to_eos (GstElement * pipeline, GCancellable * cancellable, GError ** error)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg = NULL;
  gboolean ok = FALSE;
  guint waited;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (waited = 0; msg == NULL && waited < 1200; waited++) {
    if (g_cancellable_is_cancelled (cancellable))
      break;
    msg = gst_bus_timed_pop_filtered (bus, 100 * GST_MSECOND,
        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  }
  if (msg && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS)
    ok = TRUE;
  else if (msg)
    gst_message_parse_error (msg, error, NULL);
  else
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_FAILED,
        "rendering %s", g_cancellable_is_cancelled (cancellable) ?
        "cancelled" : "timed out");
  if (msg)
    gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  return ok;
}

gchar *
sim_render_video (const SimTask * task, const gchar * dir, guint fps,
    GCancellable * cancellable, GError ** error)
{
  gchar *description, *text, *path, *name;
  GstElement *pipeline, *e;
  GstCaps *caps;
  gboolean ok;

  description = g_strconcat (RENDER_PIPELINE, task->audio ? AUDIO_BRANCH : "",
      NULL);
  pipeline = gst_parse_launch (description, error);
  g_free (description);
  if (pipeline == NULL)
    return NULL;

  name = g_strdup_printf ("%s.mp4", task->id);
  path = g_build_filename (dir, name, NULL);
  g_free (name);
  text = g_strdup_printf ("%s\n%s · %s · %u×%u · %u s%s",
      task->prompt && *task->prompt ? task->prompt : "(no prompt)",
      task->dialect->name, task->model, task->width, task->height,
      task->duration, task->audio ? " · audio" : "");

  caps = gst_caps_new_simple ("video/x-raw", "width", G_TYPE_INT, task->width,
      "height", G_TYPE_INT, task->height, "framerate", GST_TYPE_FRACTION, fps,
      1, NULL);
  e = gst_bin_get_by_name (GST_BIN (pipeline), "size");
  g_object_set (e, "caps", caps, NULL);
  gst_object_unref (e);
  gst_caps_unref (caps);
  e = gst_bin_get_by_name (GST_BIN (pipeline), "video");
  g_object_set (e, "num-buffers", task->duration * fps, NULL);
  gst_object_unref (e);
  e = gst_bin_get_by_name (GST_BIN (pipeline), "text");
  g_object_set (e, "text", text, "font-desc",
      task->height >= 1000 ? "Sans 28" : "Sans 18", NULL);
  gst_object_unref (e);
  e = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (e, "location", path, NULL);
  gst_object_unref (e);
  if (task->audio) {
    e = gst_bin_get_by_name (GST_BIN (pipeline), "audio");
    g_object_set (e, "num-buffers", (task->duration * 44100 + 1023) / 1024,
        NULL);
    gst_object_unref (e);
  }
  g_free (text);

  ok = run_to_eos (pipeline, cancellable, error);
  gst_object_unref (pipeline);
  if (!ok)
    g_clear_pointer (&path, g_free);
  return path;
}
