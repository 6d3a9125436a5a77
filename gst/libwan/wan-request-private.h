/* gst-wan: small questions about a request, shared by the files that
 * read one (private) */

#ifndef __WAN_REQUEST_PRIVATE_H__
#define __WAN_REQUEST_PRIVATE_H__

#include <wan/wan-request.h>

G_BEGIN_DECLS

/* A string setting that is set: neither NULL nor empty. */
static inline gboolean
wan_str_is_set (const gchar * s)
{
  return s != NULL && *s != '\0';
}

static inline guint
wan_request_n_references (const WanRequest * req)
{
  return req->reference_uris ? g_strv_length (req->reference_uris) : 0;
}

G_END_DECLS

#endif /* __WAN_REQUEST_PRIVATE_H__ */
