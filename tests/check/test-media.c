/* gst-wan: the remaining Wan 2.7 / 3.0 inputs (issue #14): every error
 * about a local input names the property the user gave it in. */

#include <string.h>
#include <libsoup/soup.h>
#include <gst/check/gstcheck.h>
#include "run-util.h"
#include "wan-sim-client.h"
#include "wan-input.h"
#include "wan-providers.h"
#include "wan-validate.h"

#define IMG "https://i.example/first.png"
#define CLIP "https://v.example/clip.mp4"

/* Makes tmpdir/@name with "PIPELINE ! filesink location=…". */
static gchar *
make_media (const gchar * name, const gchar * pipeline)
{
  return make_media_file (tmpdir, name, pipeline);
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
 * DashScope inlines a last frame (kf2v) and uploads a video. */
GST_START_TEST (test_missing_file_names_its_property)
{
  gchar *last = g_build_filename (tmpdir, "gone-last.png", NULL);
  gchar *clip = g_build_filename (tmpdir, "gone-clip.mp4", NULL);
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

  /* DashScope uploads a local video to its temporary storage. */
  req.family = WAN_FAMILY_2_7;
  req.video_uri = g_strdup (clip);
  assert_missing_named ("dashscope", &req, "video-uri: ", clip);
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

/* --- helpers --------------------------------------------------------- */

/* The create body @req's plan puts on the wire. */
static JsonNode *
body_of (const WanRequest * req)
{
  GError *error = NULL;
  WanPlan *plan = wan_plan_new (req, &error);
  gchar *path = NULL, *body = NULL;
  JsonNode *node;

  fail_unless (plan != NULL, "%s", error ? error->message : "");
  wan_provider_build_create (plan, &path, &body);
  node = json_from_string (body, NULL);
  fail_unless (node != NULL, "%s", body);
  wan_plan_free (plan);
  g_free (path);
  g_free (body);
  return node;
}

/* @req is refused before any request with a message starting @expect. */
static void
assert_refused (const WanRequest * req, const gchar * expect)
{
  GError *error = NULL;

  fail_if (wan_request_validate (req, &error), "accepted, want '%s'", expect);
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID));
  fail_unless (g_str_has_prefix (error->message, expect), "got '%s'\n"
      "want '%s…'", error->message, expect);
  g_error_free (error);
}


/* The simulator refuses @body with a 400 whose message holds @part, and
 * makes no task. */
static void
assert_sim_refuses (const gchar * provider, const gchar * path,
    const gchar * body, const gchar * part)
{
  gchar *answer = NULL;

  fail_unless_equals_int (sim_post_create (provider, path, body, &answer), 400);
  fail_unless (strstr (answer, part) != NULL, "%s\nwant …%s…", answer,
      part);
  fail_unless (wan_sim_last_task_id (sim) == NULL);
  g_free (answer);
}

/* --- evolink's wan2.7 seed ([E10][E12]) ------------------------------- */

#define EV "/v1/videos/generations"

GST_START_TEST (test_evolink_wan27_seed)
{
  WanRequest req;
  JsonNode *body;

  wan_request_init (&req);
  req.provider = WAN_PROVIDER_EVOLINK;
  req.family = WAN_FAMILY_2_7;
  req.prompt = g_strdup ("p");
  req.seed = 1;
  body = body_of (&req);
  fail_unless_equals_int (json_object_get_int_member (json_node_get_object
          (body), "seed"), 1);
  json_node_unref (body);
  req.seed = 0;
  assert_refused (&req, "seed: evolink wan2.7-text-to-video accepts 1 to "
      "2147483647, not 0");

  req.image_uri = g_strdup (IMG);
  req.seed = G_MAXINT32;
  body = body_of (&req);
  fail_unless_equals_string (json_object_get_string_member
      (json_node_get_object (body), "model"), "wan2.7-image-to-video");
  fail_unless_equals_int (json_object_get_int_member (json_node_get_object
          (body), "seed"), G_MAXINT32);
  json_node_unref (body);
  req.seed = 0;
  assert_refused (&req, "seed: evolink wan2.7-image-to-video accepts 1 to "
      "2147483647, not 0");
  /* Unset, nothing is sent. */
  req.seed = -1;
  body = body_of (&req);
  fail_if (json_object_has_member (json_node_get_object (body), "seed"));
  json_node_unref (body);
  wan_request_clear (&req);

  /* The simulator holds the pages' ranges. */
  assert_sim_refuses ("evolink", EV, "{\"model\":\"wan2.7-text-to-video\","
      "\"prompt\":\"p\",\"seed\":0}", "seed=0 is not supported");
  assert_sim_refuses ("evolink", EV, "{\"model\":\"wan2.7-image-to-video\","
      "\"image_start\":\"" IMG "\",\"duration\":16}",
      "duration=16 is not supported");
}

GST_END_TEST;

/* The whole way through the element: the seed reaches the simulator. */
GST_START_TEST (test_evolink_wan27_seed_run)
{
  JsonNode *body;
  Run run;

  run_full (&run, "evolink", "model-family=wan2.7|image-uri=" IMG
      "|seed=2147483647|duration=2", "decodebin name=dec");
  fail_if (run.error != NULL, "error");
  fail_unless (run.video_frames > 0);
  body = wan_sim_last_create_body (sim);
  fail_unless_equals_int (json_object_get_int_member (json_node_get_object
          (body), "seed"), G_MAXINT32);
  json_node_unref (body);
  run_clear (&run);
}

GST_END_TEST;

/* The rest of evolink's wan2.7 image-to-video page [E13]: quality,
 * negative_prompt and prompt_extend, through the element to a video of
 * the size asked for; no aspect ratio (the first frame sets it). */
GST_START_TEST (test_evolink_wan27_i2v_fields)
{
  WanRequest req;
  JsonNode *body;
  JsonObject *o;
  Run run;

  run_full (&run, "evolink", "model-family=wan2.7|image-uri=" IMG
      "|resolution=1080p|negative-prompt=blur|prompt-extend=true|"
      "duration=2", "decodebin name=dec");
  fail_if (run.error != NULL, "error");
  fail_unless_equals_int (run.width, 1920);
  fail_unless_equals_int (run.height, 1080);
  body = wan_sim_last_create_body (sim);
  o = json_node_get_object (body);
  fail_unless_equals_string (json_object_get_string_member (o, "quality"),
      "1080p");
  fail_unless_equals_string (json_object_get_string_member (o,
          "negative_prompt"), "blur");
  fail_unless (json_object_get_boolean_member (o, "prompt_extend"));
  json_node_unref (body);
  run_clear (&run);

  wan_request_init (&req);
  req.provider = WAN_PROVIDER_EVOLINK;
  req.family = WAN_FAMILY_2_7;
  req.image_uri = g_strdup (IMG);
  req.aspect_ratio = WAN_ASPECT_16_9;
  assert_refused (&req, "aspect-ratio: not supported by evolink for "
      "image-to-video, model wan2.7-image-to-video");
  wan_request_clear (&req);
}

GST_END_TEST;

/* --- Wan 3.0 reference audio ("Wan 3.0 preview") -------------------- */

#define VS "/api/v1/services/aigc/video-generation/video-synthesis"
#define MP3 "https://a.example/voice.mp3"
#define WAV "https://a.example/bgm.WAV?sig=1"
#define MEDIA(t, u) "{\"type\":\"" t "\",\"url\":\"" u "\"}"

/* A request of @family with @refs ("a b c") as references. */
static void
init_refs (WanRequest * req, WanProviderId provider, WanFamily family,
    const gchar * refs)
{
  wan_request_init (req);
  req->provider = provider;
  req->family = family;
  req->prompt = g_strdup ("p");
  req->reference_uris = g_strsplit (refs, " ", -1);
}

/* @n URLs "https://r.example/NAMEi.EXT" joined by spaces. */
static gchar *
urls (guint n, const gchar * name, const gchar * ext)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < n; i++)
    g_string_append_printf (s, "%shttps://r.example/%s%u.%s", i ? " " : "",
        name, i, ext);
  return g_string_free (s, FALSE);
}

GST_START_TEST (test_wan30_reference_audio_on_the_wire)
{
  WanRequest req;
  JsonNode *body, *want;
  gchar *all, *images, *videos, *audios;

  /* Each reference as its kind, in the user's order. */
  init_refs (&req, WAN_PROVIDER_DASHSCOPE, WAN_FAMILY_3_0,
      IMG " " MP3 " " CLIP " " WAV);
  body = body_of (&req);
  want = json_from_string ("{\"model\":\"wan3.0-video\",\"input\":{"
      "\"prompt\":\"p\",\"media\":[" MEDIA ("reference_image", IMG) ","
      MEDIA ("reference_audio", MP3) "," MEDIA ("reference_video", CLIP) ","
      MEDIA ("reference_audio", WAV) "]},\"parameters\":{}}", NULL);
  fail_unless (json_node_equal (body, want), "got %s",
      json_to_string (body, FALSE));
  json_node_unref (want);
  json_node_unref (body);
  wan_request_clear (&req);

  /* The most the row takes: 10 images, 5 videos and 5 audios. */
  images = urls (10, "i", "png");
  videos = urls (5, "v", "mp4");
  audios = urls (5, "a", "mp3");
  all = g_strjoin (" ", images, videos, audios, NULL);
  init_refs (&req, WAN_PROVIDER_DASHSCOPE, WAN_FAMILY_3_0, all);
  body = body_of (&req);
  json_node_unref (body);
  wan_request_clear (&req);
  g_free (all);
  g_free (images);
  g_free (videos);
  g_free (audios);

  /* Frames and references are not mixed; audio-uri is no reference
   * (Wan 3.0 documents no driving audio). */
  init_refs (&req, WAN_PROVIDER_DASHSCOPE, WAN_FAMILY_3_0, MP3);
  req.image_uri = g_strdup (IMG);
  assert_refused (&req, "image-uri: cannot be combined with reference-uris "
      "(dashscope wan3.0-video)");
  wan_request_clear (&req);
  wan_request_init (&req);
  req.family = WAN_FAMILY_3_0;
  req.prompt = g_strdup ("p");
  req.audio_uri = g_strdup (MP3);
  assert_refused (&req, "audio-uri: not supported by dashscope for "
      "text-to-video, model wan3.0-video");
  wan_request_clear (&req);

  /* The simulator refuses what the pages refuse. */
  assert_sim_refuses ("dashscope", VS, "{\"model\":\"wan3.0-video\","
      "\"input\":{\"prompt\":\"p\",\"media\":["
      MEDIA ("first_frame", IMG) "," MEDIA ("reference_audio", MP3) "]}}",
      "frames and references cannot be mixed");
  assert_sim_refuses ("dashscope", VS, "{\"model\":\"wan2.7-r2v\","
      "\"input\":{\"prompt\":\"p\",\"media\":["
      MEDIA ("reference_audio", MP3) "]}}",
      "media type 'reference_audio' is not supported by wan2.7-r2v");
}

GST_END_TEST;

/* aimlapi's Wan 3.0 takes its reference audio as "audio_urls", at most 5
 * (docs/providers.md, "aimlapi", Wan 3.0). */
GST_START_TEST (test_aimlapi_wan30_reference_audio)
{
  WanRequest req;
  JsonNode *body, *want;
  gchar *audios;

  init_refs (&req, WAN_PROVIDER_AIMLAPI, WAN_FAMILY_3_0,
      IMG " " MP3 " " CLIP " " WAV);
  body = body_of (&req);
  want = json_from_string ("{\"model\":\"alibaba/wan3.0-video\","
      "\"prompt\":\"p\",\"reference_image_urls\":[\"" IMG "\"],"
      "\"video_urls\":[\"" CLIP "\"],\"audio_urls\":[\"" MP3 "\",\""
      WAV "\"]}", NULL);
  fail_unless (json_node_equal (body, want), "got %s",
      json_to_string (body, FALSE));
  json_node_unref (want);
  json_node_unref (body);
  wan_request_clear (&req);

  audios = urls (6, "a", "mp3");
  init_refs (&req, WAN_PROVIDER_AIMLAPI, WAN_FAMILY_3_0, audios);
  assert_refused (&req, "reference-uris: 6 audio files given, aimlapi "
      "alibaba/wan3.0-video accepts at most 5");
  wan_request_clear (&req);
  g_free (audios);

  /* Elsewhere on aimlapi an audio reference is refused, naming it. */
  init_refs (&req, WAN_PROVIDER_AIMLAPI, WAN_FAMILY_2_7, MP3);
  assert_refused (&req, "reference-uris: '" MP3 "' is an audio file; "
      "aimlapi alibaba/wan-2-7-r2v takes only reference images and videos");
  wan_request_clear (&req);
}

GST_END_TEST;

static const struct
{
  WanProviderId provider;
  WanFamily family;
  const gchar *refs;
  const gchar *expect;
} audio_refusals[] = {
  {WAN_PROVIDER_DASHSCOPE, WAN_FAMILY_3_0, MP3 " " MP3 " " MP3 " " MP3 " "
        MP3 " " WAV, "reference-uris: 6 audio files given, dashscope "
        "wan3.0-video accepts at most 5"},
  {WAN_PROVIDER_DASHSCOPE, WAN_FAMILY_3_0, "https://r.example/who",
      "reference-uris: cannot tell whether 'https://r.example/who' is an "
        "image or a video or audio (dashscope wan3.0-video needs to know)"},
  {WAN_PROVIDER_DASHSCOPE, WAN_FAMILY_2_7, IMG " " MP3,
      "reference-uris: '" MP3 "' is an audio file; dashscope wan2.7-r2v "
        "takes only reference images and videos"},
  {WAN_PROVIDER_DASHSCOPE, WAN_FAMILY_2_6, WAV,
      "reference-uris: '" WAV "' is an audio file; dashscope wan2.6-r2v "
        "takes only reference images and videos"},
  {WAN_PROVIDER_EVOLINK, WAN_FAMILY_2_6, CLIP " " MP3,
      "reference-uris: '" MP3 "' is an audio file; evolink "
        "wan2.6-reference-video takes only reference images and videos"},
  {WAN_PROVIDER_FAL, WAN_FAMILY_2_6, "data:audio/mpeg;base64,SUQz",
      "reference-uris: 'data:audio/mpeg;base64,SUQz' is an audio file; fal "
        "wan/v2.6/reference-to-video takes only"},
  {WAN_PROVIDER_TOAPIS, WAN_FAMILY_2_6, MP3,
      "reference-uris: '" MP3 "' is an audio file; toapis wan2.6 takes only"},
};

/* Audio among the references: Wan 3.0's limits, and refused by every
 * model that takes none, naming reference-uris, the model and provider. */
GST_START_TEST (test_reference_audio_refused)
{
  WanRequest req;

  init_refs (&req, audio_refusals[__i__].provider,
      audio_refusals[__i__].family, audio_refusals[__i__].refs);
  assert_refused (&req, audio_refusals[__i__].expect);
  wan_request_clear (&req);
}

GST_END_TEST;

/* A reference's kind: a data: URI's type, a local file's first bytes
 * over its name, a URL path's extension. */
GST_START_TEST (test_audio_kind_detected)
{
  static const struct
  {
    const gchar *name;
    const gchar *head;
    gsize size;
  } files[] = {
    {"id3.mp4", "ID3\x04\0\0\0\0\0\0\0\0", 12},
    {"frame.bin", "\xff\xfb\x90\x64\0\0\0\0\0\0\0\0", 12},
    {"wave.png", "RIFF\x24\0\0\0WAVE", 12},
    {"lossless.mov", "fLaC\0\0\0\x22\0\0\0\0", 12},
    {"song.mp4", "\0\0\0 ftypM4A \0\0", 14},
  };
  WanInputKind kind;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (files); i++) {
    gchar *path = g_build_filename (tmpdir, files[i].name, NULL);

    fail_unless (g_file_set_contents (path, files[i].head, files[i].size,
            NULL));
    kind = WAN_INPUT_VIDEO;
    fail_unless (wan_input_guess_kind (path, &kind), "%s", files[i].name);
    fail_unless_equals_int (kind, WAN_INPUT_AUDIO);
    g_free (path);
  }
  kind = WAN_INPUT_VIDEO;
  fail_unless (wan_input_guess_kind ("data:audio/wav;base64,UklGRg==", &kind));
  fail_unless_equals_int (kind, WAN_INPUT_AUDIO);
  kind = WAN_INPUT_VIDEO;
  fail_unless (wan_input_guess_kind (WAV, &kind));
  fail_unless_equals_int (kind, WAN_INPUT_AUDIO);
}

GST_END_TEST;

/* Through the element: an image and a voice, or a voice alone, as Wan
 * 3.0 references reach the simulator as such, and the video is made. */
static const struct
{
  const gchar *refs;
  const gchar *types[3];
} wan30_runs[] = {
  {IMG "," MP3, {"reference_image", "reference_audio", NULL}},
  {"https://a.example/bgm.wav", {"reference_audio", NULL}},
};

GST_START_TEST (test_wan30_reference_audio_run)
{
  gchar *settings = g_strdup_printf ("model-family=wan3.0|prompt=p|"
      "reference-uris=<%s>|duration=2|resolution=480p",
      wan30_runs[__i__].refs);
  const gchar *const *types = wan30_runs[__i__].types;
  JsonNode *body, *media;
  JsonArray *items;
  Run run;
  guint i;

  run_full (&run, "dashscope", settings, "decodebin name=dec");
  fail_if (run.error != NULL, "error");
  fail_unless (run.video_frames > 0);
  body = wan_sim_last_create_body (sim);
  media = json_path_query ("$.input.media[*].type", body, NULL);
  items = json_node_get_array (media);
  fail_unless_equals_int (json_array_get_length (items),
      g_strv_length ((gchar **) types));
  for (i = 0; types[i]; i++)
    fail_unless_equals_string (json_array_get_string_element (items, i),
        types[i]);
  json_node_unref (media);
  json_node_unref (body);
  run_clear (&run);
  g_free (settings);
}

GST_END_TEST;

/* A local audio reference on DashScope is uploaded, and goes out as
 * reference audio because its content says so, whatever its name (the
 * uploaded file keeps the name). */
GST_START_TEST (test_wan30_local_audio_reference_uploaded)
{
  gchar *voice = make_media ("voice.mp4", "audiotestsrc num-buffers=40 "
      "samplesperbuffer=4410 ! audio/x-raw,rate=44100 ! lamemp3enc");
  gchar *settings = g_strdup_printf ("model-family=wan3.0|prompt=p|"
      "reference-uris=<\"%s\">|duration=2|resolution=480p", voice);
  JsonNode *body, *types;
  Run run;

  run_full (&run, "dashscope", settings, "decodebin name=dec");
  fail_if (run.error != NULL, "error");
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 1);
  body = wan_sim_last_create_body (sim);
  types = json_path_query ("$.input.media[*].type", body, NULL);
  fail_unless_equals_int (json_array_get_length (json_node_get_array
          (types)), 1);
  fail_unless_equals_string (json_array_get_string_element
      (json_node_get_array (types), 0), "reference_audio");
  json_node_unref (types);
  json_node_unref (body);
  run_clear (&run);
  g_free (settings);
  g_free (voice);
}

GST_END_TEST;

/* A local audio file among the references of a model that takes none is
 * refused for what it is, before anything is uploaded or paid. */
GST_START_TEST (test_local_audio_reference_refused)
{
  gchar *song = make_media ("voice.mp4", "audiotestsrc num-buffers=40 "
      "samplesperbuffer=4410 ! audio/x-raw,rate=44100 ! lamemp3enc");
  gchar *settings = g_strdup_printf ("reference-uris=<\"%s\">|prompt=p",
      song);
  gchar *expect = g_strdup_printf ("reference-uris: '%s' is an audio file; "
      "evolink wan2.6-reference-video takes only reference images and "
      "videos", song);
  Run run;

  run_full (&run, "evolink", settings, "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS, expect);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 0);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  run_clear (&run);
  g_free (expect);
  g_free (settings);
  g_free (song);
}

GST_END_TEST;

/* --- wan2.7-videoedit's audio_setting ([D24]) ------------------------ */

/* The digest of a videoedit request, as every version before
 * audio-setting computed it: journal and cache entries written then are
 * still found. */
#define EDIT_DIGEST \
  "c89d010db21bbc08c4da79ce70812509c471008b9b30a8018ce63c24530b180d"

static void
init_edit (WanRequest * req)
{
  wan_request_init (req);
  req->family = WAN_FAMILY_2_7;
  req->mode = WAN_MODE_EDIT;
  req->prompt = g_strdup ("p");
  req->video_uri = g_strdup (CLIP);
  req->seed = 7;
}

static gchar *
sent_audio_setting (const WanRequest * req)
{
  JsonNode *body = body_of (req);
  JsonObject *p = json_object_get_object_member (json_node_get_object (body),
      "parameters");
  gchar *value = json_object_has_member (p, "audio_setting") ?
      g_strdup (json_object_get_string_member (p, "audio_setting")) : NULL;

  json_node_unref (body);
  return value;
}

GST_START_TEST (test_audio_setting_on_the_wire)
{
  WanClient *client = wan_client_new (WAN_PROVIDER_DASHSCOPE,
      "https://dashscope-intl.aliyuncs.com", "k");
  gchar *digest, *value;
  WanRequest req;

  /* Left at default: not sent, and the digest is the old one. */
  init_edit (&req);
  fail_unless (sent_audio_setting (&req) == NULL);
  digest = wan_client_request_digest (client, &req, NULL);
  fail_unless_equals_string (digest, EDIT_DIGEST);
  g_free (digest);

  /* Set: sent as parameters.audio_setting, another request. */
  req.audio_setting = WAN_AUDIO_SETTING_ORIGIN;
  value = sent_audio_setting (&req);
  fail_unless_equals_string (value, "origin");
  g_free (value);
  digest = wan_client_request_digest (client, &req, NULL);
  fail_if (g_strcmp0 (digest, EDIT_DIGEST) == 0);
  g_free (digest);
  req.audio_setting = WAN_AUDIO_SETTING_AUTO;
  value = sent_audio_setting (&req);
  fail_unless_equals_string (value, "auto");
  g_free (value);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

/* Every other model refuses a value, naming the property, the model and
 * the provider; so does the simulator. */
GST_START_TEST (test_audio_setting_refused)
{
  WanRequest req;

  wan_request_init (&req);
  req.family = WAN_FAMILY_2_7;
  req.prompt = g_strdup ("p");
  req.audio_setting = WAN_AUDIO_SETTING_AUTO;
  assert_refused (&req, "audio-setting: not supported by dashscope for "
      "text-to-video, model wan2.7-t2v");
  req.video_uri = g_strdup (CLIP);
  assert_refused (&req, "audio-setting: not supported by dashscope for "
      "image-to-video, model wan2.7-i2v");
  g_clear_pointer (&req.video_uri, g_free);
  req.family = WAN_FAMILY_3_0;
  assert_refused (&req, "audio-setting: not supported by dashscope for "
      "text-to-video, model wan3.0-video");
  req.family = WAN_FAMILY_2_6;
  req.provider = WAN_PROVIDER_EVOLINK;
  req.audio_setting = WAN_AUDIO_SETTING_ORIGIN;
  assert_refused (&req, "audio-setting: not supported by evolink for "
      "text-to-video, model wan2.6-text-to-video");
  wan_request_clear (&req);

  /* The simulator takes only the documented values, on videoedit. */
  assert_sim_refuses ("dashscope", VS, "{\"model\":\"wan2.7-videoedit\","
      "\"input\":{\"media\":[" MEDIA ("video", CLIP) "]},"
      "\"parameters\":{\"audio_setting\":\"both\"}}", "audio_setting");
  assert_sim_refuses ("dashscope", VS, "{\"model\":\"wan2.7-i2v\","
      "\"input\":{\"media\":[" MEDIA ("first_frame", IMG) "]},"
      "\"parameters\":{\"audio_setting\":\"origin\"}}",
      "takes no audio_setting");
}

GST_END_TEST;

/* The element's property: an enum whose default is not sent, settable
 * only while stopped, from a launch line, a wan:// URI and wan-generate;
 * it reaches the simulator. */
GST_START_TEST (test_audio_setting_property)
{
  GstElement *src = gst_element_factory_make ("wanvideosrc", NULL);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (src),
      "audio-setting");
  GEnumClass *e;
  JsonNode *body;
  gint value = -1;
  Run run;

  fail_unless (pspec != NULL && G_IS_PARAM_SPEC_ENUM (pspec));
  fail_unless (pspec->flags & GST_PARAM_MUTABLE_READY);
  fail_unless (pspec->flags & G_PARAM_STATIC_STRINGS);
  e = G_PARAM_SPEC_ENUM (pspec)->enum_class;
  fail_unless_equals_string (g_type_name (G_TYPE_FROM_CLASS (e)),
      "GstWanAudioSetting");
  fail_unless_equals_int (G_PARAM_SPEC_ENUM (pspec)->default_value,
      WAN_AUDIO_SETTING_DEFAULT);
  fail_unless (g_enum_get_value_by_nick (e, "default") != NULL);
  fail_unless_equals_int (g_enum_get_value_by_nick (e, "auto")->value,
      WAN_AUDIO_SETTING_AUTO);
  fail_unless_equals_int (g_enum_get_value_by_nick (e, "origin")->value,
      WAN_AUDIO_SETTING_ORIGIN);

  fail_unless (gst_uri_handler_set_uri (GST_URI_HANDLER (src),
          "wan://dashscope?model-family=wan2.7&mode=edit&video-uri="
          "https%3A%2F%2Fv.example%2Fclip.mp4&audio-setting=origin", NULL));
  g_object_get (src, "audio-setting", &value, NULL);
  fail_unless_equals_int (value, WAN_AUDIO_SETTING_ORIGIN);
  gst_object_unref (src);

  run_full (&run, "dashscope", "model-family=wan2.7|mode=edit|video-uri="
      CLIP "|audio-setting=origin|duration=2|resolution=720p",
      "decodebin name=dec");
  fail_if (run.error != NULL, "error");
  fail_unless (run.video_frames > 0);
  body = wan_sim_last_create_body (sim);
  fail_unless_equals_string (json_object_get_string_member
      (json_object_get_object_member (json_node_get_object (body),
              "parameters"), "audio_setting"), "origin");
  json_node_unref (body);
  run_clear (&run);
}

GST_END_TEST;

/* wan-generate's option, generated from the property, reaches the
 * request it shows. */
GST_START_TEST (test_audio_setting_in_wan_generate)
{
  gchar *base = wan_sim_get_base_url (sim, "dashscope"), *arg;
  const gchar *argv[9];
  gchar **envp;
  Ran ran;

  arg = g_strconcat ("--base-url=", base, NULL);
  argv[0] = WAN_GENERATE_TOOL;
  argv[1] = arg;
  argv[2] = "--dry-run";
  argv[3] = "--model-family=wan2.7";
  argv[4] = "--mode=edit";
  argv[5] = "--video-uri=" CLIP;
  argv[6] = "--audio-setting=auto";
  argv[7] = "Make it snow";
  argv[8] = NULL;
  envp = g_environ_setenv (g_get_environ (), "WAN_API_KEY",
      WAN_SIM_DEFAULT_KEY, TRUE);
  ran = run_util_run (envp, argv);
  fail_unless_equals_int (ran_exit_status (&ran), 0);
  fail_unless (strstr (ran.out, "\"audio_setting\":\"auto\"") != NULL, "%s",
      ran.out);
  ran_clear (&ran);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  g_strfreev (envp);
  g_free (arg);
  g_free (base);
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
  tcase_add_test (tc, test_evolink_wan27_seed);
  tcase_add_test (tc, test_evolink_wan27_seed_run);
  tcase_add_test (tc, test_evolink_wan27_i2v_fields);
  tcase_add_test (tc, test_wan30_reference_audio_on_the_wire);
  tcase_add_test (tc, test_aimlapi_wan30_reference_audio);
  tcase_add_loop_test (tc, test_reference_audio_refused, 0,
      G_N_ELEMENTS (audio_refusals));
  tcase_add_test (tc, test_audio_kind_detected);
  tcase_add_loop_test (tc, test_wan30_reference_audio_run, 0,
      G_N_ELEMENTS (wan30_runs));
  tcase_add_test (tc, test_local_audio_reference_refused);
  tcase_add_test (tc, test_wan30_local_audio_reference_uploaded);
  tcase_add_test (tc, test_audio_setting_on_the_wire);
  tcase_add_test (tc, test_audio_setting_refused);
  tcase_add_test (tc, test_audio_setting_property);
  tcase_add_test (tc, test_audio_setting_in_wan_generate);
  return s;
}

GST_CHECK_MAIN (media);
