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
  return set;
}

static GError *
check_model (const WanProvider * p, const WanRequest * req, WanMode mode,
    const WanModelSpec ** spec_out)
{
  const WanModelSpec *spec = wan_provider_find_model_id (p, req->model);

  /* A model the provider's table lists by name brings its own limits. */
  if (spec != NULL && spec->mode == mode && spec->flash == !!req->flash) {
    *spec_out = spec;
    return NULL;
  }
  spec = wan_provider_find_model (p, mode, req->flash);

  if (spec == NULL && req->flash && wan_provider_find_model (p, WAN_MODE_I2V,
          TRUE) == NULL)
    return wan_error_invalid ("flash: %s has no flash model", p->name);
  if (spec == NULL && req->flash)
    return wan_error_invalid ("flash: the %s flash models need image-uri or "
        "reference-uris; they cannot generate from a prompt alone", p->name);
  if (spec == NULL && mode == WAN_MODE_T2V
      && wan_provider_find_model (p, WAN_MODE_I2V, FALSE))
    return wan_error_invalid ("image-uri: %s only offers image-to-video; set "
        "image-uri", p->name);
  if (spec == NULL)
    return wan_error_invalid ("reference-uris: %s does not offer %s", p->name,
        wan_mode_to_string (mode));
  *spec_out = spec;
  return NULL;
}

static GError *
local_refused (const WanProvider * p, WanInputKind kind, const gchar * uri)
{
  gchar *path = wan_input_get_local_path (uri);
  GError *error =
      wan_error_invalid ("%s: %s takes %s only as an http(s) URL, and "
      "'%s' is a local file; put it on a web server, or use a provider that "
      "takes local files", wan_input_kind_to_property (kind), p->name,
      wan_input_kind_to_noun (kind), path);

  g_free (path);
  return error;
}

/* Where an input may be: a local file the provider has a way to take, or
 * a URL (a data: URI only for an image the model takes inline). */
static GError *
check_input_place (const WanProvider * p, const WanModelSpec * spec,
    WanInputKind kind, const gchar * uri)
{
  WanUriClass class = wan_uri_classify (uri);

  if (class == WAN_URI_LOCAL
      && wan_provider_local_way (p, spec, kind) == WAN_LOCAL_NONE)
    return local_refused (p, kind, uri);
  if (class == WAN_URI_LOCAL || class == WAN_URI_WEB)
    return NULL;
  switch (kind) {
    case WAN_INPUT_IMAGE:
      if (class == WAN_URI_DATA && spec->image_data_uri)
        return NULL;
      return
          wan_error_invalid ("image-uri: %s needs an http(s) URL%s or a local "
          "file, not '%.64s'", p->name,
          spec->image_data_uri ? ", a data: URI" : "", uri);
    case WAN_INPUT_VIDEO:
      return
          wan_error_invalid ("reference-uris: %s needs http(s) URLs or local "
          "files, not '%.64s'", p->name, uri);
    default:
      return
          wan_error_invalid
          ("audio-uri: %s needs an http(s) URL or a local file, " "not '%.64s'",
          p->name, uri);
  }
}

typedef struct
{
  const WanProvider *provider;
  const WanModelSpec *spec;
} InputCheck;

static gboolean
check_one_input (WanInputKind kind, gchar ** uri, gpointer data,
    GError ** error)
{
  InputCheck *c = data;
  GError *err = check_input_place (c->provider, c->spec, kind, *uri);

  if (err == NULL)
    return TRUE;
  g_propagate_error (error, err);
  return FALSE;
}

static GError *
check_inputs (const WanProvider * p, const WanModelSpec * spec,
    const WanRequest * req)
{
  InputCheck check = { p, spec };
  guint refs = wan_request_n_references (req);
  GError *err = NULL;

  if (spec->prompt_required && !wan_str_is_set (req->prompt))
    return wan_error_invalid ("prompt: %s needs a prompt for %s", p->name,
        wan_mode_to_string (spec->mode));
  if (req->prompt && g_utf8_strlen (req->prompt, -1) > WAN_MAX_PROMPT_CHARS)
    return wan_error_invalid ("prompt: %ld characters, %s accepts at most %d",
        g_utf8_strlen (req->prompt, -1), p->name, WAN_MAX_PROMPT_CHARS);
  if (refs > WAN_MAX_REFERENCES)
    return
        wan_error_invalid
        ("reference-uris: %u videos given, %s accepts 1 to %d", refs, p->name,
        WAN_MAX_REFERENCES);
  /* Only reads: the walk replaces nothing. */
  if (!wan_request_foreach_input ((WanRequest *) req, check_one_input,
          &check, &err))
    return err;
  if (wan_str_is_set (req->callback_url))
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
      return wan_error_invalid ("%s: not supported by %s for %s%s",
          param_names[i].property, p->name, wan_mode_to_string (spec->mode),
          spec->flash ? " (flash)" : "");
  }
  /* Wan2.6 makes sound unless told not to: audio=true is always honoured,
   * audio=false only where the model has a switch. */
  if (req->audio == FALSE && !(spec->params & WAN_PARAM_AUDIO))
    return
        wan_error_invalid
        ("audio: %s %s always generates audio; only its flash "
        "models can be silent", p->name, spec->model);
  if (req->duration != 0 && (req->duration >= 32
          || !(spec->durations & (1u << req->duration)))) {
    gchar *allowed = describe_durations (spec->durations);
    GError *error =
        wan_error_invalid ("duration: %s %s accepts %s seconds, not %u",
        p->name, spec->model, allowed, req->duration);

    g_free (allowed);
    return error;
  }
  if (req->seed > G_MAXINT32)
    return wan_error_invalid ("seed: %s accepts 0 to %d, not %" G_GINT64_FORMAT,
        p->name, G_MAXINT32, req->seed);
  if (req->shot_type == WAN_SHOT_MULTI && req->prompt_extend == FALSE)
    return wan_error_invalid ("shot-type: multi needs prompt-extend=true on %s",
        p->name);
  return NULL;
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
  if (wan_request_n_references (req) > 0 && wan_str_is_set (req->image_uri))
    return
        wan_error_invalid ("image-uri: cannot be combined with reference-uris "
        "(%s)", p->name);
  if (strstr (p->create_path, "%s") && wan_str_is_set (req->model)
      && !wan_provider_model_is_path (req->model))
    return wan_error_invalid ("model: '%.64s' is not a %s model id "
        "(owner/name, letters, digits, '.', '_', '-')", req->model, p->name);
  err = check_model (p, req, wan_request_get_mode (req), spec);
  if (err == NULL)
    err = check_inputs (p, *spec, req);
  if (err == NULL)
    err = check_settings (p, *spec, req);
  *provider = p;
  return err;
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
  return plan;
}

WanPlan *
wan_plan_copy (const WanPlan * plan)
{
  WanPlan *copy = g_new0 (WanPlan, 1);

  *copy = *plan;
  copy->model = g_strdup (plan->model);
  wan_request_copy (&copy->req, &plan->req);
  return copy;
}

void
wan_plan_free (WanPlan * plan)
{
  if (plan == NULL)
    return;
  g_free (plan->model);
  wan_request_clear (&plan->req);
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
      g_strdup_printf ("%s: '%s' (for %s)", wan_input_kind_to_property (kind),
      path ? path : uri, p->name);
  lim = p->file_limits[kind];
  if (info->kind != kind)
    err = g_error_new (WAN_ERROR, WAN_ERROR_INVALID, "%s is not %s but %s "
        "(%s)", what, wan_input_kind_to_noun (kind),
        wan_input_kind_to_noun (info->kind),
        info->format ? info->format : "unknown format");
  else if (p->upload && info->size > p->upload->max_bytes)
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
