/* gst-wan: a request's inputs, and what kind of place each URI names
 * (private)
 *
 * Pure.  Every walk over a request's inputs (validation, the digest,
 * making local files usable) goes through wan_request_foreach_input(), so
 * a new kind of input is added in one list.
 */

#ifndef __WAN_INPUT_H__
#define __WAN_INPUT_H__

#include <wan/wan-request.h>

G_BEGIN_DECLS

#define WAN_N_INPUT_KINDS 3

typedef enum
{
  WAN_URI_NONE,                 /* NULL or empty: no input */
  WAN_URI_LOCAL,                /* a path, or a file:// URI of this machine */
  WAN_URI_WEB,                  /* http(s) with a host */
  WAN_URI_DATA,                 /* a data: URI */
  WAN_URI_OTHER,                /* anything else: no provider takes it */
} WanUriClass;

WanUriClass   wan_uri_classify          (const gchar * uri);

/* "an image", "a video", "an audio file": for messages. */
const gchar * wan_input_kind_to_noun    (WanInputKind kind);

/* Whether @uri holds an image, a video or audio: by a data: URI's media
 * type, a local file's first bytes (else its extension), or a URL path's
 * extension.  FALSE when nothing tells. */
gboolean      wan_input_guess_kind      (const gchar * uri,
                                         WanInputKind * kind);

/* Called for each input @req sets, in the order image, audio, each
 * reference (as the kind wan_input_guess_kind() finds, else a video),
 * the last frame, then the input video, with the property the user gave
 * it in (the words of any message about it); @uri may be replaced
 * (g_free() the old one).  The walk stops at the first FALSE. */
typedef gboolean (*WanInputFunc)        (WanInputKind kind,
                                         const gchar * property,
                                         gchar ** uri, gpointer data,
                                         GError ** error);

gboolean      wan_request_foreach_input (WanRequest * req,
                                         WanInputFunc func, gpointer data,
                                         GError ** error);

/* The number of @req's inputs that are local files. */
guint         wan_request_count_local_inputs (const WanRequest * req);

G_END_DECLS

#endif /* __WAN_INPUT_H__ */
