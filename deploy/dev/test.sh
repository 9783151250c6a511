#!/usr/bin/env bash
# The test command: installs what is missing, builds the binaries the end-to-end tests start,
# runs every test project, and ends with one line "N passed, N failed, N skipped".
# Privileged tests need root; they fail (not skip) where they cannot run.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash deploy/dev/prerequisites.sh || exit 1
bash deploy/dev/build.sh || { echo "0 passed, 1 failed"; exit 1; }

log="$repo/artifacts/test.log"
dotnet test --solution Fleet.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints a "Test run summary" block (total/failed/succeeded/skipped)
# but no single closing line; CI reads one.
summary="$(awk '
  /Test run summary/ { in_summary = 1 }
  in_summary && $1 == "failed:" { failed = $2 }
  in_summary && $1 == "succeeded:" { passed = $2 }
  in_summary && $1 == "skipped:" { skipped = $2 }
  END { printf "%d passed, %d failed, %d skipped", passed, failed, skipped }
' "$log")"
if [[ $status -ne 0 && "$summary" == *" 0 failed"* ]]; then
  # A crashed or unbuildable test module counts as a failure even when no test reported one.
  summary="${summary/ 0 failed/ 1 failed}"
fi
echo "$summary"
exit "$status"
