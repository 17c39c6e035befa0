#!/usr/bin/env bash
# The main job: deploy the HTTP service. It deploys to AWS only when the AWS credential chain resolves real
# credentials and no local endpoint (AWS_ENDPOINT_URL*) is set; otherwise, or with --local, it runs the whole flow
# against a local moto_server it starts and stops itself. The first line of output says which, and why. Other
# arguments go to Deploy-HttpService.ps1 (e.g. -SshKeyName k).
set -euo pipefail
cd "$(dirname "$0")/.."
arguments=()
for argument in "$@"; do
    if [[ "$argument" == "--local" ]]; then arguments+=("-Local"); else arguments+=("$argument"); fi
done
# Setup and build speak only when they fail, so that the deploy's first line is the decision.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { bash scripts/prerequisites.sh && dotnet build src/StackKit.PowerShell -c Release -nologo -v quiet && dotnet build src/StackKit.Server -c Release -nologo -v quiet; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "deploy.sh: preparing the tools or building failed (output above); nothing was deployed." >&2
    exit 1
fi
dotnet pwsh -NoProfile -NonInteractive -File scripts/Deploy-HttpService.ps1 "${arguments[@]}"
