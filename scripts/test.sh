#!/usr/bin/env bash
# Runs every test: the C# suites (xunit) and the module's Pester suite. Tests start moto_server themselves.
set -uo pipefail
cd "$(dirname "$0")/.."
# Tests only ever talk to loopback: never let the AWS credential chain probe the EC2 metadata address.
export AWS_EC2_METADATA_DISABLED=true
bash scripts/prerequisites.sh test || exit 1
dotnet build StackKit.slnx -c Release -nologo -v quiet || exit 1

results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"
status=0
for project in tests/StackKit.Tests tests/StackKit.Keys.Tests; do
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$(basename "$project").trx" --results-directory "$results" || status=1
done
# The fleet tests (real server processes, sshd and moto_server, with timing deadlines) run in a test process of their
# own: after the rest of the server suite, moto_server answers slowly for a minute or two in the same process, and
# their deadlines then measure that instead of the fleet (seen in 3 of 3 whole-suite runs on 2026-12-07; alone, 0 of 4).
fleet="FullyQualifiedName~StackKit.Server.Tests.FleetTests|FullyQualifiedName~StackKit.Server.Tests.KeyExpirySshTests"
dotnet test tests/StackKit.Server.Tests -c Release --no-build --nologo --filter "FullyQualifiedName!~StackKit.Server.Tests.FleetTests&FullyQualifiedName!~StackKit.Server.Tests.KeyExpirySshTests" \
  --logger "trx;LogFileName=StackKit.Server.Tests.trx" --results-directory "$results" || status=1
dotnet test tests/StackKit.Server.Tests -c Release --no-build --nologo --filter "$fleet" \
  --logger "trx;LogFileName=StackKit.Server.Fleet.Tests.trx" --results-directory "$results" || status=1
dotnet pwsh -NoProfile -NonInteractive -File tests/StackKit.PowerShell.Tests/Invoke-PesterSuite.ps1 \
  -ResultPath "$results/pester.xml" || status=1

python3 scripts/summarize-tests.py "$results" || status=1
exit $status
