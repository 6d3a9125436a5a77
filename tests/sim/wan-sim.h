/* wan-sim: an offline stand-in for the seven Wan provider APIs
 *
 * One HTTP server speaks every dialect of docs/providers.md, each under
 * its own path prefix (http://127.0.0.1:PORT/dashscope, …/toapis,
 * …/evolink, …/aimlapi, …/fal, …/replicate, …/openrouter), because toapis
 * and evolink share the same create path.
 * Finished videos are real MP4 files rendered by GStreamer and served from
 * a second port, like a CDN.  The server runs on its own thread with its
 * own GMainContext, so a test thread may block on a bus meanwhile.
 */

#ifndef __WAN_SIM_H__
#define __WAN_SIM_H__

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define WAN_SIM_DEFAULT_KEY "sim-key"

typedef struct _WanSim WanSim;

/* Starts on loopback; a port of 0 picks a free one.  Fails at once, naming
 * the element and its Debian package, when an element the renders need is
 * not installed, or when the wan-sim-render helper is not found. */
WanSim *     wan_sim_new               (guint api_port, guint cdn_port,
                                        GError ** error);
void         wan_sim_free              (WanSim * sim);

/* Parses a pipeline @description the way the renders are checked: an
 * element that is not installed is an error naming it (and its Debian
 * package when the simulator uses it).  Nothing is run. */
gboolean     wan_sim_check_pipeline    (const gchar * description,
                                        GError ** error);

/* "http://127.0.0.1:PORT/PROVIDER", the element's base-url. */
gchar *      wan_sim_get_base_url      (WanSim * sim, const gchar * provider);
guint        wan_sim_get_api_port      (WanSim * sim);

/* How long a task stays queued and running (default 400 ms). */
void         wan_sim_set_task_ms       (WanSim * sim, guint ms);
/* Frame rate of rendered videos (default 8: quick to render in tests). */
void         wan_sim_set_fps           (WanSim * sim, guint fps);
/* Answer with the older shapes docs/providers.md marks [var]. */
void         wan_sim_set_variant       (WanSim * sim, gboolean variant);

/* Faults that are not an HTTP status, for wan_sim_inject(). */
#define WAN_SIM_DROP 1          /* do the work, then hang up unanswered */
#define WAN_SIM_CUT 2           /* download: hang up halfway through */
#define WAN_SIM_NO_RANGE 3      /* download: ignore Range, send it all */
#define WAN_SIM_STALL 4         /* never answer; a download stalls halfway */
/* API answers spoiled after the work is done: */
#define WAN_SIM_HTML 5          /* an HTML page (a proxy's), status 200 */
#define WAN_SIM_TRUNCATED 6     /* the JSON cut off halfway */
#define WAN_SIM_HUGE 7          /* 8 MiB of JSON */
#define WAN_SIM_REDIRECT_LOOP 8 /* 302 to the same URL */
#define WAN_SIM_BAD_VIDEO_URL 9 /* the video URL becomes file:///etc/passwd */
/* Download: a 206 whose Content-Range has "*" for the size (valid HTTP),
 * with the part's Content-Length, or chunked. */
#define WAN_SIM_SIZE_UNKNOWN 10
#define WAN_SIM_SIZE_UNKNOWN_CHUNKED 11
/* Download: a 206 with "*" for the size and only the first half of the
 * bytes asked for (a server may send less than an open range). */
#define WAN_SIM_SHORT_RANGE 12
/* Download: a chunked 206 whose Content-Range ends at 2^63-1. */
#define WAN_SIM_BAD_RANGE 13
/* Storage: HTTP 400 with a short plain-text page (a proxy's), not OSS's
 * XML. */
#define WAN_SIM_PLAIN_ERROR 14

/* Fault injection: @count more requests to @endpoint ("create", "status",
 * "download", "cancel", "upload" or "storage") are answered with @fault
 * (faults queue up in the order injected), an HTTP status (with the
 * dialect's own error body) or one of the WAN_SIM_ faults above.
 * Tasks also obey markers in their prompt: "[fail]" ends failed,
 * "[never]" never finishes, "[ms=N]" takes N ms instead of the set time,
 * "[queued=N]" answers its first N status requests queued (fal: with
 * queue_position 2, 1, then 0). */
void         wan_sim_inject            (WanSim * sim, const gchar * endpoint,
                                        guint fault, guint count);
/* A Retry-After header on injected error answers (-1: none, default). */
void         wan_sim_set_retry_after   (WanSim * sim, gint seconds);

/* A provider's limit on concurrent tasks: a create while @max_running
 * tasks are queued or generating is answered 429 (0: no limit, the
 * default). */
void         wan_sim_set_max_running   (WanSim * sim, guint max_running);

/* What the server saw. */
/* The most tasks queued or generating at once, counted at each create. */
guint        wan_sim_most_running      (WanSim * sim);
/* Tasks created (a create refused is not one). */
guint        wan_sim_tasks_created     (WanSim * sim);
guint        wan_sim_count             (WanSim * sim, const gchar * endpoint);
JsonNode *   wan_sim_last_create_body  (WanSim * sim);
gchar *      wan_sim_last_create_path  (WanSim * sim);
/* A request header as last seen on @endpoint, NULL when absent. */
gchar *      wan_sim_last_header       (WanSim * sim, const gchar * endpoint,
                                        const gchar * name);
/* The file served for @task_id, once rendered. */
gchar *      wan_sim_get_video_path    (WanSim * sim, const gchar * task_id);
gchar *      wan_sim_last_task_id      (WanSim * sim);
/* Where the last file uploaded (toapis, evolink, fal, dashscope) was
 * kept, or NULL. */
gchar *      wan_sim_last_upload_path  (WanSim * sim);
/* Where DashScope's temporary storage keeps the file a create names as
 * @oss_url ("oss://KEY"), uploaded for @model; NULL when it has none.
 * Its upload host is the CDN origin: a form POST there is the endpoint
 * "storage" (wan_sim_count(), wan_sim_last_header(), wan_sim_inject()),
 * and getPolicy is an "upload". */
gchar *      wan_sim_oss_file          (WanSim * sim, const gchar * model,
                                        const gchar * oss_url);

/* A task of @provider that is already finished and whose video is the
 * file at @video_path (linked, not copied: for large benchmark files). */
gchar *      wan_sim_add_finished_task (WanSim * sim, const gchar * provider,
                                        const gchar * video_path);
/* Status requests seen for @task_id, and when it is (or was) done on the
 * monotonic clock. */
guint        wan_sim_task_polls        (WanSim * sim, const gchar * task_id);
gint64       wan_sim_task_done_us      (WanSim * sim, const gchar * task_id);

/* Process ids of the wan-sim-render children rendering right now, in a
 * zero-terminated array.  A render starts before the create is answered,
 * so it is listed by the time the client has its task id. */
GPid *       wan_sim_running_renders   (WanSim * sim);

/* "http://127.0.0.1:PORT" with a port nobody listens on, for tests of
 * refused connections: a port just bound, noted and closed again. */
gchar *      wan_sim_unused_url        (void);

G_END_DECLS

#endif /* __WAN_SIM_H__ */
