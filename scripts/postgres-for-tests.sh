#!/usr/bin/env bash
# Start a local PostgreSQL for the portability test (installs it from Debian's packages if missing)
# and print its SQLAlchemy URL. Needs root, as on CI; elsewhere it prints nothing and the test skips.
set -euo pipefail
log=/tmp/presslens-postgres.log
if [ "$(id -u)" != 0 ]; then exit 0; fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >>"$log" 2>&1
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
  pg_createcluster "$version" main >>"$log" 2>&1
fi
pg_ctlcluster "$version" main start >>"$log" 2>&1 || true   # already running is fine
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" && break
  sleep 1
done
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='presslens'\" | grep -q 1 || psql -q -c \"CREATE ROLE presslens LOGIN PASSWORD 'presslens'\"" >>"$log" 2>&1
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='presslens_test'\" | grep -q 1 || createdb -O presslens presslens_test" >>"$log" 2>&1
echo "postgresql+psycopg://presslens:presslens@127.0.0.1:5432/presslens_test"
