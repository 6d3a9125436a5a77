/* gst-wan: a request's inputs, and what kind of place each URI names
 *
 * Pure, but for the first bytes of a local reference file, read to tell
 * an image from a video.  Which local files a provider takes, and
 * how, is the provider's data (wan-provider.c); the limits of a file are
 * checked in wan-validate.c.
 */

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include "wan-input.h"

/* The inputs of a request, in the order every walk takes them (the order
 * the uploads are made in). */
static const struct
{
  WanInputKind kind;
  const gchar *property;        /* the words of every message about it */
  gsize offset;                 /* of a gchar * or, for a list, a gchar ** */
  gboolean list;
} inputs[] = {
  {WAN_INPUT_IMAGE, "image-uri", G_STRUCT_OFFSET (WanRequest, image_uri),
      FALSE},
  {WAN_INPUT_AUDIO, "audio-uri", G_STRUCT_OFFSET (WanRequest, audio_uri),
      FALSE},
  {WAN_INPUT_VIDEO, "reference-uris", G_STRUCT_OFFSET (WanRequest,
          reference_uris), TRUE},
  {WAN_INPUT_IMAGE, "last-frame-uri", G_STRUCT_OFFSET (WanRequest,
          last_frame_uri), FALSE},
  {WAN_INPUT_VIDEO, "video-uri", G_STRUCT_OFFSET (WanRequest, video_uri),
      FALSE},
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

/* Audio by its first bytes: MP3 (an ID3 tag or an MPEG frame), WAV,
 * FLAC, and MPEG-4 audio (an ISO file of brand "M4A "). */
static gboolean
is_audio_head (const guint8 head[12])
{
  return memcmp (head, "ID3", 3) == 0
      || (head[0] == 0xff && (head[1] & 0xe0) == 0xe0)
      || (memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WAVE", 4) == 0)
      || memcmp (head, "fLaC", 4) == 0
      || (memcmp (head + 4, "ftyp", 4) == 0
      && memcmp (head + 8, "M4A ", 4) == 0);
}

/* What the first bytes of a file say it is: the image formats the
 * providers take, audio, and the ISO media (MP4, MOV) family. */
static gboolean
sniff_kind (const gchar * path, WanInputKind * kind)
{
  guint8 head[12] = { 0 };
  FILE *f = g_fopen (path, "rb");
  gsize n;

  if (f == NULL)
    return FALSE;
  n = fread (head, 1, sizeof (head), f);
  fclose (f);
  if (n < sizeof (head))
    return FALSE;
  if ((head[0] == 0xff && head[1] == 0xd8)
      || memcmp (head, "\x89PNG", 4) == 0 || memcmp (head, "GIF8", 4) == 0
      || memcmp (head, "BM", 2) == 0
      || (memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WEBP", 4) == 0))
    *kind = WAN_INPUT_IMAGE;
  else if (is_audio_head (head))
    *kind = WAN_INPUT_AUDIO;
  else if (memcmp (head + 4, "ftyp", 4) == 0
      || memcmp (head + 4, "moov", 4) == 0 || memcmp (head + 4, "mdat", 4) == 0)
    *kind = WAN_INPUT_VIDEO;
  else
    return FALSE;
  return TRUE;
}

/* The kind a file name's extension stands for. */
static gboolean
kind_of_name (const gchar * name, WanInputKind * kind)
{
  static const gchar *const images[] = { ".jpg", ".jpeg", ".png", ".bmp",
    ".webp", ".gif", NULL
  };
  static const gchar *const videos[] = { ".mp4", ".mov", ".m4v", NULL };
  static const gchar *const audios[] = { ".mp3", ".wav", ".m4a", ".aac",
    ".flac", NULL
  };
  const gchar *dot = strrchr (name, '.');
  gchar *ext;
  gboolean found = TRUE;

  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;
  ext = g_ascii_strdown (dot, -1);
  if (g_strv_contains (images, ext))
    *kind = WAN_INPUT_IMAGE;
  else if (g_strv_contains (videos, ext))
    *kind = WAN_INPUT_VIDEO;
  else if (g_strv_contains (audios, ext))
    *kind = WAN_INPUT_AUDIO;
  else
    found = FALSE;
  g_free (ext);
  return found;
}

gboolean
wan_input_guess_kind (const gchar * uri, WanInputKind * kind)
{
  gchar *path;
  GUri *parsed;
  gboolean found = FALSE;

  switch (wan_uri_classify (uri)) {
    case WAN_URI_DATA:
      if (g_ascii_strncasecmp (uri, "data:image/", 11) == 0)
        *kind = WAN_INPUT_IMAGE;
      else if (g_ascii_strncasecmp (uri, "data:video/", 11) == 0)
        *kind = WAN_INPUT_VIDEO;
      else if (g_ascii_strncasecmp (uri, "data:audio/", 11) == 0)
        *kind = WAN_INPUT_AUDIO;
      else
        return FALSE;
      return TRUE;
    case WAN_URI_LOCAL:
      path = wan_input_get_local_path (uri);
      found = sniff_kind (path, kind) || kind_of_name (path, kind);
      g_free (path);
      return found;
    case WAN_URI_WEB:
    case WAN_URI_OTHER:
      /* The path's extension, not the query's (an uploaded file's
       * oss://KEY keeps its name's). */
      parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
      if (parsed) {
        found = kind_of_name (g_uri_get_path (parsed), kind);
        g_uri_unref (parsed);
      }
      return found;
    default:
      return FALSE;
  }
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
        && !func (inputs[i].kind, inputs[i].property, (gchar **) field,
            data, error))
      return FALSE;
    for (j = 0; list != NULL && list[j] != NULL; j++) {
      WanInputKind kind = inputs[i].kind;

      /* References are images, videos or (Wan 3.0) audio; unknown ones
       * count as videos, the only kind the wan2.6 models' references
       * had. */
      wan_input_guess_kind (list[j], &kind);
      if (!func (kind, inputs[i].property, &list[j], data, error))
        return FALSE;
    }
  }
  return TRUE;
}

static gboolean
count_local (WanInputKind kind, const gchar * property, gchar ** uri,
    gpointer data, GError ** error)
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
