#!/usr/bin/env bash
# The run command: builds Fleet, puts `fleet` on PATH, starts a single-node Fleet in the
# background (one control plane on its embedded store + one node agent), runs a demo workload
# in a jail and shows it. Safe to run again: it restarts the node with the new build.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if [[ $EUID -ne 0 ]]; then
  echo "error: run as root: the agent creates namespaces, cgroups and mounts" >&2
  exit 1
fi

bash "$repo/deploy/dev/prerequisites.sh"
bash "$repo/deploy/dev/build.sh"
ln -sf "$repo/artifacts/bin/cli/fleet" /usr/local/bin/fleet

fleet dev start

name="demo-$(date +%H%M%S)"
echo
echo "\$ fleet run --name $name --memory 64Mi --cpu 0.5 --wait -- sh -c '…'"
fleet run --name "$name" --memory 64Mi --cpu 0.5 --wait -- \
  sh -c 'echo "hello from $(hostname), pid $$ in its own PID namespace"; echo "its root:"; ls /; echo "its network:"; cat /proc/net/dev | tail -n +3 | cut -d: -f1; echo "its cgroup:"; grep memory /proc/self/cgroup'
echo
echo "\$ fleet logs $name"
fleet logs "$name"
echo
echo "\$ fleet get $name"
fleet get "$name"
echo
echo "\$ fleet ps"
fleet ps
echo
echo "\$ fleet nodes"
fleet nodes
echo
echo "Fleet is running in the background. Try: fleet run -- /bin/echo hello; fleet ps; fleet logs NAME"
echo "Stop it with: fleet dev stop"
