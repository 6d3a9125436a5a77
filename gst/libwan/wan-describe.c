/* gst-wan: what a create call would send, without sending it
 *
 * For tools that show a request before paying for it (a dry run): the
 * same validation and the same body builder as wan_client_submit(), so
 * what is shown is exactly what would be sent.
 */

#include "wan-client-private.h"
#include "wan-validate.h"

gboolean
wan_client_describe_create (WanClient * client, const WanRequest * req,
    gchar ** url, gchar ** headers, gchar ** body, GError ** error)
{
  const WanProvider *p = client->provider;
  const gchar *upload_header;
  WanPlan *plan;
  gchar *path;

  g_return_val_if_fail (client != NULL && req != NULL, FALSE);
  g_return_val_if_fail (url != NULL && headers != NULL && body != NULL, FALSE);
  plan = wan_client_plan (client, req, error);
  if (plan == NULL)
    return FALSE;
  wan_provider_build_create (plan, &path, body);
  *url = g_strconcat (client->base_url, path, NULL);
  /* As api_request() sends them (wan-client.c), the key left out. */
  upload_header = wan_provider_upload_header (plan, TRUE);
  *headers = g_strdup_printf ("Authorization: %s ***\n"
      "Content-Type: application/json\n%s%s%s%s",
      p->auth_scheme ? p->auth_scheme : "Bearer",
      p->create_header ? p->create_header : "", p->create_header ? "\n" : "",
      upload_header ? upload_header : "", upload_header ? "\n" : "");
  g_free (path);
  wan_plan_free (plan);
  return TRUE;
}
