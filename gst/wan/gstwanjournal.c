/* GStreamer
 * Copyright (C) 2026 gst-wan developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The journal is a plain directory of small key files, one per request
 * digest.  One file per entry, each replaced by rename(), needs no lock
 * between processes and cannot be torn by a crash: a reader sees the old
 * entry or the new one.  An entry exists from the moment a task is
 * created until its video is delivered, the task fails or is cancelled,
 * or the provider has forgotten it (a day). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/file.h>
#include <glib/gstdio.h>
#include "gstwanfile.h"
#include "gstwanjournal.h"

#define GROUP "task"
#define SUFFIX ".task"

gchar *
gst_wan_journal_default_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "gst-wan", "journal", NULL);
}

void
gst_wan_journal_entry_free (GstWanJournalEntry * entry)
{
  if (entry == NULL)
    return;
  g_free (entry->provider);
  g_free (entry->base_url);
  g_free (entry->task_id);
  g_free (entry->partial);
  g_free (entry);
}

static gchar *
entry_path (const gchar * dir, const gchar * digest)
{
  gchar *name = g_strconcat (digest, SUFFIX, NULL);
  gchar *path = g_build_filename (dir, name, NULL);

  g_free (name);
  return path;
}

gboolean
gst_wan_journal_write (const gchar * dir, const gchar * digest,
    const GstWanJournalEntry * entry, GError ** error)
{
  GKeyFile *kf = g_key_file_new ();
  gchar *path = entry_path (dir, digest), *data;
  gsize len;
  gboolean ok;

  g_key_file_set_string (kf, GROUP, "provider", entry->provider);
  g_key_file_set_string (kf, GROUP, "base-url", entry->base_url);
  g_key_file_set_string (kf, GROUP, "task-id", entry->task_id);
  g_key_file_set_int64 (kf, GROUP, "created", entry->created);
  if (entry->partial)
    g_key_file_set_string (kf, GROUP, "partial", entry->partial);
  data = g_key_file_to_data (kf, &len, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "cannot create the journal directory '%s': %s", dir,
        g_strerror (errno));
    ok = FALSE;
  } else {
    /* Temporary file, fsync, rename: all or nothing, also on power loss. */
    ok = g_file_set_contents_full (path, data, len,
        G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
        error);
    /* GLib syncs the file, not the directory that names it. */
    if (ok)
      gst_wan_file_sync_dir_of (path);
  }
  g_free (data);
  g_free (path);
  g_key_file_free (kf);
  return ok;
}

/* NULL, with @error set, when @path is not a whole entry. */
static GstWanJournalEntry *
read_entry (const gchar * path, GError ** error)
{
  GKeyFile *kf = g_key_file_new ();
  GstWanJournalEntry *entry = NULL;
  GError *err = NULL;

  if (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &err)) {
    entry = g_new0 (GstWanJournalEntry, 1);
    entry->provider = g_key_file_get_string (kf, GROUP, "provider", &err);
    if (!err)
      entry->base_url = g_key_file_get_string (kf, GROUP, "base-url", &err);
    if (!err)
      entry->task_id = g_key_file_get_string (kf, GROUP, "task-id", &err);
    if (!err)
      entry->created = g_key_file_get_int64 (kf, GROUP, "created", &err);
    if (!err && entry->task_id[0] == '\0')
      g_set_error (&err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
          "empty task id");
    entry->partial = g_key_file_get_string (kf, GROUP, "partial", NULL);
  }
  g_key_file_free (kf);
  if (err) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
        "ignoring the corrupt journal entry '%s': %s", path, err->message);
    g_error_free (err);
    g_clear_pointer (&entry, gst_wan_journal_entry_free);
  }
  return entry;
}

static gboolean
expired (const GstWanJournalEntry * entry)
{
  gint64 age = g_get_real_time () / G_USEC_PER_SEC - entry->created;

  return age > GST_WAN_JOURNAL_MAX_AGE_S || age < -GST_WAN_JOURNAL_MAX_AGE_S;
}

void
gst_wan_journal_remove_partial (const gchar * path)
{
  gint fd = g_open (path, O_RDWR | O_CLOEXEC | O_NONBLOCK, 0);

  if (fd < 0)
    return;
  /* A run still writing it holds its lock. */
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    g_unlink (path);
  close (fd);
}

static void
remove_entry (const gchar * path, GstWanJournalEntry * entry,
    gboolean keep_partial)
{
  if (entry && entry->partial && !keep_partial)
    gst_wan_journal_remove_partial (entry->partial);
  g_unlink (path);
}

/* Calls @func on every entry (and NULL for corrupt ones). */
static void
for_each_entry (const gchar * dir, void (*func) (const gchar * path,
        GstWanJournalEntry * entry, gpointer data), gpointer data)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const gchar *name;

  while (d && (name = g_dir_read_name (d)) != NULL) {
    gchar *path;
    GstWanJournalEntry *entry;

    if (!g_str_has_suffix (name, SUFFIX))
      continue;
    path = g_build_filename (dir, name, NULL);
    entry = read_entry (path, NULL);
    func (path, entry, data);
    gst_wan_journal_entry_free (entry);
    g_free (path);
  }
  if (d)
    g_dir_close (d);
}

static void
prune_one (const gchar * path, GstWanJournalEntry * entry, gpointer data)
{
  if (entry && expired (entry))
    remove_entry (path, entry, FALSE);
}

GstWanJournalEntry *
gst_wan_journal_lookup (const gchar * dir, const gchar * digest,
    const gchar * provider, const gchar * base_url, GError ** warning)
{
  gchar *path = entry_path (dir, digest);
  GstWanJournalEntry *entry = NULL;

  for_each_entry (dir, prune_one, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    entry = read_entry (path, warning);
  /* The digest covers provider and address; this only guards against an
   * entry written by hand. */
  if (entry && (g_strcmp0 (entry->provider, provider) != 0
          || g_strcmp0 (entry->base_url, base_url) != 0 || expired (entry)))
    g_clear_pointer (&entry, gst_wan_journal_entry_free);
  g_free (path);
  return entry;
}

void
gst_wan_journal_forget (const gchar * dir, const gchar * digest,
    gboolean keep_partial)
{
  gchar *path = entry_path (dir, digest);
  GstWanJournalEntry *entry = read_entry (path, NULL);

  remove_entry (path, entry, keep_partial);
  gst_wan_journal_entry_free (entry);
  g_free (path);
}

static void
forget_if_task (const gchar * path, GstWanJournalEntry * entry, gpointer data)
{
  if (entry && g_strcmp0 (entry->task_id, data) == 0)
    remove_entry (path, entry, FALSE);
}

void
gst_wan_journal_forget_task (const gchar * dir, const gchar * task_id)
{
  for_each_entry (dir, forget_if_task, (gpointer) task_id);
}
