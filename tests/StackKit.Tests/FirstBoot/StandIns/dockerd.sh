#!/bin/bash
# The instance's Docker daemon (Debian's docker.io), as docker.service starts it: its default bridge and iptables
# rules, which exist only in the rehearsal's network namespace; its data in the rehearsal's state folder; its socket
# and pid file in the namespace's own /run. Returns once the daemon answers. The AWS endpoint runtime stands in for
# the instance's route to AWS (StandIns/aws-endpoint-runtime). With central logs, the daemon trusts the rehearsal's
# test CA alone (Go reads SSL_CERT_FILE on Linux): its awslogs driver then reaches the TLS front at CloudWatch Logs'
# name (StandIns/central-logs.sh).
set -eu
state=$1
if [ -S /run/docker.sock ] && docker version > /dev/null 2>&1; then exit 0; fi
trust=()
if [ -f "$state/tls/ca.pem" ]; then trust=("SSL_CERT_FILE=$state/tls/ca.pem"); fi
env -u HTTP_PROXY -u HTTPS_PROXY -u http_proxy -u https_proxy -u ALL_PROXY -u all_proxy "${trust[@]}" \
  dockerd --data-root "$state/docker" --add-runtime "aws-endpoint=$state/stand-ins/aws-endpoint-runtime" --default-runtime aws-endpoint \
  > "$state/dockerd.log" 2>&1 &
for _ in $(seq 300); do
  if docker version > /dev/null 2>&1; then exit 0; fi
  sleep 0.1
done
echo "dockerd did not answer within 30 s:" >&2
tail -20 "$state/dockerd.log" >&2
exit 1
