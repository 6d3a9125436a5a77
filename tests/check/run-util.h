/* gst-wan tests: one wanvideosrc pipeline run against the simulator
 *
 * Shared by the element's test programs: a fresh simulator and temporary
 * directory per test, a pipeline "wanvideosrc name=src ! TAIL" pointed at
 * it, and what its bus reported.
 */

#ifndef __RUN_UTIL_H__
#define __RUN_UTIL_H__

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/check/gstcheck.h>
#include "wan-sim.h"

extern WanSim *sim;
extern gchar *tmpdir;

/* The checked fixture: a simulator (300 ms tasks, 4 fps) and tmpdir. */
void      run_util_setup    (void);
void      run_util_teardown (void);

/* One line of progress on stdout, flushed at once: long tests say which
 * step they are at, so a log shows where time goes. */
void      say               (const gchar * format, ...) G_GNUC_PRINTF (1, 2);

/* Starts @argv in its own process group; it gets SIGTERM if the test
 * process dies, and run_util_teardown() kills its whole group, so nothing
 * it starts outlives the test.  A GSubprocess not yet waited for is reaped
 * by GLib once it has been killed. */
GSubprocess *run_util_spawn (GSubprocessFlags flags, const gchar * cwd,
                             gchar ** envp, const gchar * const *argv,
                             GError ** error);
/* The same, run to its end: like g_spawn_sync() with both outputs. */
gboolean  run_util_spawn_sync (const gchar * cwd, gchar ** envp,
                               const gchar * const *argv, gchar ** out,
                               gchar ** err, gint * status, GError ** error);

/* A program run to its end in tmpdir: its exit status and both outputs. */
typedef struct
{
  gint status;
  gchar *out, *err;
} Ran;

/* Runs @argv in tmpdir with @envp (NULL: this process's); fails the test
 * when it cannot be started.  Nothing it starts outlives the test. */
Ran        run_util_run        (gchar ** envp, const gchar * const *argv);
void       ran_clear           (Ran * ran);
/* The exit status, or -1 when it did not exit (a signal). */
gint       ran_exit_status     (const Ran * ran);

/* What one pipeline run produced. */
typedef struct
{
  GstElement *pipeline;
  GstElement *src;
  gint video_frames;
  gint audio_buffers;
  gint width, height;
  GPtrArray *task_messages;     /* GstStructure */
  GHashTable *progress_codes;   /* code → TRUE */
  GHashTable *completed_codes;  /* code → TRUE, when its COMPLETE came */
  GstMessage *error;
  GstPadMode mode;
} Run;

/* Removes @path and, when it is a directory (not a link), everything in
 * it. */
void      remove_tree       (const gchar * path);
/* wan://PROVIDER?base-url=SIM&cache-dir=…&journal-dir=…&QUERY: the
 * simulator's API with the test's own cache and journal. */
gchar *   sim_uri           (const gchar * provider, const gchar * query);
/* gst-launch-1.0 making "A paid video" at the dashscope simulator into
 * @location, its journal in @journal (NULL: the test's); with @messages,
 * run with -m and its output there.  Killed with the test. */
GSubprocess *run_util_spawn_paid_launch (const gchar * location,
                                const gchar * journal,
                                GInputStream ** messages);
/* @tags name @title, @provider and the task id @src reads back. */
void      assert_source_tags (const GstTagList * tags, GstElement * src,
                              const gchar * title, const gchar * provider);
/* A pad probe that counts buffers into the gint at @counter. */
GstPadProbeReturn count_buffer (GstPad * pad, GstPadProbeInfo * info,
                                gpointer counter);
/* @settings: "key=value|key=value", values as gst-launch would take them. */
void      apply             (GstElement * element, const gchar * settings);
/* Builds "wanvideosrc name=src ! TAIL" with the simulator's base URL and
 * key; a "dec" element in TAIL is taken for a decodebin. */
void      run_setup         (Run * run, const gchar * provider,
                             const gchar * settings, const gchar * tail);
/* Handles one bus message; TRUE when the run is over. */
gboolean  run_message       (Run * run, GstMessage * msg);
/* Sets @target and collects messages until EOS or error. */
void      run_wait          (Run * run, GstState target);
void      run_clear         (Run * run);
void      run_full          (Run * run, const gchar * provider,
                             const gchar * settings, const gchar * tail);
void      assert_error      (Run * run, GQuark domain, gint code,
                             const gchar * text_part);
void      assert_same_file  (const gchar * a, const gchar * b);
/* Makes @dir/@name with "PIPELINE ! filesink location=…" (a test input);
 * the path. */
gchar *   make_media_file   (const gchar * dir, const gchar * name,
                             const gchar * pipeline);
/* POSTs @body to the simulator's create endpoint of @provider (@path
 * under its base URL); its HTTP status, and the answer in @answer. */
guint     sim_post_create   (const gchar * provider, const gchar * path,
                             const gchar * body, gchar ** answer);

#endif /* __RUN_UTIL_H__ */
