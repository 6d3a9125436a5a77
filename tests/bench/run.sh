#!/bin/sh
# Benchmarks against the simulator on loopback; prints figures as
# Markdown tables, asserts nothing:
#   sh tests/bench/run.sh
# WAN_BENCH_GEN_S (default 60): length of the simulated generation.
# WAN_BENCH_MB (default 256): size of the large delivered file.
set -eu
cd "$(dirname "$0")/../.."
sh .ci/setup >/dev/null
command -v curl >/dev/null || {
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq curl
}
exec meson test -C build --benchmark --verbose wan-bench
