/* wan:// in the players people already use (playbin, uridecodebin, the
 * discoverer, GES), and an element an application can reuse. */

#include <gst/check/gstcheck.h>
#include <gst/pbutils/pbutils.h>
#include "run-util.h"
#include "gstwanenums.h"
#ifdef HAVE_GES
#include <ges/ges.h>
#endif

static gchar *saved_key;

/* playbin and friends create the source themselves: the key comes from
 * the environment, as it would for a user. */
static void
players_setup (void)
{
  run_util_setup ();
  saved_key = g_strdup (g_getenv ("WAN_API_KEY"));
  g_setenv ("WAN_API_KEY", WAN_SIM_DEFAULT_KEY, TRUE);
}

static void
players_teardown (void)
{
  if (saved_key)
    g_setenv ("WAN_API_KEY", saved_key, TRUE);
  else
    g_unsetenv ("WAN_API_KEY");
  g_clear_pointer (&saved_key, g_free);
  run_util_teardown ();
}

/* Waits for one of @types; fails on an error that was not asked for. */
static void
wait_for (GstElement * pipeline, GstMessageType types)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
      types | GST_MESSAGE_ERROR);
  GError *error = NULL;
  gchar *debug = NULL;

  fail_unless (msg != NULL, "nothing within 60 s");
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR && !(types &
          GST_MESSAGE_ERROR)) {
    gst_message_parse_error (msg, &error, &debug);
    fail ("%s (%s)", error->message, debug);
  }
  gst_message_unref (msg);
  gst_object_unref (bus);
}

static void
link_to_fakesink (GstElement * dec, GstPad * pad, GstElement * pipeline)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  GstPad *sinkpad = gst_element_get_static_pad (sink, "sink");

  gst_bin_add (GST_BIN (pipeline), sink);
  gst_element_sync_state_with_parent (sink);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
}

static GstElement *
make_player (const gchar * kind, const gchar * uri)
{
  GstElement *pipeline, *dec;

  if (g_str_equal (kind, "playbin")) {
    pipeline = gst_element_factory_make ("playbin", NULL);
    g_object_set (pipeline, "uri", uri,
        "video-sink", gst_element_factory_make ("fakesink", NULL),
        "audio-sink", gst_element_factory_make ("fakesink", NULL), NULL);
    return pipeline;
  }
  pipeline = gst_pipeline_new (NULL);
  dec = gst_element_factory_make ("uridecodebin", NULL);
  g_object_set (dec, "uri", uri, NULL);
  g_signal_connect (dec, "pad-added", G_CALLBACK (link_to_fakesink), pipeline);
  gst_bin_add (GST_BIN (pipeline), dec);
  return pipeline;
}

static GstElement *
find_wan_source (GstElement * pipeline)
{
  GstIterator *it = gst_bin_iterate_recurse (GST_BIN (pipeline));
  GValue item = G_VALUE_INIT;
  GstElement *found = NULL;

  while (!found && gst_iterator_next (it, &item) == GST_ITERATOR_OK) {
    GstElement *e = g_value_get_object (&item);

    if (g_str_equal (G_OBJECT_TYPE_NAME (e), "GstWanVideoSrc"))
      found = gst_object_ref (e);
    g_value_reset (&item);
  }
  g_value_unset (&item);
  gst_iterator_free (it);
  return found;
}

/* The simulator renders the requested 5 s; AAC priming may add a frame. */
#define ABOUT_5_S(d) ((d) > 4500 * GST_MSECOND && (d) < 5500 * GST_MSECOND)

static void
assert_body (const gchar * what, const gchar * expected)
{
  JsonNode *body = wan_sim_last_create_body (sim);
  JsonNode *want = json_from_string (expected, NULL);
  gchar *text = json_to_string (body, FALSE);

  fail_unless (want != NULL, "%s", expected);
  fail_unless (json_node_equal (body, want), "%s:\n got %s\nwant %s", what,
      text, expected);
  g_free (text);
  json_node_unref (want);
  json_node_unref (body);
}

/* --- a URI sends what it names, and nothing else -------------------- */

static const struct
{
  const gchar *provider, *query, *body;
} uri_cases[] = {
  {"dashscope", "prompt=A%20kite%20PLAYER&duration=5",
      "{\"model\":\"wan2.6-t2v\",\"input\":{\"prompt\":\"A kite PLAYER\"},"
        "\"parameters\":{\"duration\":5}}"},
  {"toapis", "prompt=A%20kite%20PLAYER&duration=5",
      "{\"model\":\"wan2.6\",\"prompt\":\"A kite PLAYER\",\"duration\":5}"},
  {"evolink", "prompt=A%20kite%20PLAYER&duration=5",
      "{\"model\":\"wan2.6-text-to-video\",\"prompt\":\"A kite PLAYER\","
        "\"duration\":5}"},
  {"aimlapi", "prompt=A%20kite%20PLAYER&duration=5"
        "&image-uri=https%3A%2F%2Fimg.example%2Fcat.png",
      "{\"model\":\"alibaba/wan-2-6-i2v\",\"prompt\":\"A kite PLAYER\","
        "\"image_url\":\"https://img.example/cat.png\",\"duration\":5}"},
};

static gchar *
replace_player (const gchar * text, const gchar * player)
{
  gchar **parts = g_strsplit (text, "PLAYER", -1);
  gchar *out = g_strjoinv (player, parts);

  g_strfreev (parts);
  return out;
}

/* For each provider, with playbin and uridecodebin: the pipeline prerolls
 * with the video's own duration, plays to EOS, the request on the wire
 * has only the fields the URI set (no prompt_extend, watermark or audio
 * defaults, which evolink and aimlapi refuse), and the source still
 * describes itself by the URI it was given. */
GST_START_TEST (test_uri_plays_and_sends_only_what_it_names)
{
  static const gchar *players[] = { "playbin", "uridecodebin" };
  guint p;

  for (p = 0; p < G_N_ELEMENTS (players); p++) {
    gchar *query = replace_player (uri_cases[__i__].query, players[p]);
    gchar *body = replace_player (uri_cases[__i__].body, players[p]);
    gchar *uri = sim_uri (uri_cases[__i__].provider, query);
    GstElement *pipeline = make_player (players[p], uri);
    GstElement *src;
    gint64 duration = -1;
    gchar *uri_now, *what;

    what = g_strdup_printf ("%s %s", uri_cases[__i__].provider, players[p]);
    gst_element_set_state (pipeline, GST_STATE_PAUSED);
    wait_for (pipeline, GST_MESSAGE_ASYNC_DONE);
    /* qtdemux's figure from the moov, not basesrc's "unknown". */
    fail_unless (gst_element_query_duration (pipeline, GST_FORMAT_TIME,
            &duration), "%s: no duration", what);
    fail_unless (ABOUT_5_S (duration),
        "%s: duration %" GST_TIME_FORMAT, what, GST_TIME_ARGS (duration));
    src = find_wan_source (pipeline);
    fail_if (gst_element_query_duration (src, GST_FORMAT_TIME, &duration),
        "%s: the source claims to know the playing time", what);

    gst_element_set_state (pipeline, GST_STATE_PLAYING);
    wait_for (pipeline, GST_MESSAGE_EOS);
    assert_body (what, body);
    fail_unless_equals_int (wan_sim_count (sim, "create"), p + 1);
    uri_now = gst_uri_handler_get_uri (GST_URI_HANDLER (src));
    fail_unless_equals_string (uri_now, uri);

    gst_element_set_state (pipeline, GST_STATE_NULL);
    gst_object_unref (src);
    gst_object_unref (pipeline);
    g_free (uri_now);
    g_free (what);
    g_free (uri);
    g_free (body);
    g_free (query);
  }
}

GST_END_TEST;

/* gst-discoverer-1.0 and gst-play-1.0 show what GstDiscoverer finds. */
GST_START_TEST (test_discoverer_reports_duration)
{
  gchar *uri = sim_uri (uri_cases[__i__].provider,
      uri_cases[__i__].query);
  GstDiscoverer *discoverer = gst_discoverer_new (60 * GST_SECOND, NULL);
  GstDiscovererInfo *info;
  GError *error = NULL;
  GstClockTime duration;

  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  fail_unless (info != NULL, "%s", error ? error->message : "");
  fail_unless_equals_int (gst_discoverer_info_get_result (info),
      GST_DISCOVERER_OK);
  duration = gst_discoverer_info_get_duration (info);
  fail_unless (ABOUT_5_S (duration),
      "%s: duration %" GST_TIME_FORMAT, uri_cases[__i__].provider,
      GST_TIME_ARGS (duration));
  fail_unless_equals_string (gst_discoverer_info_get_uri (info), uri);

  gst_discoverer_info_unref (info);
  g_object_unref (discoverer);
  g_free (uri);
}

GST_END_TEST;

/* --- an element an application can reuse ---------------------------- */

/* PLAYING → NULL, a new prompt, PLAYING again: a new task for the new
 * prompt, not the first video again. */
GST_START_TEST (test_reuse_with_new_prompt_creates_new_task)
{
  gchar *first = NULL, *second = NULL, *uri;
  JsonNode *body;
  Run run;

  run_full (&run, "evolink", "prompt=The first kite", "fakesink");
  fail_if (run.error != NULL);
  g_object_get (run.src, "task-id", &first, NULL);
  fail_unless (first != NULL);
  gst_element_set_state (run.pipeline, GST_STATE_NULL);
  /* The created id stays readable, but it is not an input. */
  uri = gst_uri_handler_get_uri (GST_URI_HANDLER (run.src));
  fail_if (strstr (uri, "task-id") != NULL, "%s", uri);

  g_object_set (run.src, "prompt", "The second kite", NULL);
  run_wait (&run, GST_STATE_PLAYING);
  fail_if (run.error != NULL);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 2);
  g_object_get (run.src, "task-id", &second, NULL);
  fail_if (g_strcmp0 (first, second) == 0, "task %s served twice", first);
  body = wan_sim_last_create_body (sim);
  fail_unless_equals_string (json_object_get_string_member
      (json_node_get_object (body), "prompt"), "The second kite");

  json_node_unref (body);
  run_clear (&run);
  g_free (uri);
  g_free (second);
  g_free (first);
}

GST_END_TEST;

static void
set_prompt (GstElement * src)
{
  g_object_set (src, "prompt", "Something else", NULL);
}

/* Settings change only in NULL or READY: while the job runs, a change is
 * refused with a warning, and the getters and the URI keep describing
 * what is being made. */
GST_START_TEST (test_no_change_while_running)
{
  gchar *uri = sim_uri ("dashscope", "prompt=%5Bnever%5D%20A%20kite");
  gchar *uri_now, *prompt;
  GstElement *pipeline, *sink;
  GstElement *src = gst_element_make_from_uri (GST_URI_SRC, uri, "src",
      NULL);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (src),
      "prompt");
  GstBus *bus;
  GstMessage *msg;

  fail_unless (pspec->flags & GST_PARAM_MUTABLE_READY);
  pipeline = gst_pipeline_new (NULL);
  sink = gst_element_factory_make ("fakesink", NULL);
  gst_bin_add_many (GST_BIN (pipeline), src, sink, NULL);
  fail_unless (gst_element_link (src, sink));
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  /* The task exists: the job is surely running. */
  bus = gst_element_get_bus (pipeline);
  do {
    msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
        GST_MESSAGE_ELEMENT | GST_MESSAGE_ERROR);
    fail_unless (msg != NULL);
    fail_if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR);
    if (gst_message_has_name (msg, "wan-task")) {
      gst_message_unref (msg);
      break;
    }
    gst_message_unref (msg);
  } while (TRUE);

  ASSERT_WARNING (set_prompt (src));
  g_object_get (src, "prompt", &prompt, NULL);
  fail_unless_equals_string (prompt, "[never] A kite");
  uri_now = gst_uri_handler_get_uri (GST_URI_HANDLER (src));
  fail_unless_equals_string (uri_now, uri);

  gst_element_set_state (pipeline, GST_STATE_NULL);
  /* Stopped, it takes the change. */
  set_prompt (src);
  g_free (prompt);
  g_object_get (src, "prompt", &prompt, NULL);
  fail_unless_equals_string (prompt, "Something else");

  gst_object_unref (bus);
  gst_object_unref (pipeline);
  g_free (prompt);
  g_free (uri_now);
  g_free (uri);
}

GST_END_TEST;

/* gst-inspect's ranges are the ranges accepted; the three switches can
 * be set back to "not sent". */
GST_START_TEST (test_ranges_and_unset)
{
  GstElement *src = gst_element_factory_make ("wanvideosrc", NULL);
  GObjectClass *klass = G_OBJECT_GET_CLASS (src);
  GParamSpecInt64 *seed =
      G_PARAM_SPEC_INT64 (g_object_class_find_property (klass, "seed"));
  GParamSpecUInt *duration =
      G_PARAM_SPEC_UINT (g_object_class_find_property (klass, "duration"));
  gint audio, watermark;
  Run run;

  fail_unless_equals_int64 (seed->minimum, -1);
  fail_unless_equals_int64 (seed->maximum, G_MAXINT32);
  /* The longest video any model makes: dashscope's Wan 3.0, 30 s. */
  fail_unless_equals_int (duration->maximum, 30);
  fail_if (gst_uri_handler_set_uri (GST_URI_HANDLER (src),
          "wan://dashscope?prompt=p&seed=2147483648", NULL));
  fail_if (gst_uri_handler_set_uri (GST_URI_HANDLER (src),
          "wan://dashscope?prompt=p&duration=31", NULL));

  /* A gboolean still sets them, and "default" unsets. */
  g_object_set (src, "audio", FALSE, "watermark", TRUE, NULL);
  g_object_get (src, "audio", &audio, "watermark", &watermark, NULL);
  fail_unless_equals_int (audio, GST_WAN_SWITCH_FALSE);
  fail_unless_equals_int (watermark, GST_WAN_SWITCH_TRUE);
  gst_util_set_object_arg (G_OBJECT (src), "watermark", "default");
  g_object_get (src, "watermark", &watermark, NULL);
  fail_unless_equals_int (watermark, GST_WAN_SWITCH_DEFAULT);
  gst_object_unref (src);

  /* evolink refuses any watermark field: set, then unset, it runs. */
  run_setup (&run, "evolink", "prompt=A kite|watermark=true|duration=5",
      "fakesink");
  gst_util_set_object_arg (G_OBJECT (run.src), "watermark", "default");
  run_wait (&run, GST_STATE_PLAYING);
  fail_if (run.error != NULL);
  assert_body ("evolink", "{\"model\":\"wan2.6-text-to-video\","
      "\"prompt\":\"A kite\",\"duration\":5}");
  run_clear (&run);
}

GST_END_TEST;

static void
set_reference_uris (GstElement * src, const gchar * const *items)
{
  GValue array = G_VALUE_INIT;

  g_value_init (&array, GST_TYPE_ARRAY);
  for (; *items; items++) {
    GValue item = G_VALUE_INIT;

    g_value_init (&item, G_TYPE_STRING);
    g_value_set_string (&item, *items);
    gst_value_array_append_and_take_value (&array, &item);
  }
  g_object_set_property (G_OBJECT (src), "reference-uris", &array);
  g_value_unset (&array);
}

static gchar *
get_reference_uris (GstElement * src)
{
  GValue array = G_VALUE_INIT;
  gchar *text;

  g_value_init (&array, GST_TYPE_ARRAY);
  g_object_get_property (G_OBJECT (src), "reference-uris", &array);
  text = gst_value_serialize (&array);
  g_value_unset (&array);
  return text;
}

/* One URI is a list of one; a string split into its characters (what
 * Python makes of Gst.ValueArray("https://…")) is refused, loudly. */
GST_START_TEST (test_reference_uris_string_refused)
{
  const gchar *one[] = { "https://example.com/a.mp4", NULL };
  const gchar *chars[] = { "h", "t", "t", "p", "s", NULL };
  GstElement *src = gst_element_factory_make ("wanvideosrc", NULL);
  gchar *text;

  set_reference_uris (src, one);
  text = get_reference_uris (src);
  fail_unless_equals_string (text, "< (string)https://example.com/a.mp4 >");
  g_free (text);

  ASSERT_WARNING (set_reference_uris (src, chars));
  text = get_reference_uris (src);
  fail_unless_equals_string (text, "< (string)https://example.com/a.mp4 >");
  g_free (text);
  gst_object_unref (src);
}

GST_END_TEST;

/* "Task … running 40%" when the provider says how far it is, "Task …
 * running" when it does not (dashscope): never a made-up "running0%". */
GST_START_TEST (test_progress_text_without_percent)
{
  Run run;
  GstBus *bus;
  gboolean done = FALSE, seen = FALSE;

  run_setup (&run, "dashscope", "prompt=A kite", "fakesink");
  bus = gst_element_get_bus (run.pipeline);
  gst_element_set_state (run.pipeline, GST_STATE_PLAYING);
  while (!done) {
    GstMessage *msg = gst_bus_timed_pop (bus, 60 * GST_SECOND);
    GstProgressType type;
    gchar *code, *text;

    fail_unless (msg != NULL, "no EOS or error within 60 s");
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_PROGRESS) {
      gst_message_parse_progress (msg, &type, &code, &text);
      if (type == GST_PROGRESS_TYPE_CONTINUE && !strcmp (code, "generate")) {
        seen = TRUE;
        fail_if (g_regex_match_simple ("[a-z][0-9]+%$", text, 0, 0), "%s",
            text);
      }
      g_free (code);
      g_free (text);
    }
    done = run_message (&run, msg);
    gst_message_unref (msg);
  }
  fail_unless (seen);
  fail_unless (run.error == NULL);
  gst_object_unref (bus);
  run_clear (&run);
}

GST_END_TEST;

/* --- a URI names one video ------------------------------------------ */

/* wanvideosrc for @uri into filesink @name; TRUE at EOS. */
static GstElement *
open_uri (const gchar * uri, const gchar * name)
{
  GstElement *pipeline = gst_pipeline_new (NULL);
  GstElement *src = gst_element_make_from_uri (GST_URI_SRC, uri, NULL, NULL);
  GstElement *sink = gst_element_factory_make (name ? "filesink" : "fakesink",
      NULL);

  if (name) {
    gchar *location = g_build_filename (tmpdir, name, NULL);

    g_object_set (sink, "location", location, NULL);
    g_free (location);
  }
  gst_bin_add_many (GST_BIN (pipeline), src, sink, NULL);
  fail_unless (gst_element_link (src, sink));
  return pipeline;
}

static void
play_uri (const gchar * uri, const gchar * name)
{
  GstElement *pipeline = open_uri (uri, name);

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  wait_for (pipeline, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
}

static gchar *
tmp_path (const gchar * name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static guint
http_requests (void)
{
  return wan_sim_count (sim, "create") + wan_sim_count (sim, "status") +
      wan_sim_count (sim, "download");
}

/* Opened twice in a row, an unseeded URI makes one task and the same
 * bytes; a third opening (as in a later process) is served from the
 * cache without any request. */
GST_START_TEST (test_same_uri_twice_pays_once)
{
  gchar *uri = sim_uri ("toapis", "prompt=One%20kite%2C%20twice");
  gchar *a = tmp_path ("a.mp4"), *b = tmp_path ("b.mp4");
  gchar *c = tmp_path ("c.mp4"), *task, *served;
  guint requests;

  play_uri (uri, "a.mp4");
  play_uri (uri, "b.mp4");
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  assert_same_file (a, b);
  task = wan_sim_last_task_id (sim);
  served = wan_sim_get_video_path (sim, task);
  assert_same_file (a, served);

  requests = http_requests ();
  play_uri (uri, "c.mp4");
  fail_unless_equals_int (http_requests (), requests);
  assert_same_file (a, c);

  g_free (served);
  g_free (task);
  g_free (c);
  g_free (b);
  g_free (a);
  g_free (uri);
}

GST_END_TEST;

/* The first opening stops before the video is there (a player that only
 * probed it): the second resumes that task instead of paying again. */
GST_START_TEST (test_same_uri_after_stop_pays_once)
{
  gchar *uri =
      sim_uri ("dashscope", "prompt=%5Bms%3D1500%5D%20A%20slow%20kite");
  GstElement *pipeline = open_uri (uri, NULL);
  gchar *b = tmp_path ("b.mp4"), *c = tmp_path ("c.mp4"), *task, *served;
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while ((msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
              GST_MESSAGE_ELEMENT | GST_MESSAGE_ERROR | GST_MESSAGE_EOS))) {
    gboolean created = gst_message_has_name (msg, "wan-task");

    fail_unless (created || GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT);
    gst_message_unref (msg);
    if (created)
      break;
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);

  play_uri (uri, "b.mp4");
  play_uri (uri, "c.mp4");
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  task = wan_sim_last_task_id (sim);
  served = wan_sim_get_video_path (sim, task);
  assert_same_file (b, served);
  assert_same_file (b, c);

  g_free (served);
  g_free (task);
  g_free (c);
  g_free (b);
  g_free (uri);
}

GST_END_TEST;

/* --- tags ------------------------------------------------------------ */

/* Through decodebin (qtdemux pulling, which drops upstream tag events)
 * the application still hears what was asked of whom: the source posts
 * its tags on the bus. */
GST_START_TEST (test_tags_reach_the_application)
{
  GstTagList *tags = NULL;
  GstBus *bus;
  GstMessage *msg;
  Run run;

  run_setup (&run, "toapis", "prompt=A tagged kite", "decodebin name=dec");
  bus = gst_element_get_bus (run.pipeline);
  gst_element_set_state (run.pipeline, GST_STATE_PLAYING);
  while ((msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
              GST_MESSAGE_TAG | GST_MESSAGE_EOS | GST_MESSAGE_ERROR))) {
    GstMessageType type = GST_MESSAGE_TYPE (msg);

    fail_if (type == GST_MESSAGE_ERROR);
    if (type == GST_MESSAGE_TAG && GST_MESSAGE_SRC (msg) ==
        GST_OBJECT (run.src)) {
      fail_unless (tags == NULL, "tags posted twice");
      gst_message_parse_tag (msg, &tags);
    }
    gst_message_unref (msg);
    if (type == GST_MESSAGE_EOS)
      break;
  }
  assert_source_tags (tags, run.src, "A tagged kite", "toapis");

  gst_object_unref (bus);
  run_clear (&run);
  gst_tag_list_unref (tags);
}

GST_END_TEST;

/* --- GES ------------------------------------------------------------- */

/* What the discoverer makes of a rendered file: its length, and that it
 * has both streams. */
static void
assert_rendered (const gchar * path)
{
  GstDiscoverer *discoverer = gst_discoverer_new (60 * GST_SECOND, NULL);
  gchar *uri = gst_filename_to_uri (path, NULL);
  GstDiscovererInfo *info;
  GList *video, *audio;
  GError *error = NULL;

  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  fail_unless (info != NULL, "%s: %s", path, error ? error->message : "");
  fail_unless (ABOUT_5_S (gst_discoverer_info_get_duration (info)),
      "%s: %" GST_TIME_FORMAT, path,
      GST_TIME_ARGS (gst_discoverer_info_get_duration (info)));
  video = gst_discoverer_info_get_video_streams (info);
  audio = gst_discoverer_info_get_audio_streams (info);
  fail_unless_equals_int (g_list_length (video), 1);
  fail_unless_equals_int (g_list_length (audio), 1);
  gst_discoverer_stream_info_list_free (video);
  gst_discoverer_stream_info_list_free (audio);
  gst_discoverer_info_unref (info);
  g_object_unref (discoverer);
  g_free (uri);
}

#ifdef HAVE_GES
static GstEncodingProfile *
ogg_profile (void)
{
  GstCaps *ogg = gst_caps_from_string ("application/ogg");
  GstCaps *theora = gst_caps_from_string ("video/x-theora");
  GstCaps *vorbis = gst_caps_from_string ("audio/x-vorbis");
  GstEncodingContainerProfile *profile =
      gst_encoding_container_profile_new ("ogg", NULL, ogg, NULL);

  gst_encoding_container_profile_add_profile (profile, (GstEncodingProfile *)
      gst_encoding_video_profile_new (theora, NULL, NULL, 0));
  gst_encoding_container_profile_add_profile (profile, (GstEncodingProfile *)
      gst_encoding_audio_profile_new (vorbis, NULL, NULL, 0));
  gst_caps_unref (vorbis);
  gst_caps_unref (theora);
  gst_caps_unref (ogg);
  return (GstEncodingProfile *) profile;
}

/* GESUriClipAsset, a timeline, a render: GES opens the URI three times
 * (discovery, audio track, video track) and gets one video, paid once. */
GST_START_TEST (test_ges_renders_wan_clip)
{
  gchar *uri = sim_uri ("evolink", "prompt=A%20GES%20kite&duration=5");
  gchar *out = tmp_path ("ges.ogg"), *out_uri = gst_filename_to_uri (out, NULL);
  GESUriClipAsset *asset;
  GESTimeline *timeline;
  GESLayer *layer;
  GESPipeline *pipeline;
  GstEncodingProfile *profile = ogg_profile ();
  GError *error = NULL;
  GstClockTime duration;

  fail_unless (ges_init ());
  asset = ges_uri_clip_asset_request_sync (uri, &error);
  fail_unless (asset != NULL, "%s", error ? error->message : "");
  duration = ges_uri_clip_asset_get_duration (asset);
  fail_unless (ABOUT_5_S (duration), "%" GST_TIME_FORMAT,
      GST_TIME_ARGS (duration));

  timeline = ges_timeline_new_audio_video ();
  layer = ges_timeline_append_layer (timeline);
  fail_unless (ges_layer_add_asset (layer, GES_ASSET (asset), 0, 0, duration,
          GES_TRACK_TYPE_UNKNOWN) != NULL);
  fail_unless (ges_timeline_commit (timeline));
  pipeline = ges_pipeline_new ();
  fail_unless (ges_pipeline_set_timeline (pipeline, timeline));
  fail_unless (ges_pipeline_set_render_settings (pipeline, out_uri, profile));
  fail_unless (ges_pipeline_set_mode (pipeline, GES_PIPELINE_MODE_RENDER));
  gst_element_set_state (GST_ELEMENT (pipeline), GST_STATE_PLAYING);
  wait_for (GST_ELEMENT (pipeline), GST_MESSAGE_EOS);
  gst_element_set_state (GST_ELEMENT (pipeline), GST_STATE_NULL);

  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  assert_rendered (out);

  gst_object_unref (pipeline);
  gst_object_unref (asset);
  gst_object_unref (profile);
  g_free (out_uri);
  g_free (out);
  g_free (uri);
}

GST_END_TEST;
#endif

/* The same from Python (PyGObject), as examples/wan-ges.py does it. */
GST_START_TEST (test_ges_python_example)
{
  gchar *uri = sim_uri ("dashscope", "prompt=A%20Python%20kite&duration=5");
  gchar *out = tmp_path ("py.ogg");
  /* Debian's own interpreter, the one python3-gi is for. */
  const gchar *argv[] = { "/usr/bin/python3", EXAMPLES_DIR "/wan-ges.py",
    uri, out, NULL
  };
  gchar *stdout_text = NULL, *stderr_text = NULL;
  gint status = -1;
  GError *error = NULL;

  fail_unless (run_util_spawn_sync (tmpdir, NULL, argv, &stdout_text,
          &stderr_text, &status, &error), "%s", error ? error->message : "");
  if (WIFEXITED (status) && WEXITSTATUS (status) == 1
      && strstr (stderr_text, "Namespace GES not available")) {
    GST_INFO ("skipped: GES has no introspection data here");
  } else {
    fail_unless (g_spawn_check_wait_status (status, NULL), "%s%s",
        stdout_text, stderr_text);
    fail_unless (strstr (stdout_text, "rendered") != NULL, "%s", stdout_text);
    fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
    assert_rendered (out);
  }

  g_free (stderr_text);
  g_free (stdout_text);
  g_free (out);
  g_free (uri);
}

GST_END_TEST;

static Suite *
players_suite (void)
{
  Suite *s = suite_create ("wanvideosrc-players");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, players_setup, players_teardown);
  tcase_add_loop_test (tc, test_uri_plays_and_sends_only_what_it_names, 0,
      G_N_ELEMENTS (uri_cases));
  tcase_add_loop_test (tc, test_discoverer_reports_duration, 0,
      G_N_ELEMENTS (uri_cases));
  tcase_add_test (tc, test_reuse_with_new_prompt_creates_new_task);
  tcase_add_test (tc, test_no_change_while_running);
  tcase_add_test (tc, test_ranges_and_unset);
  tcase_add_test (tc, test_reference_uris_string_refused);
  tcase_add_test (tc, test_progress_text_without_percent);
  tcase_add_test (tc, test_same_uri_twice_pays_once);
  tcase_add_test (tc, test_same_uri_after_stop_pays_once);
  tcase_add_test (tc, test_tags_reach_the_application);
#ifdef HAVE_GES
  tcase_add_test (tc, test_ges_renders_wan_clip);
#endif
  tcase_add_test (tc, test_ges_python_example);
  return s;
}

GST_CHECK_MAIN (players);
