#!/usr/bin/env bash
# Runs the whole suite N times in a row, as CI would, to show that it passes every time:
#
#   npm run test:repeat -- 5            # builds once, then runs the suite (scripts/test.sh) 5 times
#   npm run test:repeat -- 5 --busy     # the same with one core kept busy by another process
#
# On PostgreSQL + Redis, set TEST_DATABASE_URL and TEST_REDIS_URL as for npm test. Prints each
# run's result, duration and failing tests, then one summary line; exits non-zero when any run
# failed. Each run's output and JSON reports are kept in the folder it names.
set -uo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: npm run test:repeat -- N [--busy]" >&2; exit 2; }
runs=""; busy=0
for arg in "$@"; do
  case "$arg" in
    --busy) busy=1 ;;
    ''|*[!0-9]*) usage ;;
    *) runs="$arg" ;;
  esac
done
[ -n "$runs" ] && [ "$runs" -ge 1 ] || usage

out="$(mktemp -d "${TMPDIR:-/tmp}/chamdiem-test-repeat-XXXXXX")"
db="SQLite"; [ -n "${TEST_DATABASE_URL:-}" ] && db="PostgreSQL"; [ -n "${TEST_REDIS_URL:-}" ] && db="$db + Redis"
label="$db$([ "$busy" = 1 ] && echo ', one core busy')"

child=""; hog=""
stop() {
  [ -n "$child" ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null
  [ -n "$hog" ] && kill "$hog" 2>/dev/null && wait "$hog" 2>/dev/null
  child=""; hog=""
}
trap 'stop' EXIT
trap 'echo "test:repeat: interrupted" >&2; stop; exit 130' INT TERM

echo "test:repeat: $runs run(s) on $label; output in $out"
bash scripts/ensure-chromium.sh && bash scripts/ensure-poppler.sh || exit 1
if ! npm run build >"$out/build.log" 2>&1; then
  echo "test:repeat: the build failed (see $out/build.log)" >&2
  tail -20 "$out/build.log" >&2
  exit 1
fi

if [ "$busy" = 1 ]; then
  # the noisy neighbour: one core spinning, bounded by its own deadline (it ends by itself even
  # if this script is killed outright), stopped when the runs end however they end
  limit_s=$(( runs * ${TEST_PHASE_TIMEOUT:-1200} * 2 + 60 ))
  node -e 'const end = Date.now() + Number(process.argv[1]) * 1000; let x = 0; while (Date.now() < end) x = (x + 1) % 1e9;' "$limit_s" &
  hog=$!
  echo "test:repeat: busy loop running as process $hog (at most ${limit_s} s)"
fi

# prints "N/M tests" and the failing tests' names from a jest JSON report
report() {
  node -e '
    const fs = require("fs");
    const f = process.argv[1];
    if (!fs.existsSync(f)) { console.log("    " + process.argv[2] + ": no report (jest did not finish)"); process.exit(0); }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    const passed = r.numPassedTests, total = r.numTotalTests;
    console.log(`    ${process.argv[2]}: ${passed}/${total} tests passed in ${r.numTotalTestSuites} files`);
    for (const s of r.testResults) {
      const file = s.name.replace(process.cwd() + "/", "");
      const failed = s.assertionResults.filter((a) => a.status === "failed");
      for (const a of failed) console.log(`    FAILED ${file} › ${a.fullName}`);
      if (s.status === "failed" && failed.length === 0) console.log(`    FAILED ${file} (${(s.message || "").split("\n").find((l) => l.trim())?.trim() || "no test ran"})`.slice(0, 300));
    }
  ' "$1" "$2"
}

failed=0; started_all=$SECONDS
for i in $(seq 1 "$runs"); do
  dir="$out/run-$i"; mkdir -p "$dir"
  started=$SECONDS
  TEST_REPORT_DIR="$dir" bash scripts/test.sh >"$dir/output.log" 2>&1 &
  child=$!
  wait "$child"; rc=$?
  child=""
  took=$(( SECONDS - started ))
  if [ "$rc" = 0 ]; then verdict="passed"; else verdict="FAILED"; failed=$(( failed + 1 )); fi
  # without forceExit, jest says so when something keeps it alive; `timeout` stops a hang
  exits="jest exited on its own"
  if grep -q "did not exit one second after\|failed to exit gracefully\|after its teardown" "$dir/output.log"; then exits="jest did NOT exit on its own (open handles)"; fi
  if grep -q "did not finish within" "$dir/output.log"; then exits="jest was stopped by its time limit"; fi
  echo "run $i/$runs: $verdict in ${took} s ($exits)"
  report "$dir/server.json" "server + client"
  report "$dir/e2e.json" "e2e"
done

passed=$(( runs - failed ))
echo "test:repeat: $passed/$runs runs passed on $label in $(( SECONDS - started_all )) s (output in $out)"
[ "$failed" = 0 ]
