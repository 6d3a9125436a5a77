/* gst-wan: reading local input files
 *
 * Both ways a provider takes a local file start here: an upload needs
 * its media type, a data: URI its bytes; and a request's digest counts a
 * local file by its contents, not its name.
 */

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "wan-local.h"

#define SNIFF_BYTES 4096
#define HASH_CHUNK (64 * 1024)

GError *
wan_local_read_error (const gchar * property, const gchar * path, gint err)
{
  return g_error_new (WAN_ERROR, err == ENOENT ? WAN_ERROR_NOT_FOUND :
      WAN_ERROR_INVALID, "%s: cannot read '%s': %s", property, path,
      g_strerror (err));
}

static gchar *
media_type_of (const gchar * path, const guint8 * head, gsize size)
{
  gchar *type = g_content_type_guess (path, head, MIN (size, SNIFF_BYTES),
      NULL);
  gchar *mime = g_content_type_get_mime_type (type);

  g_free (type);
  return mime ? mime : g_strdup ("application/octet-stream");
}

gchar *
wan_local_media_type (const gchar * property, const gchar * path,
    GError ** error)
{
  guint8 head[SNIFF_BYTES];
  gssize n;
  gint fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0) {
    g_propagate_error (error, wan_local_read_error (property, path, errno));
    return NULL;
  }
  n = read (fd, head, sizeof (head));
  if (n < 0) {
    g_propagate_error (error, wan_local_read_error (property, path, errno));
    close (fd);
    return NULL;
  }
  close (fd);
  return media_type_of (path, head, n);
}

gchar *
wan_local_data_uri (const gchar * property, const gchar * path, GError ** error)
{
  gchar *contents, *type, *encoded, *uri;
  gsize size;
  GError *err = NULL;

  /* The whole file is read anyway: its type comes from the same bytes. */
  if (!g_file_get_contents (path, &contents, &size, &err)) {
    g_set_error (error, WAN_ERROR, g_error_matches (err, G_FILE_ERROR,
            G_FILE_ERROR_NOENT) ? WAN_ERROR_NOT_FOUND : WAN_ERROR_INVALID,
        "%s: %s", property, err->message);
    g_error_free (err);
    return NULL;
  }
  type = media_type_of (path, (const guint8 *) contents, size);
  encoded = g_base64_encode ((const guchar *) contents, size);
  uri = g_strconcat ("data:", type, ";base64,", encoded, NULL);
  g_free (encoded);
  g_free (contents);
  g_free (type);
  return uri;
}

gchar *
wan_local_sha256 (const gchar * property, const gchar * path,
    GCancellable * cancellable, GError ** error)
{
  GChecksum *sum;
  guint8 *chunk;
  gchar *hex = NULL;
  gssize n = 0;
  gint fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0) {
    g_propagate_error (error, wan_local_read_error (property, path, errno));
    return NULL;
  }
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  chunk = g_malloc (HASH_CHUNK);
  while (!g_cancellable_is_cancelled (cancellable)
      && (n = read (fd, chunk, HASH_CHUNK)) > 0)
    g_checksum_update (sum, chunk, n);
  if (n < 0)
    g_propagate_error (error, wan_local_read_error (property, path, errno));
  else if (g_cancellable_is_cancelled (cancellable))
    g_set_error (error, WAN_ERROR, WAN_ERROR_CANCELLED,
        "%s: cancelled while reading '%s'", property, path);
  else
    hex = g_strdup (g_checksum_get_string (sum));
  close (fd);
  g_free (chunk);
  g_checksum_free (sum);
  return hex;
}
