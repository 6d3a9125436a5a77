/* gst-wan: Wan video generation client
 *
 * A provider-neutral description of one Wan generation request, and the
 * checks every provider's documented limits impose on it.  Nothing here does
 * any I/O.
 *
 * This library is free software; you can redistribute it and/or modify it
 * under the terms of the GNU Library General Public License as published by
 * the Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#ifndef __WAN_REQUEST_H__
#define __WAN_REQUEST_H__

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WAN_PROVIDER_DASHSCOPE,
  WAN_PROVIDER_TOAPIS,
  WAN_PROVIDER_EVOLINK,
  WAN_PROVIDER_AIMLAPI,
  WAN_PROVIDER_FAL,
  WAN_PROVIDER_REPLICATE,
  WAN_PROVIDER_OPENROUTER,
} WanProviderId;

#define WAN_N_PROVIDERS 7

typedef enum
{
  WAN_MODE_AUTO = -1,           /* a request's mode: from its inputs */
  WAN_MODE_T2V,                 /* text to video */
  WAN_MODE_I2V,                 /* first frame (and last frame, or a clip
                                 * to continue) to video */
  WAN_MODE_R2V,                 /* reference images and videos to video */
  WAN_MODE_EDIT,                /* an input video, edited */
} WanMode;

/* The model generation a request is routed to.  WAN_FAMILY_2_6 is the
 * default, so a request that names none keeps today's models. */
typedef enum
{
  WAN_FAMILY_2_6,
  WAN_FAMILY_2_7,
  WAN_FAMILY_3_0,
  WAN_FAMILY_2_5,
  WAN_FAMILY_2_2,
  WAN_FAMILY_2_1,
} WanFamily;

#define WAN_N_FAMILIES 6

/* Every enum starts with a DEFAULT value: a setting left at DEFAULT is not
 * sent at all, so the provider's own default applies. */
typedef enum
{
  WAN_RESOLUTION_DEFAULT,
  WAN_RESOLUTION_720P,
  WAN_RESOLUTION_1080P,
  WAN_RESOLUTION_480P,          /* wan2.5 and older, Wan 3.0 */
} WanResolution;

typedef enum
{
  WAN_ASPECT_DEFAULT,
  WAN_ASPECT_16_9,
  WAN_ASPECT_9_16,
  WAN_ASPECT_1_1,
  WAN_ASPECT_4_3,
  WAN_ASPECT_3_4,
  WAN_ASPECT_ADAPTIVE,          /* Wan 3.0 only: follows the inputs */
} WanAspectRatio;

typedef enum
{
  WAN_SHOT_DEFAULT,
  WAN_SHOT_SINGLE,
  WAN_SHOT_MULTI,
} WanShotType;

/* What wan2.7-videoedit does with sound (docs/providers.md, "wan2.7
 * (media layout)"): left to the model, or the input video's kept. */
typedef enum
{
  WAN_AUDIO_SETTING_DEFAULT,
  WAN_AUDIO_SETTING_AUTO,       /* the model decides from the prompt */
  WAN_AUDIO_SETTING_ORIGIN,     /* the input video's own sound */
} WanAudioSetting;

/* Booleans the user may leave unset (the provider decides), or set. */
#define WAN_UNSET (-1)

typedef struct
{
  WanProviderId provider;
  gchar *model;                 /* NULL: routed from provider, mode, flash */
  gboolean flash;

  gchar *prompt;
  gchar *negative_prompt;
  gchar *image_uri;
  gchar **reference_uris;       /* NULL-terminated, NULL or empty: none */
  gchar *audio_uri;
  gchar *callback_url;

  WanResolution resolution;
  WanAspectRatio aspect_ratio;
  guint duration;               /* seconds, 0: not sent */
  gint64 seed;                  /* -1: not sent */
  gint prompt_extend;           /* WAN_UNSET, FALSE or TRUE */
  gint audio;                   /* WAN_UNSET, FALSE or TRUE */
  gint watermark;               /* WAN_UNSET, FALSE or TRUE */
  WanShotType shot_type;

  /* The newer families (issue #14, docs/providers.md,
   * "DashScope layouts"). */
  WanFamily family;
  WanMode mode;                 /* WAN_MODE_AUTO: from the inputs */
  gchar *last_frame_uri;
  gchar *video_uri;             /* a clip to continue, or to edit */
  WanAudioSetting audio_setting;        /* wan2.7-videoedit only */
} WanRequest;

void          wan_request_init            (WanRequest * req);
void          wan_request_clear           (WanRequest * req);
void          wan_request_copy            (WanRequest * dest,
                                           const WanRequest * src);

WanMode       wan_request_get_mode        (const WanRequest * req);

/* The model id that will be sent: the explicit one, else the routed one.
 * NULL when the provider has no model for this mode. */
const gchar * wan_request_get_model       (const WanRequest * req);

/* Checks the request against the provider's documented limits.  The error
 * (WAN_ERROR_INVALID) names the offending property and the provider. */
gboolean      wan_request_validate        (const WanRequest * req,
                                           GError ** error);

/* The longest duration, in seconds, that any provider's model takes: the
 * upper bound of a duration worth offering at all. */
guint         wan_request_max_duration    (void);

/* Local inputs: image-uri, reference-uris and audio-uri may also name a
 * file on this machine, as a path or a file:// URI.  The client makes it
 * usable the way the provider allows (an upload, or a data: URI). */
typedef enum
{
  WAN_INPUT_IMAGE,
  WAN_INPUT_VIDEO,
  WAN_INPUT_AUDIO,
} WanInputKind;

/* The property an input of @kind is usually given in: "image-uri",
 * "reference-uris" or "audio-uri".  Errors about an input name the
 * property it was actually set in (a last frame is "last-frame-uri", an
 * input video "video-uri"). */
const gchar * wan_input_kind_to_property  (WanInputKind kind);

/* The file @uri names when it is local, else NULL (http(s), data:). */
gchar *       wan_input_get_local_path    (const gchar * uri);

/* TRUE when any input of @req is a local file. */
gboolean      wan_request_has_local_inputs (const WanRequest * req);

/* What a local file is, as the caller measured it (the element asks
 * GStreamer's discoverer).  Zero means unknown. */
typedef struct
{
  WanInputKind kind;            /* what the file holds */
  const gchar *format;          /* "jpeg", "png", "webp", "gif", "bmp",
                                 * "mp4", "mov", "mp3", or a media type */
  guint64 size;                 /* bytes */
  guint width, height;          /* images */
  gboolean has_alpha;
  guint64 duration_ms;          /* audio and video */
} WanFileInfo;

/* Checks the local file @uri, given as @kind, against what the request's
 * provider documents for it (format, size, sides, length).  The error
 * (WAN_ERROR_INVALID) names the property and the file. */
gboolean      wan_request_check_file      (const WanRequest * req,
                                           WanInputKind kind,
                                           const gchar * uri,
                                           const WanFileInfo * info,
                                           GError ** error);

const gchar * wan_provider_id_to_string   (WanProviderId id);
gboolean      wan_provider_id_from_string (const gchar * name,
                                           WanProviderId * id);
const gchar * wan_provider_default_base_url (WanProviderId id);

/* The environment variable the provider's own tools read the key from. */
const gchar * wan_provider_key_env        (WanProviderId id);

const gchar * wan_mode_to_string          (WanMode mode);
const gchar * wan_family_to_string        (WanFamily family);
const gchar * wan_resolution_to_string    (WanResolution resolution);
const gchar * wan_aspect_ratio_to_string  (WanAspectRatio aspect);
const gchar * wan_shot_type_to_string     (WanShotType shot);
const gchar * wan_audio_setting_to_string (WanAudioSetting setting);

/* Pixel size the providers document for a resolution and aspect ratio
 * (DEFAULT values count as 1080p and 16:9). */
void          wan_frame_size              (WanResolution resolution,
                                           WanAspectRatio aspect,
                                           guint * width, guint * height);

G_END_DECLS

#endif /* __WAN_REQUEST_H__ */
