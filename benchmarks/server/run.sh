#!/usr/bin/env bash
# Benchmarks the StackKit server on loopback with wrk (not pipelined):
#   1. GET / requests per second, StackKit.Server against nginx returning "Hi", each pinned to CPU 0, wrk to CPU 1;
#   2. durable POST /add_public_key adds per second (distinct keys, each fsynced before its 200).
# Usage: benchmarks/server/run.sh [runs=5] [seconds=10] [connections=64]
# Prints a Markdown table of medians. Bounded in time: 40 s of warm-up + (2 * runs + 1) * seconds + build time.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}; seconds=${2:-10}; connections=${3:-64}; warmup=20
server_cpu=0; client_cpu=1
nginx_port=18081; kestrel_port=18082; keys_port=18083

work=$(mktemp -d /tmp/stackkit-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish src/StackKit.Server -c Release -o "$work/server" -nologo -v quiet >/dev/null

mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/plain;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server { listen 127.0.0.1:$nginx_port; location = / { return 200 "Hi"; } }
}
CONF
taskset -c $server_cpu nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" & pids+=($!)
nginx_master=$!

start_server() { # port, ssh directory
  # The adds run writes some 20,000 keys: above the default cap of 2,000 (KeyInjection__MaxKeys).
  KeyInjection__SshDirectory="$2" KeyInjection__MaxKeys=1000000 KeyInjection__MaxFileBytes=1073741824 \
    taskset -c $server_cpu "$work/server/StackKit.Server" --urls "http://127.0.0.1:$1" >"$work/server-$1.log" 2>&1 & pids+=($!)
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$1/" >/dev/null && return; sleep 0.1; done
  echo "server on port $1 did not start" >&2; exit 1
}
start_server $kestrel_port "$work/ssh-get"
kestrel_pid=${pids[-1]}
nginx_workers=$(pgrep -P "$nginx_master" | tr '\n' ' ')

cpu_ticks() { local total=0 fields; for pid in "$@"; do read -ra fields <"/proc/$pid/stat"; total=$((total + fields[13] + fields[14])); done; echo $total; }
measure() { # url, server pids...; prints "requests/s CPU-microseconds-per-request" (the second is less sensitive to other load)
  local url=$1; shift
  local before out after
  before=$(cpu_ticks "$@")
  out=$(taskset -c $client_cpu wrk -t1 -c"$connections" -d"${duration:-$seconds}s" "$url")
  after=$(cpu_ticks "$@")
  awk -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" '
    /requests in/ {n = $1} /Requests\/sec/ {r = $2}
    END {printf "%s %.2f\n", r, (a - b) / hz * 1e6 / n}' <<<"$out"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# Warm-up: .NET's tiered JIT reaches its optimized code only after some 15 s of this load on one core.
duration=$warmup measure "http://127.0.0.1:$nginx_port/" $nginx_master $nginx_workers >/dev/null
duration=$warmup measure "http://127.0.0.1:$kestrel_port/" $kestrel_pid >/dev/null
nginx_rps=(); nginx_cpu=(); kestrel_rps=(); kestrel_cpu=()
for _ in $(seq "$runs"); do   # interleaved, so drifting background load hits both alike
  read -r r c < <(measure "http://127.0.0.1:$nginx_port/" $nginx_master $nginx_workers); nginx_rps+=("$r"); nginx_cpu+=("$c")
  read -r r c < <(measure "http://127.0.0.1:$kestrel_port/" $kestrel_pid); kestrel_rps+=("$r"); kestrel_cpu+=("$c")
done
median_of() { printf '%s\n' "$@" | median; }
nginx=$(median_of "${nginx_rps[@]}"); kestrel=$(median_of "${kestrel_rps[@]}")
nginx_us=$(median_of "${nginx_cpu[@]}"); kestrel_us=$(median_of "${kestrel_cpu[@]}")

start_server $keys_port "$work/ssh-add"
keys_out=$(taskset -c $client_cpu wrk -t1 -c"$connections" -d"${seconds}s" -s benchmarks/server/add_key.lua "http://127.0.0.1:$keys_port/")
adds=$(awk '/Requests\/sec/ {print $2}' <<<"$keys_out")
non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$keys_out")
stored=$(wc -l <"$work/ssh-add/authorized_keys")
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "| measure | median of $runs | runs |"
echo "| --- | ---: | --- |"
echo "| nginx GET / (req/s) | $nginx | ${nginx_rps[*]} |"
echo "| StackKit.Server GET / (req/s) | $kestrel | ${kestrel_rps[*]} |"
echo "| ratio StackKit / nginx (req/s) | $(ratio "$kestrel" "$nginx") | |"
echo "| nginx CPU per request (µs) | $nginx_us | ${nginx_cpu[*]} |"
echo "| StackKit.Server CPU per request (µs) | $kestrel_us | ${kestrel_cpu[*]} |"
echo "| ratio nginx / StackKit (CPU per request) | $(ratio "$nginx_us" "$kestrel_us") | |"
echo "| durable adds (POST /add_public_key, req/s) | $adds | 1 run; ${non2xx:-0} non-2xx; $stored keys in authorized_keys |"
