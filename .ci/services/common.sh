# Shared by the service scripts: where state lives, and starting/stopping by PID.
# Every daemon runs as a plain process on 127.0.0.1; its PID goes to $SVC/pids/<name>.pid.
SVC=${REPRO_SERVICES_DIR:-/tmp/repro-services}
mkdir -p "$SVC/pids" "$SVC/log"

# spawn NAME CMD… : start CMD in the background (its own session), record its PID.
spawn() {
  local name=$1; shift
  setsid "$@" >>"$SVC/log/$name.log" 2>&1 < /dev/null &
  echo $! > "$SVC/pids/$name.pid"
}

# wait_for WHAT SECONDS CMD… : poll CMD every 0.2 s until it succeeds.
wait_for() {
  local what=$1 limit=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= end)); then echo "services: $what did not come up in ${limit} s (logs: $SVC/log)" >&2; return 1; fi
    sleep 0.2
  done
}

# stop_pids NAME… : SIGTERM each recorded PID, then SIGKILL what is left after 10 s.
stop_pids() {
  local name pid
  for name in "$@"; do
    [ -f "$SVC/pids/$name.pid" ] || continue
    pid=$(cat "$SVC/pids/$name.pid")
    kill -TERM "$pid" 2>/dev/null || true
  done
  for name in "$@"; do
    [ -f "$SVC/pids/$name.pid" ] || continue
    pid=$(cat "$SVC/pids/$name.pid")
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$SVC/pids/$name.pid"
  done
}
