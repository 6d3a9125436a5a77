/* gst-wan: libFuzzer harness over every provider's answer parsers
 *
 * The first byte picks the provider and the parser (create, status, error
 * or upload, with an HTTP status from the second byte); the rest is the
 * answer body.
 * Built with clang's -fsanitize=fuzzer,address,undefined by run.sh; the
 * meson test suite replays the corpus through the same function.
 */

#include "wan-providers.h"

int LLVMFuzzerTestOneInput (const guint8 * data, gsize size);

int
LLVMFuzzerTestOneInput (const guint8 * data, gsize size)
{
  const WanProvider *provider;
  const gchar *body;
  WanTaskState state;
  WanTaskHandle handle;
  gboolean ok;
  GError *error = NULL;
  gchar *id;
  guint which;

  if (size < 2)
    return 0;
  provider = wan_provider_get (data[0] % WAN_N_PROVIDERS);
  which = (data[0] / WAN_N_PROVIDERS) % 4;
  body = (const gchar *) data + 2;
  size -= 2;

  switch (which) {
    case 0:
      ok = wan_provider_parse_create (provider, body, size, &handle, &error);
      g_assert (ok == (error == NULL) && ok == (handle.id != NULL));
      wan_task_handle_clear (&handle);
      break;
    case 1:
      if (wan_provider_parse_status (provider, body, size, &state, &error)) {
        g_assert (state.status != WAN_TASK_SUCCEEDED
            || g_ascii_strncasecmp (state.video_url, "http", 4) == 0);
        wan_task_state_clear (&state);
      } else {
        g_assert (error != NULL);
      }
      break;
    case 3:
      if (provider->upload == NULL)
        break;
      id = wan_provider_parse_upload (provider, 200 + data[1], body, size,
          &error);
      g_assert ((id == NULL) != (error == NULL));
      g_assert (id == NULL || g_ascii_strncasecmp (id, "http", 4) == 0);
      g_free (id);
      break;
    default:
      error = wan_provider_parse_error (provider, 400 + data[1], body, size);
      g_assert (error != NULL && error->message != NULL);
      break;
  }
  g_clear_error (&error);
  return 0;
}
