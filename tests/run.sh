#!/bin/sh
# The whole test suite, on a fresh Debian 12 machine or an old checkout:
#   sh tests/run.sh
# Installs what it needs, builds, runs every GstCheck test against the
# in-process simulator on loopback, then runs the same suite again built
# with AddressSanitizer and UndefinedBehaviorSanitizer (-Db_sanitize, in
# build-asan/; WAN_SANITIZE=0 skips it), and ends with one line per build:
# "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
sh .ci/setup

# One closing line counting GstCheck's individual checks.
count () {
  awk -v what="$1" '/^[0-9]+%: Checks: /{
         gsub(",", ""); checks += $3; failed += $5 + $7 }
       END { printf "%s: %d passed, %d failed\n", what, checks - failed,
         failed }' "$2/meson-logs/testlog.txt"
}

status=0
meson test -C build --print-errorlogs "$@" || status=$?
count "tests" build

if [ "${WAN_SANITIZE:-1}" != 0 ]; then
  if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan -Dtests=enabled -Dsimulator=enabled \
      -Db_sanitize=address,undefined -Db_lundef=false
  fi
  meson compile -C build-asan
  meson test -C build-asan --print-errorlogs "$@" || status=$?
  count "tests under ASan+UBSan" build-asan
fi
exit $status
