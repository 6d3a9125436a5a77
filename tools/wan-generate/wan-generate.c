/* wan-generate: Wan videos from the command line
 *
 *   wan-generate [OPTION…] "prompt"           one video
 *   wan-generate --batch jobs.jsonl [OPTION…]  one per manifest line
 *
 * Every wanvideosrc property is an option; each video is one
 * "wanvideosrc ! …" pipeline, so the element does all the talking to the
 * provider (validation, retries, the journal that resumes a paid task
 * after a crash, the atomic write of the output).
 */

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
#include "wan-generate.h"

static const gchar summary[] =
    "Generates a Wan video from PROMPT and saves it (-o FILE, default\n"
    "wan.mp4; -o - writes a fragmented MP4 to stdout for a pipe), or one\n"
    "video per line of a --batch manifest.  The key comes from --api-key,\n"
    "WAN_API_KEY or the provider's own variable.";

static const gchar description[] =
    "Batch: each manifest line is a JSON object whose keys are the option\n"
    "names without dashes (\"prompt\", \"duration\", \"image\", …) plus\n"
    "\"output\" (relative to the manifest's folder; default LINE.mp4).\n"
    "Options on the command line apply to every line that does not set\n"
    "them.  Every line is checked before anything is sent.  A state file\n"
    "(MANIFEST.state, or --state) records each line's task and result:\n"
    "rerunning the same command resumes, never pays twice.\n"
    "Default --jobs: dashscope 2, toapis 3, evolink 3, aimlapi 2.\n"
    "\n"
    "Exit status: 0 saved (all of them); 1 a generation failed (the\n"
    "provider's message is printed); 2 bad options, settings or manifest;\n"
    "3 no key, or the key was refused; 4 interrupted (rerun to continue).";

typedef struct
{
  GMainLoop *loop;
  WgJob *job;
  const gchar *output;
  gint status;
  gboolean interrupted;
} Single;

static void
single_task_known (WgJob * job, const gchar * task_id, gpointer data)
{
  wg_progress_line ("Task %s", task_id);
}

static void
single_done (WgJob * job, const GError * error, gint exit_status,
    gboolean rate_limited, gpointer data)
{
  Single *single = data;

  single->status = exit_status;
  if (error) {
    wg_progress_line ("Error: %s", error->message);
    if (wg_job_task_id (job))
      wg_progress_line ("Resume with: wan-generate --task-id %s",
          wg_job_task_id (job));
  }
  g_main_loop_quit (single->loop);
}

static gboolean
single_interrupt (gpointer data)
{
  Single *single = data;

  single->interrupted = TRUE;
  g_main_loop_quit (single->loop);
  return G_SOURCE_REMOVE;
}

static gint
run_single (const WgSettings * settings, const gchar * output, gboolean dry_run)
{
  WgJobCallbacks callbacks = { single_task_known, single_done };
  GstElement *src = gst_element_factory_make ("wanvideosrc", NULL);
  Single single = { NULL, NULL, output, WG_EXIT_FAILED, FALSE };
  WanRequest req;
  GError *error = NULL;
  gint status = WG_EXIT_USAGE;
  guint sigint;

  wan_request_init (&req);
  if (!wg_settings_apply (settings, src, &error)
      || !wg_check_element (src, &req, &status, &error)) {
    g_printerr ("Error: %s\n", error->message);
    g_error_free (error);
    wan_request_clear (&req);
    gst_object_unref (gst_object_ref_sink (src));
    return status;
  }
  if (dry_run) {
    if (!wg_print_request (src, &req, stdout, &error)) {
      g_printerr ("Error: %s\n", error->message);
      g_error_free (error);
    } else {
      g_print ("\nBilled: %u seconds of video; nothing was sent.\n",
          wg_request_seconds (&req));
      status = WG_EXIT_SAVED;
    }
    wan_request_clear (&req);
    gst_object_unref (gst_object_ref_sink (src));
    return status;
  }
  wan_request_clear (&req);

  single.loop = g_main_loop_new (NULL, FALSE);
  single.job = wg_job_new (src, output, "wan", &callbacks, &single);
  sigint = g_unix_signal_add (SIGINT, single_interrupt, &single);
  if (wg_job_start (single.job))
    g_main_loop_run (single.loop);
  wg_progress_end ();
  if (single.interrupted) {
    single.status = WG_EXIT_INTERRUPTED;
    g_printerr ("Interrupted.");
    if (wg_job_task_id (single.job))
      g_printerr (" Rerun the same command (the journal resumes task %s) or "
          "add --task-id %s: nothing is paid twice.", wg_job_task_id
          (single.job), wg_job_task_id (single.job));
    g_printerr ("\n");
  } else {
    g_source_remove (sigint);
  }
  wg_job_free (single.job);
  g_main_loop_unref (single.loop);
  if (single.status == WG_EXIT_SAVED && !g_str_equal (output, "-"))
    g_print ("%s\n", output);
  return single.status;
}

/* What the command line asks for beyond the element's properties. */
typedef struct
{
  gchar *output, *batch, *state, *report;
  gboolean dry_run, quiet, retry_failed;
  gint jobs;
  gint64 max_seconds;
} Args;

/* The element's properties and the tool's own options share one group, so
 * that --help lists them together. */
static void
add_tool_options (GOptionGroup * group, Args * args)
{
  GOptionEntry entries[] = {
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
        "Where to save the MP4 (default wan.mp4; - for stdout)", "FILE"},
    {"dry-run", 'n', 0, G_OPTION_ARG_NONE, &args->dry_run,
        "Check the settings, print the request(s) and the seconds billed; "
          "send nothing", NULL},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &args->quiet, "No progress output",
        NULL},
    {"batch", 0, 0, G_OPTION_ARG_FILENAME, &args->batch,
        "One video per line of this JSON-lines manifest", "MANIFEST"},
    {"jobs", 'j', 0, G_OPTION_ARG_INT, &args->jobs,
        "Tasks in flight at once (default: per provider, see below)", "N"},
    {"state", 0, 0, G_OPTION_ARG_FILENAME, &args->state,
        "The batch's state file (default MANIFEST.state)", "FILE"},
    {"retry-failed", 0, 0, G_OPTION_ARG_NONE, &args->retry_failed,
        "Submit again the lines that failed in an earlier run", NULL},
    {"report", 0, 0, G_OPTION_ARG_FILENAME, &args->report,
        "Write the batch's results here as JSON", "FILE"},
    {"max-seconds", 0, 0, G_OPTION_ARG_INT64, &args->max_seconds,
        "Refuse a batch asking for more seconds of video than this", "S"},
    {NULL}
  };

  /* The group copies the entries; only the pointers into args must live. */
  g_option_group_add_entries (group, entries);
}

static gboolean
parse_options (WgSettings * settings, Args * args, int *argc, char ***argv)
{
  GOptionContext *context;
  GOptionGroup *group;
  GError *error = NULL;

  group = wg_settings_option_group (settings, &error);
  if (group == NULL) {
    g_printerr ("Error: %s\n", error->message);
    return FALSE;
  }
  context = g_option_context_new ("[PROMPT]");
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  add_tool_options (group, args);
  g_option_context_set_main_group (context, group);
  if (!g_option_context_parse (context, argc, argv, &error)) {
    g_printerr ("Error: %s\n", error->message);
    return FALSE;
  }
  g_option_context_free (context);
  return TRUE;
}

/* What is left after the options: at most one prompt, and none in a batch. */
static gboolean
check_arguments (WgSettings * settings, const Args * args, int argc,
    char **argv)
{
  if (argc > 2 || (args->batch && argc > 1)) {
    g_printerr ("Error: one prompt, please (in quotes); a batch takes its "
        "prompts from the manifest\n");
    return FALSE;
  }
  if (argc == 2)
    wg_settings_add (settings, "prompt", argv[1], NULL);
  if (args->jobs < 0 || args->max_seconds < 0) {
    g_printerr ("Error: --jobs and --max-seconds cannot be negative\n");
    return FALSE;
  }
  return TRUE;
}

static gint
run_batch (const WgSettings * settings, const Args * args)
{
  WgBatchOptions options = { args->batch, args->state, args->report,
    args->jobs, args->max_seconds, args->retry_failed, args->dry_run
  };

  if (args->output) {
    g_printerr ("Error: -o is per line in a batch: set \"output\" in the "
        "manifest\n");
    return WG_EXIT_USAGE;
  }
  return wg_batch_run (&options, settings);
}

static gint
run_one (const WgSettings * settings, const Args * args)
{
  if (!wg_settings_has (settings, "prompt")
      && !wg_settings_has (settings, "task-id")
      && !wg_settings_has (settings, "image-uri")) {
    g_printerr ("Error: what should the video show? Give a prompt "
        "(wan-generate --help)\n");
    return WG_EXIT_USAGE;
  }
  return run_single (settings, args->output ? args->output : "wan.mp4",
      args->dry_run);
}

int
main (int argc, char **argv)
{
  Args args = { NULL, };
  WgSettings *settings;
  gint status;

  /* A pipe reader that goes away is a write error that says so, not a
   * silent death by SIGPIPE. */
  signal (SIGPIPE, SIG_IGN);
  gst_init (&argc, &argv);
  settings = wg_settings_new ();
  if (!parse_options (settings, &args, &argc, &argv)
      || !check_arguments (settings, &args, argc, argv))
    return WG_EXIT_USAGE;
  wg_progress_init (args.quiet);

  if (args.batch)
    status = run_batch (settings, &args);
  else
    status = run_one (settings, &args);
  wg_settings_free (settings);
  g_free (args.output);
  g_free (args.batch);
  g_free (args.state);
  g_free (args.report);
  return status;
}
