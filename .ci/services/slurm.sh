#!/usr/bin/env bash
# A one-node SLURM cluster (munged, slurmctld, slurmd) as plain processes: `slurm.sh start|stop`.
# No cgroups, no accounting database (settings: ../../README.md "Scale-out"). Prints the env to export.
set -euo pipefail
. "$(dirname "$0")/common.sh"
D=$SVC/slurm
case ${1:-start} in
start)
  mkdir -p "$D/state" "$D/spool" /run/munge
  chown munge:munge /run/munge
  if [ ! -s /etc/munge/munge.key ]; then mungekey --create >/dev/null; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; fi
  # setpriv execs, so the recorded PID is munged's own (munged writes its pid file only after dropping root).
  spawn munged setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged --foreground --force
  host=$(hostname -s)
  mem=$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')
  cat > "$D/slurm.conf" <<CONF
ClusterName=repro-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmctldPort=6817
SlurmdPort=6818
AuthType=auth/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$SVC/log/slurmctld.log
SlurmdLogFile=$SVC/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$D/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1000
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MinJobAge=600
ReturnToService=2
SlurmdTimeout=10
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$((mem * 9 / 10)) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$D/slurm.conf
  wait_for munged 20 munge -n
  spawn slurmctld /usr/sbin/slurmctld -D -i -f "$D/slurm.conf"
  spawn slurmd /usr/sbin/slurmd -D -f "$D/slurm.conf"
  wait_for slurm 90 bash -c '[ "$(sinfo -h -o %T)" = idle ]'
  echo "export SLURM_CONF=$D/slurm.conf"
  ;;
stop)
  # Cancel what is left, then stop the daemons by their PIDs.
  SLURM_CONF=$D/slurm.conf timeout 10 scancel --user=root 2>/dev/null || true
  stop_pids slurmd slurmctld munged
  ;;
esac
