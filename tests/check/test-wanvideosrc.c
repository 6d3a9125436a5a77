/* gst-wan: wanvideosrc end to end against the in-process simulator */

#include <glib/gstdio.h>
#include <gst/check/gstcheck.h>
#include "run-util.h"

/* --- every provider, every mode ------------------------------------- */

typedef struct
{
  const gchar *provider;
  const gchar *settings;
  const gchar *body;            /* expected create body */
  gint width, height;
  gboolean audio;
} ModeCase;

#define IMG "image-uri=https://img.example/cat.png"
#define REF1 "reference-uris=<https://ref.example/a.mp4>"
#define REF2 "reference-uris=<https://ref.example/a.mp4,https://ref.example/b.mp4>"

static const ModeCase mode_cases[] = {
  {"dashscope", "prompt=A cat|resolution=720p|aspect-ratio=9:16",
      "{\"model\":\"wan2.6-t2v\",\"input\":{\"prompt\":\"A cat\"},"
        "\"parameters\":{\"size\":\"720*1280\"}}", 720, 1280, TRUE},
  {"dashscope", "prompt=It moves|" IMG "|resolution=720p|duration=5",
      "{\"model\":\"wan2.6-i2v\",\"input\":{\"prompt\":\"It moves\","
        "\"img_url\":\"https://img.example/cat.png\"},\"parameters\":"
        "{\"resolution\":\"720P\",\"duration\":5}}", 1280, 720, TRUE},
  {"dashscope", "prompt=Dance|" REF2 "|resolution=720p|duration=2",
      "{\"model\":\"wan2.6-r2v\",\"input\":{\"prompt\":\"Dance\","
        "\"reference_urls\":[\"https://ref.example/a.mp4\","
        "\"https://ref.example/b.mp4\"]},\"parameters\":{\"size\":"
        "\"1280*720\",\"duration\":2}}", 1280, 720, TRUE},
  {"dashscope", "flash=true|" IMG "|audio=false|resolution=720p",
      "{\"model\":\"wan2.6-i2v-flash\",\"input\":{\"img_url\":"
        "\"https://img.example/cat.png\"},\"parameters\":{\"resolution\":"
        "\"720P\",\"audio\":false}}", 1280, 720, FALSE},
  {"dashscope", "flash=true|" REF1 "|aspect-ratio=1:1|resolution=720p",
      "{\"model\":\"wan2.6-r2v-flash\",\"input\":{\"reference_urls\":"
        "[\"https://ref.example/a.mp4\"]},\"parameters\":{\"size\":"
        "\"960*960\"}}", 960, 960, TRUE},
  {"toapis", "prompt=A cat|resolution=720p|aspect-ratio=4:3|seed=12345",
      "{\"model\":\"wan2.6\",\"prompt\":\"A cat\",\"aspect_ratio\":\"4:3\","
        "\"resolution\":\"720p\",\"seed\":12345}", 1088, 832, TRUE},
  {"toapis", "prompt=It moves|" IMG "|resolution=720p",
        "{\"model\":\"wan2.6\",\"prompt\":\"It moves\",\"image_urls\":"
        "[\"https://img.example/cat.png\"],\"resolution\":\"720p\"}",
      1280, 720, TRUE},
  {"toapis", "prompt=Dance|" REF1 "|resolution=720p|shot-type=multi",
      "{\"model\":\"wan2.6\",\"prompt\":\"Dance\",\"metadata\":"
        "{\"reference_urls\":[\"https://ref.example/a.mp4\"]},"
        "\"resolution\":\"720p\",\"shot_type\":\"multi\"}", 1280, 720, TRUE},
  {"toapis", "flash=true|" IMG "|resolution=720p|audio=false",
      "{\"model\":\"wan2.6-flash\",\"image_urls\":"
        "[\"https://img.example/cat.png\"],\"resolution\":\"720p\","
        "\"audio\":false}", 1280, 720, FALSE},
  {"toapis", "flash=true|" REF2 "|resolution=720p",
      "{\"model\":\"wan2.6-flash\",\"metadata\":{\"reference_urls\":"
        "[\"https://ref.example/a.mp4\",\"https://ref.example/b.mp4\"]},"
        "\"resolution\":\"720p\"}", 1280, 720, TRUE},
  {"evolink", "prompt=A cat|aspect-ratio=3:4|prompt-extend=false",
        "{\"model\":\"wan2.6-text-to-video\",\"prompt\":\"A cat\","
        "\"aspect_ratio\":\"3:4\",\"prompt_extend\":false}", 832, 1088,
      TRUE},
  {"evolink", "prompt=It moves|" IMG "|duration=5",
        "{\"model\":\"wan2.6-image-to-video\",\"prompt\":\"It moves\","
        "\"image_urls\":[\"https://img.example/cat.png\"],\"duration\":5}",
      1280, 720, TRUE},
  {"evolink", "prompt=Dance|" REF2 "|duration=3|shot-type=single",
      "{\"model\":\"wan2.6-reference-video\",\"prompt\":\"Dance\","
        "\"video_urls\":[\"https://ref.example/a.mp4\","
        "\"https://ref.example/b.mp4\"],\"duration\":3,\"model_params\":"
        "{\"shot_type\":\"single\"}}", 1280, 720, TRUE},
  {"aimlapi", "prompt=She smiles|" IMG "|resolution=720p|duration=5",
      "{\"model\":\"alibaba/wan-2-6-i2v\",\"prompt\":\"She smiles\","
        "\"image_url\":\"https://img.example/cat.png\",\"resolution\":"
        "\"720p\",\"duration\":5}", 1280, 720, TRUE},
  {"aimlapi", "prompt=Quiet|" IMG "|resolution=720p|duration=5|audio=false",
        "{\"model\":\"alibaba/wan-2-6-i2v\",\"prompt\":\"Quiet\","
        "\"image_url\":\"https://img.example/cat.png\",\"resolution\":"
        "\"720p\",\"duration\":5,\"generate_audio\":false}", 1280, 720,
      FALSE},
  /* fal: the model is the URL path, the body is its input alone. */
  {"fal", "prompt=A cat|resolution=720p|aspect-ratio=9:16|duration=5",
      "{\"prompt\":\"A cat\",\"resolution\":\"720p\",\"aspect_ratio\":"
        "\"9:16\",\"duration\":\"5\"}", 720, 1280, TRUE},
  {"fal", "prompt=It moves|" IMG "|resolution=720p",
        "{\"prompt\":\"It moves\",\"image_url\":"
        "\"https://img.example/cat.png\",\"resolution\":\"720p\"}",
      1280, 720, TRUE},
  {"fal", "flash=true|prompt=It moves|" IMG "|resolution=720p",
        "{\"prompt\":\"It moves\",\"image_url\":"
        "\"https://img.example/cat.png\",\"resolution\":\"720p\"}",
      1280, 720, TRUE},
  {"fal", "prompt=Dance|" REF2 "|resolution=720p|duration=5",
      "{\"prompt\":\"Dance\",\"video_urls\":[\"https://ref.example/a.mp4\","
        "\"https://ref.example/b.mp4\"],\"resolution\":\"720p\","
        "\"duration\":\"5\"}", 1280, 720, TRUE},
  {"fal", "flash=true|" REF1 "|resolution=720p|audio=false",
      "{\"video_urls\":[\"https://ref.example/a.mp4\"],\"resolution\":"
        "\"720p\",\"enable_audio\":false}", 1280, 720, FALSE},
  /* fal's Wan 2.5 (a string duration) and silent Wan 2.2 (frames). */
  {"fal", "model-family=wan2.5|prompt=A cat|resolution=720p|"
        "aspect-ratio=9:16|duration=5",
      "{\"prompt\":\"A cat\",\"resolution\":\"720p\",\"aspect_ratio\":"
        "\"9:16\",\"duration\":\"5\"}", 720, 1280, TRUE},
  {"fal", "model-family=wan2.2|prompt=It moves|" IMG "|resolution=720p|"
        "duration=2",
      "{\"prompt\":\"It moves\",\"image_url\":"
        "\"https://img.example/cat.png\",\"resolution\":\"720p\","
        "\"num_frames\":33}", 1280, 720, FALSE},
  {"fal", "model-family=wan2.2|prompt=Small|resolution=480p|duration=1",
      "{\"prompt\":\"Small\",\"resolution\":\"480p\","
        "\"num_frames\":17}", 832, 480, FALSE},
  {"replicate", "prompt=It moves|" IMG "|resolution=720p|duration=5",
      "{\"input\":{\"prompt\":\"It moves\",\"image\":"
        "\"https://img.example/cat.png\",\"resolution\":\"720p\","
        "\"duration\":5}}", 1280, 720, TRUE},
  {"replicate", "flash=true|" IMG "|audio=false|resolution=720p",
        "{\"input\":{\"image\":\"https://img.example/cat.png\","
        "\"audio_enabled\":false,\"resolution\":\"720p\"}}", 1280, 720,
      FALSE},
  {"openrouter", "prompt=A cat|resolution=720p|aspect-ratio=9:16",
        "{\"model\":\"alibaba/wan-2.6\",\"prompt\":\"A cat\","
        "\"resolution\":\"720p\",\"aspect_ratio\":\"9:16\"}", 720, 1280,
      TRUE},
  {"openrouter", "prompt=It moves|" IMG "|resolution=720p|audio=false",
        "{\"model\":\"alibaba/wan-2.6\",\"prompt\":\"It moves\","
        "\"resolution\":\"720p\",\"generate_audio\":false,"
        "\"frame_images\":[{\"type\":\"image_url\",\"image_url\":{\"url\":"
        "\"https://img.example/cat.png\"},\"frame_type\":\"first_frame\"}]}",
      1280, 720, FALSE},
};

/* The id the element reports for the simulator's task @sim_id: fal knows
 * a task by its request path under the model's owner/app. */
static gchar *
expected_task_id (const gchar * provider, const gchar * sim_id,
    const gchar * reported)
{
  const gchar *slash;

  if (g_strcmp0 (provider, "fal") != 0 || reported == NULL)
    return g_strdup (sim_id);
  slash = strrchr (reported, '/');
  fail_unless (slash != NULL && g_str_has_suffix (reported, sim_id)
      && strstr (reported, "/requests/") != NULL, "%s", reported);
  return g_strndup (reported, slash + 1 - reported + strlen (sim_id));
}

static void
check_mode_case (const ModeCase * c)
{
  Run run;
  gchar *location = g_build_filename (tmpdir, "out.mp4", NULL);
  gchar *settings = g_strdup_printf ("%s|location=%s", c->settings,
      location);
  guint creates = wan_sim_count (sim, "create");
  JsonNode *body, *want;
  gchar *task_id = NULL, *sim_id, *served, *body_text, *want_id;
  const GstStructure *first_msg, *last;

  run_full (&run, c->provider, settings, "decodebin name=dec");
  fail_if (run.error != NULL, "%s %s: error", c->provider, c->settings);

  /* The request, field for field. */
  body = wan_sim_last_create_body (sim);
  want = json_from_string (c->body, NULL);
  body_text = json_to_string (body, FALSE);
  fail_unless (json_node_equal (body, want), "%s:\n got %s\nwant %s",
      c->provider, body_text, c->body);
  fail_unless_equals_int (wan_sim_count (sim, "create"), creates + 1);

  /* A decodable video of the requested size, with sound when asked. */
  fail_unless (run.video_frames > 0);
  fail_unless_equals_int (run.width, c->width);
  fail_unless_equals_int (run.height, c->height);
  fail_unless_equals_int (run.audio_buffers > 0, c->audio);

  /* The task id reached the property and the bus. */
  g_object_get (run.src, "task-id", &task_id, NULL);
  sim_id = wan_sim_last_task_id (sim);
  want_id = expected_task_id (c->provider, sim_id, task_id);
  fail_unless_equals_string (task_id, want_id);
  fail_unless (run.task_messages->len >= 2);
  first_msg = g_ptr_array_index (run.task_messages, 0);
  last = g_ptr_array_index (run.task_messages, run.task_messages->len - 1);
  fail_unless_equals_string (gst_structure_get_string (first_msg, "task-id"),
      want_id);
  fail_unless_equals_string (gst_structure_get_string (first_msg, "provider"),
      c->provider);
  fail_unless_equals_string (gst_structure_get_string (last, "status"),
      "succeeded");
  fail_unless (gst_structure_get_string (last, "video-url") != NULL);
  fail_unless (g_hash_table_contains (run.progress_codes, "submit"));
  fail_unless (g_hash_table_contains (run.progress_codes, "generate"));
  fail_unless (g_hash_table_contains (run.progress_codes, "download"));
  /* The bus hears "Downloaded" before EOS, never after. */
  fail_unless (g_hash_table_contains (run.completed_codes, "download"));

  /* location holds exactly what the server served. */
  served = wan_sim_get_video_path (sim, sim_id);
  assert_same_file (location, served);

  run_clear (&run);
  g_unlink (location);
  json_node_unref (body);
  json_node_unref (want);
  g_free (body_text);
  g_free (served);
  g_free (sim_id);
  g_free (want_id);
  g_free (task_id);
  g_free (settings);
  g_free (location);
}

GST_START_TEST (test_every_provider_and_mode)
{
  check_mode_case (&mode_cases[__i__]);
}

GST_END_TEST;

/* fal's place in the queue reaches the bus, in the wan-task message and
 * the progress text. */
GST_START_TEST (test_queue_position_on_bus)
{
  Run run;
  guint i;
  gint position;
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  run_full (&run, "fal", "prompt=[queued=2] A kite|poll-interval=50",
      "fakesink");
  fail_if (run.error != NULL);
  for (i = 0; i < run.task_messages->len; i++) {
    const GstStructure *s = g_ptr_array_index (run.task_messages, i);

    if (gst_structure_get_int (s, "queue-position", &position)) {
      fail_unless (position >= 0 && position <= 2, "%d", position);
      fail_unless_equals_string (gst_structure_get_string (s, "status"),
          "queued");
      seen[position] = TRUE;
    }
  }
  fail_unless (seen[2] && seen[1], "queue positions 2 and 1 not posted");
  run_clear (&run);
}

GST_END_TEST;

/* --- resume --------------------------------------------------------- */

GST_START_TEST (test_resume_creates_no_task)
{
  Run run;
  gchar *task_id = NULL, *settings, *location, *served;
  guint creates;

  run_full (&run, "dashscope", "prompt=First", "fakesink");
  fail_if (run.error != NULL);
  g_object_get (run.src, "task-id", &task_id, NULL);
  fail_unless (task_id != NULL);
  run_clear (&run);
  creates = wan_sim_count (sim, "create");

  location = g_build_filename (tmpdir, "resumed.mp4", NULL);
  settings = g_strdup_printf ("task-id=%s|location=%s", task_id, location);
  run_full (&run, "dashscope", settings, "decodebin name=dec");
  fail_if (run.error != NULL);
  fail_unless_equals_int (wan_sim_count (sim, "create"), creates);
  fail_unless (run.video_frames > 0);
  served = wan_sim_get_video_path (sim, task_id);
  assert_same_file (location, served);
  run_clear (&run);

  g_free (served);
  g_free (settings);
  g_free (location);
  g_free (task_id);
}

GST_END_TEST;

GST_START_TEST (test_resume_unknown_task)
{
  static const gchar *providers[] = { "dashscope", "toapis", "evolink",
    "aimlapi"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (providers); i++) {
    Run run;

    run_full (&run, providers[i], "task-id=no-such-task", "fakesink");
    assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
        providers[i]);
    fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
    run_clear (&run);
  }
}

GST_END_TEST;

/* The hosted providers: an id they never gave is unknown to them; one
 * that cannot be a fal task id is refused before any request. */
GST_START_TEST (test_resume_unknown_task_hosted)
{
  static const struct
  {
    const gchar *provider, *task_id;
    gint code;
    const gchar *message;
  } cases[] = {
    {"fal", "wan/v2.6/requests/no-such-task", GST_RESOURCE_ERROR_NOT_FOUND,
        "fal"},
    {"fal", "no-such-task", GST_RESOURCE_ERROR_SETTINGS,
        "not a fal task id"},
    {"replicate", "no-such-task", GST_RESOURCE_ERROR_NOT_FOUND, "replicate"},
    {"openrouter", "no-such-task", GST_RESOURCE_ERROR_NOT_FOUND,
        "openrouter"},
  };
  guint i, polls = 0;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    Run run;
    gchar *settings = g_strdup_printf ("task-id=%s", cases[i].task_id);

    run_full (&run, cases[i].provider, settings, "fakesink");
    assert_error (&run, GST_RESOURCE_ERROR, cases[i].code, cases[i].message);
    fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
    if (cases[i].code == GST_RESOURCE_ERROR_SETTINGS)
      fail_unless_equals_int (wan_sim_count (sim, "status"), polls);
    polls = wan_sim_count (sim, "status");
    run_clear (&run);
    g_free (settings);
  }
}

GST_END_TEST;

/* --- errors --------------------------------------------------------- */

GST_START_TEST (test_failed_task)
{
  Run run;
  GError *error = NULL;
  const GstStructure *details = NULL;
  gchar *task_id = NULL;

  run_full (&run, "dashscope", "prompt=[fail] A cat", "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_FAILED,
      "simulated generation failure");
  gst_message_parse_error_details (run.error, &details);
  fail_unless (details != NULL);
  fail_unless_equals_string (gst_structure_get_string (details,
          "provider-code"), "InternalError.Algo");
  g_object_get (run.src, "task-id", &task_id, NULL);
  fail_unless_equals_string (gst_structure_get_string (details, "task-id"),
      task_id);
  g_clear_error (&error);
  g_free (task_id);
  run_clear (&run);
}

GST_END_TEST;

GST_START_TEST (test_unauthorized)
{
  static const gchar *providers[] = { "dashscope", "toapis", "evolink",
    "aimlapi"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (providers); i++) {
    Run run;
    const GstStructure *details = NULL;
    const gchar *settings = g_str_equal (providers[i], "aimlapi") ?
        "api-key=wrong|prompt=p|" IMG : "api-key=wrong|prompt=p";

    run_full (&run, providers[i], settings, "fakesink");
    assert_error (&run, GST_RESOURCE_ERROR,
        GST_RESOURCE_ERROR_NOT_AUTHORIZED, "Invalid API-key provided.");
    gst_message_parse_error_details (run.error, &details);
    fail_unless (details != NULL);
    fail_unless_equals_int (g_value_get_uint (gst_structure_get_value
            (details, "http-status")), 401);
    run_clear (&run);
  }
}

GST_END_TEST;

GST_START_TEST (test_provider_rejects_settings)
{
  Run run;
  gchar *debug = NULL;

  /* An explicit model passes local checks; the service refuses it. */
  run_full (&run, "dashscope", "prompt=p|model=wan2.6-bogus", "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
      "model must be one of");
  gst_message_parse_error (run.error, NULL, &debug);
  fail_unless (strstr (debug, "req-error-0001") != NULL, "%s", debug);
  g_free (debug);
  run_clear (&run);
}

GST_END_TEST;

static const struct
{
  const gchar *provider, *settings, *message;
} local_errors[] = {
  {"aimlapi", "prompt=p", "image-uri: aimlapi only offers image-to-video"},
  {"evolink", "prompt=p|flash=true|" IMG, "flash: evolink has no flash"},
  {"dashscope", "flash=true|prompt=p", "flash: the dashscope flash models"},
  {"dashscope", "prompt=p|" IMG "|" REF1, "image-uri: cannot be combined"},
  {"toapis", "prompt=p|duration=7", "duration: toapis wan2.6 accepts 5, 10"},
  {"dashscope", "prompt=p|reference-uris=<https://a/1.mp4,https://a/2.mp4,"
        "https://a/3.mp4,https://a/4.mp4>", "reference-uris: 4 videos"},
  {"toapis", "prompt=p|" IMG "|aspect-ratio=1:1", "aspect-ratio: not "
        "supported by toapis for image-to-video"},
  {"evolink", "prompt=p|callback-url=http://hooks.example.com/x",
      "callback-url: evolink only calls back https"},
  {"dashscope", "prompt=p|audio=false", "audio: dashscope wan2.6-t2v always"},
  {"toapis", "image-uri=ftp://example.com/cat.png", "image-uri: toapis needs"},
  {"dashscope", "", "prompt: dashscope needs a prompt"},
  {"toapis", "prompt=p|base-url=http://api.example.com",
      "base-url: plain http to 'api.example.com' would send the API key"},
  {"toapis", "prompt=p|base-url=ftp://api.example.com",
      "base-url: 'ftp://api.example.com' is not an http(s) URL"},
};

GST_START_TEST (test_local_validation)
{
  Run run;

  run_full (&run, local_errors[__i__].provider, local_errors[__i__].settings,
      "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
      local_errors[__i__].message);
  /* Nothing was sent. */
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  fail_unless_equals_int (wan_sim_count (sim, "status"), 0);
  run_clear (&run);
}

GST_END_TEST;

GST_START_TEST (test_no_api_key)
{
  Run run;

  run_setup (&run, "dashscope", "prompt=p", "fakesink");
  g_object_set (run.src, "api-key", NULL, NULL);
  run_wait (&run, GST_STATE_PLAYING);
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_AUTHORIZED,
      "DASHSCOPE_API_KEY");
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  run_clear (&run);

  /* WAN_API_KEY is the first fallback. */
  g_setenv ("WAN_API_KEY", WAN_SIM_DEFAULT_KEY, TRUE);
  run_setup (&run, "dashscope", "prompt=p", "fakesink");
  g_object_set (run.src, "api-key", NULL, NULL);
  run_wait (&run, GST_STATE_PLAYING);
  fail_if (run.error != NULL);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  run_clear (&run);
  g_setenv ("WAN_API_KEY", "", TRUE);
}

GST_END_TEST;

GST_START_TEST (test_older_answer_shapes)
{
  static const struct
  {
    const gchar *provider, *settings;
  } cases[] = {
    {"toapis", "prompt=p|resolution=720p"},
    {"aimlapi", "prompt=p|" IMG "|duration=5|resolution=720p"},
  };
  guint i;

  wan_sim_set_variant (sim, TRUE);
  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    Run run;

    run_full (&run, cases[i].provider, cases[i].settings, "fakesink");
    fail_if (run.error != NULL, "%s", cases[i].provider);
    run_clear (&run);
  }
}

GST_END_TEST;

/* --- random access -------------------------------------------------- */

/* mp4mux in the simulator writes moov last: check that it really does. */
static void
assert_moov_at_end (const gchar * path)
{
  gchar *data;
  gsize len, off = 0;
  gssize mdat = -1, moov = -1;

  fail_unless (g_file_get_contents (path, &data, &len, NULL));
  while (off + 8 <= len) {
    guint32 size32;
    guint64 size;

    /* Atoms sit at odd offsets: no GST_READ_UINT32_BE, whose x86 form is
     * an unaligned load that UBSan rightly reports. */
    memcpy (&size32, data + off, 4);
    size = GUINT32_FROM_BE (size32);

    if (memcmp (data + off + 4, "mdat", 4) == 0)
      mdat = off;
    if (memcmp (data + off + 4, "moov", 4) == 0)
      moov = off;
    if (size == 1 && off + 16 <= len) {
      memcpy (&size, data + off + 8, 8);
      size = GUINT64_FROM_BE (size);
    }
    if (size < 8)
      break;
    off += size;
  }
  fail_unless (mdat >= 0 && moov > mdat, "moov %" G_GSSIZE_FORMAT
      " mdat %" G_GSSIZE_FORMAT, moov, mdat);
  g_free (data);
}

static void
check_qtdemux_mode (const gchar * tail, GstPadMode expected)
{
  Run run;
  GstPad *pad;
  gchar *id, *path;
  gint frames = 0;
  GstElement *sink;

  run_setup (&run, "dashscope", "prompt=moov last|resolution=720p", tail);
  sink = gst_bin_get_by_name (GST_BIN (run.pipeline), "sink");
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer, &frames,
      NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);
  run_wait (&run, GST_STATE_PLAYING);
  fail_if (run.error != NULL);
  pad = gst_element_get_static_pad (run.src, "src");
  fail_unless_equals_int (GST_PAD_MODE (pad), expected);
  gst_object_unref (pad);
  fail_unless (frames > 0);

  id = wan_sim_last_task_id (sim);
  path = wan_sim_get_video_path (sim, id);
  assert_moov_at_end (path);
  g_free (path);
  g_free (id);
  run_clear (&run);
}

GST_START_TEST (test_moov_at_end_pull_mode)
{
  check_qtdemux_mode ("qtdemux ! h264parse ! avdec_h264 ! fakesink name=sink",
      GST_PAD_MODE_PULL);
}

GST_END_TEST;

GST_START_TEST (test_moov_at_end_push_mode)
{
  check_qtdemux_mode ("queue ! qtdemux ! h264parse ! avdec_h264 ! "
      "fakesink name=sink", GST_PAD_MODE_PUSH);
}

GST_END_TEST;

static GstPadProbeReturn
keep_first_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer data)
{
  GstBuffer **first_buf = data;

  if (*first_buf == NULL)
    *first_buf = gst_buffer_ref (GST_PAD_PROBE_INFO_BUFFER (info));
  return GST_PAD_PROBE_OK;
}

GST_START_TEST (test_byte_seek_in_paused)
{
  Run run;
  GstBuffer *first_buf = NULL;
  GstPad *pad;
  GstBus *bus;
  GstMessage *msg;
  gchar *id, *path, *data;
  gsize len;
  GstMapInfo map;
  const guint64 offset = 4321;

  run_setup (&run, "toapis", "prompt=seek me|resolution=720p|blocksize=1000",
      "fakesink name=sink");
  fail_unless_equals_int (gst_element_set_state (run.pipeline,
          GST_STATE_PAUSED), GST_STATE_CHANGE_ASYNC);
  fail_unless_equals_int (gst_element_get_state (run.pipeline, NULL, NULL,
          60 * GST_SECOND), GST_STATE_CHANGE_SUCCESS);

  pad = gst_element_get_static_pad (run.src, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, keep_first_buffer,
      &first_buf, NULL);
  fail_unless (gst_element_seek_simple (run.src, GST_FORMAT_BYTES,
          GST_SEEK_FLAG_FLUSH, offset));
  fail_unless_equals_int (gst_element_get_state (run.pipeline, NULL, NULL,
          60 * GST_SECOND), GST_STATE_CHANGE_SUCCESS);
  fail_unless (first_buf != NULL);
  fail_unless_equals_uint64 (GST_BUFFER_OFFSET (first_buf), offset);

  /* Let it finish, then compare the bytes after the seek point. */
  gst_element_set_state (run.pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (run.pipeline);
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (msg && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS);
  gst_message_unref (msg);
  gst_object_unref (bus);
  id = wan_sim_last_task_id (sim);
  path = wan_sim_get_video_path (sim, id);
  fail_unless (g_file_get_contents (path, &data, &len, NULL));
  gst_buffer_map (first_buf, &map, GST_MAP_READ);
  fail_unless (map.size > 0 && offset + map.size <= len);
  fail_unless (memcmp (map.data, data + offset, map.size) == 0);
  gst_buffer_unmap (first_buf, &map);

  gst_buffer_unref (first_buf);
  gst_object_unref (pad);
  g_free (data);
  g_free (path);
  g_free (id);
  run_clear (&run);
}

GST_END_TEST;

GST_START_TEST (test_time_seek_in_paused)
{
  Run run;
  gint64 position = -1;

  run_setup (&run, "dashscope", "prompt=time seek|resolution=720p|duration=5",
      "qtdemux ! h264parse ! avdec_h264 ! fakesink name=sink");
  gst_element_set_state (run.pipeline, GST_STATE_PAUSED);
  fail_unless_equals_int (gst_element_get_state (run.pipeline, NULL, NULL,
          60 * GST_SECOND), GST_STATE_CHANGE_SUCCESS);
  fail_unless (gst_element_seek_simple (run.pipeline, GST_FORMAT_TIME,
          GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, 3 * GST_SECOND));
  fail_unless_equals_int (gst_element_get_state (run.pipeline, NULL, NULL,
          60 * GST_SECOND), GST_STATE_CHANGE_SUCCESS);
  fail_unless (gst_element_query_position (run.pipeline, GST_FORMAT_TIME,
          &position));
  fail_unless (position >= 3 * GST_SECOND - GST_MSECOND
      && position < 4 * GST_SECOND, "position %" GST_TIME_FORMAT,
      GST_TIME_ARGS (position));
  run_clear (&run);
}

GST_END_TEST;

/* --- stopping ------------------------------------------------------- */

/* Like gst-plugins-base's generic states test: every order of state
 * changes, many times, must neither crash, warn nor hang. */
GST_START_TEST (test_state_changes)
{
  static const GstState order[] = { GST_STATE_READY, GST_STATE_PAUSED,
    GST_STATE_PLAYING, GST_STATE_PAUSED, GST_STATE_READY, GST_STATE_NULL,
    GST_STATE_PAUSED, GST_STATE_NULL, GST_STATE_PLAYING, GST_STATE_READY,
    GST_STATE_PLAYING, GST_STATE_NULL, GST_STATE_READY, GST_STATE_NULL
  };
  gchar *dead = wan_sim_unused_url ();
  guint config, round, i;

  fail_unless (dead != NULL);
  for (config = 0; config < 2; config++) {
    GstElement *pipeline = gst_parse_launch ("wanvideosrc name=src ! "
        "fakesink", NULL);
    GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "src");

    /* 0: nothing set (no key: start fails cleanly); 1: a live request to
     * a port nobody answers, retried for ever, so a job is always busy. */
    if (config == 1)
      g_object_set (src, "base-url", dead, "api-key", "k", "prompt", "p",
          "retries", -1, NULL);
    for (round = 0; round < 10; round++) {
      for (i = 0; i < G_N_ELEMENTS (order); i++) {
        GstStateChangeReturn ret = gst_element_set_state (pipeline, order[i]);

        fail_unless (ret != GST_STATE_CHANGE_FAILURE || config == 0
            || order[i] == GST_STATE_NULL, "config %u, to %s", config,
            gst_element_state_get_name (order[i]));
      }
    }
    fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
        GST_STATE_CHANGE_SUCCESS);
    /* Nothing reached the simulator, which is not even on that port. */
    fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
    gst_object_unref (src);
    gst_object_unref (pipeline);
  }
  g_free (dead);
}

GST_END_TEST;

static Suite *
wanvideosrc_suite (void)
{
  Suite *s = suite_create ("wanvideosrc");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_loop_test (tc, test_every_provider_and_mode, 0,
      G_N_ELEMENTS (mode_cases));
  tcase_add_test (tc, test_queue_position_on_bus);
  tcase_add_test (tc, test_resume_unknown_task_hosted);
  tcase_add_test (tc, test_resume_creates_no_task);
  tcase_add_test (tc, test_resume_unknown_task);
  tcase_add_test (tc, test_failed_task);
  tcase_add_test (tc, test_unauthorized);
  tcase_add_test (tc, test_provider_rejects_settings);
  tcase_add_loop_test (tc, test_local_validation, 0,
      G_N_ELEMENTS (local_errors));
  tcase_add_test (tc, test_no_api_key);
  tcase_add_test (tc, test_older_answer_shapes);
  tcase_add_test (tc, test_moov_at_end_pull_mode);
  tcase_add_test (tc, test_moov_at_end_push_mode);
  tcase_add_test (tc, test_byte_seek_in_paused);
  tcase_add_test (tc, test_time_seek_in_paused);
  tcase_add_test (tc, test_state_changes);
  return s;
}

GST_CHECK_MAIN (wanvideosrc);
