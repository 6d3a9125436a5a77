/* wan-sim-render: renders one simulated video, in its own process
 *
 *   wan-sim-render --width W --height H --fps N --duration S [--audio]
 *                  --text TEXT --font FONT OUTPUT
 *
 * The simulator starts it for each task instead of running a pipeline in
 * its own process: the tests link the simulator in, and a pipeline of
 * theirs left running when a test ends early would share GStreamer's task
 * pool with the test's own teardown (gst_task_cleanup_all() holds the
 * pool's lock while it waits for every pool thread).  Killing this process
 * is all it takes to cancel a render.
 *
 * Writes OUTPUT.part and renames it to OUTPUT at EOS, so a file under the
 * final name is always whole.  Exits 0 when rendered, 1 with the reason on
 * stderr otherwise.
 */

#include <errno.h>
#include <glib/gstdio.h>
#include "sim-render.h"

typedef struct
{
  gint width, height, fps, duration;
  gboolean audio;
  gchar *text, *font;
} Request;

static void
set_by_name (GstElement * pipeline, const gchar * name,
    const gchar * first_property, ...)
{
  GstElement *e = gst_bin_get_by_name (GST_BIN (pipeline), name);
  va_list args;

  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (e), first_property, args);
  va_end (args);
  gst_object_unref (e);
}

static GstElement *
build (const Request * req, const gchar * location, GError ** error)
{
  gchar *description = g_strconcat (SIM_RENDER_PIPELINE,
      req->audio ? SIM_RENDER_AUDIO_BRANCH : "", NULL);
  GstElement *pipeline = sim_render_parse (description, error);
  GstCaps *caps;

  g_free (description);
  if (pipeline == NULL)
    return NULL;
  caps = gst_caps_new_simple ("video/x-raw", "width", G_TYPE_INT, req->width,
      "height", G_TYPE_INT, req->height, "framerate", GST_TYPE_FRACTION,
      req->fps, 1, NULL);
  set_by_name (pipeline, "size", "caps", caps, NULL);
  gst_caps_unref (caps);
  set_by_name (pipeline, "video", "num-buffers", req->duration * req->fps,
      NULL);
  set_by_name (pipeline, "text", "text", req->text, "font-desc", req->font,
      NULL);
  set_by_name (pipeline, "sink", "location", location, NULL);
  if (req->audio)
    set_by_name (pipeline, "audio", "num-buffers",
        (req->duration * 44100 + 1023) / 1024, NULL);
  return pipeline;
}

/* Runs @pipeline to EOS or its first error.  No timeout: the simulator
 * kills this process when it no longer wants the video. */
static gboolean
run_to_eos (GstElement * pipeline, GError ** error)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg;
  gboolean ok;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  ok = GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS;
  if (!ok)
    gst_message_parse_error (msg, error, NULL);
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  return ok;
}

int
main (int argc, char **argv)
{
  Request req = { 0, 0, 8, 5, FALSE, NULL, NULL };
  GOptionEntry entries[] = {
    {"width", 0, 0, G_OPTION_ARG_INT, &req.width, "Frame width", "W"},
    {"height", 0, 0, G_OPTION_ARG_INT, &req.height, "Frame height", "H"},
    {"fps", 0, 0, G_OPTION_ARG_INT, &req.fps, "Frame rate", "N"},
    {"duration", 0, 0, G_OPTION_ARG_INT, &req.duration, "Seconds", "S"},
    {"audio", 0, 0, G_OPTION_ARG_NONE, &req.audio, "Add a sine tone", NULL},
    /* Taken as raw bytes: the simulator passes UTF-8 whatever the locale,
     * which G_OPTION_ARG_STRING would convert from (and fail in "C"). */
    {"text", 0, 0, G_OPTION_ARG_FILENAME, &req.text, "Text to draw (UTF-8)",
        "TEXT"},
    {"font", 0, 0, G_OPTION_ARG_STRING, &req.font, "Pango font", "FONT"},
    {NULL}
  };
  GOptionContext *ctx = g_option_context_new ("OUTPUT - render one "
      "simulated Wan video");
  GError *error = NULL;
  GstElement *pipeline = NULL;
  gchar *part = NULL;
  gboolean ok = FALSE;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("wan-sim-render: %s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (req.font == NULL)
    req.font = g_strdup ("Sans 18");
  if (argc != 2 || req.width <= 0 || req.height <= 0 || req.fps <= 0
      || req.duration <= 0) {
    g_printerr ("wan-sim-render: needs --width, --height, --fps, "
        "--duration and one OUTPUT\n");
    return 2;
  }
  gst_init (NULL, NULL);

  part = g_strconcat (argv[1], ".part", NULL);
  pipeline = build (&req, part, &error);
  if (pipeline)
    ok = run_to_eos (pipeline, &error);
  if (ok && g_rename (part, argv[1]) != 0) {
    g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "cannot rename %s: %s", part, g_strerror (errno));
    ok = FALSE;
  }
  if (!ok) {
    g_printerr ("wan-sim-render: %s\n", error->message);
    g_unlink (part);
    g_error_free (error);
  }
  gst_clear_object (&pipeline);
  g_free (part);
  g_free (req.text);
  g_free (req.font);
  return ok ? 0 : 1;
}
