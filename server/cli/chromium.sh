# Sourced by run.sh for the browser tests: Debian's Chromium, installed when absent and we are root.
if [ -z "${CHROMIUM_PATH:-}" ]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -x "$c" ] && export CHROMIUM_PATH="$c" && break
  done
fi
if [ -z "${CHROMIUM_PATH:-}" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Zielwerk: installiere Chromium für die Browsertests …" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || true
  [ -x /usr/bin/chromium ] && export CHROMIUM_PATH=/usr/bin/chromium
fi
