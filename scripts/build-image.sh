#!/usr/bin/env bash
# Builds the service image from this checkout and pushes it: StackKit.Server published as Native AOT onto a minimal
# base with no shell and no package manager, run as a non-root user, for this machine's architecture (amd64 or arm64:
# Native AOT compiles for the machine it runs on). Two ways to the same image:
#   build-image.sh [--base BASE_REFERENCE] IMAGE_REFERENCE [-- MSBUILD_ARGUMENTS...]
#     the .NET SDK's container publishing: no Docker needed.
#   build-image.sh --dockerfile [--sdk SDK_REFERENCE] [--base BASE_REFERENCE] IMAGE_REFERENCE [-- DOCKER_BUILD_ARGUMENTS...]
#     `docker build -f templates/Dockerfile` and `docker push` (the daemon: DOCKER_HOST, as for the docker client);
#     the SDK image: --sdk, else the Dockerfile's SDK_IMAGE when its registry answers, else a stand-in made from this
#     machine's SDK (scripts/standin-sdk.sh), printed as a line `sdk: <reference>`.
# IMAGE_REFERENCE is REGISTRY/REPOSITORY[:TAG] (without a tag: the version in Directory.Build.props). A registry on
# this machine (localhost:PORT, 127.0.0.1:PORT) is spoken to in plain HTTP; others need `docker login` credentials.
# The base: --base, else the public one the project names (ContainerBaseImage in StackKit.Server.csproj, the
# Dockerfile's BASE_IMAGE) when its registry answers, else a stand-in made from Debian packages
# (scripts/standin-base.py), pushed to the image's own registry, which must then be on this machine.
# Prints the base as `base: <reference>` and, as its last line, the pushed image as REGISTRY/REPOSITORY@sha256:...
# MSBUILD_ARGUMENTS go to the publish as they are (the benchmark's JIT build: -p:PublishAot=false -p:SelfContained=true);
# DOCKER_BUILD_ARGUMENTS to docker build (the tests' daemon has no bridge: --network none).
# Needs the .NET SDK, clang and zlib1g-dev (scripts/prerequisites.sh test), or with --dockerfile Docker alone; a
# stand-in base also needs apt-get and python3, a stand-in SDK image the .NET SDK and mmdebstrap.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: $0 [--base BASE_REFERENCE] REGISTRY/REPOSITORY[:TAG] [-- MSBUILD_ARGUMENTS...]" >&2
  echo "       $0 --dockerfile [--sdk SDK_REFERENCE] [--base BASE_REFERENCE] REGISTRY/REPOSITORY[:TAG] [-- DOCKER_BUILD_ARGUMENTS...]" >&2
  exit 2
}
base=
sdk=
dockerfile=false
extra=()
while (($#)); do
  case "$1" in
    --base) (($# >= 2)) || usage; base=$2; shift 2 ;;
    --sdk) (($# >= 2)) || usage; sdk=$2; shift 2 ;;
    --dockerfile) dockerfile=true; shift ;;
    --) shift; extra=("$@"); break ;;
    -*) usage ;;
    *) [[ -z "${image:-}" ]] || usage; image=$1; shift ;;
  esac
done
[[ -n "${image:-}" ]] || usage
[[ -z "$sdk" || "$dockerfile" == true ]] || { echo "error: --sdk names the Dockerfile's build image; it needs --dockerfile" >&2; exit 2; }

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
# Native AOT compiles for the machine it runs on.
case "$(uname -m)" in
  x86_64) runtime=linux-x64; arch=amd64 ;;
  aarch64) runtime=linux-arm64; arch=arm64 ;;
  *) echo "error: no .NET runtime for this machine's architecture, $(uname -m)" >&2; exit 1 ;;
esac
dockerfile_path=templates/Dockerfile
# Any HTTP answer (401 included) means the registry is reachable.
reachable() { curl --silent --output /dev/null --max-time 10 "https://${1%%/*}/v2/"; }
dockerfile_default() { sed -n "s/^ARG $1=//p" "$dockerfile_path"; }
if [[ -z "$base" ]]; then
  if [[ "$dockerfile" == true ]]; then base=$(dockerfile_default BASE_IMAGE); else base=$(dotnet msbuild "$project" -getProperty:ContainerBaseImage); fi
  base_registry=${base%%/*}
  if ! reachable "$base"; then
    [[ "$loopback" == true ]] || { echo "error: $base_registry cannot be reached, and a stand-in base can only be pushed to a registry on this machine (localhost:PORT); pass --base" >&2; exit 1; }
    echo "$base_registry cannot be reached: building on a stand-in base made from Debian packages (scripts/standin-base.py)" >&2
    base=$(python3 scripts/standin-base.py "$registry")
  fi
fi
echo "base: $base"

if [[ "$dockerfile" == true ]]; then
  if [[ -z "$sdk" ]]; then
    sdk=$(dockerfile_default SDK_IMAGE)
    if ! reachable "$sdk"; then
      echo "${sdk%%/*} cannot be reached: building in a stand-in SDK image made from this machine's .NET SDK (scripts/standin-sdk.sh)" >&2
      sdk=$(bash scripts/standin-sdk.sh)
    fi
  fi
  echo "sdk: $sdk"
  # Without a tag: the version, as the SDK's publishing tags it.
  [[ -n "$tag" ]] || tag=$(sed -n 's|.*<VersionPrefix>\(.*\)</VersionPrefix>.*|\1|p' Directory.Build.props)
  log=$(mktemp); trap 'rm -f "$log"' EXIT
  if ! docker build --file "$dockerfile_path" --build-arg SDK_IMAGE="$sdk" --build-arg BASE_IMAGE="$base" \
      --build-arg TARGETARCH="$arch" \
      --tag "$registry/$repository:$tag" "${extra[@]}" . > "$log" 2>&1; then
    cat "$log" >&2
    echo "error: docker build failed (output above)" >&2
    exit 1
  fi
  if ! docker push "$registry/$repository:$tag" > "$log" 2>&1; then
    cat "$log" >&2
    echo "error: docker push to $registry failed (output above)" >&2
    exit 1
  fi
  digest=$(sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' "$log" | tail -n 1)
  [[ -n "$digest" ]] || { cat "$log" >&2; echo "error: docker push reported no digest" >&2; exit 1; }
  echo "$registry/$repository@$digest"
  exit 0
fi

# The SDK speaks plain HTTP to the registries named here; only ever to this machine's.
insecure=()
if [[ "$loopback" == true ]]; then
  insecure=("DOTNET_CONTAINER_INSECURE_REGISTRIES=$registry,${base%%/*}")
fi
properties=(-p:ContainerBaseImage="$base" -p:ContainerRegistry="$registry" -p:ContainerRepository="$repository")
[[ -n "$tag" ]] && properties+=(-p:ContainerImageTag="$tag")
log=$(mktemp); trap 'rm -f "$log"' EXIT
if ! env "${insecure[@]}" dotnet publish "$project" -c Release -r "$runtime" -t:PublishContainer -nologo \
    "${properties[@]}" "${extra[@]}" -getProperty:GeneratedContainerDigest -getResultOutputFile:"$log.digest" > "$log" 2>&1; then
  cat "$log" >&2
  echo "error: the image build failed (output above)" >&2
  exit 1
fi
digest=$(tr -d '[:space:]' < "$log.digest"); rm -f "$log.digest"
[[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || { cat "$log" >&2; echo "error: the SDK reported no image digest ('$digest')" >&2; exit 1; }
echo "$registry/$repository@$digest"
