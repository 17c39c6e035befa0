#!/usr/bin/env bash
# Builds the service image from this checkout and pushes it: StackKit.Server published as Native AOT onto a minimal
# base with no shell and no package manager, run as a non-root user. Uses the .NET SDK's container publishing, so no
# Docker is needed (templates/Dockerfile builds the same image with Docker).
#   build-image.sh [--base BASE_REFERENCE] IMAGE_REFERENCE [-- MSBUILD_ARGUMENTS...]
# IMAGE_REFERENCE is REGISTRY/REPOSITORY[:TAG] (without a tag: the version in Directory.Build.props). A registry on
# this machine (localhost:PORT, 127.0.0.1:PORT) is spoken to in plain HTTP; others need `docker login` credentials.
# The base: --base, else the public one the project names (ContainerBaseImage in StackKit.Server.csproj) when its
# registry answers, else a stand-in made from Debian packages (scripts/standin-base.py), pushed to the image's own
# registry, which must then be on this machine.
# Prints the base as `base: <reference>` and, as its last line, the pushed image as REGISTRY/REPOSITORY@sha256:...
# MSBUILD_ARGUMENTS go to the publish as they are (the benchmark's JIT build: -p:PublishAot=false -p:SelfContained=true).
# Needs the .NET SDK, clang and zlib1g-dev (scripts/prerequisites.sh test); a stand-in also needs apt-get and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 [--base BASE_REFERENCE] REGISTRY/REPOSITORY[:TAG] [-- MSBUILD_ARGUMENTS...]" >&2; exit 2; }
base=
extra=()
while (($#)); do
  case "$1" in
    --base) (($# >= 2)) || usage; base=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -*) usage ;;
    *) [[ -z "${image:-}" ]] || usage; image=$1; shift ;;
  esac
done
[[ -n "${image:-}" ]] || usage

# REGISTRY/REPOSITORY[:TAG]: the registry is the first part, and must be one (a name with a dot or a port, or localhost).
registry=${image%%/*}
rest=${image#*/}
if [[ "$image" != */* || ! "$registry" =~ [.:] && "$registry" != localhost ]]; then
  echo "error: '$image' names no registry; write it as REGISTRY/REPOSITORY[:TAG], e.g. localhost:5000/stackkit/http-service:1" >&2
  exit 2
fi
repository=${rest%%:*}
tag=; [[ "$rest" == *:* ]] && tag=${rest#*:}
if [[ ! "$repository" =~ ^[a-z0-9]+([._/-][a-z0-9]+)*$ || ( -n "$tag" && ! "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ) ]]; then
  echo "error: '$image' is not a valid image reference (lower-case repository path, tag of letters, digits, '_', '.', '-'; no digest)" >&2
  exit 2
fi
loopback=false
[[ "$registry" =~ ^(localhost|127\.0\.0\.1):[0-9]+$ ]] && loopback=true

project=src/StackKit.Server/StackKit.Server.csproj
if [[ -z "$base" ]]; then
  base=$(dotnet msbuild "$project" -getProperty:ContainerBaseImage)
  base_registry=${base%%/*}
  # Any HTTP answer (401 included) means the registry is reachable.
  if ! curl --silent --output /dev/null --max-time 10 "https://$base_registry/v2/"; then
    [[ "$loopback" == true ]] || { echo "error: $base_registry cannot be reached, and a stand-in base can only be pushed to a registry on this machine (localhost:PORT); pass --base" >&2; exit 1; }
    echo "$base_registry cannot be reached: building on a stand-in base made from Debian packages (scripts/standin-base.py)" >&2
    base=$(python3 scripts/standin-base.py "$registry")
  fi
fi
echo "base: $base"

# The SDK speaks plain HTTP to the registries named here; only ever to this machine's.
insecure=()
if [[ "$loopback" == true ]]; then
  insecure=("DOTNET_CONTAINER_INSECURE_REGISTRIES=$registry,${base%%/*}")
fi
properties=(-p:ContainerBaseImage="$base" -p:ContainerRegistry="$registry" -p:ContainerRepository="$repository")
[[ -n "$tag" ]] && properties+=(-p:ContainerImageTag="$tag")
log=$(mktemp); trap 'rm -f "$log"' EXIT
if ! env "${insecure[@]}" dotnet publish "$project" -c Release -r linux-x64 -t:PublishContainer -nologo \
    "${properties[@]}" "${extra[@]}" -getProperty:GeneratedContainerDigest -getResultOutputFile:"$log.digest" > "$log" 2>&1; then
  cat "$log" >&2
  echo "error: the image build failed (output above)" >&2
  exit 1
fi
digest=$(tr -d '[:space:]' < "$log.digest"); rm -f "$log.digest"
[[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || { cat "$log" >&2; echo "error: the SDK reported no image digest ('$digest')" >&2; exit 1; }
echo "$registry/$repository@$digest"
