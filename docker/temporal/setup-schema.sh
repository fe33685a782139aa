#!/bin/sh
# One-shot: creates Temporal's two PostgreSQL databases and brings their schemas up to the version
# the server image expects. Safe to run again: on an existing database, create and the version-0.0
# setup fail harmlessly, and update-schema (which must succeed) applies only what is missing.
set -eu
: "${POSTGRES_SEEDS:=postgresql}" "${DB_PORT:=5432}" "${POSTGRES_USER:=temporal}"
export SQL_PASSWORD="${POSTGRES_PWD:?POSTGRES_PWD is required}"
SCHEMA_DIR=/etc/temporal/schema/postgresql/v12

sql() {
  db=$1
  shift
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --db "$db" "$@"
}

sql temporal create || echo "database temporal exists"
sql temporal setup-schema -v 0.0 || echo "schema of temporal already initialised"
sql temporal update-schema -d "$SCHEMA_DIR/temporal/versioned"

sql temporal_visibility create || echo "database temporal_visibility exists"
sql temporal_visibility setup-schema -v 0.0 || echo "schema of temporal_visibility already initialised"
sql temporal_visibility update-schema -d "$SCHEMA_DIR/visibility/versioned"
echo "Temporal schemas are up to date"
