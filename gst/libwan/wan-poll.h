/* gst-wan: when to ask for a task's status next (private) */

#ifndef __WAN_POLL_H__
#define __WAN_POLL_H__

#include <wan/wan-client.h>

G_BEGIN_DECLS

/* How long to wait before the next status request: @elapsed_ms since
 * the task was submitted (or resumed), @n_polls made so far, @last the
 * latest state (NULL before the first poll). */
guint      wan_poll_next_ms          (gint64 elapsed_ms, guint n_polls,
                                      const WanTaskState * last);

G_END_DECLS

#endif /* __WAN_POLL_H__ */
