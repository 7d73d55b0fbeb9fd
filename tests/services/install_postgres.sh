#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries for the integration suite when missing.
# The suite starts its own throwaway cluster on 127.0.0.1 (tests/services/servers.py);
# this script only provides initdb/pg_ctl. The Chroma server comes from the virtualenv.
set -euo pipefail

have_postgres() {
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
        || { command -v pg_ctl >/dev/null && command -v initdb >/dev/null; }
}

if have_postgres; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "PostgreSQL is not installed and this user cannot install it:" \
         "run 'sudo apt-get install -y postgresql'." >&2
    case "${CI:-}" in
        1|true|TRUE|yes) exit 1 ;;
        # Outside CI the integration tests are then skipped, each with this reason.
        *) exit 0 ;;
    esac
fi

echo "Installing PostgreSQL (Debian package) for the integration tests..." >&2
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
have_postgres
