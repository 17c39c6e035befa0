#!/usr/bin/env bash
# Makes a stand-in for templates/Dockerfile's build stage base (the .NET SDK image) and loads it into a Docker daemon.
#   standin-sdk.sh      (the daemon: DOCKER_HOST, as for the docker client)
# The shipped build runs on mcr.microsoft.com/dotnet/sdk:10.0. Where that cannot be pulled (no internet: the tests),
# this makes an equivalent from what this machine has: a Debian root file system (mmdebstrap: bash, apt, clang,
# zlib1g-dev, ICU, CA certificates) with this machine's .NET SDK at the same place as in Microsoft's image
# (/usr/share/dotnet, /usr/bin/dotnet), run as root like it. Since the build then has no NuGet feed to reach, the
# stand-in carries the packages the server restores (restored from this machine's NuGet cache, exactly as the
# Dockerfile's restore step names them) in root's NuGet folder, and turns off NuGet's vulnerability audit, which needs
# the feed; the Dockerfile's own restore then finds everything and builds with `docker build --network none`.
# The image's file system is cached under ${STACKKIT_CACHE:-~/.cache/stackkit}/standin-sdk by the SDK's version,
# the Debian release and the packages, so a second run makes nothing (it only loads). Says on standard error whether
# the cache was used, and prints the image's reference, stackkit/dotnet-sdk-standin:KEY.
# Needs mmdebstrap (scripts/prerequisites.sh test), the .NET SDK and the docker client.
set -euo pipefail
cd "$(dirname "$0")/.."

# Bumped when the way the file system is made changes, so that no stale cached one is reused.
recipe=1
# shellcheck disable=SC1091  # the machine's own release file
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
sdk_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
sdk_version=$(dotnet --version)
cache=${STACKKIT_CACHE:-$HOME/.cache/stackkit}/standin-sdk
mkdir -p "$cache"
work=$(mktemp -d "$cache/work.XXXXXX"); trap 'rm -rf "$work"' EXIT

# The packages the Dockerfile's restore step fetches: the same files it copies, restored for the same runtime, from
# this machine's NuGet cache (a folder feed), into a folder of their own.
mkdir -p "$work/src/src/StackKit.Keys" "$work/src/src/StackKit.Server"
cp Directory.Build.props Directory.Packages.props nuget.config .editorconfig "$work/src/"
cp src/StackKit.Keys/StackKit.Keys.csproj "$work/src/src/StackKit.Keys/"
cp src/StackKit.Server/StackKit.Server.csproj "$work/src/src/StackKit.Server/"
if ! dotnet restore "$work/src/src/StackKit.Server/StackKit.Server.csproj" -r "linux-x64" --packages "$work/nuget" \
    --source "${NUGET_PACKAGES:-$HOME/.nuget/packages}" -p:NuGetAudit=false > "$work/restore.log" 2>&1; then
  cat "$work/restore.log" >&2
  echo "standin-sdk: the server's packages are not all in this machine's NuGet cache; restore once with the feed (dotnet restore src/StackKit.Server -r linux-x64)" >&2
  exit 1
fi
packages=$(cd "$work/nuget" && find . -mindepth 2 -maxdepth 2 -type d | sort)
key=$(printf '%s\n' "$recipe" "$suite" "$sdk_version" "$packages" | sha256sum | cut -c1-16)
tarball=$cache/$key.tar

if [[ -f "$tarball" ]]; then
  echo "standin-sdk: cached file system $tarball (SDK $sdk_version on Debian $suite)" >&2
else
  # Root mode when run as root; otherwise mmdebstrap's user namespaces.
  # The hook's $1 is the root's path, expanded by mmdebstrap's shell.
  # shellcheck disable=SC2016
  if ! mmdebstrap --quiet --variant=apt --include=bash,clang,zlib1g-dev,libicu72,ca-certificates \
      --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
      "$suite" "$work/root.tar" > "$work/mmdebstrap.log" 2>&1; then
    cat "$work/mmdebstrap.log" >&2
    echo "standin-sdk: mmdebstrap could not make the Debian $suite file system (it needs the Debian mirror apt uses)" >&2
    exit 1
  fi
  mkdir -p "$work/extra/usr/share" "$work/extra/usr/bin" "$work/extra/root/.nuget"
  cp -a "$sdk_root" "$work/extra/usr/share/dotnet"
  ln -s ../share/dotnet/dotnet "$work/extra/usr/bin/dotnet"
  mv "$work/nuget" "$work/extra/root/.nuget/packages"
  # Only the new paths: Docker refuses a layer that names a path twice (./usr, ./root are in the root file system).
  tar --append --file "$work/root.tar" --owner=0 --group=0 -C "$work/extra" ./usr/share/dotnet ./usr/bin/dotnet ./root/.nuget
  mv "$work/root.tar" "$tarball"
  # Older file systems of this cache are stale: keep only the current one.
  find "$cache" -maxdepth 1 -name '*.tar' ! -name "$key.tar" -delete
  echo "standin-sdk: built file system $tarball (SDK $sdk_version on Debian $suite)" >&2
fi

reference=stackkit/dotnet-sdk-standin:$key
# The configuration Microsoft's SDK image carries that the build relies on; NuGetAudit=false reaches MSBuild as a
# property (environment variables do), as the stand-in has no feed to audit against.
docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV DOTNET_ROOT=/usr/share/dotnet' --change 'ENV DOTNET_NOLOGO=true' \
  --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=true' --change 'ENV NuGetAudit=false' \
  --change 'WORKDIR /' --change 'CMD ["bash"]' \
  "$tarball" "$reference" > /dev/null
echo "$reference"
