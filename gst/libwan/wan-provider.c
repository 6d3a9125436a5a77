/* gst-wan: the one flow every provider table plugs into
 *
 * Turning a request into a create call, and any answer into a task id, a
 * normalized task state or an error, is the same for all four providers;
 * only the table differs.
 */

#include "wan-provider.h"

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

const WanProvider *
wan_provider_get (WanProviderId id)
{
  static const WanProvider *const providers[WAN_N_PROVIDERS] = {
    [WAN_PROVIDER_DASHSCOPE] = &wan_provider_dashscope,
    [WAN_PROVIDER_TOAPIS] = &wan_provider_toapis,
    [WAN_PROVIDER_EVOLINK] = &wan_provider_evolink,
    [WAN_PROVIDER_AIMLAPI] = &wan_provider_aimlapi,
  };

  return (guint) id < WAN_N_PROVIDERS ? providers[id] : NULL;
}

const WanModelSpec *
wan_provider_find_model (const WanProvider * provider, WanMode mode,
    gboolean flash)
{
  const WanModelSpec *spec;

  if (provider == NULL)
    return NULL;
  for (spec = provider->models; spec->model != NULL; spec++) {
    if (spec->mode == mode && spec->flash == !!flash)
      return spec;
  }
  return NULL;
}

gboolean
wan_provider_build_create (const WanProvider * provider,
    const WanRequest * req, gchar ** path, gchar ** body, GError ** error)
{
  const WanModelSpec *spec;
  JsonBuilder *b;
  JsonNode *root;

  g_return_val_if_fail (req->provider == provider->id, FALSE);
  if (!wan_request_validate (req, error))
    return FALSE;
  spec = wan_provider_find_model (provider, wan_request_get_mode (req),
      req->flash);

  b = json_builder_new ();
  json_builder_begin_object (b);
  provider->build_body (b, req, spec, wan_request_get_model (req));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  *body = json_to_string (root, FALSE);
  *path = g_strdup (provider->create_path);
  json_node_unref (root);
  g_object_unref (b);
  return TRUE;
}

static gchar *
task_path (const gchar * format, const gchar * task_id)
{
  gchar *escaped = g_uri_escape_string (task_id, NULL, FALSE);
  gchar *path = g_strdup_printf (format, escaped);

  g_free (escaped);
  return path;
}

gchar *
wan_provider_status_path (const WanProvider * provider, const gchar * task_id)
{
  return task_path (provider->status_path, task_id);
}

gchar *
wan_provider_cancel_path (const WanProvider * provider, const gchar * task_id)
{
  if (provider->cancel_path == NULL)
    return NULL;
  return task_path (provider->cancel_path, task_id);
}

static JsonNode *
parse_answer (const WanProvider * provider, const gchar * body, gsize size,
    const gchar * what, GError ** error)
{
  GError *json_error = NULL;
  JsonNode *root = wan_json_parse (body, size, &json_error);

  if (root == NULL) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s answered the %s with something that is not JSON: %s",
        provider->name, what, json_error->message);
    g_error_free (json_error);
  }
  return root;
}

gchar *
wan_provider_parse_create (const WanProvider * provider, const gchar * body,
    gsize size, GError ** error)
{
  JsonNode *root = parse_answer (provider, body, size, "create request",
      error);
  const gchar *const *path;
  gchar *id = NULL;

  if (root == NULL)
    return NULL;
  for (path = provider->task_id; *path != NULL && id == NULL; path++) {
    id = wan_json_get_string (root, *path);
    if (id != NULL && *id == '\0')
      g_clear_pointer (&id, g_free);
  }
  if (id == NULL)
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s accepted the request but its answer carries no task id",
        provider->name);
  json_node_unref (root);
  return id;
}

static gboolean
lookup_status (const WanStatusWord * words, const gchar * word,
    WanTaskStatus * status)
{
  for (; words->word != NULL; words++) {
    if (g_ascii_strcasecmp (words->word, word) == 0) {
      *status = words->status;
      return TRUE;
    }
  }
  return FALSE;
}

static gboolean
is_http_url (const gchar * url)
{
  GUri *uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  gboolean ok = uri != NULL && g_uri_get_host (uri) != NULL
      && (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0
      || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0);

  if (uri)
    g_uri_unref (uri);
  return ok;
}

gchar *
wan_provider_parse_upload (const WanProvider * provider, guint http_status,
    const gchar * body, gsize size, GError ** error)
{
  const WanUploadSpec *up = provider->upload;
  JsonNode *root;
  gchar *url = NULL, *message;
  gboolean success = FALSE;

  g_return_val_if_fail (up != NULL, NULL);
  root = parse_answer (provider, body, size, "upload", error);
  if (root == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (root)) {
    JsonNode *flag = json_object_get_member (json_node_get_object (root),
        up->success);

    success = flag && JSON_NODE_HOLDS_VALUE (flag)
        && json_node_get_value_type (flag) == G_TYPE_BOOLEAN
        && json_node_get_boolean (flag);
  }
  if (success && http_status < 300)
    url = wan_json_get_string (root, up->url);
  if (url == NULL || !is_http_url (url)) {
    message = wan_json_get_string (root, up->message);
    g_set_error (error, WAN_ERROR, http_status == 401 || http_status == 403 ?
        WAN_ERROR_AUTH : success ? WAN_ERROR_PROTOCOL : WAN_ERROR_INVALID,
        "%s refused the upload (HTTP %u): %s", provider->name, http_status,
        message ? message : success ? "its answer has no http(s) file URL" :
        "no reason given");
    g_free (message);
    g_clear_pointer (&url, g_free);
  }
  json_node_unref (root);
  return url;
}

static gboolean
read_status (const WanProvider * provider, JsonNode * root,
    WanTaskState * state, GError ** error)
{
  const WanStatusShape *shape = &provider->status_shape;
  const gchar *const *path;
  gint64 n;

  state->provider_status = wan_json_get_string (root, shape->status);
  if (state->provider_status == NULL) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s status answer has no task status", provider->name);
    return FALSE;
  }
  if (!lookup_status (shape->words, state->provider_status, &state->status)) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s reported an unknown task status '%.32s'", provider->name,
        state->provider_status);
    return FALSE;
  }
  if (state->status == WAN_TASK_UNKNOWN_ID) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_NOT_FOUND,
        "%s does not know this task (unknown or expired id)", provider->name);
    return FALSE;
  }
  if (shape->progress && wan_json_get_int (root, shape->progress, &n))
    state->progress = CLAMP (n, 0, 100);
  if (shape->estimated_seconds
      && wan_json_get_int (root, shape->estimated_seconds, &n) && n >= 0)
    state->estimated_seconds = MIN (n, G_MAXINT);

  if (state->status == WAN_TASK_SUCCEEDED) {
    for (path = shape->video_url; *path && !state->video_url; path++)
      state->video_url = wan_json_get_string (root, *path);
    if (!is_http_url (state->video_url)) {
      g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
          "%s reported the task complete without an http(s) video URL",
          provider->name);
      return FALSE;
    }
    state->progress = 100;
  } else if (state->status == WAN_TASK_FAILED) {
    state->error_code = wan_json_get_string (root, shape->error_code);
    state->error_message = wan_json_get_string (root, shape->error_message);
  }
  return TRUE;
}

gboolean
wan_provider_parse_status (const WanProvider * provider, const gchar * body,
    gsize size, WanTaskState * state, GError ** error)
{
  JsonNode *root = parse_answer (provider, body, size, "status request",
      error);
  gboolean ok;

  memset (state, 0, sizeof (*state));
  state->progress = -1;
  state->estimated_seconds = -1;
  if (root == NULL)
    return FALSE;
  ok = read_status (provider, root, state, error);
  if (!ok)
    wan_task_state_clear (state);
  json_node_unref (root);
  return ok;
}

static WanErrorCode
code_for_http_status (guint status)
{
  switch (status) {
    case 401:
    case 403:
      return WAN_ERROR_AUTH;
    case 402:
      return WAN_ERROR_QUOTA;
    case 404:
      return WAN_ERROR_NOT_FOUND;
    case 429:
      return WAN_ERROR_RATE_LIMITED;
    default:
      return status >= 500 ? WAN_ERROR_SERVER : WAN_ERROR_INVALID;
  }
}

/* The first string any of @paths finds. */
static gchar *
first_string (JsonNode * root, const gchar * const *paths)
{
  gchar *value = NULL;

  for (; *paths != NULL && value == NULL; paths++)
    value = wan_json_get_string (root, *paths);
  return value;
}

GError *
wan_provider_parse_error (const WanProvider * provider, guint http_status,
    const gchar * body, gsize size)
{
  /* The four error dialects of API.md, and toapis' upload answers. */
  static const gchar *const message_paths[] = { "error.message",
    "message", "msg", NULL
  };
  static const gchar *const code_paths[] = { "error.type", "code",
    "error.code", NULL
  };
  static const gchar *const request_id_paths[] = { "request_id",
    "requestId", "error.request_id", NULL
  };
  JsonNode *root = wan_json_parse (body, size, NULL);
  WanErrorCode code = code_for_http_status (http_status);
  gchar *message = NULL, *pcode = NULL, *request_id = NULL, *param = NULL;
  gboolean is_json = root != NULL;
  GError *error;

  if (is_json) {
    message = first_string (root, message_paths);
    pcode = first_string (root, code_paths);
    request_id = first_string (root, request_id_paths);
    param = wan_json_get_string (root, "error.param");
    json_node_unref (root);
  }
  if (g_strcmp0 (pcode, "Arrearage") == 0)
    code = WAN_ERROR_QUOTA;
  if (message == NULL)
    message = g_strdup_printf ("HTTP %u with %s body", http_status,
        is_json ? "an unexpected JSON" : "a non-JSON");
  if (param != NULL)
    error = wan_error_new_full (code, http_status, pcode, request_id,
        "%s (parameter %s)", message, param);
  else
    error = wan_error_new_full (code, http_status, pcode, request_id,
        "%s", message);
  g_free (message);
  g_free (pcode);
  g_free (request_id);
  g_free (param);
  return error;
}

void
wan_task_state_clear (WanTaskState * state)
{
  g_clear_pointer (&state->provider_status, g_free);
  g_clear_pointer (&state->video_url, g_free);
  g_clear_pointer (&state->error_code, g_free);
  g_clear_pointer (&state->error_message, g_free);
}

const gchar *
wan_task_status_to_string (WanTaskStatus status)
{
  switch (status) {
    case WAN_TASK_QUEUED:
      return "queued";
    case WAN_TASK_RUNNING:
      return "running";
    case WAN_TASK_SUCCEEDED:
      return "succeeded";
    case WAN_TASK_FAILED:
      return "failed";
    default:
      return "unknown";
  }
}
