#!/usr/bin/env bash
# The whole test suite after the build (npm test): the server and component tests first, then
# the browser tests on their own, so that a page load does not compete for the cores with the
# CPU-heavy server test files. Each jest run is bounded by `timeout` (TEST_PHASE_TIMEOUT
# seconds, default 1200): a hang fails the run instead of blocking CI forever. Extra arguments
# go to both jest runs. With TEST_REPORT_DIR set, each run also writes its JSON report there
# (server.json, e2e.json), which scripts/test-repeat.sh reads.
set -uo pipefail
cd "$(dirname "$0")/.."

LIMIT="${TEST_PHASE_TIMEOUT:-1200}"
child=""; interrupted=""
# timeout runs jest in its own process group; Ctrl-C reaches it through timeout, which passes it on
trap 'interrupted=1; [ -n "$child" ] && kill -INT "$child" 2>/dev/null' INT
trap 'interrupted=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' TERM

phase() {
  local name="$1"; shift
  local report=()
  [ -n "${TEST_REPORT_DIR:-}" ] && report=(--json "--outputFile=$TEST_REPORT_DIR/$name.json")
  timeout --kill-after=30 "$LIMIT" node node_modules/jest/bin/jest.js "$@" "${report[@]}" &
  child=$!
  wait "$child"; local rc=$?
  # wait returns early (>128) when a trapped signal arrives; wait again for the real status
  while kill -0 "$child" 2>/dev/null; do wait "$child"; rc=$?; done
  child=""
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    echo "jest ($name) did not finish within ${LIMIT} s and was stopped" >&2
  fi
  return "$rc"
}

phase server --selectProjects server client --passWithNoTests "$@"; first=$?
[ -n "$interrupted" ] && exit 130
phase e2e --selectProjects e2e --passWithNoTests "$@"; second=$?
[ "$first" = 0 ] && [ "$second" = 0 ]
