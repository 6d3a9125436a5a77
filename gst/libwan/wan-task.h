/* gst-wan: a created task, as the provider's create answer describes it
 * (private)
 */

#ifndef __WAN_TASK_H__
#define __WAN_TASK_H__

#include <wan/wan-client.h>

G_BEGIN_DECLS

/* What the status and cancel calls are built from.  The first four
 * providers answer a create with an id only, and their status and cancel
 * paths are fixed formats around it; others answer with the URLs to poll,
 * fetch and cancel (docs/providers.md, "Common life cycle"), which are
 * then used as given. */
typedef struct
{
  gchar *id;
  gchar *status_url;            /* NULL: the provider's status path */
  gchar *result_url;            /* NULL: the status answer has the video */
  gchar *cancel_url;            /* NULL: the provider's cancel path */
} WanTaskHandle;

/* A handle for a task known only by its id (given by the user, or found
 * in a journal). */
void       wan_task_handle_init_id   (WanTaskHandle * handle,
                                      const gchar * task_id);
void       wan_task_handle_clear     (WanTaskHandle * handle);

G_END_DECLS

#endif /* __WAN_TASK_H__ */
