#!/usr/bin/env bash
# Local infrastructure for one checkout: PostgreSQL and RabbitMQ from Debian packages, on loopback,
# with data, logs and pid files under .local/ (ignored by git). Idempotent: `start` on a running stack
# only checks it. Sourced by ./expunge; also runnable alone: scripts/infra.sh start|stop|env.
set -euo pipefail

ROOT="${EXPUNGE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# EXPUNGE_LOCAL: a second, separate stack (the chaos suite's, which it stops and restarts) on other ports.
LOCAL="${EXPUNGE_LOCAL:-$ROOT/.local}"
PG_PORT="${EXPUNGE_PG_PORT:-55432}"
MQ_PORT="${EXPUNGE_MQ_PORT:-55672}"
MQ_MGMT_PORT="${EXPUNGE_MQ_MANAGEMENT_PORT:-15673}"
MQ_DIST_PORT="${EXPUNGE_MQ_DIST_PORT:-25682}"
MQ_TLS_PORT="${EXPUNGE_MQ_TLS_PORT:-55671}"
MQ_NODE="expunge-$MQ_PORT@localhost"
MQ_VHOST="expunge"
MQ_USER="expunge"
MQ_PASS="${EXPUNGE_MQ_PASSWORD:-expunge-dev}"
PG_ADMIN_PASS="${EXPUNGE_PG_ADMIN_PASSWORD:-expunge-admin-dev}"
SERVICES=(ingestion matching eligibility motions notifications)

log() { printf '[infra] %s\n' "$*" >&2; }

apt_install() {
  if [ ! -f "$LOCAL/.apt-updated" ]; then
    mkdir -p "$LOCAL"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && touch "$LOCAL/.apt-updated"
  fi
  # policy-rc.d keeps the packages' own system-wide services from starting: we run our own instances.
  local had_policy=0
  [ -e /usr/sbin/policy-rc.d ] && had_policy=1
  [ $had_policy = 1 ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
  [ $had_policy = 1 ] || rm -f /usr/sbin/policy-rc.d
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

ensure_packages() {
  local need=()
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || need+=(postgresql)
  command -v psql >/dev/null || need+=(postgresql-client)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
  command -v openssl >/dev/null || need+=(openssl)
  if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { log "missing ${need[*]}: install them (apt-get install ${need[*]}) or run as root"; exit 1; }
    log "installing ${need[*]} (apt)"
    apt_install "${need[@]}"
  fi
}

# PostgreSQL refuses to run as root; it runs as the Debian `postgres` user, so its data directory must sit
# where that user can reach it. A checkout under a private home directory falls back to /var/tmp.
pg_data_dir() {
  if [ "$(id -u)" != 0 ]; then echo "$LOCAL/postgres/data"; return; fi
  local home="${EXPUNGE_LOCAL:-$ROOT}"
  if runuser -u postgres -- test -x "$home" 2>/dev/null; then echo "$LOCAL/postgres/data"
  else echo "/var/tmp/expunge-$(printf '%s' "$home" | md5sum | cut -c1-8)/postgres/data"; fi
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_running() { as_pg "$(pg_bin)/pg_ctl" -D "$(pg_data_dir)" status >/dev/null 2>&1; }

# A private CA and a certificate for this machine (localhost, 127.0.0.1), made once. The broker's TLS listener and
# PostgreSQL's ssl use it, so the TLS paths are tested here as a county would configure them (EXPUNGE_TLS_CA trusts it).
ensure_tls() {
  local dir="$LOCAL/tls"
  [ -s "$dir/server.pem" ] && return
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Expunge local CA" -keyout "$dir/ca.key" -out "$dir/ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > "$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 -extfile "$dir/server.ext" -out "$dir/server.pem" >/dev/null 2>&1
  chmod 644 "$dir/ca.pem" "$dir/server.pem"; chmod 600 "$dir/server.key" "$dir/ca.key"
}

# TLS beside plain connections (clients choose: SSL Mode=VerifyFull;Root Certificate=…). Also for a cluster made
# before TLS was: the lines are added once and the server reloads them.
pg_tls() {
  local data="$1"
  cp "$LOCAL/tls/server.pem" "$data/server.crt"; cp "$LOCAL/tls/server.key" "$data/server.key"; chmod 600 "$data/server.key"
  [ "$(id -u)" = 0 ] && chown postgres: "$data/server.crt" "$data/server.key"
  if ! grep -q '^ssl = on' "$data/postgresql.conf"; then
    printf "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n" >> "$data/postgresql.conf"
    if pg_running; then as_pg "$(pg_bin)/pg_ctl" -D "$data" reload >/dev/null; fi
  fi
}

psql_admin() { PGPASSWORD="$PG_ADMIN_PASS" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

start_postgres() {
  local data bin; data="$(pg_data_dir)"; bin="$(pg_bin)"
  mkdir -p "$LOCAL/logs"
  if [ ! -s "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $data"
    mkdir -p "$data"; chmod 700 "$data"
    # Only the postgres/ folder is handed to the postgres user, never .local/ itself.
    [ "$(id -u)" = 0 ] && chown postgres: "$data" "$(dirname "$data")"
    local pwfile; pwfile="$(mktemp)"; printf '%s\n' "$PG_ADMIN_PASS" > "$pwfile"; chmod 644 "$pwfile"
    as_pg "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$data'
max_connections = 300
shared_buffers = 256MB
# A local development and test cluster: durability of the last few milliseconds is not worth an fsync each commit.
synchronous_commit = off
CONF
  fi
  ensure_tls
  pg_tls "$data"
  if ! pg_running; then
    local pglog="$data/server.log"
    as_pg "$bin/pg_ctl" -D "$data" -l "$pglog" -w -t 60 start >/dev/null || { log "PostgreSQL did not start; see $pglog"; tail -n 20 "$pglog" >&2; exit 1; }
    ln -sf "$pglog" "$LOCAL/logs/postgresql.log"
  fi
  # One database and one login role per service: no service can read another's data.
  for s in "${SERVICES[@]}"; do
    local role="expunge_$s"
    psql_admin -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='$role') THEN CREATE ROLE $role LOGIN PASSWORD '$role-dev'; END IF; END\$\$;"
    [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$role'")" = 1 ] || psql_admin -c "CREATE DATABASE $role OWNER $role"
    psql_admin -d "$role" -c "REVOKE ALL ON DATABASE $role FROM PUBLIC; REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
  done
}

mq_env() {
  export HOME="$LOCAL/rabbitmq" RABBITMQ_NODENAME="$MQ_NODE" RABBITMQ_USE_LONGNAME=false
  export RABBITMQ_MNESIA_BASE="$LOCAL/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$LOCAL/rabbitmq/log"
  export RABBITMQ_CONFIG_FILE="$LOCAL/rabbitmq/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$LOCAL/rabbitmq/enabled_plugins"
  export RABBITMQ_PID_FILE="$LOCAL/rabbitmq/rabbit.pid" RABBITMQ_DIST_PORT="$MQ_DIST_PORT"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$LOCAL/rabbitmq/advanced.config"
}

mqctl() { ( mq_env; /usr/lib/rabbitmq/bin/rabbitmqctl -n "$MQ_NODE" "$@" ); }

mq_running() { mqctl status >/dev/null 2>&1; }

start_rabbitmq() {
  ensure_tls
  mkdir -p "$LOCAL/rabbitmq/mnesia" "$LOCAL/rabbitmq/log" "$LOCAL/logs"
  cat > "$LOCAL/rabbitmq/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$MQ_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MQ_MGMT_PORT
default_vhost = $MQ_VHOST
default_user = $MQ_USER
default_pass = $MQ_PASS
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
loopback_users = none
listeners.ssl.default = 127.0.0.1:$MQ_TLS_PORT
ssl_options.cacertfile = $LOCAL/tls/ca.pem
ssl_options.certfile = $LOCAL/tls/server.pem
ssl_options.keyfile = $LOCAL/tls/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
CONF
  echo '[rabbitmq_management].' > "$LOCAL/rabbitmq/enabled_plugins"
  echo '[].' > "$LOCAL/rabbitmq/advanced.config"
  if ! mq_running; then
    log "starting RabbitMQ node $MQ_NODE"
    ( mq_env; cd "$LOCAL/rabbitmq"; setsid nohup /usr/lib/rabbitmq/bin/rabbitmq-server > "$LOCAL/logs/rabbitmq.log" 2>&1 < /dev/null & )
    local i
    for i in $(seq 1 90); do mq_running && break; sleep 1; done
    mqctl await_startup >/dev/null 2>&1 || { log "RabbitMQ did not start; see $LOCAL/logs/rabbitmq.log"; tail -n 30 "$LOCAL/logs/rabbitmq.log" >&2; exit 1; }
  fi
  # Lazy queues: a county run's batches (megabytes each) wait on disk, not in the broker's memory, while a slower stage
  # catches up (RabbitMQ 3.10 keeps classic queues in memory otherwise: 2.5 GB at the M benchmark). They are persistent,
  # so they are written to disk either way.
  mqctl set_policy -p "$MQ_VHOST" --apply-to queues lazy-queues ".*" '{"queue-mode":"lazy"}' >/dev/null
}

stop_postgres() { if [ -n "$(pg_bin)" ] && pg_running; then as_pg "$(pg_bin)/pg_ctl" -D "$(pg_data_dir)" -m fast -w stop >/dev/null && log "PostgreSQL stopped"; fi; }

# The whole node, not just the app: what a broker restart in production is (queues and persistent messages recover from disk).
stop_rabbitmq() { if [ -x /usr/lib/rabbitmq/bin/rabbitmqctl ] && mq_running; then mqctl stop >/dev/null 2>&1 && log "RabbitMQ stopped"; fi; }

stop_all() { stop_postgres; stop_rabbitmq; }

local_data_key() {
  local file="$LOCAL/data-key"
  if [ ! -s "$file" ]; then
    mkdir -p "$LOCAL" && (umask 077 && printf 'local-1:%s' "$(head -c 32 /dev/urandom | base64 -w0)" >"$file.tmp") && mv "$file.tmp" "$file"
  fi
  cat "$file"
}

local_lookup_key() {
  local file="$LOCAL/lookup-key"
  if [ ! -s "$file" ]; then
    mkdir -p "$LOCAL" && (umask 077 && head -c 32 /dev/urandom | base64 -w0 >"$file.tmp") && mv "$file.tmp" "$file"
  fi
  cat "$file"
}

sha_of() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# Connection settings every service, test and CLI reads (see README "Configuration").
print_env() {
  echo "export EXPUNGE_PG_HOST=127.0.0.1"
  echo "export EXPUNGE_PG_PORT=$PG_PORT"
  echo "export EXPUNGE_PG_ADMIN='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_ADMIN_PASS;Database=postgres'"
  echo "export EXPUNGE_RABBITMQ='amqp://$MQ_USER:$MQ_PASS@127.0.0.1:$MQ_PORT/$MQ_VHOST'"
  echo "export EXPUNGE_RABBITMQ_TLS='amqps://$MQ_USER:$MQ_PASS@localhost:$MQ_TLS_PORT/$MQ_VHOST'"
  echo "export EXPUNGE_TLS_CA='$LOCAL/tls/ca.pem'"
  echo "export EXPUNGE_RABBITMQ_MANAGEMENT='http://$MQ_USER:$MQ_PASS@127.0.0.1:$MQ_MGMT_PORT'"
  # API keys (README "Security"): the services accept the hashes in EXPUNGE_API_KEYS; the CLI, the console and
  # notifications send EXPUNGE_API_KEY. Locally one well-known key per role; a county sets its own.
  if [ -n "${EXPUNGE_API_KEYS:-}" ]; then echo "export EXPUNGE_API_KEYS='$EXPUNGE_API_KEYS'"
  else echo "export EXPUNGE_API_KEYS='local-county:county-integration:$(sha_of expunge-county-dev);local-operator:operator:$(sha_of expunge-operator-dev);local-clerk:clerk:$(sha_of expunge-clerk-dev)'"; fi
  echo "export EXPUNGE_API_KEY='${EXPUNGE_API_KEY:-expunge-operator-dev}'"
  # Personal data is encrypted at rest with EXPUNGE_DATA_KEYS (README "Security"). Locally: one random key per checkout,
  # kept in .local so the local databases stay readable across restarts; a county sets its own from its key store.
  if [ -n "${EXPUNGE_DATA_KEYS:-}" ]; then echo "export EXPUNGE_DATA_KEYS='$EXPUNGE_DATA_KEYS'"
  else echo "export EXPUNGE_DATA_KEYS='$(local_data_key)'"; fi
  if [ -n "${EXPUNGE_LOOKUP_KEY:-}" ]; then echo "export EXPUNGE_LOOKUP_KEY='$EXPUNGE_LOOKUP_KEY'"
  else echo "export EXPUNGE_LOOKUP_KEY='$(local_lookup_key)'"; fi
  for s in "${SERVICES[@]}"; do
    local upper; upper="$(echo "$s" | tr '[:lower:]' '[:upper:]')"
    echo "export EXPUNGE_DB_$upper='Host=127.0.0.1;Port=$PG_PORT;Username=expunge_$s;Password=expunge_$s-dev;Database=expunge_$s'"
  done
}

# What the tests need beyond the stack: Debian's chromium for the console's browser tests (Playwright drives it; no
# browser is downloaded) and promtool (Debian's prometheus) to check the alert rules.
ensure_test_packages() {
  local need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v promtool >/dev/null || need+=(prometheus)
  if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { log "missing ${need[*]}: install them (apt-get install ${need[*]}) or run as root"; exit 1; }
    log "installing ${need[*]} (apt)"
    apt_install "${need[@]}"
  fi
}

case "${1:-}" in
  start) ensure_packages; start_postgres; start_rabbitmq; print_env ;;
  test-packages) ensure_test_packages ;;
  stop) stop_all ;;
  # Used by the chaos suite on its own stack (EXPUNGE_LOCAL and ports of its own): a fault is one of them going away.
  stop-postgres) stop_postgres ;;
  stop-rabbitmq) stop_rabbitmq ;;
  env) print_env ;;
  *) echo "usage: scripts/infra.sh start|stop|stop-postgres|stop-rabbitmq|env|test-packages" >&2; exit 3 ;;
esac
