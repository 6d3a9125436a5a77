/* gst-wan: replays the fuzzer corpus through the harness (a plain test,
 * no sanitizer runtime needed), so every input that ever mattered stays
 * covered by `meson test`. */

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 * data, gsize size);

int
main (int argc, char **argv)
{
  GDir *dir;
  const gchar *name;
  guint n = 0;

  g_assert (argc == 2);
  dir = g_dir_open (argv[1], 0, NULL);
  g_assert (dir != NULL);
  while ((name = g_dir_read_name (dir)) != NULL) {
    gchar *path = g_build_filename (argv[1], name, NULL), *data;
    gsize size;

    g_assert (g_file_get_contents (path, &data, &size, NULL));
    LLVMFuzzerTestOneInput ((const guint8 *) data, size);
    g_free (data);
    g_free (path);
    n++;
  }
  g_dir_close (dir);
  g_assert (n > 0);
  g_print ("%u passed, 0 failed\n", n);
  return 0;
}
