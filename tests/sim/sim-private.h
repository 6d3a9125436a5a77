/* wan-sim internals: one task model, four thin dialects
 *
 * A task is provider-neutral (what to render, how long it takes, whether
 * it fails); each dialect only validates its create body into a task and
 * renders the task back as its own JSON.
 */

#ifndef __SIM_PRIVATE_H__
#define __SIM_PRIVATE_H__

#include <libsoup/soup.h>
#include "wan-sim.h"

G_BEGIN_DECLS

typedef enum
{
  SIM_QUEUED,
  SIM_RUNNING,
  SIM_SUCCEEDED,
  SIM_FAILED,
  SIM_CANCELED,                 /* only dialects with match_cancel see it */
} SimState;

typedef struct _SimDialect SimDialect;

typedef struct
{
  gchar *id;
  const SimDialect *dialect;
  gchar *model;
  const gchar *mode;            /* "t2v", "i2v" or "r2v" */
  gchar *prompt;
  guint width, height, duration;
  gboolean audio;
  gboolean fail, never;
  gboolean canceled;
  guint polls;                  /* status requests seen */
  guint queued_polls;           /* answered queued to this many first */
  gint64 created_us;
  guint task_ms;
  /* "http://127.0.0.1:PORT/DIALECT": for the URLs an answer carries. */
  gchar *api_base;
  /* The simulator's directory, where uploaded files are kept. */
  const gchar *store_dir;

  /* Set by the renderer thread, under the server lock. */
  gboolean rendered;
  gchar *path;
  gchar *video_url;
} SimTask;

/* A refusal: HTTP status and the provider's message (and parameter). */
typedef struct
{
  guint status;
  gchar *message;
  const gchar *param;
} SimError;

struct _SimDialect
{
  const gchar *name;
  const gchar *create_path;
  /* For a dialect that names the model in the create path (fal): the
   * model a POST to @path creates a task of, or NULL; @create_path is
   * then unused. */
  gchar *(*match_create) (const gchar * path);
  const gchar *auth_scheme;     /* NULL: "Bearer" */
  guint create_status;          /* of a create taken; 0: 200 */
  const gchar *cancel_method;   /* NULL: "POST" */
  /* fal's storage: a POST of @token_path (with the key) answers a token
   * that a raw POST of the bytes to @raw_upload_path must carry instead
   * of the key.  NULL: none. */
  const gchar *token_path;
  const gchar *raw_upload_path;
  /* DashScope's temporary storage: a GET of @policy_path (with the key)
   * answers a form policy for the storage host (sim-oss.c).  NULL: none. */
  const gchar *policy_path;
  /* Checks the body as strictly as docs/providers.md says the service
   * does and fills the task's size, duration, audio, model and mode. */
  gboolean (*parse_create) (JsonObject * body, SoupMessageHeaders * headers,
      SimTask * task, SimError * err);
  JsonNode *(*render_create) (const SimTask * task, gboolean variant);
  /* Optional: a second create path (DashScope's first-and-last-frame
   * endpoint), and a parse_create told which path was asked. */
  const gchar *create_path2;
  gboolean (*parse_create_at) (const gchar * path, JsonObject * body,
      SoupMessageHeaders * headers, SimTask * task, SimError * err);
  /* The task id a status request names, or NULL. */
  gchar *(*match_status) (const gchar * path, GHashTable * query);
  JsonNode *(*render_status) (const SimTask * task, SimState state,
      gint progress, gboolean variant);
  JsonNode *(*render_error) (const SimError * err);
  /* dashscope answers an unknown id with HTTP 200; NULL means 404. */
  JsonNode *(*render_unknown) (const gchar * id);
  /* The task id a POST cancel request names, or NULL; NULL when the
   * provider documents no cancel. */
  gchar *(*match_cancel) (const gchar * path);
  /* A cancel that cannot be honoured (the task is no longer queued). */
  JsonNode *(*render_cancel_refused) (const SimTask * task);
  /* A cancel taken; NULL: dashscope's {"request_id"}, HTTP 200. */
  JsonNode *(*render_cancel_ok) (const SimTask * task, guint * status);
  /* A separate result request (fal): the task id a GET of @path names,
   * and the answer with its HTTP status. */
  gchar *(*match_result) (const gchar * path);
  JsonNode *(*render_result) (const SimTask * task, SimState state,
      guint * status);
  /* A video served on the API origin, with the key (OpenRouter): the
   * task id a GET of @path names. */
  gchar *(*match_content) (const gchar * path);
};

extern const SimDialect sim_dialect_dashscope;
extern const SimDialect sim_dialect_toapis;
extern const SimDialect sim_dialect_evolink;
extern const SimDialect sim_dialect_aimlapi;
extern const SimDialect sim_dialect_fal;
extern const SimDialect sim_dialect_replicate;
extern const SimDialect sim_dialect_openrouter;

/* Validation helpers (sim-check.c): each returns FALSE and fills @err. */
gboolean  sim_fail              (SimError * err, guint status,
                                 const gchar * param,
                                 const gchar * format, ...)
    G_GNUC_PRINTF (4, 5);
gboolean  sim_check_members     (JsonObject * o, const gchar * const *known,
                                 SimError * err);
gboolean  sim_get_string        (JsonObject * o, const gchar * name,
                                 gboolean required, const gchar ** value,
                                 SimError * err);
gboolean  sim_check_prompt      (JsonObject * o, const gchar * name,
                                 gboolean required, SimTask * task,
                                 SimError * err);
gboolean  sim_check_choice      (JsonObject * o, const gchar * name,
                                 const gchar * const *allowed,
                                 const gchar ** value, SimError * err);
gboolean  sim_check_int         (JsonObject * o, const gchar * name,
                                 guint min, guint max, guint32 mask,
                                 gboolean allow_string, gint64 * value,
                                 SimError * err);
gboolean  sim_check_bool        (JsonObject * o, const gchar * name,
                                 gboolean * value, SimError * err);
gboolean  sim_check_urls        (JsonObject * o, const gchar * name,
                                 guint min, guint max, gboolean allow_data,
                                 guint * count, SimError * err);
gboolean  sim_check_url         (JsonObject * o, const gchar * name,
                                 gboolean https_only, gboolean allow_data,
                                 SimError * err);
gboolean  sim_check_callback    (JsonObject * o, const gchar * name,
                                 SimError * err);
/* Pixel size of a resolution ("720p"/"1080p", any case) and aspect. */
gboolean  sim_frame_size        (const gchar * resolution,
                                 const gchar * aspect, guint * width,
                                 guint * height);
/* Parses "W*H" against the documented sizes. */
gboolean  sim_parse_size        (const gchar * size, guint * width,
                                 guint * height);

JsonNode *sim_node_take         (JsonObject * o);
/* {"error":{"code","message","type","param"}}: toapis and evolink. */
JsonNode *sim_render_typed_error (const SimError * err);
JsonArray *sim_string_array     (const gchar * first, ...) G_GNUC_NULL_TERMINATED;

/* An upload service (sim-upload.c). */
typedef struct
{
  const gchar *dialect;
  const gchar *path;
  guint64 max_bytes;
  gboolean images_only;
} SimUploadService;

/* The service a POST to @path of @dialect reaches, or NULL. */
const SimUploadService *sim_upload_find (const gchar * dialect,
                                 const gchar * path);
/* Takes the multipart upload in @msg: stores its file in @dir and returns
 * its path (NULL when refused), with the answer to send. */
gchar *   sim_upload_take       (const SimUploadService * svc,
                                 SoupServerMessage * msg, const gchar * dir,
                                 guint cdn_port, guint serial,
                                 JsonNode ** answer, guint * status);

/* DashScope's temporary storage (sim-oss.c). */
/* The answer to getPolicy for @model: a policy for the storage host
 * http://127.0.0.1:@cdn_port and the folder numbered @serial. */
JsonNode *sim_oss_render_policy (const gchar * model, guint serial,
                                 guint cdn_port);
/* Takes a form POST to the storage host: the HTTP status, the answer's
 * body (OSS's XML on a refusal) and where the file was kept. */
guint     sim_oss_take          (SoupServerMessage * msg, const gchar * dir,
                                 gchar ** stored, gchar ** answer);
/* Where the file stored as @key for @model is kept under @dir. */
gchar *   sim_oss_file_path     (const gchar * dir, const gchar * model,
                                 const gchar * key);
/* An OSS error body. */
gchar *   sim_oss_error         (const gchar * code, const gchar * message);

/* Rendering (sim-render.c), in a wan-sim-render child process. */
/* The helper's path, or NULL and an error naming where it looked. */
gchar *   sim_render_find_helper (GError ** error);
/* Every element the render needs is installed; checked once per process. */
gboolean  sim_render_check      (GError ** error);
/* Starts rendering @task's MP4 into @path; its stderr is piped. */
GSubprocess *sim_render_spawn   (const SimTask * task, const gchar * helper,
                                 const gchar * path, guint fps,
                                 GError ** error);

G_END_DECLS

#endif /* __SIM_PRIVATE_H__ */
