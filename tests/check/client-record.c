/* gst-wan tests: what a client run reported (client-record.h) */

#include <string.h>
#include "client-record.h"

void
record_on_created (const gchar * task_id, gpointer data)
{
  Record *r = data;

  r->n_created++;
  g_free (r->created);
  r->created = g_strdup (task_id);
}

void
record_on_state (const gchar * task_id, const WanTaskState * state,
    gpointer data)
{
  Record *r = data;

  g_ptr_array_add (r->statuses,
      g_strdup (wan_task_status_to_string (state->status)));
  g_ptr_array_add (r->words, g_strdup (state->provider_status));
}

void
record_on_download (const gchar * url, guint64 length, gpointer data)
{
  ((Record *) data)->announced = length;
}

gboolean
record_on_data (const guint8 * bytes, gsize size, gpointer data,
    GError ** error)
{
  g_byte_array_append (((Record *) data)->video, bytes, size);
  return TRUE;
}

const WanTaskCallbacks record_callbacks = { record_on_created,
  record_on_state, record_on_download, record_on_data
};

void
record_init (Record * r)
{
  memset (r, 0, sizeof (*r));
  r->statuses = g_ptr_array_new_with_free_func (g_free);
  r->words = g_ptr_array_new_with_free_func (g_free);
  r->video = g_byte_array_new ();
}

void
record_clear (Record * r)
{
  g_free (r->created);
  g_ptr_array_unref (r->statuses);
  g_ptr_array_unref (r->words);
  g_byte_array_unref (r->video);
}

gboolean
record_saw_word (const Record * r, const gchar * word)
{
  guint i;

  for (i = 0; i < r->words->len; i++)
    if (g_strcmp0 (g_ptr_array_index (r->words, i), word) == 0)
      return TRUE;
  return FALSE;
}
