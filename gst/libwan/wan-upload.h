/* gst-wan: a local file sent to the provider's upload service (private) */

#ifndef __WAN_UPLOAD_H__
#define __WAN_UPLOAD_H__

#include <wan/wan-client.h>

G_BEGIN_DECLS

/* The URL the provider's upload service gave the file at @path, given
 * in @property for @model (a storage policy is bound to the model the
 * file is used with).  Errors name @property and the file. */
gchar *    wan_upload_file           (WanClient * client, const gchar * model,
                                      WanInputKind kind,
                                      const gchar * property,
                                      const gchar * path,
                                      GCancellable * cancellable,
                                      GError ** error);

G_END_DECLS

#endif /* __WAN_UPLOAD_H__ */
