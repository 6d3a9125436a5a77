/* gst-wan: a local input file sent to the provider's upload service
 *
 * An upload is free and may be repeated, so it is retried like a status
 * request.  It is an API call like any other (wan-client.c); nothing here
 * is called back from there.
 *
 * The key goes along with an upload: the upload services are the
 * providers' own (docs/providers.md: toapis "Upload answer"; evolink's
 * documented file host).  fal's storage takes a short-lived token instead,
 * which its API hands out for the purpose (docs/providers.md, "fal",
 * "Upload"): the key goes only to the API that gives the token.
 */

#include <errno.h>
#include <glib/gstdio.h>
#include "wan-upload.h"
#include "wan-input.h"
#include "wan-json.h"
#include "wan-local.h"
#include "wan-transfer.h"

/* Where uploads go: the documented upload host along with the documented
 * API; with any other base-url (a proxy, the simulator) the same origin
 * serves both, so nothing reaches the real services by surprise. */
static gchar *
service_url (WanClient * client, const gchar * host, const gchar * path)
{
  const WanProvider *p = client->provider;

  if (host && g_strcmp0 (client->base_url, p->default_base_url) == 0)
    return g_strconcat (host, path, NULL);
  return g_strconcat (client->base_url, path, NULL);
}

/* A token for fal's storage: the "Authorization:" line to upload with,
 * and the storage's base URL. */
static gboolean
read_token (WanClient * client, WanTransfer * t, gchar ** auth,
    gchar ** base, GError ** error)
{
  JsonNode *root;
  gchar *token = NULL, *type = NULL;

  if (t->status >= 300) {
    g_propagate_error (error, wan_api_answer_error (client, t));
    return FALSE;
  }
  root = wan_json_parse ((const gchar *) t->answer->data, t->answer->len, NULL);
  if (root) {
    token = wan_json_get_string (root, "token");
    type = wan_json_get_string (root, "token_type");
    *base = wan_json_get_string (root, "base_url");
    json_node_unref (root);
  }
  if (token && *token && type && *type
      && wan_uri_classify (*base) == WAN_URI_WEB) {
    while (g_str_has_suffix (*base, "/"))
      (*base)[strlen (*base) - 1] = '\0';
    *auth = g_strdup_printf ("Authorization: %s %s", type, token);
  } else {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL, "%s's storage "
        "token answer lacks a token, its type or an http(s) base_url",
        client->provider->name);
    g_clear_pointer (base, g_free);
  }
  wan_clear_secret (&token);
  g_free (type);
  return *auth != NULL;
}

static gboolean
get_token (WanClient * client, gchar ** auth, gchar ** base,
    GCancellable * cancellable, GError ** error)
{
  const WanUploadSpec *up = client->provider->upload;
  WanApiCall call = {.body = "{}",.timeout_s = 60 };
  WanTransfer t;
  gboolean ok = FALSE;

  *auth = *base = NULL;
  call.url = service_url (client, up->token_host, up->token_path);
  if (wan_api_call (client, &t, &call, cancellable, error)) {
    ok = read_token (client, &t, auth, base, error);
    wan_transfer_clear (&t);
  }
  g_free (call.url);
  return ok;
}

/* The file's size against the upload service's limit. */
static gboolean
check_size (WanClient * client, const gchar * property, const gchar * path,
    GError ** error)
{
  const WanProvider *p = client->provider;
  GStatBuf st;

  if (g_stat (path, &st) != 0) {
    g_propagate_error (error, wan_local_read_error (property, path, errno));
    return FALSE;
  }
  if ((guint64) st.st_size > p->upload->max_bytes) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID, "%s: '%s' is %"
        G_GUINT64_FORMAT " bytes; %s uploads take at most %" G_GUINT64_FORMAT,
        property, path, (guint64) st.st_size, p->name, p->upload->max_bytes);
    return FALSE;
  }
  return TRUE;
}

/* The file's URL from the upload service's answer. */
static gchar *
read_uploaded (WanClient * client, WanTransfer * t, GError ** error)
{
  const WanProvider *p = client->provider;
  const gchar *body = (const gchar *) t->answer->data;

  if (t->status >= 300 && !wan_provider_is_upload_answer (p, body,
          t->answer->len)) {
    /* Not the service's own refusal: the API's error dialect (a key
     * refused, a proxy's page). */
    g_propagate_error (error, wan_api_answer_error (client, t));
    return NULL;
  }
  return wan_provider_parse_upload (p, t->status, body, t->answer->len, error);
}

gchar *
wan_upload_file (WanClient * client, const gchar * property,
    const gchar * path, GCancellable * cancellable, GError ** error)
{
  const WanUploadSpec *up = client->provider->upload;
  WanApiCall call = { NULL, NULL, path, NULL, NULL, FALSE, 0 };
  gchar *type, *url = NULL, *auth = NULL, *base = NULL;
  WanTransfer t;

  if (!check_size (client, property, path, error))
    return NULL;
  type = wan_local_media_type (property, path, error);
  if (type == NULL)
    return NULL;
  call.upload_type = type;
  if (up->token_path == NULL) {
    call.url = service_url (client, up->host, up->path);
  } else if (get_token (client, &auth, &base, cancellable, error)) {
    call.url = g_strconcat (base, up->path, NULL);
    call.raw_upload = TRUE;
    call.auth = auth;
  } else {
    g_prefix_error (error, "%s: '%s': ", property, path);
  }
  if (call.url && wan_api_call (client, &t, &call, cancellable, error)) {
    url = read_uploaded (client, &t, error);
    if (url == NULL)
      g_prefix_error (error, "%s: '%s': ", property, path);
    wan_transfer_clear (&t);
  }
  g_free (call.url);
  g_free (type);
  g_free (base);
  wan_clear_secret (&auth);
  return url;
}
