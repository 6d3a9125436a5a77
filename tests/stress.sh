#!/bin/sh
# Runs the README's test command (sh tests/run.sh) again and again with
# both cores kept busy, the second half of the runs with CK_FORK=no (every
# test of a program in one process), and sums up:
#   sh tests/stress.sh [-n RUNS] [--no-sanitize]
# -n RUNS        how many runs (default 20)
# --no-sanitize  skip the ASan+UBSan pass of each run (WAN_SANITIZE=0)
# Prints one line per run (number, CK_FORK mode, wall seconds, exit
# status) followed by that run's closing "N passed, N failed" lines, then
# "stress: R runs, F failures, T timeouts".  Each run's output is kept in a
# temporary directory named at the start.  Exits 1 on any failure.
set -u
cd "$(dirname "$0")/.."

usage () {
  sed -n '5,7p' "$0" | sed 's/^# //'
}

runs=20
while [ $# -gt 0 ]; do
  case $1 in
    -n) [ $# -ge 2 ] || { usage >&2; exit 2; }; runs=$2; shift 2 ;;
    --no-sanitize) export WAN_SANITIZE=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
case $runs in
  ''|*[!0-9]*|0) echo "stress: -n takes a positive number" >&2; exit 2 ;;
esac

logs=$(mktemp -d "${TMPDIR:-/tmp}/wan-stress-XXXXXX")
echo "stress: $runs runs of sh tests/run.sh, logs in $logs"

# Two busy loops, one per core, killed however this script ends.
busy=""
stop_busy () {
  for pid in $busy; do
    kill "$pid" 2>/dev/null
  done
  busy=""
}
trap stop_busy EXIT
trap 'exit 130' INT TERM HUP
for core in 1 2; do
  sh -c 'while :; do :; done' &
  busy="$busy $!"
done

failures=0
timeouts=0
i=1
while [ "$i" -le "$runs" ]; do
  if [ "$i" -gt $((runs / 2)) ]; then mode=no; else mode=yes; fi
  log="$logs/run-$i.log"
  start=$(date +%s.%N)
  if [ "$mode" = no ]; then
    CK_FORK=no sh tests/run.sh >"$log" 2>&1
  else
    env -u CK_FORK sh tests/run.sh >"$log" 2>&1
  fi
  status=$?
  end=$(date +%s.%N)
  # A meson timeout, or a check test that ran out of its own time.
  timed_out=$(grep -cE ' TIMEOUT |Test timeout expired' "$log")
  printf 'run %d/%d  CK_FORK=%s  %.1f s  exit %d\n' "$i" "$runs" "$mode" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$status"
  grep -E '^[A-Za-z+]+: [0-9]+ passed, [0-9]+ failed$' "$log" | sed 's/^/  /'
  [ "$status" = 0 ] || failures=$((failures + 1))
  [ "$timed_out" = 0 ] || timeouts=$((timeouts + 1))
  i=$((i + 1))
done

echo "stress: $runs runs, $failures failures, $timeouts timeouts"
[ "$failures" = 0 ] && [ "$timeouts" = 0 ]
