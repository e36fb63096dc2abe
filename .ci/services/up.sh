#!/usr/bin/env bash
# Start SLURM, Swift + s3api and nginx WebDAV in parallel on 127.0.0.1 (plain processes,
# PIDs in $REPRO_SERVICES_DIR/pids) and write the variables the tests read to
# $REPRO_SERVICES_DIR/env, with REPRO_CI_SERVICES=1 (tests then fail, not skip, without them).
# Stop everything with down.sh.
set -euo pipefail
here=$(dirname "$0")
. "$here/common.sh"
rm -f "$SVC/env" "$SVC"/env.*
t0=$SECONDS
pids=()
for s in slurm s3 http; do
  # A second try after stopping what the first left: a port still held by an earlier run's
  # exiting process fails a start now and then.
  ( start=$SECONDS
    "$here/$s.sh" start > "$SVC/env.$s" || { echo "services: $s failed to start; retrying" >&2; "$here/$s.sh" stop || true; sleep 3; "$here/$s.sh" start > "$SVC/env.$s"; }
    echo "services: $s up in $((SECONDS - start)) s" ) &
  pids+=($!)
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=1; done
if ((failed)); then echo "services: start-up failed (logs: $SVC/log)" >&2; exit 1; fi
{ cat "$SVC"/env.*; echo "export REPRO_CI_SERVICES=1"; } > "$SVC/env"
echo "services: all up in $((SECONDS - t0)) s"
