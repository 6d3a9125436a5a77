/* wan-sim: a WanClient pointed at one of the simulator's dialects
 *
 * Header-only so that the simulator library itself needs no libwan; the
 * client tests, the element tests and the benchmark share it.
 */

#ifndef __WAN_SIM_CLIENT_H__
#define __WAN_SIM_CLIENT_H__

#include <wan/wan.h>
#include "wan-sim.h"

static inline WanClient *
wan_sim_client_new (WanSim * sim, const gchar * provider, const gchar * key)
{
  gchar *url = wan_sim_get_base_url (sim, provider);
  WanProviderId id = WAN_PROVIDER_DASHSCOPE;
  WanClient *client;

  g_assert_true (wan_provider_id_from_string (provider, &id));
  client = wan_client_new (id, url, key);
  g_free (url);
  return client;
}

#endif /* __WAN_SIM_CLIENT_H__ */
