/* gst-wan: the registry of providers (private) */

#ifndef __WAN_PROVIDERS_H__
#define __WAN_PROVIDERS_H__

#include "wan-provider.h"

G_BEGIN_DECLS

extern const WanProvider wan_provider_dashscope;
extern const WanProvider wan_provider_toapis;
extern const WanProvider wan_provider_evolink;
extern const WanProvider wan_provider_aimlapi;
extern const WanProvider wan_provider_fal;
extern const WanProvider wan_provider_replicate;
extern const WanProvider wan_provider_openrouter;

/* NULL for an id that names no provider. */
const WanProvider *  wan_provider_get        (WanProviderId id);

G_END_DECLS

#endif /* __WAN_PROVIDERS_H__ */
