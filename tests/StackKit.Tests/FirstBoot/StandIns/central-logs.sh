#!/bin/bash
# CloudWatch Logs for a rehearsal with central logs, where the instance's Docker looks for it: the region's endpoint
# (logs-host: logs.REGION.amazonaws.com, the AWS SDK's default) in the instance's /etc/hosts at its loopback address,
# where a TLS front (aws-front.py) with a certificate from a test CA made for this run relays to the test's
# moto_server on the machine's loopback, through the Unix socket aws.sock. Only the instance's dockerd trusts the CA
# (StandIns/dockerd.sh); its credentials come from the instance metadata service, as on EC2.
#   central-logs.sh start STATE   before the boot: the CA, the certificate, the hosts line, the front (aws-front.pid)
#   central-logs.sh check STATE   at the end: writes the lines Docker has of the container to container-log-at-end and
#                                 waits (bounded) until the instance's stream in the group (log-group-name) holds as
#                                 many events, read through the same front
set -euo pipefail
# The instance reaches its endpoints directly: not through the test process's closed proxy (LoopbackOnlyNetwork).
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy ALL_PROXY all_proxy
state=$2
host=$(cat "$state/logs-host")
tls=$state/tls
case $1 in
  start)
    mkdir -p "$tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj '/CN=StackKit rehearsal test CA' \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign -keyout "$tls/ca.key" -out "$tls/ca.pem" > "$tls/openssl.log" 2>&1
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$host" -keyout "$tls/server.key" -out "$tls/server.csr" >> "$tls/openssl.log" 2>&1
    printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\n' "$host" > "$tls/server.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -days 1 -extfile "$tls/server.ext" -out "$tls/server.pem" >> "$tls/openssl.log" 2>&1
    # /etc is the instance's copy, bound over the machine's in this mount namespace only.
    echo "127.0.0.1 $host" >> /etc/hosts
    "$(cat "$state/python-bin")/python3" "$state/stand-ins/aws-front.py" "$tls/server.pem" "$tls/server.key" 127.0.0.1 "$state/aws.sock" >> "$state/aws-front.log" 2>&1 &
    echo $! > "$state/aws-front.pid"
    for _ in $(seq 100); do curl --silent --output /dev/null --cacert "$tls/ca.pem" "https://$host/" && break; sleep 0.1; done
    : > "$state/aws-front.log"
    ;;
  check)
    docker logs http-service > "$state/container-log-at-end" 2>&1
    want=$(grep --count . "$state/container-log-at-end")
    region=${host#logs.}
    # Docker sends what it holds every 5 s (awslogs-force-flush-interval-seconds) and drops empty lines.
    deadline=$((SECONDS + 30))
    while ((SECONDS < deadline)); do
      have=$(env AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
        "$(cat "$state/python-bin")/aws" --endpoint-url "https://$host" --ca-bundle "$tls/ca.pem" --region "${region%%.*}" logs filter-log-events \
        --log-group-name "$(cat "$state/log-group-name")" --log-stream-names "$(cloud-init query instance_id)" --query 'length(events)' --output text) || have=0
      [ "$have" -ge "$want" ] && break
      sleep 0.5
    done
    ;;
  *) echo "central-logs.sh: unknown command $1" >&2; exit 2 ;;
esac
