/* gst-wan: the provider tables, with literal requests and answers from
 * docs/providers.md.  No network: these are the pure functions of the
 * first layer. */

#include <gst/check/gstcheck.h>
#include "wan-poll.h"
#include "wan-providers.h"
#include "wan-validate.h"

/* --- requests on the wire ------------------------------------------- */

typedef struct
{
  const gchar *name;
  void (*setup) (WanRequest * req);
  const gchar *path;
  const gchar *body;
} BodyCase;

static gchar *refs2[] = { (gchar *) "https://r.example/1.mp4",
  (gchar *) "https://r.example/2.mp4", NULL
};

static gchar *refs1[] = { (gchar *) "https://r.example/1.mp4", NULL };

static void
dashscope_t2v_full (WanRequest * r)
{
  r->provider = WAN_PROVIDER_DASHSCOPE;
  r->prompt = g_strdup ("p");
  r->negative_prompt = g_strdup ("n");
  r->audio_uri = g_strdup ("https://a.example/x.mp3");
  r->resolution = WAN_RESOLUTION_720P;
  r->aspect_ratio = WAN_ASPECT_9_16;
  r->duration = 10;
  r->seed = 42;
  r->prompt_extend = FALSE;
  r->watermark = TRUE;
  r->shot_type = WAN_SHOT_SINGLE;
}

static void
dashscope_t2v_aspect_only (WanRequest * r)
{
  r->provider = WAN_PROVIDER_DASHSCOPE;
  r->prompt = g_strdup ("p");
  r->aspect_ratio = WAN_ASPECT_4_3;
}

static void
dashscope_i2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_DASHSCOPE;
  r->prompt = g_strdup ("p");
  r->image_uri = g_strdup ("https://i.example/x.png");
  r->resolution = WAN_RESOLUTION_1080P;
}

static void
dashscope_i2v_flash (WanRequest * r)
{
  r->provider = WAN_PROVIDER_DASHSCOPE;
  r->flash = TRUE;
  r->image_uri = g_strdup ("data:image/png;base64,iVBORw0KGgo=");
  r->audio = FALSE;
}

static void
dashscope_r2v_flash (WanRequest * r)
{
  r->provider = WAN_PROVIDER_DASHSCOPE;
  r->flash = TRUE;
  r->prompt = g_strdup ("p");
  r->reference_uris = g_strdupv (refs2);
  r->duration = 3;
  r->audio = TRUE;
}

static void
dashscope_r2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_DASHSCOPE;
  r->prompt = g_strdup ("p");
  r->reference_uris = g_strdupv (refs1);
  r->resolution = WAN_RESOLUTION_1080P;
}

static void
toapis_t2v_full (WanRequest * r)
{
  r->provider = WAN_PROVIDER_TOAPIS;
  r->prompt = g_strdup ("p");
  r->aspect_ratio = WAN_ASPECT_1_1;
  r->resolution = WAN_RESOLUTION_720P;
  r->duration = 15;
  r->negative_prompt = g_strdup ("n");
  r->seed = 7;
  r->prompt_extend = TRUE;
  r->audio = TRUE;
  r->shot_type = WAN_SHOT_MULTI;
  r->watermark = FALSE;
}

static void
toapis_i2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_TOAPIS;
  r->prompt = g_strdup ("p");
  r->image_uri = g_strdup ("https://i.example/x.png");
}

static void
toapis_r2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_TOAPIS;
  r->prompt = g_strdup ("p");
  r->reference_uris = g_strdupv (refs1);
  r->aspect_ratio = WAN_ASPECT_16_9;
}

static void
toapis_i2v_flash (WanRequest * r)
{
  r->provider = WAN_PROVIDER_TOAPIS;
  r->flash = TRUE;
  r->image_uri = g_strdup ("https://i.example/x.png");
  r->audio = FALSE;
}

static void
toapis_r2v_flash (WanRequest * r)
{
  r->provider = WAN_PROVIDER_TOAPIS;
  r->flash = TRUE;
  r->reference_uris = g_strdupv (refs2);
  r->resolution = WAN_RESOLUTION_1080P;
}

static void
evolink_t2v_full (WanRequest * r)
{
  r->provider = WAN_PROVIDER_EVOLINK;
  r->prompt = g_strdup ("p");
  r->duration = 10;
  r->aspect_ratio = WAN_ASPECT_3_4;
  r->resolution = WAN_RESOLUTION_1080P;
  r->prompt_extend = TRUE;
  r->shot_type = WAN_SHOT_MULTI;
  r->audio_uri = g_strdup ("https://a.example/x.mp3");
  r->callback_url = g_strdup ("https://hooks.example.com/done");
}

static void
evolink_i2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_EVOLINK;
  r->prompt = g_strdup ("p");
  r->image_uri = g_strdup ("https://i.example/x.png");
  r->duration = 5;
}

static void
evolink_r2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_EVOLINK;
  r->prompt = g_strdup ("p");
  r->reference_uris = g_strdupv (refs2);
  r->duration = 2;
  r->resolution = WAN_RESOLUTION_720P;
}

static void
aimlapi_i2v_full (WanRequest * r)
{
  r->provider = WAN_PROVIDER_AIMLAPI;
  r->prompt = g_strdup ("p");
  r->image_uri = g_strdup ("data:image/png;base64,iVBORw0KGgo=");
  r->audio_uri = g_strdup ("https://a.example/x.mp3");
  r->resolution = WAN_RESOLUTION_720P;
  r->duration = 5;
  r->negative_prompt = g_strdup ("n");
  r->shot_type = WAN_SHOT_SINGLE;
  r->audio = FALSE;
  r->seed = 1;
  r->prompt_extend = TRUE;
}

static void
aimlapi_model_override (WanRequest * r)
{
  r->provider = WAN_PROVIDER_AIMLAPI;
  r->model = g_strdup ("alibaba/wan2.6-i2v");
  r->prompt = g_strdup ("p");
  r->image_uri = g_strdup ("https://i.example/x.png");
}

static void
fal_i2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_FAL;
  r->prompt = g_strdup ("p");
  r->image_uri = g_strdup ("https://i.example/x.png");
  r->audio_uri = g_strdup ("https://a.example/x.mp3");
  r->duration = 15;
  r->shot_type = WAN_SHOT_MULTI;
  r->prompt_extend = TRUE;
}

static void
fal_r2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_FAL;
  r->prompt = g_strdup ("@Video1 dances");
  r->reference_uris = g_strdupv (refs2);
  r->aspect_ratio = WAN_ASPECT_1_1;
  r->duration = 10;
}

static void
fal_r2v_flash_silent (WanRequest * r)
{
  r->provider = WAN_PROVIDER_FAL;
  r->flash = TRUE;
  r->reference_uris = g_strdupv (refs1);
  r->resolution = WAN_RESOLUTION_1080P;
  r->audio = FALSE;
}

static void
fal_i2v_flash_audio_on (WanRequest * r)
{
  r->provider = WAN_PROVIDER_FAL;
  r->flash = TRUE;
  r->prompt = g_strdup ("p");
  r->image_uri = g_strdup ("https://i.example/x.png");
  r->audio = TRUE;
}

static void
fal_27_t2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_FAL;
  r->model = g_strdup ("fal-ai/wan/v2.7/text-to-video");
  r->prompt = g_strdup ("p");
  r->duration = 7;
}

static void
fal_27_r2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_FAL;
  r->model = g_strdup ("fal-ai/wan/v2.7/reference-to-video");
  r->prompt = g_strdup ("p");
  r->reference_uris = g_strdupv (refs1);
  r->negative_prompt = g_strdup ("n");
}

static void
fal_25_t2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_FAL;
  r->family = WAN_FAMILY_2_5;
  r->prompt = g_strdup ("p");
  r->negative_prompt = g_strdup ("n");
  r->resolution = WAN_RESOLUTION_480P;
  r->aspect_ratio = WAN_ASPECT_1_1;
  r->duration = 10;
  r->seed = 3;
}

static void
fal_22_i2v (WanRequest * r)
{
  r->provider = WAN_PROVIDER_FAL;
  r->family = WAN_FAMILY_2_2;
  r->prompt = g_strdup ("p");
  r->image_uri = g_strdup ("https://i.example/x.png");
  r->resolution = WAN_RESOLUTION_480P;
  r->duration = 10;
}

#define DASHSCOPE_CREATE "/api/v1/services/aigc/video-generation/video-synthesis"

static const BodyCase body_cases[] = {
  {"dashscope t2v, every field", dashscope_t2v_full, DASHSCOPE_CREATE,
      "{\"model\":\"wan2.6-t2v\",\"input\":{\"prompt\":\"p\","
        "\"negative_prompt\":\"n\",\"audio_url\":\"https://a.example/x.mp3\"},"
        "\"parameters\":{\"size\":\"720*1280\",\"duration\":10,"
        "\"prompt_extend\":false,\"shot_type\":\"single\",\"watermark\":true,"
        "\"seed\":42}}"},
  {"dashscope t2v, aspect alone picks the 1080P size",
        dashscope_t2v_aspect_only, DASHSCOPE_CREATE,
      "{\"model\":\"wan2.6-t2v\",\"input\":{\"prompt\":\"p\"},"
        "\"parameters\":{\"size\":\"1632*1248\"}}"},
  {"dashscope i2v takes resolution in capitals", dashscope_i2v,
        DASHSCOPE_CREATE,
      "{\"model\":\"wan2.6-i2v\",\"input\":{\"prompt\":\"p\","
        "\"img_url\":\"https://i.example/x.png\"},"
        "\"parameters\":{\"resolution\":\"1080P\"}}"},
  {"dashscope i2v flash, silent, data: image", dashscope_i2v_flash,
        DASHSCOPE_CREATE,
      "{\"model\":\"wan2.6-i2v-flash\",\"input\":{"
        "\"img_url\":\"data:image/png;base64,iVBORw0KGgo=\"},"
        "\"parameters\":{\"audio\":false}}"},
  {"dashscope r2v", dashscope_r2v, DASHSCOPE_CREATE,
      "{\"model\":\"wan2.6-r2v\",\"input\":{\"prompt\":\"p\","
        "\"reference_urls\":[\"https://r.example/1.mp4\"]},"
        "\"parameters\":{\"size\":\"1920*1080\"}}"},
  {"dashscope r2v flash", dashscope_r2v_flash, DASHSCOPE_CREATE,
      "{\"model\":\"wan2.6-r2v-flash\",\"input\":{\"prompt\":\"p\","
        "\"reference_urls\":[\"https://r.example/1.mp4\","
        "\"https://r.example/2.mp4\"]},"
        "\"parameters\":{\"duration\":3,\"audio\":true}}"},
  {"toapis t2v, every field (audio=true is not sent)", toapis_t2v_full,
        "/v1/videos/generations",
      "{\"model\":\"wan2.6\",\"prompt\":\"p\",\"aspect_ratio\":\"1:1\","
        "\"resolution\":\"720p\",\"duration\":15,\"negative_prompt\":\"n\","
        "\"seed\":7,\"prompt_extend\":true,\"shot_type\":\"multi\","
        "\"watermark\":false}"},
  {"toapis i2v", toapis_i2v, "/v1/videos/generations",
      "{\"model\":\"wan2.6\",\"prompt\":\"p\","
        "\"image_urls\":[\"https://i.example/x.png\"]}"},
  {"toapis r2v", toapis_r2v, "/v1/videos/generations",
      "{\"model\":\"wan2.6\",\"prompt\":\"p\",\"metadata\":{"
        "\"reference_urls\":[\"https://r.example/1.mp4\"]},"
        "\"aspect_ratio\":\"16:9\"}"},
  {"toapis i2v flash, silent", toapis_i2v_flash, "/v1/videos/generations",
      "{\"model\":\"wan2.6-flash\","
        "\"image_urls\":[\"https://i.example/x.png\"],\"audio\":false}"},
  {"toapis r2v flash", toapis_r2v_flash, "/v1/videos/generations",
      "{\"model\":\"wan2.6-flash\",\"metadata\":{\"reference_urls\":["
        "\"https://r.example/1.mp4\",\"https://r.example/2.mp4\"]},"
        "\"resolution\":\"1080p\"}"},
  {"evolink t2v, every field", evolink_t2v_full, "/v1/videos/generations",
      "{\"model\":\"wan2.6-text-to-video\",\"prompt\":\"p\",\"duration\":10,"
        "\"aspect_ratio\":\"3:4\",\"quality\":\"1080p\",\"prompt_extend\":true,"
        "\"model_params\":{\"shot_type\":\"multi\"},"
        "\"audio_url\":\"https://a.example/x.mp3\","
        "\"callback_url\":\"https://hooks.example.com/done\"}"},
  {"evolink i2v", evolink_i2v, "/v1/videos/generations",
      "{\"model\":\"wan2.6-image-to-video\",\"prompt\":\"p\","
        "\"image_urls\":[\"https://i.example/x.png\"],\"duration\":5}"},
  {"evolink r2v", evolink_r2v, "/v1/videos/generations",
      "{\"model\":\"wan2.6-reference-video\",\"prompt\":\"p\","
        "\"video_urls\":[\"https://r.example/1.mp4\","
        "\"https://r.example/2.mp4\"],\"duration\":2,\"quality\":\"720p\"}"},
  {"aimlapi i2v, every field", aimlapi_i2v_full, "/v2/video/generations",
      "{\"model\":\"alibaba/wan-2-6-i2v\",\"prompt\":\"p\","
        "\"image_url\":\"data:image/png;base64,iVBORw0KGgo=\","
        "\"audio_url\":\"https://a.example/x.mp3\",\"resolution\":\"720p\","
        "\"duration\":5,\"negative_prompt\":\"n\",\"shot_type\":\"single\","
        "\"generate_audio\":false,\"seed\":1,\"enhance_prompt\":true}"},
  {"aimlapi, explicit model", aimlapi_model_override, "/v2/video/generations",
      "{\"model\":\"alibaba/wan2.6-i2v\",\"prompt\":\"p\","
        "\"image_url\":\"https://i.example/x.png\"}"},
  /* fal: the endpoint id is the path, the 2.6 durations are strings. */
  {"fal i2v", fal_i2v, "/wan/v2.6/image-to-video",
      "{\"prompt\":\"p\",\"image_url\":\"https://i.example/x.png\","
        "\"audio_url\":\"https://a.example/x.mp3\",\"duration\":\"15\","
        "\"enable_prompt_expansion\":true,\"multi_shots\":true}"},
  {"fal r2v", fal_r2v, "/wan/v2.6/reference-to-video",
      "{\"prompt\":\"@Video1 dances\",\"video_urls\":["
        "\"https://r.example/1.mp4\",\"https://r.example/2.mp4\"],"
        "\"aspect_ratio\":\"1:1\",\"duration\":\"10\"}"},
  {"fal r2v flash, silent", fal_r2v_flash_silent,
        "/wan/v2.6/reference-to-video/flash",
      "{\"video_urls\":[\"https://r.example/1.mp4\"],"
        "\"resolution\":\"1080p\",\"enable_audio\":false}"},
  {"fal 2.7 t2v: an integer duration of 2-15 s", fal_27_t2v,
        "/fal-ai/wan/v2.7/text-to-video",
      "{\"prompt\":\"p\",\"duration\":7}"},
  {"fal 2.7 r2v: reference_video_urls", fal_27_r2v,
        "/fal-ai/wan/v2.7/reference-to-video",
      "{\"prompt\":\"p\",\"negative_prompt\":\"n\","
        "\"reference_video_urls\":[\"https://r.example/1.mp4\"]}"},
  {"fal 2.5 t2v: 480p and a string duration", fal_25_t2v,
        "/fal-ai/wan-25-preview/text-to-video",
      "{\"prompt\":\"p\",\"negative_prompt\":\"n\",\"resolution\":"
        "\"480p\",\"aspect_ratio\":\"1:1\",\"duration\":\"10\"," "\"seed\":3}"},
  {"fal 2.2 i2v: the length as frames at 16 fps", fal_22_i2v,
        "/fal-ai/wan/v2.2-a14b/image-to-video",
      "{\"prompt\":\"p\",\"image_url\":\"https://i.example/x.png\","
        "\"resolution\":\"480p\",\"num_frames\":161}"},
  {"fal i2v flash: audio=true is not a field there", fal_i2v_flash_audio_on,
        "/wan/v2.6/image-to-video/flash",
      "{\"prompt\":\"p\",\"image_url\":\"https://i.example/x.png\"}"},
};

GST_START_TEST (test_create_bodies)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (body_cases); i++) {
    const BodyCase *c = &body_cases[i];
    WanRequest req;
    GError *error = NULL;
    gchar *path = NULL, *body = NULL;
    JsonNode *got, *want;
    WanPlan *plan;

    wan_request_init (&req);
    c->setup (&req);
    plan = wan_plan_new (&req, &error);
    fail_unless (plan != NULL, "%s: %s", c->name, error ? error->message : "");
    wan_provider_build_create (plan, &path, &body);
    wan_plan_free (plan);
    fail_unless_equals_string (path, c->path);
    got = json_from_string (body, NULL);
    want = json_from_string (c->body, NULL);
    fail_unless (want != NULL, "%s: bad expectation", c->name);
    fail_unless (json_node_equal (got, want), "%s:\n got %s\nwant %s",
        c->name, body, c->body);
    json_node_unref (got);
    json_node_unref (want);
    g_free (path);
    g_free (body);
    wan_request_clear (&req);
  }
}

GST_END_TEST;

/* --- local validation ----------------------------------------------- */

typedef struct
{
  const gchar *settings;        /* key=value|... */
  const gchar *expect;          /* NULL: valid; else start of the message */
} ValidationCase;

static const ValidationCase validation_cases[] = {
  {"provider=aimlapi|prompt=p", "image-uri: aimlapi only offers"},
  /* fal names the model in the URL path: only a plain path is sent. */
  {"provider=fal|prompt=p|model=wan/../../x", "model: 'wan/../../x' is not "
        "a fal model id"},
  {"provider=fal|prompt=p|model=wan/v2.6/t2v?x=1", "model: 'wan/v2.6/t2v?x=1'"},
  {"provider=fal|prompt=p|model=fal-ai/wan/v2.7/text-to-video", NULL},
  {"provider=fal|prompt=p|model=fal-ai/wan/v2.7/text-to-video|duration=7",
      NULL},
  {"provider=fal|prompt=p|duration=7", "duration: fal wan/v2.6/text-to-video "
        "accepts 5, 10 or 15 seconds, not 7"},
  {"provider=fal|prompt=p|model=fal-ai/wan/v2.7/text-to-video|duration=16",
      "duration: fal fal-ai/wan/v2.7/text-to-video accepts"},
  {"provider=fal|prompt=p|model=fal-ai/wan/v2.7/text-to-video|shot=1",
      "shot-type: not supported by fal for text-to-video"},
  {"provider=fal|prompt=p|refs=1|duration=15",
      "duration: fal wan/v2.6/reference-to-video accepts 5 or 10 seconds"},
  {"provider=fal|prompt=p|image=/tmp/i.png", NULL},
  {"provider=fal|prompt=p|image=data:image/png;base64,AAAA",
      "image-uri: fal needs an http(s) URL or a local file"},
  {"provider=fal|prompt=p|audio=0", "audio: fal wan/v2.6/text-to-video "
        "always generates audio"},
  {"provider=fal|prompt=p|callback=https://h.example/x",
      "callback-url: not supported by fal"},
  {"provider=openrouter|prompt=p|refs=1",
      "reference-uris: openrouter does not offer reference-to-video"},
  {"provider=openrouter|prompt=p|negative=n",
      "negative-prompt: not supported by openrouter"},
  {"provider=openrouter|prompt=p|callback=https://hooks.example.com/x", NULL},
  {"provider=openrouter|prompt=p|image=data:image/png;base64,AAAA",
      "image-uri: openrouter needs an http(s) URL or a local file"},
  {"provider=openrouter|prompt=p|image=/tmp/i.png",
      "image-uri: openrouter takes an image only as an http(s) URL"},
  /* alibaba/wan-2.6 as OpenRouter's model list gives it. */
  {"provider=openrouter|prompt=p|duration=15", "duration: openrouter "
        "alibaba/wan-2.6 accepts 5 or 10 seconds, not 15"},
  {"provider=openrouter|image=https://i/x.png|prompt=p|duration=15",
      "duration: openrouter alibaba/wan-2.6 accepts 5 or 10 seconds"},
  {"provider=openrouter|prompt=p|aspect=3", "aspect-ratio: openrouter "
        "alibaba/wan-2.6 accepts 16:9 or 9:16, not 1:1"},
  {"provider=openrouter|prompt=p|aspect=4", "aspect-ratio: openrouter "
        "alibaba/wan-2.6 accepts 16:9 or 9:16, not 4:3"},
  {"provider=openrouter|prompt=p|aspect=2|duration=10", NULL},
  {"provider=replicate|prompt=p", "image-uri: replicate only offers "
        "image-to-video"},
  {"provider=replicate|image=https://i/x.png|refs=1",
      "reference-uris: replicate does not offer reference-to-video"},
  {"provider=replicate|image=https://i/x.png|audio=0", "audio: replicate "
        "wan-video/wan-2.6-i2v always generates audio"},
  {"provider=replicate|image=https://i/x.png|flash=1|audio=0", NULL},
  {"provider=replicate|image=https://i/x.png|aspect=1",
      "aspect-ratio: not supported by replicate"},
  {"provider=replicate|image=https://i/x.png|model=wan-video/x y",
      "model: 'wan-video/x y' is not a replicate model id"},
  {"provider=fal|prompt=p|refs=1|negative=n",
      "negative-prompt: not supported by fal for reference-to-video"},
  {"provider=aimlapi|prompt=p|refs=1", "reference-uris: aimlapi does not"},
  {"provider=evolink|flash=1|image=https://i/x.png|prompt=p",
      "flash: evolink has no flash model"},
  {"provider=dashscope|flash=1|prompt=p", "flash: the dashscope flash"},
  {"provider=toapis|flash=1|prompt=p", "flash: the toapis flash"},
  {"image=https://i/x.png|refs=1|prompt=p", "image-uri: cannot be combined"},
  {"prompt=LONG", "prompt: 1501 characters, dashscope accepts at most 1500"},
  {"provider=toapis", "prompt: toapis needs a prompt for text-to-video"},
  {"provider=evolink|image=https://i/x.png", "prompt: evolink needs"},
  {"provider=aimlapi|image=https://i/x.png", "prompt: aimlapi needs"},
  {"refs=4|prompt=p", "reference-uris: 4 videos given"},
  {"prompt=p|duration=7",
      "duration: dashscope wan2.6-t2v accepts 5, 10 or 15 seconds, not 7"},
  {"prompt=p|refs=1|duration=11",
      "duration: dashscope wan2.6-r2v accepts 2 to 10 seconds, not 11"},
  {"provider=evolink|prompt=p|refs=1|duration=15", "duration: evolink"},
  {"provider=toapis|prompt=p|image=https://i/x.png|aspect=1",
      "aspect-ratio: not supported by toapis for image-to-video"},
  {"provider=toapis|flash=1|refs=1|aspect=1",
      "aspect-ratio: not supported by toapis for reference-to-video (flash)"},
  {"provider=toapis|flash=1|refs=1|shot=1", "shot-type: not supported"},
  {"provider=dashscope|image=https://i/x.png|aspect=1",
      "aspect-ratio: not supported by dashscope for image-to-video"},
  {"prompt=p|audio=0", "audio: dashscope wan2.6-t2v always generates audio"},
  {"provider=toapis|prompt=p|audio=0", "audio: toapis wan2.6 always"},
  {"provider=toapis|prompt=p|audio=1", NULL},
  {"provider=evolink|prompt=p|audio=1", NULL},
  {"prompt=p|callback=https://hooks.example.com/x",
      "callback-url: not supported by dashscope"},
  {"provider=evolink|prompt=p|callback=http://hooks.example.com/x",
      "callback-url: evolink only calls back https URLs"},
  {"provider=evolink|prompt=p|callback=https://127.0.0.1/x",
      "callback-url: evolink refuses loopback"},
  {"provider=evolink|prompt=p|callback=https://192.168.1.20/x",
      "callback-url: evolink refuses loopback"},
  {"provider=evolink|prompt=p|callback=https://localhost:8443/x",
      "callback-url: evolink refuses loopback"},
  {"provider=evolink|prompt=p|callback=https://hooks.example.com/x", NULL},
  {"image=ftp://i/x.png", "image-uri: dashscope needs an http(s) URL, a "
        "data: URI or a local file"},
  {"provider=toapis|image=data:image/png;base64,AAAA",
      "image-uri: toapis needs an http(s) URL or a local file, not"},
  {"provider=aimlapi|prompt=p|image=data:image/png;base64,AAAA", NULL},
  /* Local files: where the provider has a way, and a clear no where not. */
  /* dashscope: to its temporary storage (docs/providers.md, "Upload"). */
  {"prompt=p|refs=file", NULL},
  {"provider=toapis|prompt=p|refs=file", "reference-uris: toapis takes a "
        "video only"},
  {"provider=evolink|prompt=p|refs=file", NULL},
  {"prompt=p|audiouri=/tmp/a.mp3", NULL},
  {"provider=aimlapi|prompt=p|image=/tmp/i.png|audiouri=file:///tmp/a.mp3",
      "audio-uri: aimlapi takes an audio file only"},
  {"provider=toapis|prompt=p|image=/tmp/i.png", NULL},
  {"provider=evolink|prompt=p|image=file:///tmp/i.png", NULL},
  {"provider=aimlapi|prompt=p|image=file:///tmp/i.png", NULL},
  {"image=i.png", NULL},
  {"prompt=p|shot=2|extend=0", "shot-type: multi needs prompt-extend=true"},
  {"provider=aimlapi|image=https://i/x.png|prompt=p|shot=2|extend=0",
      "shot-type: multi needs prompt-extend=true on aimlapi"},
  {"prompt=p|seed=2147483648", "seed: dashscope accepts 0 to 2147483647"},
  {"prompt=p|seed=2147483647", NULL},
  {"provider=evolink|prompt=p|watermark=1", "watermark: not supported by "
        "evolink"},
  {"provider=evolink|prompt=p|negative=n", "negative-prompt: not supported"},
  {"provider=evolink|prompt=p|seed=3", "seed: not supported by evolink"},
  {"provider=aimlapi|image=https://i/x.png|prompt=p|aspect=2",
      "aspect-ratio: not supported by aimlapi"},
  {"provider=aimlapi|image=https://i/x.png|prompt=p|flash=1",
      "flash: aimlapi has no flash model"},
  {"prompt=p|refs=1|audiouri=https://a/x.mp3", "audio-uri: not supported by "
        "dashscope for reference-to-video"},
  {"provider=toapis|prompt=p|duration=10|resolution=1", NULL},
};

static WanFamily
family_from_string (const gchar * name)
{
  guint f;

  for (f = 0; f < WAN_N_FAMILIES; f++)
    if (g_str_equal (wan_family_to_string (f), name))
      return f;
  fail ("unknown family %s", name);
  return WAN_FAMILY_2_6;
}

static void
apply_settings (WanRequest * req, const gchar * settings)
{
  gchar **pairs = g_strsplit (settings, "|", -1), **p;

  for (p = pairs; *p; p++) {
    const gchar *v = strchr (*p, '=') + 1;
    gchar *k = g_strndup (*p, v - 1 - *p);

    if (g_str_equal (k, "provider"))
      fail_unless (wan_provider_id_from_string (v, &req->provider));
    else if (g_str_equal (k, "prompt") && g_str_equal (v, "LONG")) {
      GString *s = g_string_new (NULL);
      guint i;

      for (i = 0; i < 1501; i++)
        g_string_append_unichar (s, 0x732B);    /* 猫: one char, 3 bytes */
      req->prompt = g_string_free (s, FALSE);
    } else if (g_str_equal (k, "prompt"))
      req->prompt = g_strdup (v);
    else if (g_str_equal (k, "flash"))
      req->flash = atoi (v);
    else if (g_str_equal (k, "image"))
      req->image_uri = g_strdup (v);
    else if (g_str_equal (k, "refs") && g_str_equal (v, "file"))
      req->reference_uris = g_strsplit ("/tmp/ref.mp4", ",", -1);
    else if (g_str_equal (k, "refs")) {
      guint i, n = atoi (v);

      req->reference_uris = g_new0 (gchar *, n + 1);
      for (i = 0; i < n; i++)
        req->reference_uris[i] = g_strdup_printf ("https://r/%u.mp4", i);
    } else if (g_str_equal (k, "duration"))
      req->duration = atoi (v);
    else if (g_str_equal (k, "aspect"))
      req->aspect_ratio = atoi (v);
    else if (g_str_equal (k, "resolution"))
      req->resolution = atoi (v);
    else if (g_str_equal (k, "shot"))
      req->shot_type = atoi (v);
    else if (g_str_equal (k, "extend"))
      req->prompt_extend = atoi (v);
    else if (g_str_equal (k, "audio"))
      req->audio = atoi (v);
    else if (g_str_equal (k, "watermark"))
      req->watermark = atoi (v);
    else if (g_str_equal (k, "seed"))
      req->seed = g_ascii_strtoll (v, NULL, 10);
    else if (g_str_equal (k, "negative"))
      req->negative_prompt = g_strdup (v);
    else if (g_str_equal (k, "callback"))
      req->callback_url = g_strdup (v);
    else if (g_str_equal (k, "audiouri"))
      req->audio_uri = g_strdup (v);
    else if (g_str_equal (k, "model"))
      req->model = g_strdup (v);
    else if (g_str_equal (k, "family"))
      req->family = family_from_string (v);
    else if (g_str_equal (k, "last"))
      req->last_frame_uri = g_strdup (v);
    else if (g_str_equal (k, "reflist"))
      req->reference_uris = g_strsplit (v, " ", -1);
    else
      fail ("unknown test setting %s", k);
    g_free (k);
  }
  g_strfreev (pairs);
}

GST_START_TEST (test_validation)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (validation_cases); i++) {
    const ValidationCase *c = &validation_cases[i];
    WanRequest req;
    GError *error = NULL;
    gboolean ok;

    wan_request_init (&req);
    apply_settings (&req, c->settings);
    ok = wan_request_validate (&req, &error);
    if (c->expect == NULL) {
      fail_unless (ok, "%s: %s", c->settings, error ? error->message : "");
    } else {
      fail_if (ok, "%s: accepted", c->settings);
      fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID));
      fail_unless (g_str_has_prefix (error->message, c->expect),
          "%s:\n got '%s'\nwant '%s…'", c->settings, error->message,
          c->expect);
      g_error_free (error);
    }
    wan_request_clear (&req);
  }
}

GST_END_TEST;

/* --- local files against the documented limits ---------------------- */

typedef struct
{
  WanProviderId provider;
  WanInputKind kind;
  WanFileInfo info;
  const gchar *expect;          /* NULL: accepted; else part of the message */
} FileCase;

#define MIB (1024 * 1024)
#define PNG(w, h, alpha) {WAN_INPUT_IMAGE, "png", 2 * MIB, w, h, alpha, 0}
#define MP4(s, bytes) {WAN_INPUT_VIDEO, "mp4", bytes, 0, 0, FALSE, s * 1000}
#define MP3(s, bytes) {WAN_INPUT_AUDIO, "mp3", bytes, 0, 0, FALSE, s * 1000}

static const FileCase file_cases[] = {
  /* evolink: each side 360 to 2000 px, no alpha, at most 10 MB. */
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_IMAGE, PNG (640, 480, FALSE), NULL},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_IMAGE, PNG (360, 2000, FALSE), NULL},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_IMAGE, PNG (300, 480, FALSE),
      "is 300×480 pixels; each side must be 360 to 2000"},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_IMAGE, PNG (640, 2001, FALSE),
      "each side must be 360 to 2000"},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_IMAGE, PNG (640, 480, TRUE),
      "has an alpha channel"},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_IMAGE, {WAN_INPUT_IMAGE, "gif", MIB, 640,
          480, FALSE, 0}, "image-uri: '/in/x' (for evolink) is gif; it must "
      "be jpeg, png, bmp or webp"},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_IMAGE, {WAN_INPUT_IMAGE, "jpeg", 11 * MIB,
          640, 480, FALSE, 0}, "is 11.0 MB; at most 10 MB"},
  /* Not measured: nothing to hold against the file. */
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_IMAGE, {WAN_INPUT_IMAGE, "bmp", MIB, 0, 0,
          FALSE, 0}, NULL},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_VIDEO, MP4 (2, 50 * MIB), NULL},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_VIDEO, MP4 (1, MIB),
      "reference-uris: '/in/x' (for evolink) lasts 1.0 s; it must last 2 to "
        "30 s"},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_VIDEO, MP4 (31, MIB), "lasts 31.0 s"},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_VIDEO, MP4 (5, 101 * MIB),
      "uploads take at most 100 MB"},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_VIDEO, {WAN_INPUT_VIDEO, "video/webm", MIB,
          0, 0, FALSE, 5000}, "is video/webm; it must be mp4 or mov"},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_AUDIO, MP3 (3, MIB), NULL},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_AUDIO, MP3 (2, MIB),
      "audio-uri: '/in/x' (for evolink) lasts 2.0 s; it must last 3 to 30 s"},
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_AUDIO, MP3 (10, 16 * MIB),
      "is 16.0 MB; at most 15 MB"},
  /* The file must be what the property is for. */
  {WAN_PROVIDER_EVOLINK, WAN_INPUT_AUDIO, MP4 (5, MIB),
      "audio-uri: '/in/x' (for evolink) is not an audio file but a video "
        "(mp4)"},
  {WAN_PROVIDER_DASHSCOPE, WAN_INPUT_IMAGE, MP3 (5, MIB),
      "is not an image but an audio file"},
  /* toapis: its upload's formats and 10 MB, no side limits. */
  {WAN_PROVIDER_TOAPIS, WAN_INPUT_IMAGE, {WAN_INPUT_IMAGE, "gif", MIB, 100,
          100, TRUE, 0}, NULL},
  {WAN_PROVIDER_TOAPIS, WAN_INPUT_IMAGE, {WAN_INPUT_IMAGE, "bmp", MIB, 640,
          480, FALSE, 0}, "is bmp; it must be jpeg, png, webp or gif"},
  {WAN_PROVIDER_TOAPIS, WAN_INPUT_IMAGE, {WAN_INPUT_IMAGE, "png", 10 * MIB +
              1, 640, 480, FALSE, 0}, "uploads take at most 10 MB"},
  /* aimlapi and dashscope document no limits for a data: URI image. */
  {WAN_PROVIDER_AIMLAPI, WAN_INPUT_IMAGE, PNG (100, 4000, TRUE), NULL},
  {WAN_PROVIDER_DASHSCOPE, WAN_INPUT_IMAGE, PNG (100, 4000, TRUE), NULL},
};

/* aimlapi's Wan 2.1 to 3.0 rows, field for field as each model's schema
 * names them (docs/providers.md, "aimlapi", "Wan 2.1 to 3.0"). */
#define AIML_MP3 "https://a.example/x.mp3"
#define AIML_PNG "data:image/png;base64,iVBORw0KGgo="

static const struct
{
  const gchar *settings;
  const gchar *body;
} aimlapi_bodies[] = {
  {"provider=aimlapi|family=wan2.7|prompt=p|negative=n|audiouri=" AIML_MP3
        "|resolution=1|aspect=4|duration=15|shot=2|extend=1|audio=0|seed=7",
      "{\"model\":\"alibaba/wan-2-7-t2v\",\"prompt\":\"p\","
        "\"audio_url\":\"" AIML_MP3 "\",\"aspect_ratio\":\"4:3\","
        "\"resolution\":\"720p\",\"duration\":15,\"negative_prompt\":\"n\","
        "\"shot_type\":\"multi\",\"generate_audio\":false,\"seed\":7,"
        "\"enhance_prompt\":true}"},
  /* Prompt expansion under both of the names its schema lists. */
  {"provider=aimlapi|family=wan2.7|prompt=p|image=" AIML_PNG "|audiouri="
        AIML_MP3 "|resolution=2|duration=10|extend=0|negative=n|seed=3|"
        "watermark=1",
      "{\"model\":\"alibaba/wan-2-7-i2v\",\"prompt\":\"p\","
        "\"image_url\":\"" AIML_PNG "\",\"audio_url\":\"" AIML_MP3 "\","
        "\"resolution\":\"1080p\",\"duration\":10,\"negative_prompt\":\"n\","
        "\"seed\":3,\"watermark\":true,\"enhance_prompt\":false,"
        "\"enable_prompt_expansion\":false}"},
  /* References split by kind, each list in the user's order. */
  {"provider=aimlapi|family=wan2.7|prompt=p|image=https://i/f.png|reflist="
        "https://r/a.png https://r/b.mp4 https://r/c.jpg|aspect=3|"
        "duration=10|extend=1|watermark=0|negative=n|seed=2",
      "{\"model\":\"alibaba/wan-2-7-r2v\",\"prompt\":\"p\","
        "\"first_frame_image\":\"https://i/f.png\",\"image_urls\":["
        "\"https://r/a.png\",\"https://r/c.jpg\"],\"video_urls\":["
        "\"https://r/b.mp4\"],\"aspect_ratio\":\"1:1\",\"duration\":10,"
        "\"negative_prompt\":\"n\",\"seed\":2,\"watermark\":false,"
        "\"enhance_prompt\":true}"},
  {"provider=aimlapi|family=wan3.0|prompt=p|aspect=6|resolution=3|"
        "duration=30|audio=0|seed=1|watermark=1",
      "{\"model\":\"alibaba/wan3.0-video\",\"prompt\":\"p\","
        "\"aspect_ratio\":\"adaptive\",\"resolution\":\"480p\","
        "\"duration\":30,\"generate_audio\":false,\"seed\":1,"
        "\"watermark\":true}"},
  {"provider=aimlapi|family=wan3.0|prompt=p|image=https://i/f.png|"
        "last=https://i/l.png|duration=2",
      "{\"model\":\"alibaba/wan3.0-video\",\"prompt\":\"p\","
        "\"image_url\":\"https://i/f.png\","
        "\"last_image_url\":\"https://i/l.png\",\"duration\":2}"},
  {"provider=aimlapi|family=wan3.0|prompt=p|reflist=https://r/a.mp4 "
        "https://r/b.webp|audio=1",
      "{\"model\":\"alibaba/wan3.0-video\",\"prompt\":\"p\","
        "\"reference_image_urls\":[\"https://r/b.webp\"],"
        "\"video_urls\":[\"https://r/a.mp4\"],\"generate_audio\":true}"},
  {"provider=aimlapi|family=wan2.5|prompt=p|resolution=3|aspect=2|"
        "duration=5|negative=n|seed=4|extend=0",
      "{\"model\":\"alibaba/wan2.5-t2v-preview\",\"prompt\":\"p\","
        "\"aspect_ratio\":\"9:16\",\"resolution\":\"480p\",\"duration\":5,"
        "\"negative_prompt\":\"n\",\"seed\":4,\"enhance_prompt\":false}"},
  {"provider=aimlapi|family=wan2.5|prompt=p|image=" AIML_PNG "|aspect=3|"
        "duration=10",
      "{\"model\":\"alibaba/wan2.5-i2v-preview\",\"prompt\":\"p\","
        "\"image_url\":\"" AIML_PNG "\",\"aspect_ratio\":\"1:1\","
        "\"duration\":10}"},
  /* wan2.2 and 2.1: capitals, and 5 s is their length, never sent. */
  {"provider=aimlapi|family=wan2.2|prompt=p|resolution=3|aspect=3|"
        "duration=5|watermark=1|extend=1|negative=n|seed=5",
      "{\"model\":\"alibaba/wan2.2-t2v-plus\",\"prompt\":\"p\","
        "\"aspect_ratio\":\"1:1\",\"resolution\":\"480P\","
        "\"negative_prompt\":\"n\",\"seed\":5,\"watermark\":true,"
        "\"enhance_prompt\":true}"},
  {"provider=aimlapi|family=wan2.1|prompt=p|resolution=1",
      "{\"model\":\"alibaba/wan2.1-t2v-plus\",\"prompt\":\"p\","
        "\"resolution\":\"720P\"}"},
  {"provider=aimlapi|model=alibaba/wan2.1-t2v-turbo|prompt=p|resolution=3|"
        "aspect=1",
      "{\"model\":\"alibaba/wan2.1-t2v-turbo\",\"prompt\":\"p\","
        "\"aspect_ratio\":\"16:9\",\"resolution\":\"480P\"}"},
};

GST_START_TEST (test_aimlapi_wan_bodies)
{
  WanRequest req;
  GError *error = NULL;
  gchar *path = NULL, *body = NULL;
  JsonNode *got, *want;
  WanPlan *plan;

  wan_request_init (&req);
  apply_settings (&req, aimlapi_bodies[__i__].settings);
  plan = wan_plan_new (&req, &error);
  fail_unless (plan != NULL, "%s: %s", aimlapi_bodies[__i__].settings,
      error ? error->message : "");
  wan_provider_build_create (plan, &path, &body);
  fail_unless_equals_string (path, "/v2/video/generations");
  got = json_from_string (body, NULL);
  want = json_from_string (aimlapi_bodies[__i__].body, NULL);
  fail_unless (got != NULL && want != NULL, "bad JSON");
  fail_unless (json_node_equal (got, want), "%s:\n got %s\nwant %s",
      aimlapi_bodies[__i__].settings, body, aimlapi_bodies[__i__].body);
  json_node_unref (got);
  json_node_unref (want);
  wan_plan_free (plan);
  g_free (path);
  g_free (body);
  wan_request_clear (&req);
}

GST_END_TEST;

GST_START_TEST (test_file_limits)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (file_cases); i++) {
    const FileCase *c = &file_cases[i];
    WanRequest req;
    GError *error = NULL;
    gboolean ok;

    wan_request_init (&req);
    req.provider = c->provider;
    ok = wan_request_check_file (&req, c->kind, "file:///in/x", &c->info,
        &error);
    if (c->expect == NULL) {
      fail_unless (ok, "case %u: %s", i, error ? error->message : "");
    } else {
      fail_if (ok, "case %u: accepted", i);
      fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID));
      fail_unless (strstr (error->message, c->expect) != NULL,
          "case %u:\n got '%s'\nwant '…%s…'", i, error->message, c->expect);
      g_error_free (error);
    }
    wan_request_clear (&req);
  }
}

GST_END_TEST;

GST_START_TEST (test_local_paths)
{
  gchar *path, *cwd = g_get_current_dir (), *want;

  path = wan_input_get_local_path ("file:///tmp/a%20b.png");
  fail_unless_equals_string (path, "/tmp/a b.png");
  g_free (path);
  path = wan_input_get_local_path ("/tmp/x/../a.png");
  fail_unless_equals_string (path, "/tmp/a.png");
  g_free (path);
  /* Relative to where the application runs. */
  path = wan_input_get_local_path ("a.png");
  want = g_build_filename (cwd, "a.png", NULL);
  fail_unless_equals_string (path, want);
  g_free (path);
  fail_unless (wan_input_get_local_path ("https://h/a.png") == NULL);
  fail_unless (wan_input_get_local_path ("data:image/png;base64,AA") == NULL);
  fail_unless (wan_input_get_local_path ("") == NULL);
  g_free (want);
  g_free (cwd);
}

GST_END_TEST;

/* --- answers -------------------------------------------------------- */

static gchar *
parse_id (WanProviderId id, const gchar * json, GError ** error)
{
  WanTaskHandle handle;
  gchar *task_id;

  if (!wan_provider_parse_create (wan_provider_get (id), json, strlen (json),
          &handle, error))
    return NULL;
  /* The first four providers give an id and nothing else (fal's URLs:
   * test_fal_handle). */
  if (id < WAN_PROVIDER_FAL)
    fail_unless (handle.status_url == NULL && handle.result_url == NULL
        && handle.cancel_url == NULL);
  task_id = g_steal_pointer (&handle.id);
  wan_task_handle_clear (&handle);
  return task_id;
}

/* [F1]'s example answer to a submit. */
#define FAL_SUBMIT_ANSWER "{\"request_id\":" \
  "\"80e732af-660e-45cd-bd63-580e4f2a94cc\",\"response_url\":" \
  "\"https://queue.fal.run/fal-ai/fast-sdxl/requests/" \
  "80e732af-660e-45cd-bd63-580e4f2a94cc\",\"status_url\":" \
  "\"https://queue.fal.run/fal-ai/fast-sdxl/requests/" \
  "80e732af-660e-45cd-bd63-580e4f2a94cc/status\",\"cancel_url\":" \
  "\"https://queue.fal.run/fal-ai/fast-sdxl/requests/" \
  "80e732af-660e-45cd-bd63-580e4f2a94cc/cancel\"}"

#define REPLICATE_PREDICTION "{\"id\":\"gm3qorzdhgbfurvjtvhg6dckhu\"," \
  "\"model\":\"wan-video/wan2.6-i2v-flash\",\"version\":\"735e10a0\"," \
  "\"input\":{\"image\":\"https://i.example/x.png\"},\"logs\":\"\"," \
  "\"output\":null,\"error\":null,\"status\":\"starting\"," \
  "\"created_at\":\"2026-09-01T10:00:00.000Z\",\"urls\":{\"get\":" \
  "\"https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu\"," \
  "\"cancel\":\"https://api.replicate.com/v1/predictions/" \
  "gm3qorzdhgbfurvjtvhg6dckhu/cancel\"}}"

/* fal's answer carries the URLs to use as given; the id a task is known
 * by is its request path under the model's owner/app [F1][F3]. */
GST_START_TEST (test_fal_handle)
{
  static const struct
  {
    const gchar *model, *id;
  } ids[] = {
    {"wan/v2.6/image-to-video", "wan/v2.6/requests/r1"},
    {"fal-ai/wan/v2.7/text-to-video", "fal-ai/wan/requests/r1"},
    {"fal-ai/fast-sdxl", "fal-ai/fast-sdxl/requests/r1"},
  };
  WanTaskHandle handle;
  WanRequest req;
  GError *error = NULL;
  guint i;

  fail_unless (wan_provider_parse_create (&wan_provider_fal,
          FAL_SUBMIT_ANSWER, strlen (FAL_SUBMIT_ANSWER), &handle, &error));
  fail_unless_equals_string (handle.status_url, "https://queue.fal.run/"
      "fal-ai/fast-sdxl/requests/80e732af-660e-45cd-bd63-580e4f2a94cc/status");
  fail_unless_equals_string (handle.result_url, "https://queue.fal.run/"
      "fal-ai/fast-sdxl/requests/80e732af-660e-45cd-bd63-580e4f2a94cc");
  fail_unless_equals_string (handle.cancel_url, "https://queue.fal.run/"
      "fal-ai/fast-sdxl/requests/80e732af-660e-45cd-bd63-580e4f2a94cc/cancel");
  wan_task_handle_clear (&handle);

  /* Replicate's prediction names where to poll and cancel it [sdk R4]. */
  fail_unless (wan_provider_parse_create (&wan_provider_replicate,
          REPLICATE_PREDICTION, strlen (REPLICATE_PREDICTION), &handle,
          &error));
  fail_unless_equals_string (handle.id, "gm3qorzdhgbfurvjtvhg6dckhu");
  fail_unless_equals_string (handle.status_url, "https://api.replicate.com/"
      "v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu");
  fail_unless_equals_string (handle.cancel_url, "https://api.replicate.com/"
      "v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu/cancel");
  fail_unless (handle.result_url == NULL);
  wan_task_handle_clear (&handle);

  for (i = 0; i < G_N_ELEMENTS (ids); i++) {
    WanPlan *plan;
    gchar *id;

    wan_request_init (&req);
    req.provider = WAN_PROVIDER_FAL;
    req.prompt = g_strdup ("p");
    req.model = g_strdup (ids[i].model);
    /* A model listed for one mode is refused for another. */
    if (strstr (ids[i].model, "image-to-video"))
      req.image_uri = g_strdup ("https://i/x.png");
    plan = wan_plan_new (&req, &error);
    fail_unless (plan != NULL, "%s", error ? error->message : "");
    id = wan_provider_task_id (plan, g_strdup ("r1"));
    fail_unless_equals_string (id, ids[i].id);
    g_free (id);
    wan_plan_free (plan);
    wan_request_clear (&req);
  }
}

GST_END_TEST;

GST_START_TEST (test_parse_create)
{
  struct
  {
    WanProviderId provider;
    const gchar *json, *id;
  } cases[] = {
    {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"PENDING\","
          "\"task_id\":\"0385dc79-5ff8\"},\"request_id\":\"4909100c\"}",
        "0385dc79-5ff8"},
    {WAN_PROVIDER_TOAPIS, "{\"id\":\"video_01J\",\"object\":"
          "\"generation.task\",\"model\":\"wan2.6\",\"status\":\"queued\","
          "\"progress\":0,\"created_at\":1768380224,\"metadata\":{}}",
        "video_01J"},
    {WAN_PROVIDER_TOAPIS, "{\"code\":200,\"data\":[{\"status\":"
          "\"submitted\",\"task_id\":\"task_01J\"}]}", "task_01J"},
    {WAN_PROVIDER_TOAPIS, "{\"task_id\":\"task_02\"}", "task_02"},
    {WAN_PROVIDER_EVOLINK, "{\"created\":1757169743,\"id\":"
          "\"task-unified-1757169743-7cvnl5zw\",\"model\":\"wan2.6\","
          "\"object\":\"video.generation.task\",\"progress\":0,\"status\":"
          "\"pending\",\"task_info\":{\"can_cancel\":true,"
          "\"estimated_time\":120},\"type\":\"video\",\"usage\":{}}",
        "task-unified-1757169743-7cvnl5zw"},
    {WAN_PROVIDER_AIMLAPI, "{\"id\":\"V2cdWP9kao8xiofM-OvwG\",\"status\":"
          "\"queued\",\"meta\":{\"usage\":{\"credits_used\":1575000}}}",
        "V2cdWP9kao8xiofM-OvwG"},
    {WAN_PROVIDER_FAL, FAL_SUBMIT_ANSWER,
        "80e732af-660e-45cd-bd63-580e4f2a94cc"},
  };
  const gchar *bad[] = { "", "{", "[]", "{\"id\":\"\"}", "{\"id\":{}}",
    "<html>502</html>", "{\"data\":[]}", "null"
  };
  guint i, p;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    GError *error = NULL;
    gchar *id = parse_id (cases[i].provider, cases[i].json, &error);

    fail_unless_equals_string (id, cases[i].id);
    g_free (id);
  }
  for (p = 0; p < WAN_N_PROVIDERS; p++) {
    for (i = 0; i < G_N_ELEMENTS (bad); i++) {
      GError *error = NULL;

      fail_if (parse_id (p, bad[i], &error) != NULL, "%s", bad[i]);
      fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_PROTOCOL));
      g_error_free (error);
    }
  }
}

GST_END_TEST;

typedef struct
{
  WanProviderId provider;
  const gchar *json;
  WanTaskStatus status;
  gint progress;
  const gchar *url;
  const gchar *code;
} StatusCase;

static const StatusCase status_cases[] = {
  {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_id\":\"t\","
        "\"task_status\":\"PENDING\"}}", WAN_TASK_QUEUED, -1},
  {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"RUNNING\"}}",
      WAN_TASK_RUNNING, -1},
  {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"SUCCEEDED\","
        "\"video_url\":\"https://cdn.example/v.mp4?sig=1\"},\"usage\":"
        "{\"duration\":5,\"video_count\":1,\"SR\":720}}", WAN_TASK_SUCCEEDED,
      100, "https://cdn.example/v.mp4?sig=1"},
  {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"FAILED\","
        "\"code\":\"InvalidParameter\",\"message\":\"bad\"}}",
      WAN_TASK_FAILED, -1, NULL, "InvalidParameter"},
  {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"CANCELED\"}}",
      WAN_TASK_FAILED, -1},
  {WAN_PROVIDER_TOAPIS, "{\"id\":\"v\",\"status\":\"queued\","
        "\"progress\":0}", WAN_TASK_QUEUED, 0},
  {WAN_PROVIDER_TOAPIS, "{\"status\":\"submitted\"}", WAN_TASK_QUEUED, -1},
  {WAN_PROVIDER_TOAPIS, "{\"status\":\"in_progress\",\"progress\":45}",
      WAN_TASK_RUNNING, 45},
  {WAN_PROVIDER_TOAPIS, "{\"status\":\"in_progress\",\"progress\":450}",
      WAN_TASK_RUNNING, 100},
  {WAN_PROVIDER_TOAPIS, "{\"status\":\"completed\",\"progress\":100,"
        "\"completed_at\":1,\"expires_at\":2,\"result\":{\"type\":\"video\","
        "\"data\":[{\"url\":\"https://cdn.example/t.mp4\",\"format\":"
        "\"mp4\"}]}}", WAN_TASK_SUCCEEDED, 100, "https://cdn.example/t.mp4"},
  {WAN_PROVIDER_TOAPIS, "{\"status\":\"completed\",\"url\":"
        "\"https://cdn.example/top.mp4\"}", WAN_TASK_SUCCEEDED, 100,
      "https://cdn.example/top.mp4"},
  {WAN_PROVIDER_TOAPIS, "{\"status\":\"failed\",\"error\":{\"code\":"
        "\"generation_failed\",\"message\":\"x\"}}", WAN_TASK_FAILED, -1, NULL,
      "generation_failed"},
  {WAN_PROVIDER_EVOLINK, "{\"status\":\"pending\",\"progress\":0,"
        "\"task_info\":{\"can_cancel\":true,\"estimated_time\":120}}",
      WAN_TASK_QUEUED, 0},
  {WAN_PROVIDER_EVOLINK, "{\"status\":\"processing\",\"progress\":\"60\"}",
      WAN_TASK_RUNNING, 60},
  {WAN_PROVIDER_EVOLINK, "{\"status\":\"completed\",\"results\":["
        "\"https://cdn.example/e.mp4\"]}", WAN_TASK_SUCCEEDED, 100,
      "https://cdn.example/e.mp4"},
  {WAN_PROVIDER_EVOLINK, "{\"status\":\"failed\",\"error\":{\"code\":"
        "\"content_policy\",\"message\":\"no\",\"type\":\"x\"}}",
      WAN_TASK_FAILED, -1, NULL, "content_policy"},
  {WAN_PROVIDER_AIMLAPI, "{\"id\":\"g\",\"status\":\"queued\"}",
      WAN_TASK_QUEUED, -1},
  {WAN_PROVIDER_AIMLAPI, "{\"status\":\"waiting\"}", WAN_TASK_QUEUED, -1},
  {WAN_PROVIDER_AIMLAPI, "{\"status\":\"generating\"}", WAN_TASK_RUNNING, -1},
  {WAN_PROVIDER_AIMLAPI, "{\"status\":\"completed\",\"video\":{\"url\":"
        "\"https://cdn.example/a.mp4\"}}", WAN_TASK_SUCCEEDED, 100,
      "https://cdn.example/a.mp4"},
  {WAN_PROVIDER_AIMLAPI, "{\"status\":\"error\",\"error\":{\"name\":"
        "\"GenerationError\",\"message\":\"m\"}}", WAN_TASK_FAILED, -1, NULL,
      "GenerationError"},
  {WAN_PROVIDER_AIMLAPI, "{\"status\":\"failed\"}", WAN_TASK_FAILED, -1},
  /* The Wan 3.0 schema allows the video as a list [3p A10]. */
  {WAN_PROVIDER_AIMLAPI, "{\"status\":\"completed\",\"video\":[{\"url\":"
        "\"https://cdn.example/b.mp4\"}]}", WAN_TASK_SUCCEEDED, 100,
      "https://cdn.example/b.mp4"},
  /* fal [F1][sdk F9]: the video comes from the result request, so a
   * COMPLETED status carries none; COMPLETED with "error" failed. */
  {WAN_PROVIDER_FAL, "{\"status\":\"IN_QUEUE\",\"queue_position\":0,"
        "\"response_url\":\"https://queue.fal.run/fal-ai/fast-sdxl/requests/"
        "80e732af-660e-45cd-bd63-580e4f2a94cc\"}", WAN_TASK_QUEUED, -1},
  {WAN_PROVIDER_FAL, "{\"status\":\"IN_PROGRESS\",\"logs\":[]}",
      WAN_TASK_RUNNING, -1},
  {WAN_PROVIDER_FAL, "{\"status\":\"COMPLETED\",\"logs\":[],"
        "\"metrics\":{\"inference_time\":9.1}}", WAN_TASK_SUCCEEDED, 100},
  {WAN_PROVIDER_FAL, "{\"status\":\"COMPLETED\",\"error\":\"boom\","
        "\"error_type\":\"runner_error\"}", WAN_TASK_FAILED, -1, NULL,
      "runner_error"},
  /* Replicate's prediction [sdk R4]: "output" is a URI or a list. */
  {WAN_PROVIDER_REPLICATE, "{\"id\":\"gm3qorzdhgbfurvjtvhg6dckhu\","
        "\"status\":\"starting\",\"output\":null,\"error\":null,"
        "\"logs\":\"\"}", WAN_TASK_QUEUED, -1},
  /* Its progress only in the logs' last progress bar [sdk R4]. */
  {WAN_PROVIDER_REPLICATE, "{\"status\":\"processing\",\"logs\":"
        "\"loading\\n 10%|#     | 1/10\\n 40%|####  | 4/10\"}",
      WAN_TASK_RUNNING, 40},
  {WAN_PROVIDER_REPLICATE, "{\"status\":\"processing\",\"logs\":"
        "\"no bar yet\"}", WAN_TASK_RUNNING, -1},
  {WAN_PROVIDER_REPLICATE, "{\"status\":\"processing\",\"logs\":\"%\"}",
      WAN_TASK_RUNNING, -1},
  {WAN_PROVIDER_REPLICATE, "{\"status\":\"succeeded\",\"output\":"
        "\"https://replicate.delivery/x/output.mp4\"}", WAN_TASK_SUCCEEDED,
      100, "https://replicate.delivery/x/output.mp4"},
  {WAN_PROVIDER_REPLICATE, "{\"status\":\"succeeded\",\"output\":["
        "\"https://replicate.delivery/y/0.mp4\"]}", WAN_TASK_SUCCEEDED, 100,
      "https://replicate.delivery/y/0.mp4"},
  {WAN_PROVIDER_REPLICATE, "{\"status\":\"failed\",\"error\":"
        "\"CUDA out of memory\"}", WAN_TASK_FAILED, -1},
  {WAN_PROVIDER_REPLICATE, "{\"status\":\"canceled\"}", WAN_TASK_FAILED,
      -1},
  /* OpenRouter [O3]: the keyed content endpoint is the video. */
  {WAN_PROVIDER_OPENROUTER, "{\"id\":\"job-abc123\",\"polling_url\":"
        "\"/api/v1/videos/job-abc123\",\"status\":\"pending\"}",
      WAN_TASK_QUEUED, -1},
  {WAN_PROVIDER_OPENROUTER, "{\"status\":\"in_progress\"}",
      WAN_TASK_RUNNING, -1},
  {WAN_PROVIDER_OPENROUTER, "{\"id\":\"job-abc123\",\"status\":"
        "\"completed\",\"unsigned_urls\":[\"https://openrouter.ai/api/v1/"
        "videos/job-abc123/content?index=0\"],\"usage\":{\"cost\":0.5,"
        "\"is_byok\":false}}", WAN_TASK_SUCCEEDED, 100,
      "https://openrouter.ai/api/v1/videos/job-abc123/content?index=0"},
  {WAN_PROVIDER_OPENROUTER, "{\"status\":\"failed\",\"error\":\"x\"}",
      WAN_TASK_FAILED, -1},
  {WAN_PROVIDER_OPENROUTER, "{\"status\":\"cancelled\"}", WAN_TASK_FAILED,
      -1},
  {WAN_PROVIDER_OPENROUTER, "{\"status\":\"expired\"}", WAN_TASK_FAILED,
      -1},
};

GST_START_TEST (test_parse_status)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (status_cases); i++) {
    const StatusCase *c = &status_cases[i];
    WanTaskState state;
    GError *error = NULL;

    fail_unless (wan_provider_parse_status (wan_provider_get (c->provider),
            c->json, strlen (c->json), &state, &error), "%s: %s", c->json,
        error ? error->message : "");
    fail_unless_equals_int (state.status, c->status);
    fail_unless_equals_int (state.progress, c->progress);
    fail_unless_equals_string (state.video_url, c->url);
    fail_unless_equals_string (state.error_code, c->code);
    wan_task_state_clear (&state);
  }
}

GST_END_TEST;

GST_START_TEST (test_parse_status_errors)
{
  struct
  {
    WanProviderId provider;
    const gchar *json;
    WanErrorCode code;
  } cases[] = {
    {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"UNKNOWN\"}}",
        WAN_ERROR_NOT_FOUND},
    {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"SUCCEEDED\"}}",
        WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"SUCCEEDED\","
          "\"video_url\":\"ftp://x/y.mp4\"}}", WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"SUCCEEDED\","
          "\"video_url\":\"file:///etc/passwd\"}}", WAN_ERROR_PROTOCOL},
    /* A URL without a host names nothing to fetch. */
    {WAN_PROVIDER_DASHSCOPE, "{\"output\":{\"task_status\":\"SUCCEEDED\","
          "\"video_url\":\"https:///v.mp4\"}}", WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_TOAPIS, "{\"status\":\"dreaming\"}", WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_TOAPIS, "{\"status\":42}", WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_TOAPIS, "{\"status\":\"completed\",\"result\":{\"data\":"
          "[{\"url\":7}]}}", WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_EVOLINK, "{\"status\":\"completed\",\"results\":[]}",
        WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_EVOLINK, "{\"progress\":3}", WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_AIMLAPI, "{\"status\":\"completed\",\"video\":\"x\"}",
        WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_AIMLAPI, "{\"status\":\"comp", WAN_ERROR_PROTOCOL},
    {WAN_PROVIDER_AIMLAPI, "<html><body>Bad gateway</body></html>",
        WAN_ERROR_PROTOCOL},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    WanTaskState state;
    GError *error = NULL;

    fail_if (wan_provider_parse_status (wan_provider_get (cases[i].provider),
            cases[i].json, strlen (cases[i].json), &state, &error), "%s",
        cases[i].json);
    fail_unless (g_error_matches (error, WAN_ERROR, cases[i].code), "%s: %s",
        cases[i].json, error->message);
    g_error_free (error);
  }
}

GST_END_TEST;

GST_START_TEST (test_parse_error)
{
  struct
  {
    WanProviderId provider;
    guint status;
    const gchar *body;
    WanErrorCode code;
    const gchar *message, *pcode, *request_id;
  } cases[] = {
    {WAN_PROVIDER_TOAPIS, 401, "{\"error\":{\"code\":401,\"message\":"
          "\"Invalid token\",\"type\":\"authentication_error\"}}",
        WAN_ERROR_AUTH, "Invalid token", "authentication_error", NULL},
    {WAN_PROVIDER_TOAPIS, 402, "{\"error\":{\"code\":402,\"message\":"
          "\"Quota exceeded\"}}", WAN_ERROR_QUOTA, "Quota exceeded", "402"},
    {WAN_PROVIDER_TOAPIS, 422, "{\"error\":{\"message\":\"policy\"}}",
        WAN_ERROR_INVALID, "policy", NULL},
    {WAN_PROVIDER_TOAPIS, 400, "{\"success\":false,\"message\":\"too big\"}",
        WAN_ERROR_INVALID, "too big", NULL},
    {WAN_PROVIDER_EVOLINK, 400, "{\"error\":{\"code\":400,\"message\":"
          "\"bad duration\",\"type\":\"invalid_request_error\",\"param\":"
          "\"duration\"}}", WAN_ERROR_INVALID,
        "bad duration (parameter duration)", "invalid_request_error"},
    {WAN_PROVIDER_EVOLINK, 403, "{\"error\":{\"code\":403,\"message\":"
          "\"no\",\"type\":\"permission_error\"}}", WAN_ERROR_AUTH, "no",
        "permission_error"},
    {WAN_PROVIDER_EVOLINK, 503, "{\"error\":{\"code\":503,\"message\":"
          "\"busy\",\"type\":\"service_unavailable_error\"}}",
        WAN_ERROR_SERVER, "busy", "service_unavailable_error"},
    {WAN_PROVIDER_AIMLAPI, 429, "{\"message\":\"Too many\",\"path\":"
          "\"/v2/video/generations\",\"requestId\":\"r-1\",\"statusCode\":"
          "\"429\",\"timestamp\":\"t\"}", WAN_ERROR_RATE_LIMITED, "Too many",
        NULL, "r-1"},
    {WAN_PROVIDER_DASHSCOPE, 401, "{\"code\":\"InvalidApiKey\",\"message\":"
          "\"Invalid API-key provided.\",\"request_id\":\"rq-9\"}",
        WAN_ERROR_AUTH, "Invalid API-key provided.", "InvalidApiKey", "rq-9"},
    {WAN_PROVIDER_DASHSCOPE, 400, "{\"code\":\"Arrearage\",\"message\":"
          "\"overdue\",\"request_id\":\"rq-1\"}", WAN_ERROR_QUOTA, "overdue",
        "Arrearage", "rq-1"},
    {WAN_PROVIDER_DASHSCOPE, 404, "{\"code\":\"ModelNotFound\"}",
          WAN_ERROR_NOT_FOUND, "HTTP 404 with an unexpected JSON body",
        "ModelNotFound"},
    {WAN_PROVIDER_DASHSCOPE, 502, "<html><h1>502 Bad Gateway</h1></html>",
        WAN_ERROR_SERVER, "HTTP 502 with a non-JSON body", NULL},
    {WAN_PROVIDER_DASHSCOPE, 500, "", WAN_ERROR_SERVER,
        "HTTP 500 with a non-JSON body", NULL},
    /* fal [F4]: a list naming the field, or a plain string. */
    {WAN_PROVIDER_FAL, 422, "{\"detail\":[{\"loc\":[\"body\","
          "\"image_url\"],\"msg\":\"Image too large\",\"type\":"
          "\"image_too_large\",\"url\":\"https://docs.fal.ai/errors#x\","
          "\"ctx\":{\"max_height\":2000}}]}", WAN_ERROR_INVALID,
        "Image too large (parameter image_url)", "image_too_large"},
    {WAN_PROVIDER_FAL, 401, "{\"detail\":\"Authentication is required\"}",
        WAN_ERROR_AUTH, "Authentication is required", NULL},
    /* Replicate: RFC 7807 problem details [sdk R4]. */
    {WAN_PROVIDER_REPLICATE, 422, "{\"type\":\"about:blank\",\"title\":"
          "\"Input validation failed\",\"status\":422,\"detail\":"
          "\"- input.image: Does not match format 'uri'\"}",
          WAN_ERROR_INVALID, "- input.image: Does not match format 'uri'",
        NULL},
    {WAN_PROVIDER_REPLICATE, 401, "{\"title\":\"Unauthenticated\","
          "\"status\":401}", WAN_ERROR_AUTH, "Unauthenticated", NULL},
    /* OpenRouter [O5]. */
    {WAN_PROVIDER_OPENROUTER, 402, "{\"error\":{\"code\":402,\"message\":"
          "\"Insufficient credits\"}}", WAN_ERROR_QUOTA,
        "Insufficient credits", "402"},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    GError *error = wan_provider_parse_error (wan_provider_get
        (cases[i].provider), cases[i].status, cases[i].body,
        strlen (cases[i].body));

    fail_unless (g_error_matches (error, WAN_ERROR, cases[i].code), "%s",
        cases[i].body);
    fail_unless_equals_string (error->message, cases[i].message);
    fail_unless_equals_string (wan_error_get_provider_code (error),
        cases[i].pcode);
    fail_unless_equals_string (wan_error_get_request_id (error),
        cases[i].request_id);
    fail_unless_equals_int (wan_error_get_http_status (error), cases[i].status);
    g_error_free (error);
  }
}

GST_END_TEST;

GST_START_TEST (test_parse_upload)
{
  struct
  {
    const WanProvider *provider;
    guint status;
    const gchar *body;
    const gchar *url;           /* NULL: an error with @message in it */
    WanErrorCode code;
    const gchar *message;
  } cases[] = {
    {&wan_provider_toapis, 200, "{\"success\":true,\"data\":{\"id\":\"f1\","
          "\"url\":\"https://files.toapis.com/f1.png\",\"mime_type\":"
          "\"image/png\",\"size\":1024}}", "https://files.toapis.com/f1.png"},
    {&wan_provider_toapis, 400, "{\"success\":false,\"message\":\"Unsupported "
          "file type\"}", NULL, WAN_ERROR_INVALID, "Unsupported file type"},
    {&wan_provider_toapis, 200, "{\"success\":true,\"data\":{\"url\":"
          "\"file:///etc/passwd\"}}", NULL, WAN_ERROR_PROTOCOL,
        "no http(s) file URL"},
    {&wan_provider_toapis, 200, "{\"success\":true,\"data\":{\"url\":"
          "\"https:///f1.png\"}}", NULL, WAN_ERROR_PROTOCOL,
        "no http(s) file URL"},
    {&wan_provider_toapis, 200, "{\"success\":\"true\",\"data\":{\"url\":"
          "\"https://x/y\"}}", NULL, WAN_ERROR_INVALID, "no reason given"},
    {&wan_provider_evolink, 200, "{\"success\":true,\"code\":200,\"msg\":"
          "\"ok\",\"data\":{\"file_id\":\"x\",\"file_url\":"
          "\"https://files.evolink.ai/x.mp4\",\"download_url\":"
          "\"https://files.evolink.ai/d/x.mp4\",\"mime_type\":\"video/mp4\","
          "\"file_size\":10,\"expires_at\":\"2026-01-01\"}}",
        "https://files.evolink.ai/x.mp4"},
    {&wan_provider_evolink, 401, "{\"success\":false,\"code\":401,\"msg\":"
          "\"bad key\"}", NULL, WAN_ERROR_AUTH, "bad key"},
    {&wan_provider_evolink, 200, "<html>proxy</html>", NULL,
        WAN_ERROR_PROTOCOL, "not JSON"},
  };
  guint i;

  fail_unless (wan_provider_aimlapi.upload == NULL);
  /* dashscope's storage answers a policy instead (test_read_policy). */
  fail_unless (wan_provider_dashscope.upload->read_policy != NULL);
  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    GError *error = NULL;
    gchar *url = wan_provider_parse_upload (cases[i].provider,
        cases[i].status, cases[i].body, strlen (cases[i].body), &error);

    if (cases[i].url) {
      fail_unless (error == NULL, "%s: %s", cases[i].body, error->message);
      fail_unless_equals_string (url, cases[i].url);
    } else {
      fail_unless (url == NULL, "%s", cases[i].body);
      fail_unless (g_error_matches (error, WAN_ERROR, cases[i].code),
          "%s: %s", cases[i].body, error ? error->message : "no error");
      fail_unless (strstr (error->message, cases[i].message) != NULL,
          "'%s' is not in '%s'", cases[i].message, error->message);
      g_error_free (error);
    }
    g_free (url);
  }
}

GST_END_TEST;

/* DashScope's storage policy answer (docs/providers.md, "Upload
 * (temporary storage)"): "data" in Alibaba's guide, "output" where the
 * SDK reads it; the form fields named as the upload host takes them. */
GST_START_TEST (test_read_policy)
{
  const gchar *const answers[] = {
    "{\"request_id\":\"r\",\"data\":{\"policy\":\"P\",\"signature\":"
        "\"S\",\"upload_dir\":\"dashscope-instant/x/2024-07-18/y\","
        "\"upload_host\":\"https://dashscope-file-x.oss-cn-beijing."
        "aliyuncs.com\",\"expire_in_seconds\":300,\"max_file_size_mb\":"
        "100,\"capacity_limit_mb\":999999999,\"oss_access_key_id\":"
        "\"LTA\",\"x_oss_object_acl\":\"private\","
        "\"x_oss_forbid_overwrite\":\"true\"}}",
    "{\"output\":{\"policy\":\"P\",\"signature\":\"S\",\"upload_dir\":"
        "\"dashscope-instant/x/2024-07-18/y\",\"upload_host\":"
        "\"https://dashscope-file-x.oss-cn-beijing.aliyuncs.com\","
        "\"max_file_size_mb\":\"100\",\"oss_access_key_id\":\"LTA\","
        "\"x_oss_object_acl\":\"private\",\"x_oss_forbid_overwrite\":"
        "\"true\"}}",
  };
  const gchar *const want[] = { "OSSAccessKeyId", "LTA", "Signature", "S",
    "policy", "P", "x-oss-object-acl", "private", "x-oss-forbid-overwrite",
    "true", "success_action_status", "200", NULL
  };
  const gchar *const refused[] = {
    "{\"data\":{\"policy\":\"P\",\"upload_dir\":\"d\",\"upload_host\":"
        "\"https://h\",\"oss_access_key_id\":\"LTA\"}}",
    "{\"data\":{\"policy\":\"P\",\"signature\":\"S\",\"upload_dir\":"
        "\"d\",\"upload_host\":\"file:///etc\",\"oss_access_key_id\":"
        "\"LTA\"}}",
    "{\"code\":\"InvalidApiKey\"}", "<html>proxy</html>",
  };
  const WanUploadSpec *up = wan_provider_dashscope.upload;
  guint i;

  fail_unless_equals_string (up->url_prefix, "oss://");
  fail_unless_equals_string (up->create_header,
      "X-DashScope-OssResourceResolve: enable");
  for (i = 0; i < G_N_ELEMENTS (answers); i++) {
    WanUploadPolicy policy = { NULL };
    GError *error = NULL;

    fail_unless (up->read_policy (answers[i], strlen (answers[i]), &policy,
            &error), "%s", error ? error->message : "");
    fail_unless_equals_string (policy.host,
        "https://dashscope-file-x.oss-cn-beijing.aliyuncs.com");
    fail_unless_equals_string (policy.dir, "dashscope-instant/x/2024-07-18/y");
    fail_unless (g_strv_equal ((const gchar * const *) policy.fields, want));
    fail_unless_equals_uint64 (policy.max_bytes, 100 * 1024 * 1024);
    wan_upload_policy_clear (&policy);
  }
  for (i = 0; i < G_N_ELEMENTS (refused); i++) {
    WanUploadPolicy policy = { NULL };
    GError *error = NULL;

    fail_if (up->read_policy (refused[i], strlen (refused[i]), &policy,
            &error), "%s: accepted", refused[i]);
    fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_PROTOCOL));
    fail_unless (policy.host == NULL && policy.fields == NULL);
    g_error_free (error);
  }
}

GST_END_TEST;

GST_START_TEST (test_poll_schedule)
{
  struct
  {
    gint64 elapsed_ms;
    guint n_polls;
    WanTaskStatus status;
    gint progress, estimated_seconds;
    guint want_ms;
  } cases[] = {
    /* Nothing known (DashScope): 2, 2, then 4 s. */
    {0, 0, WAN_TASK_QUEUED, -1, -1, 2000},
    {2000, 1, WAN_TASK_QUEUED, -1, -1, 2000},
    {30000, 9, WAN_TASK_RUNNING, -1, -1, 4000},
    {8000, 3, WAN_TASK_QUEUED, 0, -1, 4000},
    /* Progress: half the extrapolated remaining time, 1 to 15 s. */
    {30000, 4, WAN_TASK_RUNNING, 50, -1, 15000},
    {54000, 6, WAN_TASK_RUNNING, 90, -1, 3000},
    {59400, 9, WAN_TASK_RUNNING, 99, -1, 1000},
    {10000, 2, WAN_TASK_RUNNING, 10, -1, 15000},
    /* The provider's estimate, when there is no progress. */
    {20000, 2, WAN_TASK_QUEUED, 0, 120, 15000},
    {110000, 9, WAN_TASK_QUEUED, 0, 120, 5000},
    /* Overdue: a quarter of the delay, 1 to 4 s. */
    {70000, 9, WAN_TASK_QUEUED, 0, 60, 2500},
    {65000, 9, WAN_TASK_QUEUED, 0, 60, 1250},
    {300000, 9, WAN_TASK_QUEUED, 0, 60, 4000},
  };
  guint i;

  fail_unless_equals_int (wan_poll_next_ms (0, 0, NULL), 2000);
  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    WanTaskState last = { cases[i].status, cases[i].progress,
      cases[i].estimated_seconds, NULL, NULL, NULL, NULL
    };

    fail_unless_equals_int (wan_poll_next_ms (cases[i].elapsed_ms,
            cases[i].n_polls, &last), cases[i].want_ms);
  }
}

GST_END_TEST;

GST_START_TEST (test_status_path_escapes_id)
{
  gchar *path = wan_provider_status_path (&wan_provider_aimlapi, "a b&c=d");

  fail_unless_equals_string (path,
      "/v2/video/generations?generation_id=a%20b%26c%3Dd");
  g_free (path);
  path = wan_provider_status_path (&wan_provider_dashscope, "../../x");
  fail_unless_equals_string (path, "/api/v1/tasks/..%2F..%2Fx");
  g_free (path);
  /* fal knows a task by its path; anything else stays one escaped part. */
  path = wan_provider_status_path (&wan_provider_fal, "wan/v2.6/requests/80e7");
  fail_unless_equals_string (path, "/wan/v2.6/requests/80e7/status");
  g_free (path);
  path = wan_provider_result_path (&wan_provider_fal, "a/../b");
  fail_unless_equals_string (path, "/a%2F..%2Fb");
  g_free (path);
}

GST_END_TEST;

static Suite *
providers_suite (void)
{
  Suite *s = suite_create ("providers");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_create_bodies);
  tcase_add_loop_test (tc, test_aimlapi_wan_bodies, 0,
      G_N_ELEMENTS (aimlapi_bodies));
  tcase_add_test (tc, test_validation);
  tcase_add_test (tc, test_file_limits);
  tcase_add_test (tc, test_local_paths);
  tcase_add_test (tc, test_parse_create);
  tcase_add_test (tc, test_fal_handle);
  tcase_add_test (tc, test_parse_status);
  tcase_add_test (tc, test_parse_status_errors);
  tcase_add_test (tc, test_parse_error);
  tcase_add_test (tc, test_parse_upload);
  tcase_add_test (tc, test_read_policy);
  tcase_add_test (tc, test_poll_schedule);
  tcase_add_test (tc, test_status_path_escapes_id);
  return s;
}

GST_CHECK_MAIN (providers);
