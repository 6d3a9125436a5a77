/* gst-wan: the registry of providers: lookups by id and name, and what
 * is asked of all of them at once
 *
 * A new provider is one line in providers[] (and its file, wan-provider.h
 * says how).
 */

#include "wan-providers.h"
#include "wan-request-private.h"

static const WanProvider *const providers[WAN_N_PROVIDERS] = {
  [WAN_PROVIDER_DASHSCOPE] = &wan_provider_dashscope,
  [WAN_PROVIDER_TOAPIS] = &wan_provider_toapis,
  [WAN_PROVIDER_EVOLINK] = &wan_provider_evolink,
  [WAN_PROVIDER_AIMLAPI] = &wan_provider_aimlapi,
  [WAN_PROVIDER_FAL] = &wan_provider_fal,
  [WAN_PROVIDER_REPLICATE] = &wan_provider_replicate,
  [WAN_PROVIDER_OPENROUTER] = &wan_provider_openrouter,
};

const WanProvider *
wan_provider_get (WanProviderId id)
{
  return (guint) id < WAN_N_PROVIDERS ? providers[id] : NULL;
}

const gchar *
wan_provider_id_to_string (WanProviderId id)
{
  const WanProvider *p = wan_provider_get (id);

  return p ? p->name : "unknown";
}

gboolean
wan_provider_id_from_string (const gchar * name, WanProviderId * id)
{
  guint i;

  for (i = 0; i < WAN_N_PROVIDERS; i++) {
    if (g_ascii_strcasecmp (name, providers[i]->name) == 0) {
      *id = i;
      return TRUE;
    }
  }
  return FALSE;
}

const gchar *
wan_provider_default_base_url (WanProviderId id)
{
  const WanProvider *p = wan_provider_get (id);

  return p ? p->default_base_url : NULL;
}

const gchar *
wan_provider_key_env (WanProviderId id)
{
  const WanProvider *p = wan_provider_get (id);

  return p ? p->key_env : NULL;
}

/* The routed model: by provider, family, mode, inputs and speed. */
const gchar *
wan_request_get_model (const WanRequest * req)
{
  const WanModelSpec *spec;
  WanMode mode = wan_request_get_mode (req);

  if (wan_str_is_set (req->model))
    return req->model;
  spec = wan_provider_find_model (wan_provider_get (req->provider),
      req->family, mode, req->flash, wan_request_needs (req, mode));
  return spec ? spec->model : NULL;
}

guint
wan_request_max_duration (void)
{
  guint id, max = 0;
  const WanModelSpec *m;

  for (id = 0; id < WAN_N_PROVIDERS; id++)
    for (m = providers[id]->models; m->model; m++)
      max = MAX (max, g_bit_storage (m->durations) - 1);
  return max;
}
