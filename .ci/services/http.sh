#!/usr/bin/env bash
# A plain HTTP cache: nginx with WebDAV PUT/DELETE and JSON listings on 127.0.0.1:8081: `http.sh start|stop`.
# Uploads land in a temp dir on the same filesystem and are renamed into place only when complete.
set -euo pipefail
. "$(dirname "$0")/common.sh"
D=$SVC/nginx
case ${1:-start} in
start)
  mkdir -p "$D/root" "$D/tmp" "$D/logs"
  chown -R www-data:www-data "$D/root" "$D/tmp"
  cat > "$D/nginx.conf" <<CONF
daemon off;
user www-data;
worker_processes 1;
pid $D/nginx.pid;
error_log $SVC/log/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $D/tmp;
  server {
    listen 127.0.0.1:8081;
    root $D/root;
    location / {
      dav_methods PUT DELETE;
      create_full_put_path on;
      client_max_body_size 0;
      autoindex on;
      autoindex_format json;
    }
  }
}
CONF
  spawn nginx /usr/sbin/nginx -p "$D" -c "$D/nginx.conf"
  wait_for nginx 30 curl -sf http://127.0.0.1:8081/
  echo "export REPRO_TEST_HTTP=http://127.0.0.1:8081/repro-ci"
  ;;
stop)
  stop_pids nginx
  ;;
esac
