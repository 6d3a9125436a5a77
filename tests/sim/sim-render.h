/* wan-sim: the render pipeline, shared by the simulator and its helper
 *
 * The simulator never runs this pipeline itself: wan-sim-render does, in a
 * child process (see sim-render.c).  Both parse the same description, so
 * the check made when the simulator starts is the one the render needs.
 */

#ifndef __SIM_RENDER_H__
#define __SIM_RENDER_H__

#include <gst/gst.h>

G_BEGIN_DECLS

/* A test pattern at the requested size and frame count with the prompt
 * drawn on it.  mp4mux writes its moov atom at the end (no faststart), the
 * harder case for a player, so every simulated download exercises
 * seeking. */
#define SIM_RENDER_PIPELINE \
  "videotestsrc name=video pattern=smpte is-live=false " \
  "! capsfilter name=size " \
  "! textoverlay name=text valignment=center halignment=center " \
  "  shaded-background=true " \
  "! videoconvert ! video/x-raw,format=I420 " \
  "! x264enc speed-preset=ultrafast key-int-max=8 " \
  "! h264parse ! mp4mux name=mux ! filesink name=sink "

/* A sine tone, when the request has audio. */
#define SIM_RENDER_AUDIO_BRANCH \
  "audiotestsrc name=audio wave=sine freq=440 samplesperbuffer=1024 " \
  "! audio/x-raw,rate=44100,channels=2 ! avenc_aac ! aacparse ! mux. "

/* Parses @description, failing on any element that is not installed with
 * an error that names it and the Debian package that provides it. */
GstElement *sim_render_parse   (const gchar * description, GError ** error);

G_END_DECLS

#endif /* __SIM_RENDER_H__ */
