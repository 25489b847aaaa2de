#!/bin/sh
# docker-compose, once before the Temporal server starts: create the Temporal databases on
# PostgreSQL and bring their schemas up to the version the admin-tools image ships. Idempotent.
set -eu
sql() { temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" --pw "$POSTGRES_PASSWORD" "$@"; }
for db in temporal temporal_visibility; do
  schema=temporal
  [ "$db" = temporal_visibility ] && schema=visibility
  sql --db "$db" create || true   # fails only because it exists
  sql --db "$db" setup-schema -v 0.0 || true   # already set up on a second run
  sql --db "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done
