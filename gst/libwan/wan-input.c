/* gst-wan: a request's inputs, and what kind of place each URI names
 *
 * Pure: no file is opened here.  Which local files a provider takes, and
 * how, is the provider's data (wan-provider.c); the limits of a file are
 * checked in wan-validate.c.
 */

#include <gio/gio.h>
#include "wan-input.h"

/* The inputs of a request, in the order every walk takes them (the order
 * the uploads are made in). */
static const struct
{
  WanInputKind kind;
  gsize offset;                 /* of a gchar * or, for a list, a gchar ** */
  gboolean list;
} inputs[] = {
  {WAN_INPUT_IMAGE, G_STRUCT_OFFSET (WanRequest, image_uri), FALSE},
  {WAN_INPUT_AUDIO, G_STRUCT_OFFSET (WanRequest, audio_uri), FALSE},
  {WAN_INPUT_VIDEO, G_STRUCT_OFFSET (WanRequest, reference_uris), TRUE},
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

const gchar *
wan_input_kind_to_noun (WanInputKind kind)
{
  static const gchar *const nouns[] = { "an image", "a video",
    "an audio file"
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (nouns), NULL);
  return nouns[kind];
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

/* http(s) with a host that is not empty: something a provider can fetch. */
static gboolean
is_web_url (const gchar * uri, const gchar * scheme)
{
  GUri *parsed;
  gboolean ok;

  if (g_ascii_strcasecmp (scheme, "http") != 0
      && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  ok = parsed != NULL && g_uri_get_host (parsed) != NULL
      && *g_uri_get_host (parsed) != '\0';
  if (parsed)
    g_uri_unref (parsed);
  return ok;
}

WanUriClass
wan_uri_classify (const gchar * uri)
{
  gchar *scheme, *path;
  WanUriClass class;

  if (uri == NULL || *uri == '\0')
    return WAN_URI_NONE;
  path = wan_input_get_local_path (uri);
  g_free (path);
  if (path != NULL)
    return WAN_URI_LOCAL;
  scheme = g_uri_parse_scheme (uri);
  if (scheme == NULL)
    class = WAN_URI_OTHER;
  else if (g_ascii_strcasecmp (scheme, "data") == 0)
    class = WAN_URI_DATA;
  else
    class = is_web_url (uri, scheme) ? WAN_URI_WEB : WAN_URI_OTHER;
  g_free (scheme);
  return class;
}

gboolean
wan_request_foreach_input (WanRequest * req, WanInputFunc func,
    gpointer data, GError ** error)
{
  guint i, j;

  for (i = 0; i < G_N_ELEMENTS (inputs); i++) {
    gpointer field = G_STRUCT_MEMBER_P (req, inputs[i].offset);
    gchar **list = inputs[i].list ? *(gchar ***) field : NULL;

    if (!inputs[i].list && *(gchar **) field != NULL
        && **(gchar **) field != '\0'
        && !func (inputs[i].kind, (gchar **) field, data, error))
      return FALSE;
    for (j = 0; list != NULL && list[j] != NULL; j++) {
      if (!func (inputs[i].kind, &list[j], data, error))
        return FALSE;
    }
  }
  return TRUE;
}

static gboolean
count_local (WanInputKind kind, gchar ** uri, gpointer data, GError ** error)
{
  if (wan_uri_classify (*uri) == WAN_URI_LOCAL)
    (*(guint *) data)++;
  return TRUE;
}

guint
wan_request_count_local_inputs (const WanRequest * req)
{
  guint n = 0;

  /* Only counts: nothing is replaced. */
  wan_request_foreach_input ((WanRequest *) req, count_local, &n, NULL);
  return n;
}

gboolean
wan_request_has_local_inputs (const WanRequest * req)
{
  return wan_request_count_local_inputs (req) > 0;
}
