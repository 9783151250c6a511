#!/usr/bin/env bash
# Publishes every Fleet binary into artifacts/bin/{controlplane,agent,cli} (Release). The jail's
# init helper is NativeAOT and lands beside the agent, where the agent looks for it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
out="$repo/artifacts/bin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

publish() {
  dotnet publish "$1" -c Release -o "$2" -nologo -clp:ErrorsOnly -p:GenerateDocumentationFile=false
}

publish src/Fleet.ControlPlane "$out/controlplane"
publish src/Fleet.Agent "$out/agent"
publish src/Fleet.Jail.Init "$out/agent"
publish src/Fleet.Cli "$out/cli"
echo "built: $out"
