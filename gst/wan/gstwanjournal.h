/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_WAN_JOURNAL_H__
#define __GST_WAN_JOURNAL_H__

#include <gst/gst.h>

G_BEGIN_DECLS

/* Tasks that were paid for and not yet delivered, one small file per
 * request digest (DIGEST.task in one directory), so that the same request
 * after a crash resumes its task instead of paying for a new one.
 * Providers keep a task for 24 hours; older entries are pruned. */
#define GST_WAN_JOURNAL_MAX_AGE_S (24 * 60 * 60)

typedef struct
{
  gchar *provider;
  gchar *base_url;
  gchar *task_id;
  gint64 created;               /* wall clock, seconds since the epoch */
  gchar *partial;               /* the partial video file, or NULL */
} GstWanJournalEntry;

/* $XDG_STATE_HOME/gst-wan/journal */
gchar *gst_wan_journal_default_dir (void);

void gst_wan_journal_entry_free (GstWanJournalEntry * entry);

/* Writes @entry for @digest atomically and durably (a crash leaves the old
 * entry or the new one, never a torn one). */
gboolean gst_wan_journal_write (const gchar * dir, const gchar * digest,
    const GstWanJournalEntry * entry, GError ** error);

/* The entry for @digest if it names @provider at @base_url and is younger
 * than a day, else NULL.  A corrupt entry is ignored, with *@warning
 * saying why.  Prunes the directory of expired entries (and their partial
 * files) on the way. */
GstWanJournalEntry *gst_wan_journal_lookup (const gchar * dir,
    const gchar * digest, const gchar * provider, const gchar * base_url,
    GError ** warning);

/* Removes the entry for @digest and its partial file, unless @keep_partial
 * or another process is still writing that file. */
void gst_wan_journal_forget (const gchar * dir, const gchar * digest,
    gboolean keep_partial);
/* The same for every entry that names @task_id. */
void gst_wan_journal_forget_task (const gchar * dir, const gchar * task_id);

/* Removes a partial video file nobody holds open for writing. */
void gst_wan_journal_remove_partial (const gchar * path);

G_END_DECLS

#endif /* __GST_WAN_JOURNAL_H__ */
