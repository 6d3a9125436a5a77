/* gst-wan: a generation request: the value, and the words for its
 * settings
 *
 * Pure.  What a provider accepts of it is checked in wan-validate.c.
 */

#include <string.h>
#include "wan-request-private.h"

void
wan_request_init (WanRequest * req)
{
  memset (req, 0, sizeof (*req));
  req->provider = WAN_PROVIDER_DASHSCOPE;
  req->seed = -1;
  req->prompt_extend = WAN_UNSET;
  req->audio = WAN_UNSET;
  req->watermark = WAN_UNSET;
  req->mode = WAN_MODE_AUTO;
}

void
wan_request_clear (WanRequest * req)
{
  g_free (req->model);
  g_free (req->prompt);
  g_free (req->negative_prompt);
  g_free (req->image_uri);
  g_strfreev (req->reference_uris);
  g_free (req->audio_uri);
  g_free (req->callback_url);
  g_free (req->last_frame_uri);
  g_free (req->video_uri);
  wan_request_init (req);
}

void
wan_request_copy (WanRequest * dest, const WanRequest * src)
{
  *dest = *src;
  dest->model = g_strdup (src->model);
  dest->prompt = g_strdup (src->prompt);
  dest->negative_prompt = g_strdup (src->negative_prompt);
  dest->image_uri = g_strdup (src->image_uri);
  dest->reference_uris = g_strdupv (src->reference_uris);
  dest->audio_uri = g_strdup (src->audio_uri);
  dest->callback_url = g_strdup (src->callback_url);
  dest->last_frame_uri = g_strdup (src->last_frame_uri);
  dest->video_uri = g_strdup (src->video_uri);
}

/* The explicit mode, else the one the inputs call for: references make
 * reference-to-video; a first frame, or a video alone (a clip to
 * continue), image-to-video; a prompt alone text-to-video.  Editing is
 * only ever asked for. */
WanMode
wan_request_get_mode (const WanRequest * req)
{
  if (req->mode != WAN_MODE_AUTO)
    return req->mode;
  if (wan_request_n_references (req) > 0)
    return WAN_MODE_R2V;
  if (wan_str_is_set (req->image_uri) || wan_str_is_set (req->video_uri)
      || wan_str_is_set (req->last_frame_uri))
    return WAN_MODE_I2V;
  return WAN_MODE_T2V;
}

/* The word for @value in @names, or @fallback out of range. */
static const gchar *
name_of (const gchar * const *names, guint n_names, guint value,
    const gchar * fallback)
{
  return value < n_names ? names[value] : fallback;
}

const gchar *
wan_mode_to_string (WanMode mode)
{
  static const gchar *const names[] = { "text-to-video", "image-to-video",
    "reference-to-video", "video editing"
  };

  return name_of (names, G_N_ELEMENTS (names), mode, "unknown");
}

const gchar *
wan_resolution_to_string (WanResolution resolution)
{
  static const gchar *const names[] = { "default", "720p", "1080p", "480p"
  };

  return name_of (names, G_N_ELEMENTS (names), resolution, "default");
}

const gchar *
wan_aspect_ratio_to_string (WanAspectRatio aspect)
{
  static const gchar *const names[] = { "default", "16:9", "9:16", "1:1",
    "4:3", "3:4", "adaptive"
  };

  return name_of (names, G_N_ELEMENTS (names), aspect, "default");
}

const gchar *
wan_family_to_string (WanFamily family)
{
  static const gchar *const names[] = { "wan2.6", "wan2.7", "wan3.0",
    "wan2.5", "wan2.2", "wan2.1"
  };

  return name_of (names, G_N_ELEMENTS (names), family, "unknown");
}

const gchar *
wan_shot_type_to_string (WanShotType shot)
{
  static const gchar *const names[] = { "default", "single", "multi" };

  return name_of (names, G_N_ELEMENTS (names), shot, "default");
}

const gchar *
wan_audio_setting_to_string (WanAudioSetting setting)
{
  static const gchar *const names[] = { "default", "auto", "origin" };

  return name_of (names, G_N_ELEMENTS (names), setting, "default");
}

void
wan_frame_size (WanResolution resolution, WanAspectRatio aspect,
    guint * width, guint * height)
{
  /* The table every provider documents, 720p, 1080p then 480p row; 480p
   * has no 4:3 or 3:4 size (validation refuses them). */
  static const guint sizes[3][5][2] = {
    {{1280, 720}, {720, 1280}, {960, 960}, {1088, 832}, {832, 1088}},
    {{1920, 1080}, {1080, 1920}, {1440, 1440}, {1632, 1248}, {1248, 1632}},
    {{832, 480}, {480, 832}, {624, 624}, {832, 480}, {480, 832}},
  };
  guint r = resolution == WAN_RESOLUTION_720P ? 0 :
      resolution == WAN_RESOLUTION_480P ? 2 : 1;
  guint a = aspect == WAN_ASPECT_DEFAULT
      || aspect == WAN_ASPECT_ADAPTIVE ? 0 : aspect - 1;

  *width = sizes[r][a][0];
  *height = sizes[r][a][1];
}
