/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Local input files measured by GStreamer itself: the discoverer finds
 * the container and streams (typefind, demuxers, parsers), so no format is
 * parsed here.  The limits live in the provider tables
 * (wan_request_check_file()). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <glib/gstdio.h>
#include <gst/pbutils/pbutils.h>
#include "gstwaninput.h"

/* Long enough for a 100 MB reference video on a slow disk. */
#define DISCOVER_TIMEOUT (20 * GST_SECOND)

typedef struct
{
  GstDiscovererInfo *info;
  GError *error;
  gboolean done;
} Discovery;

static void
on_discovered (GstDiscoverer * disc, GstDiscovererInfo * info,
    GError * error, gpointer data)
{
  Discovery *d = data;

  d->info = g_object_ref (info);
  if (error)
    d->error = g_error_copy (error);
}

static void
on_finished (GstDiscoverer * disc, gpointer data)
{
  ((Discovery *) data)->done = TRUE;
}

static gboolean
on_cancelled (GCancellable * cancellable, gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* The discoverer in its asynchronous mode, on a private main context, so
 * that a cancel (the element stopping) ends the wait at once; the
 * synchronous call would hold stop() until its timeout. */
static GstDiscovererInfo *
discover (const gchar * uri, GCancellable * cancellable, GError ** error)
{
  GMainContext *context = g_main_context_new ();
  GstDiscoverer *disc;
  GSource *wake;
  Discovery d = { NULL, NULL, FALSE };

  g_main_context_push_thread_default (context);
  disc = gst_discoverer_new (DISCOVER_TIMEOUT, error);
  if (disc == NULL)
    goto out;
  g_signal_connect (disc, "discovered", G_CALLBACK (on_discovered), &d);
  g_signal_connect (disc, "finished", G_CALLBACK (on_finished), &d);
  wake = g_cancellable_source_new (cancellable);
  g_source_set_callback (wake, (GSourceFunc) on_cancelled, NULL, NULL);
  g_source_attach (wake, context);
  gst_discoverer_start (disc);
  gst_discoverer_discover_uri_async (disc, uri);
  while (!d.done && !g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (context, TRUE);
  gst_discoverer_stop (disc);
  g_source_destroy (wake);
  g_source_unref (wake);
  g_object_unref (disc);
  if (g_cancellable_set_error_if_cancelled (cancellable, error)) {
    g_clear_object (&d.info);
  } else if (d.error) {
    /* Why the file could not be read, beside the result in d.info. */
    g_propagate_error (error, d.error);
    d.error = NULL;
  } else if (d.info == NULL) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_FAILED,
        "the discoverer gave no answer");
  }
  g_clear_error (&d.error);
out:
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return d.info;
}

/* Short names for the formats the providers list; any other is its
 * media type. */
static const gchar *
format_of (const GstCaps * caps)
{
  const GstStructure *s = gst_caps_get_structure (caps, 0);
  const gchar *name = gst_structure_get_name (s);
  const gchar *variant = gst_structure_get_string (s, "variant");
  gint version = 0, layer = 0;

  if (g_str_has_prefix (name, "image/"))
    return name + strlen ("image/");
  if (g_str_equal (name, "video/quicktime"))
    return g_strcmp0 (variant, "apple") == 0 ? "mov" : "mp4";
  if (g_str_equal (name, "audio/mpeg")
      && gst_structure_get_int (s, "mpegversion", &version) && version == 1
      && gst_structure_get_int (s, "layer", &layer) && layer == 3)
    return "mp3";
  /* A string that lives as long as the program. */
  return name;
}

/* FALSE when the file holds neither video nor audio. */
static gboolean
describe (GstDiscovererInfo * info, WanFileInfo * file)
{
  GstDiscovererStreamInfo *top = gst_discoverer_info_get_stream_info (info);
  GList *videos = gst_discoverer_info_get_video_streams (info);
  GList *audios = gst_discoverer_info_get_audio_streams (info);
  GstCaps *caps = NULL;

  file->duration_ms = gst_discoverer_info_get_duration (info) / GST_MSECOND;
  if (videos) {
    GstDiscovererVideoInfo *v = videos->data;

    file->kind = gst_discoverer_video_info_is_image (v) ? WAN_INPUT_IMAGE :
        WAN_INPUT_VIDEO;
    file->width = gst_discoverer_video_info_get_width (v);
    file->height = gst_discoverer_video_info_get_height (v);
    /* An image's format is its stream's; a video's is its container's. */
    caps = gst_discoverer_stream_info_get_caps (file->kind == WAN_INPUT_IMAGE
        ? GST_DISCOVERER_STREAM_INFO (v) : top);
  } else if (audios) {
    file->kind = WAN_INPUT_AUDIO;
    /* An MP3 often sits behind an ID3 tag "container". */
    caps = gst_discoverer_stream_info_get_caps (audios->data);
  }
  if (caps) {
    file->format = format_of (caps);
    gst_caps_unref (caps);
  }
  /* Evolink's one alpha rule is for PNG; 32 bits is RGBA, 64 RGBA16. */
  if (videos && g_strcmp0 (file->format, "png") == 0) {
    guint depth = gst_discoverer_video_info_get_depth (videos->data);

    file->has_alpha = depth == 32 || depth == 64;
  }
  gst_discoverer_stream_info_list_free (videos);
  gst_discoverer_stream_info_list_free (audios);
  if (top)
    gst_discoverer_stream_info_unref (top);
  return caps != NULL;
}

/* A reference may be an image, a video or (Wan 3.0) audio: it is
 * checked as what it holds (@kind is then only the guess for
 * messages). */
static gboolean
check_one (const WanRequest * req, const gchar * property, WanInputKind kind,
    gboolean reference, const gchar * uri, GCancellable * cancellable,
    GError ** error)
{
  gchar *path = wan_input_get_local_path (uri), *file_uri;
  GstDiscovererInfo *info;
  WanFileInfo file = { kind, NULL, 0, 0, 0, FALSE, 0 };
  GStatBuf st;
  GError *err = NULL;
  gboolean ok;

  if (path == NULL)
    return TRUE;
  if (g_stat (path, &st) != 0) {
    gint code = errno;

    g_set_error (error, WAN_ERROR, code == ENOENT ? WAN_ERROR_NOT_FOUND :
        WAN_ERROR_INVALID, "%s: cannot read '%s': %s",
        property, path, g_strerror (code));
    g_free (path);
    return FALSE;
  }
  if (!S_ISREG (st.st_mode)) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID, "%s: '%s' is not a "
        "regular file", property, path);
    g_free (path);
    return FALSE;
  }
  file.size = st.st_size;
  file_uri = gst_filename_to_uri (path, NULL);
  info = discover (file_uri, cancellable, &err);
  if (info && gst_discoverer_info_get_result (info) == GST_DISCOVERER_OK
      && describe (info, &file)) {
    if (reference)
      kind = file.kind;
    ok = wan_request_check_file (req, kind, uri, &file, error);
  } else if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    g_set_error (error, WAN_ERROR, WAN_ERROR_CANCELLED, "%s: cancelled "
        "while reading '%s'", property, path);
    ok = FALSE;
  } else {
    g_set_error (error, WAN_ERROR, WAN_ERROR_INVALID, "%s: GStreamer cannot "
        "read '%s' as %s (is it one, and is its plugin installed?)%s%s",
        property, path,
        kind == WAN_INPUT_IMAGE ? "an image" : kind ==
        WAN_INPUT_VIDEO ? "a video" : "audio", err ? ": " : "",
        err ? err->message : "");
    ok = FALSE;
  }
  if (info)
    g_object_unref (info);
  g_clear_error (&err);
  g_free (file_uri);
  g_free (path);
  return ok;
}

gboolean
gst_wan_input_check_local (const WanRequest * req, GCancellable * cancellable,
    GError ** error)
{
  guint i;

  if (!check_one (req, "image-uri", WAN_INPUT_IMAGE, FALSE, req->image_uri,
          cancellable, error)
      || !check_one (req, "audio-uri", WAN_INPUT_AUDIO, FALSE, req->audio_uri,
          cancellable, error)
      || !check_one (req, "last-frame-uri", WAN_INPUT_IMAGE, FALSE,
          req->last_frame_uri, cancellable, error)
      || !check_one (req, "video-uri", WAN_INPUT_VIDEO, FALSE, req->video_uri,
          cancellable, error))
    return FALSE;
  for (i = 0; req->reference_uris && req->reference_uris[i]; i++) {
    if (!check_one (req, "reference-uris", WAN_INPUT_VIDEO, TRUE,
            req->reference_uris[i], cancellable, error))
      return FALSE;
  }
  return TRUE;
}
