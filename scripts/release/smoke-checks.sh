#!/usr/bin/env bash
# Release smoke checks on a PACKAGED Linux build (security-checks A7, A8; docs/release-checks.md).
# Needs the packaged app, a display (run under xvfb-run) and `ss`; it cannot run on CI, which has
# no Electron binary. Each check starts the app with a hostile switch and a time limit.
#
# Usage: xvfb-run -a scripts/release/smoke-checks.sh release/linux-unpacked
# Exit 0 when every check passes, 1 otherwise.
set -u
APP_DIR=$(cd "${1:?usage: smoke-checks.sh <linux-unpacked dir>}" && pwd)
APP="$APP_DIR/outpost"
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LIMIT=15
failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# A7 (a): the fuse wire of the binary is 0 1 0 0 1 1 0 0 1.
if node "$HERE/check-fuses.mjs" "$APP"; then pass 'fuse wire'; else fail 'fuse wire'; fi

# A7 (b) RunAsNode off: the binary must not act as Node.
out=$(ELECTRON_RUN_AS_NODE=1 timeout "$LIMIT" "$APP" -e "process.stdout.write('PWN')" 2>&1)
if [[ "$out" == *PWN* ]]; then fail 'ELECTRON_RUN_AS_NODE ran code'; else pass 'ELECTRON_RUN_AS_NODE ignored'; fi

# A7 (b) NodeOptions off: a --require in NODE_OPTIONS must not run.
echo "require('fs').writeFileSync('$WORK/pwned', 'x')" >"$WORK/x.js"
NODE_OPTIONS="--require=$WORK/x.js" timeout "$LIMIT" "$APP" >/dev/null 2>&1
if [[ -e "$WORK/pwned" ]]; then fail 'NODE_OPTIONS --require ran'; else pass 'NODE_OPTIONS ignored'; fi

# A7 (b) NodeCliInspect off: --inspect must open no listener.
"$APP" --inspect=9229 >/dev/null 2>&1 &
pid=$!
sleep 8
if ss -ltn | grep -q ':9229 '; then fail 'inspector listening on 9229'; else pass 'no inspector on 9229'; fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

# A8: a flipped byte in app.asar must stop the app. Electron enforces ASAR integrity on macOS
# and Windows only (docs/release-checks.md): on Linux this check reports, it cannot fail.
cp -a "$APP_DIR" "$WORK/tampered"
asar="$WORK/tampered/resources/app.asar"
size=$(stat -c %s "$asar")
printf '\x00' | dd of="$asar" bs=1 seek=$((size - 100)) conv=notrunc status=none
timeout "$LIMIT" "$WORK/tampered/outpost" >/dev/null 2>&1
code=$?
if [[ $code -eq 124 ]]; then echo "info tampered app.asar still started on Linux (not enforced here)"; else pass "tampered app.asar: exit $code"; fi

echo "smoke-checks: $failures failed"
[[ $failures -eq 0 ]]
