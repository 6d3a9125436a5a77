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
 * DashScope's temporary storage is an OSS bucket: its API hands out a
 * signed form policy, and the form goes to the bucket's host without the
 * key (docs/providers.md, "dashscope", "Upload (temporary storage)").
 */

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include "wan-upload.h"
#include "wan-input.h"
#include "wan-json.h"
#include "wan-local.h"
#include "wan-transfer.h"
#include "wan-error.h"

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

/* The file's size against the upload service's limit (0: none). */
static gboolean
check_size (WanClient * client, const gchar * property, const gchar * path,
    guint64 max_bytes, GError ** error)
{
  const WanProvider *p = client->provider;
  GStatBuf st;

  if (g_stat (path, &st) != 0) {
    g_propagate_error (error, wan_local_read_error (property, path, errno));
    return FALSE;
  }
  if (max_bytes > 0 && (guint64) st.st_size > max_bytes) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID, "%s: '%s' is %"
        G_GUINT64_FORMAT " bytes; %s uploads take at most %" G_GUINT64_FORMAT,
        property, path, (guint64) st.st_size, p->name, max_bytes);
    return FALSE;
  }
  return TRUE;
}

/* The storage policy for a file that @model will take (a policy is bound
 * to the model the file is then used with). */
static gboolean
get_policy (WanClient * client, const gchar * model, WanUploadPolicy * policy,
    GCancellable * cancellable, GError ** error)
{
  const WanUploadSpec *up = client->provider->upload;
  WanApiCall call = {.timeout_s = 60 };
  gchar *escaped = g_uri_escape_string (model, NULL, FALSE), *path;
  WanTransfer t;
  gboolean ok = FALSE;

  path = g_strdup_printf (up->policy_path, escaped);
  call.url = g_strconcat (client->base_url, path, NULL);
  if (wan_api_call (client, &t, &call, cancellable, error)) {
    if (t.status >= 300)
      g_propagate_error (error, wan_api_answer_error (client, &t));
    else
      ok = up->read_policy ((const gchar *) t.answer->data, t.answer->len,
          policy, error);
    wan_transfer_clear (&t);
  }
  g_free (call.url);
  g_free (path);
  g_free (escaped);
  return ok;
}

/* The object key: the policy's folder and the file's name, reduced to
 * characters a URL carries as they are.  A name that does not say what
 * the file is gets the extension of its media type, so that the oss://
 * URL still tells a reference's kind where it is validated again (a
 * request from wan_client_prepare_inputs() submitted later); the job
 * itself keeps the kinds told before the upload (WanPlan). */
static gchar *
object_key (const WanUploadPolicy * policy, const gchar * path,
    const gchar * type)
{
  static const gchar *const extensions[][2] = {
    {"image/jpeg", ".jpg"}, {"image/png", ".png"}, {"image/webp", ".webp"},
    {"image/bmp", ".bmp"}, {"image/gif", ".gif"}, {"video/mp4", ".mp4"},
    {"video/quicktime", ".mov"}, {"audio/mpeg", ".mp3"},
    {"audio/x-wav", ".wav"}, {"audio/wav", ".wav"},
  };
  gchar *name = g_path_get_basename (path), *lower, *key;
  const gchar *ext = NULL, *known = NULL;
  guint i;

  g_strcanon (name, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "._-", '_');
  lower = g_ascii_strdown (name, -1);
  for (i = 0; i < G_N_ELEMENTS (extensions); i++) {
    if (g_strcmp0 (type, extensions[i][0]) == 0)
      ext = extensions[i][1];
    if (g_str_has_suffix (lower, extensions[i][1]))
      known = extensions[i][1];
  }
  if (g_str_has_suffix (lower, ".jpeg") || g_str_has_suffix (lower, ".m4v"))
    known = lower;
  key = g_strconcat (policy->dir, "/", name, known || !ext ? "" : ext, NULL);
  g_free (lower);
  g_free (name);
  return key;
}

/* The upload host's refusal: OSS answers XML <Error><Code>…</Code>
 * <Message>…</Message>; any other body is named by its status alone. */
static GError *
storage_error (WanClient * client, WanTransfer * t)
{
  /* The answer's bytes end with no NUL of their own. */
  gchar *body = g_strndup ((const gchar *) t->answer->data, t->answer->len);
  const gchar *code = strstr (body, "<Code>");
  const gchar *msg = strstr (body, "<Message>");
  gchar *c = code ? g_strndup (code + 6, strcspn (code + 6, "<")) : NULL;
  gchar *m = msg ? g_strndup (msg + 9, strcspn (msg + 9, "<")) : NULL;
  WanErrorCode kind = t->status >= 500 ? WAN_ERROR_SERVER :
      t->status == 403 ? WAN_ERROR_AUTH : WAN_ERROR_INVALID;
  GError *error = wan_error_new_full (kind, t->status, c, NULL,
      "%s's upload host refused the file (HTTP %ld)%s%s%s%s",
      client->provider->name, t->status, c ? ": " : "", c ? c : "",
      m ? ": " : "", m ? m : "");

  g_free (c);
  g_free (m);
  g_free (body);
  return error;
}

/* The form an upload host takes: the policy's fields, the object's key
 * and its media type (docs/providers.md, "Upload (temporary storage)"). */
static GPtrArray *
policy_form (const WanUploadPolicy * policy, const gchar * key,
    const gchar * type)
{
  GPtrArray *form = g_ptr_array_new ();
  guint i;

  for (i = 0; policy->fields[i] && policy->fields[i + 1]; i += 2) {
    g_ptr_array_add (form, policy->fields[i]);
    g_ptr_array_add (form, policy->fields[i + 1]);
  }
  g_ptr_array_add (form, (gpointer) "key");
  g_ptr_array_add (form, (gpointer) key);
  g_ptr_array_add (form, (gpointer) "x-oss-content-type");
  g_ptr_array_add (form, (gpointer) type);
  g_ptr_array_add (form, NULL);
  return form;
}

/* The policy flow: the form and the file to the host the policy names,
 * without the key; the file's URL is the storage's name for its key. */
static gchar *
upload_with_policy (WanClient * client, const gchar * model,
    WanApiCall * call, WanInputKind kind, const gchar * property,
    GCancellable * cancellable, GError ** error)
{
  const WanUploadSpec *up = client->provider->upload;
  WanUploadPolicy policy = { NULL };
  GPtrArray *form;
  gchar *key, *url = NULL;
  WanTransfer t;

  if (!get_policy (client, model, &policy, cancellable, error)) {
    g_prefix_error (error, "%s: '%s': ", property, call->upload_path);
    return NULL;
  }
  if (!check_size (client, property, call->upload_path,
          policy.max_bytes, error)) {
    wan_upload_policy_clear (&policy);
    return NULL;
  }
  key = object_key (&policy, call->upload_path, call->upload_type);
  form = policy_form (&policy, key, call->upload_type);
  call->url = g_strdup (policy.host);
  call->form = (const gchar * const *) form->pdata;
  call->anonymous = TRUE;
  if (wan_api_call (client, &t, call, cancellable, error)) {
    if (t.status >= 300)
      g_propagate_error (error, storage_error (client, &t));
    else
      url = g_strconcat (up->url_prefix, key, NULL);
    wan_transfer_clear (&t);
  }
  if (url == NULL)
    g_prefix_error (error, "%s: '%s': ", property, call->upload_path);
  g_clear_pointer (&call->url, g_free);
  g_ptr_array_free (form, TRUE);
  g_free (key);
  wan_upload_policy_clear (&policy);
  return url;
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
wan_upload_file (WanClient * client, const gchar * model, WanInputKind kind,
    const gchar * property, const gchar * path, GCancellable * cancellable,
    GError ** error)
{
  const WanUploadSpec *up = client->provider->upload;
  WanApiCall call = { NULL, NULL, path, NULL, NULL, NULL, FALSE, 0 };
  gchar *type, *url = NULL, *auth = NULL, *base = NULL;
  WanTransfer t;

  if (up->policy_path == NULL
      && !check_size (client, property, path, up->max_bytes, error))
    return NULL;
  type = wan_local_media_type (property, path, error);
  if (type == NULL)
    return NULL;
  call.upload_type = type;
  if (up->policy_path) {
    url = upload_with_policy (client, model, &call, kind, property,
        cancellable, error);
    g_free (type);
    return url;
  }
  if (up->token_path == NULL) {
    call.url = service_url (client, up->host, up->path);
  } else if (get_token (client, &auth, &base, cancellable, error)) {
    call.url = g_strconcat (base, up->path, NULL);
    call.raw_upload = TRUE;
    call.auth = auth;
  }
  if (call.url && wan_api_call (client, &t, &call, cancellable, error)) {
    url = read_uploaded (client, &t, error);
    wan_transfer_clear (&t);
  }
  if (url == NULL)
    g_prefix_error (error, "%s: '%s': ", property, path);
  g_free (call.url);
  g_free (type);
  g_free (base);
  wan_clear_secret (&auth);
  return url;
}
