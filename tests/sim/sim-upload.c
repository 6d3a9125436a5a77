/* wan-sim: the providers' upload services (docs/providers.md: toapis
 * "Upload answer", evolink's upload)
 *
 * A multipart POST with the field "file"; the file is kept in the
 * simulator's directory and served back by its CDN, as the real services
 * hand out a URL the provider then fetches.
 */

#include "sim-private.h"

static const SimUploadService services[] = {
  {"toapis", "/v1/uploads/images", 10 * 1024 * 1024, TRUE},
  /* With the simulator as base-url, evolink's file host is the same
   * origin (the client does this for any base-url but the default). */
  {"evolink", "/api/v1/files/upload/stream", 100 * 1024 * 1024, FALSE},
};

static const gchar *const toapis_types[] = { "image/jpeg", "image/png",
  "image/webp", "image/gif", NULL
};

const SimUploadService *
sim_upload_find (const gchar * dialect, const gchar * path)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (services); i++) {
    if (g_str_equal (services[i].dialect, dialect)
        && g_str_equal (services[i].path, path))
      return &services[i];
  }
  return NULL;
}

static JsonNode *
render_refusal (const SimUploadService * svc, guint status,
    const gchar * message)
{
  JsonObject *o = json_object_new ();

  json_object_set_boolean_member (o, "success", FALSE);
  if (g_str_equal (svc->dialect, "evolink")) {
    json_object_set_int_member (o, "code", status);
    json_object_set_string_member (o, "msg", message);
  } else {
    json_object_set_string_member (o, "message", message);
  }
  return sim_node_take (o);
}

static JsonNode *
render_success (const SimUploadService * svc, const gchar * id,
    const gchar * url, const gchar * type, gsize size)
{
  JsonObject *o = json_object_new (), *data = json_object_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  json_object_set_boolean_member (o, "success", TRUE);
  if (g_str_equal (svc->dialect, "evolink")) {
    json_object_set_int_member (o, "code", 200);
    json_object_set_string_member (o, "msg", "success");
    json_object_set_string_member (data, "file_id", id);
    json_object_set_string_member (data, "file_url", url);
    json_object_set_string_member (data, "download_url", url);
    json_object_set_string_member (data, "mime_type", type);
    json_object_set_int_member (data, "file_size", size);
    json_object_set_int_member (data, "expires_at", now + 72 * 3600);
  } else {
    json_object_set_string_member (data, "id", id);
    json_object_set_string_member (data, "url", url);
    json_object_set_string_member (data, "mime_type", type);
    json_object_set_int_member (data, "size", size);
  }
  json_object_set_object_member (o, "data", data);
  return sim_node_take (o);
}

/* The part of @multipart named "file", or -1. */
static gint
find_file_part (SoupMultipart * multipart, gchar ** filename)
{
  gint i;

  for (i = 0; i < soup_multipart_get_length (multipart); i++) {
    SoupMessageHeaders *headers;
    GBytes *body;
    GHashTable *params = NULL;
    gboolean found;

    soup_multipart_get_part (multipart, i, &headers, &body);
    found = soup_message_headers_get_content_disposition (headers, NULL,
        &params) && g_strcmp0 (g_hash_table_lookup (params, "name"),
        "file") == 0;
    if (found)
      *filename = g_strdup (g_hash_table_lookup (params, "filename"));
    if (params)
      g_hash_table_destroy (params);
    if (found)
      return i;
  }
  return -1;
}

gchar *
sim_upload_take (const SimUploadService * svc, SoupServerMessage * msg,
    const gchar * dir, guint cdn_port, guint serial, JsonNode ** answer,
    guint * status)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GBytes *bytes = soup_message_body_flatten (body);
  SoupMultipart *multipart = soup_multipart_new_from_message
      (soup_server_message_get_request_headers (msg), bytes);
  SoupMessageHeaders *part_headers;
  GBytes *part;
  gchar *filename = NULL, *name = NULL, *path = NULL, *id, *url, *base;
  const gchar *type = NULL;
  gint index = multipart ? find_file_part (multipart, &filename) : -1;

  *status = 400;
  if (index < 0) {
    *answer = render_refusal (svc, 400, "no multipart field 'file'");
    goto out;
  }
  soup_multipart_get_part (multipart, index, &part_headers, &part);
  type = soup_message_headers_get_content_type (part_headers, NULL);
  if (g_bytes_get_size (part) > svc->max_bytes) {
    *answer = render_refusal (svc, 400, "file too large");
    goto out;
  }
  if (svc->images_only && !(type && g_strv_contains (toapis_types, type))) {
    *answer = render_refusal (svc, 400, "unsupported file type: only "
        "JPEG, PNG, WebP and GIF images");
    goto out;
  }
  id = g_strdup_printf ("file-%04u", serial);
  base = g_path_get_basename (filename ? filename : "upload");
  g_strcanon (base, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "._-", '_');
  name = g_strdup_printf ("upload-%04u-%s", serial, base);
  path = g_build_filename (dir, name, NULL);
  if (!g_file_set_contents (path, g_bytes_get_data (part, NULL),
          g_bytes_get_size (part), NULL)) {
    *status = 500;
    *answer = render_refusal (svc, 500, "cannot store the file");
    g_clear_pointer (&path, g_free);
  } else {
    url = g_strdup_printf ("http://127.0.0.1:%u/files/%s", cdn_port, name);
    *status = 200;
    *answer = render_success (svc, id, url, type ? type :
        "application/octet-stream", g_bytes_get_size (part));
    g_free (url);
  }
  g_free (base);
  g_free (id);
out:
  g_free (name);
  g_free (filename);
  if (multipart)
    soup_multipart_free (multipart);
  g_bytes_unref (bytes);
  return path;
}
