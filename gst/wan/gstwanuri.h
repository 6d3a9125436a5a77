/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_URI_H__
#define __GST_WAN_URI_H__

#include <gst/gst.h>

G_BEGIN_DECLS
/* wan://PROVIDER?property=value&property=value…
 *
 * The host names the provider; every query key is one of the element's own
 * properties, an array property repeating its key once per item.  A URI
 * describes the whole request: settings it does not name go back to
 * unset (every property's default is "not sent").  A URI names one video:
 * unless it sets cache, the element caches it whatever the seed
 * (cache=always).  The API key is never read from a URI nor written into
 * one. */
#define GST_WAN_URI_SCHEME "wan"
    gboolean gst_wan_uri_apply (GObject * element, const gchar * uri,
    GError ** error);
/* Reads one property as the user set it. */
typedef void (*GstWanUriGetFunc) (GObject * element, GParamSpec * pspec,
    GValue * value);
gchar *gst_wan_uri_build (GObject * element, GstWanUriGetFunc get_value);

G_END_DECLS
#endif /* __GST_WAN_URI_H__ */
