#!/usr/bin/env python3
"""Builds a stand-in for the service image's public base and pushes it to a registry on this machine.

    standin-base.py REGISTRY      (REGISTRY: localhost:PORT, a plain-HTTP registry such as Debian's docker-registry)

The shipped image is built on mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled. Where that cannot be pulled
(no internet: the tests, CI), this makes the same kind of base from the Debian packages of this machine's release:
the libraries a Native AOT .NET program loads (libc6, libgcc-s1, libstdc++6, libssl3), the CA bundle
(ca-certificates) and the release files (base-files); /etc/passwd and /etc/group with root and the non-root user
`app` (uid and gid 1654, as in Microsoft's images), and the image configuration Microsoft's base carries (USER 1654,
APP_UID, ASPNETCORE_HTTP_PORTS=8080). No shell, no package manager, no tzdata or ICU: the chiseled base has none.

The layer is made reproducibly (sorted entries, fixed times and owners) and cached by the packages' versions under
${STACKKIT_CACHE:-~/.cache/stackkit}/standin-base, so a second run downloads and builds nothing. It pushes with the
registry's HTTP API alone (no Docker needed) and prints the pushed reference, REGISTRY/stackkit/runtime-deps-standin:TAG.
"""
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PACKAGES = ["base-files", "libc6", "libgcc-s1", "libstdc++6", "libssl3", "ca-certificates"]
REPOSITORY = "stackkit/runtime-deps-standin"
APP_ID = 1654
# Bumped when the way the layer is made changes, so that no stale cached layer is reused.
RECIPE = "1"
# What the base does not need at run time: documentation, and the tools that only a package manager's scripts run.
PRUNED = ("usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/lintian", "usr/share/locale", "usr/sbin",
          "usr/bin", "sbin", "bin", "usr/share/common-licenses", "usr/share/base-files")
MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json"
CONFIG_TYPE = "application/vnd.docker.container.image.v1+json"
LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip"


def fail(message):
    print(f"standin-base: {message}", file=sys.stderr)
    sys.exit(1)


def package_files():
    """The .deb file names apt would download now: they name each package's version, so they key the cache."""
    result = subprocess.run(["apt-get", "download", "--print-uris", *PACKAGES], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"apt-get cannot locate the base's packages ({result.stderr.strip()}); run 'apt-get update' first.")
    uris = {}
    for line in result.stdout.splitlines():
        match = re.match(r"'([^']+)' (\S+) ", line)
        if match:
            uris[match.group(2)] = match.group(1)
    if len(uris) != len(PACKAGES):
        fail(f"apt-get named {len(uris)} files for {len(PACKAGES)} packages: {sorted(uris)}")
    return uris


def make_root(debs, root):
    for deb in debs:
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    for pruned in PRUNED:
        target = root / pruned
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)
    certificates = sorted((root / "usr/share/ca-certificates").rglob("*.crt"))
    if not certificates:
        fail("ca-certificates brought no certificates")
    bundle = root / "etc/ssl/certs/ca-certificates.crt"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    bundle.write_bytes(b"".join(c.read_bytes().rstrip(b"\n") + b"\n" for c in certificates))
    (root / "etc/passwd").write_text(f"root:x:0:0:root:/root:/sbin/nologin\napp:x:{APP_ID}:{APP_ID}::/home/app:/sbin/nologin\n")
    (root / "etc/group").write_text(f"root:x:0:\napp:x:{APP_ID}:\n")
    (root / "etc/ld.so.conf").write_text("include /etc/ld.so.conf.d/*.conf\n")
    # The loader's cache, as ldconfig writes it when libc6 is installed (with this machine's ldconfig, run on the root).
    subprocess.run(["ldconfig", "-r", str(root)], check=True)
    for directory, mode in (("tmp", 0o1777), ("root", 0o700), ("home/app", 0o755)):
        (root / directory).mkdir(parents=True, exist_ok=True)
        (root / directory).chmod(mode)


def write_layer(root, layer_path):
    """A reproducible tar.gz of the root; returns the uncompressed tar's digest (the image's diff id)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        paths = sorted(p for p in root.rglob("*"))
        for path in paths:
            name = path.relative_to(root).as_posix()
            info = tar.gettarinfo(str(path), arcname=name)
            info.mtime = 0
            info.uname = info.gname = ""
            info.uid = info.gid = APP_ID if name == "home/app" else 0
            if info.isfile():
                with open(path, "rb") as stream:
                    tar.addfile(info, stream)
            else:
                tar.addfile(info)
    data = raw.getvalue()
    with open(layer_path, "wb") as out:
        with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as compressed:
            compressed.write(data)
    return "sha256:" + hashlib.sha256(data).hexdigest()


def build(cache):
    uris = package_files()
    key = hashlib.sha256((RECIPE + "\n" + "\n".join(sorted(uris))).encode()).hexdigest()[:16]
    entry = cache / key
    if (entry / "config.json").exists():
        return entry, key, True
    with tempfile.TemporaryDirectory(prefix="standin-base.") as work:
        work = Path(work)
        work.chmod(0o755)  # apt downloads as its own user, _apt
        subprocess.run(["apt-get", "download", "-qq", *PACKAGES], cwd=work, check=True)
        root = work / "root"
        root.mkdir()
        make_root(sorted(work.glob("*.deb")), root)
        staging = Path(tempfile.mkdtemp(prefix=key + ".", dir=cache))
        staging.chmod(0o755)
        diff_id = write_layer(root, staging / "layer.tar.gz")
        config = {
            "architecture": "amd64",
            "os": "linux",
            "config": {
                "User": str(APP_ID),
                "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", f"APP_UID={APP_ID}",
                        "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true"],
                "WorkingDir": "/",
            },
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
            "history": [{"created": "1970-01-01T00:00:00Z",
                         "created_by": "scripts/standin-base.py: " + " ".join(sorted(uris))}],
        }
        (staging / "config.json").write_text(json.dumps(config, sort_keys=True, separators=(",", ":")))
        # Whole or not at all: a run killed half-way leaves no entry that looks complete.
        staging.rename(entry)
    return entry, key, False


def request(method, url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    # Plain HTTP to loopback only: never through a proxy.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return opener.open(req, timeout=60)


def push_blob(base, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    try:
        request("HEAD", f"{base}/blobs/{digest}")
        return digest
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise
    started = request("POST", f"{base}/blobs/uploads/")
    location = urllib.parse.urljoin(base + "/", started.headers["Location"])
    separator = "&" if "?" in location else "?"
    request("PUT", f"{location}{separator}digest={digest}", data=data,
            headers={"Content-Type": "application/octet-stream", "Content-Length": str(len(data))})
    return digest


def main():
    if len(sys.argv) != 2 or not re.fullmatch(r"(localhost|127\.0\.0\.1):\d+", sys.argv[1]):
        fail("usage: standin-base.py localhost:PORT (a plain-HTTP registry on this machine)")
    registry = sys.argv[1]
    cache = Path(os.environ.get("STACKKIT_CACHE") or Path.home() / ".cache/stackkit") / "standin-base"
    cache.mkdir(parents=True, exist_ok=True)
    entry, key, cached = build(cache)
    layer = (entry / "layer.tar.gz").read_bytes()
    config = (entry / "config.json").read_bytes()
    base = f"http://{registry}/v2/{REPOSITORY}"
    manifest = {
        "schemaVersion": 2,
        "mediaType": MANIFEST_TYPE,
        "config": {"mediaType": CONFIG_TYPE, "size": len(config), "digest": push_blob(base, config)},
        "layers": [{"mediaType": LAYER_TYPE, "size": len(layer), "digest": push_blob(base, layer)}],
    }
    tag = "bookworm-" + key
    request("PUT", f"{base}/manifests/{tag}", data=json.dumps(manifest).encode(), headers={"Content-Type": MANIFEST_TYPE})
    print(f"standin-base: {'cached' if cached else 'built'} layer {entry / 'layer.tar.gz'}", file=sys.stderr)
    print(f"{registry}/{REPOSITORY}:{tag}")


if __name__ == "__main__":
    main()
