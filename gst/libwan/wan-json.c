/* gst-wan: JSON helpers shared by the provider tables
 *
 * Answers are read through JSONPath so that each provider only names where
 * a value lives; a value of the wrong type reads as missing, never crashes.
 */

#include "wan-provider.h"

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

/* The first node @path matches, or NULL. */
static JsonNode *
wan_json_lookup (JsonNode * root, const gchar * path)
{
  JsonNode *matches, *first = NULL;
  JsonArray *array;

  if (root == NULL || path == NULL)
    return NULL;
  matches = json_path_query (path, root, NULL);
  if (matches == NULL)
    return NULL;
  array = json_node_get_array (matches);
  if (array != NULL && json_array_get_length (array) > 0)
    first = json_node_copy (json_array_get_element (array, 0));
  json_node_unref (matches);
  return first;
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
  if (node != NULL)
    json_node_unref (node);
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
  if (node != NULL)
    json_node_unref (node);
  return found;
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
