/* gst-wan: reading local input files (private)
 *
 * No network: what a file's bytes are (their media type, their SHA-256)
 * and the data: URI that carries them.  Errors name @property, the one
 * the user gave the file in.
 */

#ifndef __WAN_LOCAL_H__
#define __WAN_LOCAL_H__

#include <gio/gio.h>
#include <wan/wan-client.h>

G_BEGIN_DECLS

/* The media type from the file's first bytes (shared-mime-info's magic),
 * as upload services and data: URIs want it. */
gchar *    wan_local_media_type      (const gchar * property,
                                      const gchar * path, GError ** error);
/* "data:TYPE;base64,…" holding the whole file. */
gchar *    wan_local_data_uri        (const gchar * property,
                                      const gchar * path, GError ** error);
/* The SHA-256 (hex) of the file's contents. */
gchar *    wan_local_sha256          (const gchar * property,
                                      const gchar * path,
                                      GCancellable * cancellable,
                                      GError ** error);
/* The error for a file that cannot be read (errno @err). */
GError *   wan_local_read_error      (const gchar * property,
                                      const gchar * path, gint err);

G_END_DECLS

#endif /* __WAN_LOCAL_H__ */
