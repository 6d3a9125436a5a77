/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* GEnum types for wanvideosrc's properties.  The values are the client
 * library's own enums, so a property value is handed over as it is; each
 * enum that the user may leave to the provider starts with "default". */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <wan/wan.h>
#include "gstwanenums.h"

GType
gst_wan_provider_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {WAN_PROVIDER_DASHSCOPE, "Alibaba Cloud Model Studio (DashScope)",
        "dashscope"},
    {WAN_PROVIDER_TOAPIS, "toapis.com", "toapis"},
    {WAN_PROVIDER_EVOLINK, "evolink.ai", "evolink"},
    {WAN_PROVIDER_AIMLAPI, "AI/ML API", "aimlapi"},
    {WAN_PROVIDER_FAL, "fal.ai", "fal"},
    {WAN_PROVIDER_REPLICATE, "Replicate", "replicate"},
    {WAN_PROVIDER_OPENROUTER, "OpenRouter", "openrouter"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWanProvider",
            values));
  return type;
}

GType
gst_wan_resolution_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {WAN_RESOLUTION_DEFAULT, "Provider default (not sent)", "default"},
    {WAN_RESOLUTION_720P, "720p", "720p"},
    {WAN_RESOLUTION_1080P, "1080p", "1080p"},
    {WAN_RESOLUTION_480P, "480p (wan2.5 and older, Wan 3.0)", "480p"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWanResolution",
            values));
  return type;
}

GType
gst_wan_aspect_ratio_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {WAN_ASPECT_DEFAULT, "Provider default (not sent)", "default"},
    {WAN_ASPECT_16_9, "16:9 landscape", "16:9"},
    {WAN_ASPECT_9_16, "9:16 portrait", "9:16"},
    {WAN_ASPECT_1_1, "1:1 square", "1:1"},
    {WAN_ASPECT_4_3, "4:3 landscape", "4:3"},
    {WAN_ASPECT_3_4, "3:4 portrait", "3:4"},
    {WAN_ASPECT_ADAPTIVE, "Follows the inputs (Wan 3.0 only)", "adaptive"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWanAspectRatio",
            values));
  return type;
}

/* The nicks are the names issue #14 fixed for users and scripts. */
GType
gst_wan_family_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {WAN_FAMILY_2_6, "Wan2.6", "wan2.6"},
    {WAN_FAMILY_2_7, "Wan2.7 (DashScope media layout)", "wan2.7"},
    {WAN_FAMILY_3_0, "Wan 3.0 preview", "wan3.0"},
    {WAN_FAMILY_2_5, "Wan2.5 preview", "wan2.5"},
    {WAN_FAMILY_2_2, "Wan2.2", "wan2.2"},
    {WAN_FAMILY_2_1, "Wan2.1", "wan2.1"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWanFamily", values));
  return type;
}

GType
gst_wan_mode_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {WAN_MODE_AUTO, "From the inputs", "auto"},
    {WAN_MODE_T2V, "Text to video", "t2v"},
    {WAN_MODE_I2V, "First frame (and last frame, or a clip) to video",
        "i2v"},
    {WAN_MODE_R2V, "Reference images and videos to video", "r2v"},
    {WAN_MODE_EDIT, "Edit video-uri", "edit"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWanMode", values));
  return type;
}

GType
gst_wan_shot_type_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {WAN_SHOT_DEFAULT, "Provider default (not sent)", "default"},
    {WAN_SHOT_SINGLE, "One continuous shot", "single"},
    {WAN_SHOT_MULTI, "Several shots with cuts", "multi"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWanShotType",
            values));
  return type;
}

/* audio-setting: what wan2.7-videoedit does with sound.  "default" is
 * not sent, so the provider's own default (auto) applies. */
GType
gst_wan_audio_setting_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {WAN_AUDIO_SETTING_DEFAULT, "Provider default (not sent)", "default"},
    {WAN_AUDIO_SETTING_AUTO, "The model decides from the prompt whether to "
          "make new sound", "auto"},
    {WAN_AUDIO_SETTING_ORIGIN, "Keep the input video's sound", "origin"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWanAudioSetting",
            values));
  return type;
}

/* prompt-extend, audio and watermark: a boolean the user may also leave
 * to the provider.  FALSE and TRUE keep their values, so g_object_set()
 * with a gboolean and "false"/"true" in a launch line work as before. */
GType
gst_wan_switch_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_WAN_SWITCH_DEFAULT, "Provider default (not sent)", "default"},
    {GST_WAN_SWITCH_FALSE, "Off (sent as false)", "false"},
    {GST_WAN_SWITCH_TRUE, "On (sent as true)", "true"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWanSwitch", values));
  return type;
}

GType
gst_wan_cache_mode_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_WAN_CACHE_OFF, "Never read or write the cache", "off"},
    {GST_WAN_CACHE_SEEDED, "Only requests with a fixed seed (without one, "
          "the same request makes a different video)", "seeded"},
    {GST_WAN_CACHE_ALWAYS, "Every request, seeded or not", "always"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstWanCacheMode",
            values));
  return type;
}
