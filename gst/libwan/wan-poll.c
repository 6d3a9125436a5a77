/* gst-wan: when to ask for a task's status next
 *
 * Pure arithmetic, tested without a server.  Every second between the
 * task's completion and the next poll is a second the user waits, and
 * every poll spends the provider's rate limit; so polls are sparse while
 * completion is far off and dense (1 s) where it is likely.
 *
 * Where the provider reports progress, the task's total time is
 * extrapolated from it; else its own estimated_time is used.  The next
 * poll then comes after half the expected remaining time, so the polls
 * close in on the expected end geometrically and an estimate twice too
 * long still costs no latency.  Once the estimate has passed, polls come
 * every 1 to 4 s.  Without either (DashScope), the schedule is the
 * official SDKs' one, which waits 5 s at most, tightened to 2, 2, 4, 4 … s:
 * as many polls for a one-minute task, a shorter wait after it ends.
 */

#include "wan-poll.h"

#define MIN_INTERVAL_MS 1000
#define MAX_INTERVAL_MS 15000
#define OVERDUE_MAX_INTERVAL_MS 4000

static guint
blind_interval_ms (guint n_polls)
{
  return n_polls < 2 ? 2000 : 4000;
}

guint
wan_poll_next_ms (gint64 elapsed_ms, guint n_polls, const WanTaskState * last)
{
  gint64 remaining;

  if (last && last->status == WAN_TASK_RUNNING && last->progress > 0
      && last->progress < 100 && elapsed_ms > 0)
    remaining = elapsed_ms * (100 - last->progress) / last->progress;
  else if (last && last->estimated_seconds > 0)
    remaining = last->estimated_seconds * 1000ll - elapsed_ms;
  else
    return blind_interval_ms (n_polls);

  if (remaining > 0)
    return CLAMP (remaining / 2, MIN_INTERVAL_MS, MAX_INTERVAL_MS);
  /* Overdue: the estimate was wrong, back off a little as it grows. */
  return CLAMP (-remaining / 4, MIN_INTERVAL_MS, OVERDUE_MAX_INTERVAL_MS);
}
