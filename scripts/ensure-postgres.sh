#!/bin/sh
# The PostgreSQL tests run a throwaway cluster of Debian's postgresql (test/postgres/). A fresh machine
# does not have it, so the test command installs it when it is missing. Needs root (or sudo) and apt.
set -eu
for postgres in /usr/lib/postgresql/*/bin/postgres; do
  if [ -x "$postgres" ]; then exit 0; fi
done
echo "Installing Debian's postgresql for the PostgreSQL tests..." >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# Only the server binaries are needed: the package's own cluster is never started by the tests.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/postgres >&2
