#!/usr/bin/env bash
# Runs once, when the PostgreSQL container initialises an empty data volume (docker-entrypoint-initdb.d).
# POSTGRES_USER (recycle) owns the database and migrates it; the app connects as recycle_app, which
# owns nothing: the migrate step grants it what it needs (see docs/configuration.md, least privilege).
set -euo pipefail
psql -v ON_ERROR_STOP=1 -v password="$RECYCLE_APP_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE recycle_app LOGIN PASSWORD :'password';
SQL
