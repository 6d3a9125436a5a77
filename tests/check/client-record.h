/* gst-wan tests: what a client run reported, through its callbacks
 *
 * Shared by the client library's test programs (test-client, test-hosted):
 * the task ids it created, every state in the library's and in the
 * provider's own words, the announced length and the video's bytes.
 */

#ifndef __CLIENT_RECORD_H__
#define __CLIENT_RECORD_H__

#include <wan/wan.h>

typedef struct
{
  gchar *created;               /* the last task id on_created gave */
  guint n_created;
  GPtrArray *statuses;          /* wan_task_status_to_string (), in order */
  GPtrArray *words;             /* the provider's own status words */
  guint64 announced;            /* the length on_download announced */
  GByteArray *video;
} Record;

void      record_init       (Record * r);
void      record_clear      (Record * r);
/* Whether the provider ever said @word. */
gboolean  record_saw_word   (const Record * r, const gchar * word);

/* The callbacks, each filling the Record given as user data; alone for
 * tests that add one of their own. */
void      record_on_created  (const gchar * task_id, gpointer data);
void      record_on_state    (const gchar * task_id,
                              const WanTaskState * state, gpointer data);
void      record_on_download (const gchar * url, guint64 length,
                              gpointer data);
gboolean  record_on_data     (const guint8 * bytes, gsize size,
                              gpointer data, GError ** error);

extern const WanTaskCallbacks record_callbacks;

#endif /* __CLIENT_RECORD_H__ */
