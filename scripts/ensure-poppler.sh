#!/usr/bin/env bash
# The tests of the printed reports (test/server/pdf-reports.test.ts) read the PDFs back with
# Debian's poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm). Installs it when missing and we
# may; otherwise says how (the tests then fail, naming the missing tool).
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's poppler-utils for the PDF tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  exit 0
fi
echo "The PDF tests need poppler-utils (pdftotext, pdftoppm): run 'sudo apt-get install -y poppler-utils'." >&2
exit 1
