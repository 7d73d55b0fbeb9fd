#!/usr/bin/env bash
# Install Debian's Chromium and a CJK font for the browser test when missing.
# The test drives /usr/bin/chromium through Playwright's Python package; no browser is
# downloaded (`playwright install` is never run). Without the font every Chinese character
# in the screenshots is an empty box.
set -euo pipefail

have_all() {
    [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei"
}

if have_all; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "Chromium or the CJK font is missing and this user cannot install them:" \
         "run 'sudo apt-get install -y chromium fonts-wqy-microhei'." >&2
    exit 1
fi

echo "Installing Chromium and fonts-wqy-microhei (Debian packages) for the browser test..." >&2
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
have_all
