#!/usr/bin/env bash
# The two entry points of the README: `npm start` and `npm test` both come here first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"

case "${1:-}" in
  start)
    source server/cli/chromium.sh
    npm run --silent build
    mapfile -t node_flags < <(bash server/cli/node-flags.sh)
    exec node "${node_flags[@]}" build/server/index.js
    ;;
  test)
    source server/cli/chromium.sh
    source server/cli/test-deps.sh
    npm run --silent validate
    ;;
  *)
    exec "$@"
    ;;
esac
