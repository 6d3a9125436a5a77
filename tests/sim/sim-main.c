/* wan-sim: run the provider simulator as a standalone server
 *
 *   wan-sim [--port N] [--cdn-port N] [--task-ms MS] [--fps N]
 *
 * Prints one base-url line per provider, then serves until interrupted.
 * The API key it accepts is "sim-key".
 */

#include <glib-unix.h>
#include <gst/gst.h>
#include "wan-sim.h"

static gboolean
quit (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  static const gchar *const providers[] = { "dashscope", "toapis",
    "evolink", "aimlapi"
  };
  gint port = 0, cdn_port = 0, task_ms = 3000, fps = 24;
  GOptionEntry entries[] = {
    {"port", 'p', 0, G_OPTION_ARG_INT, &port, "API port (0: any)", "N"},
    {"cdn-port", 0, 0, G_OPTION_ARG_INT, &cdn_port, "Video port", "N"},
    {"task-ms", 0, 0, G_OPTION_ARG_INT, &task_ms,
        "How long a generation takes", "MS"},
    {"fps", 0, 0, G_OPTION_ARG_INT, &fps, "Frame rate of videos", "N"},
    {NULL}
  };
  GOptionContext *ctx = g_option_context_new ("- Wan2.6 provider simulator");
  GError *error = NULL;
  GMainLoop *loop;
  WanSim *sim;
  guint i;

  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("wan-sim: %s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);

  sim = wan_sim_new (port, cdn_port, &error);
  if (sim == NULL) {
    g_printerr ("wan-sim: %s\n", error->message);
    return 1;
  }
  wan_sim_set_task_ms (sim, task_ms);
  wan_sim_set_fps (sim, fps);
  for (i = 0; i < G_N_ELEMENTS (providers); i++) {
    gchar *url = wan_sim_get_base_url (sim, providers[i]);

    g_print ("%s %s\n", providers[i], url);
    g_free (url);
  }
  g_print ("api-key %s\n", WAN_SIM_DEFAULT_KEY);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit, loop);
  g_unix_signal_add (SIGTERM, quit, loop);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
  wan_sim_free (sim);
  return 0;
}
