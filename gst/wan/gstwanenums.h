/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_ENUMS_H__
#define __GST_WAN_ENUMS_H__

#include <gst/gst.h>

G_BEGIN_DECLS
#define GST_TYPE_WAN_PROVIDER (gst_wan_provider_get_type ())
    GType gst_wan_provider_get_type (void);

#define GST_TYPE_WAN_RESOLUTION (gst_wan_resolution_get_type ())
GType gst_wan_resolution_get_type (void);

#define GST_TYPE_WAN_ASPECT_RATIO (gst_wan_aspect_ratio_get_type ())
GType gst_wan_aspect_ratio_get_type (void);

#define GST_TYPE_WAN_FAMILY (gst_wan_family_get_type ())
GType gst_wan_family_get_type (void);

#define GST_TYPE_WAN_MODE (gst_wan_mode_get_type ())
GType gst_wan_mode_get_type (void);

#define GST_TYPE_WAN_SHOT_TYPE (gst_wan_shot_type_get_type ())
GType gst_wan_shot_type_get_type (void);

#define GST_TYPE_WAN_AUDIO_SETTING (gst_wan_audio_setting_get_type ())
GType gst_wan_audio_setting_get_type (void);

/* A boolean request setting that may also be left unset.  The values
 * are WanRequest's own (WAN_UNSET, FALSE, TRUE). */
typedef enum
{
  GST_WAN_SWITCH_DEFAULT = -1,  /* WAN_UNSET: not sent */
  GST_WAN_SWITCH_FALSE = 0,
  GST_WAN_SWITCH_TRUE = 1,
} GstWanSwitch;

#define GST_TYPE_WAN_SWITCH (gst_wan_switch_get_type ())
GType gst_wan_switch_get_type (void);

/* Which requests the local cache serves and keeps. */
typedef enum
{
  GST_WAN_CACHE_OFF,
  GST_WAN_CACHE_SEEDED,         /* only requests with a fixed seed */
  GST_WAN_CACHE_ALWAYS,
} GstWanCacheMode;

#define GST_TYPE_WAN_CACHE_MODE (gst_wan_cache_mode_get_type ())
GType gst_wan_cache_mode_get_type (void);

G_END_DECLS
#endif /* __GST_WAN_ENUMS_H__ */
