/* gst-wan: validation, once, into a plan (private) */

#ifndef __WAN_VALIDATE_H__
#define __WAN_VALIDATE_H__

#include "wan-provider.h"

G_BEGIN_DECLS

/* Checks @req against its provider's documented limits; the error
 * (WAN_ERROR_INVALID) names the offending property and the provider. */
WanPlan *  wan_plan_new              (const WanRequest * req,
                                      GError ** error);
/* The same plan, with its own copy of the request (for a request whose
 * local inputs are replaced by what the provider takes). */
WanPlan *  wan_plan_copy             (const WanPlan * plan);
void       wan_plan_free             (WanPlan * plan);

G_END_DECLS

#endif /* __WAN_VALIDATE_H__ */
