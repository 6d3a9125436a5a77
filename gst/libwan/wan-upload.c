/* gst-wan: local input files made usable by the provider
 *
 * Before the create call, each local image, reference video or audio file
 * becomes what the provider takes (wan-input.c decides which): a URL from
 * its upload service, or a data: URI in the request itself.  An upload is
 * free and may be repeated, so it is retried like a status request.
 *
 * The key goes along with an upload: the upload services are the
 * providers' own (toapis' API host, evolink's documented file host).
 */

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "wan-transfer.h"

#define SNIFF_BYTES 4096
#define HASH_CHUNK (64 * 1024)

static GError *
read_error (WanInputKind kind, const gchar * path, gint err)
{
  return g_error_new (WAN_ERROR, err == ENOENT ? WAN_ERROR_NOT_FOUND :
      WAN_ERROR_INVALID, "%s: cannot read '%s': %s",
      wan_input_kind_to_property (kind), path, g_strerror (err));
}

/* The media type from the file's first bytes (shared-mime-info's magic),
 * as the upload services and data: URIs want it. */
static gchar *
media_type_of (const gchar * path, const guint8 * head, gsize size)
{
  gchar *type = g_content_type_guess (path, head, MIN (size, SNIFF_BYTES),
      NULL);
  gchar *mime = g_content_type_get_mime_type (type);

  g_free (type);
  return mime ? mime : g_strdup ("application/octet-stream");
}

/* media_type_of() for a file not read yet: only its head is. */
static gchar *
sniff_media_type (WanInputKind kind, const gchar * path, GError ** error)
{
  guint8 head[SNIFF_BYTES];
  gssize n;
  gint fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0) {
    g_propagate_error (error, read_error (kind, path, errno));
    return NULL;
  }
  n = read (fd, head, sizeof (head));
  if (n < 0) {
    g_propagate_error (error, read_error (kind, path, errno));
    close (fd);
    return NULL;
  }
  close (fd);
  return media_type_of (path, head, n);
}

/* Where uploads go: the documented upload host along with the documented
 * API; with any other base-url (a proxy, the simulator) the same origin
 * serves both, so nothing reaches the real services by surprise. */
static gchar *
upload_url (WanClient * client)
{
  const WanProvider *p = client->provider;

  if (p->upload->host && g_strcmp0 (client->base_url, p->default_base_url) == 0)
    return g_strconcat (p->upload->host, p->upload->path, NULL);
  return g_strconcat (client->base_url, p->upload->path, NULL);
}

/* An answer in the upload service's shape ({"success":…}). */
static gboolean
is_upload_answer (const WanProvider * p, WanTransfer * t)
{
  JsonNode *root = wan_json_parse ((const gchar *) t->answer->data,
      t->answer->len, NULL);
  gboolean ours = root && JSON_NODE_HOLDS_OBJECT (root)
      && json_object_has_member (json_node_get_object (root),
      p->upload->success);

  if (root)
    json_node_unref (root);
  return ours;
}

static gchar *
upload_file (WanClient * client, WanInputKind kind, const gchar * path,
    GCancellable * cancellable, GError ** error)
{
  const WanProvider *p = client->provider;
  WanApiCall call = { NULL, NULL, path, NULL, NULL, FALSE, 0 };
  gchar *type, *url = NULL;
  GStatBuf st;
  WanTransfer t;

  if (g_stat (path, &st) != 0) {
    g_propagate_error (error, read_error (kind, path, errno));
    return NULL;
  }
  if ((guint64) st.st_size > p->upload->max_bytes) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID, "%s: '%s' is %"
        G_GUINT64_FORMAT " bytes; %s uploads take at most %" G_GUINT64_FORMAT,
        wan_input_kind_to_property (kind), path, (guint64) st.st_size, p->name,
        p->upload->max_bytes);
    return NULL;
  }
  type = sniff_media_type (kind, path, error);
  if (type == NULL)
    return NULL;
  call.upload_type = type;
  call.url = upload_url (client);
  if (wan_api_call (client, &t, &call, cancellable, error)) {
    if (t.status >= 300 && !is_upload_answer (p, &t))
      /* Not the service's own refusal: the API's error dialect (a key
       * refused, a proxy's page). */
      g_propagate_error (error, wan_api_answer_error (client, &t));
    else
      url = wan_provider_parse_upload (p, t.status,
          (const gchar *) t.answer->data, t.answer->len, error);
    if (url == NULL)
      g_prefix_error (error, "%s: '%s': ", wan_input_kind_to_property (kind),
          path);
    wan_transfer_clear (&t);
  }
  g_free (call.url);
  g_free (type);
  return url;
}

static gchar *
data_uri (WanInputKind kind, const gchar * path, GError ** error)
{
  gchar *contents, *type, *encoded, *uri;
  gsize size;
  GError *err = NULL;

  /* The whole file is read anyway: its type comes from the same bytes. */
  if (!g_file_get_contents (path, &contents, &size, &err)) {
    g_set_error (error, WAN_ERROR, g_error_matches (err, G_FILE_ERROR,
            G_FILE_ERROR_NOENT) ? WAN_ERROR_NOT_FOUND : WAN_ERROR_INVALID,
        "%s: %s", wan_input_kind_to_property (kind), err->message);
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

/* Replaces *@uri, when it names a local file, by what the provider takes. */
static gboolean
make_usable (WanClient * client, const WanModelSpec * spec,
    WanInputKind kind, gchar ** uri, GCancellable * cancellable,
    GError ** error)
{
  gchar *path = wan_input_get_local_path (*uri), *usable = NULL;

  if (path == NULL)
    return TRUE;
  switch (wan_input_local_way (client->provider, spec, kind)) {
    case WAN_LOCAL_UPLOAD:
      usable = upload_file (client, kind, path, cancellable, error);
      break;
    case WAN_LOCAL_DATA_URI:
      usable = data_uri (kind, path, error);
      break;
    case WAN_LOCAL_NONE:
      /* wan_request_validate() refused it already. */
      g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID, "%s: %s cannot take "
          "the local file '%s'", wan_input_kind_to_property (kind),
          client->provider->name, path);
      break;
  }
  g_free (path);
  if (usable == NULL)
    return FALSE;
  g_free (*uri);
  *uri = usable;
  return TRUE;
}

gboolean
wan_client_prepare_inputs (WanClient * client, const WanRequest * req,
    WanRequest * prepared, GCancellable * cancellable, GError ** error)
{
  const WanModelSpec *spec;
  gboolean ok;
  guint i;

  wan_request_init (prepared);
  g_return_val_if_fail (req->provider == client->provider->id, FALSE);
  if (!wan_request_validate (req, error))
    return FALSE;
  wan_request_copy (prepared, req);
  spec = wan_provider_find_model (client->provider,
      wan_request_get_mode (req), req->flash);
  ok = make_usable (client, spec, WAN_INPUT_IMAGE, &prepared->image_uri,
      cancellable, error)
      && make_usable (client, spec, WAN_INPUT_AUDIO, &prepared->audio_uri,
      cancellable, error);
  for (i = 0; ok && prepared->reference_uris
      && prepared->reference_uris[i]; i++)
    ok = make_usable (client, spec, WAN_INPUT_VIDEO,
        &prepared->reference_uris[i], cancellable, error);
  if (!ok)
    wan_request_clear (prepared);
  return ok;
}

static gboolean
hash_file (WanInputKind kind, gchar ** uri, GError ** error)
{
  gchar *path = wan_input_get_local_path (*uri);
  GChecksum *sum;
  guint8 *chunk;
  gssize n = 0;
  gint fd;

  if (path == NULL)
    return TRUE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0) {
    g_propagate_error (error, read_error (kind, path, errno));
    g_free (path);
    return FALSE;
  }
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  chunk = g_malloc (HASH_CHUNK);
  while ((n = read (fd, chunk, HASH_CHUNK)) > 0)
    g_checksum_update (sum, chunk, n);
  if (n < 0) {
    g_propagate_error (error, read_error (kind, path, errno));
  } else {
    g_free (*uri);
    /* Still a local file to the validation, so it passes the same way. */
    *uri = g_strconcat ("file:///sha256/", g_checksum_get_string (sum), NULL);
  }
  close (fd);
  g_free (chunk);
  g_checksum_free (sum);
  g_free (path);
  return n == 0;
}

gboolean
wan_inputs_hash_local (WanRequest * req, GError ** error)
{
  guint i;

  if (!hash_file (WAN_INPUT_IMAGE, &req->image_uri, error)
      || !hash_file (WAN_INPUT_AUDIO, &req->audio_uri, error))
    return FALSE;
  for (i = 0; req->reference_uris && req->reference_uris[i]; i++) {
    if (!hash_file (WAN_INPUT_VIDEO, &req->reference_uris[i], error))
      return FALSE;
  }
  return TRUE;
}
