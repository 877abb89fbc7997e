#!/usr/bin/env bash
# Installs the headless browser the web tests drive (Debian packages chromium and chromium-driver),
# only when it is missing. Run as root on Debian 12; does nothing when both are already there.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "browser.sh: chromium and chromedriver already installed"
else
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
fi
/usr/bin/chromium --version 2>/dev/null || true
/usr/bin/chromedriver --version 2>/dev/null || true
