/* wan-sim: parsing the render pipeline, naming what is missing
 *
 * gst_parse_launch() returns a pipeline with a hole in it when an element
 * is missing unless told to treat that as fatal; a render would then fail
 * much later as a "simulated generation failure".  Here a missing element
 * is an error that says which one and where to get it.
 */

#include "sim-render.h"

/* The Debian package of each element the render pipeline uses. */
static const struct
{
  const gchar *element;
  const gchar *package;
} packages[] = {
  {"audiotestsrc", "gstreamer1.0-plugins-base"},
  {"videotestsrc", "gstreamer1.0-plugins-base"},
  {"videoconvert", "gstreamer1.0-plugins-base"},
  {"capsfilter", "libgstreamer1.0-0"},
  {"filesink", "libgstreamer1.0-0"},
  {"textoverlay", "gstreamer1.0-x"},
  {"x264enc", "gstreamer1.0-plugins-ugly"},
  {"h264parse", "gstreamer1.0-plugins-bad"},
  {"mp4mux", "gstreamer1.0-plugins-good"},
  {"aacparse", "gstreamer1.0-plugins-good"},
  {"avenc_aac", "gstreamer1.0-libav"},
};

static const gchar *
package_of (const gchar * element)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (packages); i++) {
    if (g_str_equal (packages[i].element, element))
      return packages[i].package;
  }
  return NULL;
}

/* "'x264enc' (Debian package gstreamer1.0-plugins-ugly)", one per missing
 * element. */
static gchar *
describe_missing (gchar ** missing)
{
  GString *s = g_string_new (NULL);
  gchar **m;

  for (m = missing; *m; m++) {
    const gchar *package = package_of (*m);

    if (s->len)
      g_string_append (s, ", ");
    if (package)
      g_string_append_printf (s, "'%s' (Debian package %s)", *m, package);
    else
      g_string_append_printf (s, "'%s' (no Debian package known to provide "
          "it)", *m);
  }
  return g_string_free (s, FALSE);
}

GstElement *
sim_render_parse (const gchar * description, GError ** error)
{
  GstParseContext *ctx = gst_parse_context_new ();
  GError *parse_error = NULL;
  GstElement *pipeline;
  gchar **missing;

  pipeline = gst_parse_launch_full (description, ctx,
      GST_PARSE_FLAG_FATAL_ERRORS, &parse_error);
  missing = gst_parse_context_get_missing_elements (ctx);
  if (missing && missing[0]) {
    gchar *which = describe_missing (missing);

    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
        "the simulator's renders need GStreamer elements that are not "
        "installed: %s", which);
    g_free (which);
    g_clear_error (&parse_error);
    gst_clear_object (&pipeline);
  } else if (parse_error) {
    g_propagate_prefixed_error (error, parse_error,
        "wan-sim's render pipeline: ");
    gst_clear_object (&pipeline);
  }
  g_strfreev (missing);
  gst_parse_context_free (ctx);
  return pipeline;
}
