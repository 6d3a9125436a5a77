/* wan-sim: request checks shared by the dialects
 *
 * The simulator refuses what docs/providers.md says the services refuse,
 * with its own code (not the client's), so the client's local checks are
 * tested against an independent reading of the same documentation.
 */

#include "sim-private.h"

gboolean
sim_fail (SimError * err, guint status, const gchar * param,
    const gchar * format, ...)
{
  va_list args;

  va_start (args, format);
  err->status = status;
  err->param = param;
  g_free (err->message);
  err->message = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

gboolean
sim_check_members (JsonObject * o, const gchar * const *known, SimError * err)
{
  GList *names = json_object_get_members (o), *l;
  gboolean ok = TRUE;

  for (l = names; l && ok; l = l->next) {
    if (!g_strv_contains (known, l->data))
      ok = sim_fail (err, 400, l->data, "unknown parameter '%s'",
          (const gchar *) l->data);
  }
  g_list_free (names);
  return ok;
}

gboolean
sim_get_string (JsonObject * o, const gchar * name, gboolean required,
    const gchar ** value, SimError * err)
{
  JsonNode *node = json_object_get_member (o, name);

  *value = NULL;
  if (node == NULL)
    return required ? sim_fail (err, 400, name, "%s is required", name) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return sim_fail (err, 400, name, "%s must be a string", name);
  *value = json_node_get_string (node);
  if (required && **value == '\0')
    return sim_fail (err, 400, name, "%s must not be empty", name);
  return TRUE;
}

gboolean
sim_check_prompt (JsonObject * o, const gchar * name, gboolean required,
    SimTask * task, SimError * err)
{
  const gchar *prompt, *marker;

  if (!sim_get_string (o, name, required, &prompt, err))
    return FALSE;
  if (prompt && g_utf8_strlen (prompt, -1) > 1500)
    return sim_fail (err, 400, name, "%s is limited to 1500 characters", name);
  g_free (task->prompt);
  task->prompt = g_strdup (prompt);
  if (prompt) {
    task->fail = strstr (prompt, "[fail]") != NULL;
    task->never = strstr (prompt, "[never]") != NULL;
    if ((marker = strstr (prompt, "[ms=")) != NULL)
      task->task_ms = g_ascii_strtoull (marker + 4, NULL, 10);
    if ((marker = strstr (prompt, "[queued=")) != NULL)
      task->queued_polls = g_ascii_strtoull (marker + 8, NULL, 10);
  }
  return TRUE;
}

gboolean
sim_check_choice (JsonObject * o, const gchar * name,
    const gchar * const *allowed, const gchar ** value, SimError * err)
{
  const gchar *v;

  if (!sim_get_string (o, name, FALSE, &v, err))
    return FALSE;
  if (v && !g_strv_contains (allowed, v)) {
    gchar *list = g_strjoinv (", ", (gchar **) allowed);

    sim_fail (err, 400, name, "%s must be one of %s, not '%s'", name, list, v);
    g_free (list);
    return FALSE;
  }
  if (v && value)
    *value = v;
  return TRUE;
}

gboolean
sim_check_int (JsonObject * o, const gchar * name, guint min, guint max,
    guint32 mask, gboolean allow_string, gint64 * value, SimError * err)
{
  JsonNode *node = json_object_get_member (o, name);
  gint64 v;

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    v = json_node_get_int (node);
  else if (allow_string && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING
      && g_ascii_string_to_signed (json_node_get_string (node), 10, 0,
          G_MAXINT64, &v, NULL));
  else
    return sim_fail (err, 400, name, "%s must be an integer", name);
  if (v < min || v > max || (mask && (v >= 32 || !(mask & (1u << v)))))
    return sim_fail (err, 400, name, "%s=%" G_GINT64_FORMAT
        " is not supported", name, v);
  *value = v;
  return TRUE;
}

gboolean
sim_check_bool (JsonObject * o, const gchar * name, gboolean * value,
    SimError * err)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return sim_fail (err, 400, name, "%s must be a boolean", name);
  if (value)
    *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
is_url (const gchar * s, gboolean https_only, gboolean allow_data)
{
  if (allow_data && g_str_has_prefix (s, "data:"))
    return TRUE;
  if (g_str_has_prefix (s, "https://"))
    return s[8] != '\0';
  return !https_only && g_str_has_prefix (s, "http://") && s[7] != '\0';
}

gboolean
sim_check_urls (JsonObject * o, const gchar * name, guint min, guint max,
    gboolean allow_data, guint * count, SimError * err)
{
  JsonNode *node = json_object_get_member (o, name);
  JsonArray *array;
  guint i, n;

  *count = 0;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return sim_fail (err, 400, name, "%s must be an array of URLs", name);
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < min || n > max)
    return sim_fail (err, 400, name, "%s takes %u to %u URLs, not %u", name,
        min, max, n);
  for (i = 0; i < n; i++) {
    JsonNode *e = json_array_get_element (array, i);

    if (!JSON_NODE_HOLDS_VALUE (e)
        || json_node_get_value_type (e) != G_TYPE_STRING
        || !is_url (json_node_get_string (e), FALSE, allow_data))
      return sim_fail (err, 400, name, "%s[%u] is not an http(s) URL", name, i);
  }
  *count = n;
  return TRUE;
}

gboolean
sim_check_url (JsonObject * o, const gchar * name, gboolean https_only,
    gboolean allow_data, SimError * err)
{
  const gchar *url;

  if (!sim_get_string (o, name, FALSE, &url, err))
    return FALSE;
  if (url && !is_url (url, https_only, allow_data))
    return sim_fail (err, 400, name, "%s must be an %s URL", name,
        https_only ? "https" : "http(s)");
  return TRUE;
}

gboolean
sim_check_callback (JsonObject * o, const gchar * name, SimError * err)
{
  const gchar *url;
  static const gchar *const private_prefixes[] = { "https://127.",
    "https://10.", "https://192.168.", "https://localhost", "https://[::1]",
    NULL
  };
  const gchar *const *p;

  if (!sim_check_url (o, name, TRUE, FALSE, err))
    return FALSE;
  sim_get_string (o, name, FALSE, &url, err);
  if (url == NULL)
    return TRUE;
  if (strlen (url) > 2048)
    return sim_fail (err, 400, name, "%s is limited to 2048 characters", name);
  for (p = private_prefixes; *p; p++) {
    if (g_str_has_prefix (url, *p))
      return sim_fail (err, 400, name, "%s must not point at an internal "
          "address", name);
  }
  if (g_str_has_prefix (url, "https://172.")) {
    guint second = atoi (url + strlen ("https://172."));

    if (second >= 16 && second <= 31)
      return sim_fail (err, 400, name, "%s must not point at an internal "
          "address", name);
  }
  return TRUE;
}

/* Frame sizes per aspect ratio and tier; 480p as DashScope's 480P sizes
 * (docs/providers.md, "Legacy layout, per model"), 4:3 and 3:4 there as
 * 640x480 and 480x640. */
static const struct
{
  const gchar *aspect;
  guint w480, h480, w720, h720, w1080, h1080;
} sizes[] = {
  {"16:9", 832, 480, 1280, 720, 1920, 1080},
  {"9:16", 480, 832, 720, 1280, 1080, 1920},
  {"1:1", 624, 624, 960, 960, 1440, 1440},
  {"4:3", 640, 480, 1088, 832, 1632, 1248},
  {"3:4", 480, 640, 832, 1088, 1248, 1632},
};

gboolean
sim_frame_size (const gchar * resolution, const gchar * aspect,
    guint * width, guint * height)
{
  gboolean hd = g_ascii_strcasecmp (resolution, "1080p") == 0;
  gboolean sd = g_ascii_strcasecmp (resolution, "480p") == 0;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (sizes); i++) {
    if (g_strcmp0 (sizes[i].aspect, aspect ? aspect : "16:9") == 0) {
      *width = hd ? sizes[i].w1080 : sd ? sizes[i].w480 : sizes[i].w720;
      *height = hd ? sizes[i].h1080 : sd ? sizes[i].h480 : sizes[i].h720;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean
sim_parse_size (const gchar * size, guint * width, guint * height)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (sizes); i++) {
    gchar *a = g_strdup_printf ("%u*%u", sizes[i].w720, sizes[i].h720);
    gchar *b = g_strdup_printf ("%u*%u", sizes[i].w1080, sizes[i].h1080);
    gboolean hd = g_strcmp0 (size, b) == 0;
    gboolean found = hd || g_strcmp0 (size, a) == 0;

    g_free (a);
    g_free (b);
    if (found) {
      *width = hd ? sizes[i].w1080 : sizes[i].w720;
      *height = hd ? sizes[i].h1080 : sizes[i].h720;
      return TRUE;
    }
  }
  return FALSE;
}

JsonNode *
sim_node_take (JsonObject * o)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), o);

  json_object_unref (o);
  return node;
}

JsonNode *
sim_render_typed_error (const SimError * err)
{
  JsonObject *o = json_object_new (), *error = json_object_new ();
  const gchar *type;

  switch (err->status) {
    case 400:
      type = "invalid_request_error";
      break;
    case 401:
      type = "authentication_error";
      break;
    case 402:
      type = "insufficient_quota";
      break;
    case 403:
      type = "permission_error";
      break;
    case 404:
      type = "not_found_error";
      break;
    case 429:
      type = "rate_limit_error";
      break;
    case 502:
      type = "upstream_error";
      break;
    case 503:
      type = "service_unavailable_error";
      break;
    default:
      type = err->status >= 500 ? "internal_server_error" :
          "invalid_request_error";
  }
  json_object_set_int_member (error, "code", err->status);
  json_object_set_string_member (error, "message", err->message);
  json_object_set_string_member (error, "type", type);
  if (err->param)
    json_object_set_string_member (error, "param", err->param);
  json_object_set_object_member (o, "error", error);
  return sim_node_take (o);
}

JsonArray *
sim_string_array (const gchar * first, ...)
{
  JsonArray *array = json_array_new ();
  va_list args;
  const gchar *s;

  va_start (args, first);
  for (s = first; s != NULL; s = va_arg (args, const gchar *))
      json_array_add_string_element (array, s);
  va_end (args);
  return array;
}
