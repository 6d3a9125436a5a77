/* gst-wan: inputs given as local files, and the limits each provider
 * documents for them
 *
 * Pure: what a file is comes from the caller (WanFileInfo), so every limit
 * is tested without files.  A provider takes a local file in one of two
 * ways, read from its tables: an upload service (toapis: images; evolink:
 * anything) or a data: URI inside the request (the aimlapi and dashscope
 * image models).  Anything else is refused before any request is made.
 */

#include <gio/gio.h>
#include "wan-provider.h"

/* The providers' "MB" are 1024 × 1024 bytes. */
#define MB (1024.0 * 1024.0)

static const gchar *const kind_names[] = { "an image", "a video",
  "an audio file"
};

const gchar *
wan_input_kind_to_property (WanInputKind kind)
{
  static const gchar *const properties[] = { "image-uri", "reference-uris",
    "audio-uri"
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (properties), NULL);
  return properties[kind];
}

gchar *
wan_input_get_local_path (const gchar * uri)
{
  gchar *scheme, *path;

  if (uri == NULL || *uri == '\0')
    return NULL;
  scheme = g_uri_parse_scheme (uri);
  if (scheme == NULL) {
    path = g_canonicalize_filename (uri, NULL);
  } else if (g_ascii_strcasecmp (scheme, "file") == 0) {
    path = g_filename_from_uri (uri, NULL, NULL);
  } else {
    path = NULL;
  }
  g_free (scheme);
  return path;
}

gboolean
wan_input_is_local (const gchar * uri)
{
  gchar *path = wan_input_get_local_path (uri);

  g_free (path);
  return path != NULL;
}

gboolean
wan_request_has_local_inputs (const WanRequest * req)
{
  guint i;

  if (wan_input_is_local (req->image_uri)
      || wan_input_is_local (req->audio_uri))
    return TRUE;
  for (i = 0; req->reference_uris && req->reference_uris[i]; i++) {
    if (wan_input_is_local (req->reference_uris[i]))
      return TRUE;
  }
  return FALSE;
}

WanLocalWay
wan_input_local_way (const WanProvider * p, const WanModelSpec * spec,
    WanInputKind kind)
{
  if (p->upload && (kind == WAN_INPUT_IMAGE || !p->upload->images_only))
    return WAN_LOCAL_UPLOAD;
  if (kind == WAN_INPUT_IMAGE && spec->image_data_uri)
    return WAN_LOCAL_DATA_URI;
  return WAN_LOCAL_NONE;
}

GError *
wan_input_check_uri (const WanProvider * p, const WanModelSpec * spec,
    WanInputKind kind, const gchar * uri)
{
  gchar *path = wan_input_get_local_path (uri);
  GError *error = NULL;

  if (path && wan_input_local_way (p, spec, kind) == WAN_LOCAL_NONE)
    error = g_error_new (WAN_ERROR, WAN_ERROR_INVALID,
        "%s: %s takes %s only as an http(s) URL, and '%s' is a local file; "
        "put it on a web server, or use a provider that takes local files",
        wan_input_kind_to_property (kind), p->name, kind_names[kind], path);
  g_free (path);
  return error;
}

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
        "(%s)", what, kind_names[kind], kind_names[info->kind],
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
