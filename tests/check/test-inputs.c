/* Local input files (image-uri, reference-uris, audio-uri given as paths
 * or file:// URIs): measured, checked against each provider's documented
 * limits, then uploaded or inlined the way that provider allows. */

#include <gst/check/gstcheck.h>
#include "run-util.h"
#include "wan-sim-client.h"

/* Makes tmpdir/@name with a GStreamer pipeline whose sink is
 * "filesink location=%s". */
static gchar *
make_media (const gchar * name, const gchar * pipeline_format)
{
  gchar *path = g_build_filename (tmpdir, name, NULL);
  gchar *desc = g_strdup_printf (pipeline_format, path);
  GstElement *pipeline = gst_parse_launch (desc, NULL);
  GstBus *bus;
  GstMessage *msg;

  fail_unless (pipeline != NULL, "%s", desc);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (msg && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS, "%s", desc);
  gst_message_unref (msg);
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  g_free (desc);
  return path;
}

static gchar *
make_image (const gchar * name, const gchar * caps, const gchar * encoder)
{
  gchar *format = g_strdup_printf ("videotestsrc num-buffers=1 ! %s ! %s ! "
      "filesink location=\"%%s\"", caps, encoder);
  gchar *path = make_media (name, format);

  g_free (format);
  return path;
}

#define RGB_640 "video/x-raw,format=RGB,width=640,height=480"

static gchar *
make_video (const gchar * name, guint seconds)
{
  gchar *format = g_strdup_printf ("videotestsrc num-buffers=%u ! "
      "video/x-raw,width=320,height=240,framerate=10/1 ! x264enc "
      "speed-preset=ultrafast ! mp4mux ! filesink location=%%s",
      seconds * 10);
  gchar *path = make_media (name, format);

  g_free (format);
  return path;
}

static gchar *
make_mp3 (const gchar * name, guint seconds)
{
  gchar *format = g_strdup_printf ("audiotestsrc num-buffers=%u "
      "samplesperbuffer=4410 ! audio/x-raw,rate=44100 ! lamemp3enc ! "
      "filesink location=%%s", seconds * 10);
  gchar *path = make_media (name, format);

  g_free (format);
  return path;
}

/* The string at @json_path in the last create body. */
static gchar *
sent (const gchar * json_path)
{
  JsonNode *body = wan_sim_last_create_body (sim);
  JsonNode *found = json_path_query (json_path, body, NULL);
  JsonArray *array = json_node_get_array (found);
  gchar *value = NULL;

  if (json_array_get_length (array) == 1)
    value = g_strdup (json_array_get_string_element (array, 0));
  json_node_unref (found);
  json_node_unref (body);
  fail_unless (value != NULL, "nothing at %s", json_path);
  return value;
}

static void
assert_data_uri_of (const gchar * uri, const gchar * type, const gchar * path)
{
  gchar *prefix = g_strdup_printf ("data:%s;base64,", type);
  gchar *contents;
  guchar *decoded;
  gsize size, decoded_size;

  fail_unless (g_str_has_prefix (uri, prefix), "%.60s", uri);
  decoded = g_base64_decode (uri + strlen (prefix), &decoded_size);
  fail_unless (g_file_get_contents (path, &contents, &size, NULL));
  fail_unless_equals_uint64 (decoded_size, size);
  fail_unless (memcmp (decoded, contents, size) == 0);
  g_free (contents);
  g_free (decoded);
  g_free (prefix);
}

/* @url came from the simulator's upload service and holds @path. */
static void
assert_uploaded (const gchar * url, const gchar * path)
{
  gchar *stored = wan_sim_last_upload_path (sim);
  gchar *name = g_path_get_basename (stored);

  fail_unless (g_str_has_prefix (url, "http://127.0.0.1:"), "%s", url);
  fail_unless (g_str_has_suffix (url, name), "%s is not %s", url, name);
  assert_same_file (stored, path);
  g_free (name);
  g_free (stored);
}

static void
run_ok (Run * run, const gchar * provider, const gchar * settings)
{
  GError *error = NULL;

  run_full (run, provider, settings, "decodebin name=dec");
  if (run->error)
    gst_message_parse_error (run->error, &error, NULL);
  fail_unless (run->error == NULL, "%s: %s", provider, error->message);
  fail_unless (run->video_frames > 0);
}

GST_START_TEST (test_local_image_every_provider)
{
  gchar *png = make_image ("first frame.png", RGB_640, "pngenc");
  gchar *png_uri = g_filename_to_uri (png, NULL, NULL);
  gchar *settings, *value;
  Run run;

  /* toapis: its image upload, the key along (its own API host). */
  settings = g_strdup_printf ("image-uri=%s|prompt=wake up", png_uri);
  run_ok (&run, "toapis", settings);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 1);
  value = sent ("$.image_urls[0]");
  assert_uploaded (value, png);
  g_free (value);
  value = wan_sim_last_header (sim, "upload", "Authorization");
  fail_unless_equals_string (value, "Bearer " WAN_SIM_DEFAULT_KEY);
  g_free (value);
  fail_unless (g_hash_table_contains (run.completed_codes, "upload"));
  run_clear (&run);
  g_free (settings);

  /* evolink: its file upload (a path this time, not a URI). */
  settings = g_strdup_printf ("image-uri=%s|prompt=wake up", png);
  run_ok (&run, "evolink", settings);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 2);
  value = sent ("$.image_urls[0]");
  assert_uploaded (value, png);
  g_free (value);
  run_clear (&run);

  /* aimlapi and dashscope: inline, as a base64 data: URI. */
  run_ok (&run, "aimlapi", settings);
  value = sent ("$.image_url");
  assert_data_uri_of (value, "image/png", png);
  g_free (value);
  run_clear (&run);
  run_ok (&run, "dashscope", settings);
  value = sent ("$.input.img_url");
  assert_data_uri_of (value, "image/png", png);
  g_free (value);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 2);
  run_clear (&run);

  g_free (settings);
  g_free (png_uri);
  g_free (png);
}

GST_END_TEST;

GST_START_TEST (test_local_video_and_audio_on_evolink)
{
  gchar *video = make_video ("dance.mp4", 3);
  gchar *song = make_mp3 ("song.mp3", 4);
  gchar *settings = g_strdup_printf ("reference-uris=<\"%s\">|audio-uri=%s|"
      "prompt=dance", video, song);
  gchar *value;
  Run run;

  run_ok (&run, "evolink", settings);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 2);
  /* The song went first; the video is the last upload. */
  value = sent ("$.video_urls[0]");
  assert_uploaded (value, video);
  g_free (value);
  value = sent ("$.audio_url");
  fail_unless (strstr (value, "/files/upload-") != NULL, "%s", value);
  fail_unless (g_str_has_suffix (value, "song.mp3"), "%s", value);
  g_free (value);
  run_clear (&run);
  g_free (settings);
  g_free (song);
  g_free (video);
}

GST_END_TEST;

/* Runs @settings on @provider, expects a settings error naming @part and
 * not a single request to the provider. */
static void
assert_refused (const gchar * provider, const gchar * settings, gint code,
    const gchar * part)
{
  Run run;

  run_full (&run, provider, settings, "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, code, part);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 0);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  run_clear (&run);
}

GST_START_TEST (test_refused_before_anything_is_paid)
{
  gchar *small = make_image ("small.png",
      "video/x-raw,format=RGB,width=200,height=200", "pngenc");
  gchar *alpha = make_image ("alpha.png",
      "video/x-raw,format=RGBA,width=640,height=480", "pngenc");
  gchar *short_video = make_video ("short.mp4", 1);
  gchar *song = make_mp3 ("song.mp3", 4);
  gchar *text = g_build_filename (tmpdir, "notes.png", NULL);
  gchar *s;

  fail_unless (g_file_set_contents (text, "not an image at all", -1, NULL));

  /* No way at all: toapis takes reference videos only as URLs. */
  s = g_strdup_printf ("reference-uris=<\"%s\">|prompt=p", short_video);
  assert_refused ("toapis", s, GST_RESOURCE_ERROR_SETTINGS,
      "reference-uris: toapis takes a video only as an http(s) URL");
  g_free (s);
  /* evolink's documented limits. */
  s = g_strdup_printf ("image-uri=%s|prompt=p", small);
  assert_refused ("evolink", s, GST_RESOURCE_ERROR_SETTINGS,
      "is 200×200 pixels; each side must be 360 to 2000");
  g_free (s);
  s = g_strdup_printf ("image-uri=%s|prompt=p", alpha);
  assert_refused ("evolink", s, GST_RESOURCE_ERROR_SETTINGS,
      "has an alpha channel");
  g_free (s);
  s = g_strdup_printf ("reference-uris=<\"%s\">|prompt=p", short_video);
  assert_refused ("evolink", s, GST_RESOURCE_ERROR_SETTINGS,
      "lasts 1.0 s; it must last 2 to 30 s");
  g_free (s);
  /* The wrong kind of file, a file that is not media, no file. */
  s = g_strdup_printf ("image-uri=%s|prompt=p", song);
  assert_refused ("dashscope", s, GST_RESOURCE_ERROR_SETTINGS,
      "is not an image but an audio file (mp3)");
  g_free (s);
  s = g_strdup_printf ("image-uri=%s|prompt=p", text);
  assert_refused ("aimlapi", s, GST_RESOURCE_ERROR_SETTINGS,
      "GStreamer cannot read");
  g_free (s);
  assert_refused ("dashscope", "image-uri=/nonexistent/x.png|prompt=p",
      GST_RESOURCE_ERROR_NOT_FOUND, "image-uri: cannot read "
      "'/nonexistent/x.png'");

  g_free (text);
  g_free (song);
  g_free (short_video);
  g_free (alpha);
  g_free (small);
}

GST_END_TEST;

GST_START_TEST (test_upload_retried_when_transient)
{
  gchar *png = make_image ("frame.png", RGB_640, "pngenc");
  gchar *settings = g_strdup_printf ("image-uri=%s|prompt=p|retries=3",
      png);
  gchar *value;
  Run run;

  /* An upload costs nothing, so a 503 is ridden out like a status poll. */
  wan_sim_inject (sim, "upload", 503, 2);
  run_ok (&run, "evolink", settings);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 3);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  value = sent ("$.image_urls[0]");
  assert_uploaded (value, png);
  g_free (value);
  run_clear (&run);
  g_free (settings);
  g_free (png);
}

GST_END_TEST;

GST_START_TEST (test_upload_refused)
{
  gchar *png = make_image ("frame.png", RGB_640, "pngenc");
  gchar *settings = g_strdup_printf ("image-uri=%s|prompt=p", png);
  gchar *text = g_build_filename (tmpdir, "notes.txt", NULL);
  WanClient *client = wan_sim_client_new (sim, "toapis", WAN_SIM_DEFAULT_KEY);
  WanRequest req, prepared;
  GError *error = NULL;
  Run run;

  /* The key refused at the upload: nothing is created. */
  wan_sim_inject (sim, "upload", 401, 1);
  run_full (&run, "toapis", settings, "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_AUTHORIZED,
      "image-uri: ");
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  run_clear (&run);

  /* Without the element's checks, the service's own refusal. */
  fail_unless (g_file_set_contents (text, "plain words", -1, NULL));
  wan_request_init (&req);
  req.provider = WAN_PROVIDER_TOAPIS;
  req.prompt = g_strdup ("p");
  req.image_uri = g_strdup (text);
  fail_if (wan_client_prepare_inputs (client, &req, &prepared, NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID));
  fail_unless (strstr (error->message, "image-uri: ") != NULL
      && strstr (error->message, "toapis refused the upload (HTTP 400): "
          "unsupported file type") != NULL, "%s", error->message);
  g_clear_error (&error);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  wan_request_clear (&req);
  wan_client_free (client);

  /* An inlined file that is not there. */
  client = wan_sim_client_new (sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  wan_request_init (&req);
  req.prompt = g_strdup ("p");
  req.image_uri = g_build_filename (tmpdir, "gone.png", NULL);
  fail_if (wan_client_prepare_inputs (client, &req, &prepared, NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND));
  fail_unless (g_str_has_prefix (error->message, "image-uri: "), "%s",
      error->message);
  g_error_free (error);

  wan_request_clear (&req);
  wan_client_free (client);
  g_free (text);
  g_free (settings);
  g_free (png);
}

GST_END_TEST;

GST_START_TEST (test_digest_follows_contents)
{
  gchar *png = make_image ("a.png", RGB_640, "pngenc");
  gchar *copy = g_build_filename (tmpdir, "b.png", NULL);
  gchar *other = make_image ("c.png",
      "video/x-raw,format=RGB,width=640,height=400", "pngenc");
  gchar *contents, *d1, *d2, *d3;
  gsize size;
  WanClient *client = wan_sim_client_new (sim, "toapis", WAN_SIM_DEFAULT_KEY);
  WanRequest req;

  fail_unless (g_file_get_contents (png, &contents, &size, NULL));
  fail_unless (g_file_set_contents (copy, contents, size, NULL));
  wan_request_init (&req);
  req.provider = WAN_PROVIDER_TOAPIS;
  req.prompt = g_strdup ("p");
  req.seed = 7;
  req.image_uri = g_strdup (png);
  d1 = wan_client_request_digest (client, &req, NULL);
  g_free (req.image_uri);
  req.image_uri = g_filename_to_uri (copy, NULL, NULL);
  d2 = wan_client_request_digest (client, &req, NULL);
  g_free (req.image_uri);
  req.image_uri = g_strdup (other);
  d3 = wan_client_request_digest (client, &req, NULL);
  /* The same picture under another name is the same request. */
  fail_unless (d1 != NULL);
  fail_unless_equals_string (d1, d2);
  fail_if (g_str_equal (d1, d3));
  /* Hashing never uploads. */
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 0);

  wan_request_clear (&req);
  wan_client_free (client);
  g_free (d1);
  g_free (d2);
  g_free (d3);
  g_free (contents);
  g_free (other);
  g_free (copy);
  g_free (png);
}

GST_END_TEST;

typedef struct
{
  GString *sending;             /* "done/total " for each call */
  gchar *task_id;
  guint64 bytes;
} JobRecord;

static void
job_inputs_sending (guint done, guint total, gpointer data)
{
  JobRecord *r = data;

  g_string_append_printf (r->sending, "%u/%u ", done, total);
}

static void
job_task_created (const gchar * task_id, gpointer data)
{
  JobRecord *r = data;

  fail_unless (r->task_id == NULL);
  r->task_id = g_strdup (task_id);
}

static gboolean
job_data (const guint8 * bytes, gsize size, gpointer data, GError ** error)
{
  ((JobRecord *) data)->bytes += size;
  return TRUE;
}

/* The job API an application and the element drive: the digest of the
 * job is the request's digest, the local image is sent (and announced
 * around it) before the one create, and the video arrives. */
GST_START_TEST (test_job_sends_local_inputs)
{
  gchar *png = make_image ("job.png", RGB_640, "pngenc");
  WanClient *client = wan_sim_client_new (sim, "toapis", WAN_SIM_DEFAULT_KEY);
  WanTaskCallbacks callbacks = { 0, };
  WanRunOptions options = { 60, 50 };
  JobRecord r = { g_string_new (NULL), NULL, 0 };
  GError *error = NULL;
  gchar *digest, *expected;
  WanRequest req;
  WanJob *job;

  callbacks.task_created = job_task_created;
  callbacks.data = job_data;
  callbacks.inputs_sending = job_inputs_sending;
  wan_request_init (&req);
  req.provider = WAN_PROVIDER_TOAPIS;
  req.prompt = g_strdup ("p");
  req.image_uri = g_strdup (png);

  job = wan_job_new (client, &req, &error);
  fail_unless (job != NULL, "%s", error ? error->message : "");
  digest = wan_job_digest (job, NULL, &error);
  expected = wan_client_request_digest (client, &req, NULL);
  fail_unless (digest != NULL, "%s", error ? error->message : "");
  fail_unless_equals_string (digest, expected);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 0);
  fail_unless (wan_job_run (job, NULL, &options, &callbacks, &r, NULL,
          &error), "%s", error ? error->message : "");
  fail_unless_equals_string (r.sending->str, "0/1 1/1 ");
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 1);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  fail_unless (r.task_id != NULL);
  fail_unless (r.bytes > 0);
  wan_job_free (job);

  /* A job given by id has no request, so no digest, and sends nothing. */
  job = wan_job_new_resume (client, r.task_id);
  fail_unless (wan_job_digest (job, NULL, NULL) == NULL);
  wan_job_free (job);

  /* Invalid: refused when the job is made, naming the property. */
  g_free (req.prompt);
  req.prompt = NULL;
  req.provider = WAN_PROVIDER_EVOLINK;
  g_clear_pointer (&req.image_uri, g_free);
  fail_if (wan_client_request_digest (client, &req, NULL));
  wan_client_free (client);
  client = wan_sim_client_new (sim, "evolink", WAN_SIM_DEFAULT_KEY);
  fail_if (wan_job_new (client, &req, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID));
  fail_unless (g_str_has_prefix (error->message, "prompt: "), "%s",
      error->message);
  g_clear_error (&error);

  wan_request_clear (&req);
  wan_client_free (client);
  g_string_free (r.sending, TRUE);
  g_free (r.task_id);
  g_free (digest);
  g_free (expected);
  g_free (png);
}

GST_END_TEST;

/* Index of the first of @lines after @from that starts with @prefix. */
static guint
find_line (GPtrArray * lines, guint from, const gchar * prefix)
{
  guint i;

  for (i = from; i < lines->len; i++) {
    if (g_str_has_prefix (g_ptr_array_index (lines, i), prefix))
      return i;
  }
  fail ("no \"%s\" after line %u", prefix, from);
  return 0;
}

/* Runs @run to EOS or error, keeping each progress message as a line
 * "TYPE CODE: TEXT" in @lines. */
static void
run_recording_progress (Run * run, GPtrArray * lines)
{
  GstBus *bus = gst_element_get_bus (run->pipeline);
  GEnumClass *types = g_type_class_ref (GST_TYPE_PROGRESS_TYPE);
  gboolean done = FALSE;

  fail_if (gst_element_set_state (run->pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  while (!done) {
    GstMessage *msg = gst_bus_timed_pop (bus, 60 * GST_SECOND);
    GstProgressType type;
    gchar *code, *text;

    fail_unless (msg != NULL, "no EOS or error within 60 s");
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_PROGRESS) {
      gst_message_parse_progress (msg, &type, &code, &text);
      g_ptr_array_add (lines, g_strdup_printf ("%s %s: %s",
              g_enum_get_value (types, type)->value_nick, code, text));
      g_free (code);
      g_free (text);
    }
    done = run_message (run, msg);
    gst_message_unref (msg);
  }
  g_type_class_unref (types);
  gst_object_unref (bus);
}

/* The element with a local image: the client's job sends it, and the
 * application hears of it on the bus as before, in order: the upload
 * starts and completes, then the request is submitted, and the video
 * arrives. */
GST_START_TEST (test_element_announces_upload)
{
  gchar *png = make_image ("element.png", RGB_640, "pngenc");
  gchar *settings = g_strdup_printf ("image-uri=%s|prompt=p", png);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  guint at;
  Run run;

  run_setup (&run, "toapis", settings, "decodebin name=dec");
  run_recording_progress (&run, lines);
  fail_unless (run.error == NULL);
  fail_unless (run.video_frames > 0);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 1);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  at = find_line (lines, 0, "start upload: Sending local inputs to toapis");
  at = find_line (lines, at + 1, "complete upload: Local inputs sent to "
      "toapis");
  at = find_line (lines, at + 1, "start submit: Submitting to toapis");
  at = find_line (lines, at + 1, "complete submit: Task ");
  find_line (lines, at + 1, "complete download: ");
  run_clear (&run);
  g_ptr_array_unref (lines);
  g_free (settings);
  g_free (png);
}

GST_END_TEST;

/* A request refused while computing its digest names the user's file,
 * not what the digest reads it as. */
GST_START_TEST (test_digest_refusal_names_the_file)
{
  gchar *song = g_build_filename (tmpdir, "song.mp3", NULL);
  /* Replicate takes no local audio (dashscope now uploads it). */
  WanClient *client = wan_sim_client_new (sim, "replicate",
      WAN_SIM_DEFAULT_KEY);
  GError *error = NULL;
  WanRequest req;

  fail_unless (g_file_set_contents (song, "ID3 not really", -1, NULL));
  wan_request_init (&req);
  req.provider = WAN_PROVIDER_REPLICATE;
  req.prompt = g_strdup ("p");
  req.image_uri = g_strdup ("https://i.example/first.png");
  req.audio_uri = g_strdup (song);
  fail_if (wan_client_request_digest (client, &req, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID));
  fail_unless (g_str_has_prefix (error->message, "audio-uri: "), "%s",
      error->message);
  fail_unless (strstr (error->message, song) != NULL, "%s", error->message);
  g_error_free (error);

  wan_request_clear (&req);
  wan_client_free (client);
  g_free (song);
}

GST_END_TEST;

static guint
http_requests (void)
{
  return wan_sim_count (sim, "upload") + wan_sim_count (sim, "create") +
      wan_sim_count (sim, "status") + wan_sim_count (sim, "download");
}

static void
run_cached (const gchar * image)
{
  gchar *settings = g_strdup_printf ("image-uri=%s|prompt=p|seed=7|"
      "cache-dir=%s/cache", image, tmpdir);
  Run run;

  run_ok (&run, "toapis", settings);
  run_clear (&run);
  g_free (settings);
}

GST_START_TEST (test_cache_keyed_by_input_contents)
{
  gchar *png = make_image ("a.png", RGB_640, "pngenc");
  gchar *copy = g_build_filename (tmpdir, "b.png", NULL);
  gchar *contents;
  gsize size;
  guint requests;

  run_cached (png);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 1);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  requests = http_requests ();

  /* The same picture under another name: no upload, no call at all. */
  fail_unless (g_file_get_contents (png, &contents, &size, NULL));
  fail_unless (g_file_set_contents (copy, contents, size, NULL));
  run_cached (copy);
  fail_unless_equals_int (http_requests (), requests);

  /* Another picture under that name is another video. */
  g_free (png);
  png = make_image ("b.png", "video/x-raw,format=RGB,width=640,height=360",
      "pngenc");
  run_cached (copy);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 2);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 2);

  g_free (contents);
  g_free (copy);
  g_free (png);
}

GST_END_TEST;

/* --- DashScope: the temporary storage (docs/providers.md, "dashscope",
 * "Upload (temporary storage)") ----------------------------------- */

/* @url (from the create body) names the file the simulator's storage
 * keeps for @model, and that file holds @path's bytes. */
static void
assert_in_storage (const gchar * url, const gchar * model, const gchar * path)
{
  gchar *stored = wan_sim_oss_file (sim, model, url);

  fail_unless (g_str_has_prefix (url, "oss://dashscope-instant/sim/"), "%s",
      url);
  fail_unless (stored != NULL, "%s is not stored for %s", url, model);
  assert_same_file (stored, path);
  g_free (stored);
}

/* What every DashScope upload must look like on the wire: the policy
 * asked with the key, the form sent without it, the create enabled to
 * resolve oss:// URLs; @files files, one task. */
static void
assert_storage_used (guint files)
{
  gchar *value;

  fail_unless_equals_int (wan_sim_count (sim, "upload"), files);
  fail_unless_equals_int (wan_sim_count (sim, "storage"), files);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 1);
  value = wan_sim_last_header (sim, "upload", "Authorization");
  fail_unless_equals_string (value, "Bearer " WAN_SIM_DEFAULT_KEY);
  g_free (value);
  value = wan_sim_last_header (sim, "storage", "Authorization");
  fail_unless (value == NULL, "the key reached the upload host: %s", value);
  value = wan_sim_last_header (sim, "create", "X-DashScope-OssResourceResolve");
  fail_unless_equals_string (value, "enable");
  g_free (value);
}

GST_START_TEST (test_dashscope_local_frames_uploaded)
{
  gchar *first = make_image ("first frame.png", RGB_640, "pngenc");
  gchar *last = make_image ("last.jpg", RGB_640, "jpegenc");
  gchar *settings = g_strdup_printf ("model-family=wan2.7|image-uri=%s|"
      "last-frame-uri=%s|prompt=The bud opens|duration=2", first, last);
  gchar *value;
  Run run;

  run_ok (&run, "dashscope", settings);
  assert_storage_used (2);
  value = sent ("$.input.media[0].url");
  assert_in_storage (value, "wan2.7-i2v", first);
  /* The file's name, made safe for a URL: no space. */
  fail_unless (g_str_has_suffix (value, "/first_frame.png"), "%s", value);
  g_free (value);
  value = sent ("$.input.media[1].type");
  fail_unless_equals_string (value, "last_frame");
  g_free (value);
  value = sent ("$.input.media[1].url");
  assert_in_storage (value, "wan2.7-i2v", last);
  g_free (value);
  fail_unless (g_hash_table_contains (run.completed_codes, "upload"));
  run_clear (&run);
  g_free (settings);
  g_free (last);
  g_free (first);
}

GST_END_TEST;

GST_START_TEST (test_dashscope_local_references_uploaded)
{
  gchar *clip = make_video ("dancer.mp4", 2);
  gchar *face = make_image ("face.png", RGB_640, "pngenc");
  gchar *settings = g_strdup_printf ("model-family=wan2.7|reference-uris="
      "<\"%s\",\"%s\">|prompt=Video 1 dances with Image 1|duration=2", clip,
      face);
  gchar *value;
  Run run;

  run_ok (&run, "dashscope", settings);
  assert_storage_used (2);
  value = sent ("$.model");
  fail_unless_equals_string (value, "wan2.7-r2v");
  g_free (value);
  value = sent ("$.input.media[0].type");
  fail_unless_equals_string (value, "reference_video");
  g_free (value);
  value = sent ("$.input.media[0].url");
  assert_in_storage (value, "wan2.7-r2v", clip);
  g_free (value);
  value = sent ("$.input.media[1].type");
  fail_unless_equals_string (value, "reference_image");
  g_free (value);
  value = sent ("$.input.media[1].url");
  assert_in_storage (value, "wan2.7-r2v", face);
  g_free (value);
  run_clear (&run);
  g_free (settings);
  g_free (face);
  g_free (clip);
}

GST_END_TEST;

GST_START_TEST (test_dashscope_local_video_to_edit_uploaded)
{
  gchar *clip = make_video ("holiday.mp4", 2);
  gchar *settings = g_strdup_printf ("model-family=wan2.7|mode=edit|"
      "video-uri=%s|prompt=Make it snow", clip);
  gchar *value;
  Run run;

  run_ok (&run, "dashscope", settings);
  assert_storage_used (1);
  value = sent ("$.input.media[0].type");
  fail_unless_equals_string (value, "video");
  g_free (value);
  value = sent ("$.input.media[0].url");
  assert_in_storage (value, "wan2.7-videoedit", clip);
  g_free (value);
  run_clear (&run);
  g_free (settings);
  g_free (clip);
}

GST_END_TEST;

/* The legacy layout's audio_url takes no data: URI either. */
GST_START_TEST (test_dashscope_local_audio_uploaded)
{
  gchar *song = make_mp3 ("song.mp3", 4);
  gchar *settings = g_strdup_printf ("audio-uri=file://%s|prompt=She sings",
      song);
  gchar *value;
  Run run;

  run_ok (&run, "dashscope", settings);
  assert_storage_used (1);
  value = sent ("$.model");
  fail_unless_equals_string (value, "wan2.6-t2v");
  g_free (value);
  value = sent ("$.input.audio_url");
  assert_in_storage (value, "wan2.6-t2v", song);
  g_free (value);
  run_clear (&run);
  g_free (settings);
  g_free (song);
}

GST_END_TEST;

/* Any failure before the create names the property and the file, and
 * nothing is created. */
static void
assert_upload_fails (const gchar * settings, GstResourceError code,
    const gchar * text_part)
{
  Run run;

  run_full (&run, "dashscope", settings, "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, code, text_part);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  fail_unless_equals_int (wan_sim_tasks_created (sim), 0);
  run_clear (&run);
}

GST_START_TEST (test_dashscope_upload_failures)
{
  gchar *clip = make_video ("holiday.mp4", 2);
  gchar *settings = g_strdup_printf ("model-family=wan2.7|mode=edit|"
      "video-uri=%s|prompt=p|retries=1", clip);
  gchar *expect = g_strdup_printf ("video-uri: '%s': ", clip);

  /* The key refused by getPolicy: no form is sent anywhere. */
  wan_sim_inject (sim, "upload", 401, 1);
  assert_upload_fails (settings, GST_RESOURCE_ERROR_NOT_AUTHORIZED, expect);
  fail_unless_equals_int (wan_sim_count (sim, "storage"), 0);

  /* getPolicy failing past the retries. */
  wan_sim_inject (sim, "upload", 503, 2);
  assert_upload_fails (settings, GST_RESOURCE_ERROR_OPEN_READ, expect);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 3);
  fail_unless_equals_int (wan_sim_count (sim, "storage"), 0);

  /* The upload host failing past the retries, then refusing. */
  wan_sim_inject (sim, "storage", 500, 2);
  assert_upload_fails (settings, GST_RESOURCE_ERROR_OPEN_READ,
      "dashscope's upload host refused the file (HTTP 500): InternalError");
  fail_unless_equals_int (wan_sim_count (sim, "storage"), 2);
  wan_sim_inject (sim, "storage", 403, 1);
  assert_upload_fails (settings, GST_RESOURCE_ERROR_NOT_AUTHORIZED, expect);
  fail_unless_equals_int (wan_sim_count (sim, "storage"), 3);
  /* A proxy's plain-text page: named by its status alone (and read
   * within its bytes: the ASan build checks that). */
  wan_sim_inject (sim, "storage", WAN_SIM_PLAIN_ERROR, 1);
  assert_upload_fails (settings, GST_RESOURCE_ERROR_SETTINGS,
      "dashscope's upload host refused the file (HTTP 400)");
  fail_unless_equals_int (wan_sim_count (sim, "storage"), 4);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);

  g_free (expect);
  g_free (settings);
  g_free (clip);
}

GST_END_TEST;

/* A task paid for has its inputs sent already: resuming it, from the
 * journal or by id, sends nothing again. */
GST_START_TEST (test_dashscope_resumed_task_uploads_nothing)
{
  gchar *clip = make_video ("holiday.mp4", 2);
  gchar *settings = g_strdup_printf ("model-family=wan2.7|mode=edit|"
      "video-uri=%s|prompt=p|retries=0|journal-dir=%s/journal", clip, tmpdir);
  gchar *id, *resume;
  Run run;

  /* Paid, then the download fails: the journal keeps the task. */
  wan_sim_inject (sim, "download", 500, 1);
  run_full (&run, "dashscope", settings, "fakesink");
  fail_unless (run.error != NULL);
  run_clear (&run);
  assert_storage_used (1);

  /* The same request resumes that task. */
  run_ok (&run, "dashscope", settings);
  run_clear (&run);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 1);
  fail_unless_equals_int (wan_sim_count (sim, "storage"), 1);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);

  /* And so does its id. */
  id = wan_sim_last_task_id (sim);
  resume = g_strdup_printf ("%s|task-id=%s|journal=false", settings, id);
  run_ok (&run, "dashscope", resume);
  run_clear (&run);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 1);
  fail_unless_equals_int (wan_sim_count (sim, "storage"), 1);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  g_free (resume);
  g_free (id);
  g_free (settings);
  g_free (clip);
}

GST_END_TEST;

/* Without a pipeline: the inputs prepared (uploaded) first, then the
 * prepared request submitted as it is, the resolve header added. */
GST_START_TEST (test_dashscope_prepared_inputs_submitted)
{
  gchar *clip = make_video ("holiday.mp4", 2);
  WanClient *client = wan_sim_client_new (sim, "dashscope",
      WAN_SIM_DEFAULT_KEY);
  WanRequest req, prepared;
  GError *error = NULL;
  gchar *id, *value;

  wan_request_init (&req);
  req.family = WAN_FAMILY_2_7;
  req.mode = WAN_MODE_EDIT;
  req.prompt = g_strdup ("Make it snow");
  req.video_uri = g_strdup (clip);
  fail_unless (wan_client_prepare_inputs (client, &req, &prepared, NULL,
          &error), "%s", error ? error->message : "");
  assert_in_storage (prepared.video_uri, "wan2.7-videoedit", clip);
  id = wan_client_submit (client, &prepared, NULL, &error);
  fail_unless (id != NULL, "%s", error ? error->message : "");
  assert_storage_used (1);
  value = sent ("$.input.media[0].url");
  fail_unless_equals_string (value, prepared.video_uri);
  g_free (value);
  g_free (id);
  wan_request_clear (&prepared);
  wan_request_clear (&req);
  wan_client_free (client);
  g_free (clip);
}

GST_END_TEST;

/* A dry run shows the create as it will be sent: the header that resolves
 * the uploads only when there are uploads. */
GST_START_TEST (test_dashscope_described_with_upload_header)
{
  gchar *png = make_image ("frame.png", RGB_640, "pngenc");
  WanClient *client = wan_sim_client_new (sim, "dashscope",
      WAN_SIM_DEFAULT_KEY);
  gchar *url, *headers, *body;
  WanRequest req;
  GError *error = NULL;

  wan_request_init (&req);
  req.family = WAN_FAMILY_2_7;
  req.image_uri = g_strdup (png);
  fail_unless (wan_client_describe_create (client, &req, &url, &headers,
          &body, &error), "%s", error ? error->message : "");
  fail_unless (strstr (headers, "X-DashScope-OssResourceResolve: enable\n"),
      "%s", headers);
  g_free (url);
  g_free (headers);
  g_free (body);
  /* wan2.6-i2v inlines the image: no upload, no header. */
  req.family = WAN_FAMILY_2_6;
  fail_unless (wan_client_describe_create (client, &req, &url, &headers,
          &body, &error), "%s", error ? error->message : "");
  fail_if (strstr (headers, "OssResourceResolve"), "%s", headers);
  fail_unless (strstr (body, "\"img_url\":\"") != NULL, "%s", body);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 0);
  g_free (url);
  g_free (headers);
  g_free (body);
  wan_request_clear (&req);
  wan_client_free (client);
  g_free (png);
}

GST_END_TEST;

static Suite *
inputs_suite (void)
{
  Suite *s = suite_create ("inputs");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_test (tc, test_local_image_every_provider);
  tcase_add_test (tc, test_local_video_and_audio_on_evolink);
  tcase_add_test (tc, test_refused_before_anything_is_paid);
  tcase_add_test (tc, test_upload_retried_when_transient);
  tcase_add_test (tc, test_upload_refused);
  tcase_add_test (tc, test_digest_follows_contents);
  tcase_add_test (tc, test_job_sends_local_inputs);
  tcase_add_test (tc, test_element_announces_upload);
  tcase_add_test (tc, test_digest_refusal_names_the_file);
  tcase_add_test (tc, test_cache_keyed_by_input_contents);
  tcase_add_test (tc, test_dashscope_local_frames_uploaded);
  tcase_add_test (tc, test_dashscope_local_references_uploaded);
  tcase_add_test (tc, test_dashscope_local_video_to_edit_uploaded);
  tcase_add_test (tc, test_dashscope_local_audio_uploaded);
  tcase_add_test (tc, test_dashscope_upload_failures);
  tcase_add_test (tc, test_dashscope_resumed_task_uploads_nothing);
  tcase_add_test (tc, test_dashscope_described_with_upload_header);
  tcase_add_test (tc, test_dashscope_prepared_inputs_submitted);
  return s;
}

GST_CHECK_MAIN (inputs);
