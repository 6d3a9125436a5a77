/* gst-wan: fetching a finished task's video (private) */

#ifndef __WAN_DOWNLOAD_H__
#define __WAN_DOWNLOAD_H__

#include <wan/wan-client.h>

G_BEGIN_DECLS

/* A fresh URL for the same video, or NULL. */
typedef gchar * (*WanRefreshFunc)    (gpointer data,
                                      GCancellable * cancellable);

/* Downloads the video of a finished task through @callbacks; if the URL
 * turns out expired, @refresh is asked once for a fresh one. */
gboolean   wan_client_fetch_video    (WanClient * client, const gchar * url,
                                      WanRefreshFunc refresh,
                                      gpointer refresh_data,
                                      const WanTaskCallbacks * callbacks,
                                      gpointer user_data,
                                      GCancellable * cancellable,
                                      GError ** error);

G_END_DECLS

#endif /* __WAN_DOWNLOAD_H__ */
