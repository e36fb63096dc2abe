#!/usr/bin/env bash
# Debian packages for the scale-out services (SLURM, Swift + s3api, nginx WebDAV), if missing.
set -euo pipefail
PKGS="slurmctld slurmd slurm-client munge swift swift-proxy swift-object swift-account swift-container memcached nginx-light curl"
if ! dpkg -s $PKGS >/dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $PKGS >/dev/null
fi
