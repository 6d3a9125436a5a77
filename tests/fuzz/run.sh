#!/bin/sh
# Fuzzes every provider's answer parsers with libFuzzer, ASan and UBSan:
#   sh tests/fuzz/run.sh [RUNS]      (default 10000000 executions)
# New interesting inputs are added to tests/fuzz/corpus.
set -eu
cd "$(dirname "$0")/../.."
sh .ci/setup >/dev/null
command -v clang >/dev/null || {
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang libclang-rt-14-dev
}
mkdir -p build/fuzz
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -DPACKAGE_VERSION='"fuzz"' -Iinclude -Igst/libwan \
  $(pkg-config --cflags json-glib-1.0 gio-2.0) \
  tests/fuzz/fuzz-answers.c gst/libwan/wan-json.c gst/libwan/wan-request.c \
  gst/libwan/wan-provider.c gst/libwan/wan-provider-*.c \
  $(pkg-config --libs json-glib-1.0 gio-2.0) -o build/fuzz/fuzz-answers
./build/fuzz/fuzz-answers -runs="${1:-10000000}" -max_len=4096 \
  -print_final_stats=1 tests/fuzz/corpus
