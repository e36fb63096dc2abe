#!/usr/bin/env bash
# Stop every service up.sh started, by PID.
here=$(dirname "$0")
for s in slurm s3 http; do "$here/$s.sh" stop || true; done
