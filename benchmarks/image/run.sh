#!/usr/bin/env bash
# The service image, Native AOT against a JIT build of the same server on the same base, in the same run:
#   - the image's own layers (without the base), compressed, as the registry stores them;
#   - start-up: from Docker's State.StartedAt to the first "Hi" on GET /, median of RUNS (default 10) starts after one
#     not counted, seen by one polling process started before `docker run` (benchmarks/image/first-hi.py);
#   - the container's memory (docker stats) after start-up and after 10,000 GET / requests (wrk);
#   - GET / throughput with wrk: 2 threads, 32 connections, 5 s, server and wrk sharing both cores; then 1 thread,
#     32 connections, 5 s with the server's container on CPU 0 and wrk on CPU 1.
# The server runs with the user data's `docker run` flags and a password hash, as a stack with -ServiceCredential runs it.
# Usage (as root, after scripts/prerequisites.sh test):  bash benchmarks/image/run.sh [RUNS]
# Everything runs on loopback: a docker-registry on 127.0.0.1, a dockerd of its own with no bridge and no iptables
# rules (--bridge=none --iptables=false --ip6tables=false), containers on the host network listening on 127.0.0.1.
# The images are built with scripts/build-image.sh on the stand-in base (scripts/standin-base.py); the JIT build is
# self-contained (the .NET runtime in the image's layer), as the stand-in base has no runtime of its own.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
work=$(mktemp -d /tmp/stackkit-image-bench.XXXXXX)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
registry_port=$(port)
registry=localhost:$registry_port
docker=/usr/bin/docker; [[ -x $docker ]] || docker=docker
export DOCKER_HOST=unix://$work/docker.sock DOCKER_CONFIG=$work/client

cleanup() {
  if [[ -n "${dockerd_pid:-}" ]]; then
    for id in $("$docker" ps --all --quiet --no-trunc 2>/dev/null); do "$docker" rm --force "$id" >/dev/null 2>&1 || true; done
    kill -TERM "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 60); do [[ -e /proc/$dockerd_pid ]] || break; sleep 0.5; done
  fi
  if [[ -n "${registry_pid:-}" ]]; then kill "$registry_pid" 2>/dev/null || true; fi
  # dockerd leaves its network namespace's bind mount behind.
  grep -o " $work/[^ ]*" /proc/self/mountinfo | sort -r | while read -r mount; do umount --lazy "$mount"; done
  rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/registry.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$registry_port
EOF
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 & registry_pid=$!
dockerd --bridge=none --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --userland-proxy=false \
  --data-root "$work/data" --exec-root "$work/exec" --pidfile "$work/dockerd.pid" --host "$DOCKER_HOST" > "$work/dockerd.log" 2>&1 &
dockerd_pid=$!
for _ in $(seq 120); do "$docker" version >/dev/null 2>&1 && curl -s "http://127.0.0.1:$registry_port/v2/" >/dev/null && break; sleep 0.5; done

base=$(python3 scripts/standin-base.py "$registry")
echo "base (stand-in made from Debian packages): $base"
aot=$(bash scripts/build-image.sh --base "$base" "$registry/stackkit/http-service:aot" | tail -n 1)
jit=$(bash scripts/build-image.sh --base "$base" "$registry/stackkit/http-service:jit" -- -p:PublishAot=false -p:SelfContained=true | tail -n 1)

# Bytes of the image's compressed layers that the base does not have.
own_layers() {
  python3 - "$1" "$base" <<'EOF'
import json, sys, urllib.request
def manifest(reference):
    host, rest = reference.split("/", 1)
    name, _, tag = rest.partition("@") if "@" in rest else rest.rpartition(":")
    request = urllib.request.Request(f"http://{host}/v2/{name}/manifests/{tag}",
        headers={"Accept": "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json"})
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request) as answer:
        return json.load(answer)
base = {layer["digest"] for layer in manifest(sys.argv[2])["layers"]}
print(sum(layer["size"] for layer in manifest(sys.argv[1])["layers"] if layer["digest"] not in base))
EOF
}

# The service's credentials as a stack with -ServiceCredential passes them (the user data's env file): the password's
# PBKDF2 hash, never the password.
# shellcheck disable=SC2016  # the dollars are the hash format's, in Python
password_hash=$(python3 -c 'import base64,hashlib,os; s=os.urandom(16); k=hashlib.pbkdf2_hmac("sha256", b"benchmark-password", s, 600000); print("pbkdf2-sha256$600000$" + base64.b64encode(s).decode() + "$" + base64.b64encode(k).decode())')

memory_mib() { "$docker" stats --no-stream --format '{{.MemUsage}}' "$1" | awk '{print $1}'; }

# The server's user and its ~/.ssh, as ec2-user's on an instance.
home=$work/home
mkdir -p "$home/.ssh" && chown -R 1000:1000 "$home" && chmod 700 "$home/.ssh"

# Starts the image with the user data's `docker run` flags (src/StackKit/HttpService/UserDataScript.cs: hardened, the
# json-file log driver of a stack without central logs, ec2-user's id and ~/.ssh), on port $2 of loopback instead of
# port 80 published (there is no bridge here), with any further Docker flags; prints the container's id.
run_server() {
  local image=$1 port=$2
  "$docker" run --detach --restart always "${@:3}" \
    --read-only --cap-drop ALL --security-opt no-new-privileges --ipc none --tmpfs /dev/mqueue:ro \
    --log-driver json-file --log-opt max-size=10m --log-opt max-file=5 \
    --user 1000:1000 --env HOME="$home" --volume "$home/.ssh:$home/.ssh" \
    --network host --env "ASPNETCORE_URLS=http://127.0.0.1:$port" --env "KeyInjection__PasswordHash=$password_hash" "$image"
}

# Waits up to 60 s for the server on port $1 to answer Hi.
await_hi() {
  local deadline=$((SECONDS + 60))
  until [[ "$(curl --silent --max-time 1 "http://127.0.0.1:$1/" 2>/dev/null)" == Hi ]]; do
    (( SECONDS < deadline )) || { echo "The server on port $1 did not answer Hi within 60 s." >&2; exit 1; }
    sleep 0.05
  done
}

# A start that crashed and was restarted (--restart always) would count from its restart: refuse it instead.
refuse_restarted() {
  local restarts; restarts=$("$docker" inspect --format '{{.RestartCount}}' "$1")
  [[ $restarts == 0 ]] || { echo "Container $1 restarted $restarts times: its server crashed; see docker logs $1." >&2; exit 1; }
}

measure() {
  local name=$1 image=$2 starts=() port container poller
  "$docker" pull --quiet "$image" >/dev/null
  # One start not counted, as a benchmark's warm-up: it reads the image's files from disk after the pull, and the pull
  # and builds' writes are flushed (sync) before any start is timed.
  sync
  port=$(port)
  container=$(run_server "$image" "$port")
  await_hi "$port"
  "$docker" rm --force "$container" >/dev/null
  for _ in $(seq "$runs"); do
    port=$(port)
    python3 benchmarks/image/first-hi.py "$port" > "$work/first-hi" & poller=$!
    container=$(run_server "$image" "$port")
    wait "$poller"
    refuse_restarted "$container"
    starts+=("$(python3 - "$(<"$work/first-hi")" "$("$docker" inspect --format '{{.State.StartedAt}}' "$container")" <<'PY'
import datetime, sys
# StartedAt is RFC 3339 with nanoseconds; Python parses microseconds, so the last three digits are dropped.
whole, _, fraction = sys.argv[2].rstrip("Z").partition(".")
started = datetime.datetime.fromisoformat(whole).replace(tzinfo=datetime.timezone.utc).timestamp() * 1e9 + int(fraction.ljust(9, "0")[:9])
print((int(sys.argv[1]) - started) / 1e6)
PY
)")
    "$docker" rm --force "$container" >/dev/null
  done
  port=$(port)
  container=$(run_server "$image" "$port")
  await_hi "$port"
  sleep 1
  local after_start; after_start=$(memory_mib "$container")
  wrk -t1 -c10 -d5s -s benchmarks/image/requests.lua "http://127.0.0.1:$port/" > "$work/$name-10k.txt"
  local after_requests; after_requests=$(memory_mib "$container")
  local throughput; throughput=$(wrk -t2 -c32 -d5s "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}')
  "$docker" rm --force "$container" >/dev/null
  # Throughput once more with the server alone on one core and wrk alone on the other: on 2 cores the two otherwise
  # take CPU from each other, and the figure measures the scheduler as much as the server.
  port=$(port)
  container=$(run_server "$image" "$port" --cpuset-cpus 0)
  await_hi "$port"
  taskset -c 1 wrk -t1 -c10 -d3s "http://127.0.0.1:$port/" > /dev/null
  local pinned; pinned=$(taskset -c 1 wrk -t1 -c32 -d5s "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}')
  "$docker" rm --force "$container" >/dev/null
  local median; median=$(printf '%s\n' "${starts[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  printf '%-4s own layers %6.1f MB | start to first Hi: median %5.0f ms (of %s: %s) | memory %s after start, %s after 10,000 requests | %s requests/s, %s pinned (server on CPU 0, wrk on CPU 1)\n' \
    "$name" "$(echo "$(own_layers "$image") / 1000000" | bc -l)" "$median" "$runs" \
    "$(printf '%s\n' "${starts[@]}" | xargs printf '%.0f ')" "$after_start" "$after_requests" "$throughput" "$pinned"
}

echo "AOT image: $aot"
echo "JIT image: $jit"
measure AOT "$aot"
measure JIT "$jit"
