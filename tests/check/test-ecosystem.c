/* wanvideosrc among the rest of GStreamer: wan:// URIs for playbin and
 * gst-play-1.0, as a new user would try them. */

#include <gst/check/gstcheck.h>
#include "run-util.h"

static void
assert_uri_error (GstElement * src, const gchar * uri, const gchar * part)
{
  GError *error = NULL;

  fail_if (gst_uri_handler_set_uri (GST_URI_HANDLER (src), uri, &error));
  fail_unless (g_error_matches (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI),
      "%s: %s", uri, error->message);
  fail_unless (strstr (error->message, part) != NULL, "%s", error->message);
  g_error_free (error);
}

GST_START_TEST (test_uri_round_trip)
{
  GstElement *src = gst_element_factory_make ("wanvideosrc", NULL);
  GstElement *again = gst_element_factory_make ("wanvideosrc", NULL);
  gchar *prompt, *uri, *uri_again, *key;
  GValue refs = G_VALUE_INIT;
  gint64 seed;
  guint duration;
  GError *error = NULL;

  g_object_set (src, "api-key", "secret-key", "negative-prompt", "fog", NULL);
  fail_unless (gst_uri_handler_set_uri (GST_URI_HANDLER (src),
          "wan://evolink?prompt=A+red%20kite%2C+%22high%22&duration=10&seed=42"
          "&reference-uris=https%3A%2F%2Fa.example%2Fx.mp4"
          "&reference-uris=https://b.example/y.mp4&resolution=1080p", &error),
      "%s", error ? error->message : "");
  g_object_get (src, "prompt", &prompt, "duration", &duration, "seed", &seed,
      NULL);
  fail_unless_equals_string (prompt, "A red kite, \"high\"");
  fail_unless_equals_int (duration, 10);
  fail_unless_equals_int64 (seed, 42);
  g_object_get_property (G_OBJECT (src), "reference-uris", g_value_init (&refs,
          GST_TYPE_ARRAY));
  fail_unless_equals_int (gst_value_array_get_size (&refs), 2);
  fail_unless_equals_string (g_value_get_string (gst_value_array_get_value
          (&refs, 1)), "https://b.example/y.mp4");
  /* A URI describes the whole request. */
  g_object_get (src, "negative-prompt", &key, NULL);
  fail_unless (key == NULL);

  uri = gst_uri_handler_get_uri (GST_URI_HANDLER (src));
  fail_unless (g_str_has_prefix (uri, "wan://evolink?"), "%s", uri);
  fail_if (strstr (uri, "secret-key") || strstr (uri, "api-key"), "%s", uri);
  fail_unless (gst_uri_handler_set_uri (GST_URI_HANDLER (again), uri, NULL));
  uri_again = gst_uri_handler_get_uri (GST_URI_HANDLER (again));
  fail_unless_equals_string (uri_again, uri);

  g_value_unset (&refs);
  g_free (uri_again);
  g_free (uri);
  g_free (prompt);
  gst_object_unref (again);
  gst_object_unref (src);
}

GST_END_TEST;

GST_START_TEST (test_uri_errors)
{
  GstElement *src = gst_element_factory_make ("wanvideosrc", NULL);

  assert_uri_error (src, "wan://dashscope?prompt=x&api-key=k",
      "never taken from a URI");
  assert_uri_error (src, "wan://dashscope?prompt=x&colour=red",
      "'colour' in the URI is not a wanvideosrc property");
  assert_uri_error (src, "wan://dashscope?prompt=x&duration=ten",
      "'ten' is not a valid value for duration");
  assert_uri_error (src, "wan://dashscope?resolution=4k",
      "'4k' is not a valid value for resolution");
  assert_uri_error (src, "wan://example.com?prompt=x", "PROVIDER one of");
  assert_uri_error (src, "wan:///?prompt=x", "not a wan:// URI");
  assert_uri_error (src, "wan://dashscope/videos?prompt=x", "not a wan:// URI");
  gst_object_unref (src);
}

GST_END_TEST;

/* playbin picks wanvideosrc for wan:// by itself and decodes what it
 * makes: both streams reach their sinks. */
GST_START_TEST (test_playbin_plays_wan_uri)
{
  GstElement *playbin = gst_element_factory_make ("playbin", NULL);
  gchar *uri = sim_uri ("dashscope", "prompt=A%20red%20kite&duration=5");
  GstBus *bus = gst_element_get_bus (playbin);
  GstMessage *msg;
  gint n_video, n_audio;

  g_setenv ("WAN_API_KEY", WAN_SIM_DEFAULT_KEY, TRUE);
  g_object_set (playbin, "uri", uri,
      "video-sink", gst_element_factory_make ("fakesink", NULL),
      "audio-sink", gst_element_factory_make ("fakesink", NULL), NULL);
  gst_element_set_state (playbin, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (msg != NULL);
  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_EOS);
  g_object_get (playbin, "n-video", &n_video, "n-audio", &n_audio, NULL);
  fail_unless_equals_int (n_video, 1);
  fail_unless_equals_int (n_audio, 1);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);

  gst_message_unref (msg);
  gst_element_set_state (playbin, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (playbin);
  g_unsetenv ("WAN_API_KEY");
  g_free (uri);
}

GST_END_TEST;

/* The README's first try: gst-play-1.0 with a wan:// URI. */
GST_START_TEST (test_gst_play_plays_wan_uri)
{
  gchar *uri = sim_uri ("dashscope", "prompt=A%20red%20kite");
  gchar *argv[] = { "gst-play-1.0", "--videosink=fakesink",
    "--audiosink=fakesink", uri, NULL
  };
  gchar **envp = g_environ_setenv (g_get_environ (), "WAN_API_KEY",
      WAN_SIM_DEFAULT_KEY, TRUE);
  gchar *out = NULL, *err = NULL;
  gint status = -1;

  fail_unless (run_util_spawn_sync (NULL, envp, (const gchar * const *) argv,
          &out, &err, &status, NULL));
  fail_unless (g_spawn_check_wait_status (status, NULL), "%s", err);
  fail_if (strstr (out, "ERROR") || strstr (err, "ERROR"), "%s%s", out, err);
  fail_unless (strstr (out, "Reached end of play list") != NULL, "%s", out);
  /* The whole video was fetched, once. */
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  fail_unless (wan_sim_count (sim, "download") >= 1);

  g_free (out);
  g_free (err);
  g_strfreev (envp);
  g_free (uri);
}

GST_END_TEST;

static GstPadProbeReturn
keep_tags (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
  GstTagList *tags;

  if (GST_EVENT_TYPE (event) == GST_EVENT_TAG) {
    gst_event_parse_tag (event, &tags);
    *(GstTagList **) data = gst_tag_list_copy (tags);
  }
  return GST_PAD_PROBE_OK;
}

GST_START_TEST (test_tags_downstream)
{
  GstTagList *tags = NULL;
  gchar *encoder = NULL;
  GstPad *pad;
  Run run;

  run_setup (&run, "evolink", "prompt=A tagged kite", "fakesink");
  pad = gst_element_get_static_pad (run.src, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, keep_tags,
      &tags, NULL);
  run_wait (&run, GST_STATE_PLAYING);
  fail_if (run.error != NULL);
  assert_source_tags (tags, run.src, "A tagged kite", "evolink");
  fail_unless (gst_tag_list_get_string (tags, GST_TAG_ENCODER, &encoder));
  fail_unless_equals_string (encoder, "wan2.6-text-to-video");

  gst_object_unref (pad);
  run_clear (&run);
  gst_tag_list_unref (tags);
  g_free (encoder);
}

GST_END_TEST;

/* --- never pay twice: the cache ------------------------------------ */

static guint
http_requests (void)
{
  return wan_sim_count (sim, "create") + wan_sim_count (sim, "status") +
      wan_sim_count (sim, "download") + wan_sim_count (sim, "cancel");
}

/* One run with @settings plus a cache in tmpdir, saved as @name. */
static void
run_cached (const gchar * settings, const gchar * name, gboolean decode)
{
  gchar *location = g_build_filename (tmpdir, name, NULL);
  gchar *all = g_strdup_printf ("%s|cache-dir=%s/cache|location=%s",
      settings, tmpdir, location);
  Run run;

  run_full (&run, "dashscope", all, decode ? "decodebin name=dec" : "fakesink");
  fail_if (run.error != NULL);
  if (decode)
    fail_unless (run.video_frames > 0);
  run_clear (&run);
  g_free (all);
  g_free (location);
}

static guint
count_cached (void)
{
  gchar *dir = g_build_filename (tmpdir, "cache", NULL);
  GDir *d = g_dir_open (dir, 0, NULL);
  const gchar *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_suffix (name, ".mp4");
  if (d)
    g_dir_close (d);
  g_free (dir);
  return n;
}

GST_START_TEST (test_seeded_request_served_from_cache)
{
  gchar *first = g_build_filename (tmpdir, "first.mp4", NULL);
  gchar *second = g_build_filename (tmpdir, "second.mp4", NULL);
  guint requests;

  run_cached ("prompt=A cached cat|seed=7", "first.mp4", FALSE);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  fail_unless_equals_int (count_cached (), 1);
  requests = http_requests ();

  /* The same request again: played and saved, with no HTTP at all. */
  run_cached ("prompt=A cached cat|seed=7", "second.mp4", TRUE);
  fail_unless_equals_int (http_requests (), requests);
  assert_same_file (first, second);

  /* Anything different is a different video. */
  run_cached ("prompt=A cached cat|seed=8", "third.mp4", FALSE);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 2);
  g_free (second);
  g_free (first);
}

GST_END_TEST;

GST_START_TEST (test_unseeded_request_cached_only_on_request)
{
  guint requests;

  /* Without a seed the same request makes another video: not cached. */
  run_cached ("prompt=A new cat", "a.mp4", FALSE);
  run_cached ("prompt=A new cat", "b.mp4", FALSE);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 2);
  fail_unless_equals_int (count_cached (), 0);

  run_cached ("prompt=A new cat|cache=always", "c.mp4", FALSE);
  requests = http_requests ();
  run_cached ("prompt=A new cat|cache=always", "d.mp4", FALSE);
  fail_unless_equals_int (http_requests (), requests);

  /* cache=off neither reads nor writes. */
  run_cached ("prompt=A new cat|cache=off", "e.mp4", FALSE);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 4);
}

GST_END_TEST;

GST_START_TEST (test_cache_evicts_least_recently_used)
{
  /* A cap smaller than any video keeps only the newest. */
  run_cached ("prompt=One|seed=1|cache-max-size=1", "1.mp4", FALSE);
  run_cached ("prompt=Two|seed=2|cache-max-size=1", "2.mp4", FALSE);
  fail_unless_equals_int (count_cached (), 1);
  run_cached ("prompt=Two|seed=2|cache-max-size=1", "3.mp4", FALSE);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 2);
  run_cached ("prompt=One|seed=1|cache-max-size=1", "4.mp4", FALSE);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 3);
}

GST_END_TEST;

static Suite *
ecosystem_suite (void)
{
  Suite *s = suite_create ("wanvideosrc-ecosystem");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_test (tc, test_uri_round_trip);
  tcase_add_test (tc, test_uri_errors);
  tcase_add_test (tc, test_playbin_plays_wan_uri);
  tcase_add_test (tc, test_gst_play_plays_wan_uri);
  tcase_add_test (tc, test_tags_downstream);
  tcase_add_test (tc, test_seeded_request_served_from_cache);
  tcase_add_test (tc, test_unseeded_request_cached_only_on_request);
  tcase_add_test (tc, test_cache_evicts_least_recently_used);
  return s;
}

GST_CHECK_MAIN (ecosystem);
