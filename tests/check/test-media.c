/* gst-wan: the remaining Wan 2.7 / 3.0 inputs (issue #14): every error
 * about a local input names the property the user gave it in. */

#include <string.h>
#include <gst/check/gstcheck.h>
#include "run-util.h"
#include "wan-sim-client.h"

#define IMG "https://i.example/first.png"
#define CLIP "https://v.example/clip.mp4"

/* Makes tmpdir/@name with "PIPELINE ! filesink location=…". */
static gchar *
make_media (const gchar * name, const gchar * pipeline)
{
  gchar *path = g_build_filename (tmpdir, name, NULL);
  gchar *desc = g_strdup_printf ("%s ! filesink location=\"%s\"", pipeline,
      path);
  GstElement *p = gst_parse_launch (desc, NULL);
  GstBus *bus;
  GstMessage *msg;

  fail_unless (p != NULL, "%s", desc);
  gst_element_set_state (p, GST_STATE_PLAYING);
  bus = gst_element_get_bus (p);
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS, "%s", desc);
  gst_message_unref (msg);
  gst_object_unref (bus);
  gst_element_set_state (p, GST_STATE_NULL);
  gst_object_unref (p);
  g_free (desc);
  return path;
}

#define PNG_640 "videotestsrc num-buffers=1 ! " \
  "video/x-raw,format=RGB,width=640,height=480 ! pngenc"
#define MP4_2S "videotestsrc num-buffers=20 ! " \
  "video/x-raw,width=320,height=240,framerate=10/1 ! x264enc " \
  "speed-preset=ultrafast ! mp4mux"

/* --- errors name the property the user set --------------------------- */

static void
assert_names (const GError * error, const gchar * property, const gchar * path)
{
  fail_unless (error != NULL);
  fail_unless (g_str_has_prefix (error->message, property), "want '%s…', "
      "got '%s'", property, error->message);
  fail_unless (strstr (error->message, path) != NULL, "%s", error->message);
}

/* The library walk (the digest, then the inputs made usable) of a request
 * whose local file is missing: both name @property. */
static void
assert_missing_named (const gchar * provider, WanRequest * req,
    const gchar * property, const gchar * path)
{
  WanClient *client = wan_sim_client_new (sim, provider, WAN_SIM_DEFAULT_KEY);
  WanRequest prepared;
  GError *error = NULL;

  fail_if (wan_client_request_digest (client, req, &error));
  assert_names (error, property, path);
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND));
  g_clear_error (&error);
  fail_if (wan_client_prepare_inputs (client, req, &prepared, NULL, &error));
  assert_names (error, property, path);
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND));
  g_clear_error (&error);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 0);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  wan_request_clear (&prepared);
  wan_client_free (client);
}

/* A missing local last frame or input video: evolink uploads them,
 * DashScope inlines a last frame (kf2v) and takes no local video. */
GST_START_TEST (test_missing_file_names_its_property)
{
  gchar *last = g_build_filename (tmpdir, "gone-last.png", NULL);
  gchar *clip = g_build_filename (tmpdir, "gone-clip.mp4", NULL);
  WanClient *client;
  GError *error = NULL;
  WanRequest req;

  wan_request_init (&req);
  req.provider = WAN_PROVIDER_EVOLINK;
  req.family = WAN_FAMILY_2_7;
  req.image_uri = g_strdup (IMG);
  req.last_frame_uri = g_strdup (last);
  assert_missing_named ("evolink", &req, "last-frame-uri: ", last);
  wan_request_clear (&req);

  req.provider = WAN_PROVIDER_EVOLINK;
  req.family = WAN_FAMILY_2_7;
  req.video_uri = g_strdup (clip);
  assert_missing_named ("evolink", &req, "video-uri: ", clip);
  wan_request_clear (&req);

  req.family = WAN_FAMILY_2_2;
  req.image_uri = g_strdup (IMG);
  req.last_frame_uri = g_strdup (last);
  assert_missing_named ("dashscope", &req, "last-frame-uri: ", last);
  wan_request_clear (&req);

  /* DashScope takes no local video at all: refused by the plan. */
  req.family = WAN_FAMILY_2_7;
  req.video_uri = g_strdup (clip);
  client = wan_sim_client_new (sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  fail_if (wan_client_request_digest (client, &req, &error));
  assert_names (error, "video-uri: dashscope takes a video only as an "
      "http(s) URL", clip);
  g_clear_error (&error);
  wan_client_free (client);
  wan_request_clear (&req);
  g_free (clip);
  g_free (last);
}

GST_END_TEST;

/* Through the element, a file the upload service refuses: the message
 * names last-frame-uri, or video-uri, not image-uri or reference-uris. */
GST_START_TEST (test_upload_refusal_names_its_property)
{
  static const gchar *const properties[] = { "last-frame-uri", "video-uri" };
  gchar *png, *clip;
  guint i;

  png = make_media ("last.png", PNG_640);
  clip = make_media ("clip.mp4", MP4_2S);
  for (i = 0; i < G_N_ELEMENTS (properties); i++) {
    gchar *settings, *expect;
    Run run;

    settings = i == 0 ?
        g_strdup_printf ("model-family=wan2.7|image-uri=" IMG
        "|last-frame-uri=%s|journal=false", png) :
        g_strdup_printf ("model-family=wan2.7|video-uri=%s|journal=false",
        clip);
    expect = g_strdup_printf ("%s: '%s': ", properties[i], i == 0 ? png : clip);
    wan_sim_inject (sim, "upload", 401, 1);
    run_full (&run, "evolink", settings, "fakesink");
    assert_error (&run, GST_RESOURCE_ERROR,
        GST_RESOURCE_ERROR_NOT_AUTHORIZED, expect);
    fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
    run_clear (&run);
    g_free (expect);
    g_free (settings);
  }
  g_free (clip);
  g_free (png);
}

GST_END_TEST;

static Suite *
media_suite (void)
{
  Suite *s = suite_create ("media");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_missing_file_names_its_property);
  tcase_add_test (tc, test_upload_refusal_names_its_property);
  return s;
}

GST_CHECK_MAIN (media);
