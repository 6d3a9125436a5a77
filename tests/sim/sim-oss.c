/* wan-sim: DashScope's temporary storage (docs/providers.md, "dashscope",
 * "Upload (temporary storage)")
 *
 * GET /api/v1/uploads?action=getPolicy&model=M answers a signed form
 * policy naming the upload host (the simulator's CDN origin, another
 * port: like OSS, another host than the API); a multipart POST of that
 * form and the file to the host stores the file, bound to the model, as
 * the real storage does.  A create names it as oss://KEY, and only with
 * X-DashScope-OssResourceResolve: enable is it resolved.
 *
 * The policy is stateless: it carries its folder and model, and its
 * signature is a digest of it, so a form the simulator did not hand out
 * is refused.
 */

#include <string.h>
#include <glib/gstdio.h>
#include "sim-private.h"
#include "sim-dashscope.h"

#define OSS_ACCESS_KEY_ID "sim-oss-access-key-id"
#define OSS_SECRET "sim-oss-secret"

static gchar *
sign (const gchar * policy)
{
  gchar *text = g_strconcat (OSS_SECRET, policy, NULL);
  gchar *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  g_free (text);
  return sum;
}

JsonNode *
sim_oss_render_policy (const gchar * model, guint serial, guint cdn_port)
{
  JsonObject *o = json_object_new (), *data = json_object_new ();
  gchar *dir = g_strdup_printf ("dashscope-instant/sim/%04u", serial);
  gchar *plain = g_strconcat (dir, "|", model, NULL);
  gchar *policy = g_base64_encode ((const guchar *) plain, strlen (plain));
  gchar *host = g_strdup_printf ("http://127.0.0.1:%u", cdn_port);

  gchar *signature = sign (policy);

  json_object_set_string_member (data, "policy", policy);
  json_object_set_string_member (data, "signature", signature);
  json_object_set_string_member (data, "upload_dir", dir);
  json_object_set_string_member (data, "upload_host", host);
  json_object_set_int_member (data, "expire_in_seconds", 300);
  json_object_set_int_member (data, "max_file_size_mb", 100);
  json_object_set_int_member (data, "capacity_limit_mb", 999999999);
  json_object_set_string_member (data, "oss_access_key_id", OSS_ACCESS_KEY_ID);
  json_object_set_string_member (data, "x_oss_object_acl", "private");
  json_object_set_string_member (data, "x_oss_forbid_overwrite", "true");
  json_object_set_object_member (o, "data", data);
  json_object_set_string_member (o, "request_id", "req-policy-0001");
  g_free (host);
  g_free (signature);
  g_free (policy);
  g_free (plain);
  g_free (dir);
  return sim_node_take (o);
}

gchar *
sim_oss_file_path (const gchar * dir, const gchar * model, const gchar * key)
{
  gchar *name = g_strconcat ("oss-", model, "-", key, NULL), *path;

  g_strcanon (name, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "._-", '_');
  path = g_build_filename (dir, name, NULL);
  g_free (name);
  return path;
}

/* An OSS error body. */
gchar *
sim_oss_error (const gchar * code, const gchar * message)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Error>\n  <Code>%s</Code>\n  <Message>%s</Message>\n"
      "  <RequestId>sim-oss-0001</RequestId>\n</Error>\n", code, message);
}

/* The form's text fields by name, and the file part, which must come
 * last (OSS ignores anything after it). */
static gboolean
read_form (SoupMultipart * multipart, GHashTable * fields, GBytes ** file,
    gchar ** filename)
{
  gint i, n = soup_multipart_get_length (multipart);

  for (i = 0; i < n; i++) {
    SoupMessageHeaders *headers;
    GBytes *body;
    GHashTable *params = NULL;
    const gchar *name;

    soup_multipart_get_part (multipart, i, &headers, &body);
    if (!soup_message_headers_get_content_disposition (headers, NULL, &params))
      continue;
    name = g_hash_table_lookup (params, "name");
    if (g_strcmp0 (name, "file") == 0 && i == n - 1) {
      *file = g_bytes_ref (body);
      *filename = g_strdup (g_hash_table_lookup (params, "filename"));
    } else if (name) {
      g_hash_table_insert (fields, g_strdup (name),
          g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
    }
    g_hash_table_destroy (params);
  }
  return *file != NULL;
}

/* The policy's folder and model, when the form carries a policy the
 * simulator signed. */
static gboolean
check_policy (GHashTable * fields, gchar ** dir, gchar ** model,
    const gchar ** why)
{
  const gchar *policy = g_hash_table_lookup (fields, "policy");
  gchar *expected, *plain, *bar;
  gsize len;

  *why = "The form lacks a policy, OSSAccessKeyId or Signature";
  if (policy == NULL || g_strcmp0 (g_hash_table_lookup (fields,
              "OSSAccessKeyId"), OSS_ACCESS_KEY_ID) != 0)
    return FALSE;
  expected = sign (policy);
  *why = "The request signature we calculated does not match the "
      "signature you provided";
  if (g_strcmp0 (g_hash_table_lookup (fields, "Signature"), expected) != 0) {
    g_free (expected);
    return FALSE;
  }
  g_free (expected);
  plain = (gchar *) g_base64_decode (policy, &len);
  plain = g_realloc (plain, len + 1);
  plain[len] = '\0';
  bar = strchr (plain, '|');
  if (bar)
    *bar = '\0';
  *dir = g_strdup (plain);
  *model = g_strdup (bar ? bar + 1 : "");
  g_free (plain);
  return TRUE;
}

/* The form's other fields as the policy's conditions ask. */
static const gchar *
check_fields (GHashTable * fields, const gchar * dir, const gchar ** key)
{
  *key = g_hash_table_lookup (fields, "key");
  if (*key == NULL || !g_str_has_prefix (*key, dir)
      || (*key)[strlen (dir)] != '/' || (*key)[strlen (dir) + 1] == '\0')
    return "Invalid according to Policy: key must be in the policy's "
        "upload_dir";
  if (g_strcmp0 (g_hash_table_lookup (fields, "x-oss-object-acl"),
          "private") != 0
      || g_strcmp0 (g_hash_table_lookup (fields, "x-oss-forbid-overwrite"),
          "true") != 0)
    return "Invalid according to Policy: x-oss-object-acl and "
        "x-oss-forbid-overwrite must be as the policy says";
  return NULL;
}

/* Stores the file a form POST carries.  Returns the HTTP status, with the
 * answer's body (empty on success) and the stored file's path. */
guint
sim_oss_take (SoupServerMessage * msg, const gchar * dir, gchar ** stored,
    gchar ** answer)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  GBytes *bytes =
      soup_message_body_flatten (soup_server_message_get_request_body (msg));
  SoupMultipart *multipart = soup_multipart_new_from_message (req, bytes);
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      g_free);
  GBytes *file = NULL;
  gchar *filename = NULL, *policy_dir = NULL, *model = NULL;
  const gchar *why = NULL, *key = NULL, *status_word;
  guint status = 400;

  *stored = NULL;
  if (soup_message_headers_get_one (req, "Authorization"))
    why = "A POST form upload takes no Authorization header";
  else if (multipart == NULL || !read_form (multipart, fields, &file,
          &filename))
    why = "The form must end with its field 'file'";
  else if (!check_policy (fields, &policy_dir, &model, &why))
    status = 403;
  else if ((why = check_fields (fields, policy_dir, &key)) == NULL) {
    *stored = sim_oss_file_path (dir, model, key);
    if (g_file_test (*stored, G_FILE_TEST_EXISTS)) {
      why = "The object you specified already exists and can not be "
          "overwritten";
      status = 409;
      g_clear_pointer (stored, g_free);
    } else if (!g_file_set_contents (*stored, g_bytes_get_data (file, NULL),
            g_bytes_get_size (file), NULL)) {
      why = "cannot store the file";
      status = 500;
      g_clear_pointer (stored, g_free);
    }
  }
  status_word = g_hash_table_lookup (fields, "success_action_status");
  if (why == NULL)
    status = g_strcmp0 (status_word, "200") == 0 ? 200 : 204;
  *answer = why ? sim_oss_error (status == 409 ? "FileAlreadyExists" :
      status == 403 ? "AccessDenied" : "InvalidArgument", why) : g_strdup ("");
  g_free (filename);
  g_free (policy_dir);
  g_free (model);
  g_clear_pointer (&file, g_bytes_unref);
  g_hash_table_destroy (fields);
  if (multipart)
    soup_multipart_free (multipart);
  g_bytes_unref (bytes);
  return status;
}

/* --- oss:// URLs in a create ------------------------------------------ */

/* What a file's first bytes say it is: 'i'mage, 'v'ideo, 'a'udio, or 0. */
static gint
sniff (const gchar * path)
{
  guint8 h[12] = { 0 };
  FILE *f = g_fopen (path, "rb");
  gsize n = f ? fread (h, 1, sizeof (h), f) : 0;

  if (f)
    fclose (f);
  if (n < sizeof (h))
    return 0;
  if ((h[0] == 0xff && h[1] == 0xd8) || memcmp (h, "\x89PNG", 4) == 0
      || memcmp (h, "GIF8", 4) == 0 || memcmp (h, "BM", 2) == 0
      || (memcmp (h, "RIFF", 4) == 0 && memcmp (h + 8, "WEBP", 4) == 0))
    return 'i';
  if (memcmp (h, "ID3", 3) == 0 || (h[0] == 0xff && (h[1] & 0xe0) == 0xe0)
      || (memcmp (h, "RIFF", 4) == 0 && memcmp (h + 8, "WAVE", 4) == 0)
      || memcmp (h, "OggS", 4) == 0 || memcmp (h + 4, "ftypM4A", 7) == 0)
    return 'a';
  if (memcmp (h + 4, "ftyp", 4) == 0 || memcmp (h + 4, "moov", 4) == 0
      || memcmp (h + 4, "mdat", 4) == 0)
    return 'v';
  return 0;
}

static const gchar *
kind_noun (gchar kind)
{
  return kind == 'i' ? "an image" : kind == 'v' ? "a video" :
      kind == 'a' ? "an audio file" : "an image or a video";
}

/* One URL: an oss:// one must be enabled by the header, stored for this
 * model and of the kind the field takes; it is then replaced by an https
 * URL so that the layouts' own checks read it as any fetched URL. */
static gboolean
resolve_one (JsonNode * node, const gchar * field, gchar kind,
    gboolean enabled, SimTask * task, SimError * err)
{
  const gchar *url = JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING ?
      json_node_get_string (node) : NULL;
  gchar *path, *https;
  gint found;

  if (url == NULL || !g_str_has_prefix (url, "oss://"))
    return TRUE;
  /* No documented code: the guide says only that the call fails. */
  if (!enabled)
    return sim_fail (err, 400, field, "The provided URL does not appear to "
        "be valid: %s (an oss:// URL needs the header "
        "X-DashScope-OssResourceResolve: enable)", url);
  path = sim_oss_file_path (task->store_dir, task->model, url + 6);
  found = g_file_test (path, G_FILE_TEST_EXISTS) ? sniff (path) : -1;
  g_free (path);
  if (found == -1)
    return sim_fail (err, 400, field, "%s was not uploaded for %s (a "
        "temporary file is bound to the model it was uploaded for)", url,
        task->model);
  if (kind == 'r' ? found != 'i' && found != 'v' : found != kind)
    return sim_fail (err, 400, field, "%s must be %s", url, kind_noun (kind));
  https = g_strconcat ("https://oss.wan-sim.invalid/", url + 6, NULL);
  json_node_set_string (node, https);
  g_free (https);
  return TRUE;
}

/* The kind a member of input, or a media item's type, takes. */
static gchar
kind_of (const gchar * name)
{
  static const gchar *const images[] = { "img_url", "first_frame_url",
    "last_frame_url", "first_frame", "last_frame", "reference_image", NULL
  };
  static const gchar *const videos[] = { "first_clip", "video",
    "reference_video", "reference_video_urls", NULL
  };
  static const gchar *const audios[] = { "audio_url", "driving_audio",
    "reference_audio", "reference_voice", NULL
  };

  if (g_strv_contains (images, name))
    return 'i';
  if (g_strv_contains (videos, name))
    return 'v';
  if (g_strv_contains (audios, name))
    return 'a';
  return g_str_equal (name, "reference_urls") ? 'r' : 0;
}

static gboolean
resolve_media (JsonArray * media, gboolean enabled, SimTask * task,
    SimError * err)
{
  guint i;

  for (i = 0; i < json_array_get_length (media); i++) {
    JsonNode *item = json_array_get_element (media, i);
    JsonObject *o = JSON_NODE_HOLDS_OBJECT (item) ?
        json_node_get_object (item) : NULL;
    const gchar *type = o ? json_object_get_string_member_with_default (o,
        "type", "") : "";

    if (o && json_object_has_member (o, "url")
        && !resolve_one (json_object_get_member (o, "url"), "media",
            kind_of (type), enabled, task, err))
      return FALSE;
    if (o && json_object_has_member (o, "reference_voice")
        && !resolve_one (json_object_get_member (o, "reference_voice"),
            "media", 'a', enabled, task, err))
      return FALSE;
  }
  return TRUE;
}

gboolean
sim_dashscope_resolve_oss (JsonObject * body, SoupMessageHeaders * headers,
    SimTask * task, SimError * err)
{
  JsonNode *input = json_object_get_member (body, "input");
  gboolean enabled = g_strcmp0 (soup_message_headers_get_one (headers,
          "X-DashScope-OssResourceResolve"), "enable") == 0;
  GList *members, *l;
  gboolean ok = TRUE;

  if (input == NULL || !JSON_NODE_HOLDS_OBJECT (input))
    return TRUE;
  members = json_object_get_members (json_node_get_object (input));
  for (l = members; l && ok; l = l->next) {
    JsonNode *node = json_object_get_member (json_node_get_object (input),
        l->data);
    guint i;

    if (JSON_NODE_HOLDS_ARRAY (node) && g_str_equal (l->data, "media"))
      ok = resolve_media (json_node_get_array (node), enabled, task, err);
    else if (JSON_NODE_HOLDS_ARRAY (node))
      for (i = 0; ok && i < json_array_get_length (json_node_get_array
              (node)); i++)
        ok = resolve_one (json_array_get_element (json_node_get_array (node),
                i), l->data, kind_of (l->data), enabled, task, err);
    else
      ok = resolve_one (node, l->data, kind_of (l->data), enabled, task, err);
  }
  g_list_free (members);
  return ok;
}
