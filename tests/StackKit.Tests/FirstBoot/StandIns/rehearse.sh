#!/bin/bash
# Runs inside fresh mount, network and pid namespaces (unshare --mount --net --pid --fork --mount-proc): turns the
# machine into a stand-in Amazon Linux 2023 instance, runs the user data as cloud-init would (as root, output to the
# "console"), then, if the boot succeeded, calls the service from the instance itself. Nothing leaks out: the
# mounts, the loopback-only network and every process (server, port forwarder) end with the namespaces.
set -euo pipefail
state=$1
ip link set lo up
# /etc with ec2-user added, as the AMI has it (a copy: the machine's own /etc is never written).
mount --bind "$state/etc" /etc
mount -t tmpfs -o mode=755 tmpfs /opt
install -D -m 755 "$state/stand-ins/cfn-signal" /opt/aws/bin/cfn-signal
# /home/ec2-user with the key pair's line cloud-init wrote.
mount --bind "$state/home" /home

# What the instance's AWS would be (e.g. moto_server on 127.0.0.1 with the stack's tables), when a test brings one.
if [ -f "$state/before-boot" ]; then bash "$state/before-boot" "$state"; fi

status=0
env -i PATH="$state/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" LANG=C.UTF-8 STANDIN_STATE="$state" \
  /bin/bash "$state/user-data" > "$state/console" 2>&1 || status=$?
echo "$status" > "$state/user-data.exit"
if [ "$status" -eq 0 ]; then
  # The server as the container runs it, seen through /proc: its user, its home (in its own mount namespace) and the
  # names of its environment variables (values stay unread: one is the password).
  server=$(pgrep -x StackKit.Server || true)
  if [ -n "$server" ]; then
    stat -c '%u' "/proc/$server" > "$state/server-uid"
    ls -A "/proc/$server/root/home/ec2-user" > "$state/server-home"
    tr '\0' '\n' < "/proc/$server/environ" | cut -d= -f1 | sort > "$state/server-environment"
  fi
  curl --silent --max-time 10 http://127.0.0.1/ > "$state/get" || true
  for who in stack default; do
    curl --silent --max-time 10 --output "$state/post-$who" --write-out '%{http_code}' --user "$(cat "$state/credentials-$who")" \
      --header 'Content-Type: application/json' --data-binary @"$state/post-body" http://127.0.0.1/add_public_key > "$state/post-$who-status" || true
  done
  # What the test reads while the instance still runs (e.g. the key table in moto), when it brings a check.
  if [ -f "$state/after-boot" ]; then bash "$state/after-boot" "$state"; fi
fi
