/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_INPUT_H__
#define __GST_WAN_INPUT_H__

#include <gst/gst.h>
#include <wan/wan.h>

G_BEGIN_DECLS
/* Measures every local input of @req with GStreamer's discoverer (what it
 * is, its format, size, sides and length) and checks it against what the
 * provider documents (docs/providers.md, each provider's "Create request"
 * and upload rows), so that a file the provider would refuse costs
 * nothing.  Returns at once when @cancellable fires. */
gboolean gst_wan_input_check_local (const WanRequest * req,
    GCancellable * cancellable, GError ** error);

G_END_DECLS
#endif /* __GST_WAN_INPUT_H__ */
