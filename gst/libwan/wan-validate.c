/* gst-wan: a request checked against its provider's documented limits
 *
 * Every limit is read from the provider's model table, so the table is the
 * one place where a limit lives.  Messages name the element property (the
 * same words an application using the C API sees in the header).  Pure.
 *
 * A request is validated once per job: wan_plan_new() checks it and
 * returns the plan that everything after it takes.
 */

#include <gio/gio.h>
#include "wan-validate.h"
#include "wan-error.h"
#include "wan-input.h"
#include "wan-providers.h"
#include "wan-request-private.h"

static gchar *describe_formats (const gchar * const *formats);

/* The providers' "MB" are 1024 × 1024 bytes. */
#define MB (1024.0 * 1024.0)

/* The providers refuse callbacks to loopback and private addresses. */
static gboolean
is_private_host (const gchar * host)
{
  GInetAddress *addr;
  gboolean private;

  if (g_ascii_strcasecmp (host, "localhost") == 0
      || g_str_has_suffix (host, ".localhost"))
    return TRUE;
  addr = g_inet_address_new_from_string (host);
  if (addr == NULL)
    return FALSE;
  private = g_inet_address_get_is_loopback (addr)
      || g_inet_address_get_is_site_local (addr)
      || g_inet_address_get_is_link_local (addr)
      || g_inet_address_get_is_any (addr);
  g_object_unref (addr);
  return private;
}

static GError *
check_callback_url (const gchar * url, const gchar * provider)
{
  GUri *uri;
  GError *error = NULL;
  const gchar *host;

  if (strlen (url) > WAN_MAX_CALLBACK_URL)
    return wan_error_invalid ("callback-url: %s accepts at most %d characters",
        provider, WAN_MAX_CALLBACK_URL);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
    error =
        wan_error_invalid
        ("callback-url: %s only calls back https URLs, not '%s'", provider,
        url);
  else if ((host = g_uri_get_host (uri)) == NULL || is_private_host (host))
    error = wan_error_invalid ("callback-url: %s refuses loopback and private "
        "addresses ('%s')", provider, url);
  if (uri)
    g_uri_unref (uri);
  return error;
}

/* "5, 10 or 15" or "2 to 10", as the documentation words it. */
static gchar *
describe_durations (guint mask)
{
  GString *s = g_string_new (NULL);
  guint n, lo = 0, hi = 0, count = 0;

  for (n = 0; n < 32; n++) {
    if (mask & (1u << n)) {
      if (lo == 0)
        lo = n;
      hi = n;
      count++;
    }
  }
  if (count == hi - lo + 1 && count > 3) {
    g_string_printf (s, "%u to %u", lo, hi);
  } else {
    for (n = 0; n < 32; n++) {
      if (!(mask & (1u << n)))
        continue;
      if (s->len > 0)
        g_string_append (s, n == hi ? " or " : ", ");
      g_string_append_printf (s, "%u", n);
    }
  }
  return g_string_free (s, FALSE);
}

static const struct
{
  WanParams param;
  const gchar *property;
} param_names[] = {
  {WAN_PARAM_NEGATIVE_PROMPT, "negative-prompt"},
  {WAN_PARAM_AUDIO_URI, "audio-uri"},
  {WAN_PARAM_RESOLUTION, "resolution"},
  {WAN_PARAM_ASPECT_RATIO, "aspect-ratio"},
  {WAN_PARAM_SEED, "seed"},
  {WAN_PARAM_PROMPT_EXTEND, "prompt-extend"},
  {WAN_PARAM_WATERMARK, "watermark"},
  {WAN_PARAM_SHOT_TYPE, "shot-type"},
  {WAN_PARAM_CALLBACK_URL, "callback-url"},
  {WAN_PARAM_AUDIO_SETTING, "audio-setting"},
};

/* The optional fields this request sets. */
static guint
params_set (const WanRequest * req)
{
  guint set = 0;

  if (wan_str_is_set (req->negative_prompt))
    set |= WAN_PARAM_NEGATIVE_PROMPT;
  if (wan_str_is_set (req->audio_uri))
    set |= WAN_PARAM_AUDIO_URI;
  if (req->resolution != WAN_RESOLUTION_DEFAULT)
    set |= WAN_PARAM_RESOLUTION;
  if (req->aspect_ratio != WAN_ASPECT_DEFAULT)
    set |= WAN_PARAM_ASPECT_RATIO;
  if (req->seed >= 0)
    set |= WAN_PARAM_SEED;
  if (req->prompt_extend != WAN_UNSET)
    set |= WAN_PARAM_PROMPT_EXTEND;
  if (req->watermark != WAN_UNSET)
    set |= WAN_PARAM_WATERMARK;
  if (req->shot_type != WAN_SHOT_DEFAULT)
    set |= WAN_PARAM_SHOT_TYPE;
  if (wan_str_is_set (req->callback_url))
    set |= WAN_PARAM_CALLBACK_URL;
  if (req->audio_setting != WAN_AUDIO_SETTING_DEFAULT)
    set |= WAN_PARAM_AUDIO_SETTING;
  return set;
}

/* The words for a family in a message: nothing for the default one, so
 * the wan2.6 messages read as they always did. */
static const gchar *
family_suffix (const WanRequest * req)
{
  return req->family == WAN_FAMILY_2_6 ? "" :
      req->family == WAN_FAMILY_2_7 ? " in wan2.7" :
      req->family == WAN_FAMILY_3_0 ? " in wan3.0" :
      req->family == WAN_FAMILY_2_5 ? " in wan2.5" :
      req->family == WAN_FAMILY_2_2 ? " in wan2.2" : " in wan2.1";
}

/* An explicit model id the table knows: its own row, whatever the
 * family, so that its layout and limits apply. */
static GError *
check_model_id (const WanProvider * p, const WanRequest * req, WanMode mode,
    const WanModelSpec ** spec_out)
{
  const WanModelSpec *spec = wan_provider_find_model_id (p, req->model, mode);

  if (spec == NULL)
    return NULL;
  if (spec->mode != mode)
    return wan_error_invalid ("mode: %s %s does not do %s (it does %s)",
        p->name, req->model, wan_mode_to_string (mode),
        wan_mode_to_string (spec->mode));
  *spec_out = spec;
  return NULL;
}

/* No flash model for this mode: say which inputs the provider's flash
 * models do take, so that the message never suggests one it lacks. */
static GError *
flash_refused (const WanProvider * p, const WanRequest * req, WanMode mode)
{
  gboolean i2v = wan_provider_find_model (p, req->family, WAN_MODE_I2V, TRUE,
      0) != NULL;
  gboolean r2v = wan_provider_find_model (p, req->family, WAN_MODE_R2V, TRUE,
      0) != NULL;

  if (!i2v && !r2v)
    return wan_error_invalid ("flash: %s has no flash model%s", p->name,
        family_suffix (req));
  if ((mode == WAN_MODE_R2V && !r2v) || (mode == WAN_MODE_I2V && !i2v))
    return wan_error_invalid ("flash: %s has no %s flash model%s; its flash "
        "model takes %s", p->name, wan_mode_to_string (mode),
        family_suffix (req), i2v ? "image-uri" : "reference-uris");
  return wan_error_invalid ("flash: the %s flash models%s need %s; they "
      "cannot generate from a prompt alone", p->name, family_suffix (req),
      i2v && r2v ? "image-uri or reference-uris" :
      i2v ? "image-uri" : "reference-uris");
}

static GError *
check_model (const WanProvider * p, const WanRequest * req, WanMode mode,
    const WanModelSpec ** spec_out)
{
  WanFamily fam = req->family;
  guint needs = wan_request_needs (req, mode);
  const WanModelSpec *spec;
  GError *err;

  *spec_out = NULL;
  if (wan_str_is_set (req->model)) {
    err = check_model_id (p, req, mode, spec_out);
    if (err != NULL || *spec_out != NULL)
      return err;
  }
  if (!wan_provider_has_family (p, fam))
    return wan_error_invalid ("model-family: %s is not offered by %s",
        wan_family_to_string (fam), p->name);
  spec = wan_provider_find_model (p, fam, mode, req->flash, needs);
  if (spec == NULL && req->flash)
    return flash_refused (p, req, mode);
  if (spec == NULL && mode == WAN_MODE_T2V
      && wan_provider_find_model (p, fam, WAN_MODE_I2V, FALSE, 0))
    return wan_error_invalid ("image-uri: %s only offers image-to-video%s; "
        "set image-uri", p->name, family_suffix (req));
  if (spec == NULL && mode == WAN_MODE_R2V)
    return wan_error_invalid ("reference-uris: %s does not offer %s%s",
        p->name, wan_mode_to_string (mode), family_suffix (req));
  if (spec == NULL)
    return wan_error_invalid ("mode: %s does not offer %s%s", p->name,
        wan_mode_to_string (mode), family_suffix (req));
  *spec_out = spec;
  return NULL;
}

static GError *
local_refused (const WanProvider * p, const gchar * property,
    WanInputKind kind, const gchar * uri)
{
  gchar *path = wan_input_get_local_path (uri);
  GError *error =
      wan_error_invalid ("%s: %s takes %s only as an http(s) URL, and "
      "'%s' is a local file; put it on a web server, or use a provider that "
      "takes local files", property, p->name,
      wan_input_kind_to_noun (kind), path);

  g_free (path);
  return error;
}

/* Where an input may be: a local file the provider has a way to take, or
 * a URL (a data: URI only for an image the model takes inline). */
static GError *
check_input_place (const WanProvider * p, const WanModelSpec * spec,
    const gchar * property, WanInputKind kind, const gchar * uri)
{
  WanUriClass class = wan_uri_classify (uri);

  if (class == WAN_URI_LOCAL
      && wan_provider_local_way (p, spec, kind) == WAN_LOCAL_NONE)
    return local_refused (p, property, kind, uri);
  if (class == WAN_URI_LOCAL || class == WAN_URI_WEB)
    return NULL;
  /* A file the provider's own storage holds (dashscope's oss://, as
   * wan_client_prepare_inputs() leaves it). */
  if (p->upload && p->upload->url_prefix
      && g_str_has_prefix (uri, p->upload->url_prefix)
      && uri[strlen (p->upload->url_prefix)] != '\0')
    return NULL;
  switch (kind) {
    case WAN_INPUT_IMAGE:
      if (class == WAN_URI_DATA && spec->image_data_uri)
        return NULL;
      return
          wan_error_invalid ("%s: %s needs an http(s) URL%s or a local "
          "file, not '%.64s'", property, p->name,
          spec->image_data_uri ? ", a data: URI" : "", uri);
    case WAN_INPUT_VIDEO:
      return
          wan_error_invalid ("%s: %s needs http(s) URLs or local "
          "files, not '%.64s'", property, p->name, uri);
    default:
      return
          wan_error_invalid
          ("%s: %s needs an http(s) URL or a local file, " "not '%.64s'",
          property, p->name, uri);
  }
}

typedef struct
{
  const WanProvider *provider;
  const WanModelSpec *spec;
} InputCheck;

static gboolean
check_one_input (WanInputKind kind, const gchar * property, gchar ** uri,
    gpointer data, GError ** error)
{
  InputCheck *c = data;
  GError *err = check_input_place (c->provider, c->spec, property, kind,
      *uri);

  if (err == NULL)
    return TRUE;
  g_propagate_error (error, err);
  return FALSE;
}

/* An input the model does not take at all. */
static GError *
not_taken (const WanProvider * p, const WanModelSpec * spec,
    const gchar * property)
{
  return wan_error_invalid ("%s: not taken by %s %s (%s)", property, p->name,
      spec->model, wan_mode_to_string (spec->mode));
}

/* What a model takes among references, for messages. */
static const gchar *
references_taken (guint takes)
{
  if (takes & WAN_TAKES_REF_AUDIOS)
    return "reference images, videos and audio";
  if ((takes & WAN_TAKES_REF_IMAGES) && (takes & WAN_TAKES_REF_VIDEOS))
    return "reference images and videos";
  return (takes & WAN_TAKES_REF_IMAGES) ? "reference images" :
      "reference videos";
}

/* One reference's kind against what the model takes (media layouts name
 * each one's kind, so there it must be known). */
static GError *
check_reference_kind (const WanProvider * p, const WanModelSpec * spec,
    guint takes, const gchar * uri, WanInputKind * kind)
{
  static const WanTakes taken[WAN_N_INPUT_KINDS] = { WAN_TAKES_REF_IMAGES,
    WAN_TAKES_REF_VIDEOS, WAN_TAKES_REF_AUDIOS
  };

  *kind = WAN_INPUT_VIDEO;
  if (!wan_input_guess_kind (uri, kind) && spec->layout == WAN_LAYOUT_MEDIA)
    return wan_error_invalid ("reference-uris: cannot tell whether "
        "'%.64s' is an image or a video%s (%s %s needs to know); give it a "
        "file extension such as .png, .jpg, .mp4 or .mov%s", uri,
        (takes & WAN_TAKES_REF_AUDIOS) ? " or audio" : "", p->name,
        spec->model, (takes & WAN_TAKES_REF_AUDIOS) ? ", .mp3 or .wav" : "");
  if (!(takes & taken[*kind]))
    return wan_error_invalid ("reference-uris: '%.64s' is %s; %s %s takes "
        "only %s", uri, wan_input_kind_to_noun (*kind), p->name, spec->model,
        references_taken (takes));
  return NULL;
}

/* The references' kinds and numbers against what the model takes. */
static GError *
check_reference_kinds (const WanProvider * p, const WanModelSpec * spec,
    const WanRequest * req, guint takes)
{
  const guint max[WAN_N_INPUT_KINDS] = { spec->max_ref_images,
    spec->max_ref_videos, spec->max_ref_audios
  };
  static const gchar *const plurals[WAN_N_INPUT_KINDS] = { "images",
    "videos", "audio files"
  };
  guint i, count[WAN_N_INPUT_KINDS] = { 0 };
  guint n = wan_request_n_references (req);
  WanInputKind kind;
  GError *err;

  for (i = 0; i < n; i++) {
    err = check_reference_kind (p, spec, takes, req->reference_uris[i], &kind);
    if (err)
      return err;
    count[kind]++;
  }
  if (spec->max_references && n > spec->max_references)
    return wan_error_invalid ("reference-uris: %u given, %s %s accepts at "
        "most %u", n, p->name, spec->model, spec->max_references);
  for (i = 0; i < WAN_N_INPUT_KINDS; i++) {
    if (max[i] && count[i] > max[i])
      return wan_error_invalid ("reference-uris: %u %s given, %s %s "
          "accepts at most %u", count[i], plurals[i], p->name, spec->model,
          max[i]);
  }
  return NULL;
}

/* Which inputs the model's mode and row take, and which it needs
 * (docs/providers.md, "DashScope layouts": valid media sets). */
static GError *
check_mode_inputs (const WanProvider * p, const WanModelSpec * spec,
    const WanRequest * req)
{
  guint takes = wan_model_takes (spec);
  gboolean image = wan_str_is_set (req->image_uri);
  gboolean video = wan_str_is_set (req->video_uri);
  gboolean refs = wan_request_n_references (req) > 0;
  WanMode mode = spec->mode;

  if (image && refs && !(mode == WAN_MODE_R2V
          && (takes & WAN_TAKES_FIRST_FRAME)))
    return wan_error_invalid ("image-uri: cannot be combined with "
        "reference-uris (%s %s)", p->name, spec->model);
  if (image && mode != WAN_MODE_I2V && !(takes & WAN_TAKES_FIRST_FRAME))
    return not_taken (p, spec, "image-uri");
  if (wan_str_is_set (req->last_frame_uri)
      && !(takes & WAN_TAKES_LAST_FRAME))
    return not_taken (p, spec, "last-frame-uri");
  if (video && mode != WAN_MODE_EDIT && !(takes & WAN_TAKES_CLIP))
    return not_taken (p, spec, "video-uri");
  if (refs && mode != WAN_MODE_R2V && !(takes & WAN_TAKES_REF_IMAGES))
    return not_taken (p, spec, "reference-uris");
  if (mode == WAN_MODE_I2V && !image && !video)
    return wan_error_invalid ("image-uri: %s %s needs a first frame%s",
        p->name, spec->model, (takes & WAN_TAKES_CLIP) ?
        ", or video-uri (a clip to continue)" : "");
  if (mode == WAN_MODE_I2V && image && video)
    return wan_error_invalid ("video-uri: cannot be combined with image-uri "
        "on %s %s: a video starts from a first frame or from a clip, not "
        "both", p->name, spec->model);
  if (video && !image && wan_str_is_set (req->last_frame_uri)
      && (spec->takes & WAN_TAKES_LAST_AFTER_IMAGE))
    return wan_error_invalid ("last-frame-uri: %s %s takes a last frame "
        "only after image-uri (a first frame), not after video-uri",
        p->name, spec->model);
  if (mode == WAN_MODE_I2V && video && wan_str_is_set (req->audio_uri))
    return wan_error_invalid ("audio-uri: %s %s takes driving audio only "
        "with a first frame, not with video-uri", p->name, spec->model);
  if (mode == WAN_MODE_R2V && !refs)
    return wan_error_invalid ("reference-uris: %s %s needs at least one "
        "reference", p->name, spec->model);
  if (mode == WAN_MODE_EDIT && !video)
    return wan_error_invalid ("video-uri: %s %s needs the video to edit",
        p->name, spec->model);
  return refs ? check_reference_kinds (p, spec, req, takes) : NULL;
}

static GError *
check_inputs (const WanProvider * p, const WanModelSpec * spec,
    const WanRequest * req)
{
  InputCheck check = { p, spec };
  guint refs = wan_request_n_references (req);
  guint max_prompt = spec->max_prompt ? spec->max_prompt : WAN_MAX_PROMPT_CHARS;
  GError *err = NULL;

  if (spec->prompt_required && !wan_str_is_set (req->prompt))
    return wan_error_invalid ("prompt: %s needs a prompt for %s", p->name,
        wan_mode_to_string (spec->mode));
  if (req->prompt && g_utf8_strlen (req->prompt, -1) > max_prompt)
    return wan_error_invalid ("prompt: %ld characters, %s accepts at most %u",
        g_utf8_strlen (req->prompt, -1), p->name, max_prompt);
  if (spec->max_negative_prompt && req->negative_prompt
      && g_utf8_strlen (req->negative_prompt, -1) > spec->max_negative_prompt)
    return wan_error_invalid ("negative-prompt: %ld characters, %s %s "
        "accepts at most %u", g_utf8_strlen (req->negative_prompt, -1),
        p->name, spec->model, spec->max_negative_prompt);
  if (refs > WAN_MAX_REFERENCES && spec->max_references == 0)
    return
        wan_error_invalid
        ("reference-uris: %u videos given, %s accepts 1 to %d", refs, p->name,
        WAN_MAX_REFERENCES);
  err = check_mode_inputs (p, spec, req);
  if (err)
    return err;
  /* Only reads: the walk replaces nothing. */
  if (!wan_request_foreach_input ((WanRequest *) req, check_one_input,
          &check, &err))
    return err;
  if (wan_str_is_set (req->callback_url))
    return check_callback_url (req->callback_url, p->name);
  return NULL;
}

static gboolean
has_reference_video (const WanRequest * req)
{
  guint i;

  for (i = 0; req->reference_uris && req->reference_uris[i]; i++) {
    WanInputKind kind = WAN_INPUT_VIDEO;

    wan_input_guess_kind (req->reference_uris[i], &kind);
    if (kind == WAN_INPUT_VIDEO)
      return TRUE;
  }
  return FALSE;
}

/* "480p, 720p or 1080p". */
static gchar *
describe_resolutions (guint mask)
{
  static const WanResolution order[] = { WAN_RESOLUTION_480P,
    WAN_RESOLUTION_720P, WAN_RESOLUTION_1080P
  };
  const gchar *words[4] = { NULL };
  guint i, n = 0;

  for (i = 0; i < G_N_ELEMENTS (order); i++)
    if (mask & WAN_RES (order[i]))
      words[n++] = wan_resolution_to_string (order[i]);
  return describe_formats (words);
}

/* "16:9 or 9:16". */
static gchar *
describe_aspect_ratios (guint mask)
{
  const gchar *words[WAN_ASPECT_ADAPTIVE + 1] = { NULL };
  guint a, n = 0;

  for (a = WAN_ASPECT_16_9; a <= WAN_ASPECT_ADAPTIVE; a++)
    if (mask & WAN_ASPECT (a))
      words[n++] = wan_aspect_ratio_to_string (a);
  return describe_formats (words);
}

/* Some rows take fewer ratios than the five of the wan2.6 family (e.g.
 * OpenRouter's alibaba/wan-2.6, docs/providers.md "OpenRouter"). */
static GError *
check_aspect_ratio (const WanProvider * p, const WanModelSpec * spec,
    const WanRequest * req)
{
  gchar *words;
  GError *error;

  if (spec->aspect_ratios == 0 || req->aspect_ratio == WAN_ASPECT_DEFAULT
      || (spec->aspect_ratios & WAN_ASPECT (req->aspect_ratio)))
    return NULL;
  words = describe_aspect_ratios (spec->aspect_ratios);
  error = wan_error_invalid ("aspect-ratio: %s %s accepts %s, not %s",
      p->name, spec->model, words,
      wan_aspect_ratio_to_string (req->aspect_ratio));
  g_free (words);
  return error;
}

/* Resolution and aspect ratio against the model's row. */
static GError *
check_picture (const WanProvider * p, const WanModelSpec * spec,
    const WanRequest * req)
{
  guint allowed = spec->resolutions ? spec->resolutions : WAN_RES_720_1080;
  gboolean sized = spec->layout == WAN_LAYOUT_WAN26
      && spec->mode != WAN_MODE_I2V;

  if (req->resolution != WAN_RESOLUTION_DEFAULT
      && !(allowed & WAN_RES (req->resolution))) {
    gchar *words = describe_resolutions (allowed);
    GError *error = wan_error_invalid ("resolution: %s %s accepts %s, not %s",
        p->name, spec->model, words, wan_resolution_to_string
        (req->resolution));

    g_free (words);
    return error;
  }
  if (req->aspect_ratio == WAN_ASPECT_ADAPTIVE
      && !(spec->takes & WAN_TAKES_ADAPTIVE))
    return wan_error_invalid ("aspect-ratio: adaptive is only for Wan 3.0 "
        "(model-family=wan3.0), not %s %s", p->name, spec->model);
  if (sized && req->resolution == WAN_RESOLUTION_480P
      && (req->aspect_ratio == WAN_ASPECT_4_3
          || req->aspect_ratio == WAN_ASPECT_3_4))
    return wan_error_invalid ("aspect-ratio: %s %s has no %s size at 480p "
        "(16:9, 9:16 or 1:1)", p->name, spec->model,
        wan_aspect_ratio_to_string (req->aspect_ratio));
  return check_aspect_ratio (p, spec, req);
}

static GError *
check_settings (const WanProvider * p, const WanModelSpec * spec,
    const WanRequest * req)
{
  guint unsupported = params_set (req) & ~spec->params;
  guint durations = spec->durations;
  GError *err;
  guint i;

  if (spec->durations_with_video && has_reference_video (req))
    durations = spec->durations_with_video;

  for (i = 0; i < G_N_ELEMENTS (param_names); i++) {
    if (unsupported & param_names[i].param)
      return wan_error_invalid ("%s: not supported by %s for %s%s, "
          "model %s", param_names[i].property, p->name,
          wan_mode_to_string (spec->mode), spec->flash ? " (flash)" : "",
          spec->model);
  }
  err = check_picture (p, spec, req);
  if (err)
    return err;
  if (req->audio == TRUE && (spec->takes & WAN_TAKES_SILENT))
    return wan_error_invalid ("audio: %s %s makes silent video; audio=true "
        "needs model-family wan2.5 or newer", p->name, spec->model);
  /* Wan2.5 and newer make sound unless told not to: audio=true is always
   * honoured, audio=false only where the model has a switch (or is silent
   * anyway). */
  if (req->audio == FALSE && !(spec->params & WAN_PARAM_AUDIO)
      && !(spec->takes & WAN_TAKES_SILENT))
    return wan_error_invalid ("audio: %s %s always generates audio and "
        "has no switch to turn it off", p->name, spec->model);
  if (req->duration != 0 && (req->duration >= 32
          || !(durations & (1u << req->duration)))) {
    gchar *allowed = describe_durations (durations);
    GError *error =
        wan_error_invalid ("duration: %s %s accepts %s seconds, not %u",
        p->name, spec->model, allowed, req->duration);

    g_free (allowed);
    return error;
  }
  if (req->seed > G_MAXINT32)
    return wan_error_invalid ("seed: %s accepts 0 to %d, not %" G_GINT64_FORMAT,
        p->name, G_MAXINT32, req->seed);
  if (req->seed >= 0 && req->seed < spec->min_seed)
    return wan_error_invalid ("seed: %s %s accepts %u to %d, not %"
        G_GINT64_FORMAT, p->name, spec->model, spec->min_seed, G_MAXINT32,
        req->seed);
  if (req->shot_type == WAN_SHOT_MULTI && req->prompt_extend == FALSE)
    return wan_error_invalid ("shot-type: multi needs prompt-extend=true on %s",
        p->name);
  return NULL;
}

/* The inputs alone cannot ask for editing (a video alone is a clip to
 * continue), but an explicit editing model can: mode=auto then edits. */
static WanMode
request_mode (const WanProvider * p, const WanRequest * req)
{
  WanMode mode = wan_request_get_mode (req);
  const WanModelSpec *spec;

  if (req->mode != WAN_MODE_AUTO || !wan_str_is_set (req->model))
    return mode;
  spec = wan_provider_find_model_id (p, req->model, mode);
  return spec && spec->mode == WAN_MODE_EDIT ? WAN_MODE_EDIT : mode;
}

/* The provider and model of @req, or the error naming what rules them
 * out. */
static GError *
check_request (const WanRequest * req, const WanProvider ** provider,
    const WanModelSpec ** spec)
{
  const WanProvider *p = wan_provider_get (req->provider);
  GError *err = NULL;

  if (p == NULL)
    return wan_error_invalid ("provider: unknown provider %d", req->provider);
  if (strstr (p->create_path, "%s") && wan_str_is_set (req->model)
      && !wan_provider_model_is_path (req->model))
    return wan_error_invalid ("model: '%.64s' is not a %s model id "
        "(owner/name, letters, digits, '.', '_', '-')", req->model, p->name);
  err = check_model (p, req, request_mode (p, req), spec);
  if (err == NULL)
    err = check_inputs (p, *spec, req);
  if (err == NULL)
    err = check_settings (p, *spec, req);
  *provider = p;
  return err;
}

/* A reference whose kind nothing tells is taken as a video, as the
 * layouts with one field for both do. */
static WanInputKind *
tell_reference_kinds (const WanRequest * req)
{
  guint i, n = wan_request_n_references (req);
  WanInputKind *kinds = g_new (WanInputKind, n + 1);

  for (i = 0; i < n; i++) {
    kinds[i] = WAN_INPUT_VIDEO;
    wan_input_guess_kind (req->reference_uris[i], &kinds[i]);
  }
  return kinds;
}

WanPlan *
wan_plan_new (const WanRequest * req, GError ** error)
{
  const WanProvider *provider = NULL;
  const WanModelSpec *spec = NULL;
  GError *err = check_request (req, &provider, &spec);
  WanPlan *plan;

  if (err != NULL) {
    g_propagate_error (error, err);
    return NULL;
  }
  plan = g_new0 (WanPlan, 1);
  plan->provider = provider;
  plan->spec = spec;
  plan->model =
      g_strdup (wan_str_is_set (req->model) ? req->model : spec->model);
  wan_request_copy (&plan->req, req);
  plan->reference_kinds = tell_reference_kinds (req);
  return plan;
}

WanPlan *
wan_plan_copy (const WanPlan * plan)
{
  WanPlan *copy = g_new0 (WanPlan, 1);

  *copy = *plan;
  copy->model = g_strdup (plan->model);
  wan_request_copy (&copy->req, &plan->req);
  copy->reference_kinds = g_memdup2 (plan->reference_kinds,
      sizeof (WanInputKind) * (wan_request_n_references (&plan->req) + 1));
  return copy;
}

void
wan_plan_free (WanPlan * plan)
{
  if (plan == NULL)
    return;
  g_free (plan->model);
  wan_request_clear (&plan->req);
  g_free (plan->reference_kinds);
  g_free (plan);
}

gboolean
wan_request_validate (const WanRequest * req, GError ** error)
{
  const WanProvider *provider;
  const WanModelSpec *spec;
  GError *err = check_request (req, &provider, &spec);

  if (err == NULL)
    return TRUE;
  g_propagate_error (error, err);
  return FALSE;
}

/* --- local files, as the caller measured them --- */

static gchar *
describe_formats (const gchar * const *formats)
{
  gchar *list = g_strjoinv (", ", (gchar **) formats);
  gchar *last = g_strrstr (list, ", ");
  gchar *text;

  if (last == NULL)
    return list;
  *last = '\0';
  text = g_strdup_printf ("%s or %s", list, last + 2);
  g_free (list);
  return text;
}

static GError *
check_against (const WanFileLimits * lim, const gchar * what,
    const WanFileInfo * info)
{
  gchar *allowed;
  GError *error;

  if (lim->formats && !(info->format
          && g_strv_contains (lim->formats, info->format))) {
    allowed = describe_formats (lim->formats);
    error = g_error_new (WAN_ERROR, WAN_ERROR_INVALID, "%s is %s; it must "
        "be %s", what, info->format ? info->format : "of an unknown format",
        allowed);
    g_free (allowed);
    return error;
  }
  if (lim->max_bytes && info->size > lim->max_bytes)
    return g_error_new (WAN_ERROR, WAN_ERROR_INVALID, "%s is %.1f MB; "
        "at most %.0f MB", what, info->size / MB, lim->max_bytes / MB);
  if (lim->min_side && info->width && info->height
      && (MIN (info->width, info->height) < lim->min_side
          || MAX (info->width, info->height) > lim->max_side))
    return g_error_new (WAN_ERROR, WAN_ERROR_INVALID, "%s is %u×%u pixels; "
        "each side must be %u to %u", what, info->width, info->height,
        lim->min_side, lim->max_side);
  if (lim->opaque && info->has_alpha)
    return g_error_new (WAN_ERROR, WAN_ERROR_INVALID, "%s has an alpha "
        "channel (transparency); it must be opaque", what);
  if (lim->min_seconds && info->duration_ms
      && (info->duration_ms < lim->min_seconds * 1000ull
          || info->duration_ms > lim->max_seconds * 1000ull))
    return g_error_new (WAN_ERROR, WAN_ERROR_INVALID, "%s lasts %.1f s; "
        "it must last %u to %u s", what, info->duration_ms / 1000.0,
        lim->min_seconds, lim->max_seconds);
  return NULL;
}

/* The property that gave @uri, for messages. */
static const gchar *
property_of_uri (const WanRequest * req, WanInputKind kind, const gchar * uri)
{
  if (g_strcmp0 (uri, req->image_uri) == 0)
    return "image-uri";
  if (g_strcmp0 (uri, req->last_frame_uri) == 0)
    return "last-frame-uri";
  if (g_strcmp0 (uri, req->video_uri) == 0)
    return "video-uri";
  if (req->reference_uris
      && g_strv_contains ((const gchar * const *) req->reference_uris, uri))
    return "reference-uris";
  return wan_input_kind_to_property (kind);
}

gboolean
wan_request_check_file (const WanRequest * req, WanInputKind kind,
    const gchar * uri, const WanFileInfo * info, GError ** error)
{
  const WanProvider *p = wan_provider_get (req->provider);
  const WanFileLimits *lim;
  gchar *path = wan_input_get_local_path (uri);
  gchar *what;
  GError *err = NULL;

  g_return_val_if_fail (p != NULL && kind <= WAN_INPUT_AUDIO, FALSE);
  what =
      g_strdup_printf ("%s: '%s' (for %s)", property_of_uri (req, kind, uri),
      path ? path : uri, p->name);
  lim = p->file_limits[kind];
  if (info->kind != kind)
    err = g_error_new (WAN_ERROR, WAN_ERROR_INVALID, "%s is not %s but %s "
        "(%s)", what, wan_input_kind_to_noun (kind),
        wan_input_kind_to_noun (info->kind),
        info->format ? info->format : "unknown format");
  else if (p->upload && p->upload->max_bytes > 0
      && info->size > p->upload->max_bytes)
    err = g_error_new (WAN_ERROR, WAN_ERROR_INVALID, "%s is %.1f MB; "
        "uploads take at most %.0f MB", what, info->size / MB,
        p->upload->max_bytes / MB);
  else if (lim)
    err = check_against (lim, what, info);
  g_free (what);
  g_free (path);
  if (err) {
    g_propagate_error (error, err);
    return FALSE;
  }
  return TRUE;
}
