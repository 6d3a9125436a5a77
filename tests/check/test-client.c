/* gst-wan: the client library alone, as an application without a
 * pipeline uses it, against the in-process simulator. */

#include <gst/check/gstcheck.h>
#include <glib/gstdio.h>
#include "wan-sim-client.h"
#include "wan-transfer.h"
#include "run-util.h"
#include "client-record.h"

static WanRequest *
t2v_request (WanProviderId provider, const gchar * prompt)
{
  WanRequest *req = g_new0 (WanRequest, 1);

  wan_request_init (req);
  req->provider = provider;
  req->prompt = g_strdup (prompt);
  req->resolution = WAN_RESOLUTION_720P;
  return req;
}

static void
request_free (WanRequest * req)
{
  wan_request_clear (req);
  g_free (req);
}

GST_START_TEST (test_run_whole_task)
{
  WanClient *client = wan_sim_client_new (sim, "toapis", WAN_SIM_DEFAULT_KEY);
  WanRequest *req = t2v_request (WAN_PROVIDER_TOAPIS, "client only");
  WanRunOptions options = { 60, 100 };
  GError *error = NULL;
  Record r;
  gchar *path, *expected;
  gsize len;

  record_init (&r);
  fail_unless (wan_client_run (client, req, NULL, &options, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  fail_unless_equals_int (r.n_created, 1);
  path = wan_sim_get_video_path (sim, r.created);
  fail_unless (g_file_get_contents (path, &expected, &len, NULL));
  fail_unless_equals_uint64 (r.announced, len);
  fail_unless_equals_uint64 (r.video->len, len);
  fail_unless (memcmp (r.video->data, expected, len) == 0);
  fail_unless (r.statuses->len >= 2);
  fail_unless_equals_string (g_ptr_array_index (r.statuses,
          r.statuses->len - 1), "succeeded");

  g_free (expected);
  g_free (path);
  record_clear (&r);
  request_free (req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_polls_ride_out_transient_errors)
{
  WanClient *client = wan_sim_client_new (sim, "evolink", WAN_SIM_DEFAULT_KEY);
  WanRequest *req = t2v_request (WAN_PROVIDER_EVOLINK, "flaky status");
  WanRunOptions options = { 60, 50 };
  GError *error = NULL;
  Record r;

  record_init (&r);
  wan_sim_inject (sim, "status", 503, 3);
  fail_unless (wan_client_run (client, req, NULL, &options, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  fail_unless (wan_sim_count (sim, "status") >= 4);
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  fail_unless (r.video->len > 0);
  record_clear (&r);
  request_free (req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_submit_errors)
{
  static const struct
  {
    const gchar *provider;
    guint status;
    WanErrorCode code;
  } cases[] = {
    {"dashscope", 429, WAN_ERROR_RATE_LIMITED},
    {"toapis", 402, WAN_ERROR_QUOTA},
    {"evolink", 503, WAN_ERROR_SERVER},
    {"aimlapi", 500, WAN_ERROR_SERVER},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    WanClient *client =
        wan_sim_client_new (sim, cases[i].provider, WAN_SIM_DEFAULT_KEY);
    WanRequest req;
    GError *error = NULL;
    gchar *id;

    wan_request_init (&req);
    fail_unless (wan_provider_id_from_string (cases[i].provider,
            &req.provider));
    req.prompt = g_strdup ("p");
    req.image_uri = g_strdup ("https://img.example/x.png");
    wan_client_set_retries (client, 0, 1);
    wan_sim_inject (sim, "create", cases[i].status, 1);
    id = wan_client_submit (client, &req, NULL, &error);
    fail_unless (id == NULL);
    fail_unless (g_error_matches (error, WAN_ERROR, cases[i].code), "%s: %s",
        cases[i].provider, error->message);
    fail_unless_equals_int (wan_error_get_http_status (error), cases[i].status);
    g_error_free (error);
    wan_request_clear (&req);
    wan_client_free (client);
  }
}

GST_END_TEST;

GST_START_TEST (test_unreachable_api)
{
  gchar *url = wan_sim_unused_url ();
  WanRequest *req = t2v_request (WAN_PROVIDER_DASHSCOPE, "nobody home");
  WanClient *client;
  GError *error = NULL;

  fail_unless (url != NULL);
  client = wan_client_new (WAN_PROVIDER_DASHSCOPE, url, "k");
  wan_client_set_retries (client, 2, 1);
  fail_if (wan_client_submit (client, req, NULL, &error) != NULL);
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NETWORK));
  /* Nothing reached any server, so it was safe to try again, and there is
   * no paid task to warn about. */
  fail_unless (g_str_has_prefix (error->message, "after 3 attempts: "), "%s",
      error->message);
  fail_if (strstr (error->message, "may or may not"), "%s", error->message);

  g_error_free (error);
  wan_client_free (client);
  request_free (req);
  g_free (url);
}

GST_END_TEST;

/* A cancel whose request fails (refused, answered with an error) frees
 * its transfer all the same: element after element cancels through one
 * client per job, and each leaked curl handle is about 5 KB. */
GST_START_TEST (test_failed_cancel_frees_its_transfer)
{
  gchar *url = wan_sim_unused_url ();
  gchar *base = wan_sim_get_base_url (sim, "dashscope");
  WanClient *refused, *answered;
  GError *error = NULL;

  fail_unless (url != NULL);
  refused = wan_client_new (WAN_PROVIDER_DASHSCOPE, url, "k");
  fail_if (wan_client_cancel_task (refused, "no-such-task", NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NETWORK), "%s",
      error->message);
  fail_unless_equals_int (refused->live_transfers, 0);
  g_clear_error (&error);

  answered = wan_client_new (WAN_PROVIDER_DASHSCOPE, base, WAN_SIM_DEFAULT_KEY);
  fail_if (wan_client_cancel_task (answered, "no-such-task", NULL, &error));
  fail_unless (error != NULL && wan_error_get_http_status (error) >= 400);
  fail_unless_equals_int (answered->live_transfers, 0);

  g_error_free (error);
  wan_client_free (answered);
  wan_client_free (refused);
  g_free (base);
  g_free (url);
}

GST_END_TEST;

typedef struct
{
  WanClient *client;
  WanRequest *req;
  GCancellable *cancellable;
  GError *error;
  gboolean ok;
} Background;

static gpointer
run_in_background (gpointer data)
{
  Background *b = data;
  WanRunOptions options = { 0, 50 };
  Record r;

  record_init (&r);
  b->ok =
      wan_client_run (b->client, b->req, NULL, &options, &record_callbacks, &r,
      b->cancellable, &b->error);
  record_clear (&r);
  return NULL;
}

GST_START_TEST (test_cancel_while_polling)
{
  Background b = { 0, };
  GThread *thread;

  b.client = wan_sim_client_new (sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  b.req = t2v_request (WAN_PROVIDER_DASHSCOPE, "[never] wait for me");
  b.cancellable = g_cancellable_new ();
  thread = g_thread_new ("run", run_in_background, &b);
  while (wan_sim_count (sim, "status") < 2)
    g_usleep (10 * 1000);
  g_cancellable_cancel (b.cancellable);
  g_thread_join (thread);
  fail_if (b.ok);
  fail_unless (g_error_matches (b.error, WAN_ERROR, WAN_ERROR_CANCELLED),
      "%s", b.error->message);

  g_error_free (b.error);
  g_object_unref (b.cancellable);
  request_free (b.req);
  wan_client_free (b.client);
}

GST_END_TEST;

typedef struct
{
  GCancellable *cancellable;
  guint calls;
} CancelOnData;

static gboolean
cancel_on_first_data (const guint8 * bytes, gsize size, gpointer data,
    GError ** error)
{
  CancelOnData *c = data;

  c->calls++;
  g_cancellable_cancel (c->cancellable);
  return TRUE;
}

/* On a fast link curl reads buffer after buffer within one call; a cancel
 * must still stop the data at once, not after the next few megabytes. */
GST_START_TEST (test_cancel_stops_data_at_once)
{
  gchar *dir = g_dir_make_tmp ("wan-client-XXXXXX", NULL);
  gchar *path = g_build_filename (dir, "big.mp4", NULL);
  gchar *bytes = g_malloc0 (32 * 1024 * 1024);
  WanClient *client;
  CancelOnData c = { g_cancellable_new (), 0 };
  WanTaskState state;
  gchar *task_id;
  GError *error = NULL;

  fail_unless (g_file_set_contents (path, bytes, 32 * 1024 * 1024, NULL));
  task_id = wan_sim_add_finished_task (sim, "dashscope", path);
  client = wan_sim_client_new (sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  fail_unless (wan_client_get_task (client, task_id, &state, NULL, NULL));
  fail_if (wan_client_download (client, state.video_url,
          cancel_on_first_data, &c, NULL, c.cancellable, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_CANCELLED),
      "%s", error->message);
  fail_unless_equals_int (c.calls, 1);

  g_error_free (error);
  wan_task_state_clear (&state);
  wan_client_free (client);
  g_object_unref (c.cancellable);
  g_free (task_id);
  g_unlink (path);
  g_rmdir (dir);
  g_free (bytes);
  g_free (path);
  g_free (dir);
}

GST_END_TEST;

GST_START_TEST (test_download_refused)
{
  WanClient *client = wan_sim_client_new (sim, "aimlapi", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  WanRunOptions options = { 60, 50 };
  GError *error = NULL;
  Record r;

  wan_request_init (&req);
  req.provider = WAN_PROVIDER_AIMLAPI;
  req.prompt = g_strdup ("gone");
  req.image_uri = g_strdup ("https://img.example/x.png");
  req.duration = 5;
  record_init (&r);
  /* The first refusal asks for a fresh URL; the second one is final. */
  wan_sim_inject (sim, "download", 404, 2);
  fail_if (wan_client_run (client, &req, NULL, &options, &record_callbacks, &r,
          NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND),
      "%s", error->message);
  fail_unless (strstr (error->message, "HTTP 404") != NULL, "%s",
      error->message);
  g_error_free (error);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;


GST_START_TEST (test_create_retried_when_refused)
{
  WanClient *client = wan_sim_client_new (sim, "toapis", WAN_SIM_DEFAULT_KEY);
  WanRequest *req = t2v_request (WAN_PROVIDER_TOAPIS, "busy provider");
  GError *error = NULL;
  gchar *id, *last;

  /* 429 and 503 are explicit refusals: no task exists, retrying is safe.
   * Retry-After: 0 keeps the test quick. */
  wan_sim_set_retry_after (sim, 0);
  wan_sim_inject (sim, "create", 429, 1);
  wan_sim_inject (sim, "create", 503, 1);
  id = wan_client_submit (client, req, NULL, &error);
  fail_unless (id != NULL, "%s", error ? error->message : "");
  fail_unless_equals_int (wan_sim_count (sim, "create"), 3);
  last = wan_sim_last_task_id (sim);
  fail_unless_equals_string (id, last);
  fail_unless_equals_string (id, "sim-toapis-0001");    /* just one task */
  g_free (last);
  g_free (id);
  request_free (req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_retries_give_up)
{
  WanClient *client =
      wan_sim_client_new (sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  WanRequest *req = t2v_request (WAN_PROVIDER_DASHSCOPE, "always busy");
  GError *error = NULL;

  /* No Retry-After: exponential backoff from 5 ms. */
  wan_client_set_retries (client, 3, 5);
  wan_sim_inject (sim, "create", 429, 10);
  fail_if (wan_client_submit (client, req, NULL, &error) != NULL);
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_RATE_LIMITED));
  fail_unless_equals_int (wan_sim_count (sim, "create"), 4);
  g_error_free (error);
  request_free (req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_lost_answer_not_resent)
{
  WanClient *client = wan_sim_client_new (sim, "evolink", WAN_SIM_DEFAULT_KEY);
  WanRequest *req = t2v_request (WAN_PROVIDER_EVOLINK, "lost answer");
  GError *error = NULL;
  gchar *task;

  wan_sim_inject (sim, "create", WAN_SIM_DROP, 1);
  fail_if (wan_client_submit (client, req, NULL, &error) != NULL);
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NETWORK));
  fail_unless (strstr (error->message, "may or may not have created a task"),
      "%s", error->message);
  /* The provider did create (and bill) a task; it was not asked twice. */
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  task = wan_sim_last_task_id (sim);
  fail_unless (task != NULL);
  g_free (task);
  g_error_free (error);
  request_free (req);
  wan_client_free (client);
}

GST_END_TEST;

static void
check_download_faults (guint first, guint second, guint requests,
    const gchar * range)
{
  WanClient *client =
      wan_sim_client_new (sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  WanRequest *req = t2v_request (WAN_PROVIDER_DASHSCOPE, "cut me");
  WanRunOptions options = { 60, 50 };
  GError *error = NULL;
  Record r;
  gchar *path, *expected, *header;
  gsize len;

  wan_client_set_retries (client, 5, 5);
  record_init (&r);
  wan_sim_inject (sim, "download", first, 1);
  wan_sim_inject (sim, "download", second, 1);
  fail_unless (wan_client_run (client, req, NULL, &options, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  fail_unless_equals_int (wan_sim_count (sim, "download"), requests);
  header = wan_sim_last_header (sim, "download", "Range");
  fail_unless (header != NULL && g_str_has_prefix (header, range), "%s",
      header);
  path = wan_sim_get_video_path (sim, r.created);
  fail_unless (g_file_get_contents (path, &expected, &len, NULL));
  fail_unless_equals_uint64 (r.video->len, len);
  fail_unless (memcmp (r.video->data, expected, len) == 0);
  g_free (header);
  g_free (expected);
  g_free (path);
  record_clear (&r);
  request_free (req);
  wan_client_free (client);
}

GST_START_TEST (test_download_resumes_with_range)
{
  check_download_faults (WAN_SIM_CUT, WAN_SIM_CUT, 3, "bytes=");
}

GST_END_TEST;

GST_START_TEST (test_download_server_ignores_range)
{
  /* The second answer is the whole file again: the bytes already
   * delivered are skipped, not repeated. */
  check_download_faults (WAN_SIM_CUT, WAN_SIM_NO_RANGE, 2, "bytes=");
}

GST_END_TEST;

/* A Content-Range with "*" for the size: the answer still starts where
 * it says, and its length is the part's, not the file's. */
GST_START_TEST (test_download_resumed_without_total)
{
  check_download_faults (WAN_SIM_CUT, WAN_SIM_SIZE_UNKNOWN, 2, "bytes=");
}

GST_END_TEST;

GST_START_TEST (test_download_resumed_chunked_without_total)
{
  check_download_faults (WAN_SIM_CUT, WAN_SIM_SIZE_UNKNOWN_CHUNKED, 2,
      "bytes=");
}

GST_END_TEST;

/* Holds the first half of an earlier download of the same task, as a
 * crashed run leaves it: the run asks for the rest with a Range. */
static guint64
on_resume_half (gpointer data)
{
  return ((Record *) data)->video->len;
}

static const WanTaskCallbacks resume_callbacks = { record_on_created,
  record_on_state, record_on_download, record_on_data, on_resume_half
};

/* Runs a task to the end, then resumes its download from the middle with
 * @fault on the first answer; returns the error or NULL, and checks the
 * bytes when it succeeded.  @requests: download requests of the resume. */
static GError *
resume_half_with_fault (guint fault, guint requests)
{
  WanClient *client =
      wan_sim_client_new (sim, "dashscope", WAN_SIM_DEFAULT_KEY);
  WanRequest *req = t2v_request (WAN_PROVIDER_DASHSCOPE, "resume me");
  WanRunOptions options = { 60, 50 };
  GError *error = NULL;
  Record whole, r;
  guint before;

  wan_client_set_retries (client, 2, 5);
  record_init (&whole);
  fail_unless (wan_client_run (client, req, NULL, &options, &record_callbacks,
          &whole, NULL, NULL));
  record_init (&r);
  g_byte_array_append (r.video, whole.video->data, whole.video->len / 2);
  before = wan_sim_count (sim, "download");
  wan_sim_inject (sim, "download", fault, 1);
  if (wan_client_run (client, req, whole.created, &options,
          &resume_callbacks, &r, NULL, &error)) {
    fail_unless_equals_uint64 (r.video->len, whole.video->len);
    fail_unless (memcmp (r.video->data, whole.video->data,
            whole.video->len) == 0);
  }
  fail_unless_equals_int (wan_sim_count (sim, "download") - before, requests);
  record_clear (&whole);
  record_clear (&r);
  request_free (req);
  wan_client_free (client);
  return error;
}

/* A server may answer "bytes=N-" with fewer bytes than the rest, and say
 * "*" for the size: that part is not the whole file.  The next part is
 * asked for, and the video is whole. */
GST_START_TEST (test_download_short_part_without_total)
{
  GError *error = resume_half_with_fault (WAN_SIM_SHORT_RANGE, 2);

  fail_if (error, "%s", error ? error->message : "");
}

GST_END_TEST;

/* A part without a size that does run to the end: the next request is
 * answered 416 (nothing from there on), which completes the file. */
GST_START_TEST (test_download_end_confirmed_by_416)
{
  GError *error = resume_half_with_fault (WAN_SIM_SIZE_UNKNOWN_CHUNKED, 2);

  fail_if (error, "%s", error ? error->message : "");
}

GST_END_TEST;

/* A Content-Range ending at 2^63-1 is no range at all: refused, never
 * taken for a file of that size. */
GST_START_TEST (test_download_nonsense_range_refused)
{
  GError *error = resume_half_with_fault (WAN_SIM_BAD_RANGE, 1);

  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_PROTOCOL), "%s",
      error ? error->message : "succeeded");
  fail_unless (strstr (error->message, "Content-Range"), "%s", error->message);
  g_error_free (error);
}

GST_END_TEST;

GST_START_TEST (test_expired_url_refreshed)
{
  WanClient *client = wan_sim_client_new (sim, "toapis", WAN_SIM_DEFAULT_KEY);
  WanRequest *req = t2v_request (WAN_PROVIDER_TOAPIS, "expired link");
  WanRunOptions options = { 60, 50 };
  GError *error = NULL;
  Record r;
  guint polls;

  record_init (&r);
  wan_sim_inject (sim, "download", 403, 1);
  fail_unless (wan_client_run (client, req, NULL, &options, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  polls = wan_sim_count (sim, "status");
  fail_unless (r.video->len > 0);
  fail_unless_equals_int (wan_sim_count (sim, "download"), 2);
  /* The fresh URL came from one more status request after completion. */
  fail_unless (polls >= 2);
  record_clear (&r);
  request_free (req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_base_url_check)
{
  static const struct
  {
    const gchar *url;
    gboolean insecure, ok;
  } cases[] = {
    {"https://dashscope-intl.aliyuncs.com", FALSE, TRUE},
    {"http://127.0.0.1:8080/toapis", FALSE, TRUE},
    {"http://localhost:8080", FALSE, TRUE},
    {"http://[::1]:8080", FALSE, TRUE},
    {"http://api.example.com", FALSE, FALSE},
    {"http://api.example.com", TRUE, TRUE},
    {"http://10.1.2.3", FALSE, FALSE},
    {"ftp://api.example.com", TRUE, FALSE},
    {"not a url", FALSE, FALSE},
    {"https://", FALSE, FALSE},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    GError *error = NULL;
    gboolean ok = wan_check_base_url (cases[i].url, cases[i].insecure,
        &error);

    fail_unless_equals_int (ok, cases[i].ok);
    fail_unless (ok || g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID),
        "%s", cases[i].url);
    g_clear_error (&error);
  }
}

GST_END_TEST;

/* A task handle's status URL (what fal-like providers answer a create
 * with) is polled instead of the provider's path for the id; one outside
 * base-url is refused before the key goes anywhere. */
GST_START_TEST (test_handle_status_url)
{
  WanClient *client = wan_sim_client_new (sim, "toapis", WAN_SIM_DEFAULT_KEY);
  WanRequest *req = t2v_request (WAN_PROVIDER_TOAPIS, "handle");
  WanRunOptions options = { 60, 100 };
  const gchar *outside[] = { "https://elsewhere.invalid/v1/x", "%s.evil/x",
    "%sx/y"
  };
  WanTaskHandle handle = { NULL, };
  WanTaskState state;
  GError *error = NULL;
  guint i, polls;
  Record r;

  record_init (&r);
  fail_unless (wan_client_run (client, req, NULL, &options, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  handle.id = g_strdup ("not-a-task");
  handle.status_url = g_strdup_printf ("%s/v1/videos/generations/%s",
      client->base_url, r.created);
  fail_unless (wan_client_poll (client, &handle, &state, NULL, &error), "%s",
      error ? error->message : "");
  fail_unless_equals_int (state.status, WAN_TASK_SUCCEEDED);
  wan_task_state_clear (&state);

  polls = wan_sim_count (sim, "status");
  for (i = 0; i < G_N_ELEMENTS (outside); i++) {
    g_free (handle.status_url);
    handle.status_url = g_strdup_printf (outside[i], client->base_url);
    fail_if (wan_client_poll (client, &handle, &state, NULL, &error));
    fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_PROTOCOL));
    fail_unless (strstr (error->message, "outside base-url") != NULL, "%s",
        error->message);
    g_clear_error (&error);
  }
  fail_unless_equals_int (wan_sim_count (sim, "status"), polls);
  fail_unless_equals_int (client->live_transfers, 0);

  wan_task_handle_clear (&handle);
  record_clear (&r);
  request_free (req);
  wan_client_free (client);
}

GST_END_TEST;

static Suite *
client_suite (void)
{
  Suite *s = suite_create ("client");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_test (tc, test_run_whole_task);
  tcase_add_test (tc, test_polls_ride_out_transient_errors);
  tcase_add_test (tc, test_submit_errors);
  tcase_add_test (tc, test_unreachable_api);
  tcase_add_test (tc, test_failed_cancel_frees_its_transfer);
  tcase_add_test (tc, test_cancel_while_polling);
  tcase_add_test (tc, test_cancel_stops_data_at_once);
  tcase_add_test (tc, test_download_refused);
  tcase_add_test (tc, test_create_retried_when_refused);
  tcase_add_test (tc, test_retries_give_up);
  tcase_add_test (tc, test_lost_answer_not_resent);
  tcase_add_test (tc, test_download_resumes_with_range);
  tcase_add_test (tc, test_download_server_ignores_range);
  tcase_add_test (tc, test_download_resumed_without_total);
  tcase_add_test (tc, test_download_resumed_chunked_without_total);
  tcase_add_test (tc, test_download_short_part_without_total);
  tcase_add_test (tc, test_download_end_confirmed_by_416);
  tcase_add_test (tc, test_download_nonsense_range_refused);
  tcase_add_test (tc, test_expired_url_refreshed);
  tcase_add_test (tc, test_base_url_check);
  tcase_add_test (tc, test_handle_status_url);
  return s;
}

GST_CHECK_MAIN (client);
