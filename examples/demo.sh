#!/bin/sh
# Generates one video end to end and saves it as demo.mp4:
#   sh examples/demo.sh ["prompt"]
# Without WAN_API_KEY it runs against wan-sim, the bundled offline
# simulator, so nothing is paid and no account is needed.  With
# WAN_API_KEY set it asks the real provider (WAN_PROVIDER, default
# dashscope; WAN_BASE_URL for another region).
set -eu
cd "$(dirname "$0")/.."
sh .ci/setup

prompt=${1:-"A cat stretching in the sun"}
out=demo.mp4
export GST_PLUGIN_PATH="$PWD/build/gst/wan"
sim_pid=""
cleanup() { [ -z "$sim_pid" ] || kill "$sim_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if [ -n "${WAN_API_KEY:-}" ]; then
  provider=${WAN_PROVIDER:-dashscope}
  base_url=${WAN_BASE_URL:-}
  echo "Generating with $provider (this takes a few minutes and is paid)"
else
  provider=dashscope
  urls=$(mktemp)
  ./build/tests/sim/wan-sim --task-ms 3000 --fps 24 > "$urls" &
  sim_pid=$!
  # It prints its addresses once it listens; one that exits first (an
  # element it needs is missing) has said why on stderr.
  while ! grep -q '^api-key' "$urls"; do
    kill -0 "$sim_pid" 2> /dev/null || {
      rm -f "$urls"
      echo "The simulator (build/tests/sim/wan-sim) did not start." >&2
      exit 1
    }
    sleep 0.1
  done
  base_url=$(awk -v p="$provider" '$1 == p { print $2 }' "$urls")
  rm -f "$urls"
  export WAN_API_KEY=sim-key
  echo "No WAN_API_KEY: generating with the offline simulator at $base_url"
fi

gst-launch-1.0 wanvideosrc provider="$provider" ${base_url:+base-url="$base_url"} \
    prompt="$prompt" resolution=720p location="$out" \
  ! decodebin ! fakesink sync=false

echo
gst-discoverer-1.0 "$out" | sed -n '/Duration/p;/video #/p;/Width/p;/Height/p;/audio #/p'
echo
echo "Saved $out.  Watch it with:  gst-play-1.0 $out"
