#!/usr/bin/env bash
# Installs what the tests and the deploy job need on a fresh Debian machine; does nothing when it is all there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# iproute2, util-linux, procps (ip, unshare, setpriv, pgrep) and shellcheck: the first-boot rehearsal;
# docker-registry and yamllint: the image preflight and the release workflow's lint;
# e2fsprogs: chattr, which the server tests use to make authorized_keys fail to write.
for pkg in openssh-server openssh-client wrk nginx tmux curl iproute2 util-linux procps shellcheck docker-registry yamllint e2fsprogs; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in moto_server cfn-lint aws; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is not on PATH; install it with: pip install 'moto[server]==5.2.1' cfn-lint==1.51.0 awscli" >&2; exit 1; }
done

dotnet tool restore >/dev/null
