/* wan-sim: the HTTP servers, the task store and fault injection
 *
 * Handlers and render completions run on the server thread; everything a
 * test may read from another thread is guarded by sim->lock.
 */

#include <errno.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "sim-private.h"

enum
{
  EP_CREATE,
  EP_STATUS,
  EP_DOWNLOAD,
  EP_CANCEL,
  EP_UPLOAD,
  EP_RESULT,
  EP_CONTENT,
  EP_STORAGE,
  N_ENDPOINTS
};

static const gchar *const endpoint_names[N_ENDPOINTS] = { "create", "status",
  "download", "cancel", "upload", "result", "content", "storage"
};

static const SimDialect *const dialects[] = { &sim_dialect_dashscope,
  &sim_dialect_toapis, &sim_dialect_evolink, &sim_dialect_aimlapi,
  &sim_dialect_fal, &sim_dialect_replicate, &sim_dialect_openrouter
};

struct _WanSim
{
  GMutex lock;
  GCond cond;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *api, *cdn;
  guint api_port, cdn_port;
  gboolean started;
  GError *start_error;

  gchar *dir;
  gchar *helper;                /* the wan-sim-render executable */
  GHashTable *tasks;            /* id → SimTask */
  GHashTable *renders;          /* request key → rendered file */
  GHashTable *running;          /* GSubprocess of renders in flight */
  gboolean shutting_down;
  guint pending_renders;
  guint next_id;
  guint task_ms, fps;
  gboolean variant;
  gint retry_after;
  guint max_running;            /* 429 beyond this many; 0: no limit */
  guint most_running;           /* the most tasks generating at once */
  guint created;                /* tasks made by create requests */

  GQueue faults[N_ENDPOINTS];   /* of GUINT_TO_POINTER (fault) */
  guint counts[N_ENDPOINTS];
  GHashTable *headers[N_ENDPOINTS];     /* lower-case name → value */
  JsonNode *last_create_body;
  gchar *last_create_path;
  gchar *last_task_id;
  gchar *last_upload;           /* the stored file */
  guint next_upload;
};

static void
sim_task_free (SimTask * task)
{
  g_free (task->id);
  g_free (task->model);
  g_free (task->prompt);
  g_free (task->path);
  g_free (task->video_url);
  g_free (task->api_base);
  g_free (task);
}

static gint
endpoint_from_name (const gchar * name)
{
  gint i;

  for (i = 0; i < N_ENDPOINTS; i++) {
    if (g_strcmp0 (name, endpoint_names[i]) == 0)
      return i;
  }
  g_return_val_if_reached (EP_CREATE);
}

static void
copy_header (const char *name, const char *value, gpointer table)
{
  g_hash_table_insert (table, g_ascii_strdown (name, -1), g_strdup (value));
}

/* Counts the request, remembers its headers and returns an injected
 * status for it, or 0. */
static guint
note_request (WanSim * sim, gint ep, SoupServerMessage * msg)
{
  guint fault = 0;

  g_mutex_lock (&sim->lock);
  sim->counts[ep]++;
  g_hash_table_remove_all (sim->headers[ep]);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
      copy_header, sim->headers[ep]);
  if (!g_queue_is_empty (&sim->faults[ep]))
    fault = GPOINTER_TO_UINT (g_queue_pop_head (&sim->faults[ep]));
  g_mutex_unlock (&sim->lock);
  return fault;
}

static void
respond_json (SoupServerMessage * msg, guint status, JsonNode * node)
{
  gsize len;
  gchar *text = json_to_string (node, FALSE);

  len = strlen (text);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json",
      SOUP_MEMORY_TAKE, text, len);
  json_node_unref (node);
}

static void
respond_error (SoupServerMessage * msg, const SimDialect * dialect,
    guint status, const gchar * message)
{
  SimError err = { status, (gchar *) message, NULL };

  respond_json (msg, status, dialect->render_error (&err));
}

static void
respond_fault (WanSim * sim, SoupServerMessage * msg,
    const SimDialect * dialect, guint status)
{
  gint retry_after;

  g_mutex_lock (&sim->lock);
  retry_after = sim->retry_after;
  g_mutex_unlock (&sim->lock);
  if (retry_after >= 0) {
    gchar *value = g_strdup_printf ("%d", retry_after);

    soup_message_headers_replace (soup_server_message_get_response_headers
        (msg), "Retry-After", value);
    g_free (value);
  }
  respond_error (msg, dialect, status, "simulated fault");
}

static void
hang_up (SoupServerMessage * msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

/* Once a cut download has written all it ever will, end the connection
 * short of the announced length. */
static void
cut_when_written (SoupServerMessage * msg, guint chunk, gpointer data)
{
  gsize *left = g_object_get_data (G_OBJECT (msg), "cut-left");

  *left -= MIN (*left, chunk);
  if (*left == 0)
    g_socket_shutdown (soup_server_message_get_socket (msg), TRUE, TRUE, NULL);
}

static SimState
task_state (const SimTask * task, gint * progress)
{
  gint64 elapsed = (g_get_monotonic_time () - task->created_us) / 1000;
  guint total = MAX (task->task_ms, 1);

  *progress = MIN (99, elapsed * 100 / total);
  if (task->canceled) {
    *progress = 0;
    return SIM_CANCELED;
  }
  if (elapsed < total / 5 || task->polls < task->queued_polls) {
    *progress = 0;
    return SIM_QUEUED;
  }
  if (task->fail && elapsed >= total)
    return SIM_FAILED;
  if (task->never)
    *progress = 50;
  if (task->never || elapsed < total || !task->rendered)
    return SIM_RUNNING;
  *progress = 100;
  return SIM_SUCCEEDED;
}

/* Tasks still queued or generating, as a provider counts them against
 * its limit on concurrent tasks.  Called with the lock held. */
static guint
count_running (WanSim * sim)
{
  GHashTableIter iter;
  gpointer task;
  guint n = 0;
  gint progress;

  g_hash_table_iter_init (&iter, sim->tasks);
  while (g_hash_table_iter_next (&iter, NULL, &task)) {
    SimState state = task_state (task, &progress);

    if (state == SIM_QUEUED || state == SIM_RUNNING)
      n++;
  }
  return n;
}

static gchar *
render_key (const SimTask * task, guint fps)
{
  return g_strdup_printf ("%s|%s|%ux%u|%u|%d|%u|%s", task->dialect->name,
      task->model, task->width, task->height, task->duration, task->audio,
      fps, task->prompt ? task->prompt : "");
}

/* One render in flight: the task it is for and its process. */
typedef struct
{
  WanSim *sim;
  SimTask *task;
  GSubprocess *proc;
  gchar *path;
} Render;

static void
render_free (Render * render)
{
  g_object_unref (render->proc);
  g_free (render->path);
  g_free (render);
}

static void
render_succeeded (WanSim * sim, SimTask * task, const gchar * path)
{
  gchar *base = g_path_get_basename (path);

  task->path = g_strdup (path);
  task->video_url = g_strdup_printf ("http://127.0.0.1:%u/videos/%s"
      "?Expires=%" G_GINT64_FORMAT "&Signature=sim", sim->cdn_port, base,
      g_get_real_time () / G_USEC_PER_SEC + 24 * 3600);
  g_hash_table_insert (sim->renders, render_key (task, sim->fps),
      g_strdup (path));
  g_free (base);
}

/* The helper has exited and its stderr is read: on the server thread. */
static void
render_done (GObject * source, GAsyncResult * result, gpointer user_data)
{
  Render *render = user_data;
  WanSim *sim = render->sim;
  SimTask *task = render->task;
  gchar *err_text = NULL;
  GError *error = NULL;
  gboolean ok;

  ok = g_subprocess_communicate_utf8_finish (render->proc, result, NULL,
      &err_text, &error) && g_subprocess_get_successful (render->proc);

  g_mutex_lock (&sim->lock);
  g_hash_table_remove (sim->running, render->proc);
  if (ok) {
    render_succeeded (sim, task, render->path);
  } else {
    /* A render killed because the simulator shuts down is no failure. */
    if (!sim->shutting_down)
      g_warning ("wan-sim: rendering %s failed: %s", task->id,
          error ? error->message : err_text && *err_text ? g_strstrip
          (err_text) : "the render helper died");
    task->fail = TRUE;
  }
  task->rendered = TRUE;
  sim->pending_renders--;
  g_cond_broadcast (&sim->cond);
  g_mutex_unlock (&sim->lock);
  g_clear_error (&error);
  g_free (err_text);
  render_free (render);
}

/* Called with the lock held, on the server thread. */
static void
start_render (WanSim * sim, SimTask * task)
{
  gchar *key = render_key (task, sim->fps);
  const gchar *cached = g_hash_table_lookup (sim->renders, key);
  Render *render;
  GError *error = NULL;
  gchar *name;

  g_free (key);
  if (task->fail || task->never) {
    task->rendered = TRUE;
    return;
  }
  if (cached) {
    gchar *base = g_path_get_basename (cached);

    task->path = g_strdup (cached);
    task->video_url = g_strdup_printf ("http://127.0.0.1:%u/videos/%s"
        "?Signature=sim", sim->cdn_port, base);
    task->rendered = TRUE;
    g_free (base);
    return;
  }
  render = g_new0 (Render, 1);
  render->sim = sim;
  render->task = task;
  name = g_strdup_printf ("%s.mp4", task->id);
  render->path = g_build_filename (sim->dir, name, NULL);
  g_free (name);
  render->proc = sim_render_spawn (task, sim->helper, render->path, sim->fps,
      &error);
  if (render->proc == NULL) {
    g_warning ("wan-sim: cannot start rendering %s: %s", task->id,
        error->message);
    g_error_free (error);
    g_free (render->path);
    g_free (render);
    task->fail = TRUE;
    task->rendered = TRUE;
    return;
  }
  sim->pending_renders++;
  g_hash_table_add (sim->running, g_object_ref (render->proc));
  g_subprocess_communicate_utf8_async (render->proc, NULL, NULL, render_done,
      render);
}

/* A provider's limit on concurrent tasks: FALSE when it is reached.
 * Otherwise the new task counts towards the most seen at once. */
static gboolean
admit_task (WanSim * sim)
{
  guint running;
  gboolean admitted;

  g_mutex_lock (&sim->lock);
  running = count_running (sim);
  admitted = sim->max_running == 0 || running < sim->max_running;
  if (admitted) {
    sim->most_running = MAX (sim->most_running, running + 1);
    sim->created++;
  }
  g_mutex_unlock (&sim->lock);
  return admitted;
}

/* "http://127.0.0.1:PORT/DIALECT", as the client reached it. */
static gchar *
api_base (SoupServerMessage * msg, const SimDialect * dialect)
{
  GUri *uri = soup_server_message_get_uri (msg);

  return g_strdup_printf ("%s://%s:%d/%s", g_uri_get_scheme (uri),
      g_uri_get_host (uri), g_uri_get_port (uri), dialect->name);
}

/* What the last create sent, for the tests: a deep copy, since a dialect
 * may rewrite what it parses (sim-oss.c). */
static void
remember_create (WanSim * sim, JsonNode * root, const gchar * path)
{
  gchar *text = root ? json_to_string (root, FALSE) : NULL;

  g_mutex_lock (&sim->lock);
  g_clear_pointer (&sim->last_create_body, json_node_unref);
  sim->last_create_body = text ? json_from_string (text, NULL) : NULL;
  g_free (sim->last_create_path);
  sim->last_create_path = g_strdup (path);
  g_mutex_unlock (&sim->lock);
  g_free (text);
}

static void
handle_create (WanSim * sim, SoupServerMessage * msg,
    const SimDialect * dialect, const gchar * path)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GBytes *bytes = soup_message_body_flatten (body);
  JsonParser *parser = json_parser_new ();
  SimError err = { 0, NULL, NULL };
  SimTask *task;
  JsonNode *root = NULL;

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
          g_bytes_get_size (bytes), NULL))
    root = json_parser_get_root (parser);
  remember_create (sim, root, path);

  task = g_new0 (SimTask, 1);
  task->dialect = dialect;
  task->api_base = api_base (msg, dialect);
  task->store_dir = sim->dir;
  if (dialect->match_create)
    task->model = dialect->match_create (path);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)) {
    respond_error (msg, dialect, 400, "the request body is not a JSON "
        "object");
  } else if (dialect->parse_create_at ?
      !dialect->parse_create_at (path, json_node_get_object (root),
          soup_server_message_get_request_headers (msg), task, &err) :
      !dialect->parse_create (json_node_get_object (root),
          soup_server_message_get_request_headers (msg), task, &err)) {
    respond_json (msg, err.status, dialect->render_error (&err));
  } else if (!admit_task (sim)) {
    respond_error (msg, dialect, 429, "Too many tasks running at once: "
        "wait for one to finish");
  } else {
    g_mutex_lock (&sim->lock);
    task->id = g_strdup_printf ("sim-%s-%04u", dialect->name, ++sim->next_id);
    task->created_us = g_get_monotonic_time ();
    if (task->task_ms == 0)
      task->task_ms = sim->task_ms;
    g_hash_table_insert (sim->tasks, task->id, task);
    g_free (sim->last_task_id);
    sim->last_task_id = g_strdup (task->id);
    start_render (sim, task);
    g_mutex_unlock (&sim->lock);
    respond_json (msg, dialect->create_status ? dialect->create_status : 200,
        dialect->render_create (task, sim->variant));
    task = NULL;
  }
  if (task)
    sim_task_free (task);
  g_free (err.message);
  g_object_unref (parser);
  g_bytes_unref (bytes);
}

static void
handle_status (WanSim * sim, SoupServerMessage * msg,
    const SimDialect * dialect, const gchar * id)
{
  SimTask *task;
  JsonNode *answer = NULL;
  gint progress = 0;

  g_mutex_lock (&sim->lock);
  task = g_hash_table_lookup (sim->tasks, id);
  if (task && task->dialect == dialect) {
    SimState state = task_state (task, &progress);

    task->polls++;
    answer = dialect->render_status (task, state, progress, sim->variant);
  }
  g_mutex_unlock (&sim->lock);

  if (answer)
    respond_json (msg, 200, answer);
  else if (dialect->render_unknown)
    respond_json (msg, 200, dialect->render_unknown (id));
  else
    respond_error (msg, dialect, 404, "task not found");
}

static void
redirect_to_self (SoupServerMessage * msg)
{
  gchar *self = g_uri_to_string (soup_server_message_get_uri (msg));

  soup_server_message_set_redirect (msg, 302, self);
  g_free (self);
}

/* Hostile answers: the real answer, spoiled the way proxies and broken
 * services spoil them. */
static void
spoil_answer (WanSim * sim, SoupServerMessage * msg, guint fault)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  GBytes *bytes = soup_message_body_flatten (body);
  gsize size;
  const gchar *data = g_bytes_get_data (bytes, &size);
  gchar *text = g_strndup (data, size), *spoiled = NULL, *url;

  switch (fault) {
    case WAN_SIM_HTML:
      soup_server_message_set_status (msg, 200, NULL);
      spoiled = g_strdup ("<html><head><title>Gateway</title></head><body>"
          "<h1>Please sign in to continue</h1></body></html>");
      break;
    case WAN_SIM_TRUNCATED:
      spoiled = g_strndup (text, size / 2);
      break;
    case WAN_SIM_HUGE:{
      GString *huge = g_string_new ("{\"padding\":\"");

      while (huge->len < 8 * 1024 * 1024)
        g_string_append (huge, "0123456789abcdef");
      g_string_append (huge, "\"}");
      spoiled = g_string_free (huge, FALSE);
      break;
    }
    case WAN_SIM_REDIRECT_LOOP:
      redirect_to_self (msg);
      break;
    case WAN_SIM_BAD_VIDEO_URL:
      /* Every CDN URL in the answer now names a local file. */
      url = g_strdup_printf ("http://127.0.0.1:%u/", sim->cdn_port);
      if (strstr (text, url)) {
        gchar **parts = g_strsplit (text, url, -1);

        spoiled = g_strjoinv ("file:///etc/passwd?", parts);
        g_strfreev (parts);
      }
      g_free (url);
      break;
  }
  if (spoiled) {
    soup_message_body_truncate (body);
    soup_server_message_set_response (msg, fault == WAN_SIM_HTML ?
        "text/html" : "application/json", SOUP_MEMORY_TAKE, spoiled,
        strlen (spoiled));
  }
  g_free (text);
  g_bytes_unref (bytes);
}

static JsonNode *
cancel_ok (void)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "request_id", "req-cancel-0000");
  return sim_node_take (o);
}

/* A finished task's result, where the dialect has a result request. */
static void
handle_result (WanSim * sim, SoupServerMessage * msg,
    const SimDialect * dialect, const gchar * id)
{
  SimTask *task;
  JsonNode *answer = NULL;
  guint status = 200;
  gint progress;

  g_mutex_lock (&sim->lock);
  task = g_hash_table_lookup (sim->tasks, id);
  if (task && task->dialect == dialect)
    answer = dialect->render_result (task, task_state (task, &progress),
        &status);
  g_mutex_unlock (&sim->lock);

  if (answer)
    respond_json (msg, status, answer);
  else
    respond_error (msg, dialect, 404, "task not found");
}

/* The cancel: honoured only while the task is still queued. */
static void
handle_cancel (WanSim * sim, SoupServerMessage * msg,
    const SimDialect * dialect, const gchar * id)
{
  SimTask *task;
  JsonNode *answer = NULL;
  guint status = 200;
  gint progress;

  g_mutex_lock (&sim->lock);
  task = g_hash_table_lookup (sim->tasks, id);
  if (task && task->dialect == dialect) {
    if (task_state (task, &progress) == SIM_QUEUED) {
      task->canceled = TRUE;
      answer = dialect->render_cancel_ok ?
          dialect->render_cancel_ok (task, &status) : cancel_ok ();
    } else {
      status = 400;
      answer = dialect->render_cancel_refused (task);
    }
  }
  g_mutex_unlock (&sim->lock);

  if (answer)
    respond_json (msg, status, answer);
  else
    respond_error (msg, dialect, 404, "task not found");
}

#define SIM_UPLOAD_TOKEN "sim-upload-token"

/* fal's storage token: where to upload (this same server) and with what. */
static void
handle_token (SoupServerMessage * msg, const SimDialect * dialect)
{
  JsonObject *o = json_object_new ();
  gchar *base = api_base (msg, dialect);

  json_object_set_string_member (o, "token", SIM_UPLOAD_TOKEN);
  json_object_set_string_member (o, "token_type", "Bearer");
  json_object_set_string_member (o, "base_url", base);
  json_object_set_string_member (o, "expires_at", "2026-12-31T00:00:00Z");
  respond_json (msg, 200, sim_node_take (o));
  g_free (base);
}

/* fal's storage: the request body is the file; kept and served back by
 * the CDN. */
static void
handle_raw_upload (WanSim * sim, SoupServerMessage * msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GBytes *bytes = soup_message_body_flatten (body);
  JsonObject *o = json_object_new ();
  gchar *name, *path, *url;
  guint serial;

  g_mutex_lock (&sim->lock);
  serial = ++sim->next_upload;
  g_mutex_unlock (&sim->lock);
  name = g_strdup_printf ("upload-%04u-raw", serial);
  path = g_build_filename (sim->dir, name, NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
      g_bytes_get_size (bytes), NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/files/%s", sim->cdn_port, name);
  json_object_set_string_member (o, "access_url", url);
  respond_json (msg, 200, sim_node_take (o));
  g_mutex_lock (&sim->lock);
  g_free (sim->last_upload);
  sim->last_upload = path;
  g_mutex_unlock (&sim->lock);
  g_free (url);
  g_free (name);
  g_bytes_unref (bytes);
}

static void
handle_upload (WanSim * sim, SoupServerMessage * msg,
    const SimUploadService * svc)
{
  JsonNode *answer;
  gchar *stored;
  guint status, serial;

  g_mutex_lock (&sim->lock);
  serial = ++sim->next_upload;
  g_mutex_unlock (&sim->lock);
  stored = sim_upload_take (svc, msg, sim->dir, sim->cdn_port, serial,
      &answer, &status);
  if (stored) {
    g_mutex_lock (&sim->lock);
    g_free (sim->last_upload);
    sim->last_upload = stored;
    g_mutex_unlock (&sim->lock);
  }
  respond_json (msg, status, answer);
}

/* DashScope's storage policy (sim-oss.c): for the model the file will be
 * used with. */
static void
handle_policy (WanSim * sim, SoupServerMessage * msg,
    const SimDialect * dialect, GHashTable * query)
{
  const gchar *action = query ? g_hash_table_lookup (query, "action") : NULL;
  const gchar *model = query ? g_hash_table_lookup (query, "model") : NULL;
  guint serial;

  if (g_strcmp0 (action, "getPolicy") != 0 || model == NULL || !*model) {
    respond_error (msg, dialect, 400, "action=getPolicy and model are "
        "required");
    return;
  }
  g_mutex_lock (&sim->lock);
  serial = ++sim->next_upload;
  g_mutex_unlock (&sim->lock);
  respond_json (msg, 200, sim_oss_render_policy (model, serial, sim->cdn_port));
}

/* The storage host: a form POST of a policy and a file, with OSS's own
 * XML refusals. */
static void
handle_storage (WanSim * sim, SoupServerMessage * msg)
{
  guint fault = note_request (sim, EP_STORAGE, msg), status;
  gchar *stored = NULL, *answer;

  if (fault == WAN_SIM_STALL) {
    soup_server_message_pause (msg);
    return;
  }
  if (fault >= 100) {
    status = fault;
    answer = sim_oss_error (fault >= 500 ? "InternalError" : "AccessDenied",
        "injected fault");
  } else if (fault == WAN_SIM_PLAIN_ERROR) {
    status = SOUP_STATUS_BAD_REQUEST;
    answer = g_strdup ("Bad Request: policy");
  } else {
    status = sim_oss_take (msg, sim->dir, &stored, &answer);
  }
  if (stored) {
    g_mutex_lock (&sim->lock);
    g_free (sim->last_upload);
    sim->last_upload = stored;
    g_mutex_unlock (&sim->lock);
  }
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, *answer ? "application/xml" : NULL,
      SOUP_MEMORY_TAKE, answer, strlen (answer));
  if (fault == WAN_SIM_DROP)
    hang_up (msg);
}

static void handle_content (WanSim * sim, SoupServerMessage * msg,
    const SimDialect * dialect, const gchar * id, guint fault);

static gboolean
is_create_path (const SimDialect * dialect, const gchar * path)
{
  gchar *model;

  if (dialect->match_create == NULL)
    return g_str_equal (path, dialect->create_path)
        || g_strcmp0 (path, dialect->create_path2) == 0;
  model = dialect->match_create (path);
  g_free (model);
  return model != NULL;
}

/* The dialect a path belongs to, by its first segment; @rest is the path
 * after it. */
static const SimDialect *
find_dialect (const char *path, const gchar ** rest)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (dialects); i++) {
    gsize n = strlen (dialects[i]->name);

    if (path[0] == '/' && strncmp (path + 1, dialects[i]->name, n) == 0
        && path[n + 1] == '/') {
      *rest = path + n + 1;
      return dialects[i];
    }
  }
  return NULL;
}

/* Which endpoint of @dialect a request is for, or -1.  The task id the path
 * names goes to @id, the upload service it names to @upload. */
static gint
match_endpoint (const SimDialect * dialect, const gchar * method,
    const gchar * rest, GHashTable * query,
    const SimUploadService ** upload, gchar ** id)
{
  if (g_str_equal (method, "POST") && is_create_path (dialect, rest))
    return EP_CREATE;
  if (g_str_equal (method, "POST")
      && (*upload = sim_upload_find (dialect->name, rest)) != NULL)
    return EP_UPLOAD;
  if (g_str_equal (method, "POST")
      && (g_strcmp0 (rest, dialect->token_path) == 0
          || g_strcmp0 (rest, dialect->raw_upload_path) == 0))
    return EP_UPLOAD;
  if (g_str_equal (method, "GET")
      && g_strcmp0 (rest, dialect->policy_path) == 0)
    return EP_UPLOAD;
  if (g_str_equal (method, "GET")
      && (*id = dialect->match_status (rest, query)) != NULL)
    return EP_STATUS;
  if (g_str_equal (method, dialect->cancel_method ?
          dialect->cancel_method : "POST") && dialect->match_cancel
      && (*id = dialect->match_cancel (rest)) != NULL)
    return EP_CANCEL;
  if (g_str_equal (method, "GET") && dialect->match_result
      && (*id = dialect->match_result (rest)) != NULL)
    return EP_RESULT;
  if (g_str_equal (method, "GET") && dialect->match_content
      && (*id = dialect->match_content (rest)) != NULL)
    return EP_CONTENT;
  return -1;
}

/* The request carries the key, or for fal's raw upload, the storage token. */
static gboolean
is_authorized (SoupServerMessage * msg, const SimDialect * dialect,
    gboolean raw_upload)
{
  const gchar *auth;
  gchar *expected;
  gboolean ok;

  auth = soup_message_headers_get_one (soup_server_message_get_request_headers
      (msg), "Authorization");
  /* fal's storage takes its token, never the key. */
  expected = raw_upload ? g_strdup ("Bearer " SIM_UPLOAD_TOKEN) :
      g_strconcat (dialect->auth_scheme ? dialect->auth_scheme : "Bearer",
      " ", WAN_SIM_DEFAULT_KEY, NULL);
  ok = g_strcmp0 (auth, expected) == 0;
  g_free (expected);
  return ok;
}

/* Answers a request to endpoint @ep: a refusal, an injected fault status
 * or the endpoint's own handler. */
static void
answer_endpoint (WanSim * sim, SoupServerMessage * msg,
    const SimDialect * dialect, gint ep, const gchar * rest,
    GHashTable * query, const SimUploadService * upload, const gchar * id,
    guint fault)
{
  const gchar *method = soup_server_message_get_method (msg);
  gboolean raw_upload = ep == EP_UPLOAD && g_strcmp0 (rest,
      dialect->raw_upload_path) == 0;

  if (!is_authorized (msg, dialect, raw_upload))
    respond_error (msg, dialect, 401, "Invalid API-key provided.");
  else if (fault >= 100)
    respond_fault (sim, msg, dialect, fault);
  else if (ep == EP_CREATE)
    handle_create (sim, msg, dialect, rest);
  else if (ep == EP_CANCEL)
    handle_cancel (sim, msg, dialect, id);
  else if (ep == EP_UPLOAD && g_str_equal (method, "GET"))
    handle_policy (sim, msg, dialect, query);
  else if (ep == EP_UPLOAD && raw_upload)
    handle_raw_upload (sim, msg);
  else if (ep == EP_UPLOAD && upload == NULL)
    handle_token (msg, dialect);
  else if (ep == EP_UPLOAD)
    handle_upload (sim, msg, upload);
  else if (ep == EP_RESULT)
    handle_result (sim, msg, dialect, id);
  else if (ep == EP_CONTENT)
    handle_content (sim, msg, dialect, id, fault);
  else
    handle_status (sim, msg, dialect, id);
}

static void
handle_api (SoupServer * server, SoupServerMessage * msg, const char *path,
    GHashTable * query, gpointer user_data)
{
  WanSim *sim = user_data;
  const SimDialect *dialect;
  const SimUploadService *upload = NULL;
  const gchar *rest = NULL;
  gchar *id = NULL;
  guint fault;
  gint ep;

  dialect = find_dialect (path, &rest);
  if (dialect == NULL) {
    soup_server_message_set_status (msg, 404, NULL);
    return;
  }
  ep = match_endpoint (dialect, soup_server_message_get_method (msg), rest,
      query, &upload, &id);
  if (ep < 0) {
    respond_error (msg, dialect, 404, "no such endpoint");
    return;
  }

  fault = note_request (sim, ep, msg);
  if (fault == WAN_SIM_STALL) {
    /* Never answered: the server lets go only when it shuts down. */
    soup_server_message_pause (msg);
    g_free (id);
    return;
  }
  answer_endpoint (sim, msg, dialect, ep, rest, query, upload, id, fault);
  /* The work is done, the answer is lost: the case a client must not
   * resolve by sending the create again. */
  if (fault == WAN_SIM_DROP)
    hang_up (msg);
  else if (fault >= WAN_SIM_HTML && fault < 100)
    spoil_answer (sim, msg, fault);
  g_free (id);
}

/* Sends @bytes as the body, in slices like a CDN streaming a file.  A cut
 * announces the full length, sends half and hangs up; a stall sends half
 * and then nothing more. */
static void
send_body (SoupServerMessage * msg, GBytes * bytes, guint fault)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gboolean cut = fault == WAN_SIM_CUT, stall = fault == WAN_SIM_STALL;
  gsize size = g_bytes_get_size (bytes), off;
  gsize end = cut || stall ? size / 2 : size;

  if (stall)
    soup_message_headers_set_content_length
        (soup_server_message_get_response_headers (msg), size);
  if (cut) {
    gsize *left = g_new (gsize, 1);

    *left = end;
    g_object_set_data_full (G_OBJECT (msg), "cut-left", left, g_free);
    soup_message_headers_set_content_length
        (soup_server_message_get_response_headers (msg), size);
    g_signal_connect (msg, "wrote-body-data", G_CALLBACK (cut_when_written),
        NULL);
  }
  for (off = 0; off < end; off += 64 * 1024) {
    GBytes *slice = g_bytes_new_from_bytes (bytes, off,
        MIN (64 * 1024, end - off));

    soup_message_body_append_bytes (body, slice);
    g_bytes_unref (slice);
  }
}

/* A Range "bytes=N-" with N at or past the end of a file of @size. */
static gboolean
range_starts_past (SoupMessageHeaders * req, gsize size)
{
  const gchar *range = soup_message_headers_get_one (req, "Range");
  guint64 start;

  return range && sscanf (range, "bytes=%" G_GUINT64_FORMAT "-", &start) == 1
      && start >= size;
}

/* A 206 of the bytes @start to @end of @all, with the Content-Range the
 * fault asks for: the whole file's size, "*" for it, a shorter part than
 * asked for, or a nonsense last byte. */
static void
send_range (SoupServerMessage * msg, GBytes * all, goffset start,
    goffset end, guint fault)
{
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  gsize size = g_bytes_get_size (all);
  gchar *range = NULL;
  GBytes *part;

  if (fault == WAN_SIM_SHORT_RANGE)
    end = start + (end - start) / 2;
  part = g_bytes_new_from_bytes (all, start, end - start + 1);
  if (fault == WAN_SIM_SIZE_UNKNOWN || fault == WAN_SIM_SIZE_UNKNOWN_CHUNKED
      || fault == WAN_SIM_SHORT_RANGE)
    range = g_strdup_printf ("bytes %" G_GOFFSET_FORMAT "-%" G_GOFFSET_FORMAT
        "/*", start, end);
  else if (fault == WAN_SIM_BAD_RANGE)
    range = g_strdup_printf ("bytes %" G_GOFFSET_FORMAT "-%" G_GINT64_FORMAT
        "/*", start, G_MAXINT64);
  if (range)
    soup_message_headers_replace (resp, "Content-Range", range);
  else
    soup_message_headers_set_content_range (resp, start, end, size);
  if (fault == WAN_SIM_SIZE_UNKNOWN_CHUNKED || fault == WAN_SIM_BAD_RANGE)
    soup_message_headers_set_encoding (resp, SOUP_ENCODING_CHUNKED);
  soup_server_message_set_status (msg, 206, NULL);
  send_body (msg, part, fault);
  /* A chunked body ends only when it is said to. */
  if (soup_message_headers_get_encoding (resp) == SOUP_ENCODING_CHUNKED)
    soup_message_body_complete (soup_server_message_get_response_body (msg));
  g_bytes_unref (part);
  g_free (range);
}

/* A file, Range honoured, spoiled as @fault says; NULL @file: 404. */
static void
serve_file (SoupServerMessage * msg, const gchar * file, guint fault)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  GMappedFile *mapped = NULL;
  GBytes *all = NULL;
  SoupRange *ranges;
  gint n_ranges;
  gsize size;

  if (file)
    mapped = g_mapped_file_new (file, FALSE, NULL);
  if (fault == WAN_SIM_REDIRECT_LOOP) {
    redirect_to_self (msg);
    g_clear_pointer (&mapped, g_mapped_file_unref);
    return;
  }
  if (fault >= 100 || mapped == NULL) {
    soup_server_message_set_status (msg, mapped ? fault : 404, NULL);
    if (mapped)
      g_mapped_file_unref (mapped);
    return;
  }
  all = g_mapped_file_get_bytes (mapped);
  g_mapped_file_unref (mapped);
  size = g_bytes_get_size (all);
  soup_message_headers_set_content_type (resp, g_str_has_suffix (file, ".mp4")
      ? "video/mp4" : "application/octet-stream", NULL);
  soup_message_headers_replace (resp, "Accept-Ranges", "bytes");
  if (fault != WAN_SIM_NO_RANGE && range_starts_past (req, size)) {
    /* Nothing from there on: what a client that asks whether a file of
     * unknown size goes on must be told (libsoup would make it a 206 of
     * nothing). */
    gchar *range = g_strdup_printf ("bytes */%" G_GSIZE_FORMAT, size);

    soup_message_headers_replace (resp, "Content-Range", range);
    soup_server_message_set_status (msg, 416, NULL);
    g_free (range);
  } else if (fault != WAN_SIM_NO_RANGE
      && soup_message_headers_get_ranges (req, size, &ranges, &n_ranges)) {
    if (n_ranges == 1)
      send_range (msg, all, ranges[0].start, ranges[0].end, fault);
    else
      soup_server_message_set_status (msg, 416, NULL);
    soup_message_headers_free_ranges (req, ranges);
  } else {
    soup_server_message_set_status (msg, 200, NULL);
    send_body (msg, all, fault);
  }
  g_bytes_unref (all);
}

/* The CDN: plain GET of a rendered file, no credentials, Range honoured. */
static void
handle_cdn (SoupServer * server, SoupServerMessage * msg, const char *path,
    GHashTable * query, gpointer user_data)
{
  WanSim *sim = user_data;
  const gchar *name = strrchr (path, '/') + 1;
  gchar *file = NULL;
  guint fault;

  if (g_str_equal (soup_server_message_get_method (msg), "POST")
      && g_str_equal (path, "/")) {
    handle_storage (sim, msg);
    return;
  }
  fault = note_request (sim, EP_DOWNLOAD, msg);

  /* Rendered videos, and the files uploads left there. */
  if ((g_str_has_prefix (path, "/videos/") && g_str_has_suffix (name, ".mp4"))
      || (g_str_has_prefix (path, "/files/upload-")
          && !strchr (path + strlen ("/files/"), '/')))
    file = g_build_filename (sim->dir, name, NULL);
  serve_file (msg, file, fault);
  g_free (file);
}

/* A video served on the API origin with the key (OpenRouter's content
 * endpoint); in the variant, a redirect to the CDN, another origin. */
static void
handle_content (WanSim * sim, SoupServerMessage * msg,
    const SimDialect * dialect, const gchar * id, guint fault)
{
  SimTask *task;
  gchar *file = NULL, *cdn = NULL;
  gboolean redirect;
  gint progress;

  g_mutex_lock (&sim->lock);
  redirect = sim->variant;
  task = g_hash_table_lookup (sim->tasks, id);
  if (task && task->dialect == dialect
      && task_state (task, &progress) == SIM_SUCCEEDED) {
    file = g_strdup (task->path);
    cdn = g_strdup (task->video_url);
  }
  g_mutex_unlock (&sim->lock);

  if (file == NULL)
    respond_error (msg, dialect, 404, "video not found");
  else if (redirect)
    soup_server_message_set_redirect (msg, 302, cdn);
  else
    serve_file (msg, file, fault);
  g_free (file);
  g_free (cdn);
}

static guint
listen_loopback (SoupServer * server, guint port, GError ** error)
{
  GInetAddress *loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *address = g_inet_socket_address_new (loopback, port);
  GSList *uris;
  guint bound = 0;

  if (soup_server_listen (server, address, 0, error)) {
    uris = soup_server_get_uris (server);
    bound = g_uri_get_port (uris->data);
    g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  }
  g_object_unref (address);
  g_object_unref (loopback);
  return bound;
}

static void
kill_render (gpointer proc, gpointer value, gpointer data)
{
  g_subprocess_force_exit (proc);
}

static gpointer
server_thread (gpointer data)
{
  WanSim *sim = data;
  GError *error = NULL;
  guint api_port, cdn_port;

  g_main_context_push_thread_default (sim->context);
  sim->api = soup_server_new ("server-header", "wan-sim", NULL);
  sim->cdn = soup_server_new ("server-header", "wan-sim-cdn", NULL);
  soup_server_add_handler (sim->api, NULL, handle_api, sim, NULL);
  soup_server_add_handler (sim->cdn, NULL, handle_cdn, sim, NULL);
  api_port = listen_loopback (sim->api, sim->api_port, &error);
  cdn_port = error ? 0 : listen_loopback (sim->cdn, sim->cdn_port, &error);

  g_mutex_lock (&sim->lock);
  sim->api_port = api_port;
  sim->cdn_port = cdn_port;
  sim->start_error = error;
  sim->started = TRUE;
  g_cond_broadcast (&sim->cond);
  g_mutex_unlock (&sim->lock);

  if (error == NULL)
    g_main_loop_run (sim->loop);

  /* Renders report back on this context: kill those still running, and
   * wait for every one to be reaped before leaving. */
  g_mutex_lock (&sim->lock);
  sim->shutting_down = TRUE;
  g_hash_table_foreach (sim->running, kill_render, NULL);
  while (sim->pending_renders > 0) {
    g_mutex_unlock (&sim->lock);
    g_main_context_iteration (sim->context, TRUE);
    g_mutex_lock (&sim->lock);
  }
  g_mutex_unlock (&sim->lock);
  soup_server_disconnect (sim->api);
  soup_server_disconnect (sim->cdn);
  g_clear_object (&sim->api);
  g_clear_object (&sim->cdn);
  g_main_context_pop_thread_default (sim->context);
  return NULL;
}

WanSim *
wan_sim_new (guint api_port, guint cdn_port, GError ** error)
{
  WanSim *sim;
  gchar *helper;
  gint i;

  /* A machine without what the renders need is told so now, not by a
   * failed generation later. */
  if (!sim_render_check (error)
      || (helper = sim_render_find_helper (error)) == NULL)
    return NULL;
  sim = g_new0 (WanSim, 1);
  sim->helper = helper;
  g_mutex_init (&sim->lock);
  g_cond_init (&sim->cond);
  sim->api_port = api_port;
  sim->cdn_port = cdn_port;
  sim->task_ms = 400;
  sim->retry_after = -1;
  sim->fps = 8;
  sim->dir = g_dir_make_tmp ("wan-sim-XXXXXX", error);
  if (sim->dir == NULL) {
    g_mutex_clear (&sim->lock);
    g_cond_clear (&sim->cond);
    g_free (sim->helper);
    g_free (sim);
    return NULL;
  }
  sim->tasks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
      (GDestroyNotify) sim_task_free);
  sim->running = g_hash_table_new_full (g_direct_hash, g_direct_equal,
      g_object_unref, NULL);
  sim->renders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      g_free);
  for (i = 0; i < N_ENDPOINTS; i++)
    sim->headers[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
        g_free);
  sim->context = g_main_context_new ();
  sim->loop = g_main_loop_new (sim->context, FALSE);
  sim->thread = g_thread_new ("wan-sim", server_thread, sim);

  g_mutex_lock (&sim->lock);
  while (!sim->started)
    g_cond_wait (&sim->cond, &sim->lock);
  g_mutex_unlock (&sim->lock);
  if (sim->start_error) {
    g_propagate_error (error, sim->start_error);
    sim->start_error = NULL;
    wan_sim_free (sim);
    return NULL;
  }
  return sim;
}

static void
remove_dir (const gchar * dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const gchar *name;

  while (d && (name = g_dir_read_name (d)) != NULL) {
    gchar *path = g_build_filename (dir, name, NULL);

    g_unlink (path);
    g_free (path);
  }
  if (d)
    g_dir_close (d);
  g_rmdir (dir);
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

void
wan_sim_free (WanSim * sim)
{
  GSource *quit;
  gint i;

  if (sim == NULL)
    return;
  /* Quit from inside the server's context: a plain g_main_loop_quit()
   * is lost if the thread has not entered g_main_loop_run() yet.  The
   * thread kills and reaps the renders still running. */
  quit = g_idle_source_new ();
  g_source_set_callback (quit, quit_loop, sim->loop, NULL);
  g_source_attach (quit, sim->context);
  g_source_unref (quit);
  g_thread_join (sim->thread);
  g_main_loop_unref (sim->loop);
  g_main_context_unref (sim->context);
  g_hash_table_unref (sim->tasks);
  g_hash_table_unref (sim->renders);
  g_hash_table_unref (sim->running);
  g_free (sim->helper);
  for (i = 0; i < N_ENDPOINTS; i++) {
    g_hash_table_unref (sim->headers[i]);
    g_queue_clear (&sim->faults[i]);
  }
  g_clear_pointer (&sim->last_create_body, json_node_unref);
  g_free (sim->last_create_path);
  g_free (sim->last_task_id);
  g_free (sim->last_upload);
  remove_dir (sim->dir);
  g_free (sim->dir);
  g_mutex_clear (&sim->lock);
  g_cond_clear (&sim->cond);
  g_free (sim);
}

gchar *
wan_sim_get_base_url (WanSim * sim, const gchar * provider)
{
  return g_strdup_printf ("http://127.0.0.1:%u/%s", sim->api_port, provider);
}

guint
wan_sim_get_api_port (WanSim * sim)
{
  return sim->api_port;
}

void
wan_sim_set_task_ms (WanSim * sim, guint ms)
{
  g_mutex_lock (&sim->lock);
  sim->task_ms = ms;
  g_mutex_unlock (&sim->lock);
}

void
wan_sim_set_fps (WanSim * sim, guint fps)
{
  g_mutex_lock (&sim->lock);
  sim->fps = MAX (fps, 1);
  g_mutex_unlock (&sim->lock);
}

void
wan_sim_set_variant (WanSim * sim, gboolean variant)
{
  g_mutex_lock (&sim->lock);
  sim->variant = variant;
  g_mutex_unlock (&sim->lock);
}

void
wan_sim_set_retry_after (WanSim * sim, gint seconds)
{
  g_mutex_lock (&sim->lock);
  sim->retry_after = seconds;
  g_mutex_unlock (&sim->lock);
}

void
wan_sim_inject (WanSim * sim, const gchar * endpoint, guint fault, guint count)
{
  gint ep = endpoint_from_name (endpoint);

  g_mutex_lock (&sim->lock);
  while (count-- > 0)
    g_queue_push_tail (&sim->faults[ep], GUINT_TO_POINTER (fault));
  g_mutex_unlock (&sim->lock);
}

void
wan_sim_set_max_running (WanSim * sim, guint max_running)
{
  g_mutex_lock (&sim->lock);
  sim->max_running = max_running;
  g_mutex_unlock (&sim->lock);
}

guint
wan_sim_most_running (WanSim * sim)
{
  guint n;

  g_mutex_lock (&sim->lock);
  n = sim->most_running;
  g_mutex_unlock (&sim->lock);
  return n;
}

guint
wan_sim_tasks_created (WanSim * sim)
{
  guint n;

  g_mutex_lock (&sim->lock);
  n = sim->created;
  g_mutex_unlock (&sim->lock);
  return n;
}

guint
wan_sim_count (WanSim * sim, const gchar * endpoint)
{
  guint n;

  g_mutex_lock (&sim->lock);
  n = sim->counts[endpoint_from_name (endpoint)];
  g_mutex_unlock (&sim->lock);
  return n;
}

JsonNode *
wan_sim_last_create_body (WanSim * sim)
{
  JsonNode *node;

  g_mutex_lock (&sim->lock);
  node = sim->last_create_body ? json_node_copy (sim->last_create_body) : NULL;
  g_mutex_unlock (&sim->lock);
  return node;
}

gchar *
wan_sim_last_create_path (WanSim * sim)
{
  gchar *path;

  g_mutex_lock (&sim->lock);
  path = g_strdup (sim->last_create_path);
  g_mutex_unlock (&sim->lock);
  return path;
}

gchar *
wan_sim_last_header (WanSim * sim, const gchar * endpoint, const gchar * name)
{
  gchar *lower = g_ascii_strdown (name, -1), *value;

  g_mutex_lock (&sim->lock);
  value = g_strdup (g_hash_table_lookup (sim->headers[endpoint_from_name
              (endpoint)], lower));
  g_mutex_unlock (&sim->lock);
  g_free (lower);
  return value;
}

gchar *
wan_sim_get_video_path (WanSim * sim, const gchar * task_id)
{
  SimTask *task;
  gchar *path = NULL;

  g_mutex_lock (&sim->lock);
  task = g_hash_table_lookup (sim->tasks, task_id);
  if (task)
    path = g_strdup (task->path);
  g_mutex_unlock (&sim->lock);
  return path;
}

gchar *
wan_sim_oss_file (WanSim * sim, const gchar * model, const gchar * oss_url)
{
  gchar *path;

  if (oss_url == NULL || !g_str_has_prefix (oss_url, "oss://"))
    return NULL;
  path = sim_oss_file_path (sim->dir, model, oss_url + 6);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_clear_pointer (&path, g_free);
  return path;
}

gchar *
wan_sim_last_upload_path (WanSim * sim)
{
  gchar *path;

  g_mutex_lock (&sim->lock);
  path = g_strdup (sim->last_upload);
  g_mutex_unlock (&sim->lock);
  return path;
}

gchar *
wan_sim_last_task_id (WanSim * sim)
{
  gchar *id;

  g_mutex_lock (&sim->lock);
  id = g_strdup (sim->last_task_id);
  g_mutex_unlock (&sim->lock);
  return id;
}

gchar *
wan_sim_unused_url (void)
{
  GSocket *s = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
      G_SOCKET_PROTOCOL_TCP, NULL);
  GInetAddress *lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *any = g_inet_socket_address_new (lo, 0), *bound = NULL;
  gchar *url = NULL;

  if (s && g_socket_bind (s, any, TRUE, NULL)
      && (bound = g_socket_get_local_address (s, NULL)) != NULL)
    url = g_strdup_printf ("http://127.0.0.1:%u",
        g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  if (s) {
    g_socket_close (s, NULL);
    g_object_unref (s);
  }
  g_clear_object (&bound);
  g_object_unref (any);
  g_object_unref (lo);
  return url;
}

gchar *
wan_sim_add_finished_task (WanSim * sim, const gchar * provider,
    const gchar * video_path)
{
  const SimDialect *dialect = NULL;
  SimTask *task;
  gchar *name, *link, *absolute;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (dialects); i++)
    if (g_str_equal (dialects[i]->name, provider))
      dialect = dialects[i];
  g_return_val_if_fail (dialect != NULL, NULL);

  task = g_new0 (SimTask, 1);
  task->dialect = dialect;
  task->model = g_strdup ("wan2.6");
  task->mode = "t2v";
  task->width = 1280;
  task->height = 720;
  task->duration = 5;
  task->task_ms = 1;
  task->rendered = TRUE;
  g_mutex_lock (&sim->lock);
  task->id = g_strdup_printf ("sim-%s-%04u", dialect->name, ++sim->next_id);
  task->created_us = g_get_monotonic_time () - G_USEC_PER_SEC;
  name = g_strdup_printf ("%s.mp4", task->id);
  link = g_build_filename (sim->dir, name, NULL);
  absolute = g_canonicalize_filename (video_path, NULL);
  if (symlink (absolute, link) != 0)
    g_warning ("wan-sim: cannot link %s: %s", absolute, g_strerror (errno));
  task->path = g_strdup (absolute);
  task->video_url = g_strdup_printf ("http://127.0.0.1:%u/videos/%s",
      sim->cdn_port, name);
  g_hash_table_insert (sim->tasks, task->id, task);
  g_mutex_unlock (&sim->lock);
  g_free (absolute);
  g_free (link);
  g_free (name);
  return g_strdup (task->id);
}

guint
wan_sim_task_polls (WanSim * sim, const gchar * task_id)
{
  SimTask *task;
  guint polls = 0;

  g_mutex_lock (&sim->lock);
  task = g_hash_table_lookup (sim->tasks, task_id);
  if (task)
    polls = task->polls;
  g_mutex_unlock (&sim->lock);
  return polls;
}

gint64
wan_sim_task_done_us (WanSim * sim, const gchar * task_id)
{
  SimTask *task;
  gint64 done = 0;

  g_mutex_lock (&sim->lock);
  task = g_hash_table_lookup (sim->tasks, task_id);
  if (task)
    done = task->created_us + task->task_ms * (gint64) 1000;
  g_mutex_unlock (&sim->lock);
  return done;
}

GPid *
wan_sim_running_renders (WanSim * sim)
{
  GArray *pids = g_array_new (TRUE, TRUE, sizeof (GPid));
  GHashTableIter iter;
  gpointer proc;

  g_mutex_lock (&sim->lock);
  g_hash_table_iter_init (&iter, sim->running);
  while (g_hash_table_iter_next (&iter, &proc, NULL)) {
    const gchar *id = g_subprocess_get_identifier (proc);

    /* NULL once the child has been reaped. */
    if (id) {
      GPid pid = (GPid) g_ascii_strtoll (id, NULL, 10);

      g_array_append_val (pids, pid);
    }
  }
  g_mutex_unlock (&sim->lock);
  return (GPid *) g_array_free (pids, FALSE);
}
