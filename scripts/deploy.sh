#!/usr/bin/env bash
# The main job: deploy the HTTP service. See usage below.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: scripts/deploy.sh [--local] [--yes] [--ssh-cidr CIDR | --ssh-from-here] [-- Deploy-HttpService.ps1 options]

Deploys the StackKit HTTP service. It deploys to AWS only when the AWS credential chain finds real credentials and
no local endpoint (AWS_ENDPOINT_URL*) is set; otherwise, or with --local, it runs the whole flow against a local
moto_server it starts and stops itself. The first line of output says which, and why.

  --local            use a local moto_server even when AWS credentials are configured
  --yes              on AWS, create the stack (billed resources) without asking; needed when stdin is not a terminal.
                     It also agrees to build the stock server into the stack's own ECR repository when the default
                     image is not published yet (no release pushed), which the job otherwise asks about
  --ssh-cidr CIDR    allow SSH (port 22) from CIDR, e.g. 203.0.113.7/32; by default SSH is open to nobody outside the VPC
  --ssh-from-here    allow SSH from this machine's public address, as https://checkip.amazonaws.com sees it
  -h, --help         show this help

Other options go to scripts/Deploy-HttpService.ps1: -SshKeyName NAME, -DockerImage IMAGE, -Region REGION.
It installs only what a deploy needs (scripts/prerequisites.sh deploy: openssh-client, curl; sudo when not root).
A generated service password is shown on a terminal, otherwise written to a file only you can read (the output
says where).
USAGE
}

arguments=()
while (($#)); do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --local) arguments+=(-Local) ;;
        --yes) arguments+=(-Force) ;;
        --ssh-from-here) arguments+=(-SshFromHere) ;;
        --ssh-cidr)
            [[ $# -ge 2 ]] || { echo "deploy.sh: --ssh-cidr needs a CIDR, e.g. --ssh-cidr 203.0.113.7/32" >&2; exit 2; }
            arguments+=(-SshCidr "$2"); shift ;;
        --ssh-cidr=*) arguments+=(-SshCidr "${1#--ssh-cidr=}") ;;
        --) ;;
        *) arguments+=("$1") ;;
    esac
    shift
done

cd "$(dirname "$0")/.."
# The .NET CLI's and PowerShell's telemetry and update check stay off: the job sends nothing its user did not ask for.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off
# PowerShell colours tables and warnings even when its output goes to a file or a pipe; there, plain text.
[[ -t 1 ]] || export NO_COLOR=1
# Setup and build speak only when they fail, so that the deploy's first line is the decision.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { bash scripts/prerequisites.sh deploy && dotnet build src/StackKit.PowerShell -c Release -nologo -v quiet && dotnet build src/StackKit.Server -c Release -nologo -v quiet; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "deploy.sh: preparing the tools or building failed (output above); nothing was deployed." >&2
    exit 1
fi
# The next steps it prints are bash commands, for the shell this was started from.
dotnet pwsh -NoProfile -NonInteractive -File scripts/Deploy-HttpService.ps1 -NextStepsFor Bash "${arguments[@]}"
