/* wan-sim: what the DashScope dialect's layouts share (private) */

#ifndef __SIM_DASHSCOPE_H__
#define __SIM_DASHSCOPE_H__

#include "sim-private.h"

G_BEGIN_DECLS

#define SIM_DASHSCOPE_KF2V_PATH \
  "/api/v1/services/aigc/image2video/video-synthesis"

/* Resolution tiers as a bit set. */
#define SIM_TIER_480 (1u << 0)
#define SIM_TIER_720 (1u << 1)
#define SIM_TIER_1080 (1u << 2)
#define SIM_TIER_ALL (SIM_TIER_480 | SIM_TIER_720 | SIM_TIER_1080)

/* The prompt, at most @max characters, with the simulator's markers. */
gboolean  sim_dashscope_check_prompt (JsonObject * input, guint max,
                                 gboolean required, SimTask * task,
                                 SimError * err);
/* A "480P"/"720P"/"1080P" member among @tiers. */
gboolean  sim_dashscope_check_tier (JsonObject * p, const gchar * name,
                                 guint tiers, const gchar ** value,
                                 SimError * err);
/* "W*H" among the legacy sizes of @tiers. */
gboolean  sim_dashscope_parse_size (const gchar * size, guint tiers,
                                 guint * width, guint * height);
/* The size of a tier and ratio; @wan27: wan2.7's own 4:3 sizes. */
void      sim_dashscope_frame_size (const gchar * tier, const gchar * ratio,
                                 gboolean wan27, guint * width,
                                 guint * height);
/* body.input (required) and body.parameters (NULL when absent). */
gboolean  sim_dashscope_get_objects (JsonObject * body, JsonObject ** input,
                                 JsonObject ** parameters, SimError * err);

/* The oss:// URLs in body.input (sim-oss.c): each needs the header
 * X-DashScope-OssResourceResolve: enable and a file uploaded for the
 * task's model, of the kind its field takes; each is then replaced by an
 * https URL. */
gboolean  sim_dashscope_resolve_oss (JsonObject * body,
                                 SoupMessageHeaders * headers,
                                 SimTask * task, SimError * err);
gboolean  sim_dashscope_is_media_model (const gchar * model);
gboolean  sim_dashscope_parse_media (JsonObject * body, SimTask * task,
                                 SimError * err);
gboolean  sim_dashscope_parse_kf2v (JsonObject * body, SimTask * task,
                                 SimError * err);

G_END_DECLS

#endif /* __SIM_DASHSCOPE_H__ */
