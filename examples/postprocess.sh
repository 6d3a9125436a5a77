#!/bin/sh
# Generate, then post-process, each as one gst-launch-1.0 line:
#   sh examples/postprocess.sh OUTDIR
# makes OUTDIR/clip.webm (VP8/Opus), OUTDIR/overlay.mp4 (text burnt in,
# re-encoded), OUTDIR/hls/playlist.m3u8 (HLS segments) and
# OUTDIR/side-by-side.mp4 (two clips composited).  Five generations: with a
# real provider every one is paid.
# WAN_API_KEY is the key; WAN_PROVIDER (default dashscope) and WAN_BASE_URL
# (e.g. the simulator's) choose where; the plugin must be on
# GST_PLUGIN_PATH (examples/demo.sh shows how).
set -eu
out=${1:?usage: postprocess.sh OUTDIR}
mkdir -p "$out/hls"
src="wanvideosrc provider=${WAN_PROVIDER:-dashscope} resolution=720p duration=5"
[ -z "${WAN_BASE_URL:-}" ] || src="$src base-url=$WAN_BASE_URL"
# The demuxer feeds both branches from one thread: a queue that fills while
# the encoder of the other branch holds frames would stall it, so queues
# take the whole clip and x264enc does not look ahead.
q="queue max-size-buffers=0 max-size-bytes=0 max-size-time=30000000000"
x264="x264enc tune=zerolatency"

echo "1. WebM (VP8 + Opus)"
gst-launch-1.0 -q $src prompt="A lighthouse at dusk" ! decodebin name=d \
  d. ! $q ! videoconvert ! vp8enc deadline=1 ! webmmux name=mux \
  ! filesink location="$out/clip.webm" \
  d. ! $q ! audioconvert ! audioresample ! opusenc ! mux.

echo "2. Text overlay, re-encoded to H.264/AAC"
gst-launch-1.0 -q $src prompt="A paper boat on a pond" ! decodebin name=d \
  d. ! $q ! videoconvert ! textoverlay text="made with gst-wan" \
    valignment=bottom font-desc="Sans 24" ! videoconvert ! $x264 \
  ! h264parse ! mp4mux name=mux ! filesink location="$out/overlay.mp4" \
  d. ! $q ! audioconvert ! avenc_aac ! mux.

# async-handling: hlssink2 starts a new file sink for every segment; left
# to the pipeline, that sink's state change can swallow the final EOS and
# gst-launch-1.0 never exits (GStreamer 1.22, 1 run in 4 on a busy machine).
echo "3. HLS"
gst-launch-1.0 -q $src prompt="Clouds over mountains" ! decodebin name=d \
  d. ! $q ! videoconvert ! $x264 key-int-max=16 ! h264parse \
  ! hlssink2 name=hls target-duration=2 async-handling=true \
    location="$out/hls/segment%05d.ts" \
    playlist-location="$out/hls/playlist.m3u8" \
  d. ! $q ! audioconvert ! avenc_aac ! aacparse ! hls.audio

echo "4. Two clips side by side"
gst-launch-1.0 -q compositor name=c sink_1::xpos=640 \
  ! video/x-raw,width=1280,height=360 ! videoconvert ! $x264 ! h264parse \
  ! mp4mux ! filesink location="$out/side-by-side.mp4" \
  $src prompt="A cat, left" ! decodebin ! videoconvert ! videoscale \
    ! video/x-raw,width=640,height=360 ! c.sink_0 \
  $src prompt="A dog, right" ! decodebin ! videoconvert ! videoscale \
    ! video/x-raw,width=640,height=360 ! c.sink_1

ls -l "$out" "$out/hls"
