#!/usr/bin/env bash
# What the tests run besides Node, all from Debian's packages (nothing is downloaded from
# elsewhere): Chromium for the web client's end-to-end tests, HAProxy as the load balancer of the
# rolling-restart test, poppler-utils (pdftotext, pdfinfo, pdftoppm) to read the printed reports.
# Installs what is missing when we may (root with apt-get); otherwise says how.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${need[*]} for the tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi
echo "The tests need Debian's ${need[*]}: run 'sudo apt-get install -y ${need[*]}'." >&2
exit 1
