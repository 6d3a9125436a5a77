/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstwanmessages.h"

void
gst_wan_post_progress (GstElement * element, GstProgressType type,
    const gchar * code, gint percent, const gchar * format, ...)
{
  GstMessage *msg;
  va_list args;
  gchar *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  msg = gst_message_new_progress (GST_OBJECT (element), type, code, text);
  if (percent >= 0)
    gst_structure_set (gst_message_writable_structure (msg), "percent",
        G_TYPE_INT, percent, NULL);
  gst_element_post_message (element, msg);
  g_free (text);
}

void
gst_wan_post_task (GstElement * element, const WanRequest * req,
    const gchar * task_id, const WanTaskState * state)
{
  GstStructure *s;

  s = gst_structure_new ("wan-task",
      "task-id", G_TYPE_STRING, task_id,
      "provider", G_TYPE_STRING, wan_provider_id_to_string (req->provider),
      "model", G_TYPE_STRING, wan_request_get_model (req),
      "status", G_TYPE_STRING, wan_task_status_to_string (state->status),
      "provider-status", G_TYPE_STRING, state->provider_status,
      "progress", G_TYPE_INT, state->progress, NULL);
  if (state->estimated_seconds >= 0)
    gst_structure_set (s, "estimated-seconds", G_TYPE_INT,
        state->estimated_seconds, NULL);
  if (state->video_url)
    gst_structure_set (s, "video-url", G_TYPE_STRING, state->video_url, NULL);
  if (state->error_message)
    gst_structure_set (s, "error", G_TYPE_STRING, state->error_message, NULL);
  if (state->queue_position >= 0)
    gst_structure_set (s, "queue-position", G_TYPE_INT, state->queue_position,
        NULL);
  gst_element_post_message (element,
      gst_message_new_element (GST_OBJECT (element), s));
}

/* WAN_ERROR → GStreamer's resource error codes. */
static GstResourceError
resource_error_code (const GError * error, gboolean downloading)
{
  /* Once the task succeeded, any failure is one of fetching the video. */
  if (downloading && error->domain == WAN_ERROR)
    return GST_RESOURCE_ERROR_READ;
  if (error->domain != WAN_ERROR)
    return GST_RESOURCE_ERROR_WRITE;    /* the spool's file errors */
  switch (error->code) {
    case WAN_ERROR_AUTH:
    case WAN_ERROR_QUOTA:
      return GST_RESOURCE_ERROR_NOT_AUTHORIZED;
    case WAN_ERROR_NOT_FOUND:
      return GST_RESOURCE_ERROR_NOT_FOUND;
    case WAN_ERROR_INVALID:
      return GST_RESOURCE_ERROR_SETTINGS;
    case WAN_ERROR_TASK_FAILED:
    case WAN_ERROR_TIMEOUT:
      return GST_RESOURCE_ERROR_FAILED;
    default:
      return GST_RESOURCE_ERROR_OPEN_READ;
  }
}

void
gst_wan_post_error (GstElement * element, WanProviderId provider,
    const GError * error, const gchar * task_id, gboolean downloading)
{
  const gchar *name = wan_provider_id_to_string (provider);
  GstStructure *details;
  gchar *text, *debug;

  /* The provider's own words as the message; everything technical
   * (never the key) as debug. */
  text = g_strdup_printf ("%s: %s", name, error->message);
  debug = g_strdup_printf ("provider %s, task %s, HTTP status %u, provider "
      "code %s, request id %s", name, task_id ? task_id : "(none)",
      wan_error_get_http_status (error),
      GST_STR_NULL (wan_error_get_provider_code (error)),
      GST_STR_NULL (wan_error_get_request_id (error)));
  details = gst_structure_new ("details",
      "http-status", G_TYPE_UINT, wan_error_get_http_status (error),
      "provider-code", G_TYPE_STRING, wan_error_get_provider_code (error),
      "request-id", G_TYPE_STRING, wan_error_get_request_id (error),
      "task-id", G_TYPE_STRING, task_id, NULL);
  gst_element_message_full_with_details (element, GST_MESSAGE_ERROR,
      GST_RESOURCE_ERROR, resource_error_code (error, downloading), text,
      debug, __FILE__, GST_FUNCTION, __LINE__, details);
}
