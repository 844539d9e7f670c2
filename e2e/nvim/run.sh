#!/usr/bin/env bash
# usage: e2e/nvim/run.sh SERVER_JS WORKSPACE [FILE]   (FILE relative to WORKSPACE, default src/routes/reports.ts)
# Runs probe.lua in headless Neovim against `node SERVER_JS --stdio`; exit status 0 means PASS.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 2 ] || { sed -n 2,3p "$0" >&2; exit 2; }
export SCALELINT_SERVER=$1 SCALELINT_ROOT=$2 SCALELINT_FILE=$2/${3:-src/routes/reports.ts}
# Neovim writes shada/swap state under XDG dirs even with -n; keep that out of $HOME.
state=$(mktemp -d "${TMPDIR:-/tmp}/scalelint-nvim.XXXXXX")
trap 'rm -rf "$state"' EXIT
XDG_STATE_HOME=$state XDG_DATA_HOME=$state XDG_CACHE_HOME=$state \
  timeout -k 5 60 nvim --headless --clean -n -u NONE -i NONE -c "luafile $here/probe.lua"
