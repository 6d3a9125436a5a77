/* wan-generate: a manifest of videos, N at a time, resumable
 *
 * Every line is parsed, set on its own element and checked before the
 * first task is sent, so a bad line costs nothing.  The state file,
 * rewritten atomically after each change, holds each line's task id and
 * result: a rerun resumes tasks already made (the element's task-id),
 * skips saved outputs, and sends again only failures the user asks for.
 * A task whose id had not reached the state file when the process died is
 * still resumed: the element's journal matches it by its request.
 */

#include <stdio.h>
#include <string.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include "wan-generate.h"

typedef enum
{
  LINE_NEW,
  LINE_RUNNING,                 /* submitted (task id known, or not yet) */
  LINE_DONE,
  LINE_FAILED,
} LineStatus;

static const gchar *const status_words[] = { "new", "running", "done",
  "failed"
};

typedef struct _Batch Batch;

typedef struct
{
  Batch *batch;
  guint number;
  gchar *digest;                /* of the line's text */
  WgSettings *settings;
  WanProviderId provider;
  gchar *output;                /* absolute */
  guint seconds;
  LineStatus status;
  gchar *task_id;
  gchar *error;
  gint exit_status;
  WgJob *job;
} Line;

struct _Batch
{
  const WgBatchOptions *options;
  gchar *state_path;
  GPtrArray *lines;             /* Line */
  GQueue queue;                 /* Line waiting for a slot */
  guint limit;                  /* slots now: --jobs, lowered after a 429 */
  guint jobs;                   /* --jobs, or the providers' safe default */
  guint active;
  guint backoff_ms;
  guint pause_source;
  gboolean interrupted;
  gboolean key_refused;         /* no point sending more */
  GMainLoop *loop;
  gint64 started_us;
};

/* Concurrent tasks each provider takes without answering 429, as far as
 * their documentation and users' reports go: a safe start. */
static guint
default_jobs (WanProviderId provider)
{
  switch (provider) {
    case WAN_PROVIDER_TOAPIS:
    case WAN_PROVIDER_EVOLINK:
      return 3;
    default:
      return 2;
  }
}

static void
line_free (Line * line)
{
  wg_settings_free (line->settings);
  g_free (line->digest);
  g_free (line->output);
  g_free (line->task_id);
  g_free (line->error);
  g_free (line);
}

/* ------------------------------------------------------------------ */
/* The manifest                                                         */

static gboolean
add_member (WgSettings * settings, const gchar * name, JsonNode * node,
    GError ** error)
{
  GType type = json_node_get_value_type (node);
  gchar *text;
  gboolean ok;
  guint i;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node)) {
    JsonArray *array = json_node_get_array (node);

    for (i = 0; i < json_array_get_length (array); i++)
      if (!add_member (settings, name, json_array_get_element (array, i),
              error))
        return FALSE;
    return TRUE;
  }
  if (!JSON_NODE_HOLDS_VALUE (node)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "'%s' must be a string, number or boolean", name);
    return FALSE;
  }
  if (type == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else if (type == G_TYPE_BOOLEAN)
    text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_INT64)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    text = g_strdup_printf ("%g", json_node_get_double (node));
  ok = wg_settings_add (settings, name, text, error);
  g_free (text);
  return ok;
}

/* The line's members into its settings, except "output", which names its
 * file; @output points into @object. */
static gboolean
read_members (Line * line, JsonObject * object, const gchar ** output,
    GError ** error)
{
  GList *members = json_object_get_members (object), *l;
  gboolean ok;

  for (l = members, ok = TRUE; l && ok; l = l->next) {
    JsonNode *node = json_object_get_member (object, l->data);

    if (g_str_equal (l->data, "output")) {
      *output = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) :
          NULL;
      if (*output == NULL || **output == '\0') {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
            "'output' must be a file name");
        ok = FALSE;
      }
    } else {
      ok = add_member (line->settings, l->data, node, error);
    }
  }
  g_list_free (members);
  return ok;
}

/* The line's output file, relative to the manifest's folder @dir. */
static gboolean
choose_output (Line * line, const gchar * output, const gchar * dir,
    GError ** error)
{
  if (g_str_equal (output ? output : "", "-")) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "a batch cannot write to stdout");
    return FALSE;
  }
  if (output)
    line->output = g_canonicalize_filename (output, dir);
  else
    line->output = g_strdup_printf ("%s/%u.mp4", dir, line->number);
  return TRUE;
}

/* One manifest line into @line: its settings, output and element check. */
static gboolean
parse_line (Batch * batch, Line * line, const gchar * text,
    const gchar * dir, const WgSettings * defaults, gint * status,
    GError ** error)
{
  JsonParser *parser = json_parser_new ();
  GstElement *src = NULL;
  JsonObject *object;
  const gchar *output = NULL;
  WanRequest req;
  gboolean ok = FALSE;

  wan_request_init (&req);
  *status = WG_EXIT_USAGE;
  line->settings = wg_settings_new ();
  if (!json_parser_load_from_data (parser, text, -1, error))
    goto out;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "not a JSON object");
    goto out;
  }
  object = json_node_get_object (json_parser_get_root (parser));
  if (!read_members (line, object, &output, error))
    goto out;
  wg_settings_merge_defaults (line->settings, defaults);
  if (!choose_output (line, output, dir, error))
    goto out;

  src = gst_object_ref_sink (gst_element_factory_make ("wanvideosrc", NULL));
  if (!wg_settings_apply (line->settings, src, error)
      || !wg_check_element (src, &req, status, error))
    goto out;
  line->provider = req.provider;
  line->seconds = wg_request_seconds (&req);
  if (batch->options->dry_run) {
    g_print ("# line %u -> %s, %u s\n", line->number, line->output,
        line->seconds);
    if (!wg_print_request (src, &req, stdout, error))
      goto out;
    g_print ("\n");
  }
  ok = TRUE;
out:
  wan_request_clear (&req);
  if (src)
    gst_object_unref (src);
  g_object_unref (parser);
  return ok;
}

static gboolean
load_manifest (Batch * batch, const WgSettings * defaults, gint * status,
    GError ** error)
{
  gchar *contents, **texts, *dir;
  GHashTable *outputs;
  gboolean ok = TRUE;
  guint i;

  *status = WG_EXIT_USAGE;
  if (!g_file_get_contents (batch->options->manifest, &contents, NULL, error))
    return FALSE;
  dir = g_path_get_dirname (batch->options->manifest);
  if (!g_path_is_absolute (dir)) {
    gchar *cwd = g_get_current_dir (), *abs = g_build_filename (cwd, dir, NULL);

    g_free (dir);
    g_free (cwd);
    dir = abs;
  }
  texts = g_strsplit (contents, "\n", -1);
  outputs = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; texts[i] && ok; i++) {
    Line *line;
    GError *err = NULL;

    g_strstrip (texts[i]);
    if (texts[i][0] == '\0')
      continue;
    line = g_new0 (Line, 1);
    line->batch = batch;
    line->number = i + 1;
    line->digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
        texts[i], -1);
    g_ptr_array_add (batch->lines, line);
    ok = parse_line (batch, line, texts[i], dir, defaults, status, &err);
    if (ok && g_hash_table_contains (outputs, line->output)) {
      g_set_error (&err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
          "output %s is also another line's", line->output);
      *status = WG_EXIT_USAGE;
      ok = FALSE;
    }
    if (ok)
      g_hash_table_add (outputs, line->output);
    else {
      g_set_error (error, err->domain, err->code, "%s line %u: %s",
          batch->options->manifest, line->number, err->message);
      g_error_free (err);
    }
  }
  if (ok && batch->lines->len == 0) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "%s has no lines", batch->options->manifest);
    ok = FALSE;
  }
  g_hash_table_unref (outputs);
  g_strfreev (texts);
  g_free (contents);
  g_free (dir);
  return ok;
}

/* ------------------------------------------------------------------ */
/* The state file                                                       */

static gboolean
save_state (Batch * batch)
{
  JsonBuilder *b = json_builder_new ();
  JsonGenerator *gen = json_generator_new ();
  JsonNode *root;
  GError *error = NULL;
  gchar *text;
  guint i;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_object (b);
  for (i = 0; i < batch->lines->len; i++) {
    Line *line = g_ptr_array_index (batch->lines, i);
    gchar key[16];

    if (line->status == LINE_NEW && line->task_id == NULL)
      continue;
    g_snprintf (key, sizeof key, "%u", line->number);
    json_builder_set_member_name (b, key);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "digest");
    json_builder_add_string_value (b, line->digest);
    json_builder_set_member_name (b, "status");
    json_builder_add_string_value (b, status_words[line->status]);
    json_builder_set_member_name (b, "task-id");
    json_builder_add_string_value (b, line->task_id);
    json_builder_set_member_name (b, "error");
    json_builder_add_string_value (b, line->error);
    json_builder_end_object (b);
  }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_node_unref (root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  /* Written to a temporary file and renamed: never half a state. */
  if (!g_file_set_contents (batch->state_path, text, -1, &error)) {
    wg_progress_line ("Warning: %s", error->message);
    g_error_free (error);
  }
  g_free (text);
  g_object_unref (gen);
  g_object_unref (b);
  return TRUE;
}

static LineStatus
status_from_word (const gchar * word)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (status_words); i++)
    if (g_strcmp0 (word, status_words[i]) == 0)
      return i;
  return LINE_NEW;
}

/* What an earlier run did, line by line.  A line whose text changed since
 * is an error: its task belongs to another request. */
static gboolean
load_state (Batch * batch, GError ** error)
{
  JsonParser *parser;
  JsonObject *lines;
  guint i;

  if (!g_file_test (batch->state_path, G_FILE_TEST_EXISTS))
    return TRUE;
  parser = json_parser_new ();
  if (!json_parser_load_from_file (parser, batch->state_path, error)) {
    g_object_unref (parser);
    return FALSE;
  }
  lines = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ?
      json_object_get_object_member (json_node_get_object
      (json_parser_get_root (parser)), "lines") : NULL;
  for (i = 0; lines && i < batch->lines->len; i++) {
    Line *line = g_ptr_array_index (batch->lines, i);
    gchar key[16];
    JsonObject *entry;

    g_snprintf (key, sizeof key, "%u", line->number);
    if (!json_object_has_member (lines, key))
      continue;
    entry = json_object_get_object_member (lines, key);
    if (entry == NULL)
      continue;
    if (g_strcmp0 (json_object_get_string_member_with_default (entry,
                "digest", ""), line->digest) != 0) {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
          "line %u of %s changed since %s was written: its task belongs to "
          "the old line (remove the state file, or give another --state)",
          line->number, batch->options->manifest, batch->state_path);
      g_object_unref (parser);
      return FALSE;
    }
    line->status = status_from_word (json_object_get_string_member_with_default
        (entry, "status", NULL));
    line->task_id = g_strdup (json_object_get_string_member_with_default
        (entry, "task-id", NULL));
    line->error = g_strdup (json_object_get_string_member_with_default
        (entry, "error", NULL));
  }
  g_object_unref (parser);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Scheduling                                                           */

/* On a terminal, one line redrawn: how many lines are where. */
static gboolean
show_summary (gpointer data)
{
  Batch *batch = data;
  guint counts[G_N_ELEMENTS (status_words)] = { 0, };
  gint64 elapsed = (g_get_monotonic_time () - batch->started_us) /
      G_USEC_PER_SEC;
  gchar *text;
  guint i;

  if (!wg_progress_is_terminal ())
    return G_SOURCE_CONTINUE;
  for (i = 0; i < batch->lines->len; i++)
    counts[((Line *) g_ptr_array_index (batch->lines, i))->status]++;
  text = g_strdup_printf ("%u running, %u done, %u failed, %u waiting  "
      "%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT, counts[LINE_RUNNING],
      counts[LINE_DONE], counts[LINE_FAILED], g_queue_get_length
      (&batch->queue), elapsed / 60, elapsed % 60);
  wg_progress_status ("batch", text);
  g_free (text);
  return G_SOURCE_CONTINUE;
}

static void start_next (Batch * batch);

static void
batch_task_known (WgJob * job, const gchar * task_id, gpointer data)
{
  Line *line = data;
  Batch *batch = line->batch;

  if (g_strcmp0 (line->task_id, task_id) == 0)
    return;
  g_free (line->task_id);
  line->task_id = g_strdup (task_id);
  save_state (batch);
  wg_progress_line ("line %u: task %s", line->number, task_id);
}

static gboolean
end_pause (gpointer data)
{
  Batch *batch = data;

  batch->pause_source = 0;
  start_next (batch);
  return G_SOURCE_REMOVE;
}

/* Too many tasks at once for the provider: nothing was paid.  The line
 * waits at the head of the queue, no new task is sent for a while (twice
 * as long each time), and fewer are kept in flight from then on. */
static void
pause_submissions (Batch * batch, Line * line)
{
  batch->backoff_ms = batch->backoff_ms ? MIN (batch->backoff_ms * 2,
      60000) : 1000;
  batch->limit = MAX (1, batch->active);
  g_queue_push_head (&batch->queue, line);
  line->status = LINE_NEW;
  wg_progress_line ("line %u: the provider is busy (429); waiting %u ms, "
      "then at most %u at once", line->number, batch->backoff_ms, batch->limit);
  if (batch->pause_source == 0)
    batch->pause_source = g_timeout_add (batch->backoff_ms, end_pause, batch);
}

static gboolean
free_job (gpointer job)
{
  wg_job_free (job);
  return G_SOURCE_REMOVE;
}

static void
batch_done (WgJob * job, const GError * error, gint exit_status,
    gboolean rate_limited, gpointer data)
{
  Line *line = data;
  Batch *batch = line->batch;

  batch->active--;
  line->job = NULL;
  /* Freed once the bus callback that called us has returned. */
  g_idle_add (free_job, job);
  if (error && rate_limited) {
    pause_submissions (batch, line);
  } else if (error) {
    line->status = LINE_FAILED;
    line->exit_status = exit_status;
    g_free (line->error);
    line->error = g_strdup (error->message);
    wg_progress_line ("line %u: failed: %s", line->number, error->message);
    /* A key refused for one line is refused for the next ones too. */
    if (exit_status == WG_EXIT_NOT_AUTHORIZED && !batch->key_refused) {
      batch->key_refused = TRUE;
      wg_progress_line ("The key was refused: no more tasks are sent.");
    }
  } else {
    line->status = LINE_DONE;
    g_clear_pointer (&line->error, g_free);
    batch->backoff_ms = 0;
    if (batch->limit < batch->jobs)
      batch->limit++;
    wg_progress_line ("line %u: saved %s", line->number, line->output);
  }
  save_state (batch);
  start_next (batch);
  show_summary (batch);
}

static void
start_line (Batch * batch, Line * line)
{
  WgJobCallbacks callbacks = { batch_task_known, batch_done };
  GstElement *src = gst_element_factory_make ("wanvideosrc", NULL);
  gchar *label = g_strdup_printf ("line %u", line->number);
  gchar *folder = g_path_get_dirname (line->output);

  /* "output": "clips/a.mp4" makes clips/ when it is not there yet. */
  g_mkdir_with_parents (folder, 0777);
  g_free (folder);

  /* Checked at load: applying the same settings again cannot fail. */
  wg_settings_apply (line->settings, src, NULL);
  /* A task made before is resumed, never made again. */
  if (line->task_id)
    g_object_set (src, "task-id", line->task_id, NULL);
  line->status = LINE_RUNNING;
  batch->active++;
  line->job = wg_job_new (src, line->output, label, &callbacks, line);
  g_free (label);
  save_state (batch);
  wg_job_start (line->job);
}

static void
start_next (Batch * batch)
{
  while (!batch->interrupted && !batch->key_refused
      && batch->pause_source == 0
      && batch->active < batch->limit && !g_queue_is_empty (&batch->queue))
    start_line (batch, g_queue_pop_head (&batch->queue));
  if (batch->active == 0 && (g_queue_is_empty (&batch->queue)
          || batch->interrupted || batch->key_refused))
    g_main_loop_quit (batch->loop);
}

static gboolean
on_interrupt (gpointer data)
{
  Batch *batch = data;

  batch->interrupted = TRUE;
  g_main_loop_quit (batch->loop);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------ */
/* Results                                                              */

static void
print_summary (Batch * batch)
{
  guint i;

  g_print ("%-5s %-8s %-24s %4s  %s\n", "line", "status", "task", "s",
      "output or error");
  for (i = 0; i < batch->lines->len; i++) {
    Line *line = g_ptr_array_index (batch->lines, i);

    g_print ("%-5u %-8s %-24s %4u  %s\n", line->number,
        status_words[line->status], line->task_id ? line->task_id : "-",
        line->seconds, line->status == LINE_FAILED ? line->error :
        line->output);
  }
}

static gboolean
write_report (Batch * batch, GError ** error)
{
  JsonBuilder *b = json_builder_new ();
  JsonGenerator *gen = json_generator_new ();
  JsonNode *root;
  gboolean ok;
  guint i;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "manifest");
  json_builder_add_string_value (b, batch->options->manifest);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (i = 0; i < batch->lines->len; i++) {
    Line *line = g_ptr_array_index (batch->lines, i);

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "line");
    json_builder_add_int_value (b, line->number);
    json_builder_set_member_name (b, "status");
    json_builder_add_string_value (b, status_words[line->status]);
    json_builder_set_member_name (b, "task-id");
    json_builder_add_string_value (b, line->task_id);
    json_builder_set_member_name (b, "seconds");
    json_builder_add_int_value (b, line->seconds);
    json_builder_set_member_name (b, "output");
    json_builder_add_string_value (b, line->output);
    json_builder_set_member_name (b, "error");
    json_builder_add_string_value (b, line->error);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_node_unref (root);
  json_generator_set_pretty (gen, TRUE);
  ok = json_generator_to_file (gen, batch->options->report, error);
  g_object_unref (gen);
  g_object_unref (b);
  return ok;
}

/* ------------------------------------------------------------------ */

/* Which lines to send now, from what the state says of them. */
static void
plan_lines (Batch * batch)
{
  guint i;

  for (i = 0; i < batch->lines->len; i++) {
    Line *line = g_ptr_array_index (batch->lines, i);

    /* Outputs appear only whole (renamed when complete): one that is
     * there is done, even if the state did not get to say so. */
    if (line->status != LINE_FAILED && g_file_test (line->output,
            G_FILE_TEST_EXISTS)) {
      line->status = LINE_DONE;
      continue;
    }
    if (line->status == LINE_FAILED && !batch->options->retry_failed)
      continue;
    /* A failed task is over: retrying means a new one. */
    if (line->status == LINE_FAILED)
      g_clear_pointer (&line->task_id, g_free);
    line->status = LINE_NEW;
    g_queue_push_tail (&batch->queue, line);
  }
}

static guint
choose_jobs (Batch * batch)
{
  guint i, jobs = G_MAXUINT;

  if (batch->options->jobs)
    return batch->options->jobs;
  for (i = 0; i < batch->lines->len; i++) {
    Line *line = g_ptr_array_index (batch->lines, i);

    jobs = MIN (jobs, default_jobs (line->provider));
  }
  return jobs;
}

/* The whole manifest, checked before anything is sent, and the seconds of
 * video it bills. */
static gboolean
check_manifest (Batch * batch, const WgSettings * defaults,
    guint64 * seconds, gint * status, GError ** error)
{
  guint64 max_seconds = batch->options->max_seconds;
  guint i;

  if (!load_manifest (batch, defaults, status, error))
    return FALSE;
  for (i = 0; i < batch->lines->len; i++)
    *seconds += ((Line *) g_ptr_array_index (batch->lines, i))->seconds;
  if (max_seconds && *seconds > max_seconds) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "the batch asks for %" G_GUINT64_FORMAT " seconds of video, more "
        "than --max-seconds %" G_GUINT64_FORMAT "; nothing was sent",
        *seconds, max_seconds);
    *status = WG_EXIT_USAGE;
    return FALSE;
  }
  return TRUE;
}

/* Stopped, not cancelled: each running task keeps its id in the state
 * (and the element's journal), and the next run resumes it. */
static void
stop_jobs (Batch * batch)
{
  guint i;

  for (i = 0; i < batch->lines->len; i++) {
    Line *line = g_ptr_array_index (batch->lines, i);

    if (line->job)
      wg_job_free (line->job);
    line->job = NULL;
  }
}

/* Sends the lines still to do, @jobs at a time, until all are over or
 * SIGINT; the state is saved on the way out. */
static void
run_lines (Batch * batch)
{
  guint sigint, ticker;

  plan_lines (batch);
  wg_progress_set_job_status (FALSE);
  batch->jobs = batch->limit = choose_jobs (batch);
  batch->loop = g_main_loop_new (NULL, FALSE);
  batch->started_us = g_get_monotonic_time ();
  sigint = g_unix_signal_add (SIGINT, on_interrupt, batch);
  wg_progress_line ("%u of %u lines to do, %u at once; state in %s",
      g_queue_get_length (&batch->queue), batch->lines->len, batch->jobs,
      batch->state_path);
  start_next (batch);
  ticker = wg_progress_is_terminal ()? g_timeout_add_seconds (1,
      show_summary, batch) : 0;
  if (batch->active > 0 || !g_queue_is_empty (&batch->queue))
    g_main_loop_run (batch->loop);
  if (ticker)
    g_source_remove (ticker);
  if (!batch->interrupted)
    g_source_remove (sigint);
  if (batch->pause_source)
    g_source_remove (batch->pause_source);
  stop_jobs (batch);
  while (g_main_context_iteration (NULL, FALSE));
  save_state (batch);
  g_main_loop_unref (batch->loop);
  wg_progress_end ();
}

/* The summary, the report and the exit status: the worst of the failed
 * lines', or interrupted. */
static gint
report_results (Batch * batch)
{
  GError *error = NULL;
  gint status = WG_EXIT_SAVED;
  guint i, failed = 0;

  print_summary (batch);
  if (batch->options->report && !write_report (batch, &error)) {
    g_printerr ("Error: %s\n", error->message);
    g_clear_error (&error);
  }
  for (i = 0; i < batch->lines->len; i++) {
    Line *line = g_ptr_array_index (batch->lines, i);

    if (line->status == LINE_FAILED) {
      failed++;
      status = MAX (status, line->exit_status);
    }
  }
  if (batch->interrupted) {
    g_printerr ("Interrupted; the state is kept in %s. Run the same command "
        "again to continue: nothing already sent is sent again.\n",
        batch->state_path);
    status = WG_EXIT_INTERRUPTED;
  } else if (failed) {
    g_printerr ("%u of %u lines failed; rerun with --retry-failed to try "
        "them again.\n", failed, batch->lines->len);
  }
  return status;
}

gint
wg_batch_run (const WgBatchOptions * options, const WgSettings * defaults)
{
  Batch batch = { options, };
  GError *error = NULL;
  guint64 seconds = 0;
  gint status = WG_EXIT_SAVED;

  batch.lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  batch.state_path = options->state ? g_strdup (options->state) :
      g_strconcat (options->manifest, ".state", NULL);
  g_queue_init (&batch.queue);
  if (!check_manifest (&batch, defaults, &seconds, &status, &error))
    goto error;
  status = WG_EXIT_SAVED;
  if (options->dry_run) {
    g_print ("Billed: %" G_GUINT64_FORMAT " seconds of video in %u lines; "
        "nothing was sent.\n", seconds, batch.lines->len);
    goto out;
  }
  status = WG_EXIT_USAGE;
  if (!load_state (&batch, &error))
    goto error;

  run_lines (&batch);
  status = report_results (&batch);
  goto out;

error:
  g_printerr ("Error: %s\n", error->message);
  g_error_free (error);
out:
  g_ptr_array_unref (batch.lines);
  g_free (batch.state_path);
  return status;
}
