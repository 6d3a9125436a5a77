/* gst-wan: JSON helpers shared by the provider tables
 *
 * Answers are read through member paths ("output.task_id") so that each
 * provider only names where a value lives; a value of the wrong type
 * reads as missing, never crashes.
 */

#include <wan/wan-request.h>
#include "wan-json.h"

JsonNode *
wan_json_parse (const gchar * body, gsize size, GError ** error)
{
  JsonParser *parser = json_parser_new_immutable ();
  JsonNode *root = NULL;

  if (json_parser_load_from_data (parser, body ? body : "", size, error))
    root = json_parser_steal_root (parser);
  if (root == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
        "empty document");
  g_object_unref (parser);
  return root;
}

/* The node at @path, such as "output.task_id" or "result.data[0].url", or
 * NULL when any step is missing or of another type.  (json-glib's JsonPath
 * warns on an index past the end of an array, which a hostile answer must
 * never be able to cause.) */
static JsonNode *
wan_json_lookup (JsonNode * root, const gchar * path)
{
  gchar **steps, **step;
  JsonNode *node = root;

  if (root == NULL || path == NULL)
    return NULL;
  steps = g_strsplit (path, ".", -1);
  for (step = steps; node != NULL && *step != NULL; step++) {
    gchar *bracket = strchr (*step, '['), *end = NULL;
    guint64 index = 0;

    if (bracket) {
      *bracket = '\0';
      index = g_ascii_strtoull (bracket + 1, &end, 10);
    }
    if (!JSON_NODE_HOLDS_OBJECT (node)) {
      node = NULL;
      break;
    }
    node = json_object_get_member (json_node_get_object (node), *step);
    if (bracket && node != NULL) {
      if (!JSON_NODE_HOLDS_ARRAY (node) || end == bracket + 1 || *end != ']'
          || index >= json_array_get_length (json_node_get_array (node)))
        node = NULL;
      else
        node = json_array_get_element (json_node_get_array (node), index);
    }
  }
  g_strfreev (steps);
  return node;
}

/* A string value; a number is read as its decimal text (some providers
 * send codes as numbers, others as strings). */
gchar *
wan_json_get_string (JsonNode * root, const gchar * path)
{
  JsonNode *node = wan_json_lookup (root, path);
  gchar *value = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)) {
    GType type = json_node_get_value_type (node);

    if (type == G_TYPE_STRING)
      value = json_node_dup_string (node);
    else if (type == G_TYPE_INT64)
      value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  }
  return value;
}

gchar *
wan_json_get_first_string (JsonNode * root, const gchar * const *paths)
{
  gchar *value = NULL;

  for (; paths != NULL && *paths != NULL && value == NULL; paths++)
    value = wan_json_get_string (root, *paths);
  return value;
}

/* An integer value; a float is truncated and a string of digits is read
 * (aimlapi sends "statusCode" and sample durations as strings). */
gboolean
wan_json_get_int (JsonNode * root, const gchar * path, gint64 * value)
{
  JsonNode *node = wan_json_lookup (root, path);
  gboolean found = FALSE;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)) {
    GType type = json_node_get_value_type (node);

    if (type == G_TYPE_INT64) {
      *value = json_node_get_int (node);
      found = TRUE;
    } else if (type == G_TYPE_DOUBLE) {
      gdouble d = json_node_get_double (node);

      found = d > G_MININT64 && d < G_MAXINT64;
      if (found)
        *value = (gint64) d;
    } else if (type == G_TYPE_STRING) {
      found = g_ascii_string_to_signed (json_node_get_string (node), 10,
          G_MININT64, G_MAXINT64, value, NULL);
    }
  }
  return found;
}

void
wan_json_add_int (JsonBuilder * b, const gchar * name, gboolean set,
    gint64 value)
{
  if (!set)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
wan_json_add_string (JsonBuilder * b, const gchar * name, const gchar * value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

void
wan_json_add_string_array (JsonBuilder * b, const gchar * name,
    const gchar * const *values)
{
  if (values == NULL || values[0] == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (; *values != NULL; values++)
    json_builder_add_string_value (b, *values);
  json_builder_end_array (b);
}

/* A tri-state switch is only written when the user set it. */
void
wan_json_add_switch (JsonBuilder * b, const gchar * name, gint value)
{
  if (value == WAN_UNSET)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value != FALSE);
}
