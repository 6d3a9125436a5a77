#!/bin/sh
# A full generation (submit, poll, download, serve to qtdemux) under
# valgrind against the simulator; fails if any leaked block was allocated
# by gst-wan's own code (GLib and GStreamer's one-time allocations are not
# ours to judge):
#   sh tests/valgrind.sh
set -eu
cd "$(dirname "$0")/.."
sh .ci/setup
command -v valgrind >/dev/null || {
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq valgrind
}

export GST_PLUGIN_PATH="$PWD/build/gst/wan" GST_REGISTRY_FORK=no
urls=$(mktemp) log=$(mktemp) out=$(mktemp -d)
./build/tests/sim/wan-sim --task-ms 1000 --fps 4 > "$urls" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -rf "$urls" "$log" "$out"' EXIT
while ! grep -q '^api-key' "$urls"; do sleep 0.1; done
base_url=$(awk '$1 == "dashscope" { print $2 }' "$urls")

G_SLICE=always-malloc G_DEBUG=gc-friendly valgrind --leak-check=full \
  --show-leak-kinds=definite,indirect --num-callers=40 --log-file="$log" \
  gst-launch-1.0 -q wanvideosrc base-url="$base_url" api-key=sim-key \
    prompt="valgrind" resolution=720p location="$out/v.mp4" \
  ! qtdemux ! fakesink
echo "$(grep -c . "$log") lines of valgrind output; summary:"
sed -n '/LEAK SUMMARY/,/suppressed/p' "$log"
test -s "$out/v.mp4"
# A loss record is ours when any frame names our code.
ours=$(awk '/are (definitely|indirectly) lost/ { rec = $0; keep = 0; next }
            rec != "" && /gst_wan|wan_|gstwan|libwan/ { keep = 1 }
            rec != "" && /^==[0-9]+== $/ { if (keep) n++; rec = "" }
            END { print n + 0 }' "$log")
echo "leak records from gst-wan's code: $ours"
test "$ours" = 0
