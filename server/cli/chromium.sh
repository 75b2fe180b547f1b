# Sourced by run.sh for `npm start` (the PDF exports print with it) and `npm test` (the browser tests): Debian's
# Chromium and the fonts the exports use (Liberation = Arial's metrics, DejaVu for symbols), installed when absent
# and we are root. Without root nothing is installed; the server then answers a PDF export with a clear 503.
if [ -z "${CHROMIUM_PATH:-}" ]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -x "$c" ] && export CHROMIUM_PATH="$c" && break
  done
fi
zielwerk_missing_fonts() {
  command -v fc-list >/dev/null 2>&1 || return 0
  fc-list | grep -q "LiberationSans" && fc-list | grep -q "DejaVuSans" && return 1
  return 0
}
if { [ -z "${CHROMIUM_PATH:-}" ] || zielwerk_missing_fonts; } && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Zielwerk: installiere Chromium und Schriften (PDF-Export, Browsertests) …" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation fonts-dejavu-core) >/dev/null 2>&1 || true
  [ -x /usr/bin/chromium ] && export CHROMIUM_PATH=/usr/bin/chromium
fi
[ -n "${CHROMIUM_PATH:-}" ] || echo "Zielwerk: Chromium fehlt (apt-get install chromium als root, oder CHROMIUM_PATH setzen): PDF-Exporte antworten bis dahin mit einer Meldung." >&2
