/* wan-generate: one Wan2.6 video from the command line, with a progress bar
 *
 *   wan-generate [--provider P] [--base-url URL] [--resolution 720p]
 *                [--duration S] [--image URL|FILE] [-o out.mp4] "prompt"
 *
 * The key comes from WAN_API_KEY (or the provider's own variable).  The
 * pipeline is "wanvideosrc location=OUT ! fakesink": the element keeps the
 * MP4, the application only watches the bus.
 *
 * Exit status: 0 saved; 1 the generation failed (the provider's message is
 * printed); 2 bad arguments or settings; 3 the key was refused.
 */

#include <gst/gst.h>
#include <stdio.h>

enum
{
  EXIT_SAVED = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_NOT_AUTHORIZED = 3,
};

typedef struct
{
  GMainLoop *loop;
  gint status;
  gchar *task_id;
  gboolean bar_shown;
  gboolean failed;
} App;

/* "generate  [#########...........]  45%" on one terminal line. */
static void
show_bar (App * app, const gchar * step, gint percent)
{
  gchar bar[31];
  gint filled = CLAMP (percent, 0, 100) * 30 / 100;

  memset (bar, '#', filled);
  memset (bar + filled, '.', 30 - filled);
  bar[30] = '\0';
  if (percent >= 0)
    g_printerr ("\r%-9s [%s] %3d%%", step, bar, percent);
  else
    g_printerr ("\r%-9s [%s]  ...", step, bar);
  app->bar_shown = TRUE;
}

static void
end_bar (App * app)
{
  if (app->bar_shown)
    g_printerr ("\n");
  app->bar_shown = FALSE;
}

static void
on_progress (App * app, GstMessage * msg)
{
  GstProgressType type;
  gchar *code, *text;
  gint percent = -1;
  const GstStructure *s = gst_message_get_structure (msg);

  gst_message_parse_progress (msg, &type, &code, &text);
  gst_structure_get_int (s, "percent", &percent);
  if (type == GST_PROGRESS_TYPE_START || type == GST_PROGRESS_TYPE_COMPLETE) {
    end_bar (app);
    g_printerr ("%s\n", text);
  } else if (type == GST_PROGRESS_TYPE_CONTINUE) {
    show_bar (app, code, percent);
  }
  g_free (code);
  g_free (text);
}

static gboolean
on_message (GstBus * bus, GstMessage * msg, gpointer data)
{
  App *app = data;
  const GstStructure *s = gst_message_get_structure (msg);
  GError *error = NULL;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_PROGRESS:
      on_progress (app, msg);
      break;
    case GST_MESSAGE_ELEMENT:
      /* Keep the id: "task-id=ID" resumes the task without paying again. */
      if (gst_structure_has_name (s, "wan-task") && app->task_id == NULL) {
        app->task_id = g_strdup (gst_structure_get_string (s, "task-id"));
        end_bar (app);
        g_printerr ("Task %s\n", app->task_id);
      }
      break;
    case GST_MESSAGE_ERROR:
      /* The first error says why; later ones only follow from it. */
      if (app->failed)
        break;
      app->failed = TRUE;
      gst_message_parse_error (msg, &error, NULL);
      end_bar (app);
      g_printerr ("Error: %s\n", error->message);
      if (g_error_matches (error, GST_RESOURCE_ERROR,
              GST_RESOURCE_ERROR_NOT_AUTHORIZED))
        app->status = EXIT_NOT_AUTHORIZED;
      else if (g_error_matches (error, GST_RESOURCE_ERROR,
              GST_RESOURCE_ERROR_SETTINGS))
        app->status = EXIT_USAGE;
      else
        app->status = EXIT_FAILED;
      if (app->task_id)
        g_printerr ("Resume with task-id=%s\n", app->task_id);
      g_error_free (error);
      g_main_loop_quit (app->loop);
      break;
    case GST_MESSAGE_EOS:
      end_bar (app);
      app->status = EXIT_SAVED;
      g_main_loop_quit (app->loop);
      break;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  gchar *provider = NULL, *base_url = NULL, *resolution = NULL;
  gchar *image = NULL, *output = NULL;
  gint duration = 0;
  GOptionEntry entries[] = {
    {"provider", 0, 0, G_OPTION_ARG_STRING, &provider,
        "dashscope (default), toapis, evolink, aimlapi, fal, replicate or "
          "openrouter", "P"},
    {"base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, "API address", "URL"},
    {"resolution", 0, 0, G_OPTION_ARG_STRING, &resolution, "720p or 1080p",
        "R"},
    {"duration", 0, 0, G_OPTION_ARG_INT, &duration, "Seconds", "S"},
    {"image", 0, 0, G_OPTION_ARG_STRING, &image, "First frame (URL or local "
          "file)", "URL|FILE"},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
        "Where to save the MP4 (default: wan.mp4)", "FILE"},
    {NULL}
  };
  GOptionContext *context = g_option_context_new ("PROMPT");
  GError *error = NULL;
  GstElement *pipeline, *src;
  App app = { NULL, EXIT_FAILED, NULL, FALSE, FALSE };
  GstBus *bus;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2) {
    g_printerr ("%s\nUsage: wan-generate [OPTION…] PROMPT\n",
        error ? error->message : "One prompt, please.");
    return EXIT_USAGE;
  }
  g_option_context_free (context);

  pipeline = gst_parse_launch ("wanvideosrc name=src ! fakesink", &error);
  if (pipeline == NULL) {
    g_printerr ("%s (is the wan plugin on GST_PLUGIN_PATH?)\n", error->message);
    return EXIT_USAGE;
  }
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_object_set (src, "prompt", argv[1], "location", output ? output :
      "wan.mp4", NULL);
  if (provider)
    gst_util_set_object_arg (G_OBJECT (src), "provider", provider);
  if (base_url)
    g_object_set (src, "base-url", base_url, NULL);
  if (resolution)
    gst_util_set_object_arg (G_OBJECT (src), "resolution", resolution);
  if (duration > 0)
    g_object_set (src, "duration", duration, NULL);
  if (image)
    g_object_set (src, "image-uri", image, NULL);
  gst_object_unref (src);

  app.loop = g_main_loop_new (NULL, FALSE);
  bus = gst_element_get_bus (pipeline);
  gst_bus_add_watch (bus, on_message, &app);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    /* The error message on the bus says why (bad settings, no key). */
    GstMessage *msg;

    app.status = EXIT_USAGE;
    while ((msg = gst_bus_pop (bus)) != NULL) {
      on_message (bus, msg, &app);
      gst_message_unref (msg);
    }
  } else {
    g_main_loop_run (app.loop);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (app.status == EXIT_SAVED)
    g_print ("%s\n", output ? output : "wan.mp4");

  gst_bus_remove_watch (bus);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
  g_main_loop_unref (app.loop);
  g_free (app.task_id);
  return app.status;
}
