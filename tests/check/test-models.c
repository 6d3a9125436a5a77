/* gst-wan: every Wan model a DashScope user can call, 2.1 to 3.0 (issue
 * #14): the request each model row puts on the wire, the combinations
 * refused before anything is sent, the simulator refusing what the
 * references refuse, and whole runs ending in a decodable video of the
 * requested length and size. */

#include <string.h>
#include <libsoup/soup.h>
#include <gst/check/gstcheck.h>
#include "run-util.h"
#include "wan-providers.h"
#include "wan-input.h"
#include "wan-validate.h"

/* --- a request from "key=value|…" ------------------------------------ */

static gint
enum_value (GType type, const gchar * nick)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value_by_nick (klass, nick);
  gint value;

  fail_unless (v != NULL, "no value '%s'", nick);
  value = v->value;
  g_type_class_unref (klass);
  return value;
}

/* The element's enums are registered by the plugin; the library's values
 * are the same, so a request is built from the element's nicks. */
static gint
nick (const gchar * type_name, const gchar * value)
{
  GstElement *src = gst_element_factory_make ("wanvideosrc", NULL);
  GType type = g_type_from_name (type_name);
  gint v;

  fail_unless (src != NULL && type != 0);
  v = enum_value (type, value);
  gst_object_unref (src);
  return v;
}

static void
set_request (WanRequest * req, const gchar * settings)
{
  gchar **pairs = g_strsplit (settings, "|", -1), **p;

  wan_request_init (req);
  for (p = pairs; *p; p++) {
    const gchar *v = strchr (*p, '=') + 1;
    gchar *k = g_strndup (*p, v - 1 - *p);

    if (g_str_equal (k, "provider"))
      fail_unless (wan_provider_id_from_string (v, &req->provider));
    else if (g_str_equal (k, "family"))
      req->family = nick ("GstWanFamily", v);
    else if (g_str_equal (k, "mode"))
      req->mode = nick ("GstWanMode", v);
    else if (g_str_equal (k, "res"))
      req->resolution = nick ("GstWanResolution", v);
    else if (g_str_equal (k, "aspect"))
      req->aspect_ratio = nick ("GstWanAspectRatio", v);
    else if (g_str_equal (k, "model"))
      req->model = g_strdup (v);
    else if (g_str_equal (k, "prompt") && g_str_has_prefix (v, "LONG")) {
      guint i, n = atoi (v + 4);
      GString *s = g_string_new (NULL);

      for (i = 0; i < n; i++)
        g_string_append_unichar (s, 0x732B);
      req->prompt = g_string_free (s, FALSE);
    } else if (g_str_equal (k, "prompt"))
      req->prompt = g_strdup (v);
    else if (g_str_equal (k, "negative") && g_str_has_prefix (v, "LONG"))
      req->negative_prompt = g_strnfill (atoi (v + 4), 'n');
    else if (g_str_equal (k, "negative"))
      req->negative_prompt = g_strdup (v);
    else if (g_str_equal (k, "image"))
      req->image_uri = g_strdup (v);
    else if (g_str_equal (k, "last"))
      req->last_frame_uri = g_strdup (v);
    else if (g_str_equal (k, "video"))
      req->video_uri = g_strdup (v);
    else if (g_str_equal (k, "audiouri"))
      req->audio_uri = g_strdup (v);
    else if (g_str_equal (k, "refs"))
      req->reference_uris = g_strsplit (v, " ", -1);
    else if (g_str_equal (k, "nimages") || g_str_equal (k, "nvideos")) {
      guint i, n = atoi (v), old = req->reference_uris ?
          g_strv_length (req->reference_uris) : 0;

      req->reference_uris = g_renew (gchar *, req->reference_uris, old + n + 1);
      for (i = 0; i < n; i++)
        req->reference_uris[old + i] = g_strdup_printf ("https://r.example/"
            "%s%u.%s", k + 1, i, k[1] == 'i' ? "png" : "mp4");
      req->reference_uris[old + n] = NULL;
    } else if (g_str_equal (k, "duration"))
      req->duration = atoi (v);
    else if (g_str_equal (k, "seed"))
      req->seed = atoi (v);
    else if (g_str_equal (k, "extend"))
      req->prompt_extend = atoi (v);
    else if (g_str_equal (k, "watermark"))
      req->watermark = atoi (v);
    else if (g_str_equal (k, "audio"))
      req->audio = atoi (v);
    else if (g_str_equal (k, "shot"))
      req->shot_type = atoi (v);
    else if (g_str_equal (k, "flash"))
      req->flash = atoi (v);
    else
      fail ("unknown test setting %s", k);
    g_free (k);
  }
  g_strfreev (pairs);
}

/* --- each model row on the wire -------------------------------------- */

#define VS "/api/v1/services/aigc/video-generation/video-synthesis"
#define KF "/api/v1/services/aigc/image2video/video-synthesis"
#define AIML "/v2/video/generations"
#define IMG "https://i.example/first.png"
#define LAST "https://i.example/last.png"
#define CLIP "https://v.example/clip.mp4"
#define MP3 "https://a.example/x.mp3"

static const struct
{
  const gchar *settings;
  const gchar *path;
  const gchar *body;
} bodies[] = {
  /* Legacy layout: wan2.5, 2.2, 2.1 (480P sizes, no shot_type). */
  {"family=wan2.5|prompt=p|res=480p|aspect=9:16|duration=10|audiouri=" MP3,
      VS, "{\"model\":\"wan2.5-t2v-preview\",\"input\":{\"prompt\":\"p\","
        "\"audio_url\":\"" MP3 "\"},\"parameters\":{\"size\":\"480*832\","
        "\"duration\":10}}"},
  {"family=wan2.5|image=" IMG "|res=480p|seed=3", VS,
      "{\"model\":\"wan2.5-i2v-preview\",\"input\":{\"img_url\":\"" IMG "\"},"
        "\"parameters\":{\"resolution\":\"480P\",\"seed\":3}}"},
  {"family=wan2.2|prompt=p|res=480p|aspect=1:1|duration=5|negative=n", VS,
      "{\"model\":\"wan2.2-t2v-plus\",\"input\":{\"prompt\":\"p\","
        "\"negative_prompt\":\"n\"},\"parameters\":{\"size\":\"624*624\","
        "\"duration\":5}}"},
  {"family=wan2.2|prompt=p|image=" IMG, VS,
      "{\"model\":\"wan2.2-i2v-plus\",\"input\":{\"prompt\":\"p\","
        "\"img_url\":\"" IMG "\"},\"parameters\":{}}"},
  /* A silent model is silent anyway: audio=false asks for nothing more. */
  {"family=wan2.2|prompt=p|image=" IMG "|audio=0", VS,
      "{\"model\":\"wan2.2-i2v-plus\",\"input\":{\"prompt\":\"p\","
        "\"img_url\":\"" IMG "\"},\"parameters\":{}}"},
  {"family=wan2.2|flash=1|image=" IMG "|res=720p", VS,
      "{\"model\":\"wan2.2-i2v-flash\",\"input\":{\"img_url\":\"" IMG "\"},"
        "\"parameters\":{\"resolution\":\"720P\"}}"},
  {"family=wan2.1|prompt=p|res=720p", VS,
      "{\"model\":\"wanx2.1-t2v-plus\",\"input\":{\"prompt\":\"p\"},"
        "\"parameters\":{\"size\":\"1280*720\"}}"},
  {"family=wan2.1|image=" IMG "|watermark=1", VS,
      "{\"model\":\"wanx2.1-i2v-plus\",\"input\":{\"img_url\":\"" IMG "\"},"
        "\"parameters\":{\"watermark\":true}}"},
  /* An explicit id: its own row (3 s is the turbo model's), sent as
   * given; "wan2.1-" and "wanx2.1-" name the same model. */
  {"model=wan2.1-i2v-turbo|image=" IMG "|duration=3|res=480p", VS,
      "{\"model\":\"wan2.1-i2v-turbo\",\"input\":{\"img_url\":\"" IMG "\"},"
        "\"parameters\":{\"resolution\":\"480P\",\"duration\":3}}"},
  /* First and last frame: its own endpoint and fields. */
  {"family=wan2.2|prompt=p|image=" IMG "|last=" LAST "|res=480p|extend=0",
      KF, "{\"model\":\"wan2.2-kf2v-flash\",\"input\":{\"prompt\":\"p\","
        "\"first_frame_url\":\"" IMG "\",\"last_frame_url\":\"" LAST "\"},"
        "\"parameters\":{\"resolution\":\"480P\",\"prompt_extend\":false}}"},
  {"family=wan2.1|image=" IMG "|last=" LAST "|seed=9", KF,
      "{\"model\":\"wanx2.1-kf2v-plus\",\"input\":{\"first_frame_url\":\""
        IMG "\",\"last_frame_url\":\"" LAST "\"},\"parameters\":{\"seed\":9}}"},
  /* wan2.7: the media layout. */
  {"family=wan2.7|prompt=p|negative=n|audiouri=" MP3 "|res=720p|aspect=4:3|"
        "duration=15|extend=1|watermark=0|seed=7", VS,
      "{\"model\":\"wan2.7-t2v\",\"input\":{\"prompt\":\"p\","
        "\"negative_prompt\":\"n\",\"audio_url\":\"" MP3 "\"},"
        "\"parameters\":{\"resolution\":\"720P\",\"ratio\":\"4:3\","
        "\"duration\":15,\"prompt_extend\":true,\"watermark\":false,"
        "\"seed\":7}}"},
  {"family=wan2.7|prompt=p|image=" IMG "|last=" LAST "|audiouri=" MP3
        "|duration=2", VS,
      "{\"model\":\"wan2.7-i2v\",\"input\":{\"prompt\":\"p\",\"media\":["
        "{\"type\":\"first_frame\",\"url\":\"" IMG "\"},"
        "{\"type\":\"last_frame\",\"url\":\"" LAST "\"},"
        "{\"type\":\"driving_audio\",\"url\":\"" MP3 "\"}]},"
        "\"parameters\":{\"duration\":2}}"},
  {"family=wan2.7|video=" CLIP "|last=" LAST, VS,
      "{\"model\":\"wan2.7-i2v\",\"input\":{\"media\":["
        "{\"type\":\"first_clip\",\"url\":\"" CLIP "\"},"
        "{\"type\":\"last_frame\",\"url\":\"" LAST "\"}]},\"parameters\":{}}"},
  {"family=wan2.7|prompt=p|image=" IMG "|refs=https://r.example/a.PNG?x=1 "
        "https://r.example/b.mp4|aspect=1:1|duration=10", VS,
      "{\"model\":\"wan2.7-r2v\",\"input\":{\"prompt\":\"p\",\"media\":["
        "{\"type\":\"first_frame\",\"url\":\"" IMG "\"},"
        "{\"type\":\"reference_image\",\"url\":\"https://r.example/a.PNG?x=1\"},"
        "{\"type\":\"reference_video\",\"url\":\"https://r.example/b.mp4\"}]},"
        "\"parameters\":{\"ratio\":\"1:1\",\"duration\":10}}"},
  {"family=wan2.7|mode=edit|prompt=p|video=" CLIP
        "|refs=data:image/png;base64,iVBORw0KGgo=|res=1080p", VS,
      "{\"model\":\"wan2.7-videoedit\",\"input\":{\"prompt\":\"p\",\"media\":["
        "{\"type\":\"video\",\"url\":\"" CLIP "\"},"
        "{\"type\":\"reference_image\","
        "\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}]},"
        "\"parameters\":{\"resolution\":\"1080P\"}}"},
  /* An explicit editing model edits with mode=auto. */
  {"model=wan2.7-videoedit|video=" CLIP, VS,
      "{\"model\":\"wan2.7-videoedit\",\"input\":{\"media\":["
        "{\"type\":\"video\",\"url\":\"" CLIP "\"}]},\"parameters\":{}}"},
  /* Wan 3.0: one model for every mode; ratio may be adaptive. */
  {"family=wan3.0|prompt=p|res=480p|aspect=adaptive|duration=30", VS,
      "{\"model\":\"wan3.0-video\",\"input\":{\"prompt\":\"p\"},"
        "\"parameters\":{\"resolution\":\"480P\",\"ratio\":\"adaptive\","
        "\"duration\":30}}"},
  {"family=wan3.0|prompt=p|image=" IMG "|last=" LAST, VS,
      "{\"model\":\"wan3.0-video\",\"input\":{\"prompt\":\"p\",\"media\":["
        "{\"type\":\"first_frame\",\"url\":\"" IMG "\"},"
        "{\"type\":\"last_frame\",\"url\":\"" LAST "\"}]},\"parameters\":{}}"},
  {"family=wan3.0|prompt=p|nimages=1|nvideos=1", VS,
      "{\"model\":\"wan3.0-video\",\"input\":{\"prompt\":\"p\",\"media\":["
        "{\"type\":\"reference_image\",\"url\":\"https://r.example/images0.png\"},"
        "{\"type\":\"reference_video\",\"url\":\"https://r.example/videos0.mp4\"}"
        "]},\"parameters\":{}}"},
  /* evolink's wan2.7: its own field names. */
  {"provider=evolink|family=wan2.7|prompt=p|negative=n|audiouri=" MP3
        "|res=1080p|aspect=3:4|duration=2|extend=0", "/v1/videos/generations",
      "{\"model\":\"wan2.7-text-to-video\",\"prompt\":\"p\","
        "\"negative_prompt\":\"n\",\"audio_urls\":[\"" MP3 "\"],"
        "\"duration\":2,\"aspect_ratio\":\"3:4\",\"quality\":\"1080p\","
        "\"prompt_extend\":false}"},
  {"provider=evolink|family=wan2.7|prompt=p|image=" IMG "|last=" LAST
        "|audiouri=" MP3, "/v1/videos/generations",
      "{\"model\":\"wan2.7-image-to-video\",\"prompt\":\"p\","
        "\"generation_mode\":\"first_last_frame\",\"image_start\":\"" IMG
        "\",\"image_end\":\"" LAST "\",\"audio_urls\":[\"" MP3 "\"]}"},
  {"provider=evolink|family=wan2.7|video=" CLIP "|duration=4",
        "/v1/videos/generations",
      "{\"model\":\"wan2.7-image-to-video\","
        "\"generation_mode\":\"video_continuation\","
        "\"video_urls\":[\"" CLIP "\"],\"duration\":4}"},
  /* fal's wan2.7: a last frame, a clip, and references by kind. */
  {"provider=fal|family=wan2.7|prompt=p|image=" IMG "|last=" LAST,
        "/fal-ai/wan/v2.7/image-to-video",
      "{\"prompt\":\"p\",\"image_url\":\"" IMG "\",\"end_image_url\":\""
        LAST "\"}"},
  {"provider=fal|family=wan2.7|video=" CLIP "|duration=4",
        "/fal-ai/wan/v2.7/image-to-video",
      "{\"video_url\":\"" CLIP "\",\"duration\":4}"},
  {"provider=fal|family=wan2.7|prompt=p|refs=" CLIP " " IMG,
        "/fal-ai/wan/v2.7/reference-to-video",
      "{\"prompt\":\"p\",\"reference_image_urls\":[\"" IMG "\"],"
        "\"reference_video_urls\":[\"" CLIP "\"]}"},
  {"provider=fal|flash=1|refs=" IMG " " CLIP,
        "/wan/v2.6/reference-to-video/flash",
      "{\"image_urls\":[\"" IMG "\"],\"video_urls\":[\"" CLIP "\"]}"},
  /* Replicate's wan2.7 i2v: its frames by their own names [R6]. */
  {"provider=replicate|family=wan2.7|video=" CLIP "|duration=4",
        "/v1/models/wan-video/wan-2.7-i2v/predictions",
      "{\"input\":{\"first_clip\":\"" CLIP "\",\"duration\":4}}"},
  {"provider=replicate|family=wan2.7|image=" IMG "|last=" LAST "|duration=3",
        "/v1/models/wan-video/wan-2.7-i2v/predictions",
      "{\"input\":{\"first_frame\":\"" IMG "\",\"last_frame\":\"" LAST
        "\",\"duration\":3}}"},
  {"model=wan3.0-video-prime|prompt=p|image=" IMG, VS,
      "{\"model\":\"wan3.0-video-prime\",\"input\":{\"prompt\":\"p\","
        "\"media\":[{\"type\":\"first_frame\",\"url\":\"" IMG "\"}]},"
        "\"parameters\":{}}"},
};

GST_START_TEST (test_model_rows_on_the_wire)
{
  WanRequest req;
  GError *error = NULL;
  gchar *path = NULL, *body = NULL;
  JsonNode *got, *want;
  WanPlan *plan;

  set_request (&req, bodies[__i__].settings);
  plan = wan_plan_new (&req, &error);
  fail_unless (plan != NULL, "%s: %s", bodies[__i__].settings,
      error ? error->message : "");
  wan_provider_build_create (plan, &path, &body);
  fail_unless_equals_string (path, bodies[__i__].path);
  got = json_from_string (body, NULL);
  want = json_from_string (bodies[__i__].body, NULL);
  fail_unless (got != NULL && want != NULL, "bad JSON");
  fail_unless (json_node_equal (got, want), "%s:\n got %s\nwant %s",
      bodies[__i__].settings, body, bodies[__i__].body);
  json_node_unref (got);
  json_node_unref (want);
  wan_plan_free (plan);
  g_free (path);
  g_free (body);
  wan_request_clear (&req);
}

GST_END_TEST;

/* --- refused before any request --------------------------------------- */

static const struct
{
  const gchar *settings;
  const gchar *expect;          /* the start of the message */
} refusals[] = {
  {"provider=evolink|family=wan2.5|prompt=p",
      "model-family: wan2.5 is not offered by evolink"},
  {"provider=evolink|family=wan2.7|prompt=p|nimages=1",
      "reference-uris: evolink does not offer reference-to-video in wan2.7"},
  {"provider=evolink|family=wan2.7|image=" IMG "|res=480p",
      "resolution: evolink wan2.7-image-to-video accepts 720p or 1080p, "
        "not 480p"},
  {"provider=fal|prompt=p|refs=" IMG,
      "reference-uris: 'https://i.example/first.png' is an image; fal "
        "wan/v2.6/reference-to-video takes only reference videos"},
  {"provider=fal|family=wan2.7|image=" IMG "|video=" CLIP,
      "video-uri: cannot be combined with image-uri on fal "
        "fal-ai/wan/v2.7/image-to-video"},
  {"provider=fal|family=wan2.5|prompt=p|aspect=4:3",
      "aspect-ratio: fal fal-ai/wan-25-preview/text-to-video accepts 16:9, "
        "9:16 or 1:1, not 4:3"},
  {"provider=fal|family=wan2.2|prompt=p|image=" IMG "|aspect=3:4",
      "aspect-ratio: fal fal-ai/wan/v2.2-a14b/image-to-video accepts 16:9, "
        "9:16 or 1:1, not 3:4"},
  {"provider=evolink|family=wan2.7|prompt=p|negative=LONG501",
      "negative-prompt: 501 characters, evolink wan2.7-text-to-video "
        "accepts at most 500"},
  {"provider=evolink|family=wan2.7|image=" IMG "|negative=LONG501",
      "negative-prompt: 501 characters, evolink wan2.7-image-to-video "
        "accepts at most 500"},
  {"provider=fal|family=wan2.1|prompt=p",
      "model-family: wan2.1 is not offered by fal"},
  {"provider=fal|family=wan2.5|prompt=p|duration=15",
      "duration: fal fal-ai/wan-25-preview/text-to-video accepts 5 or 10 "
        "seconds, not 15"},
  {"provider=fal|family=wan2.2|prompt=p|res=1080p",
      "resolution: fal fal-ai/wan/v2.2-a14b/text-to-video accepts 480p or "
        "720p, not 1080p"},
  {"provider=toapis|family=wan2.7|prompt=p",
      "model-family: wan2.7 is not offered by toapis"},
  /* Replicate's Wan 2.7 [R5][R6]: 2-15 s, no multi-shot, no silent
   * switch, no 480p; its first frame is not a reference. */
  {"provider=replicate|family=wan2.7|video=" CLIP "|last=" LAST,
      "last-frame-uri: replicate wan-video/wan-2.7-i2v takes a last frame "
        "only after image-uri"},
  {"provider=replicate|family=wan2.7|prompt=p|duration=16",
      "duration: replicate wan-video/wan-2.7-t2v accepts 2 to 15 seconds, "
        "not 16"},
  {"provider=replicate|family=wan2.7|image=" IMG "|shot=2",
      "shot-type: not supported by replicate for image-to-video, model "
        "wan-video/wan-2.7-i2v"},
  {"provider=replicate|family=wan2.7|image=" IMG "|audio=0",
      "audio: replicate wan-video/wan-2.7-i2v always generates audio"},
  {"provider=replicate|family=wan2.7|prompt=p|res=480p",
      "resolution: replicate wan-video/wan-2.7-t2v accepts 720p or 1080p"},
  {"provider=replicate|family=wan2.7|prompt=p|nimages=1",
      "reference-uris: replicate does not offer reference-to-video in wan2.7"},
  /* OpenRouter's alibaba/wan-2.7: 2-10 s; alibaba/wan-2.6 has no last
   * frame. */
  {"provider=openrouter|family=wan2.7|prompt=p|duration=11",
      "duration: openrouter alibaba/wan-2.7 accepts 2 to 10 seconds, not 11"},
  {"provider=openrouter|prompt=p|image=" IMG "|last=" LAST,
      "last-frame-uri: not taken by openrouter alibaba/wan-2.6"},
  {"provider=openrouter|family=wan3.0|prompt=p",
      "model-family: wan3.0 is not offered by openrouter"},
  {"provider=toapis|family=wan2.5|prompt=p",
      "model-family: wan2.5 is not offered by toapis"},
  /* aimlapi (docs/providers.md, "aimlapi", "Wan 2.1 to 3.0"). */
  {"provider=aimlapi|family=wan2.7|prompt=p|duration=7",
      "duration: aimlapi alibaba/wan-2-7-t2v accepts 5, 10 or 15 seconds, "
        "not 7"},
  {"provider=aimlapi|family=wan2.7|prompt=p|res=480p",
      "resolution: aimlapi alibaba/wan-2-7-t2v accepts 720p or 1080p, not "
        "480p"},
  {"provider=aimlapi|family=wan2.7|prompt=p|watermark=1",
      "watermark: not supported by aimlapi for text-to-video, model "
        "alibaba/wan-2-7-t2v"},
  {"provider=aimlapi|family=wan2.7|prompt=p|image=" IMG "|last=" LAST,
      "last-frame-uri: not taken by aimlapi alibaba/wan-2-7-i2v "
        "(image-to-video)"},
  {"provider=aimlapi|family=wan2.7|video=" CLIP "|prompt=p",
      "video-uri: not taken by aimlapi alibaba/wan-2-7-i2v"},
  {"provider=aimlapi|family=wan2.7|prompt=p|image=" IMG "|aspect=16:9",
      "aspect-ratio: not supported by aimlapi for image-to-video, model "
        "alibaba/wan-2-7-i2v"},
  {"provider=aimlapi|family=wan2.7|prompt=p|image=" IMG "|negative=LONG501",
      "negative-prompt: 501 characters, aimlapi alibaba/wan-2-7-i2v accepts "
        "at most 500"},
  {"provider=aimlapi|family=wan2.7|image=" IMG,
      "prompt: aimlapi needs a prompt for image-to-video"},
  {"provider=aimlapi|family=wan2.7|prompt=p|nimages=3|nvideos=3",
      "reference-uris: 6 given, aimlapi alibaba/wan-2-7-r2v accepts at most 5"},
  {"provider=aimlapi|family=wan2.7|prompt=p|nvideos=1|duration=15",
      "duration: aimlapi alibaba/wan-2-7-r2v accepts 5 or 10 seconds, not 15"},
  {"provider=aimlapi|family=wan2.7|prompt=p|nimages=1|audiouri=" MP3,
      "audio-uri: not supported by aimlapi for reference-to-video, model "
        "alibaba/wan-2-7-r2v"},
  {"provider=aimlapi|family=wan2.7|prompt=p|nimages=1|audio=0",
      "audio: aimlapi alibaba/wan-2-7-r2v always generates audio"},
  {"provider=aimlapi|family=wan2.7|prompt=p|refs=https://r.example/who",
      "reference-uris: cannot tell whether 'https://r.example/who' is an "
        "image or a video (aimlapi alibaba/wan-2-7-r2v needs to know)"},
  {"provider=aimlapi|family=wan3.0|prompt=p|audiouri=" MP3,
      "audio-uri: not supported by aimlapi for text-to-video, model "
        "alibaba/wan3.0-video"},
  {"provider=aimlapi|family=wan3.0|prompt=p|negative=n",
      "negative-prompt: not supported by aimlapi for text-to-video, model "
        "alibaba/wan3.0-video"},
  {"provider=aimlapi|family=wan3.0|prompt=p|extend=1",
      "prompt-extend: not supported by aimlapi for text-to-video, model "
        "alibaba/wan3.0-video"},
  {"provider=aimlapi|family=wan3.0|prompt=p|image=" IMG "|nimages=1",
      "image-uri: cannot be combined with reference-uris (aimlapi "
        "alibaba/wan3.0-video)"},
  {"provider=aimlapi|family=wan3.0|prompt=p|nimages=11",
      "reference-uris: 11 images given, aimlapi alibaba/wan3.0-video accepts "
        "at most 10"},
  {"provider=aimlapi|family=wan3.0|prompt=p|duration=31",
      "duration: aimlapi alibaba/wan3.0-video accepts 2 to 30 seconds, not "
        "31"},
  {"provider=aimlapi|family=wan3.0|prompt=p|image=/tmp/first.png",
      "image-uri: aimlapi takes an image only as an http(s) URL"},
  {"provider=aimlapi|family=wan2.5|prompt=p|aspect=4:3",
      "aspect-ratio: aimlapi alibaba/wan2.5-t2v-preview accepts 16:9, 9:16 "
        "or 1:1, not 4:3"},
  {"provider=aimlapi|family=wan2.5|prompt=p|audiouri=" MP3,
      "audio-uri: not supported by aimlapi for text-to-video, model "
        "alibaba/wan2.5-t2v-preview"},
  {"provider=aimlapi|family=wan2.5|prompt=p|image=" IMG "|duration=15",
      "duration: aimlapi alibaba/wan2.5-i2v-preview accepts 5 or 10 seconds, "
        "not 15"},
  {"provider=aimlapi|family=wan2.5|prompt=p|nvideos=1",
      "reference-uris: aimlapi does not offer reference-to-video in wan2.5"},
  {"provider=aimlapi|family=wan2.2|prompt=p|image=" IMG,
      "mode: aimlapi does not offer image-to-video in wan2.2"},
  {"provider=aimlapi|family=wan2.1|prompt=p|image=" IMG,
      "mode: aimlapi does not offer image-to-video in wan2.1"},
  {"provider=aimlapi|family=wan2.2|prompt=p|duration=10",
      "duration: aimlapi alibaba/wan2.2-t2v-plus accepts 5 seconds, not 10"},
  {"provider=aimlapi|family=wan2.1|prompt=p|res=1080p",
      "resolution: aimlapi alibaba/wan2.1-t2v-plus accepts 720p, not 1080p"},
  {"provider=aimlapi|family=wan2.1|prompt=p|audio=1",
      "audio: aimlapi alibaba/wan2.1-t2v-plus makes silent video"},
  {"family=wan2.5|prompt=p|nvideos=1",
      "reference-uris: dashscope does not offer reference-to-video in wan2.5"},
  {"mode=edit|prompt=p|video=" CLIP,
      "mode: dashscope does not offer video editing"},
  {"family=wan2.2|prompt=p|duration=10",
      "duration: dashscope wan2.2-t2v-plus accepts 5 seconds, not 10"},
  {"family=wan2.1|image=" IMG "|duration=4",
      "duration: dashscope wanx2.1-i2v-plus accepts 5 seconds, not 4"},
  {"family=wan2.2|prompt=p|res=720p",
      "resolution: dashscope wan2.2-t2v-plus accepts 480p or 1080p, not 720p"},
  {"prompt=p|res=480p",
      "resolution: dashscope wan2.6-t2v accepts 720p or 1080p, not 480p"},
  {"family=wan2.1|image=" IMG "|last=" LAST "|res=1080p",
      "resolution: dashscope wanx2.1-kf2v-plus accepts 720p, not 1080p"},
  {"family=wan2.5|prompt=p|res=480p|aspect=4:3",
      "aspect-ratio: dashscope wan2.5-t2v-preview has no 4:3 size at 480p"},
  {"family=wan2.7|prompt=p|aspect=adaptive",
      "aspect-ratio: adaptive is only for Wan 3.0 (model-family=wan3.0), not "
        "dashscope wan2.7-t2v"},
  {"family=wan2.2|prompt=p|shot=1", "shot-type: not supported by dashscope "
        "for text-to-video, model wan2.2-t2v-plus"},
  {"family=wan2.2|prompt=p|audiouri=" MP3, "audio-uri: not supported by "
        "dashscope for text-to-video, model wan2.2-t2v-plus"},
  {"family=wan2.1|prompt=p|audio=1",
      "audio: dashscope wanx2.1-t2v-plus makes silent video"},
  {"image=" IMG "|last=" LAST,
      "last-frame-uri: not taken by dashscope wan2.6-i2v (image-to-video)"},
  {"family=wan2.5|image=" IMG "|video=" CLIP,
      "video-uri: not taken by dashscope wan2.5-i2v-preview"},
  {"family=wan2.7|image=" IMG "|video=" CLIP, "video-uri: cannot be "
        "combined with image-uri on dashscope wan2.7-i2v"},
  {"family=wan2.7|video=" CLIP "|audiouri=" MP3, "audio-uri: dashscope "
        "wan2.7-i2v takes driving audio only with a first frame"},
  {"family=wan2.7|last=" LAST, "image-uri: dashscope wan2.7-i2v needs a "
        "first frame, or video-uri (a clip to continue)"},
  {"family=wan2.2|last=" LAST,
      "image-uri: dashscope wan2.2-kf2v-flash needs a first frame"},
  {"family=wan2.7|prompt=p|nimages=3|nvideos=3",
      "reference-uris: 6 given, dashscope wan2.7-r2v accepts at most 5"},
  {"family=wan2.7|prompt=p|nvideos=1|duration=15",
      "duration: dashscope wan2.7-r2v accepts 2 to 10 seconds, not 15"},
  {"family=wan2.7|prompt=p|refs=https://r.example/who",
      "reference-uris: cannot tell whether 'https://r.example/who' is an "
        "image or a video"},
  {"family=wan2.7|mode=edit|prompt=p",
      "video-uri: dashscope wan2.7-videoedit needs the video to edit"},
  {"family=wan2.7|mode=edit|video=" CLIP "|nvideos=1",
      "reference-uris: 'https://r.example/videos0.mp4' is a video; dashscope "
        "wan2.7-videoedit takes only reference images"},
  {"family=wan2.7|mode=edit|video=" CLIP "|nimages=5",
      "reference-uris: 5 given, dashscope wan2.7-videoedit accepts at most 4"},
  {"family=wan2.7|image=" IMG "|aspect=16:9", "aspect-ratio: not supported "
        "by dashscope for image-to-video, model wan2.7-i2v"},
  {"family=wan2.7|prompt=p|duration=16",
      "duration: dashscope wan2.7-t2v accepts 2 to 15 seconds, not 16"},
  {"family=wan2.7|prompt=LONG5001",
      "prompt: 5001 characters, dashscope accepts at most 5000"},
  {"family=wan3.0|prompt=p|duration=1",
      "duration: dashscope wan3.0-video accepts 2 to 30 seconds, not 1"},
  {"family=wan3.0|prompt=p|nimages=11", "reference-uris: 11 images given, "
        "dashscope wan3.0-video accepts at most 10"},
  {"family=wan3.0|prompt=p|nvideos=6", "reference-uris: 6 videos given, "
        "dashscope wan3.0-video accepts at most 5"},
  {"family=wan3.0|prompt=p|image=" IMG "|nimages=1",
      "image-uri: cannot be combined with reference-uris (dashscope "
        "wan3.0-video)"},
  {"mode=t2v|prompt=p|image=" IMG,
      "image-uri: not taken by dashscope wan2.6-t2v (text-to-video)"},
  {"model=wan2.7-t2v|prompt=p|image=" IMG,
      "mode: dashscope wan2.7-t2v does not do image-to-video"},
};

GST_START_TEST (test_refused_before_any_request)
{
  WanRequest req;
  GError *error = NULL;

  set_request (&req, refusals[__i__].settings);
  fail_if (wan_request_validate (&req, &error), "%s: accepted",
      refusals[__i__].settings);
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID));
  fail_unless (g_str_has_prefix (error->message, refusals[__i__].expect),
      "%s:\n got '%s'\nwant '%s…'", refusals[__i__].settings, error->message,
      refusals[__i__].expect);
  g_error_free (error);
  wan_request_clear (&req);
}

GST_END_TEST;

/* A local reference's kind comes from its content, not its name. */
GST_START_TEST (test_local_reference_kind_from_content)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13
  };
  gchar *path = g_build_filename (tmpdir, "looks-like-a-video.mp4", NULL);
  WanInputKind kind = WAN_INPUT_VIDEO;
  WanRequest req;
  GError *error = NULL;
  gchar *refs;

  fail_unless (g_file_set_contents (path, (const gchar *) png, sizeof (png),
          NULL));
  fail_unless (wan_input_guess_kind (path, &kind));
  fail_unless_equals_int (kind, WAN_INPUT_IMAGE);
  /* So wan2.7's video editing, which takes only images, accepts it. */
  refs = g_strdup_printf ("family=wan2.7|mode=edit|video=" CLIP "|refs=%s",
      path);
  set_request (&req, refs);
  fail_unless (wan_request_validate (&req, &error), "%s",
      error ? error->message : "");
  wan_request_clear (&req);
  g_free (refs);
  g_free (path);
}

GST_END_TEST;

/* --- the simulator refuses what the references refuse ---------------- */


#define MEDIA(t, u) "{\"type\":\"" t "\",\"url\":\"" u "\"}"

#define EV "/v1/videos/generations"

static const struct
{
  const gchar *path;
  const gchar *body;
  const gchar *message;
} sim_refusals[] = {
  /* evolink's wan2.7 image-to-video: six input sets, the rest refused. */
  {EV, "{\"model\":\"wan2.7-image-to-video\",\"video_urls\":[\"" CLIP
        "\"],\"audio_urls\":[\"" MP3 "\"]}",
      "any other combination will be rejected"},
  {EV, "{\"model\":\"wan2.7-image-to-video\",\"image_start\":\"" IMG
        "\",\"generation_mode\":\"first_last_frame\"}",
      "generation_mode first_last_frame does not match the inputs"},
  {VS, "{\"model\":\"wan2.7-i2v\",\"input\":{\"media\":["
        MEDIA ("first_clip", CLIP) "," MEDIA ("driving_audio", MP3) "]}}",
      "illegal combination of media types"},
  {VS, "{\"model\":\"wan2.7-i2v\",\"input\":{\"media\":["
        MEDIA ("first_frame", IMG) "," MEDIA ("first_clip", CLIP) "]}}",
      "illegal combination of media types"},
  {VS, "{\"model\":\"wan2.7-r2v\",\"input\":{\"prompt\":\"p\",\"media\":["
        MEDIA ("reference_image", IMG) "," MEDIA ("reference_image", IMG) ","
        MEDIA ("reference_image", IMG) "," MEDIA ("reference_video", CLIP) ","
        MEDIA ("reference_video", CLIP) "," MEDIA ("reference_video", CLIP)
      "]}}", "1 to 5 in all, not 6"},
  {VS, "{\"model\":\"wan2.7-r2v\",\"input\":{\"prompt\":\"p\",\"media\":["
        MEDIA ("reference_video", CLIP) "]},\"parameters\":{\"duration\":15}}",
      "duration=15 is not supported"},
  {VS, "{\"model\":\"wan2.7-t2v\",\"input\":{\"prompt\":\"p\"},"
        "\"parameters\":{\"duration\":16}}", "duration=16 is not supported"},
  {VS, "{\"model\":\"wan2.7-i2v\",\"input\":{\"media\":["
        MEDIA ("first_frame", IMG) "]},\"parameters\":{\"ratio\":\"1:1\"}}",
      "takes no ratio"},
  {VS, "{\"model\":\"wan2.7-videoedit\",\"input\":{\"media\":["
        MEDIA ("reference_image", IMG) "]}}", "exactly one video"},
  {VS, "{\"model\":\"wan3.0-video\",\"input\":{\"prompt\":\"p\",\"media\":["
        MEDIA ("first_frame", IMG) "," MEDIA ("reference_image", IMG) "]}}",
      "frames and references cannot be mixed"},
  {VS, "{\"model\":\"wan3.0-video\",\"input\":{\"prompt\":\"p\"},"
        "\"parameters\":{\"duration\":31}}", "duration=31 is not supported"},
  {VS, "{\"model\":\"wan2.2-kf2v-flash\",\"input\":{\"first_frame_url\":\""
        IMG "\"}}", "is served on " KF},
  {KF, "{\"model\":\"wanx2.1-kf2v-plus\",\"input\":{\"first_frame_url\":\""
        IMG "\"},\"parameters\":{\"resolution\":\"480P\"}}",
      "resolution '480P' is not supported"},
  {VS, "{\"model\":\"wan2.2-t2v-plus\",\"input\":{\"prompt\":\"p\"},"
        "\"parameters\":{\"duration\":10}}", "duration=10 is not supported"},
  {VS, "{\"model\":\"wan2.2-t2v-plus\",\"input\":{\"prompt\":\"p\","
        "\"audio_url\":\"" MP3 "\"}}", "takes no audio_url"},
};

GST_START_TEST (test_simulator_refuses_as_documented)
{
  gboolean evolink = g_str_equal (sim_refusals[__i__].path, EV);
  gchar *answer = NULL;
  guint status;

  status = sim_post_create (evolink ? "evolink" : "dashscope",
      sim_refusals[__i__].path, sim_refusals[__i__].body, &answer);
  fail_unless_equals_int (status, 400);
  /* Each provider's own error shape. */
  fail_unless (strstr (answer, evolink ? "\"invalid_request_error\"" :
          "\"InvalidParameter\"") != NULL, "%s", answer);
  fail_unless (strstr (answer, sim_refusals[__i__].message) != NULL,
      "%s\nwant …%s…", answer, sim_refusals[__i__].message);
  /* Refused: no task, so no render in flight either. */
  fail_unless (wan_sim_last_task_id (sim) == NULL);
  g_free (answer);
}

GST_END_TEST;

/* --- whole runs ------------------------------------------------------- */

static const struct
{
  const gchar *settings;
  const gchar *model;
  const gchar *path;
  gint width, height, seconds;
} runs[] = {
  {"model-family=wan2.7|image-uri=" IMG "|last-frame-uri=" LAST
        "|prompt=p|duration=2|resolution=720p", "wan2.7-i2v", VS, 1280, 720, 2},
  {"model-family=wan2.7|prompt=p|aspect-ratio=3:4|duration=2|"
        "resolution=720p", "wan2.7-t2v", VS, 832, 1104, 2},
  {"model-family=wan2.7|mode=edit|video-uri=" CLIP "|prompt=p|duration=2|"
        "resolution=720p", "wan2.7-videoedit", VS, 1280, 720, 2},
  {"model-family=wan2.7|reference-uris=<https://r.example/a.png,"
        "https://r.example/b.mp4>|prompt=p|duration=3|resolution=720p|"
        "aspect-ratio=1:1", "wan2.7-r2v", VS, 960, 960, 3},
  {"model-family=wan3.0|prompt=p|aspect-ratio=adaptive|duration=2|"
        "resolution=480p", "wan3.0-video", VS, 832, 480, 2},
  {"model-family=wan2.2|image-uri=" IMG "|last-frame-uri=" LAST
        "|resolution=480p", "wan2.2-kf2v-flash", KF, 832, 480, 5},
  {"model-family=wan2.1|image-uri=" IMG "|duration=3|resolution=480p|"
        "model=wanx2.1-i2v-turbo", "wanx2.1-i2v-turbo", VS, 832, 480, 3},
  {"model-family=wan2.5|prompt=p|resolution=480p|aspect-ratio=9:16",
      "wan2.5-t2v-preview", VS, 480, 832, 5},
  /* Every other DashScope row of the newer and older families (wan2.6's
   * rows run in test-wanvideosrc). */
  {"model-family=wan2.5|image-uri=" IMG "|resolution=720p|duration=10",
      "wan2.5-i2v-preview", VS, 1280, 720, 10},
  {"model-family=wan2.2|prompt=p|resolution=480p|aspect-ratio=1:1",
      "wan2.2-t2v-plus", VS, 624, 624, 5},
  {"model-family=wan2.2|image-uri=" IMG "|resolution=480p",
      "wan2.2-i2v-plus", VS, 832, 480, 5},
  {"model-family=wan2.2|flash=true|image-uri=" IMG "|resolution=720p",
      "wan2.2-i2v-flash", VS, 1280, 720, 5},
  {"model-family=wan3.0|model=wan3.0-video-prime|image-uri=" IMG
        "|prompt=p|duration=2|resolution=480p", "wan3.0-video-prime", VS, 832,
      480, 2},
  {"model-family=wan2.1|prompt=p|aspect-ratio=9:16", "wanx2.1-t2v-plus", VS,
      720, 1280, 5},
  {"model-family=wan2.1|model=wanx2.1-t2v-turbo|prompt=p|resolution=480p",
      "wanx2.1-t2v-turbo", VS, 832, 480, 5},
  {"model-family=wan2.1|image-uri=" IMG, "wanx2.1-i2v-plus", VS, 1280, 720,
      5},
  {"model-family=wan2.1|image-uri=" IMG "|last-frame-uri=" LAST,
      "wanx2.1-kf2v-plus", KF, 1280, 720, 5},
  {"provider=evolink|model-family=wan2.7|image-uri=" IMG "|last-frame-uri="
        LAST "|duration=2", "wan2.7-image-to-video", "/v1/videos/generations",
      1280, 720, 2},
  {"provider=replicate|model-family=wan2.7|video-uri=" CLIP "|duration=3|"
        "resolution=720p", NULL, "/v1/models/wan-video/wan-2.7-i2v/predictions",
      1280, 720, 3},
  {"provider=fal|model-family=wan2.7|image-uri=" IMG "|last-frame-uri="
        LAST "|duration=2|resolution=720p", NULL,
      "/fal-ai/wan/v2.7/image-to-video", 1280, 720, 2},
  {"provider=fal|model-family=wan2.7|reference-uris=<" IMG "," CLIP ">|"
        "prompt=p|duration=3|resolution=720p|aspect-ratio=9:16", NULL,
      "/fal-ai/wan/v2.7/reference-to-video", 720, 1280, 3},
  /* aimlapi (docs/providers.md, "aimlapi"). */
  {"provider=aimlapi|prompt=p|aspect-ratio=3:4|duration=5|resolution=720p",
      "alibaba/wan-2-6-t2v", AIML, 832, 1088, 5},
  {"provider=aimlapi|reference-uris=<https://r.example/a.mp4,"
        "https://r.example/b.mp4,https://r.example/c.mp4>|prompt=p|"
        "duration=5|resolution=720p|aspect-ratio=9:16", "alibaba/wan-2-6-r2v",
      AIML, 720, 1280, 5},
  /* No resolution sent: flash's default is 720p. */
  {"provider=aimlapi|flash=true|image-uri=" IMG "|prompt=p|duration=5",
      "alibaba/wan-2-6-image-to-video-flash", AIML, 1280, 720, 5},
  {"provider=aimlapi|model-family=wan2.7|prompt=p|aspect-ratio=3:4|"
        "duration=5|resolution=720p", "alibaba/wan-2-7-t2v", AIML, 832, 1104,
      5},
  {"provider=aimlapi|model-family=wan2.7|image-uri=" IMG "|prompt=p|"
        "duration=5|resolution=720p", "alibaba/wan-2-7-i2v", AIML, 1280, 720,
      5},
  {"provider=aimlapi|model-family=wan2.7|reference-uris=<"
        "https://r.example/a.png,https://r.example/b.mp4>|prompt=p|"
        "duration=5|resolution=720p|aspect-ratio=1:1", "alibaba/wan-2-7-r2v",
      AIML, 960, 960, 5},
  {"provider=aimlapi|model-family=wan3.0|image-uri=" IMG "|last-frame-uri="
        LAST "|prompt=p|duration=2|resolution=480p", "alibaba/wan3.0-video",
      AIML, 832, 480, 2},
  {"provider=aimlapi|model-family=wan2.5|image-uri=" IMG "|prompt=p|"
        "duration=5|resolution=480p|aspect-ratio=1:1",
      "alibaba/wan2.5-i2v-preview", AIML, 624, 624, 5},
  {"provider=aimlapi|model-family=wan2.2|prompt=p|resolution=480p|"
        "aspect-ratio=9:16", "alibaba/wan2.2-t2v-plus", AIML, 480, 832, 5},
};

/* The simulator renders 4 frames a second (run_util_setup()). */
#define SIM_FPS 4

GST_START_TEST (test_run_to_eos)
{
  const gchar *settings = runs[__i__].settings;
  gchar *provider = g_str_has_prefix (settings, "provider=") ?
      g_strndup (settings + 9, strcspn (settings + 9, "|")) :
      g_strdup ("dashscope");
  Run run;
  JsonNode *body;
  gchar *path;

  run_full (&run, provider, settings, "decodebin name=dec");
  fail_if (run.error != NULL, "%s: error", settings);
  body = wan_sim_last_create_body (sim);
  /* fal names the model in the path alone. */
  if (runs[__i__].model)
    fail_unless_equals_string (json_object_get_string_member
        (json_node_get_object (body), "model"), runs[__i__].model);
  path = wan_sim_last_create_path (sim);
  fail_unless (g_str_has_suffix (path, runs[__i__].path), "%s", path);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  /* A decodable video of the requested size and length. */
  fail_unless_equals_int (run.width, runs[__i__].width);
  fail_unless_equals_int (run.height, runs[__i__].height);
  fail_unless_equals_int (run.video_frames, runs[__i__].seconds * SIM_FPS);
  run_clear (&run);
  json_node_unref (body);
  g_free (path);
  g_free (provider);
}

GST_END_TEST;

/* The element refuses locally, naming property, model and provider, and
 * sends nothing. */
static const struct
{
  const gchar *settings, *message;
} element_refusals[] = {
  {"model-family=wan2.7|last-frame-uri=" LAST, "image-uri: dashscope "
        "wan2.7-i2v needs a first frame"},
  {"model-family=wan2.7|prompt=p|reference-uris=<https://r.example/1.mp4>|"
        "duration=12", "duration: dashscope wan2.7-r2v accepts 2 to 10"},
  {"model-family=wan2.2|prompt=p|resolution=720p", "resolution: dashscope "
        "wan2.2-t2v-plus accepts 480p or 1080p, not 720p"},
  {"model-family=wan2.6|prompt=p|aspect-ratio=adaptive",
      "aspect-ratio: adaptive is only for Wan 3.0"},
};

GST_START_TEST (test_element_refuses_locally)
{
  Run run;

  run_full (&run, "dashscope", element_refusals[__i__].settings, "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
      element_refusals[__i__].message);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  run_clear (&run);
}

GST_END_TEST;

/* Makes tmpdir/@name with "PIPELINE ! filesink location=…". */
static gchar *
make_media (const gchar * name, const gchar * pipeline)
{
  return make_media_file (tmpdir, name, pipeline);
}

static gchar *
sent_string (const gchar * path)
{
  JsonNode *body = wan_sim_last_create_body (sim);
  JsonNode *found = json_path_query (path, body, NULL);
  JsonArray *a = json_node_get_array (found);
  gchar *value = json_array_get_length (a) == 1 ?
      g_strdup (json_array_get_string_element (a, 0)) : NULL;

  json_node_unref (found);
  json_node_unref (body);
  return value;
}

/* Local files for the new inputs, the way images worked before: DashScope
 * inlines a local last frame as a data: URI (the kf2v models take base64
 * frames), evolink uploads a local clip and last frame. */
GST_START_TEST (test_local_last_frame_and_clip)
{
  gchar *png = make_media ("last frame.png", "videotestsrc num-buffers=1 ! "
      "video/x-raw,format=RGB,width=640,height=480 ! pngenc");
  gchar *clip = make_media ("clip.mp4", "videotestsrc num-buffers=20 ! "
      "video/x-raw,width=320,height=240,framerate=10/1 ! x264enc "
      "speed-preset=ultrafast ! mp4mux");
  gchar *settings, *value;
  Run run;

  settings = g_strdup_printf ("model-family=wan2.2|image-uri=" IMG
      "|last-frame-uri=%s|resolution=480p", png);
  run_full (&run, "dashscope", settings, "decodebin name=dec");
  fail_if (run.error != NULL, "dashscope: error");
  value = sent_string ("$.input.last_frame_url");
  fail_unless (value && g_str_has_prefix (value, "data:image/png;base64,"),
      "%s", value);
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 0);
  g_free (value);
  run_clear (&run);
  g_free (settings);

  settings = g_strdup_printf ("model-family=wan2.7|video-uri=%s|"
      "last-frame-uri=%s|duration=2", clip, png);
  run_full (&run, "evolink", settings, "decodebin name=dec");
  fail_if (run.error != NULL, "evolink: error");
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 2);
  value = sent_string ("$.video_urls[0]");
  fail_unless (value && g_str_has_prefix (value, "http"), "%s", value);
  g_free (value);
  value = sent_string ("$.image_end");
  fail_unless (value && g_str_has_prefix (value, "http"), "%s", value);
  g_free (value);
  fail_unless_equals_int (run.video_frames, 2 * SIM_FPS);
  run_clear (&run);
  g_free (settings);
  g_free (clip);
  g_free (png);
}

GST_END_TEST;

/* The gateways: a family they do not document (here, or yet) is refused
 * before any request. */
GST_START_TEST (test_gateway_family_not_offered)
{
  static const gchar *const gateways[] = { "toapis" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (gateways); i++) {
    Run run;
    gchar *message = g_strdup_printf ("model-family: wan2.7 is not offered "
        "by %s", gateways[i]);

    run_full (&run, gateways[i], "model-family=wan2.7|prompt=p|image-uri="
        IMG, "fakesink");
    assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
        message);
    fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
    run_clear (&run);
    g_free (message);
  }
}

GST_END_TEST;

/* --- aimlapi: wan2.1 to Wan 3.0 (docs/providers.md, "aimlapi", "Wan 2.1
 * to 3.0") ------------------------------------------------------------ */

/* Each model's schema as the simulator enforces it: aimlapi's 400 "Body
 * validation error!" with the detail after it. */
static const struct
{
  const gchar *body;
  const gchar *message;
} aimlapi_sim_refusals[] = {
  /* wan2.6: r2v takes 1-3 videos and no image, soundtrack or audio
   * switch; flash needs its first frame; t2v takes no image. */
  {"{\"model\":\"alibaba/wan-2-6-r2v\",\"prompt\":\"p\"}",
      "video_urls is required"},
  {"{\"model\":\"alibaba/wan-2-6-r2v\",\"prompt\":\"p\",\"video_urls\":["
        "\"" CLIP "\",\"" CLIP "\",\"" CLIP "\",\"" CLIP "\"]}",
      "video_urls takes 1 to 3 URLs, not 4"},
  {"{\"model\":\"alibaba/wan-2-6-r2v\",\"prompt\":\"p\",\"video_urls\":["
        "\"" CLIP "\"],\"audio_url\":\"" MP3 "\"}",
      "unknown parameter 'audio_url'"},
  {"{\"model\":\"alibaba/wan-2-6-r2v\",\"prompt\":\"p\",\"video_urls\":["
        "\"" CLIP "\"],\"generate_audio\":false}",
      "unknown parameter 'generate_audio'"},
  {"{\"model\":\"alibaba/wan-2-6-r2v\",\"prompt\":\"p\",\"video_urls\":["
        "\"" CLIP "\"],\"image_urls\":[\"" IMG "\"]}",
      "unknown parameter 'image_urls'"},
  {"{\"model\":\"alibaba/wan-2-6-image-to-video-flash\",\"prompt\":\"p\"}",
      "image_url is required"},
  {"{\"model\":\"alibaba/wan-2-6-image-to-video-flash\",\"prompt\":\"p\","
        "\"image_url\":\"" IMG "\",\"aspect_ratio\":\"16:9\"}",
      "unknown parameter 'aspect_ratio'"},
  {"{\"model\":\"alibaba/wan-2-6-t2v\",\"prompt\":\"p\",\"image_url\":\""
        IMG "\"}", "unknown parameter 'image_url'"},
  {"{\"model\":\"alibaba/wan-2-6-t2v\",\"prompt\":\"p\","
        "\"resolution\":\"480p\"}",
      "Invalid enum value. Expected '720p' | '1080p', received '480p'"},
  {"{\"model\":\"alibaba/wan-2-7-t2v\",\"prompt\":\"p\","
        "\"resolution\":\"480p\"}",
      "Invalid enum value. Expected '720p' | '1080p', received '480p'"},
  {"{\"model\":\"alibaba/wan-2-7-t2v\",\"prompt\":\"p\","
        "\"aspect_ratio\":\"adaptive\"}", "received 'adaptive'"},
  {"{\"model\":\"alibaba/wan-2-7-t2v\",\"prompt\":\"p\",\"duration\":7}",
      "duration=7 is not supported"},
  {"{\"model\":\"alibaba/wan-2-7-t2v\",\"prompt\":\"p\",\"watermark\":true}",
      "unknown parameter 'watermark'"},
  {"{\"model\":\"alibaba/wan-2-7-i2v\",\"prompt\":\"p\"}",
      "image_url is required"},
  {"{\"model\":\"alibaba/wan-2-7-i2v\",\"prompt\":\"p\",\"image_url\":\""
        IMG "\",\"last_image_url\":\"" LAST "\"}",
      "unknown parameter 'last_image_url'"},
  {"{\"model\":\"alibaba/wan-2-7-r2v\",\"prompt\":\"p\",\"image_urls\":["
        "\"" IMG "\",\"" IMG "\",\"" IMG "\",\"" IMG "\",\"" IMG "\",\"" IMG
        "\"]}", "image_urls takes 0 to 5 URLs, not 6"},
  {"{\"model\":\"alibaba/wan-2-7-r2v\",\"prompt\":\"p\",\"video_urls\":["
        "\"data:video/mp4;base64,AAAA\"]}",
      "video_urls[0] is not an http(s) URL"},
  {"{\"model\":\"alibaba/wan3.0-video\",\"prompt\":\"p\",\"image_url\":\"" IMG
        "\",\"reference_image_urls\":[\"" IMG "\"]}",
      "image_url cannot be used together with reference media"},
  {"{\"model\":\"alibaba/wan3.0-video\",\"prompt\":\"p\","
        "\"last_image_url\":\"" LAST "\"}",
      "last_image_url requires image_url"},
  {"{\"model\":\"alibaba/wan3.0-video\",\"prompt\":\"p\",\"duration\":31}",
      "duration=31 is not supported"},
  {"{\"model\":\"alibaba/wan3.0-video\",\"prompt\":\"p\","
        "\"negative_prompt\":\"n\"}", "unknown parameter 'negative_prompt'"},
  {"{\"model\":\"alibaba/wan2.5-t2v-preview\",\"prompt\":\"p\","
        "\"aspect_ratio\":\"4:3\"}",
      "Expected '16:9' | '9:16' | '1:1', received '4:3'"},
  {"{\"model\":\"alibaba/wan2.5-t2v-preview\",\"prompt\":\"p\","
        "\"audio_url\":\"" MP3 "\"}", "unknown parameter 'audio_url'"},
  {"{\"model\":\"alibaba/wan2.2-t2v-plus\",\"prompt\":\"p\","
        "\"resolution\":\"480p\"}",
      "Expected '480P' | '1080P', received '480p'"},
  {"{\"model\":\"alibaba/wan2.1-t2v-plus\",\"prompt\":\"p\",\"duration\":5}",
      "unknown parameter 'duration'"},
  {"{\"model\":\"alibaba/wan2.1-t2v-turbo\",\"resolution\":\"480P\"}",
      "prompt is required"},
  {"{\"model\":\"alibaba/wan2.2-i2v-plus\",\"prompt\":\"p\"}",
      "Invalid enum value. Expected 'alibaba/wan-2-6-i2v'"},
};

GST_START_TEST (test_aimlapi_simulator_refuses)
{
  gchar *answer = NULL;
  guint status;

  status = sim_post_create ("aimlapi", AIML, aimlapi_sim_refusals[__i__].body,
      &answer);
  fail_unless_equals_int (status, 400);
  fail_unless (strstr (answer, "\"message\":\"Body validation error! ") !=
      NULL, "%s", answer);
  fail_unless (strstr (answer, "\"statusCode\":\"400\"") != NULL, "%s", answer);
  fail_unless (strstr (answer, aimlapi_sim_refusals[__i__].message) != NULL,
      "%s\nwant …%s…", answer, aimlapi_sim_refusals[__i__].message);
  fail_unless (wan_sim_last_task_id (sim) == NULL);
  g_free (answer);
}

GST_END_TEST;



/* Refused by the element before any request, naming property, model and
 * provider. */
static const struct
{
  const gchar *settings, *message;
} aimlapi_element_refusals[] = {
  {"reference-uris=<https://r.example/a.png>|prompt=p", "reference-uris: "
        "'https://r.example/a.png' is an image; aimlapi alibaba/wan-2-6-r2v "
        "takes only reference videos"},
  {"reference-uris=<https://r.example/a.mp4,https://r.example/b.mp4,"
        "https://r.example/c.mp4,https://r.example/d.mp4>|prompt=p",
      "reference-uris: 4 given, aimlapi alibaba/wan-2-6-r2v accepts at most 3"},
  {"flash=true|prompt=p", "flash: the aimlapi flash models need image-uri;"},
  {"flash=true|image-uri=" IMG "|prompt=p|duration=7", "duration: aimlapi "
        "alibaba/wan-2-6-image-to-video-flash accepts 5, 10 or 15 seconds"},
  {"model-family=wan2.7|prompt=p|duration=7", "duration: aimlapi "
        "alibaba/wan-2-7-t2v accepts 5, 10 or 15 seconds, not 7"},
  {"model-family=wan2.7|image-uri=" IMG "|prompt=p|last-frame-uri=" LAST,
      "last-frame-uri: not taken by aimlapi alibaba/wan-2-7-i2v"},
  {"model-family=wan2.5|prompt=p|aspect-ratio=4:3", "aspect-ratio: aimlapi "
        "alibaba/wan2.5-t2v-preview accepts 16:9, 9:16 or 1:1, not 4:3"},
  {"model-family=wan3.0|prompt=p|audio-uri=" MP3, "audio-uri: not supported "
        "by aimlapi for text-to-video, model alibaba/wan3.0-video"},
  {"model-family=wan2.1|image-uri=" IMG "|prompt=p",
      "mode: aimlapi does not offer image-to-video in wan2.1"},
};

GST_START_TEST (test_aimlapi_element_refuses_locally)
{
  Run run;

  run_full (&run, "aimlapi", aimlapi_element_refusals[__i__].settings,
      "fakesink");
  assert_error (&run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
      aimlapi_element_refusals[__i__].message);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 0);
  run_clear (&run);
}

GST_END_TEST;

/* aimlapi's wan2.7 image-to-video takes a "Base64-encoded local image":
 * a local first frame goes inline, and the run still ends in a video. */
GST_START_TEST (test_aimlapi_local_first_frame)
{
  gchar *png = make_media ("first frame.png", "videotestsrc num-buffers=1 ! "
      "video/x-raw,format=RGB,width=640,height=480 ! pngenc");
  gchar *settings, *value;
  Run run;

  settings = g_strdup_printf ("model-family=wan2.7|image-uri=%s|prompt=p|"
      "duration=5|resolution=720p", png);
  run_full (&run, "aimlapi", settings, "decodebin name=dec");
  fail_if (run.error != NULL, "aimlapi: error");
  value = sent_string ("$.image_url");
  fail_unless (value && g_str_has_prefix (value, "data:image/png;base64,"),
      "%s", value);
  fail_unless_equals_int (run.video_frames, 5 * SIM_FPS);
  g_free (value);
  run_clear (&run);
  g_free (settings);
  g_free (png);
}

GST_END_TEST;

static Suite *
models_suite (void)
{
  Suite *s = suite_create ("models");
  TCase *pure = tcase_create ("pure"), *served = tcase_create ("served");

  suite_add_tcase (s, pure);
  tcase_add_checked_fixture (pure, run_util_setup, run_util_teardown);
  tcase_add_loop_test (pure, test_model_rows_on_the_wire, 0,
      G_N_ELEMENTS (bodies));
  tcase_add_loop_test (pure, test_refused_before_any_request, 0,
      G_N_ELEMENTS (refusals));
  tcase_add_test (pure, test_local_reference_kind_from_content);

  suite_add_tcase (s, served);
  tcase_add_checked_fixture (served, run_util_setup, run_util_teardown);
  tcase_set_timeout (served, 300);
  tcase_add_loop_test (served, test_simulator_refuses_as_documented, 0,
      G_N_ELEMENTS (sim_refusals));
  tcase_add_loop_test (served, test_run_to_eos, 0, G_N_ELEMENTS (runs));
  tcase_add_loop_test (served, test_element_refuses_locally, 0,
      G_N_ELEMENTS (element_refusals));
  tcase_add_test (served, test_gateway_family_not_offered);
  tcase_add_loop_test (served, test_aimlapi_simulator_refuses, 0,
      G_N_ELEMENTS (aimlapi_sim_refusals));
  tcase_add_loop_test (served, test_aimlapi_element_refuses_locally, 0,
      G_N_ELEMENTS (aimlapi_element_refusals));
  tcase_add_test (served, test_aimlapi_local_first_frame);
  tcase_add_test (served, test_local_last_frame_and_clip);
  return s;
}

GST_CHECK_MAIN (models);
