#!/bin/bash
# Runs inside fresh mount, network and pid namespaces (unshare --mount --net --pid --fork --mount-proc): turns the
# machine into a stand-in ECS-optimized Amazon Linux 2023 instance with the real Docker engine, runs the user data as
# cloud-init would (as root, output to the "console"), then, if the boot succeeded, calls the service from the
# instance itself, looks at the container as the kernel sees it, and kills the server to watch Docker restart it.
# Nothing leaks out: the mounts, the network (a docker0 bridge of this namespace only) and every process end with
# the namespaces, and the exit trap removes each container by id and stops each daemon by pid before that.
set -euo pipefail
state=$1
python_bin=$(cat "$state/python-bin")
# The instance's tools first: docker is the client of the daemon's own package.
PATH="$state/bin:$PATH"
ip link set lo up
# /etc with ec2-user added, as the AMI has it (a copy: the machine's own /etc is never written).
mount --bind "$state/etc" /etc
# /run of the instance's own: Docker's socket, containerd's and their pid files live there, out of the machine's sight.
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs -o mode=755 tmpfs /opt
# The ECS-optimized AMI has Docker but not the CloudFormation helper scripts; a custom AMI may have both.
if [ -f "$state/ami-has-cfn-bootstrap" ]; then install -D -m 755 "$state/stand-ins/cfn-signal" /opt/aws/bin/cfn-signal; fi
# /home/ec2-user with the key pair's line cloud-init wrote.
mount --bind "$state/home" /home

daemons=()
stop_all() {
  if [ -S /run/docker.sock ]; then
    for container in $(docker ps --all --quiet --no-trunc); do docker rm --force "$container" > /dev/null || true; done
  fi
  if [ -f /run/docker.pid ]; then daemons+=("$(cat /run/docker.pid)"); fi
  for daemon in moto aws-front; do
    if [ -f "$state/$daemon.pid" ]; then daemons+=("$(cat "$state/$daemon.pid")"); fi
  done
  for pid in "${daemons[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
  for pid in "${daemons[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
  done
}
trap stop_all EXIT

# The image's registry: a docker-registry on the same loopback port, over the storage the image was pushed to.
registry_port=$(cat "$state/registry-port")
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$(cat "$state/registry-storage")" "$registry_port" > "$state/registry.yml"
docker-registry serve "$state/registry.yml" > "$state/registry.log" 2>&1 &
daemons+=($!)

# EC2's instance metadata service, outside the instance as on EC2: in a network namespace of its own at
# 169.254.169.254, one veth away, answering with IP packets whose TTL is the launch template's hop limit.
unshare --net sleep infinity &
imds_namespace=$!
daemons+=("$imds_namespace")
# Until unshare has made the namespace, the process is still in this one.
for _ in $(seq 100); do
  [ "$(readlink "/proc/$imds_namespace/ns/net")" != "$(readlink /proc/self/ns/net)" ] && break
  sleep 0.05
done
ip link add imds0 type veth peer name eth0 netns "$imds_namespace"
ip address add 169.254.1.1/16 dev imds0
ip link set imds0 up
nsenter --target "$imds_namespace" --net sh -c 'ip link set lo up && ip address add 169.254.169.254/16 dev eth0 && ip link set eth0 up'
nsenter --target "$imds_namespace" --net "$python_bin/python3" "$state/stand-ins/imds.py" "$(cat "$state/hop-limit")" >> "$state/imds.log" 2>&1 &
daemons+=($!)
for _ in $(seq 100); do curl --silent --output /dev/null --max-time 1 -X PUT http://169.254.169.254/latest/api/token && break; sleep 0.1; done
: > "$state/imds.log"

for _ in $(seq 100); do curl --silent --output /dev/null "http://127.0.0.1:$registry_port/v2/" && break; sleep 0.1; done

# CloudWatch Logs at its regional name, when a test brings the stack's log group (StandIns/central-logs.sh).
if [ -f "$state/logs-host" ]; then bash "$state/stand-ins/central-logs.sh" start "$state"; fi
# What the instance's AWS would be (e.g. moto_server with the stack's tables), when a test brings one.
if [ -f "$state/before-boot" ]; then bash "$state/before-boot" "$state"; fi

status=0
date +%s%N > "$state/user-data.start"
env -i PATH="$state/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" LANG=C.UTF-8 STANDIN_STATE="$state" \
  /bin/bash "$state/user-data" > "$state/console" 2>&1 || status=$?
echo "$status" > "$state/user-data.exit"
docker ps --all --quiet --no-trunc | xargs --no-run-if-empty docker inspect --format '{{.Name}} {{.Config.Image}} {{.State.Status}}' > "$state/containers" 2>&1 || true
if [ "$status" -ne 0 ]; then exit 0; fi

# The server as the kernel sees it: its user, capabilities and no_new_privs, its home (in its own mount namespace)
# and the names of its environment variables (values stay unread: one is the password hash).
server=$(docker inspect --format '{{.State.Pid}}' http-service)
stat -c '%u' "/proc/$server" > "$state/server-uid"
grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):' "/proc/$server/status" > "$state/server-privileges"
ls -A "/proc/$server/root/home/ec2-user" > "$state/server-home"
tr '\0' '\n' < "/proc/$server/environ" | cut -d= -f1 | sort > "$state/server-environment"
docker inspect --format '{{json .HostConfig}}' http-service > "$state/host-config.json"
# The names of the Docker daemon's environment variables: where its awslogs driver could find credentials.
tr '\0' '\n' < "/proc/$(cat /run/docker.pid)/environ" | cut -d= -f1 | sort > "$state/dockerd-environment"
curl --silent --max-time 10 http://127.0.0.1/ > "$state/get" || true
for who in stack default; do
  curl --silent --max-time 10 --output "$state/post-$who" --write-out '%{http_code}' --user "$(cat "$state/credentials-$who")" \
    --header 'Content-Type: application/json' --data-binary @"$state/post-body" http://127.0.0.1/add_public_key > "$state/post-$who-status" || true
done
# What the test reads while the instance still runs (e.g. the key table in moto), when it brings a check.
if [ -f "$state/after-boot" ]; then bash "$state/after-boot" "$state"; fi

# Every directory of the container's file system, tried as the container's user with no capability at all, through
# the container's own mounts: the ones it can create a file in.
ids=$(stat -c '%u:%g' "/proc/$server")
find "/proc/$server/root/" -xdev \( -path "/proc/$server/root/proc" -o -path "/proc/$server/root/sys" \) -prune -o -type d -print > "$state/container-directories"
awk -v root="/proc/$server/root" '$5 !~ /^\/(proc|sys)/ { print root $5 }' "/proc/$server/mountinfo" >> "$state/container-directories"
sort -u -o "$state/container-directories" "$state/container-directories"
# The probe's own variables, expanded by the probe's bash.
# shellcheck disable=SC2016
setpriv --reuid "${ids%:*}" --regid "${ids#*:}" --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs \
  bash -c 'while read -r dir; do if (: > "$dir/.stackkit-write-probe") 2> /dev/null; then rm -f "$dir/.stackkit-write-probe"; echo "${dir#"$1"}"; fi; done' \
  _ "/proc/$server/root" < "$state/container-directories" > "$state/container-writable"

docker logs http-service > "$state/container-log" 2>&1 || true

# Kill the server (as the kernel would kill a crashed one) and time Docker's restart policy bringing "Hi" back.
docker inspect --format '{{.RestartCount}}' http-service > "$state/restart-count-before"
kill -KILL "$server"
killed=$(date +%s%N)
answered=''
for _ in $(seq 200); do
  if [ "$(curl --silent --max-time 1 http://127.0.0.1/ || true)" = Hi ]; then answered=$(date +%s%N); break; fi
  sleep 0.05
done
if [ -n "$answered" ]; then echo $(( (answered - killed) / 1000000 )) > "$state/restart-ms"; fi
docker inspect --format '{{.RestartCount}} {{.State.Pid}}' http-service > "$state/restart-count-after"
# Every line of the container's, both runs, in the stack's log group, when a test brings it.
if [ -f "$state/logs-host" ]; then bash "$state/stand-ins/central-logs.sh" check "$state"; fi
