/* gst-wan: a created task followed to its video (private) */

#ifndef __WAN_RUN_H__
#define __WAN_RUN_H__

#include "wan-task.h"

G_BEGIN_DECLS

/* Polls the task of @handle until it ends, then downloads its video
 * through @callbacks.  A @resumed task may be long finished: it is looked
 * at at once. */
gboolean   wan_run_task              (WanClient * client,
                                      const WanTaskHandle * handle,
                                      gboolean resumed,
                                      const WanRunOptions * options,
                                      const WanTaskCallbacks * callbacks,
                                      gpointer user_data,
                                      GCancellable * cancellable,
                                      GError ** error);

G_END_DECLS

#endif /* __WAN_RUN_H__ */
