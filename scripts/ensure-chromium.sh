#!/bin/sh
# The browser tests drive Debian's Chromium (never a downloaded browser). A fresh machine does not
# have it, so the test command installs it when it is missing. Needs root (or sudo) and apt.
set -eu
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Installing Debian's chromium for the browser tests..." >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version >&2
