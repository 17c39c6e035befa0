#!/usr/bin/env bash
# Installs what a purpose needs on a fresh Debian machine; does nothing when it is all there.
#   prerequisites.sh deploy   what scripts/deploy.sh needs: the PowerShell tool and the demo's ssh-keygen and curl.
#                             No server: nothing that apt would start listening on this machine.
#   prerequisites.sh test     that, and the servers and tools the tests run (sshd, nginx, docker-registry, ...).
# --dry-run lists the Debian packages it would install, one a line, and installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 deploy|test [--dry-run]" >&2; exit 2; }
purpose="${1:-}"; dry_run=false
case $# in
  1) ;;
  2) [[ "$2" == "--dry-run" ]] || usage; dry_run=true ;;
  *) usage ;;
esac

# openssh-client (ssh-keygen) and curl: the local demo makes a key and POSTs it to the service.
deploy_packages=(openssh-client curl)
# iproute2, util-linux, procps (ip, unshare, setpriv, pgrep) and shellcheck: the first-boot rehearsal;
# openssh-server, nginx, wrk, tmux: sshd, the speed measurements and terminal behaviour;
# docker-registry and yamllint: the image preflight and the release workflow's lint;
# e2fsprogs: chattr, which the server tests use to make authorized_keys fail to write;
# clang and zlib1g-dev: the Native AOT publish of the service image (scripts/build-image.sh);
# docker.io (dockerd, containerd, runc): the image tests run it for real, each with its own daemon;
# mmdebstrap: the stand-in for the Dockerfile's SDK image (scripts/standin-sdk.sh).
test_packages=(openssh-server wrk nginx tmux iproute2 util-linux procps shellcheck docker-registry yamllint e2fsprogs
  clang zlib1g-dev docker.io mmdebstrap)
case "$purpose" in
  deploy) packages=("${deploy_packages[@]}"); tools=() ;;
  # The local deploy checks for moto_server and aws itself, when it runs; the tests always need them.
  test) packages=("${deploy_packages[@]}" "${test_packages[@]}"); tools=(moto_server cfn-lint aws) ;;
  *) usage ;;
esac

missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [[ "$dry_run" == true ]]; then
  ((${#missing[@]})) && printf '%s\n' "${missing[@]}"
  exit 0
fi
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  # No package may start its service: docker.io's would make a bridge in this machine's own network namespace (and
  # nginx's would take port 80). Tests start what they need themselves.
  no_start=/usr/sbin/policy-rc.d; added_policy=false
  if [[ ! -e "$no_start" ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$no_start" >/dev/null
    "${sudo_cmd[@]}" chmod 755 "$no_start"; added_policy=true
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [[ "$added_policy" == true ]]; then "${sudo_cmd[@]}" rm -f "$no_start"; fi
fi

for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is not on PATH; install it with: pip install 'moto[server]==5.2.1' cfn-lint==1.51.0 awscli" >&2; exit 1; }
done

dotnet tool restore >/dev/null
