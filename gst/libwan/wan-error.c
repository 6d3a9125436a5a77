/* gst-wan: the WAN_ERROR domain and the details its errors carry */

#include "wan-error.h"

/* The plugin links its own private copy of this library, and a process
 * may hold both (an application that links libwanclient and plays a
 * wan:// URI): GLib refuses a second domain of the same name, so the
 * plugin's copy names its domain differently (meson.build).  Its errors
 * never leave the plugin as GErrors; they become GStreamer errors. */
#ifndef WAN_ERROR_TYPE
#define WAN_ERROR_TYPE WanError
#endif
#define WAN_PASTE_(a, b) a ## b
#define WAN_PASTE(a, b) WAN_PASTE_ (a, b)
/* G_DEFINE_EXTENDED_ERROR names the private type after the domain. */
#define WanErrorPrivate WAN_PASTE (WAN_ERROR_TYPE, Private)
#define WAN_DEFINE_EXTENDED_ERROR(type, prefix) \
  G_DEFINE_EXTENDED_ERROR (type, prefix)

typedef struct
{
  guint http_status;
  gchar *provider_code;
  gchar *request_id;
} WanErrorPrivate;

static void
wan_error_private_init (WanErrorPrivate * priv)
{
}

static void
wan_error_private_copy (const WanErrorPrivate * src, WanErrorPrivate * dest)
{
  dest->http_status = src->http_status;
  dest->provider_code = g_strdup (src->provider_code);
  dest->request_id = g_strdup (src->request_id);
}

static void
wan_error_private_clear (WanErrorPrivate * priv)
{
  g_clear_pointer (&priv->provider_code, g_free);
  g_clear_pointer (&priv->request_id, g_free);
}

WAN_DEFINE_EXTENDED_ERROR (WAN_ERROR_TYPE, wan_error);

GError *
wan_error_new_full (WanErrorCode code, guint http_status,
    const gchar * provider_code, const gchar * request_id,
    const gchar * format, ...)
{
  va_list args;
  GError *error;
  WanErrorPrivate *priv;

  va_start (args, format);
  error = g_error_new_valist (WAN_ERROR, code, format, args);
  va_end (args);
  priv = wan_error_get_private (error);
  priv->http_status = http_status;
  priv->provider_code = g_strdup (provider_code);
  priv->request_id = g_strdup (request_id);
  return error;
}

guint
wan_error_get_http_status (const GError * error)
{
  return error && error->domain == WAN_ERROR ?
      wan_error_get_private (error)->http_status : 0;
}

const gchar *
wan_error_get_provider_code (const GError * error)
{
  return error && error->domain == WAN_ERROR ?
      wan_error_get_private (error)->provider_code : NULL;
}

const gchar *
wan_error_get_request_id (const GError * error)
{
  return error && error->domain == WAN_ERROR ?
      wan_error_get_private (error)->request_id : NULL;
}

GError *
wan_error_invalid (const gchar * format, ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (WAN_ERROR, WAN_ERROR_INVALID, format, args);
  va_end (args);
  return error;
}
