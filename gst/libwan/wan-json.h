/* gst-wan: JSON helpers (private)
 *
 * Answers are read through member paths ("output.task_id",
 * "result.data[0].url") so that a provider only names where a value
 * lives; a value of the wrong type reads as missing, never crashes.
 */

#ifndef __WAN_JSON_H__
#define __WAN_JSON_H__

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode * wan_json_parse            (const gchar * body, gsize size,
                                      GError ** error);
gchar *    wan_json_get_string       (JsonNode * root, const gchar * path);
/* The first string any of @paths (NULL-terminated) finds. */
gchar *    wan_json_get_first_string (JsonNode * root,
                                      const gchar * const *paths);
gboolean   wan_json_get_int          (JsonNode * root, const gchar * path,
                                      gint64 * value);
/* The builders add nothing for a NULL or empty value, or WAN_UNSET. */
void       wan_json_add_string       (JsonBuilder * b, const gchar * name,
                                      const gchar * value);
void       wan_json_add_string_array (JsonBuilder * b, const gchar * name,
                                      const gchar * const *values);
void       wan_json_add_switch       (JsonBuilder * b, const gchar * name,
                                      gint value);
/* Adds @value when @set. */
void       wan_json_add_int          (JsonBuilder * b, const gchar * name,
                                      gboolean set, gint64 value);

G_END_DECLS

#endif /* __WAN_JSON_H__ */
