#!/usr/bin/env bash
# An S3-compatible server: OpenStack Swift (one device, one replica) with its s3api
# middleware and tempauth (which needs memcached), all on 127.0.0.1: `s3.sh start|stop`.
# Creates the bucket `repro-ci`; prints the env to export (access key repro:ci).
set -euo pipefail
. "$(dirname "$0")/common.sh"
D=$SVC/swift
SECRET=${REPRO_CI_S3_SECRET:-repro-ci-secret}
case ${1:-start} in
start)
  spawn memcached /usr/bin/memcached -u memcache -l 127.0.0.1 -p 11211 -m 64
  rm -rf "$D"; mkdir -p "$D/srv/d1"; chown -R swift:swift "$D/srv"
  ring() { # builder port
    swift-ring-builder "$D/$1.builder" create 6 1 1 >/dev/null
    swift-ring-builder "$D/$1.builder" add "r1z1-127.0.0.1:$2/d1" 1 >/dev/null
    swift-ring-builder "$D/$1.builder" rebalance >/dev/null || true # exit 1 is a warning with one device
  }
  ring object 6200 & r1=$!; ring container 6201 & r2=$!; ring account 6202 & r3=$!
  wait $r1 $r2 $r3
  for kind in object:6200 container:6201 account:6202; do
    name=${kind%:*} port=${kind#*:}
    cat > "$D/$name-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
workers = 1
user = swift
devices = $D/srv
mount_check = false
disable_fallocate = true
swift_dir = $D
log_level = WARNING
[pipeline:main]
pipeline = $name-server
[app:$name-server]
use = egg:swift#$name
CONF
    spawn "swift-$name" "/usr/bin/swift-$name-server" "$D/$name-server.conf"
  done
  cat > "$D/proxy-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = 8080
workers = 1
user = swift
swift_dir = $D
log_level = WARNING
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:tempauth]
use = egg:swift#tempauth
user_repro_ci = $SECRET .admin
[filter:s3api]
use = egg:swift#s3api
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:11211
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
CONF
  spawn swift-proxy /usr/bin/swift-proxy-server "$D/proxy-server.conf"
  wait_for swift-proxy 120 curl -sf http://127.0.0.1:8080/healthcheck
  # The bucket, through Swift's own API (a container is a bucket).
  auth=$(curl -sf -D - -o /dev/null -H 'X-Auth-User: repro:ci' -H "X-Auth-Key: $SECRET" http://127.0.0.1:8080/auth/v1.0 | tr -d '\r')
  token=$(sed -n 's/^X-Auth-Token: //Ip' <<<"$auth")
  url=$(sed -n 's/^X-Storage-Url: //Ip' <<<"$auth")
  wait_for bucket 60 curl -sf -X PUT -H "X-Auth-Token: $token" "$url/repro-ci"
  echo "export REPRO_TEST_S3=s3://repro-ci AWS_ENDPOINT_URL=http://127.0.0.1:8080 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=repro:ci AWS_SECRET_ACCESS_KEY=$SECRET"
  ;;
stop)
  stop_pids swift-proxy swift-object swift-container swift-account memcached
  ;;
esac
