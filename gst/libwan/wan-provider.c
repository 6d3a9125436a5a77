/* gst-wan: the shared flow every provider's data plugs into
 *
 * Turning a validated plan into a create call, and any answer into a task
 * handle, a normalized task state or an error, is the same for all
 * providers so far; only the data differs (docs/providers.md, "Common life
 * cycle").
 */

#include "wan-provider.h"
#include "wan-error.h"
#include "wan-input.h"
#include "wan-json.h"
#include "wan-request-private.h"

guint
wan_model_takes (const WanModelSpec * spec)
{
  if (spec->takes & ~(WAN_TAKES_SILENT | WAN_TAKES_ADAPTIVE |
          WAN_TAKES_LAST_AFTER_IMAGE))
    return spec->takes;
  if (spec->mode == WAN_MODE_R2V)
    return spec->takes | WAN_TAKES_REF_IMAGES | WAN_TAKES_REF_VIDEOS;
  return spec->takes;
}

guint
wan_request_needs (const WanRequest * req, WanMode mode)
{
  guint needs = 0;

  if (wan_str_is_set (req->last_frame_uri))
    needs |= WAN_TAKES_LAST_FRAME;
  if (wan_str_is_set (req->video_uri) && mode == WAN_MODE_I2V)
    needs |= WAN_TAKES_CLIP;
  if (wan_str_is_set (req->image_uri) && mode == WAN_MODE_R2V)
    needs |= WAN_TAKES_FIRST_FRAME;
  return needs;
}

const WanModelSpec *
wan_provider_find_model (const WanProvider * provider, WanFamily family,
    WanMode mode, gboolean flash, guint needs)
{
  const WanModelSpec *spec, *first = NULL;

  if (provider == NULL)
    return NULL;
  for (spec = provider->models; spec->model != NULL; spec++) {
    if (spec->family != family || spec->mode != mode || spec->flash != !!flash)
      continue;
    if ((needs & ~wan_model_takes (spec)) == 0)
      return spec;
    if (first == NULL)
      first = spec;
  }
  return first;
}

/* "wanx2.1-t2v-plus" and "wan2.1-t2v-plus" are one model
 * (docs/providers.md, "Model ids: wan and wanx"). */
static gboolean
same_model_id (const gchar * a, const gchar * b)
{
  if (g_str_has_prefix (a, "wanx"))
    a += 4;
  else if (g_str_has_prefix (a, "wan"))
    a += 3;
  if (g_str_has_prefix (b, "wanx"))
    b += 4;
  else if (g_str_has_prefix (b, "wan"))
    b += 3;
  return g_str_equal (a, b);
}

const WanModelSpec *
wan_provider_find_model_id (const WanProvider * provider,
    const gchar * model, WanMode mode)
{
  const WanModelSpec *spec, *first = NULL;

  for (spec = provider->models; spec->model != NULL; spec++) {
    if (!(g_str_equal (spec->model, model)
            || (g_str_has_prefix (model, "wan")
                && g_str_has_prefix (spec->model, "wan")
                && same_model_id (spec->model, model))))
      continue;
    if (spec->mode == mode)
      return spec;
    if (first == NULL)
      first = spec;
  }
  return first;
}

gboolean
wan_provider_has_family (const WanProvider * provider, WanFamily family)
{
  const WanModelSpec *spec;

  for (spec = provider->models; spec->model != NULL; spec++)
    if (spec->family == family)
      return TRUE;
  return FALSE;
}

WanLocalWay
wan_provider_local_way (const WanProvider * p, const WanModelSpec * spec,
    WanInputKind kind)
{
  gboolean inline_image = kind == WAN_INPUT_IMAGE && spec->image_data_uri;

  if (inline_image && p->upload && p->upload->inline_images)
    return WAN_LOCAL_DATA_URI;
  if (p->upload && (kind == WAN_INPUT_IMAGE || !p->upload->images_only))
    return WAN_LOCAL_UPLOAD;
  if (inline_image)
    return WAN_LOCAL_DATA_URI;
  return WAN_LOCAL_NONE;
}

void
wan_upload_policy_clear (WanUploadPolicy * policy)
{
  g_clear_pointer (&policy->host, g_free);
  g_clear_pointer (&policy->dir, g_free);
  g_clear_pointer (&policy->fields, g_strfreev);
  policy->max_bytes = 0;
}

typedef struct
{
  const WanPlan *plan;
  gboolean local_counts;
  gboolean found;
} UploadedSearch;

static gboolean
find_uploaded (WanInputKind kind, const gchar * property, gchar ** uri,
    gpointer data, GError ** error)
{
  UploadedSearch *s = data;
  const WanPlan *plan = s->plan;

  if (g_str_has_prefix (*uri, plan->provider->upload->url_prefix))
    s->found = TRUE;
  else if (s->local_counts && wan_uri_classify (*uri) == WAN_URI_LOCAL
      && wan_provider_local_way (plan->provider, plan->spec,
          kind) == WAN_LOCAL_UPLOAD)
    s->found = TRUE;
  return !s->found;
}

const gchar *
wan_provider_upload_header (const WanPlan * plan, gboolean local_counts)
{
  const WanUploadSpec *up = plan->provider->upload;
  UploadedSearch search = { plan, local_counts, FALSE };

  if (up == NULL || up->create_header == NULL || up->url_prefix == NULL)
    return NULL;
  /* Only reads: the walk replaces nothing. */
  wan_request_foreach_input ((WanRequest *) & plan->req, find_uploaded,
      &search, NULL);
  return search.found ? up->create_header : NULL;
}

void
wan_provider_build_create (const WanPlan * plan, gchar ** path, gchar ** body)
{
  WanBodyFunc build = plan->provider->build_body[plan->spec->layout];
  const gchar *create_path =
      plan->provider->layout_create_path[plan->spec->layout] ?
      plan->provider->layout_create_path[plan->spec->layout] :
      plan->provider->create_path;
  JsonBuilder *b = json_builder_new ();
  JsonNode *root;

  g_assert (build != NULL);
  json_builder_begin_object (b);
  build (b, plan);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  *body = json_to_string (root, FALSE);
  /* The model in the path was checked by wan_provider_model_is_path(). */
  *path = strstr (create_path, "%s") ? g_strdup_printf (create_path,
      plan->model) : g_strdup (create_path);
  json_node_unref (root);
  g_object_unref (b);
}

void
wan_provider_add_gateway_head (JsonBuilder * b, const WanPlan * plan)
{
  const gchar *image[] = { plan->req.image_uri, NULL };

  wan_json_add_string (b, "model", plan->model);
  wan_json_add_string (b, "prompt", plan->req.prompt);
  if (plan->spec->mode == WAN_MODE_I2V)
    wan_json_add_string_array (b, "image_urls", image);
}

/* The kinds were told at validation (WanPlan.reference_kinds): an
 * uploaded reference's URL may no longer show its kind. */
static void
add_references_of_kind (JsonBuilder * b, const WanPlan * plan,
    const gchar * name, WanInputKind kind)
{
  gchar **uris = plan->req.reference_uris;
  guint i = 0;

  while (uris && uris[i] && plan->reference_kinds[i] != kind)
    i++;
  if (uris == NULL || uris[i] == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (; uris[i]; i++) {
    if (plan->reference_kinds[i] == kind)
      json_builder_add_string_value (b, uris[i]);
  }
  json_builder_end_array (b);
}

void
wan_provider_add_references_by_kind (JsonBuilder * b, const WanPlan * plan,
    const gchar * images_name, const gchar * videos_name,
    const gchar * audios_name)
{
  add_references_of_kind (b, plan, images_name, WAN_INPUT_IMAGE);
  add_references_of_kind (b, plan, videos_name, WAN_INPUT_VIDEO);
  /* Validation let audio through only where the row takes it. */
  if (audios_name)
    add_references_of_kind (b, plan, audios_name, WAN_INPUT_AUDIO);
}

gboolean
wan_provider_model_is_path (const gchar * model)
{
  gchar **parts = g_strsplit (model, "/", -1), **part;
  gboolean ok = *model != '\0';

  for (part = parts; ok && *part; part++) {
    const gchar *c;

    ok = **part != '\0' && g_strcmp0 (*part, ".") != 0
        && g_strcmp0 (*part, "..") != 0;
    for (c = *part; ok && *c; c++)
      ok = g_ascii_isalnum (*c) || strchr ("._-:", *c) != NULL;
  }
  g_strfreev (parts);
  return ok;
}

/* A task id as a URL path: escaped whole, or, for a provider that knows
 * tasks by a path (task_app_parts), part by part when it is a plain path
 * (anything else cannot name one of its tasks, and stays one escaped
 * part). */
static gchar *
task_path (const WanProvider * provider, const gchar * format,
    const gchar * task_id)
{
  gboolean as_path = provider->task_app_parts > 0
      && wan_provider_model_is_path (task_id);
  gchar *escaped = g_uri_escape_string (task_id, as_path ? "/" : NULL, FALSE);
  gchar *path = g_strdup_printf (format, escaped);

  g_free (escaped);
  return path;
}

gchar *
wan_provider_status_path (const WanProvider * provider, const gchar * task_id)
{
  return task_path (provider, provider->status_path, task_id);
}

gchar *
wan_provider_cancel_path (const WanProvider * provider, const gchar * task_id)
{
  if (provider->cancel_path == NULL)
    return NULL;
  return task_path (provider, provider->cancel_path, task_id);
}

gchar *
wan_provider_result_path (const WanProvider * provider, const gchar * task_id)
{
  if (provider->result_path == NULL)
    return NULL;
  return task_path (provider, provider->result_path, task_id);
}

gchar *
wan_provider_task_id (const WanPlan * plan, gchar * id)
{
  guint n = plan->provider->task_app_parts;
  gchar **parts, *app, *task_id;

  if (n == 0)
    return id;
  parts = g_strsplit (plan->model, "/", n + 1);
  if (g_strv_length (parts) > n)
    g_clear_pointer (&parts[n], g_free);
  app = g_strjoinv ("/", parts);
  task_id = g_strdup_printf ("%s/requests/%s", app, id);
  g_strfreev (parts);
  g_free (app);
  g_free (id);
  return task_id;
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

/* The first non-empty string any of @paths finds. */
static gchar *
first_nonempty (JsonNode * root, const gchar * const *paths)
{
  gchar *value = NULL;

  for (; paths != NULL && *paths != NULL && value == NULL; paths++) {
    value = wan_json_get_string (root, *paths);
    if (value != NULL && *value == '\0')
      g_clear_pointer (&value, g_free);
  }
  return value;
}

gboolean
wan_provider_read_handle (const WanProvider * provider, JsonNode * root,
    WanTaskHandle * handle, GError ** error)
{
  const WanHandleShape *shape = &provider->handle_shape;

  handle->id = first_nonempty (root, shape->id);
  if (handle->id == NULL) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s accepted the request but its answer carries no task id",
        provider->name);
    return FALSE;
  }
  handle->status_url = first_nonempty (root, shape->status_url);
  handle->result_url = first_nonempty (root, shape->result_url);
  handle->cancel_url = first_nonempty (root, shape->cancel_url);
  return TRUE;
}

/* A reading of a JSON answer into @out. */
typedef gboolean (*ReadFunc) (const WanProvider * provider, JsonNode * root,
    gpointer out, GError ** error);

static gboolean
read_answer (const WanProvider * provider, const gchar * body, gsize size,
    const gchar * what, ReadFunc read, gpointer out, GError ** error)
{
  JsonNode *root = parse_answer (provider, body, size, what, error);
  gboolean ok;

  if (root == NULL)
    return FALSE;
  ok = read (provider, root, out, error);
  json_node_unref (root);
  return ok;
}

static gboolean
read_handle (const WanProvider * provider, JsonNode * root, gpointer handle,
    GError ** error)
{
  return (provider->read_handle ? provider->read_handle :
      wan_provider_read_handle) (provider, root, handle, error);
}

gboolean
wan_provider_parse_create (const WanProvider * provider, const gchar * body,
    gsize size, WanTaskHandle * handle, GError ** error)
{
  memset (handle, 0, sizeof (*handle));
  if (read_answer (provider, body, size, "create request", read_handle,
          handle, error))
    return TRUE;
  wan_task_handle_clear (handle);
  return FALSE;
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

gboolean
wan_provider_is_upload_answer (const WanProvider * p, const gchar * body,
    gsize size)
{
  JsonNode *root = p->upload->success ? wan_json_parse (body, size, NULL) :
      NULL;
  gboolean ours = root && JSON_NODE_HOLDS_OBJECT (root)
      && json_object_has_member (json_node_get_object (root),
      p->upload->success);

  if (root)
    json_node_unref (root);
  return ours;
}

/* The upload service's "it worked": a JSON true, nothing else. */
static gboolean
upload_succeeded (const WanUploadSpec * up, JsonNode * root)
{
  JsonNode *flag;

  if (up->success == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  flag = json_object_get_member (json_node_get_object (root), up->success);
  return flag && JSON_NODE_HOLDS_VALUE (flag)
      && json_node_get_value_type (flag) == G_TYPE_BOOLEAN
      && json_node_get_boolean (flag);
}

gchar *
wan_provider_parse_upload (const WanProvider * provider, guint http_status,
    const gchar * body, gsize size, GError ** error)
{
  const WanUploadSpec *up = provider->upload;
  JsonNode *root;
  gchar *url = NULL, *message;
  gboolean success;

  g_return_val_if_fail (up != NULL, NULL);
  root = parse_answer (provider, body, size, "upload", error);
  if (root == NULL)
    return NULL;
  success = upload_succeeded (up, root);
  if (success && http_status < 300)
    url = wan_json_get_string (root, up->url);
  if (wan_uri_classify (url) != WAN_URI_WEB) {
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

/* The status word, known to the provider's table. */
static gboolean
read_status_word (const WanProvider * provider, JsonNode * root,
    WanTaskState * state, GError ** error)
{
  const WanStatusShape *shape = &provider->status_shape;

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
  return TRUE;
}

static void
read_progress (const WanStatusShape * shape, JsonNode * root,
    WanTaskState * state)
{
  gint64 n;

  if (shape->progress && wan_json_get_int (root, shape->progress, &n))
    state->progress = CLAMP (n, 0, 100);
  if (shape->estimated_seconds
      && wan_json_get_int (root, shape->estimated_seconds, &n) && n >= 0)
    state->estimated_seconds = MIN (n, G_MAXINT);
  if (shape->queue_position
      && wan_json_get_int (root, shape->queue_position, &n) && n >= 0)
    state->queue_position = MIN (n, G_MAXINT);
}

static gboolean
read_video_url (const WanProvider * provider, JsonNode * root,
    const gchar * const *paths, WanTaskState * state, GError ** error)
{
  state->video_url = wan_json_get_first_string (root, paths);
  if (wan_uri_classify (state->video_url) != WAN_URI_WEB) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_PROTOCOL,
        "%s reported the task complete without an http(s) video URL",
        provider->name);
    return FALSE;
  }
  return TRUE;
}

gboolean
wan_provider_read_status (const WanProvider * provider, JsonNode * root,
    WanTaskState * state, GError ** error)
{
  const WanStatusShape *shape = &provider->status_shape;

  if (!read_status_word (provider, root, state, error))
    return FALSE;
  read_progress (shape, root, state);
  if (state->status == WAN_TASK_SUCCEEDED) {
    /* With a result request, the video URL is in its answer. */
    if (provider->result_path == NULL
        && !read_video_url (provider, root, shape->video_url, state, error))
      return FALSE;
    state->progress = 100;
  } else if (state->status == WAN_TASK_FAILED) {
    state->error_code = wan_json_get_string (root, shape->error_code);
    state->error_message = wan_json_get_string (root, shape->error_message);
  }
  return TRUE;
}

static gboolean
read_status (const WanProvider * provider, JsonNode * root, gpointer state,
    GError ** error)
{
  return (provider->read_status ? provider->read_status :
      wan_provider_read_status) (provider, root, state, error);
}

gboolean
wan_provider_parse_status (const WanProvider * provider, const gchar * body,
    gsize size, WanTaskState * state, GError ** error)
{
  memset (state, 0, sizeof (*state));
  state->progress = -1;
  state->estimated_seconds = -1;
  state->queue_position = -1;
  if (read_answer (provider, body, size, "status request", read_status,
          state, error))
    return TRUE;
  wan_task_state_clear (state);
  return FALSE;
}

static gboolean
read_result (const WanProvider * provider, JsonNode * root, gpointer state,
    GError ** error)
{
  return read_video_url (provider, root, provider->result_video_url, state,
      error);
}

gboolean
wan_provider_parse_result (const WanProvider * provider, const gchar * body,
    gsize size, WanTaskState * state, GError ** error)
{
  g_clear_pointer (&state->video_url, g_free);
  return read_answer (provider, body, size, "result request", read_result,
      state, error);
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

/* The error dialects of docs/providers.md (each provider's "Errors"), and
 * toapis' upload answers: fal's "detail" is a list of {loc, msg, type} or
 * a plain string; Replicate answers RFC 7807 problem details ("detail",
 * "title"). */
static const gchar *const message_paths[] = { "error.message", "message",
  "msg", "detail[0].msg", "detail", "title", NULL
};

static const gchar *const code_paths[] = { "error.type", "code",
  "error.code", "detail[0].type", NULL
};

/* fal's "loc" is ["body", field, …]: the field it names. */
static const gchar *const param_paths[] = { "error.param", "detail[0].loc[1]",
  NULL
};

static const gchar *const request_id_paths[] = { "request_id", "requestId",
  "error.request_id", NULL
};

GError *
wan_provider_parse_error (const WanProvider * provider, guint http_status,
    const gchar * body, gsize size)
{
  JsonNode *root = wan_json_parse (body, size, NULL);
  WanErrorCode code = code_for_http_status (http_status);
  gchar *message = NULL, *pcode = NULL, *request_id = NULL, *param = NULL;
  GError *error;

  if (root != NULL) {
    message = wan_json_get_first_string (root, message_paths);
    pcode = wan_json_get_first_string (root, code_paths);
    request_id = wan_json_get_first_string (root, request_id_paths);
    param = wan_json_get_first_string (root, param_paths);
  }
  if (g_strcmp0 (pcode, "Arrearage") == 0)
    code = WAN_ERROR_QUOTA;
  if (message == NULL)
    message = g_strdup_printf ("HTTP %u with %s body", http_status,
        root != NULL ? "an unexpected JSON" : "a non-JSON");
  if (param != NULL)
    error = wan_error_new_full (code, http_status, pcode, request_id,
        "%s (parameter %s)", message, param);
  else
    error = wan_error_new_full (code, http_status, pcode, request_id,
        "%s", message);
  if (root != NULL)
    json_node_unref (root);
  g_free (message);
  g_free (pcode);
  g_free (request_id);
  g_free (param);
  return error;
}
