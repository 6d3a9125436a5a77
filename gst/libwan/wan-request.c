/* gst-wan: a generation request and its documented limits
 *
 * Every limit is read from the provider's model table, so the table is the
 * one place where a limit lives.  Messages name the element property (the
 * same words an application using the C API sees in the header).
 */

#include <gio/gio.h>
#include "wan-provider.h"

void
wan_request_init (WanRequest * req)
{
  memset (req, 0, sizeof (*req));
  req->provider = WAN_PROVIDER_DASHSCOPE;
  req->seed = -1;
  req->prompt_extend = WAN_UNSET;
  req->audio = WAN_UNSET;
  req->watermark = WAN_UNSET;
}

void
wan_request_clear (WanRequest * req)
{
  g_free (req->model);
  g_free (req->prompt);
  g_free (req->negative_prompt);
  g_free (req->image_uri);
  g_strfreev (req->reference_uris);
  g_free (req->audio_uri);
  g_free (req->callback_url);
  wan_request_init (req);
}

void
wan_request_copy (WanRequest * dest, const WanRequest * src)
{
  *dest = *src;
  dest->model = g_strdup (src->model);
  dest->prompt = g_strdup (src->prompt);
  dest->negative_prompt = g_strdup (src->negative_prompt);
  dest->image_uri = g_strdup (src->image_uri);
  dest->reference_uris = g_strdupv (src->reference_uris);
  dest->audio_uri = g_strdup (src->audio_uri);
  dest->callback_url = g_strdup (src->callback_url);
}

static gboolean
is_set (const gchar * s)
{
  return s != NULL && *s != '\0';
}

static guint
n_references (const WanRequest * req)
{
  return req->reference_uris ? g_strv_length (req->reference_uris) : 0;
}

WanMode
wan_request_get_mode (const WanRequest * req)
{
  if (n_references (req) > 0)
    return WAN_MODE_R2V;
  if (is_set (req->image_uri))
    return WAN_MODE_I2V;
  return WAN_MODE_T2V;
}

const gchar *
wan_request_get_model (const WanRequest * req)
{
  const WanModelSpec *spec;

  if (is_set (req->model))
    return req->model;
  spec = wan_provider_find_model (wan_provider_get (req->provider),
      wan_request_get_mode (req), req->flash);
  return spec ? spec->model : NULL;
}

static GError *
invalid (const gchar * format, ...)
G_GNUC_PRINTF (1, 2);

     static GError *invalid (const gchar * format, ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (WAN_ERROR, WAN_ERROR_INVALID, format, args);
  va_end (args);
  return error;
}

static gboolean
has_scheme (const gchar * uri, const gchar * scheme)
{
  gchar *s = g_uri_parse_scheme (uri);
  gboolean match = s != NULL && g_ascii_strcasecmp (s, scheme) == 0;

  g_free (s);
  return match;
}

static gboolean
is_web_url (const gchar * uri)
{
  GUri *parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  gboolean ok = parsed != NULL && g_uri_get_host (parsed) != NULL
      && *g_uri_get_host (parsed) != '\0'
      && (has_scheme (uri, "http") || has_scheme (uri, "https"));

  if (parsed)
    g_uri_unref (parsed);
  return ok;
}

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
    return invalid ("callback-url: %s accepts at most %d characters",
        provider, WAN_MAX_CALLBACK_URL);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
    error = invalid ("callback-url: %s only calls back https URLs, not '%s'",
        provider, url);
  else if ((host = g_uri_get_host (uri)) == NULL || is_private_host (host))
    error = invalid ("callback-url: %s refuses loopback and private "
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
};

/* The optional fields this request sets. */
static guint
params_set (const WanRequest * req)
{
  guint set = 0;

  if (is_set (req->negative_prompt))
    set |= WAN_PARAM_NEGATIVE_PROMPT;
  if (is_set (req->audio_uri))
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
  if (is_set (req->callback_url))
    set |= WAN_PARAM_CALLBACK_URL;
  return set;
}

static GError *
check_model (const WanProvider * p, const WanRequest * req, WanMode mode,
    const WanModelSpec ** spec_out)
{
  const WanModelSpec *spec = wan_provider_find_model (p, mode, req->flash);

  if (spec == NULL && req->flash && wan_provider_find_model (p, WAN_MODE_I2V,
          TRUE) == NULL)
    return invalid ("flash: %s has no flash model", p->name);
  if (spec == NULL && req->flash)
    return invalid ("flash: the %s flash models need image-uri or "
        "reference-uris; they cannot generate from a prompt alone", p->name);
  if (spec == NULL && mode == WAN_MODE_T2V
      && wan_provider_find_model (p, WAN_MODE_I2V, FALSE))
    return invalid ("image-uri: %s only offers image-to-video; set "
        "image-uri", p->name);
  if (spec == NULL)
    return invalid ("reference-uris: %s does not offer %s", p->name,
        wan_mode_to_string (mode));
  *spec_out = spec;
  return NULL;
}

static GError *
check_inputs (const WanProvider * p, const WanModelSpec * spec,
    const WanRequest * req)
{
  guint i, refs = n_references (req);
  GError *err;

  if (spec->prompt_required && !is_set (req->prompt))
    return invalid ("prompt: %s needs a prompt for %s", p->name,
        wan_mode_to_string (spec->mode));
  if (req->prompt && g_utf8_strlen (req->prompt, -1) > WAN_MAX_PROMPT_CHARS)
    return invalid ("prompt: %ld characters, %s accepts at most %d",
        g_utf8_strlen (req->prompt, -1), p->name, WAN_MAX_PROMPT_CHARS);
  if (is_set (req->image_uri) && (err = wan_input_check_uri (p, spec,
              WAN_INPUT_IMAGE, req->image_uri)))
    return err;
  if (is_set (req->image_uri) && !is_web_url (req->image_uri)
      && !wan_input_is_local (req->image_uri)
      && !(spec->image_data_uri && has_scheme (req->image_uri, "data")))
    return invalid ("image-uri: %s needs an http(s) URL%s or a local file, "
        "not '%.64s'", p->name, spec->image_data_uri ? ", a data: URI" : "",
        req->image_uri);
  if (refs > WAN_MAX_REFERENCES)
    return invalid ("reference-uris: %u videos given, %s accepts 1 to %d",
        refs, p->name, WAN_MAX_REFERENCES);
  for (i = 0; i < refs; i++) {
    if ((err = wan_input_check_uri (p, spec, WAN_INPUT_VIDEO,
                req->reference_uris[i])))
      return err;
    if (!is_web_url (req->reference_uris[i])
        && !wan_input_is_local (req->reference_uris[i]))
      return invalid ("reference-uris: %s needs http(s) URLs or local "
          "files, not '%.64s'", p->name, req->reference_uris[i]);
  }
  if (is_set (req->audio_uri) && (err = wan_input_check_uri (p, spec,
              WAN_INPUT_AUDIO, req->audio_uri)))
    return err;
  if (is_set (req->audio_uri) && !is_web_url (req->audio_uri)
      && !wan_input_is_local (req->audio_uri))
    return invalid ("audio-uri: %s needs an http(s) URL or a local file, "
        "not '%.64s'", p->name, req->audio_uri);
  if (is_set (req->callback_url))
    return check_callback_url (req->callback_url, p->name);
  return NULL;
}

static GError *
check_settings (const WanProvider * p, const WanModelSpec * spec,
    const WanRequest * req)
{
  guint unsupported = params_set (req) & ~spec->params;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (param_names); i++) {
    if (unsupported & param_names[i].param)
      return invalid ("%s: not supported by %s for %s%s",
          param_names[i].property, p->name, wan_mode_to_string (spec->mode),
          spec->flash ? " (flash)" : "");
  }
  /* Wan2.6 makes sound unless told not to: audio=true is always honoured,
   * audio=false only where the model has a switch. */
  if (req->audio == FALSE && !(spec->params & WAN_PARAM_AUDIO))
    return invalid ("audio: %s %s always generates audio; only its flash "
        "models can be silent", p->name, spec->model);
  if (req->duration != 0 && (req->duration >= 32
          || !(spec->durations & (1u << req->duration)))) {
    gchar *allowed = describe_durations (spec->durations);
    GError *error = invalid ("duration: %s %s accepts %s seconds, not %u",
        p->name, spec->model, allowed, req->duration);

    g_free (allowed);
    return error;
  }
  if (req->seed > G_MAXINT32)
    return invalid ("seed: %s accepts 0 to %d, not %" G_GINT64_FORMAT,
        p->name, G_MAXINT32, req->seed);
  if (req->shot_type == WAN_SHOT_MULTI && req->prompt_extend == FALSE)
    return invalid ("shot-type: multi needs prompt-extend=true on %s", p->name);
  return NULL;
}

guint
wan_request_max_duration (void)
{
  guint id, max = 0;
  const WanModelSpec *m;

  for (id = 0; id < WAN_N_PROVIDERS; id++)
    for (m = wan_provider_get (id)->models; m->model; m++)
      max = MAX (max, g_bit_storage (m->durations) - 1);
  return max;
}

gboolean
wan_request_validate (const WanRequest * req, GError ** error)
{
  const WanProvider *p = wan_provider_get (req->provider);
  const WanModelSpec *spec = NULL;
  WanMode mode = wan_request_get_mode (req);
  GError *err = NULL;

  if (p == NULL)
    err = invalid ("provider: unknown provider %d", req->provider);
  else if (n_references (req) > 0 && is_set (req->image_uri))
    err = invalid ("image-uri: cannot be combined with reference-uris "
        "(%s)", p->name);
  if (err == NULL)
    err = check_model (p, req, mode, &spec);
  if (err == NULL)
    err = check_inputs (p, spec, req);
  if (err == NULL)
    err = check_settings (p, spec, req);
  if (err != NULL) {
    g_propagate_error (error, err);
    return FALSE;
  }
  return TRUE;
}

const gchar *
wan_provider_id_to_string (WanProviderId id)
{
  const WanProvider *p = wan_provider_get (id);

  return p ? p->name : "unknown";
}

gboolean
wan_provider_id_from_string (const gchar * name, WanProviderId * id)
{
  guint i;

  for (i = 0; i < WAN_N_PROVIDERS; i++) {
    if (g_ascii_strcasecmp (name, wan_provider_get (i)->name) == 0) {
      *id = i;
      return TRUE;
    }
  }
  return FALSE;
}

const gchar *
wan_provider_default_base_url (WanProviderId id)
{
  const WanProvider *p = wan_provider_get (id);

  return p ? p->default_base_url : NULL;
}

const gchar *
wan_provider_key_env (WanProviderId id)
{
  const WanProvider *p = wan_provider_get (id);

  return p ? p->key_env : NULL;
}

const gchar *
wan_mode_to_string (WanMode mode)
{
  static const gchar *names[] = { "text-to-video", "image-to-video",
    "reference-to-video"
  };

  return mode < G_N_ELEMENTS (names) ? names[mode] : "unknown";
}

const gchar *
wan_resolution_to_string (WanResolution resolution)
{
  static const gchar *names[] = { "default", "720p", "1080p" };

  return resolution < G_N_ELEMENTS (names) ? names[resolution] : "default";
}

const gchar *
wan_aspect_ratio_to_string (WanAspectRatio aspect)
{
  static const gchar *names[] = { "default", "16:9", "9:16", "1:1", "4:3",
    "3:4"
  };

  return aspect < G_N_ELEMENTS (names) ? names[aspect] : "default";
}

const gchar *
wan_shot_type_to_string (WanShotType shot)
{
  static const gchar *names[] = { "default", "single", "multi" };

  return shot < G_N_ELEMENTS (names) ? names[shot] : "default";
}

void
wan_frame_size (WanResolution resolution, WanAspectRatio aspect,
    guint * width, guint * height)
{
  /* The table every provider documents, 720p row then 1080p row. */
  static const guint sizes[2][5][2] = {
    {{1280, 720}, {720, 1280}, {960, 960}, {1088, 832}, {832, 1088}},
    {{1920, 1080}, {1080, 1920}, {1440, 1440}, {1632, 1248}, {1248, 1632}},
  };
  guint r = resolution == WAN_RESOLUTION_720P ? 0 : 1;
  guint a = aspect == WAN_ASPECT_DEFAULT ? 0 : aspect - 1;

  *width = sizes[r][a][0];
  *height = sizes[r][a][1];
}
