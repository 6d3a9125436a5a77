/* gst-wan: the hosted providers whose answers carry the task's URLs
 * (fal, Replicate, OpenRouter), through the client library against the
 * in-process simulator: the request on the wire, every status, failures,
 * a refused key, an unknown task, resuming by task id and cancelling. */

#include <gst/check/gstcheck.h>
#include <glib/gstdio.h>
#include "wan-sim-client.h"
#include "wan-client-private.h"
#include "run-util.h"
#include "client-record.h"

/* The simulator's own id of a task the client knows by @task_id: fal's
 * tasks are known by their path "owner/app/requests/ID". */
static const gchar *
sim_id (const gchar * task_id)
{
  const gchar *slash = strrchr (task_id, '/');

  return slash ? slash + 1 : task_id;
}

/* The video the client received is the file the simulator rendered. */
static void
assert_video (Record * r, const gchar * task_id)
{
  gchar *path = wan_sim_get_video_path (sim, sim_id (task_id)), *expected;
  gsize len;

  fail_unless (path != NULL);
  fail_unless (g_file_get_contents (path, &expected, &len, NULL));
  fail_unless_equals_uint64 (r->video->len, len);
  fail_unless (memcmp (r->video->data, expected, len) == 0);
  g_free (expected);
  g_free (path);
}

static void
assert_json (JsonNode * got, const gchar * want)
{
  JsonNode *expected = json_from_string (want, NULL);
  gchar *text = json_to_string (got, FALSE);

  fail_unless (expected != NULL);
  fail_unless (json_node_equal (got, expected), "\n got %s\nwant %s", text,
      want);
  json_node_unref (expected);
  g_free (text);
}

static void
assert_header (const gchar * endpoint, const gchar * name, const gchar * value)
{
  gchar *got = wan_sim_last_header (sim, endpoint, name);

  fail_unless_equals_string (got, value);
  g_free (got);
}

static WanRunOptions quick = { 60, 50 };

/* Runs @req to its end against @provider's dialect and checks the wire:
 * the create path, the body, the provider's @word among the states and
 * the video.  Clears @req. */
static void
assert_run (const gchar * provider, WanRequest * req, const gchar * path,
    const gchar * body, const gchar * word)
{
  WanClient *client = wan_sim_client_new (sim, provider, WAN_SIM_DEFAULT_KEY);
  GError *error = NULL;
  JsonNode *sent;
  gchar *sent_path;
  Record r;

  record_init (&r);
  fail_unless (wan_client_run (client, req, NULL, &quick, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  sent_path = wan_sim_last_create_path (sim);
  fail_unless_equals_string (sent_path, path);
  sent = wan_sim_last_create_body (sim);
  assert_json (sent, body);
  fail_unless (record_saw_word (&r, word), "no state said %s", word);
  assert_video (&r, r.created);
  g_free (sent_path);
  json_node_unref (sent);
  record_clear (&r);
  wan_request_clear (req);
  wan_client_free (client);
}

/* A text-to-video request for model-family=wan2.7. */
static void
wan27_t2v (WanRequest * req, WanProviderId provider, const gchar * prompt,
    WanAspectRatio aspect_ratio, guint duration)
{
  wan_request_init (req);
  req->provider = provider;
  req->family = WAN_FAMILY_2_7;
  req->prompt = g_strdup (prompt);
  req->aspect_ratio = aspect_ratio;
  req->duration = duration;
}

/* --- fal ------------------------------------------------------------ */

static void
fal_t2v (WanRequest * req, const gchar * prompt)
{
  wan_request_init (req);
  req->provider = WAN_PROVIDER_FAL;
  req->prompt = g_strdup (prompt);
  req->resolution = WAN_RESOLUTION_720P;
  req->aspect_ratio = WAN_ASPECT_9_16;
  req->duration = 5;
  req->seed = 7;
  req->prompt_extend = FALSE;
  req->shot_type = WAN_SHOT_SINGLE;
  req->negative_prompt = g_strdup ("blur");
}

GST_START_TEST (test_fal_t2v)
{
  WanClient *client = wan_sim_client_new (sim, "fal", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  JsonNode *body;
  gchar *path, *want_id;
  Record r;

  fal_t2v (&req, "a fal kite");
  record_init (&r);
  fail_unless (wan_client_run (client, &req, NULL, &quick, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  /* The model is the path; the body is the model's own input. */
  path = wan_sim_last_create_path (sim);
  fail_unless_equals_string (path, "/wan/v2.6/text-to-video");
  body = wan_sim_last_create_body (sim);
  assert_json (body, "{\"prompt\":\"a fal kite\",\"negative_prompt\":"
      "\"blur\",\"resolution\":\"720p\",\"aspect_ratio\":\"9:16\","
      "\"duration\":\"5\",\"enable_prompt_expansion\":false,"
      "\"multi_shots\":false,\"seed\":7}");
  /* fal's scheme on every call, never a bearer token. */
  assert_header ("create", "Authorization", "Key sim-key");
  assert_header ("status", "Authorization", "Key sim-key");
  assert_header ("result", "Authorization", "Key sim-key");
  /* Known by its request path under the model's owner/app, so that the
   * id alone resumes it. */
  want_id = g_strdup_printf ("wan/v2.6/requests/%s",
      wan_sim_last_task_id (sim));
  fail_unless_equals_string (r.created, want_id);
  fail_unless (record_saw_word (&r, "COMPLETED"));
  /* One result request: the video URL is only there. */
  fail_unless_equals_int (wan_sim_count (sim, "result"), 1);
  assert_video (&r, r.created);

  g_free (want_id);
  g_free (path);
  json_node_unref (body);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

/* A Wan 2.7 endpoint named with model=: its own limits and layout, and
 * its task URLs under "fal-ai/wan". */
GST_START_TEST (test_fal_27_i2v)
{
  WanClient *client = wan_sim_client_new (sim, "fal", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  JsonNode *body;
  Record r;

  wan_request_init (&req);
  req.provider = WAN_PROVIDER_FAL;
  req.model = g_strdup ("fal-ai/wan/v2.7/image-to-video");
  req.image_uri = g_strdup ("https://img.example/kite.png");
  req.duration = 7;
  record_init (&r);
  fail_unless (wan_client_run (client, &req, NULL, &quick, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  body = wan_sim_last_create_body (sim);
  assert_json (body, "{\"image_url\":\"https://img.example/kite.png\","
      "\"duration\":7}");
  fail_unless (g_str_has_prefix (r.created, "fal-ai/wan/requests/"), "%s",
      r.created);
  assert_video (&r, r.created);
  json_node_unref (body);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

/* A local image goes to fal's storage: a token from the API (with the
 * key), then the bytes with that token, never the key. */
GST_START_TEST (test_fal_local_image_uploaded)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
    0x90, 0x77, 0x53, 0xde
  };
  WanClient *client = wan_sim_client_new (sim, "fal", WAN_SIM_DEFAULT_KEY);
  gchar *dir = g_dir_make_tmp ("test-hosted-XXXXXX", NULL);
  gchar *image = g_build_filename (dir, "first.png", NULL), *stored, *sent;
  gchar *contents;
  gsize len;
  WanRequest req;
  GError *error = NULL;
  JsonNode *body;
  Record r;

  fail_unless (g_file_set_contents (image, (const gchar *) png, sizeof png,
          NULL));
  wan_request_init (&req);
  req.provider = WAN_PROVIDER_FAL;
  req.prompt = g_strdup ("a kite from disk");
  req.image_uri = g_strdup (image);
  record_init (&r);
  fail_unless (wan_client_run (client, &req, NULL, &quick, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  /* The token request, then the upload: two calls to the storage. */
  fail_unless_equals_int (wan_sim_count (sim, "upload"), 2);
  assert_header ("upload", "Authorization", "Bearer sim-upload-token");
  assert_header ("upload", "Content-Type", "image/png");
  stored = wan_sim_last_upload_path (sim);
  fail_unless (g_file_get_contents (stored, &contents, &len, NULL));
  fail_unless_equals_uint64 (len, sizeof png);
  fail_unless (memcmp (contents, png, len) == 0);
  /* The model got the storage's URL of the file. */
  body = wan_sim_last_create_body (sim);
  sent = g_path_get_basename (json_object_get_string_member
      (json_node_get_object (body), "image_url"));
  fail_unless (g_str_has_suffix (stored, sent), "%s", sent);
  assert_video (&r, r.created);

  g_free (sent);
  json_node_unref (body);
  g_free (contents);
  g_unlink (stored);
  g_free (stored);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
  g_unlink (image);
  g_rmdir (dir);
  g_free (image);
  g_free (dir);
}

GST_END_TEST;

GST_START_TEST (test_fal_failure_on_result)
{
  WanClient *client = wan_sim_client_new (sim, "fal", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  Record r;

  fal_t2v (&req, "a kite [fail]");
  record_init (&r);
  fail_if (wan_client_run (client, &req, NULL, &quick, &record_callbacks, &r,
          NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_TASK_FAILED), "%s",
      error->message);
  /* fal's own message, with the field it names and its type. */
  fail_unless (strstr (error->message, "simulated generation failure") &&
      strstr (error->message, "(parameter prompt)"), "%s", error->message);
  fail_unless_equals_string (wan_error_get_provider_code (error),
      "content_policy_violation");
  fail_unless_equals_int (r.video->len, 0);
  g_error_free (error);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

/* The official client also reads a failure from the status answer. */
GST_START_TEST (test_fal_failure_on_status)
{
  WanClient *client = wan_sim_client_new (sim, "fal", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  Record r;

  wan_sim_set_variant (sim, TRUE);
  fal_t2v (&req, "a kite [fail]");
  record_init (&r);
  fail_if (wan_client_run (client, &req, NULL, &quick, &record_callbacks, &r,
          NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_TASK_FAILED), "%s",
      error->message);
  fail_unless_equals_string (wan_error_get_provider_code (error),
      "generation_error");
  /* Nothing to fetch once the status says it failed. */
  fail_unless_equals_int (wan_sim_count (sim, "result"), 0);
  g_error_free (error);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_fal_key_refused)
{
  WanClient *client = wan_sim_client_new (sim, "fal", "wrong");
  WanRequest req;
  GError *error = NULL;

  fal_t2v (&req, "a kite");
  fail_if (wan_client_submit (client, &req, NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_AUTH), "%s",
      error->message);
  fail_unless_equals_string (error->message, "Invalid API-key provided.");
  g_error_free (error);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_fal_unknown_task)
{
  WanClient *client = wan_sim_client_new (sim, "fal", WAN_SIM_DEFAULT_KEY);
  const gchar *ids[] = { "../../etc/requests/x", "sim-fal-0001", "" };
  WanTaskState state;
  GError *error = NULL;
  guint i;

  fail_if (wan_client_get_task (client, "wan/v2.6/requests/nope", &state,
          NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND),
      "%s", error->message);
  g_clear_error (&error);
  /* What cannot be a fal task id is refused before any request. */
  for (i = 0; i < G_N_ELEMENTS (ids); i++) {
    fail_if (wan_client_get_task (client, ids[i], &state, NULL, &error));
    fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID),
        "%s: %s", ids[i], error->message);
    fail_unless (strstr (error->message, "not a fal task id") != NULL, "%s",
        error->message);
    g_clear_error (&error);
    fail_if (wan_client_cancel_task (client, ids[i], NULL, &error));
    fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_INVALID));
    g_clear_error (&error);
  }
  fail_unless_equals_int (wan_sim_count (sim, "status"), 1);
  fail_unless_equals_int (wan_sim_count (sim, "cancel"), 0);
  fail_unless_equals_int (client->live_transfers, 0);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_fal_resume_by_id)
{
  WanClient *client = wan_sim_client_new (sim, "fal", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  gchar *id;
  Record r;

  wan_request_init (&req);
  req.provider = WAN_PROVIDER_FAL;
  req.prompt = g_strdup ("a kite");
  req.image_uri = g_strdup ("https://img.example/kite.png");
  id = wan_client_submit (client, &req, NULL, &error);
  fail_unless (id != NULL, "%s", error ? error->message : "");
  fail_unless (g_str_has_prefix (id, "wan/v2.6/requests/"), "%s", id);

  /* A new client that knows nothing but the id, as after a crash. */
  wan_client_free (client);
  client = wan_sim_client_new (sim, "fal", WAN_SIM_DEFAULT_KEY);
  record_init (&r);
  fail_unless (wan_client_run (client, NULL, id, &quick, &record_callbacks, &r,
          NULL, &error), "%s", error ? error->message : "");
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  fail_unless (wan_sim_task_polls (sim, sim_id (id)) >= 1);
  assert_video (&r, id);

  record_clear (&r);
  g_free (id);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_fal_cancel)
{
  WanClient *client = wan_sim_client_new (sim, "fal", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  WanTaskState state;
  GError *error = NULL;
  gchar *id;

  /* Queued for a fifth of its time: long enough to cancel it. */
  wan_sim_set_task_ms (sim, 60000);
  fal_t2v (&req, "a kite");
  id = wan_client_submit (client, &req, NULL, &error);
  fail_unless (id != NULL, "%s", error ? error->message : "");
  /* Queued, with its place in the queue. */
  fail_unless (wan_client_get_task (client, id, &state, NULL, &error), "%s",
      error ? error->message : "");
  fail_unless_equals_string (state.provider_status, "IN_QUEUE");
  fail_unless_equals_int (state.status, WAN_TASK_QUEUED);
  fail_unless_equals_int (state.queue_position, 2);
  wan_task_state_clear (&state);
  fail_unless (wan_client_get_task (client, id, &state, NULL, &error), "%s",
      error ? error->message : "");
  fail_unless_equals_int (state.queue_position, 1);
  wan_task_state_clear (&state);
  fail_unless (wan_client_cancel_task (client, id, NULL, &error), "%s",
      error ? error->message : "");
  fail_unless_equals_int (wan_sim_count (sim, "cancel"), 1);
  assert_header ("cancel", "Authorization", "Key sim-key");
  /* The task ends, and its result says why. */
  fail_unless (wan_client_get_task (client, id, &state, NULL, &error), "%s",
      error ? error->message : "");
  fail_unless_equals_int (state.status, WAN_TASK_FAILED);
  fail_unless (strstr (state.error_message, "cancelled") != NULL, "%s",
      state.error_message);
  wan_task_state_clear (&state);
  g_free (id);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

/* --- Replicate ------------------------------------------------------ */

static void
replicate_i2v (WanRequest * req, const gchar * prompt, gboolean flash)
{
  wan_request_init (req);
  req->provider = WAN_PROVIDER_REPLICATE;
  req->flash = flash;
  req->prompt = g_strdup (prompt);
  req->image_uri = g_strdup ("data:image/png;base64,iVBORw0KGgo=");
}

GST_START_TEST (test_replicate_i2v_flash)
{
  WanClient *client =
      wan_sim_client_new (sim, "replicate", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  JsonNode *body;
  gchar *path;
  Record r;

  replicate_i2v (&req, "a replicated kite", TRUE);
  req.audio = FALSE;
  req.resolution = WAN_RESOLUTION_1080P;
  req.duration = 10;
  req.seed = 3;
  req.prompt_extend = TRUE;
  req.shot_type = WAN_SHOT_MULTI;
  record_init (&r);
  fail_unless (wan_client_run (client, &req, NULL, &quick, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  path = wan_sim_last_create_path (sim);
  fail_unless_equals_string (path,
      "/v1/models/wan-video/wan2.6-i2v-flash/predictions");
  body = wan_sim_last_create_body (sim);
  assert_json (body, "{\"input\":{\"prompt\":\"a replicated kite\","
      "\"image\":\"data:image/png;base64,iVBORw0KGgo=\","
      "\"audio_enabled\":false,\"resolution\":\"1080p\",\"duration\":10,"
      "\"enable_prompt_expansion\":true,\"multi_shots\":true,\"seed\":3}}");
  assert_header ("create", "Authorization", "Bearer sim-key");
  assert_header ("status", "Authorization", "Bearer sim-key");
  fail_unless_equals_string (r.created, wan_sim_last_task_id (sim));
  fail_unless (record_saw_word (&r, "succeeded"));
  assert_video (&r, r.created);

  g_free (path);
  json_node_unref (body);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

/* model-family=wan2.7 routes to Replicate's Wan 2.7 models [R5][R6]: an
 * integer duration beyond 5/10/15, a ratio for text-to-video, and the
 * first frame as "first_frame" (the simulator refuses "image" there). */
GST_START_TEST (test_replicate_27_t2v)
{
  WanRequest req;

  wan27_t2v (&req, WAN_PROVIDER_REPLICATE, "a kite in 2.7", WAN_ASPECT_9_16, 7);
  req.resolution = WAN_RESOLUTION_720P;
  assert_run ("replicate", &req, "/v1/models/wan-video/wan-2.7-t2v/predictions",
      "{\"input\":{\"prompt\":\"a kite in 2.7\",\"resolution\":\"720p\","
      "\"aspect_ratio\":\"9:16\",\"duration\":7}}", "succeeded");
}

GST_END_TEST;

GST_START_TEST (test_replicate_27_i2v)
{
  WanRequest req;

  replicate_i2v (&req, "a framed kite", FALSE);
  req.family = WAN_FAMILY_2_7;
  req.duration = 2;
  req.last_frame_uri = g_strdup ("https://img.example/landed.png");
  assert_run ("replicate", &req, "/v1/models/wan-video/wan-2.7-i2v/predictions",
      "{\"input\":{\"prompt\":\"a framed kite\",\"first_frame\":"
      "\"data:image/png;base64,iVBORw0KGgo=\",\"last_frame\":"
      "\"https://img.example/landed.png\",\"duration\":2}}", "succeeded");
}

GST_END_TEST;

/* Some models give a list of outputs. */
GST_START_TEST (test_replicate_output_list)
{
  WanClient *client =
      wan_sim_client_new (sim, "replicate", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  gchar *path;
  Record r;

  wan_sim_set_variant (sim, TRUE);
  replicate_i2v (&req, "a listed kite", FALSE);
  record_init (&r);
  fail_unless (wan_client_run (client, &req, NULL, &quick, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  path = wan_sim_last_create_path (sim);
  fail_unless_equals_string (path,
      "/v1/models/wan-video/wan-2.6-i2v/predictions");
  assert_video (&r, r.created);
  g_free (path);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_replicate_failed)
{
  WanClient *client =
      wan_sim_client_new (sim, "replicate", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  Record r;

  replicate_i2v (&req, "a kite [fail]", FALSE);
  record_init (&r);
  fail_if (wan_client_run (client, &req, NULL, &quick, &record_callbacks, &r,
          NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_TASK_FAILED), "%s",
      error->message);
  fail_unless (strstr (error->message,
          "failed: simulated generation " "failure") != NULL, "%s",
      error->message);
  fail_unless_equals_int (r.video->len, 0);
  g_error_free (error);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_replicate_refusals)
{
  WanClient *client = wan_sim_client_new (sim, "replicate", "wrong");
  WanRequest req;
  WanTaskState state;
  GError *error = NULL;

  replicate_i2v (&req, "a kite", FALSE);
  fail_if (wan_client_submit (client, &req, NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_AUTH), "%s",
      error->message);
  fail_unless_equals_string (error->message, "Invalid API-key provided.");
  g_clear_error (&error);
  wan_client_free (client);

  client = wan_sim_client_new (sim, "replicate", WAN_SIM_DEFAULT_KEY);
  fail_if (wan_client_get_task (client, "nope", &state, NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND), "%s",
      error->message);
  g_clear_error (&error);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_replicate_resume_and_cancel)
{
  WanClient *client =
      wan_sim_client_new (sim, "replicate", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  WanTaskState state;
  GError *error = NULL;
  gchar *id, *queued;
  Record r;

  replicate_i2v (&req, "a kite", FALSE);
  id = wan_client_submit (client, &req, NULL, &error);
  fail_unless (id != NULL, "%s", error ? error->message : "");
  record_init (&r);
  fail_unless (wan_client_run (client, NULL, id, &quick, &record_callbacks, &r,
          NULL, &error), "%s", error ? error->message : "");
  fail_unless_equals_int (wan_sim_count (sim, "create"), 1);
  assert_video (&r, id);
  record_clear (&r);

  wan_sim_set_task_ms (sim, 60000);
  queued = wan_client_submit (client, &req, NULL, &error);
  fail_unless (queued != NULL, "%s", error ? error->message : "");
  fail_unless (wan_client_cancel_task (client, queued, NULL, &error), "%s",
      error ? error->message : "");
  assert_header ("cancel", "Authorization", "Bearer sim-key");
  fail_unless (wan_client_get_task (client, queued, &state, NULL, &error),
      "%s", error ? error->message : "");
  fail_unless_equals_string (state.provider_status, "canceled");
  fail_unless_equals_int (state.status, WAN_TASK_FAILED);
  wan_task_state_clear (&state);

  g_free (queued);
  g_free (id);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

/* --- OpenRouter ----------------------------------------------------- */

static void
openrouter_i2v (WanRequest * req, const gchar * prompt)
{
  wan_request_init (req);
  req->provider = WAN_PROVIDER_OPENROUTER;
  req->prompt = g_strdup (prompt);
  req->image_uri = g_strdup ("https://img.example/kite.png");
}

GST_START_TEST (test_openrouter_i2v)
{
  WanClient *client =
      wan_sim_client_new (sim, "openrouter", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  JsonNode *body;
  gchar *path;
  Record r;

  openrouter_i2v (&req, "a routed kite");
  req.duration = 10;
  req.resolution = WAN_RESOLUTION_1080P;
  req.audio = FALSE;
  req.seed = 11;
  record_init (&r);
  fail_unless (wan_client_run (client, &req, NULL, &quick, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  path = wan_sim_last_create_path (sim);
  fail_unless_equals_string (path, "/api/v1/videos");
  body = wan_sim_last_create_body (sim);
  assert_json (body, "{\"model\":\"alibaba/wan-2.6\",\"prompt\":"
      "\"a routed kite\",\"duration\":10,\"resolution\":\"1080p\","
      "\"generate_audio\":false,\"seed\":11,\"frame_images\":[{\"type\":"
      "\"image_url\",\"image_url\":{\"url\":\"https://img.example/kite.png\"},"
      "\"frame_type\":\"first_frame\"}]}");
  assert_header ("create", "Authorization", "Bearer sim-key");
  /* The relative polling URL was followed under base-url. */
  fail_unless (wan_sim_task_polls (sim, r.created) >= 1);
  assert_header ("status", "Authorization", "Bearer sim-key");
  /* The video came from the keyed content endpoint on the API origin. */
  fail_unless_equals_int (wan_sim_count (sim, "content"), 1);
  assert_header ("content", "Authorization", "Bearer sim-key");
  fail_unless_equals_int (wan_sim_count (sim, "download"), 0);
  fail_unless (record_saw_word (&r, "completed"));
  assert_video (&r, r.created);

  g_free (path);
  json_node_unref (body);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

/* model-family=wan2.7 routes to alibaba/wan-2.7 as OpenRouter's model
 * list gives it: 2 to 10 seconds, five ratios, a first and a last frame
 * (docs/providers.md, "OpenRouter"). */
GST_START_TEST (test_openrouter_27_t2v)
{
  WanRequest req;

  wan27_t2v (&req, WAN_PROVIDER_OPENROUTER, "a square kite", WAN_ASPECT_1_1, 3);
  assert_run ("openrouter", &req, "/api/v1/videos",
      "{\"model\":\"alibaba/wan-2.7\",\"prompt\":\"a square kite\","
      "\"duration\":3,\"aspect_ratio\":\"1:1\"}", "completed");
}

GST_END_TEST;

GST_START_TEST (test_openrouter_27_last_frame)
{
  WanRequest req;

  openrouter_i2v (&req, "a kite lands");
  req.family = WAN_FAMILY_2_7;
  req.last_frame_uri = g_strdup ("https://img.example/landed.png");
  assert_run ("openrouter", &req, "/api/v1/videos",
      "{\"model\":\"alibaba/wan-2.7\",\"prompt\":\"a kite lands\","
      "\"frame_images\":[{\"type\":\"image_url\",\"image_url\":{\"url\":"
      "\"https://img.example/kite.png\"},\"frame_type\":\"first_frame\"},"
      "{\"type\":\"image_url\",\"image_url\":{\"url\":"
      "\"https://img.example/landed.png\"},\"frame_type\":\"last_frame\"}]}",
      "completed");
}

GST_END_TEST;

/* The content endpoint wants the key; a redirect from it to another
 * origin (here the CDN port) must not take the key along. */
GST_START_TEST (test_openrouter_key_not_redirected)
{
  WanClient *client =
      wan_sim_client_new (sim, "openrouter", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  gchar *cdn_auth;
  Record r;

  wan_sim_set_variant (sim, TRUE);
  openrouter_i2v (&req, "a redirected kite");
  record_init (&r);
  fail_unless (wan_client_run (client, &req, NULL, &quick, &record_callbacks,
          &r, NULL, &error), "%s", error ? error->message : "");
  assert_header ("content", "Authorization", "Bearer sim-key");
  fail_unless_equals_int (wan_sim_count (sim, "download"), 1);
  cdn_auth = wan_sim_last_header (sim, "download", "Authorization");
  fail_unless (cdn_auth == NULL, "the key went to the CDN: %s", cdn_auth);
  assert_video (&r, r.created);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_openrouter_failed)
{
  WanClient *client =
      wan_sim_client_new (sim, "openrouter", WAN_SIM_DEFAULT_KEY);
  WanRequest req;
  GError *error = NULL;
  Record r;

  wan_request_init (&req);
  req.provider = WAN_PROVIDER_OPENROUTER;
  req.prompt = g_strdup ("a kite [fail]");
  record_init (&r);
  fail_if (wan_client_run (client, &req, NULL, &quick, &record_callbacks, &r,
          NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_TASK_FAILED), "%s",
      error->message);
  fail_unless (strstr (error->message,
          "failed: simulated generation " "failure") != NULL, "%s",
      error->message);
  fail_unless_equals_int (wan_sim_count (sim, "content"), 0);
  g_error_free (error);
  record_clear (&r);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

GST_START_TEST (test_openrouter_refusals)
{
  WanClient *client = wan_sim_client_new (sim, "openrouter", "wrong");
  WanRequest req;
  WanTaskState state;
  GError *error = NULL;
  guint creates;
  gchar *id;
  Record r;

  openrouter_i2v (&req, "a kite");
  fail_if (wan_client_submit (client, &req, NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_AUTH), "%s",
      error->message);
  fail_unless_equals_string (error->message, "Invalid API-key provided.");
  g_clear_error (&error);
  wan_client_free (client);

  client = wan_sim_client_new (sim, "openrouter", WAN_SIM_DEFAULT_KEY);
  fail_if (wan_client_get_task (client, "nope", &state, NULL, &error));
  fail_unless (g_error_matches (error, WAN_ERROR, WAN_ERROR_NOT_FOUND), "%s",
      error->message);
  g_clear_error (&error);

  /* Resumed by id alone; no cancel is documented, none is sent. */
  id = wan_client_submit (client, &req, NULL, &error);
  fail_unless (id != NULL, "%s", error ? error->message : "");
  fail_if (wan_client_cancel_task (client, id, NULL, &error));
  fail_unless (strstr (error->message, "openrouter documents no way to "
          "cancel") != NULL, "%s", error->message);
  g_clear_error (&error);
  creates = wan_sim_count (sim, "create");
  record_init (&r);
  fail_unless (wan_client_run (client, NULL, id, &quick, &record_callbacks, &r,
          NULL, &error), "%s", error ? error->message : "");
  fail_unless_equals_int (wan_sim_count (sim, "create"), creates);
  assert_video (&r, id);

  record_clear (&r);
  g_free (id);
  wan_request_clear (&req);
  wan_client_free (client);
}

GST_END_TEST;

static Suite *
hosted_suite (void)
{
  Suite *s = suite_create ("hosted");
  TCase *tc = tcase_create ("fal");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_test (tc, test_fal_t2v);
  tcase_add_test (tc, test_fal_27_i2v);
  tcase_add_test (tc, test_fal_local_image_uploaded);
  tcase_add_test (tc, test_fal_failure_on_result);
  tcase_add_test (tc, test_fal_failure_on_status);
  tcase_add_test (tc, test_fal_key_refused);
  tcase_add_test (tc, test_fal_unknown_task);
  tcase_add_test (tc, test_fal_resume_by_id);
  tcase_add_test (tc, test_fal_cancel);

  tc = tcase_create ("replicate");
  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_test (tc, test_replicate_i2v_flash);
  tcase_add_test (tc, test_replicate_27_t2v);
  tcase_add_test (tc, test_replicate_27_i2v);
  tcase_add_test (tc, test_replicate_output_list);
  tcase_add_test (tc, test_replicate_failed);
  tcase_add_test (tc, test_replicate_refusals);
  tcase_add_test (tc, test_replicate_resume_and_cancel);

  tc = tcase_create ("openrouter");
  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, run_util_setup, run_util_teardown);
  tcase_add_test (tc, test_openrouter_i2v);
  tcase_add_test (tc, test_openrouter_27_t2v);
  tcase_add_test (tc, test_openrouter_27_last_frame);
  tcase_add_test (tc, test_openrouter_key_not_redirected);
  tcase_add_test (tc, test_openrouter_failed);
  tcase_add_test (tc, test_openrouter_refusals);
  return s;
}

GST_CHECK_MAIN (hosted);
