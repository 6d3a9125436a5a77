#!/bin/sh
# The whole test suite, on a fresh Debian 12 machine or an old checkout:
#   sh tests/run.sh
# Installs what it needs, builds, runs every GstCheck test against the
# in-process simulator on loopback, and ends with "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
sh .ci/setup

status=0
meson test -C build --print-errorlogs "$@" || status=$?

# One closing line counting GstCheck's individual checks.
awk '/^[0-9]+%: Checks: /{
       gsub(",", ""); checks += $3; failed += $5 + $7 }
     END { printf "%d passed, %d failed\n", checks - failed, failed }' \
  build/meson-logs/testlog.txt
exit $status
