#!/usr/bin/env bash
# The main job: deploy the HTTP service. With AWS credentials it deploys to AWS; with none it runs the whole flow
# against a local moto_server it starts and stops itself. Arguments go to Deploy-HttpService.ps1 (e.g. -SshKeyName k).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
dotnet build src/StackKit.PowerShell -c Release -nologo -v quiet
dotnet build src/StackKit.Server -c Release -nologo -v quiet
exec dotnet pwsh -NoProfile -NonInteractive -File scripts/Deploy-HttpService.ps1 "$@"
