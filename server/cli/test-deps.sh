# Sourced by run.sh for `npm test`: the tools the export tests read PDFs with (pdftotext, pdfinfo, pdftoppm from
# poppler-utils), installed from Debian's packages when absent and we are root.
if ! command -v pdfinfo >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Zielwerk: installiere poppler-utils für die Export-Tests …" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) >/dev/null 2>&1 || true
fi
command -v pdfinfo >/dev/null 2>&1 || echo "Zielwerk: pdfinfo fehlt (apt-get install poppler-utils); die PDF-Tests schlagen fehl." >&2
