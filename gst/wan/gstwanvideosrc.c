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
 * wanvideosrc generates a video with Alibaba's Wan2.6 model through one of
 * four provider APIs (DashScope, toapis, evolink, AI/ML API) and outputs the
 * finished MP4 as `video/quicktime` bytes for qtdemux or decodebin.
 *
 * The mode follows from the inputs: #GstWanVideoSrc:reference-uris gives
 * reference-to-video, #GstWanVideoSrc:image-uri image-to-video, a prompt
 * alone text-to-video.  Settings left at their defaults are not sent, so
 * the provider's own defaults apply; a setting the chosen provider cannot
 * honour fails at start, before anything is paid.
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
 * failed), `provider-status`, `progress` (0-100, -1 if unknown) and, when
 * done, `video-url`.  #GST_MESSAGE_PROGRESS messages with the codes
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
 * (images, videos, audio), or a base64 `data:` URI for the aimlapi and
 * DashScope images.  A file the provider has no way to take (a local
 * reference video on toapis or DashScope, local audio anywhere but evolink)
 * fails at start, before anything is paid.  A `upload` progress step
 * reports the uploads.
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
 * gst-launch-1.0 wanvideosrc task-id=0385dc79-5ff8-4d82-bcb6-5c8a2b1e5d2f \
 *     location=resumed.mp4 ! fakesink
 * ]| Fetch the video of an earlier DashScope task without paying again.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstwanvideosrc.h"
#include "gstwanuri.h"
#include "gstwancache.h"
#include "gstwanjournal.h"
#include "gstwaninput.h"
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
#define DEFAULT_RETRIES 5
#define DEFAULT_INSECURE FALSE
#define DEFAULT_CANCEL_ON_STOP FALSE
#define DEFAULT_CACHE GST_WAN_CACHE_SEEDED
#define DEFAULT_CACHE_MAX_SIZE (G_GUINT64_CONSTANT (4) << 30)
#define DEFAULT_JOURNAL TRUE
#define RETRY_FIRST_DELAY_MS 1000
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
      "What the video shows (at most 1500 characters)", NULL, rw);
  properties[PROP_NEGATIVE_PROMPT] = g_param_spec_string ("negative-prompt",
      "Negative prompt", "What the video must not show", NULL, rw);
  properties[PROP_IMAGE_URI] = g_param_spec_string ("image-uri", "Image URI",
      "First frame, image-to-video: an http(s) URL, or a local file (path "
      "or file://) that is uploaded or inlined as the provider allows",
      NULL, rw);
  properties[PROP_REFERENCE_URIS] = gst_param_spec_array ("reference-uris",
      "Reference URIs", "1 to 3 reference videos, reference-to-video: "
      "http(s) URLs, or local files where the provider takes uploads",
      g_param_spec_string ("reference-uri", "Reference URI",
          "http(s) URL or local file of a reference video", NULL,
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
      "Length in seconds (0: provider default; 5, 10 or 15, reference "
      "modes 2 to 10)", 0, wan_request_max_duration (), DEFAULT_DURATION, rw);
  properties[PROP_SEED] = g_param_spec_int64 ("seed", "Seed",
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
      "Generate a soundtrack; only flash models and aimlapi can be silent "
      "(default: not sent, the provider adds sound)", GST_TYPE_WAN_SWITCH,
      DEFAULT_SWITCH, rw);
  properties[PROP_WATERMARK] = g_param_spec_enum ("watermark", "Watermark",
      "Add the provider's watermark, dashscope and toapis (default: not "
      "sent, no watermark)", GST_TYPE_WAN_SWITCH, DEFAULT_SWITCH, rw);
  properties[PROP_SHOT_TYPE] = g_param_spec_enum ("shot-type", "Shot type",
      "One continuous shot or several", GST_TYPE_WAN_SHOT_TYPE,
      DEFAULT_SHOT_TYPE, rw);
  properties[PROP_CALLBACK_URL] = g_param_spec_string ("callback-url",
      "Callback URL", "https URL the provider calls when the task ends "
      "(evolink)", NULL, rw);
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
      "Wan2.6 video generation source", "Source/Video/Network",
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
      "Wan2.6 video generation source");

  gst_type_mark_as_plugin_api (GST_TYPE_WAN_PROVIDER, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_WAN_RESOLUTION, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_WAN_ASPECT_RATIO, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_WAN_SHOT_TYPE, 0);
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
  wan_request_init (&src->req);
  wan_request_init (&src->job_req);
  src->timeout = DEFAULT_TIMEOUT;
  src->poll_interval = DEFAULT_POLL_INTERVAL;
  src->user_agent = g_strdup (DEFAULT_USER_AGENT);
  src->retries = DEFAULT_RETRIES;
  src->cache_mode = DEFAULT_CACHE;
  src->cache_max_size = DEFAULT_CACHE_MAX_SIZE;
  src->journal = DEFAULT_JOURNAL;
  src->cancellable = g_cancellable_new ();
  gst_base_src_set_blocksize (GST_BASE_SRC (src), DEFAULT_BLOCKSIZE);
}

static void
free_key (gchar ** key)
{
  if (*key)
    memset (*key, 0, strlen (*key));
  g_clear_pointer (key, g_free);
}

static void
gst_wan_video_src_finalize (GObject * object)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (object);

  wan_request_clear (&src->req);
  wan_request_clear (&src->job_req);
  g_free (src->base_url);
  free_key (&src->api_key);
  free_key (&src->job_key);
  g_free (src->job_base_url);
  g_free (src->job_resume_id);
  g_free (src->task_id);
  g_free (src->current_task_id);
  g_free (src->uri);
  g_free (src->location);
  g_free (src->cache_dir);
  g_free (src->journal_dir);
  g_free (src->job_location);
  g_free (src->user_agent);
  g_object_unref (src->cancellable);
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
set_string (gchar ** field, const GValue * value)
{
  g_free (*field);
  *field = g_value_dup_string (value);
  if (*field && **field == '\0')
    g_clear_pointer (field, g_free);
}

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

static void
gst_wan_video_src_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (object);
  WanRequest *req = &src->req;

  GST_OBJECT_LOCK (src);
  if (GST_STATE (src) > GST_STATE_READY) {
    GST_OBJECT_UNLOCK (src);
    /* As filesrc does: the change would not reach the running job. */
    g_warning ("Changing the '%s' property of %s while it runs is not "
        "supported: set it in the NULL or READY state", pspec->name,
        GST_OBJECT_NAME (src));
    return;
  }
  if (prop_id == PROP_REFERENCE_URIS && is_split_string (value)) {
    GST_OBJECT_UNLOCK (src);
    g_warning ("%s: reference-uris was given the characters of one string, "
        "not a list of URIs: write \"<https://a.mp4,https://b.mp4>\" (one "
        "URI: \"<https://a.mp4>\"), or a list in Python",
        GST_OBJECT_NAME (src));
    return;
  }
  /* The URI as set describes the element only until something changes
   * (the key is never part of it). */
  if (!src->applying_uri && prop_id != PROP_API_KEY)
    g_clear_pointer (&src->uri, g_free);
  switch (prop_id) {
    case PROP_PROVIDER:
      req->provider = g_value_get_enum (value);
      break;
    case PROP_BASE_URL:
      set_string (&src->base_url, value);
      break;
    case PROP_API_KEY:
      free_key (&src->api_key);
      set_string (&src->api_key, value);
      break;
    case PROP_MODEL:
      set_string (&req->model, value);
      break;
    case PROP_FLASH:
      req->flash = g_value_get_boolean (value);
      break;
    case PROP_PROMPT:
      set_string (&req->prompt, value);
      break;
    case PROP_NEGATIVE_PROMPT:
      set_string (&req->negative_prompt, value);
      break;
    case PROP_IMAGE_URI:
      set_string (&req->image_uri, value);
      break;
    case PROP_REFERENCE_URIS:
      g_strfreev (req->reference_uris);
      req->reference_uris = strv_from_value_array (value);
      break;
    case PROP_AUDIO_URI:
      set_string (&req->audio_uri, value);
      break;
    case PROP_RESOLUTION:
      req->resolution = g_value_get_enum (value);
      break;
    case PROP_ASPECT_RATIO:
      req->aspect_ratio = g_value_get_enum (value);
      break;
    case PROP_DURATION:
      req->duration = g_value_get_uint (value);
      break;
    case PROP_SEED:
      req->seed = g_value_get_int64 (value);
      break;
    case PROP_PROMPT_EXTEND:
      req->prompt_extend = g_value_get_enum (value);
      break;
    case PROP_AUDIO:
      req->audio = g_value_get_enum (value);
      break;
    case PROP_WATERMARK:
      req->watermark = g_value_get_enum (value);
      break;
    case PROP_SHOT_TYPE:
      req->shot_type = g_value_get_enum (value);
      break;
    case PROP_CALLBACK_URL:
      set_string (&req->callback_url, value);
      break;
    case PROP_TASK_ID:
      set_string (&src->task_id, value);
      g_clear_pointer (&src->current_task_id, g_free);
      break;
    case PROP_LOCATION:
      set_string (&src->location, value);
      break;
    case PROP_TIMEOUT:
      src->timeout = g_value_get_uint (value);
      break;
    case PROP_POLL_INTERVAL:
      src->poll_interval = g_value_get_uint (value);
      break;
    case PROP_USER_AGENT:
      set_string (&src->user_agent, value);
      break;
    case PROP_RETRIES:
      src->retries = g_value_get_int (value);
      break;
    case PROP_INSECURE:
      src->insecure = g_value_get_boolean (value);
      break;
    case PROP_CANCEL_ON_STOP:
      src->cancel_on_stop = g_value_get_boolean (value);
      break;
    case PROP_CACHE:
      src->cache_mode = g_value_get_enum (value);
      break;
    case PROP_CACHE_DIR:
      g_free (src->cache_dir);
      src->cache_dir = g_value_dup_string (value);
      break;
    case PROP_CACHE_MAX_SIZE:
      src->cache_max_size = g_value_get_uint64 (value);
      break;
    case PROP_JOURNAL:
      src->journal = g_value_get_boolean (value);
      break;
    case PROP_JOURNAL_DIR:
      set_string (&src->journal_dir, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (src);
}

static void
gst_wan_video_src_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (object);
  WanRequest *req = &src->req;

  GST_OBJECT_LOCK (src);
  switch (prop_id) {
    case PROP_PROVIDER:
      g_value_set_enum (value, req->provider);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, src->base_url);
      break;
    case PROP_MODEL:
      g_value_set_string (value, req->model);
      break;
    case PROP_FLASH:
      g_value_set_boolean (value, req->flash);
      break;
    case PROP_PROMPT:
      g_value_set_string (value, req->prompt);
      break;
    case PROP_NEGATIVE_PROMPT:
      g_value_set_string (value, req->negative_prompt);
      break;
    case PROP_IMAGE_URI:
      g_value_set_string (value, req->image_uri);
      break;
    case PROP_REFERENCE_URIS:
      value_array_from_strv (value, req->reference_uris);
      break;
    case PROP_AUDIO_URI:
      g_value_set_string (value, req->audio_uri);
      break;
    case PROP_RESOLUTION:
      g_value_set_enum (value, req->resolution);
      break;
    case PROP_ASPECT_RATIO:
      g_value_set_enum (value, req->aspect_ratio);
      break;
    case PROP_DURATION:
      g_value_set_uint (value, req->duration);
      break;
    case PROP_SEED:
      g_value_set_int64 (value, req->seed);
      break;
    case PROP_PROMPT_EXTEND:
      g_value_set_enum (value, req->prompt_extend);
      break;
    case PROP_AUDIO:
      g_value_set_enum (value, req->audio);
      break;
    case PROP_WATERMARK:
      g_value_set_enum (value, req->watermark);
      break;
    case PROP_SHOT_TYPE:
      g_value_set_enum (value, req->shot_type);
      break;
    case PROP_CALLBACK_URL:
      g_value_set_string (value, req->callback_url);
      break;
    case PROP_TASK_ID:
      g_value_set_string (value, src->current_task_id ? src->current_task_id
          : src->task_id);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, src->location);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, src->timeout);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, src->poll_interval);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, src->user_agent);
      break;
    case PROP_RETRIES:
      g_value_set_int (value, src->retries);
      break;
    case PROP_INSECURE:
      g_value_set_boolean (value, src->insecure);
      break;
    case PROP_CANCEL_ON_STOP:
      g_value_set_boolean (value, src->cancel_on_stop);
      break;
    case PROP_CACHE:
      g_value_set_enum (value, src->cache_mode);
      break;
    case PROP_CACHE_DIR:
      g_value_set_string (value, src->cache_dir);
      break;
    case PROP_CACHE_MAX_SIZE:
      g_value_set_uint64 (value, src->cache_max_size);
      break;
    case PROP_JOURNAL:
      g_value_set_boolean (value, src->journal);
      break;
    case PROP_JOURNAL_DIR:
      g_value_set_string (value, src->journal_dir);
      break;
    default:
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
  g_value_set_string (value, src->task_id);
  GST_OBJECT_UNLOCK (src);
}

/* The key the user gave, else the environment's.  Never logged. */
static gchar *
find_api_key (const gchar * property, WanProviderId provider)
{
  const gchar *key = property;

  if (key == NULL || *key == '\0')
    key = g_getenv ("WAN_API_KEY");
  if (key == NULL || *key == '\0')
    key = g_getenv (wan_provider_key_env (provider));
  return key && *key ? g_strdup (key) : NULL;
}

/* Without a fixed seed the same request makes another video: serving
 * the old one is only right when the user asks for it. */
static gboolean
is_cacheable (gint cache_mode, const WanRequest * req)
{
  return cache_mode == GST_WAN_CACHE_ALWAYS
      || (cache_mode == GST_WAN_CACHE_SEEDED && req->seed >= 0);
}

/* ------------------------------------------------------------------ */
/* Messages to the application                                          */

static void
post_progress (GstWanVideoSrc * src, GstProgressType type,
    const gchar * code, gint percent, const gchar * format, ...)
G_GNUC_PRINTF (5, 6);

     static void
         post_progress (GstWanVideoSrc * src, GstProgressType type,
    const gchar * code, gint percent, const gchar * format, ...)
{
  GstMessage *msg;
  va_list args;
  gchar *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  msg = gst_message_new_progress (GST_OBJECT (src), type, code, text);
  if (percent >= 0)
    gst_structure_set (gst_message_writable_structure (msg), "percent",
        G_TYPE_INT, percent, NULL);
  gst_element_post_message (GST_ELEMENT (src), msg);
  g_free (text);
}

static void
post_task_message (GstWanVideoSrc * src, const gchar * task_id,
    const WanTaskState * state)
{
  GstStructure *s;

  s = gst_structure_new ("wan-task",
      "task-id", G_TYPE_STRING, task_id,
      "provider", G_TYPE_STRING,
      wan_provider_id_to_string (src->job_req.provider),
      "model", G_TYPE_STRING, wan_request_get_model (&src->job_req),
      "status", G_TYPE_STRING, wan_task_status_to_string (state->status),
      "provider-status", G_TYPE_STRING, state->provider_status,
      "progress", G_TYPE_INT, state->progress, NULL);
  if (state->video_url)
    gst_structure_set (s, "video-url", G_TYPE_STRING, state->video_url, NULL);
  if (state->error_message)
    gst_structure_set (s, "error", G_TYPE_STRING, state->error_message, NULL);
  if (state->queue_position >= 0)
    gst_structure_set (s, "queue-position", G_TYPE_INT, state->queue_position,
        NULL);
  gst_element_post_message (GST_ELEMENT (src),
      gst_message_new_element (GST_OBJECT (src), s));
}

/* WAN_ERROR → GStreamer's error domains, with the provider's own words as
 * the message and everything technical (never the key) as debug. */
static void
post_error (GstWanVideoSrc * src, const GError * error, const gchar * task_id)
{
  GstResourceError code;
  GstStructure *details;
  gchar *text, *debug;

  switch (error->domain == WAN_ERROR ? error->code : -1) {
    case WAN_ERROR_AUTH:
    case WAN_ERROR_QUOTA:
      code = GST_RESOURCE_ERROR_NOT_AUTHORIZED;
      break;
    case WAN_ERROR_NOT_FOUND:
      code = GST_RESOURCE_ERROR_NOT_FOUND;
      break;
    case WAN_ERROR_INVALID:
      code = GST_RESOURCE_ERROR_SETTINGS;
      break;
    case WAN_ERROR_TASK_FAILED:
    case WAN_ERROR_TIMEOUT:
      code = GST_RESOURCE_ERROR_FAILED;
      break;
    case -1:                   /* the spool's file errors */
      code = GST_RESOURCE_ERROR_WRITE;
      break;
    default:
      code = GST_RESOURCE_ERROR_OPEN_READ;
      break;
  }
  /* Once the task succeeded, any failure is one of fetching the video. */
  if (src->downloading && error->domain == WAN_ERROR)
    code = GST_RESOURCE_ERROR_READ;

  text = g_strdup_printf ("%s: %s",
      wan_provider_id_to_string (src->job_req.provider), error->message);
  debug = g_strdup_printf ("provider %s, task %s, HTTP status %u, provider "
      "code %s, request id %s",
      wan_provider_id_to_string (src->job_req.provider),
      task_id ? task_id : "(none)", wan_error_get_http_status (error),
      GST_STR_NULL (wan_error_get_provider_code (error)),
      GST_STR_NULL (wan_error_get_request_id (error)));
  details = gst_structure_new ("details",
      "http-status", G_TYPE_UINT, wan_error_get_http_status (error),
      "provider-code", G_TYPE_STRING, wan_error_get_provider_code (error),
      "request-id", G_TYPE_STRING, wan_error_get_request_id (error),
      "task-id", G_TYPE_STRING, task_id, NULL);
  gst_element_message_full_with_details (GST_ELEMENT (src),
      GST_MESSAGE_ERROR, GST_RESOURCE_ERROR, code, text, debug, __FILE__,
      GST_FUNCTION, __LINE__, details);
}

/* ------------------------------------------------------------------ */
/* The job thread: submit or resume, poll, download into the spool      */

/* Records the job's task in the journal, as it stands now. */
static void
journal_write (GstWanVideoSrc * src, const gchar * task_id)
{
  GstWanJournalEntry entry = {
    (gchar *) wan_provider_id_to_string (src->job_req.provider),
    src->job_base_url, (gchar *) task_id, src->job_created, src->job_partial
  };
  GError *error = NULL;

  if (gst_wan_journal_write (src->job_journal_dir, src->job_digest, &entry,
          &error))
    return;
  GST_ELEMENT_WARNING (src, RESOURCE, WRITE, ("%s", error->message),
      ("if this run does not finish, resume task %s with task-id=%s",
          task_id, task_id));
  g_error_free (error);
}

/* Gives the spool its partial name (LOCATION.part-DIGEST), where a run
 * after a crash finds it; with @resume, continues what is already there.
 * Returns the bytes the spool then holds. */
static guint64
claim_partial (GstWanVideoSrc * src, gboolean resume)
{
  guint64 have = 0;

  if (src->job_partial == NULL)
    return 0;
  if (!gst_wan_spool_use_partial (src->spool, src->job_partial, resume, &have)) {
    GST_INFO_OBJECT (src, "'%s' is in use by another run; the video is "
        "written under a private name", src->job_partial);
    g_clear_pointer (&src->job_partial, g_free);
  }
  return have;
}

static void
on_task_created (const gchar * task_id, gpointer user_data)
{
  GstWanVideoSrc *src = user_data;
  WanTaskState queued = { WAN_TASK_QUEUED, 0, -1, NULL, NULL, NULL, NULL,
    -1
  };

  GST_INFO_OBJECT (src, "created task %s", task_id);
  GST_OBJECT_LOCK (src);
  g_free (src->current_task_id);
  src->current_task_id = g_strdup (task_id);
  GST_OBJECT_UNLOCK (src);
  src->last_status = WAN_TASK_QUEUED;
  /* Paid from now on: a crash must not mean paying again. */
  if (src->job_digest) {
    src->job_created = g_get_real_time () / G_USEC_PER_SEC;
    journal_write (src, task_id);
  }
  g_object_notify_by_pspec (G_OBJECT (src), properties[PROP_TASK_ID]);
  post_task_message (src, task_id, &queued);
  post_progress (src, GST_PROGRESS_TYPE_COMPLETE, "submit", -1,
      "Task %s created", task_id);
  post_progress (src, GST_PROGRESS_TYPE_START, "generate", 0,
      "Generating %s", task_id);
}

static void
on_state_changed (const gchar * task_id, const WanTaskState * state,
    gpointer user_data)
{
  GstWanVideoSrc *src = user_data;

  GST_DEBUG_OBJECT (src, "task %s is %s (%d%%)", task_id,
      state->provider_status, state->progress);
  src->last_status = state->status;
  post_task_message (src, task_id, state);
  if (state->status == WAN_TASK_SUCCEEDED) {
    src->downloading = TRUE;
    post_progress (src, GST_PROGRESS_TYPE_COMPLETE, "generate", 100,
        "Task %s succeeded", task_id);
  } else if (state->status != WAN_TASK_FAILED) {
    gchar *percent = state->progress >= 0 ?
        g_strdup_printf (" %d%%", state->progress) :
        state->queue_position >= 0 ?
        g_strdup_printf (", %d ahead in the queue", state->queue_position) :
        g_strdup ("");

    post_progress (src, GST_PROGRESS_TYPE_CONTINUE, "generate",
        state->progress, "Task %s %s%s", task_id,
        wan_task_status_to_string (state->status), percent);
    g_free (percent);
  }
}

static void
on_download_started (const gchar * url, guint64 content_length,
    gpointer user_data)
{
  GstWanVideoSrc *src = user_data;

  src->content_length = content_length;
  if (content_length > 0)
    gst_wan_spool_expect_size (src->spool, content_length);
  post_progress (src, GST_PROGRESS_TYPE_START, "download", 0,
      "Downloading %" G_GUINT64_FORMAT " bytes", content_length);
}

/* The task succeeded: the bytes a crashed run left of this very task are
 * the start of its video, and only the rest is downloaded. */
static guint64
on_resume_offset (gpointer user_data)
{
  GstWanVideoSrc *src = user_data;
  guint64 have = claim_partial (src, TRUE);

  if (have > 0)
    GST_INFO_OBJECT (src, "continuing '%s' at byte %" G_GUINT64_FORMAT,
        src->job_partial, have);
  src->received = have;
  src->last_percent = 0;
  return have;
}

static gboolean
on_data (const guint8 * data, gsize size, gpointer user_data, GError ** error)
{
  GstWanVideoSrc *src = user_data;
  gint percent;

  if (!gst_wan_spool_append (src->spool, data, size, error))
    return FALSE;
  src->received += size;
  if (src->content_length > 0) {
    percent = MIN (100, src->received * 100 / src->content_length);
    if (percent / 10 > src->last_percent / 10) {
      src->last_percent = percent;
      post_progress (src, GST_PROGRESS_TYPE_CONTINUE, "download", percent,
          "Downloaded %d%%", percent);
    }
  }
  return TRUE;
}

/* cancel-on-stop: the job was stopped before the video was generated.
 * Called on the job thread, so stop() waits for it (bounded by the
 * client's short cancel timeout); the element's own cancellable has
 * fired already, hence a fresh one. */
static gboolean
cancel_task (GstWanVideoSrc * src, WanClient * client, const gchar * task_id)
{
  const gchar *provider = wan_provider_id_to_string (src->job_req.provider);
  GCancellable *cancellable;
  GError *error = NULL;
  gboolean ok;

  if (src->last_status == WAN_TASK_SUCCEEDED
      || src->last_status == WAN_TASK_FAILED)
    return FALSE;
  if (src->last_status == WAN_TASK_RUNNING) {
    GST_ELEMENT_WARNING (src, RESOURCE, FAILED,
        ("Task %s is already generating and cannot be cancelled; it will "
            "finish and be billed (resume it with task-id=%s)", task_id,
            task_id), ("%s cancels only queued tasks", provider));
    return FALSE;
  }
  cancellable = g_cancellable_new ();
  ok = wan_client_cancel_task (client, task_id, cancellable, &error);
  if (ok) {
    GST_INFO_OBJECT (src, "cancelled task %s", task_id);
    post_progress (src, GST_PROGRESS_TYPE_CANCELED, "generate", -1,
        "Task %s cancelled at %s", task_id, provider);
  } else {
    GST_ELEMENT_WARNING (src, RESOURCE, FAILED,
        ("Could not cancel task %s: %s", task_id, error->message),
        ("it may still finish and be billed; resume it with task-id=%s",
            task_id));
    g_error_free (error);
  }
  g_object_unref (cancellable);
  return ok;
}

/* Local inputs become what the provider takes (uploads or data: URIs)
 * into @prepared, a copy of the job's request that names only URLs. */
static gboolean
send_local_inputs (GstWanVideoSrc * src, WanClient * client,
    const gchar * resume_id, WanRequest * prepared, GError ** error)
{
  const gchar *provider = wan_provider_id_to_string (src->job_req.provider);

  if (resume_id || !wan_request_has_local_inputs (&src->job_req)) {
    wan_request_copy (prepared, &src->job_req);
    return TRUE;
  }
  post_progress (src, GST_PROGRESS_TYPE_START, "upload", -1,
      "Sending local inputs to %s", provider);
  if (!wan_client_prepare_inputs (client, &src->job_req, prepared,
          src->cancellable, error))
    return FALSE;
  post_progress (src, GST_PROGRESS_TYPE_COMPLETE, "upload", -1,
      "Local inputs sent to %s", provider);
  return TRUE;
}

/* Copies the finished video into the cache.  This delays EOS by the copy
 * (from the page cache) and its fsync, which is the price of an
 * application hearing about a failed copy while it still listens; stop()
 * cancels the copy between chunks. */
static void
store_in_cache (GstWanVideoSrc * src, const gchar * cache_dir,
    const gchar * digest, guint64 cache_max_size)
{
  GError *error = NULL;

  if (gst_wan_cache_store (cache_dir, digest, src->spool, cache_max_size,
          src->cancellable, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    GST_DEBUG_OBJECT (src, "%s", error->message);
  } else {
    /* The video itself is fine; only the copy for next time failed. */
    GST_WARNING_OBJECT (src, "%s", error->message);
    GST_ELEMENT_WARNING (src, RESOURCE, WRITE, ("%s", error->message),
        ("the video was delivered, but will not be served from the cache"));
  }
  g_error_free (error);
}

/* Submits the request, or resumes @resume_id, and downloads the video. */
static gboolean
run_task (GstWanVideoSrc * src, WanClient * client, const gchar * resume_id,
    const WanRunOptions * options, GError ** error)
{
  const WanTaskCallbacks callbacks = { on_task_created, on_state_changed,
    on_download_started, on_data, on_resume_offset
  };
  WanRequest prepared;
  gboolean ok;

  wan_request_init (&prepared);
  ok = send_local_inputs (src, client, resume_id, &prepared, error);
  if (ok && resume_id)
    post_progress (src, GST_PROGRESS_TYPE_START, "generate", -1,
        "Resuming task %s", resume_id);
  else if (ok)
    post_progress (src, GST_PROGRESS_TYPE_START, "submit", -1,
        "Submitting to %s", wan_provider_id_to_string (src->job_req.provider));
  ok = ok && wan_client_run (client, &prepared, resume_id, options,
      &callbacks, src, src->cancellable, error);
  wan_request_clear (&prepared);
  return ok;
}

/* A task of this very request that an earlier run paid for and did not
 * deliver (it crashed, or was stopped), or NULL. */
static GstWanJournalEntry *
journal_lookup (GstWanVideoSrc * src)
{
  GstWanJournalEntry *entry;
  GError *warning = NULL;

  entry = gst_wan_journal_lookup (src->job_journal_dir, src->job_digest,
      wan_provider_id_to_string (src->job_req.provider), src->job_base_url,
      &warning);
  if (warning) {
    GST_WARNING_OBJECT (src, "%s", warning->message);
    g_error_free (warning);
  }
  if (entry == NULL) {
    /* A new task: its partial file gets its findable name now. */
    claim_partial (src, FALSE);
    return NULL;
  }
  GST_INFO_OBJECT (src, "task %s of this request was paid for and not "
      "delivered: resuming it", entry->task_id);
  src->job_created = entry->created;
  /* Served, not set: like a created id, it is never taken as input. */
  GST_OBJECT_LOCK (src);
  g_free (src->current_task_id);
  src->current_task_id = g_strdup (entry->task_id);
  GST_OBJECT_UNLOCK (src);
  g_object_notify_by_pspec (G_OBJECT (src), properties[PROP_TASK_ID]);
  /* Bytes under another name (another location, or none) are not
   * continued; the entry names the file this run writes instead. */
  if (g_strcmp0 (entry->partial, src->job_partial) != 0) {
    if (entry->partial)
      gst_wan_journal_remove_partial (entry->partial);
    claim_partial (src, FALSE);
    journal_write (src, entry->task_id);
  }
  return entry;
}

/* The journal after the job: a delivered, failed, cancelled or forgotten
 * task leaves no entry and no partial file; any other end (a stop, a
 * network failure, a timeout) keeps both for the next run. */
static void
journal_settle (GstWanVideoSrc * src, const GError * error,
    gboolean cancelled_at_provider)
{
  gboolean gone = error == NULL || cancelled_at_provider
      || g_error_matches (error, WAN_ERROR, WAN_ERROR_TASK_FAILED)
      || g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND);

  if (src->job_journal_dir == NULL)
    return;
  if (gone && src->job_digest)
    gst_wan_journal_forget (src->job_journal_dir, src->job_digest, FALSE);
  else if (gone && src->job_resume_id)
    gst_wan_journal_forget_task (src->job_journal_dir, src->job_resume_id);
  else if (!gone && src->job_partial && error->domain == WAN_ERROR
      && (error->code == WAN_ERROR_CANCELLED
          || error->code == WAN_ERROR_NETWORK
          || error->code == WAN_ERROR_SERVER
          || error->code == WAN_ERROR_RATE_LIMITED
          || error->code == WAN_ERROR_TIMEOUT))
    /* Only bytes the server gave and nothing refused are worth keeping. */
    gst_wan_spool_keep_partial (src->spool, TRUE);
}

static gpointer
gst_wan_video_src_job (gpointer data)
{
  GstWanVideoSrc *src = data;
  WanRunOptions options;
  WanClient *client;
  GError *error = NULL;
  GstWanJournalEntry *entry = NULL;
  gchar *task_id, *cache_dir = NULL, *digest = NULL;
  gboolean ok, cancel_on_stop, cached = FALSE, cancelled_at_provider = FALSE;
  guint64 cache_max_size;

  GST_OBJECT_LOCK (src);
  cancel_on_stop = src->cancel_on_stop;
  /* A task the user named may be any request; one resumed from the
   * journal is this very request. */
  if (src->job_resume_id == NULL && is_cacheable (src->cache_mode,
          &src->job_req))
    cache_dir = src->cache_dir ? g_strdup (src->cache_dir) :
        gst_wan_cache_default_dir ();
  if (src->journal)
    src->job_journal_dir = src->journal_dir ? g_strdup (src->journal_dir) :
        gst_wan_journal_default_dir ();
  cache_max_size = src->cache_max_size;
  options.timeout_seconds = src->timeout;
  options.poll_interval_ms = src->poll_interval;
  client = wan_client_new (src->job_req.provider, src->job_base_url,
      src->job_key);
  wan_client_set_user_agent (client, src->user_agent);
  wan_client_set_retries (client, src->retries, RETRY_FIRST_DELAY_MS);
  GST_OBJECT_UNLOCK (src);

  /* A local file the provider would refuse costs nothing: it is
   * measured before the cache is looked in, before any upload. */
  if (src->job_resume_id == NULL && wan_request_has_local_inputs (&src->job_req)
      && !gst_wan_input_check_local (&src->job_req, src->cancellable, &error)) {
    ok = FALSE;
    goto done;
  }
  if (cache_dir || (src->job_journal_dir && src->job_resume_id == NULL))
    digest = wan_client_request_digest (client, &src->job_req, NULL);
  if (cache_dir && digest) {
    ok = gst_wan_cache_load (cache_dir, digest, src->spool, &cached, &error);
    if (cached)
      goto done;
  }
  /* Only a request the job submits itself is journaled under its digest;
   * a task-id given by the user is the user's to keep. */
  if (src->job_journal_dir && src->job_resume_id == NULL && digest) {
    src->job_digest = g_strdup (digest);
    if (src->job_location)
      src->job_partial = g_strdup_printf ("%s.part-%.16s", src->job_location,
          digest);
    entry = journal_lookup (src);
  }

  ok = run_task (src, client, entry ? entry->task_id : src->job_resume_id,
      &options, &error);
  if (!ok && entry && !src->downloading
      && g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND)) {
    /* The provider forgot the task (or never had it): nothing to resume,
     * and the request is made as if the journal had not known it. */
    GST_WARNING_OBJECT (src, "task %s from the journal is gone (%s): "
        "submitting the request anew", entry->task_id, error->message);
    g_clear_error (&error);
    gst_wan_journal_forget (src->job_journal_dir, src->job_digest, FALSE);
    g_clear_pointer (&entry, gst_wan_journal_entry_free);
    ok = run_task (src, client, NULL, &options, &error);
  }
  ok = ok && gst_wan_spool_commit (src->spool, src->content_length, &error);

done:
  /* The bus hears that the video is complete before downstream can see
   * its end (and post EOS): the spool holds back its end until then. */
  if (ok && cached) {
    post_progress (src, GST_PROGRESS_TYPE_COMPLETE, "download", 100,
        "Served from the cache, without any API call");
    gst_wan_spool_finish (src->spool);
  } else if (ok) {
    journal_settle (src, NULL, FALSE);
    post_progress (src, GST_PROGRESS_TYPE_COMPLETE, "download", 100,
        "Downloaded %" G_GUINT64_FORMAT " bytes", src->received);
    /* Before the finish, so that a failed copy is heard before EOS. */
    if (cache_dir && digest)
      store_in_cache (src, cache_dir, digest, cache_max_size);
    gst_wan_spool_finish (src->spool);
  } else {
    GST_OBJECT_LOCK (src);
    task_id = g_strdup (src->current_task_id);
    GST_OBJECT_UNLOCK (src);
    if (g_error_matches (error, WAN_ERROR, WAN_ERROR_CANCELLED)) {
      GST_DEBUG_OBJECT (src, "job cancelled: %s", error->message);
      post_progress (src, GST_PROGRESS_TYPE_CANCELED, "generate", -1,
          "Cancelled");
      if (cancel_on_stop && task_id)
        cancelled_at_provider = cancel_task (src, client, task_id);
    } else {
      GST_WARNING_OBJECT (src, "job failed: %s", error->message);
      post_error (src, error, task_id);
      post_progress (src, GST_PROGRESS_TYPE_ERROR, src->downloading ?
          "download" : "generate", -1, "%s", error->message);
    }
    journal_settle (src, error, cancelled_at_provider);
    /* Only now wake the reader: its flow error must not reach the bus
     * before the error that says what went wrong. */
    gst_wan_spool_abort (src->spool);
    g_free (task_id);
    g_error_free (error);
  }
  gst_wan_journal_entry_free (entry);
  g_clear_pointer (&src->job_journal_dir, g_free);
  g_clear_pointer (&src->job_digest, g_free);
  g_clear_pointer (&src->job_partial, g_free);
  g_free (digest);
  g_free (cache_dir);
  wan_client_free (client);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* GstBaseSrc                                                           */

static gboolean
gst_wan_video_src_start (GstBaseSrc * bsrc)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (bsrc);
  GstWanSpool *spool;
  GError *error = NULL;
  gchar *location;
  gboolean insecure;

  GST_OBJECT_LOCK (src);
  wan_request_clear (&src->job_req);
  wan_request_copy (&src->job_req, &src->req);
  free_key (&src->job_key);
  src->job_key = find_api_key (src->api_key, src->req.provider);
  g_free (src->job_base_url);
  src->job_base_url = g_strdup (src->base_url ? src->base_url :
      wan_provider_default_base_url (src->req.provider));
  insecure = src->insecure;
  /* Only a task id the user set is resumed: one this element created
   * before belongs to the request it was created for. */
  g_free (src->job_resume_id);
  src->job_resume_id = g_strdup (src->task_id);
  g_free (src->current_task_id);
  src->current_task_id = g_strdup (src->task_id);
  location = g_strdup (src->location);
  g_free (src->job_location);
  src->job_location = g_strdup (location);
  GST_OBJECT_UNLOCK (src);

  src->downloading = FALSE;
  src->tags_sent = FALSE;
  src->last_status = WAN_TASK_STATUS_UNKNOWN;
  src->content_length = 0;
  src->received = 0;
  src->last_percent = 0;

  if (src->job_key == NULL) {
    GST_ELEMENT_ERROR (src, RESOURCE, NOT_AUTHORIZED,
        ("No API key for %s: set the api-key property, WAN_API_KEY or %s",
            wan_provider_id_to_string (src->job_req.provider),
            wan_provider_key_env (src->job_req.provider)), (NULL));
    g_free (location);
    return FALSE;
  }
  /* A resumed task is not sent again, so its settings do not matter. */
  if (!wan_check_base_url (src->job_base_url, insecure, &error)
      || (src->job_resume_id == NULL
          && !wan_request_validate (&src->job_req, &error))) {
    GST_ELEMENT_ERROR (src, RESOURCE, SETTINGS, ("%s", error->message),
        ("invalid settings, nothing was sent"));
    g_error_free (error);
    g_free (location);
    return FALSE;
  }
  spool = gst_wan_spool_new (location, &error);
  g_free (location);
  if (spool == NULL) {
    GST_ELEMENT_ERROR (src, RESOURCE, OPEN_WRITE, ("%s", error->message),
        (NULL));
    g_error_free (error);
    return FALSE;
  }
  GST_OBJECT_LOCK (src);
  src->spool = spool;
  GST_OBJECT_UNLOCK (src);
  g_cancellable_reset (src->cancellable);
  return TRUE;
}

static gboolean
gst_wan_video_src_stop (GstBaseSrc * bsrc)
{
  GstWanVideoSrc *src = GST_WAN_VIDEO_SRC (bsrc);
  GstWanSpool *spool;

  /* Cancelling wakes any transfer or wait in the job at once. */
  g_cancellable_cancel (src->cancellable);
  if (src->job) {
    g_thread_join (src->job);
    src->job = NULL;
  }
  GST_OBJECT_LOCK (src);
  spool = src->spool;
  src->spool = NULL;
  GST_OBJECT_UNLOCK (src);
  /* A query on another thread may still hold a reference: the file goes
   * with the last one. */
  gst_wan_spool_unref (spool);
  free_key (&src->job_key);
  return TRUE;
}

/* queries, unlock() and unlock_stop() come from any thread, also while
 * stop() drops the spool: they take a reference under the object lock. */
static GstWanSpool *
get_spool (GstWanVideoSrc * src)
{
  GstWanSpool *spool;

  GST_OBJECT_LOCK (src);
  spool = src->spool ? gst_wan_spool_ref (src->spool) : NULL;
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
  const WanRequest *req = &src->job_req;

  if (req->prompt)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_TITLE, req->prompt,
        GST_TAG_DESCRIPTION, req->prompt, NULL);
  if (wan_request_get_model (req))
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_ENCODER,
        wan_request_get_model (req), NULL);
  gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_WAN_TAG_PROVIDER,
      wan_provider_id_to_string (req->provider), NULL);
  GST_OBJECT_LOCK (src);
  if (src->current_task_id)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_WAN_TAG_TASK_ID,
        src->current_task_id, NULL);
  GST_OBJECT_UNLOCK (src);
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
  if (src->job == NULL)
    src->job = g_thread_new ("wanvideosrc-job", gst_wan_video_src_job, src);
  ret = gst_wan_spool_read (src->spool, offset, length, buf);
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
