/* gst-wan: building WAN_ERRORs (private)
 *
 * The domain and its details are public (wan-client.h); these build them.
 */

#ifndef __WAN_ERROR_H__
#define __WAN_ERROR_H__

#include <wan/wan-client.h>

G_BEGIN_DECLS

/* A WAN_ERROR carrying the extra details. */
GError *   wan_error_new_full        (WanErrorCode code, guint http_status,
                                      const gchar * provider_code,
                                      const gchar * request_id,
                                      const gchar * format, ...)
    G_GNUC_PRINTF (5, 6);

/* A WAN_ERROR_INVALID: a request, setting or file refused before any
 * request is made. */
GError *   wan_error_invalid         (const gchar * format, ...)
    G_GNUC_PRINTF (1, 2);

G_END_DECLS

#endif /* __WAN_ERROR_H__ */
