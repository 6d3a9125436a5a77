#!/bin/sh
# The whole test suite, on a fresh Debian 12 machine or an old checkout:
#   sh tests/run.sh [TEST...]
# Installs what it needs, builds, runs every GstCheck test against the
# in-process simulator on loopback, then runs the same suite again built
# with AddressSanitizer and UndefinedBehaviorSanitizer (-Db_sanitize, in
# build-asan/; WAN_SANITIZE=0 skips it), and ends with one line per build:
# "N passed, N failed".  No process a test started outlives the run: what
# is left when a suite ends, or when the run is interrupted, is named and
# stopped, and fails the run.
set -eu
cd "$(dirname "$0")/.."
sh .ci/setup

# Every process of a suite inherits this variable, whatever session or
# process group it moves to (meson gives each test its own session, and
# timeout(1) makes its own group), so it is how the leftovers are found.
# Only the suite's environment has it, not this shell's.
run_tag="gst-wan-tests-$$-$(cat /proc/sys/kernel/random/uuid)"
suite_pid=""
status=0

tagged_pids () {
  grep -lzxF "GST_WAN_TEST_RUN=$run_tag" /proc/[0-9]*/environ 2> /dev/null \
    | sed 's|^/proc/||; s|/environ$||' || true
}

# Names and stops every process still carrying the tag: TERM, then KILL
# for those that have not gone 5 s later.
stop_leftovers () {
  pids=$(tagged_pids)
  [ -n "$pids" ] || return 0
  echo "tests/run.sh: processes left running by the tests (now stopped):" >&2
  for pid in $pids; do
    args=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null) || continue
    echo "  $pid $args" >&2
  done
  kill -TERM $pids 2> /dev/null || true
  tries=0
  while [ -n "$(tagged_pids)" ] && [ $tries -lt 50 ]; do
    sleep 0.1
    tries=$((tries + 1))
  done
  pids=$(tagged_pids)
  [ -z "$pids" ] || kill -KILL $pids 2> /dev/null || true
  status=1
}

on_signal () {
  [ -z "$suite_pid" ] || kill -TERM "$suite_pid" 2> /dev/null || true
  [ -z "$suite_pid" ] || wait "$suite_pid" 2> /dev/null || true
  stop_leftovers
  exit 130
}
trap on_signal INT TERM HUP

# Runs meson test in $1 (built just before) with the tag.  In the
# background, so that a signal to this script is handled at once rather
# than when the suite ends.
run_suite () {
  dir=$1
  shift
  GST_WAN_TEST_RUN=$run_tag meson test -C "$dir" --no-rebuild --print-errorlogs \
    "$@" &
  suite_pid=$!
  wait "$suite_pid" || status=1
  suite_pid=""
  stop_leftovers
}

# One closing line: GstCheck's individual checks, and every other test
# (install, fuzz corpus) as one; a test binary that failed outside its
# checks (a crash, a timeout) counts as one more failure.
count () {
  [ -f "$2/meson-logs/testlog.json" ] || { echo "$1: no test ran"; return; }
  python3 - "$1" "$2/meson-logs/testlog.json" << 'PY'
import json, re, sys
passed = failed = skipped = 0
for line in open(sys.argv[2]):
    t = json.loads(line)
    ok = t["result"] in ("OK", "EXPECTEDFAIL")
    checks = re.findall(r"^\d+%: Checks: (\d+), Failures: (\d+), Errors: (\d+)",
                        t.get("stdout", "") + t.get("stderr", ""), re.M)
    if checks:
        bad = sum(int(f) + int(e) for _, f, e in checks)
        passed += sum(int(c) for c, _, _ in checks) - bad
        failed += bad + (0 if ok or bad else 1)
    elif t["result"] == "SKIP":
        skipped += 1
    elif ok:
        passed += 1
    else:
        failed += 1
print("%s: %d passed, %d failed%s" % (sys.argv[1], passed, failed,
      ", %d skipped" % skipped if skipped else ""))
PY
}

run_suite build "$@"
count tests build

if [ "${WAN_SANITIZE:-1}" != 0 ]; then
  if [ ! -f build-asan/build.ninja ]; then
    echo "Configuring ./build-asan (meson setup, -Db_sanitize=address,undefined)"
    mkdir -p build-asan
    meson setup build-asan -Dtests=enabled -Dsimulator=enabled \
      -Db_sanitize=address,undefined -Db_lundef=false \
      > build-asan/setup-meson.log 2>&1 \
      || { tail -n 100 build-asan/setup-meson.log >&2; exit 1; }
  fi
  echo "Building gst-wan in ./build-asan (meson compile)"
  meson compile -C build-asan > build-asan/compile.log 2>&1 \
    || { tail -n 100 build-asan/compile.log >&2; exit 1; }
  run_suite build-asan "$@"
  count ASan+UBSan build-asan
fi
exit $status
