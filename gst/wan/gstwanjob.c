/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The job thread of wanvideosrc: cache lookup, journal lookup, the
 * client's run loop into the spool, then cache store and journal settle.
 * Everything here that is not GStreamer's (inputs, submit, poll,
 * download) is the client library's; this file turns its callbacks into
 * spool writes and bus messages. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstwanjob.h"
#include "gstwancache.h"
#include "gstwanenums.h"
#include "gstwaninput.h"
#include "gstwanjournal.h"
#include "gstwanmessages.h"

GST_DEBUG_CATEGORY_STATIC (gst_wan_job_debug);
#define GST_CAT_DEFAULT gst_wan_job_debug

#define STATUS_UNKNOWN -1

struct _GstWanJob
{
  /* Not a reference: the element owns the job and frees it in stop(). */
  GstElement *element;
  /* As at start(), with the key and base URL resolved. */
  GstWanSettings settings;
  WanClient *client;
  WanJob *request;              /* the validated request, or the task given */
  GstWanSpool *spool;
  GCancellable *cancellable;
  GThread *thread;

  GMutex lock;
  gchar *task_id;               /* under the lock: resumed or created */

  /* The job thread's own.  The journal of the job's task: where, under
   * which request digest, since when, and the partial video's name. */
  gchar *journal_dir;
  gchar *digest;
  gint64 created;
  gchar *partial;
  gboolean downloading;
  gint last_status;             /* WanTaskStatus, or STATUS_UNKNOWN */
  guint64 content_length;
  guint64 received;
  gint last_percent;
};

/* ------------------------------------------------------------------ */
/* Before anything is sent                                              */

static WanClient *
make_client (const GstWanSettings * s)
{
  WanClient *client = wan_client_new (s->req.provider, s->base_url,
      s->api_key);

  wan_client_set_user_agent (client, s->user_agent);
  wan_client_set_retries (client, s->retries, WAN_DEFAULT_RETRY_DELAY_MS);
  return client;
}

/* What start() refuses, posted on the element; nothing was sent.  Builds
 * the client and the request the job runs. */
static gboolean
check_settings (GstWanJob * job)
{
  const GstWanSettings *s = &job->settings;
  GError *error = NULL;

  if (s->api_key == NULL) {
    GST_ELEMENT_ERROR (job->element, RESOURCE, NOT_AUTHORIZED,
        ("No API key for %s: set the api-key property, WAN_API_KEY or %s",
            wan_provider_id_to_string (s->req.provider),
            wan_provider_key_env (s->req.provider)), (NULL));
    return FALSE;
  }
  if (wan_check_base_url (s->base_url, s->insecure, &error)) {
    job->client = make_client (s);
    /* Validated here, once: the job thread holds a request known to be
     * valid.  A resumed task is not sent again, so its settings do not
     * matter. */
    job->request = s->task_id ? wan_job_new_resume (job->client, s->task_id)
        : wan_job_new (job->client, &s->req, &error);
  }
  if (job->request == NULL) {
    GST_ELEMENT_ERROR (job->element, RESOURCE, SETTINGS, ("%s",
            error->message), ("invalid settings, nothing was sent"));
    g_error_free (error);
    return FALSE;
  }
  return TRUE;
}

static gboolean
open_spool (GstWanJob * job)
{
  GError *error = NULL;

  job->spool = gst_wan_spool_new (job->settings.location, &error);
  if (job->spool)
    return TRUE;
  GST_ELEMENT_ERROR (job->element, RESOURCE, OPEN_WRITE, ("%s",
          error->message), (NULL));
  g_error_free (error);
  return FALSE;
}

/* The element's own category: GST_DEBUG=wanvideosrc:N shows the job. */
static void
init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (gst_wan_job_debug, "wanvideosrc", 0,
        "Wan video generation source");
    g_once_init_leave (&done, 1);
  }
}

GstWanJob *
gst_wan_job_new (GstElement * element, const GstWanSettings * settings)
{
  GstWanJob *job = g_new0 (GstWanJob, 1);
  GstWanSettings *s = &job->settings;

  init_debug ();
  job->element = element;
  gst_wan_settings_copy (s, settings);
  gst_wan_settings_free_key (&s->api_key);
  s->api_key = gst_wan_settings_find_api_key (settings);
  if (s->base_url == NULL)
    s->base_url = g_strdup (wan_provider_default_base_url (s->req.provider));
  /* Only a task id the user set is resumed: one the element created
   * before belongs to the request it was created for. */
  job->task_id = g_strdup (s->task_id);
  job->last_status = STATUS_UNKNOWN;
  job->cancellable = g_cancellable_new ();
  g_mutex_init (&job->lock);
  if (!check_settings (job) || !open_spool (job)) {
    gst_wan_job_free (job);
    return NULL;
  }
  return job;
}

/* ------------------------------------------------------------------ */
/* The journal                                                          */

/* Journaled under the request's digest: only a request the job submits
 * itself; a task-id given by the user is the user's to keep. */
static gboolean
is_journaled (GstWanJob * job)
{
  return job->journal_dir != NULL && job->digest != NULL;
}

/* Records the job's task in the journal, as it stands now. */
static void
journal_write (GstWanJob * job, const gchar * task_id)
{
  GstWanJournalEntry entry = {
    (gchar *) wan_provider_id_to_string (job->settings.req.provider),
    job->settings.base_url, (gchar *) task_id, job->created, job->partial
  };
  GError *error = NULL;

  if (gst_wan_journal_write (job->journal_dir, job->digest, &entry, &error))
    return;
  GST_ELEMENT_WARNING (job->element, RESOURCE, WRITE, ("%s",
          error->message), ("if this run does not finish, resume task %s "
          "with task-id=%s", task_id, task_id));
  g_error_free (error);
}

/* Gives the spool its partial name (LOCATION.part-DIGEST), where a run
 * after a crash finds it; with @resume, continues what is already there.
 * Returns the bytes the spool then holds. */
static guint64
claim_partial (GstWanJob * job, gboolean resume)
{
  guint64 have = 0;

  if (job->partial == NULL)
    return 0;
  if (!gst_wan_spool_use_partial (job->spool, job->partial, resume, &have)) {
    GST_INFO_OBJECT (job->element, "'%s' is in use by another run; the "
        "video is written under a private name", job->partial);
    g_clear_pointer (&job->partial, g_free);
  }
  return have;
}

/* What the element's "task-id" reads back; the caller notifies it. */
static void
store_task_id (GstWanJob * job, const gchar * task_id)
{
  g_mutex_lock (&job->lock);
  g_free (job->task_id);
  job->task_id = g_strdup (task_id);
  g_mutex_unlock (&job->lock);
}

/* A task of this very request that an earlier run paid for and did not
 * deliver (it crashed, or was stopped), or NULL. */
static GstWanJournalEntry *
journal_lookup (GstWanJob * job)
{
  GstWanJournalEntry *entry;
  GError *warning = NULL;

  entry = gst_wan_journal_lookup (job->journal_dir, job->digest,
      wan_provider_id_to_string (job->settings.req.provider),
      job->settings.base_url, &warning);
  if (warning) {
    GST_WARNING_OBJECT (job->element, "%s", warning->message);
    g_error_free (warning);
  }
  if (entry == NULL) {
    /* A new task: its partial file gets its findable name now. */
    claim_partial (job, FALSE);
    return NULL;
  }
  GST_INFO_OBJECT (job->element, "task %s of this request was paid for "
      "and not delivered: resuming it", entry->task_id);
  job->created = entry->created;
  /* Served, not set: like a created id, it is never taken as input. */
  store_task_id (job, entry->task_id);
  g_object_notify (G_OBJECT (job->element), "task-id");
  /* Bytes under another name (another location, or none) are not
   * continued; the entry names the file this run writes instead. */
  if (g_strcmp0 (entry->partial, job->partial) != 0) {
    if (entry->partial)
      gst_wan_journal_remove_partial (entry->partial);
    claim_partial (job, FALSE);
    journal_write (job, entry->task_id);
  }
  return entry;
}

/* The journal after the job: a delivered, failed, cancelled or forgotten
 * task leaves no entry and no partial file; any other end (a stop, a
 * network failure, a timeout) keeps both for the next run. */
static void
journal_settle (GstWanJob * job, const GError * error,
    gboolean cancelled_at_provider)
{
  gboolean gone = error == NULL || cancelled_at_provider
      || g_error_matches (error, WAN_ERROR, WAN_ERROR_TASK_FAILED)
      || g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND);

  if (job->journal_dir == NULL)
    return;
  if (gone && job->digest)
    gst_wan_journal_forget (job->journal_dir, job->digest, FALSE);
  else if (gone && job->settings.task_id)
    gst_wan_journal_forget_task (job->journal_dir, job->settings.task_id);
  else if (!gone && job->partial && error->domain == WAN_ERROR
      && (error->code == WAN_ERROR_CANCELLED
          || error->code == WAN_ERROR_NETWORK
          || error->code == WAN_ERROR_SERVER
          || error->code == WAN_ERROR_RATE_LIMITED
          || error->code == WAN_ERROR_TIMEOUT))
    /* Only bytes the server gave and nothing refused are worth keeping. */
    gst_wan_spool_keep_partial (job->spool, TRUE);
}

/* ------------------------------------------------------------------ */
/* The client's callbacks                                               */

static void
on_task_created (const gchar * task_id, gpointer user_data)
{
  GstWanJob *job = user_data;
  WanTaskState queued = { WAN_TASK_QUEUED, 0, -1, NULL, NULL, NULL, NULL,
    -1
  };

  GST_INFO_OBJECT (job->element, "created task %s", task_id);
  store_task_id (job, task_id);
  job->last_status = WAN_TASK_QUEUED;
  /* Paid from now on: a crash must not mean paying again. */
  if (is_journaled (job)) {
    job->created = g_get_real_time () / G_USEC_PER_SEC;
    journal_write (job, task_id);
  }
  g_object_notify (G_OBJECT (job->element), "task-id");
  gst_wan_post_task (job->element, &job->settings.req, task_id, &queued);
  gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_COMPLETE, "submit",
      -1, "Task %s created", task_id);
  gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_START, "generate",
      0, "Generating %s", task_id);
}

static void
on_state_changed (const gchar * task_id, const WanTaskState * state,
    gpointer user_data)
{
  GstWanJob *job = user_data;
  gchar *percent;

  GST_DEBUG_OBJECT (job->element, "task %s is %s (%d%%)", task_id,
      state->provider_status, state->progress);
  job->last_status = state->status;
  gst_wan_post_task (job->element, &job->settings.req, task_id, state);
  if (state->status == WAN_TASK_SUCCEEDED) {
    job->downloading = TRUE;
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_COMPLETE,
        "generate", 100, "Task %s succeeded", task_id);
  } else if (state->status != WAN_TASK_FAILED) {
    percent = state->progress >= 0 ?
        g_strdup_printf (" %d%%", state->progress) :
        state->queue_position >= 0 ?
        g_strdup_printf (", %d ahead in the queue", state->queue_position) :
        g_strdup ("");
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_CONTINUE,
        "generate", state->progress, "Task %s %s%s", task_id,
        wan_task_status_to_string (state->status), percent);
    g_free (percent);
  }
}

static void
on_download_started (const gchar * url, guint64 content_length,
    gpointer user_data)
{
  GstWanJob *job = user_data;

  job->content_length = content_length;
  if (content_length > 0)
    gst_wan_spool_expect_size (job->spool, content_length);
  gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_START, "download",
      0, "Downloading %" G_GUINT64_FORMAT " bytes", content_length);
}

/* The task succeeded: the bytes a crashed run left of this very task are
 * the start of its video, and only the rest is downloaded. */
static guint64
on_resume_offset (gpointer user_data)
{
  GstWanJob *job = user_data;
  guint64 have = claim_partial (job, TRUE);

  if (have > 0)
    GST_INFO_OBJECT (job->element, "continuing '%s' at byte %"
        G_GUINT64_FORMAT, job->partial, have);
  job->received = have;
  job->last_percent = 0;
  return have;
}

static gboolean
on_data (const guint8 * data, gsize size, gpointer user_data, GError ** error)
{
  GstWanJob *job = user_data;
  gint percent;

  if (!gst_wan_spool_append (job->spool, data, size, error))
    return FALSE;
  job->received += size;
  if (job->content_length == 0)
    return TRUE;
  percent = MIN (100, job->received * 100 / job->content_length);
  if (percent / 10 > job->last_percent / 10) {
    job->last_percent = percent;
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_CONTINUE,
        "download", percent, "Downloaded %d%%", percent);
  }
  return TRUE;
}

static void
post_submitting (GstWanJob * job)
{
  gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_START, "submit", -1,
      "Submitting to %s",
      wan_provider_id_to_string (job->settings.req.provider));
}

/* Local inputs become what the provider takes (uploads or data: URIs)
 * before the request is submitted. */
static void
on_inputs_sending (guint done, guint total, gpointer user_data)
{
  GstWanJob *job = user_data;
  const gchar *provider =
      wan_provider_id_to_string (job->settings.req.provider);

  if (done == 0)
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_START, "upload",
        -1, "Sending local inputs to %s", provider);
  if (done == total) {
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_COMPLETE, "upload",
        -1, "Local inputs sent to %s", provider);
    post_submitting (job);
  }
}

/* ------------------------------------------------------------------ */
/* The job thread                                                       */

/* Submits the request, or resumes @resume_id, and downloads the video. */
static gboolean
run_task (GstWanJob * job, const gchar * resume_id, GError ** error)
{
  const WanTaskCallbacks callbacks = { on_task_created, on_state_changed,
    on_download_started, on_data, on_resume_offset, on_inputs_sending
  };
  WanRunOptions options = { job->settings.timeout,
    job->settings.poll_interval
  };

  if (resume_id)
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_START, "generate",
        -1, "Resuming task %s", resume_id);
  else if (!wan_request_has_local_inputs (&job->settings.req))
    post_submitting (job);
  /* else on_inputs_sending() says so, once the inputs are sent. */
  return wan_job_run (job->request, resume_id, &options, &callbacks, job,
      job->cancellable, error);
}

/* A task from the journal that cannot be resumed: the provider forgot
 * it (or never had it), or refuses this key for it (the key changed since
 * it was paid for).  Either way nothing of it can be delivered now. */
static gboolean
is_stale (GstWanJob * job, const GError * error)
{
  return !job->downloading && error->domain == WAN_ERROR
      && (error->code == WAN_ERROR_NOT_FOUND || error->code == WAN_ERROR_AUTH);
}

/* Submits the request anew instead of the journal's stale task.  Its bytes
 * are not the new task's: the spool takes their name over, empty.  A
 * forgotten task leaves the journal now; a refused one stays until the new
 * task replaces it, in case this key was only refused this once. */
static gboolean
submit_instead (GstWanJob * job, GstWanJournalEntry * entry, GError ** error)
{
  gboolean forgotten = g_error_matches (*error, WAN_ERROR,
      WAN_ERROR_NOT_FOUND);

  GST_WARNING_OBJECT (job->element, "task %s from the journal cannot be "
      "resumed (%s): submitting the request anew", entry->task_id,
      (*error)->message);
  g_clear_error (error);
  claim_partial (job, FALSE);
  if (forgotten)
    gst_wan_journal_forget (job->journal_dir, job->digest, TRUE);
  return run_task (job, NULL, error);
}

/* Resumes the journal's task of this request, else the user's task-id,
 * else submits the request; then the video is complete in the spool. */
static gboolean
run_job (GstWanJob * job, GError ** error)
{
  GstWanJournalEntry *entry = is_journaled (job) ? journal_lookup (job) : NULL;
  gboolean ok;

  ok = run_task (job, entry ? entry->task_id : job->settings.task_id, error);
  if (!ok && entry && is_stale (job, *error))
    ok = submit_instead (job, entry, error);
  gst_wan_journal_entry_free (entry);
  return ok && gst_wan_spool_commit (job->spool, job->content_length, error);
}

/* Without a fixed seed the same request makes another video: serving
 * the old one is only right when the user asks for it.  A task the user
 * named may be any request; one resumed from the journal is this very
 * request. */
static gchar *
cache_dir_for (const GstWanSettings * s)
{
  gboolean cacheable = s->cache_mode == GST_WAN_CACHE_ALWAYS
      || (s->cache_mode == GST_WAN_CACHE_SEEDED && s->req.seed >= 0);

  if (s->task_id || !cacheable)
    return NULL;
  return s->cache_dir ? g_strdup (s->cache_dir) : gst_wan_cache_default_dir ();
}

/* What the request sends, and where, as a digest; NULL when that cannot
 * be known (the job then runs uncached and unjournaled). */
static gchar *
request_digest (GstWanJob * job)
{
  GError *error = NULL;
  gchar *digest = wan_job_digest (job->request, job->cancellable, &error);

  if (error) {
    GST_WARNING_OBJECT (job->element, "no request digest: %s", error->message);
    g_error_free (error);
  }
  return digest;
}

/* Measures local inputs, then looks in the cache; *@cached when the
 * spool was filled from there. */
static gboolean
prepare_job (GstWanJob * job, const gchar * cache_dir, gboolean * cached,
    GError ** error)
{
  const GstWanSettings *s = &job->settings;

  if (s->journal)
    job->journal_dir = s->journal_dir ? g_strdup (s->journal_dir) :
        gst_wan_journal_default_dir ();
  /* A local file the provider would refuse costs nothing: it is
   * measured before the cache is looked in, before any upload. */
  if (s->task_id == NULL && wan_request_has_local_inputs (&s->req)
      && !gst_wan_input_check_local (&s->req, job->cancellable, error))
    return FALSE;
  if (cache_dir || (job->journal_dir && s->task_id == NULL))
    job->digest = request_digest (job);
  if (is_journaled (job) && s->location)
    job->partial = g_strdup_printf ("%s.part-%.16s", s->location, job->digest);
  if (cache_dir && job->digest)
    return gst_wan_cache_load (cache_dir, job->digest, job->spool, cached,
        error);
  return TRUE;
}

/* Copies the finished video into the cache.  This delays EOS by the copy
 * (from the page cache) and its fsync, which is the price of an
 * application hearing about a failed copy while it still listens; stop()
 * cancels the copy between chunks. */
static void
store_in_cache (GstWanJob * job, const gchar * cache_dir)
{
  GError *error = NULL;

  if (gst_wan_cache_store (cache_dir, job->digest, job->spool,
          job->settings.cache_max_size, job->cancellable, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    GST_DEBUG_OBJECT (job->element, "%s", error->message);
  } else {
    /* The video itself is fine; only the copy for next time failed. */
    GST_WARNING_OBJECT (job->element, "%s", error->message);
    GST_ELEMENT_WARNING (job->element, RESOURCE, WRITE, ("%s",
            error->message), ("the video was delivered, but will not be "
            "served from the cache"));
  }
  g_error_free (error);
}

/* The bus hears that the video is complete before downstream can see its
 * end (and post EOS): the spool holds back its end until then. */
static void
deliver (GstWanJob * job, gboolean cached, const gchar * cache_dir)
{
  if (cached) {
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_COMPLETE,
        "download", 100, "Served from the cache, without any API call");
    gst_wan_spool_finish (job->spool);
    return;
  }
  journal_settle (job, NULL, FALSE);
  gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_COMPLETE,
      "download", 100, "Downloaded %" G_GUINT64_FORMAT " bytes", job->received);
  /* Before the finish, so that a failed copy is heard before EOS. */
  if (cache_dir && job->digest)
    store_in_cache (job, cache_dir);
  gst_wan_spool_finish (job->spool);
}

/* cancel-on-stop: the job was stopped before the video was generated.
 * Only a queued task can be cancelled (docs/providers.md §dashscope,
 * "Cancel"); a running one is said to be billed.  Called on the job
 * thread, so stop() waits for it (bounded by the client's short cancel
 * timeout); the job's own cancellable has fired already, hence a fresh
 * one. */
static gboolean
cancel_task (GstWanJob * job, const gchar * task_id)
{
  const gchar *provider =
      wan_provider_id_to_string (job->settings.req.provider);
  GCancellable *cancellable;
  GError *error = NULL;
  gboolean ok;

  if (job->last_status == WAN_TASK_SUCCEEDED
      || job->last_status == WAN_TASK_FAILED)
    return FALSE;
  if (job->last_status == WAN_TASK_RUNNING) {
    GST_ELEMENT_WARNING (job->element, RESOURCE, FAILED,
        ("Task %s is already generating and cannot be cancelled; it will "
            "finish and be billed (resume it with task-id=%s)", task_id,
            task_id), ("%s cancels only queued tasks", provider));
    return FALSE;
  }
  cancellable = g_cancellable_new ();
  ok = wan_client_cancel_task (job->client, task_id, cancellable, &error);
  if (ok) {
    GST_INFO_OBJECT (job->element, "cancelled task %s", task_id);
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_CANCELED,
        "generate", -1, "Task %s cancelled at %s", task_id, provider);
  } else {
    GST_ELEMENT_WARNING (job->element, RESOURCE, FAILED,
        ("Could not cancel task %s: %s", task_id, error->message),
        ("it may still finish and be billed; resume it with task-id=%s",
            task_id));
    g_error_free (error);
  }
  g_object_unref (cancellable);
  return ok;
}

/* A stop, or a failure the application hears about. */
static void
fail (GstWanJob * job, const GError * error)
{
  gchar *task_id = gst_wan_job_dup_task_id (job);
  gboolean cancelled_at_provider = FALSE;

  if (g_error_matches (error, WAN_ERROR, WAN_ERROR_CANCELLED)) {
    GST_DEBUG_OBJECT (job->element, "job cancelled: %s", error->message);
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_CANCELED,
        "generate", -1, "Cancelled");
    if (job->settings.cancel_on_stop && task_id)
      cancelled_at_provider = cancel_task (job, task_id);
  } else {
    GST_WARNING_OBJECT (job->element, "job failed: %s", error->message);
    gst_wan_post_error (job->element, job->settings.req.provider, error,
        task_id, job->downloading);
    gst_wan_post_progress (job->element, GST_PROGRESS_TYPE_ERROR,
        job->downloading ? "download" : "generate", -1, "%s", error->message);
  }
  journal_settle (job, error, cancelled_at_provider);
  /* Only now wake the reader: its flow error must not reach the bus
   * before the error that says what went wrong. */
  gst_wan_spool_abort (job->spool);
  g_free (task_id);
}

static gpointer
job_thread (gpointer data)
{
  GstWanJob *job = data;
  gchar *cache_dir = cache_dir_for (&job->settings);
  gboolean cached = FALSE;
  GError *error = NULL;

  if (prepare_job (job, cache_dir, &cached, &error)
      && (cached || run_job (job, &error)))
    deliver (job, cached, cache_dir);
  else
    fail (job, error);
  g_clear_error (&error);
  g_free (cache_dir);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* The element's side                                                   */

void
gst_wan_job_launch (GstWanJob * job)
{
  if (job->thread == NULL && !g_cancellable_is_cancelled (job->cancellable))
    job->thread = g_thread_new ("wanvideosrc-job", job_thread, job);
}

void
gst_wan_job_stop (GstWanJob * job)
{
  /* Cancelling wakes any transfer or wait in the job at once. */
  g_cancellable_cancel (job->cancellable);
  if (job->thread)
    g_thread_join (job->thread);
  job->thread = NULL;
}

void
gst_wan_job_free (GstWanJob * job)
{
  gst_wan_job_stop (job);
  /* A query on another thread may still hold a reference: the file goes
   * with the last one. */
  if (job->spool)
    gst_wan_spool_unref (job->spool);
  wan_job_free (job->request);
  if (job->client)
    wan_client_free (job->client);
  g_object_unref (job->cancellable);
  gst_wan_settings_clear (&job->settings);
  g_free (job->task_id);
  g_free (job->journal_dir);
  g_free (job->digest);
  g_free (job->partial);
  g_mutex_clear (&job->lock);
  g_free (job);
}

GstWanSpool *
gst_wan_job_get_spool (GstWanJob * job)
{
  return job->spool;
}

const WanRequest *
gst_wan_job_get_request (GstWanJob * job)
{
  return &job->settings.req;
}

gchar *
gst_wan_job_dup_task_id (GstWanJob * job)
{
  gchar *task_id;

  g_mutex_lock (&job->lock);
  task_id = g_strdup (job->task_id);
  g_mutex_unlock (&job->lock);
  return task_id;
}
