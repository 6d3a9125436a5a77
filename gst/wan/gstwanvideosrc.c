/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-wanvideosrc
 * @title: wanvideosrc
 *
 * wanvideosrc generates a video with one of Alibaba's Wan models (wan2.1
 * to Wan 3.0, see #GstWanVideoSrc:model-family) through one of seven
 * provider APIs (DashScope, toapis, evolink, AI/ML API, fal, Replicate,
 * OpenRouter) and outputs the finished MP4 as `video/quicktime` bytes for
 * qtdemux or decodebin.
 *
 * The mode follows from the inputs unless #GstWanVideoSrc:mode names it:
 * #GstWanVideoSrc:reference-uris gives reference-to-video,
 * #GstWanVideoSrc:image-uri (or #GstWanVideoSrc:video-uri, a clip to
 * continue) image-to-video, a prompt alone text-to-video.  Settings left at their defaults are not sent, so
 * the provider's own defaults apply; a setting the chosen provider cannot
 * honour fails at start, before anything is paid.
 *
 * Newer inputs (issue #14): with `model-family=wan3.0`,
 * #GstWanVideoSrc:reference-uris may also hold audio (`.mp3`, `.wav`, a
 * `data:audio/` URI or a local audio file), sent as reference audio (at
 * most 5, beside up to 10 images and 5 videos); every other model refuses
 * audio references.  For video editing (`mode=edit`, wan2.7-videoedit),
 * #GstWanVideoSrc:audio-setting says what becomes of the sound: `auto`
 * lets the model decide from the prompt, `origin` keeps the input video's;
 * `default` sends nothing, and any other model refuses a value.
 *
 * The API key comes from #GstWanVideoSrc:api-key, else from `WAN_API_KEY`,
 * else from the provider's usual variable (`DASHSCOPE_API_KEY`,
 * `TOAPIS_API_KEY`, `EVOLINK_API_KEY`, `AIMLAPI_API_KEY`, `FAL_KEY`,
 * `REPLICATE_API_TOKEN`, `OPENROUTER_API_KEY`).  It is sent only to the
 * API; the video itself is fetched without it, unless it is served by the
 * API itself (OpenRouter's content endpoint).
 *
 * Going to PAUSED never waits for the network: the task is submitted,
 * polled and downloaded on a thread of its own, into a spool file that
 * serves any byte range as soon as it has arrived (pull mode and seeking
 * work, also for files whose moov atom is at the end).
 *
 * ## Messages
 *
 * An element message named `wan-task` is posted as soon as the task id is
 * known and again whenever status or progress change, with the fields
 * `task-id`, `provider`, `model`, `status` (queued, running, succeeded,
 * failed), `provider-status`, `progress` (0-100, -1 if unknown),
 * `estimated-seconds` (the generation time the provider expects, when it
 * gives one: evolink) and, when done, `video-url`.  #GST_MESSAGE_PROGRESS messages with the codes
 * `upload` (local inputs only), `submit`, `generate` and `download` follow
 * the same steps.
 *
 * Before the first buffer the prompt (as title and description), the model
 * (as encoder), the provider (`wan-provider`) and the task id
 * (`wan-task-id`) are posted as a #GST_MESSAGE_TAG from the source (what
 * gst-launch-1.0 -t prints) and sent downstream as a tag event.  qtdemux,
 * and so decodebin and playbin, do not pass upstream tags on: an
 * application that wants them in a file it writes takes them from the bus
 * message (for instance into a muxer with gst_tag_setter_merge_tags()).
 *
 * ## Local files
 *
 * #GstWanVideoSrc:image-uri, #GstWanVideoSrc:reference-uris and
 * #GstWanVideoSrc:audio-uri also take a path or a `file://` URI.  The file
 * is first measured with the discoverer and held against what the provider
 * documents (formats, size; for evolink each image side 360 to 2000 px, no
 * alpha, reference videos 2 to 30 s, audio 3 to 30 s), then handed over the
 * way that provider allows: toapis' image upload, evolink's file upload
 * (images, videos, audio), fal's storage, DashScope's temporary storage
 * (videos, audio, and the wan2.7 and Wan 3.0 images; the create then names
 * them oss:// URLs), or a base64 `data:` URI for the aimlapi images and the
 * DashScope images a model takes inline.  A file the provider has no way
 * to take (a local reference video on toapis, local audio on aimlapi or
 * Replicate, any local file on OpenRouter) fails at start, before
 * anything is paid.  A `upload` progress step reports the uploads.
 *
 * Keep the task id: setting #GstWanVideoSrc:task-id later resumes the same
 * task (for about 24 hours) without creating, or paying for, a new one.
 *
 * ## Never paying twice
 *
 * Finished videos are kept in #GstWanVideoSrc:cache-dir (by default
 * `$XDG_CACHE_HOME/gst-wan`) under a SHA-256 digest of what the create call
 * sends and to which API: the same request made again is served from there
 * with no API call at all.  Without a fixed #GstWanVideoSrc:seed the same
 * request makes a different video, so by default (`cache=seeded`) only
 * seeded requests are cached; `cache=always` caches every request,
 * `cache=off` none.  #GstWanVideoSrc:cache-max-size caps the directory,
 * deleting the least recently used videos first.
 *
 * A task created but not yet delivered is kept in a journal (by default
 * `$XDG_STATE_HOME/gst-wan/journal`, see #GstWanVideoSrc:journal-dir)
 * under the same digest: after a crash or a stop, the same request resumes
 * that task instead of paying for a new one, and with
 * #GstWanVideoSrc:location continues the partial file
 * (`LOCATION.part-DIGEST16`) with a Range request.  A delivered, failed or
 * cancelled task leaves no entry; entries older than a day are pruned.
 * #GstWanVideoSrc:journal turns it off.
 *
 * ## wan:// URIs
 *
 * As a #GstURIHandler for `wan://PROVIDER?property=value&…`, the element
 * serves playbin, uridecodebin and gst-play-1.0.  Every query key is one of
 * its properties (percent-encoded, `+` reads as a space; an array such as
 * `reference-uris` repeats its key once per item), settings the URI does not
 * name keep their defaults, and the API key is never read from a URI nor
 * written into one:
 * |[
 * gst-play-1.0 "wan://dashscope?prompt=A%20red%20kite&resolution=720p"
 * ]|
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 -m wanvideosrc prompt="A cat stretching in the sun" \
 *     location=cat.mp4 ! decodebin ! videoconvert ! autovideosink
 * ]| Text to video with DashScope (key in DASHSCOPE_API_KEY), keeping a
 * copy of the MP4 in cat.mp4.
 * |[
 * gst-launch-1.0 wanvideosrc provider=toapis flash=true audio=false \
 *     image-uri=https://example.com/cat.png prompt="The cat wakes up" \
 *     ! qtdemux ! h264parse ! avdec_h264 ! videoconvert ! autovideosink
 * ]| Silent image-to-video with the toapis flash model.
 * |[
 * gst-launch-1.0 wanvideosrc provider=evolink duration=8 \
 *     reference-uris="<https://example.com/a.mp4,https://example.com/b.mp4>" \
 *     prompt="The two of them dance" ! decodebin ! videoconvert ! autovideosink
 * ]| Reference-to-video with evolink.
 * |[
 * gst-launch-1.0 wanvideosrc provider=aimlapi resolution=720p \
 *     image-uri=https://example.com/face.jpg prompt="She smiles" \
 *     ! decodebin ! videoconvert ! x264enc ! mp4mux ! filesink location=out.mp4
 * ]| Image-to-video with the AI/ML API, re-encoded.
 * |[
 * gst-launch-1.0 wanvideosrc provider=evolink image-uri=photo.jpg \
 *     audio-uri=file:///home/me/song.mp3 prompt="She sings along" \
 *     ! decodebin ! videoconvert ! autovideosink
 * ]| Local files: evolink uploads the image and the song first.
 * |[
 * gst-launch-1.0 wanvideosrc model-family=wan2.7 image-uri=first.png \
 *     last-frame-uri=last.png prompt="The bud opens" duration=5 \
 *     ! decodebin ! videoconvert ! autovideosink
 * ]| wan2.7 from a first to a last frame on DashScope, both local files
 * put in its temporary storage first.
 * |[
 * gst-launch-1.0 wanvideosrc model-family=wan2.7 mode=edit \
 *     video-uri=https://example.com/clip.mp4 audio-setting=origin \
 *     prompt="Make it snow" ! decodebin ! videoconvert ! autovideosink
 * ]| wan2.7-videoedit, keeping the clip's own sound.
 * |[
 * gst-launch-1.0 wanvideosrc provider=fal model-family=wan2.5 \
 *     prompt="A lighthouse at dusk" resolution=480p duration=10 \
 *     ! decodebin ! videoconvert ! autovideosink
 * ]| Wan 2.5 through fal's queue (key in FAL_KEY).
 * |[
 * gst-launch-1.0 wanvideosrc task-id=0385dc79-5ff8-4d82-bcb6-5c8a2b1e5d2f \
 *     location=resumed.mp4 ! fakesink
 * ]| Fetch the video of an earlier DashScope task without paying again.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "gstwanvideosrc.h"
#include "gstwanuri.h"
#include "gstwanenums.h"

GST_DEBUG_CATEGORY_STATIC (gst_wan_video_src_debug);
#define GST_CAT_DEFAULT gst_wan_video_src_debug

enum
{
  PROP_0,
  PROP_PROVIDER,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_MODEL,
  PROP_FLASH,
  PROP_PROMPT,
  PROP_NEGATIVE_PROMPT,
  PROP_IMAGE_URI,
  PROP_REFERENCE_URIS,
  PROP_AUDIO_URI,
  PROP_RESOLUTION,
  PROP_ASPECT_RATIO,
  PROP_DURATION,
  PROP_SEED,
  PROP_PROMPT_EXTEND,
  PROP_AUDIO,
  PROP_WATERMARK,
  PROP_SHOT_TYPE,
  PROP_CALLBACK_URL,
  PROP_MODEL_FAMILY,
  PROP_MODE,
  PROP_LAST_FRAME_URI,
  PROP_VIDEO_URI,
  PROP_AUDIO_SETTING,
  PROP_TASK_ID,
  PROP_LOCATION,
  PROP_TIMEOUT,
  PROP_POLL_INTERVAL,
  PROP_USER_AGENT,
  PROP_RETRIES,
  PROP_INSECURE,
  PROP_CANCEL_ON_STOP,
  PROP_CACHE,
  PROP_CACHE_DIR,
  PROP_CACHE_MAX_SIZE,
  PROP_JOURNAL,
  PROP_JOURNAL_DIR,
  N_PROPERTIES
};

#define DEFAULT_PROVIDER WAN_PROVIDER_DASHSCOPE
#define DEFAULT_FLASH FALSE
#define DEFAULT_RESOLUTION WAN_RESOLUTION_DEFAULT
#define DEFAULT_ASPECT_RATIO WAN_ASPECT_DEFAULT
#define DEFAULT_DURATION 0
#define DEFAULT_SEED -1
#define DEFAULT_SWITCH GST_WAN_SWITCH_DEFAULT
#define DEFAULT_SHOT_TYPE WAN_SHOT_DEFAULT
#define DEFAULT_TIMEOUT 1800
#define DEFAULT_POLL_INTERVAL 0
#define DEFAULT_USER_AGENT "GStreamer wanvideosrc " PACKAGE_VERSION
#define DEFAULT_RETRIES WAN_DEFAULT_RETRIES
#define DEFAULT_INSECURE FALSE
#define DEFAULT_CANCEL_ON_STOP FALSE
#define DEFAULT_CACHE GST_WAN_CACHE_SEEDED
#define DEFAULT_CACHE_MAX_SIZE (G_GUINT64_CONSTANT (4) << 30)
#define DEFAULT_JOURNAL TRUE
/* Reads much larger than basesrc's 4 KiB default: the source is a file. */
#define DEFAULT_BLOCKSIZE (64 * 1024)

static GParamSpec *properties[N_PROPERTIES];

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("video/quicktime"));

#define gst_wan_video_src_parent_class parent_class
static void gst_wan_video_src_uri_handler_init (gpointer g_iface,
    gpointer iface_data);

G_DEFINE_TYPE_WITH_CODE (GstWanVideoSrc, gst_wan_video_src, GST_TYPE_BASE_SRC,
    G_IMPLEMENT_INTERFACE (GST_TYPE_URI_HANDLER,
        gst_wan_video_src_uri_handler_init));
GST_ELEMENT_REGISTER_DEFINE (wanvideosrc, "wanvideosrc", GST_RANK_NONE,
    GST_TYPE_WAN_VIDEO_SRC);

static void gst_wan_video_src_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec);
static void gst_wan_video_src_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec);
static void gst_wan_video_src_finalize (GObject * object);
static gboolean gst_wan_video_src_start (GstBaseSrc * bsrc);
static gboolean gst_wan_video_src_stop (GstBaseSrc * bsrc);
static gboolean gst_wan_video_src_unlock (GstBaseSrc * bsrc);
static gboolean gst_wan_video_src_unlock_stop (GstBaseSrc * bsrc);
static gboolean gst_wan_video_src_is_seekable (GstBaseSrc * bsrc);
static gboolean gst_wan_video_src_get_size (GstBaseSrc * bsrc, guint64 * size);
static gboolean gst_wan_video_src_query (GstBaseSrc * bsrc, GstQuery * query);
static gboolean gst_wan_video_src_event (GstBaseSrc * bsrc, GstEvent * event);
static GstFlowReturn gst_wan_video_src_create (GstBaseSrc * bsrc,
    guint64 offset, guint length, GstBuffer ** buf);

static void
gst_wan_video_src_class_init (GstWanVideoSrcClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSrcClass *basesrc_class = GST_BASE_SRC_CLASS (klass);
  /* Every setting is read when the element starts: a change while it runs
   * would not take effect, and the getters and the URI would no longer
   * describe the video being made. */
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
      GST_PARAM_MUTABLE_READY;

  gobject_class->set_property = gst_wan_video_src_set_property;
  gobject_class->get_property = gst_wan_video_src_get_property;
  gobject_class->finalize = gst_wan_video_src_finalize;

  properties[PROP_PROVIDER] = g_param_spec_enum ("provider", "Provider",
      "The API that runs the generation", GST_TYPE_WAN_PROVIDER,
      DEFAULT_PROVIDER, rw);
  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", "Base URL",
      "API address (NULL: the provider's own; DashScope regions: "
      "https://dashscope-intl.aliyuncs.com, https://dashscope.aliyuncs.com, "
      "https://dashscope-us.aliyuncs.com)", NULL, rw);
  properties[PROP_API_KEY] = g_param_spec_string ("api-key", "API key",
      "Provider API key (write-only; NULL: WAN_API_KEY, then the "
      "provider's own variable such as DASHSCOPE_API_KEY)", NULL,
      G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY);
  properties[PROP_MODEL] = g_param_spec_string ("model", "Model",
      "Model id to send (NULL: chosen from provider, mode and flash)", NULL,
      rw);
  properties[PROP_FLASH] = g_param_spec_boolean ("flash", "Flash",
      "Use the provider's faster flash model (needs image-uri or "
      "reference-uris)", DEFAULT_FLASH, rw);
  properties[PROP_PROMPT] = g_param_spec_string ("prompt", "Prompt",
      "What the video shows (wan2.6: at most 1500 characters; each "
      "model's own limit is checked at start)", NULL, rw);
  properties[PROP_NEGATIVE_PROMPT] = g_param_spec_string ("negative-prompt",
      "Negative prompt", "What the video must not show", NULL, rw);
  properties[PROP_IMAGE_URI] = g_param_spec_string ("image-uri", "Image URI",
      "First frame, image-to-video: an http(s) URL, or a local file (path "
      "or file://) that is uploaded or inlined as the provider allows",
      NULL, rw);
  properties[PROP_REFERENCE_URIS] = gst_param_spec_array ("reference-uris",
      "Reference URIs", "Reference images and videos, reference-to-video "
      "(wan2.6: 1 to 3), or images for mode=edit: http(s) URLs, or local "
      "files where the provider takes them; the kind comes from the "
      "extension, a data: URI's media type or a local file's content",
      g_param_spec_string ("reference-uri", "Reference URI",
          "http(s) URL or local file of a reference image or video", NULL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS), rw);
  properties[PROP_AUDIO_URI] = g_param_spec_string ("audio-uri", "Audio URI",
      "Soundtrack the video follows: an http(s) URL, or a local file where "
      "the provider takes uploads", NULL, rw);
  properties[PROP_RESOLUTION] = g_param_spec_enum ("resolution",
      "Resolution", "Output resolution", GST_TYPE_WAN_RESOLUTION,
      DEFAULT_RESOLUTION, rw);
  properties[PROP_ASPECT_RATIO] = g_param_spec_enum ("aspect-ratio",
      "Aspect ratio", "Output aspect ratio (text and reference modes)",
      GST_TYPE_WAN_ASPECT_RATIO, DEFAULT_ASPECT_RATIO, rw);
  /* The range is the union of what the models take, so that gst-inspect
   * shows what can work; each model's own list is checked at start. */
  properties[PROP_DURATION] = g_param_spec_uint ("duration", "Duration",
      "Length in seconds (0: provider default; wan2.6: 5, 10 or 15, "
      "reference modes 2 to 10; other models as their row says)", 0,
      wan_request_max_duration (), DEFAULT_DURATION, rw);
  properties[PROP_SEED] =
      g_param_spec_int64 ("seed", "Seed",
      "Random seed, 0 to 2147483647 (-1: not sent, random)", -1, G_MAXINT32,
      DEFAULT_SEED, rw);
  /* Three-way switches rather than booleans: a boolean has no value that
   * means "not sent", and evolink refuses a watermark field even set to
   * false.  "default" sets any of them back to unset. */
  properties[PROP_PROMPT_EXTEND] = g_param_spec_enum ("prompt-extend",
      "Prompt extend", "Let the provider rewrite the prompt (default: not "
      "sent, the provider decides; most rewrite)", GST_TYPE_WAN_SWITCH,
      DEFAULT_SWITCH, rw);
  properties[PROP_AUDIO] = g_param_spec_enum ("audio", "Audio",
      "Generate a soundtrack; only flash models and some aimlapi models can "
      "be silent (default: not sent, the provider adds sound)",
      GST_TYPE_WAN_SWITCH, DEFAULT_SWITCH, rw);
  properties[PROP_WATERMARK] = g_param_spec_enum ("watermark", "Watermark",
      "Add the provider's watermark, dashscope and toapis (default: not "
      "sent, no watermark)", GST_TYPE_WAN_SWITCH, DEFAULT_SWITCH, rw);
  properties[PROP_SHOT_TYPE] = g_param_spec_enum ("shot-type", "Shot type",
      "One continuous shot or several", GST_TYPE_WAN_SHOT_TYPE,
      DEFAULT_SHOT_TYPE, rw);
  properties[PROP_CALLBACK_URL] = g_param_spec_string ("callback-url",
      "Callback URL", "https URL the provider calls when the task ends "
      "(evolink)", NULL, rw);
  properties[PROP_MODEL_FAMILY] = g_param_spec_enum ("model-family",
      "Model family", "Wan generation to route to, with mode and the "
      "inputs (model overrides it)", GST_TYPE_WAN_FAMILY, WAN_FAMILY_2_6, rw);
  properties[PROP_MODE] = g_param_spec_enum ("mode", "Mode",
      "What to generate (auto: from the inputs; edit needs video-uri)",
      GST_TYPE_WAN_MODE, WAN_MODE_AUTO, rw);
  properties[PROP_LAST_FRAME_URI] = g_param_spec_string ("last-frame-uri",
      "Last frame URI", "Last frame, with image-uri or video-uri (wan2.7, "
      "Wan 3.0, and the wan2.2/2.1 first-and-last-frame models): an http(s) "
      "URL or a local file", NULL, rw);
  properties[PROP_VIDEO_URI] = g_param_spec_string ("video-uri", "Video URI",
      "Input video: the clip to continue (image-to-video) or, with "
      "mode=edit, the video to edit: an http(s) URL or a local file", NULL, rw);
  properties[PROP_AUDIO_SETTING] = g_param_spec_enum ("audio-setting",
      "Audio setting", "The sound of an edited video (wan2.7-videoedit): "
      "auto lets the model decide from the prompt, origin keeps the input's "
      "(default: not sent, the provider's auto)", GST_TYPE_WAN_AUDIO_SETTING,
      WAN_AUDIO_SETTING_DEFAULT, rw);
  properties[PROP_TASK_ID] = g_param_spec_string ("task-id", "Task ID",
      "Set to resume an existing task instead of creating one.  Reads back "
      "the task being (or last) served, notified as soon as a new one is "
      "created; a created id is never resumed unless it is set again",
      NULL, rw);
  properties[PROP_LOCATION] = g_param_spec_string ("location", "Location",
      "Where to keep the MP4 (written under a temporary name, renamed when "
      "complete; NULL: not kept)", NULL, rw);
  properties[PROP_TIMEOUT] = g_param_spec_uint ("timeout", "Timeout",
      "Longest wait for the generation in seconds (0: no limit)", 0,
      G_MAXUINT, DEFAULT_TIMEOUT, rw);
  properties[PROP_POLL_INTERVAL] = g_param_spec_uint ("poll-interval",
      "Poll interval", "Milliseconds between status requests (0: adaptive)",
      0, G_MAXUINT, DEFAULT_POLL_INTERVAL, rw);
  properties[PROP_USER_AGENT] = g_param_spec_string ("user-agent",
      "User-Agent", "HTTP User-Agent", DEFAULT_USER_AGENT, rw);
  properties[PROP_RETRIES] = g_param_spec_int ("retries", "Retries",
      "How often a transient failure (no connection, 429, 5xx, a broken "
      "download) is retried, with exponential backoff or the server's "
      "Retry-After (-1: forever).  A create whose answer was lost is never "
      "resent", -1, G_MAXINT, DEFAULT_RETRIES, rw);
  properties[PROP_INSECURE] = g_param_spec_boolean ("insecure", "Insecure",
      "Allow a plain http base-url to a host other than loopback (the key "
      "would travel unencrypted)", DEFAULT_INSECURE, rw);
  properties[PROP_CANCEL_ON_STOP] = g_param_spec_boolean ("cancel-on-stop",
      "Cancel on stop", "Ask the provider to cancel the task when the "
      "element stops before the video is generated (dashscope, while the "
      "task is queued; stopping then waits up to 10 s for the answer).  "
      "Off: a stopped task keeps running and can be resumed with task-id",
      DEFAULT_CANCEL_ON_STOP, rw);
  properties[PROP_CACHE] = g_param_spec_enum ("cache", "Cache",
      "Serve a request made before from the local cache, without any API "
      "call, and keep new videos there", GST_TYPE_WAN_CACHE_MODE,
      DEFAULT_CACHE, rw);
  properties[PROP_CACHE_DIR] = g_param_spec_string ("cache-dir",
      "Cache directory", "Where cached videos are kept (NULL: "
      "$XDG_CACHE_HOME/gst-wan)", NULL, rw);
  properties[PROP_CACHE_MAX_SIZE] = g_param_spec_uint64 ("cache-max-size",
      "Cache size limit", "Bytes the cache may hold before the least "
      "recently used videos are deleted (0: no limit)", 0, G_MAXUINT64,
      DEFAULT_CACHE_MAX_SIZE, rw);
  properties[PROP_JOURNAL] = g_param_spec_boolean ("journal", "Journal",
      "Remember a created task until its video is delivered, so that the "
      "same request after a crash resumes it (and continues a partial "
      "location file) instead of paying for a new one", DEFAULT_JOURNAL, rw);
  properties[PROP_JOURNAL_DIR] = g_param_spec_string ("journal-dir",
      "Journal directory", "Where the journal is kept (NULL: "
      "$XDG_STATE_HOME/gst-wan/journal)", NULL, rw);
  g_object_class_install_properties (gobject_class, N_PROPERTIES, properties);

  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "Wan video generation source", "Source/Video/Network",
      "Generates a video with Alibaba's Wan2.6 model and outputs the MP4",
      "gst-wan developers");

  basesrc_class->start = GST_DEBUG_FUNCPTR (gst_wan_video_src_start);
  basesrc_class->stop = GST_DEBUG_FUNCPTR (gst_wan_video_src_stop);
  basesrc_class->unlock = GST_DEBUG_FUNCPTR (gst_wan_video_src_unlock);
  basesrc_class->unlock_stop =
      GST_DEBUG_FUNCPTR (gst_wan_video_src_unlock_stop);
  basesrc_class->is_seekable =
      GST_DEBUG_FUNCPTR (gst_wan_video_src_is_seekable);
  basesrc_class->get_size = GST_DEBUG_FUNCPTR (gst_wan_video_src_get_size);
  basesrc_class->query = GST_DEBUG_FUNCPTR (gst_wan_video_src_query);
  basesrc_class->create = GST_DEBUG_FUNCPTR (gst_wan_video_src_create);
  basesrc_class->event = GST_DEBUG_FUNCPTR (gst_wan_video_src_event);

  GST_DEBUG_CATEGORY_INIT (gst_wan_video_src_debug, "wanvideosrc", 0,
      "Wan video generation source");

  gst_type_mark_as_plugin_api (GST_TYPE_WAN_PROVIDER, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_WAN_RESOLUTION, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_WAN_ASPECT_RATIO, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_WAN_SHOT_TYPE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_WAN_AUDIO_SETTING, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_WAN_CACHE_MODE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_WAN_SWITCH, 0);

  gst_tag_register_static (GST_WAN_TAG_PROVIDER, GST_TAG_FLAG_META,
      G_TYPE_STRING, "Wan provider", "Provider API that generated the video",
      gst_tag_merge_use_first);
  gst_tag_register_static (GST_WAN_TAG_TASK_ID, GST_TAG_FLAG_META,
      G_TYPE_STRING, "Wan task id", "Provider's id of the generation task "
      "(resumable with the task-id property)", gst_tag_merge_use_first);
}

static void
gst_wan_video_src_init (GstWanVideoSrc * src)
{
  GstWanSettings *s = &src->settings;

  gst_wan_settings_init (s);
  s->timeout = DEFAULT_TIMEOUT;
  s->poll_interval = DEFAULT_POLL_INTERVAL;
  s->user_agent = g_strdup (DEFAULT_USER_AGENT);
  s->retries = DEFAULT_RETRIES;
  s->cache_mode = DEFAULT_CACHE;
  s->cache_max_size = DEFAULT_CACHE_MAX_SIZE;
  s->journal = DEFAULT_JOURNAL;
  gst_base_src_set_blocksize (GST_BASE_SRC (src), DEFAULT_BLOCKSIZE);
}

static void
gst_wan_video_src_finalize (GObject * object)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (object);

  gst_wan_settings_clear (&src->settings);
  g_free (src->served_task_id);
  g_free (src->uri);
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

/* ------------------------------------------------------------------ */
/* Properties                                                           */

/* Where each property is kept in GstWanSettings; its type is its
 * pspec's.  The API key, the reference URIs and the task id need more
 * than a copy and are handled on their own, without an entry here. */
#define FIELD(member) G_STRUCT_OFFSET (GstWanSettings, member)
static const gsize property_fields[N_PROPERTIES] = {
  [PROP_PROVIDER] = FIELD (req.provider),
  [PROP_BASE_URL] = FIELD (base_url),
  [PROP_MODEL] = FIELD (req.model),
  [PROP_FLASH] = FIELD (req.flash),
  [PROP_PROMPT] = FIELD (req.prompt),
  [PROP_NEGATIVE_PROMPT] = FIELD (req.negative_prompt),
  [PROP_IMAGE_URI] = FIELD (req.image_uri),
  [PROP_AUDIO_URI] = FIELD (req.audio_uri),
  [PROP_RESOLUTION] = FIELD (req.resolution),
  [PROP_ASPECT_RATIO] = FIELD (req.aspect_ratio),
  [PROP_DURATION] = FIELD (req.duration),
  [PROP_SEED] = FIELD (req.seed),
  [PROP_PROMPT_EXTEND] = FIELD (req.prompt_extend),
  [PROP_AUDIO] = FIELD (req.audio),
  [PROP_WATERMARK] = FIELD (req.watermark),
  [PROP_SHOT_TYPE] = FIELD (req.shot_type),
  [PROP_CALLBACK_URL] = FIELD (req.callback_url),
  [PROP_MODEL_FAMILY] = FIELD (req.family),
  [PROP_MODE] = FIELD (req.mode),
  [PROP_LAST_FRAME_URI] = FIELD (req.last_frame_uri),
  [PROP_VIDEO_URI] = FIELD (req.video_uri),
  [PROP_AUDIO_SETTING] = FIELD (req.audio_setting),
  [PROP_LOCATION] = FIELD (location),
  [PROP_TIMEOUT] = FIELD (timeout),
  [PROP_POLL_INTERVAL] = FIELD (poll_interval),
  [PROP_USER_AGENT] = FIELD (user_agent),
  [PROP_RETRIES] = FIELD (retries),
  [PROP_INSECURE] = FIELD (insecure),
  [PROP_CANCEL_ON_STOP] = FIELD (cancel_on_stop),
  [PROP_CACHE] = FIELD (cache_mode),
  [PROP_CACHE_DIR] = FIELD (cache_dir),
  [PROP_CACHE_MAX_SIZE] = FIELD (cache_max_size),
  [PROP_JOURNAL] = FIELD (journal),
  [PROP_JOURNAL_DIR] = FIELD (journal_dir),
};

#undef FIELD

static gchar **
strv_from_value_array (const GValue * value)
{
  guint i, n = gst_value_array_get_size (value);
  GPtrArray *strv = g_ptr_array_new ();

  for (i = 0; i < n; i++) {
    const gchar *s = g_value_get_string (gst_value_array_get_value (value, i));

    if (s && *s)
      g_ptr_array_add (strv, g_strdup (s));
  }
  g_ptr_array_add (strv, NULL);
  if (strv->len == 1) {
    g_ptr_array_free (strv, TRUE);
    return NULL;
  }
  return (gchar **) g_ptr_array_free (strv, FALSE);
}

/* A string where a list was wanted reaches us as its characters, one
 * item each (Python's Gst.ValueArray("https://…") does that): never a
 * list of URIs, so it is refused rather than sent as files "h", "t"… */
static gboolean
is_split_string (const GValue * value)
{
  guint i, n = gst_value_array_get_size (value);

  for (i = 0; i < n; i++) {
    const gchar *s = g_value_get_string (gst_value_array_get_value (value, i));

    if (s == NULL || strlen (s) != 1)
      return FALSE;
  }
  return n > 1;
}

static void
value_array_from_strv (GValue * value, gchar ** strv)
{
  for (; strv && *strv; strv++) {
    GValue s = G_VALUE_INIT;

    g_value_init (&s, G_TYPE_STRING);
    g_value_set_string (&s, *strv);
    gst_value_array_append_and_take_value (value, &s);
  }
}

/* Why a change is refused, warned about; TRUE when it may be made. */
static gboolean
may_set (GstWanVideoSrc * src, guint prop_id, const GValue * value,
    GParamSpec * pspec)
{
  if (GST_STATE (src) > GST_STATE_READY) {
    /* As filesrc does: the change would not reach the running job. */
    g_warning ("Changing the '%s' property of %s while it runs is not "
        "supported: set it in the NULL or READY state", pspec->name,
        GST_OBJECT_NAME (src));
    return FALSE;
  }
  if (prop_id == PROP_REFERENCE_URIS && is_split_string (value)) {
    g_warning ("%s: reference-uris was given the characters of one string, "
        "not a list of URIs: write \"<https://a.mp4,https://b.mp4>\" (one "
        "URI: \"<https://a.mp4>\"), or a list in Python",
        GST_OBJECT_NAME (src));
    return FALSE;
  }
  return TRUE;
}

static void
gst_wan_video_src_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (object);
  GstWanSettings *s = &src->settings;

  GST_OBJECT_LOCK (src);
  if (!may_set (src, prop_id, value, pspec)) {
    GST_OBJECT_UNLOCK (src);
    return;
  }
  /* The URI as set describes the element only until something changes
   * (the key is never part of it). */
  if (!src->applying_uri && prop_id != PROP_API_KEY)
    g_clear_pointer (&src->uri, g_free);
  switch (prop_id) {
    case PROP_API_KEY:
      gst_wan_settings_free_key (&s->api_key);
      gst_wan_settings_set_string (&s->api_key, value);
      break;
    case PROP_REFERENCE_URIS:
      g_strfreev (s->req.reference_uris);
      s->req.reference_uris = strv_from_value_array (value);
      break;
    case PROP_TASK_ID:
      gst_wan_settings_set_string (&s->task_id, value);
      g_clear_pointer (&src->served_task_id, g_free);
      break;
    case PROP_CACHE_DIR:
      /* Kept as given: an empty one is the current directory. */
      g_free (s->cache_dir);
      s->cache_dir = g_value_dup_string (value);
      break;
    default:
      if (prop_id > PROP_0 && prop_id < N_PROPERTIES)
        gst_wan_settings_set_field (s, property_fields[prop_id], value);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (src);
}

/* The task being served: a job's while the element runs, else the one
 * the last job served, else the one the user set. */
static gchar *
dup_task_id (GstWanVideoSrc * src)
{
  if (src->job)
    return gst_wan_job_dup_task_id (src->job);
  return g_strdup (src->served_task_id ? src->served_task_id :
      src->settings.task_id);
}

static void
gst_wan_video_src_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (object);
  GstWanSettings *s = &src->settings;

  GST_OBJECT_LOCK (src);
  switch (prop_id) {
    case PROP_REFERENCE_URIS:
      value_array_from_strv (value, s->req.reference_uris);
      break;
    case PROP_TASK_ID:
      g_value_take_string (value, dup_task_id (src));
      break;
    default:
      if (prop_id > PROP_0 && prop_id < N_PROPERTIES)
        gst_wan_settings_get_field (s, property_fields[prop_id], value);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (src);
}

/* What the user set, for the URI: the task id this element created is
 * not part of the request. */
static void
gst_wan_video_src_get_input (GObject * object, GParamSpec * pspec,
    GValue * value)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (object);

  if (pspec != properties[PROP_TASK_ID]) {
    g_object_get_property (object, pspec->name, value);
    return;
  }
  GST_OBJECT_LOCK (src);
  g_value_set_string (value, src->settings.task_id);
  GST_OBJECT_UNLOCK (src);
}

/* ------------------------------------------------------------------ */
/* GstBaseSrc                                                           */

/* Everything is read now: the job works from a copy of the settings, and
 * what it cannot do fails here, before anything is sent. */
static gboolean
gst_wan_video_src_start (GstBaseSrc * bsrc)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (bsrc);
  GstWanSettings settings;
  GstWanJob *job;

  GST_OBJECT_LOCK (src);
  gst_wan_settings_copy (&settings, &src->settings);
  GST_OBJECT_UNLOCK (src);
  job = gst_wan_job_new (GST_ELEMENT (src), &settings);
  gst_wan_settings_clear (&settings);
  if (job == NULL)
    return FALSE;
  GST_OBJECT_LOCK (src);
  src->job = job;
  g_clear_pointer (&src->served_task_id, g_free);
  GST_OBJECT_UNLOCK (src);
  src->tags_sent = FALSE;
  return TRUE;
}

static gboolean
gst_wan_video_src_stop (GstBaseSrc * bsrc)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (bsrc);
  GstWanJob *job = src->job;

  if (job == NULL)
    return TRUE;
  /* The job may still create a task (and notify task-id) until its thread
   * has ended; only then is the id it served final. */
  gst_wan_job_stop (job);
  GST_OBJECT_LOCK (src);
  src->served_task_id = gst_wan_job_dup_task_id (job);
  src->job = NULL;
  GST_OBJECT_UNLOCK (src);
  gst_wan_job_free (job);
  return TRUE;
}

/* queries, unlock() and unlock_stop() come from any thread, also while
 * stop() drops the job: they take a reference under the object lock. */
static GstWanSpool *
get_spool (GstWanVideoSrc * src)
{
  GstWanSpool *spool = NULL;

  GST_OBJECT_LOCK (src);
  if (src->job)
    spool = gst_wan_spool_ref (gst_wan_job_get_spool (src->job));
  GST_OBJECT_UNLOCK (src);
  return spool;
}


static void
set_flushing (GstWanVideoSrc * src, gboolean flushing)
{
  GstWanSpool *spool = get_spool (src);

  if (spool) {
    gst_wan_spool_set_flushing (spool, flushing);
    gst_wan_spool_unref (spool);
  }
}

static gboolean
gst_wan_video_src_unlock (GstBaseSrc * bsrc)
{
  /* Only the reader is woken: a flushing seek must not stop the download
   * that is still filling the spool.  stop() ends the job itself. */
  set_flushing (GST_WAN_VIDEO_SRC (bsrc), TRUE);
  return TRUE;
}

static gboolean
gst_wan_video_src_unlock_stop (GstBaseSrc * bsrc)
{
  set_flushing (GST_WAN_VIDEO_SRC (bsrc), FALSE);
  return TRUE;
}

/* The final size, once complete or announced. */
static gboolean
spool_size (GstWanVideoSrc * src, guint64 * size)
{
  GstWanSpool *spool = get_spool (src);
  gboolean known;

  if (spool == NULL)
    return FALSE;
  known = gst_wan_spool_get_size (spool, size);
  gst_wan_spool_unref (spool);
  return known;
}

static gboolean
gst_wan_video_src_is_seekable (GstBaseSrc * bsrc)
{
  return TRUE;
}

static gboolean
gst_wan_video_src_get_size (GstBaseSrc * bsrc, guint64 * size)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (bsrc);

  return spool_size (src, size);
}

static gboolean
gst_wan_video_src_query (GstBaseSrc * bsrc, GstQuery * query)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (bsrc);
  GstFormat format;
  guint64 size;

  switch (GST_QUERY_TYPE (query)) {
    case GST_QUERY_SCHEDULING:
      /* basesrc would start() and stop() the element to find out whether
       * it can pull; answering here keeps that probe away from the job. */
      gst_query_set_scheduling (query, GST_SCHEDULING_FLAG_SEEKABLE, 1, -1, 0);
      gst_query_add_scheduling_mode (query, GST_PAD_MODE_PUSH);
      gst_query_add_scheduling_mode (query, GST_PAD_MODE_PULL);
      return TRUE;
    case GST_QUERY_DURATION:
    case GST_QUERY_SEEKING:
      /* basesrc only knows the size it saw at start(), when nothing had
       * been downloaded; the spool knows it as soon as the server says.
       * qtdemux in push mode needs it to seek to a moov at the end. */
      if (GST_QUERY_TYPE (query) == GST_QUERY_DURATION)
        gst_query_parse_duration (query, &format, NULL);
      else
        gst_query_parse_seeking (query, &format, NULL, NULL, NULL);
      /* Only the demuxer knows how long the video plays.  basesrc would
       * answer a TIME duration with -1, and qtdemux takes an answer from
       * upstream over the one in the moov. */
      if (GST_QUERY_TYPE (query) == GST_QUERY_DURATION
          && format != GST_FORMAT_BYTES)
        return FALSE;
      if (format != GST_FORMAT_BYTES || !spool_size (src, &size))
        break;
      if (GST_QUERY_TYPE (query) == GST_QUERY_DURATION)
        gst_query_set_duration (query, GST_FORMAT_BYTES, size);
      else
        gst_query_set_seeking (query, GST_FORMAT_BYTES, TRUE, 0, size);
      return TRUE;
    default:
      break;
  }
  return GST_BASE_SRC_CLASS (parent_class)->query (bsrc, query);
}

/* The caps never change and buffers are plain memory, so a RECONFIGURE
 * from downstream has nothing to renegotiate.  Acting on it would cost
 * more than nothing: basesrc's renegotiation sends a serialized ALLOCATION
 * query, which a queue in front of qtdemux holds until it drains, and
 * qtdemux may be waiting for the very bytes this thread would deliver next
 * (a moov atom at the end of the file). */
static gboolean
gst_wan_video_src_event (GstBaseSrc * bsrc, GstEvent * event)
{
  if (GST_EVENT_TYPE (event) == GST_EVENT_RECONFIGURE) {
    gst_pad_check_reconfigure (GST_BASE_SRC_PAD (bsrc));
    return TRUE;
  }
  return GST_BASE_SRC_CLASS (parent_class)->event (bsrc, event);
}

/* What was asked, of whom, for muxers downstream to keep. */
static GstTagList *
make_tags (GstWanVideoSrc * src)
{
  GstTagList *tags = gst_tag_list_new_empty ();
  const WanRequest *req = gst_wan_job_get_request (src->job);
  gchar *task_id = gst_wan_job_dup_task_id (src->job);

  if (req->prompt)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_TITLE, req->prompt,
        GST_TAG_DESCRIPTION, req->prompt, NULL);
  if (wan_request_get_model (req))
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_ENCODER,
        wan_request_get_model (req), NULL);
  gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_WAN_TAG_PROVIDER,
      wan_provider_id_to_string (req->provider), NULL);
  if (task_id)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_WAN_TAG_TASK_ID,
        task_id, NULL);
  g_free (task_id);
  return tags;
}

/* create() rather than fill(): the spool hands out buffers that map its
 * file, so basesrc must not allocate and copy into one of its own. */
static GstFlowReturn
gst_wan_video_src_create (GstBaseSrc * bsrc, guint64 offset, guint length,
    GstBuffer ** buf)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (bsrc);
  GstFlowReturn ret;

  /* The job starts with the first read, not in start(): nothing is paid
   * for until data is really wanted. */
  gst_wan_job_launch (src->job);
  ret = gst_wan_spool_read (gst_wan_job_get_spool (src->job), offset, length,
      buf);
  if (ret == GST_FLOW_OK && !src->tags_sent) {
    GstTagList *tags = make_tags (src);

    /* Only now is the task id sure to be known.  qtdemux drops upstream
     * tags (it has no pads yet, and in pull mode nothing is pushed), so
     * the application hears them on the bus. */
    src->tags_sent = TRUE;
    gst_element_post_message (GST_ELEMENT (src),
        gst_message_new_tag (GST_OBJECT (src), gst_tag_list_ref (tags)));
    gst_pad_push_event (GST_BASE_SRC_PAD (bsrc), gst_event_new_tag (tags));
  }
  if (ret == GST_FLOW_OK) {
    GST_BUFFER_OFFSET (*buf) = offset;
    GST_BUFFER_OFFSET_END (*buf) = offset + gst_buffer_get_size (*buf);
  }
  return ret;
}

/* ------------------------------------------------------------------ */
/* GstURIHandler: wan://PROVIDER?property=value&…  (gstwanuri.c)        */

static GstURIType
gst_wan_video_src_uri_get_type (GType type)
{
  return GST_URI_SRC;
}

static const gchar *const *
gst_wan_video_src_uri_get_protocols (GType type)
{
  static const gchar *const protocols[] = { GST_WAN_URI_SCHEME, NULL };

  return protocols;
}

/* The URI as set, so that stream ids stay the same each time a player
 * opens it (GES discovers a clip, then plays it); built from the
 * properties when they were set otherwise. */
static gchar *
gst_wan_video_src_uri_get_uri (GstURIHandler * handler)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (handler);
  gchar *uri;

  GST_OBJECT_LOCK (src);
  uri = g_strdup (src->uri);
  GST_OBJECT_UNLOCK (src);
  return uri ? uri : gst_wan_uri_build (G_OBJECT (handler),
      gst_wan_video_src_get_input);
}

static gboolean
gst_wan_video_src_uri_set_uri (GstURIHandler * handler, const gchar * uri,
    GError ** error)
{
  GstElement *element = GST_ELEMENT (handler);

  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (handler);
  gboolean ok;

  if (GST_STATE (element) > GST_STATE_READY) {
    g_set_error (error, GST_URI_ERROR, GST_URI_ERROR_BAD_STATE,
        "the URI can only be changed in the NULL or READY state");
    return FALSE;
  }
  src->applying_uri = TRUE;
  ok = gst_wan_uri_apply (G_OBJECT (handler), uri, error);
  src->applying_uri = FALSE;
  GST_OBJECT_LOCK (src);
  g_free (src->uri);
  src->uri = ok ? g_strdup (uri) : NULL;
  GST_OBJECT_UNLOCK (src);
  return ok;
}

static void
gst_wan_video_src_uri_handler_init (gpointer g_iface, gpointer iface_data)
{
  GstURIHandlerInterface *iface = (GstURIHandlerInterface *) g_iface;

  iface->get_type = gst_wan_video_src_uri_get_type;
  iface->get_protocols = gst_wan_video_src_uri_get_protocols;
  iface->get_uri = gst_wan_video_src_uri_get_uri;
  iface->set_uri = gst_wan_video_src_uri_set_uri;
}
