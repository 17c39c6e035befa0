#!/bin/bash
# The instance's AWS, for a rehearsal of the fleet key store: a moto_server inside the rehearsal's network namespace
# (so loopback only, and gone with it), holding the stack's key table.
#   key-table.sh start STATE   before the boot: starts moto_server, creates the table from key-table.json (the
#                              template's KeyTable properties, translated by the test) in the stack's region, and
#                              writes instance.env: where the container finds AWS (StandIns/aws-endpoint-runtime)
#   key-table.sh check STATE   after the POSTs: waits (bounded) for the sync loop to have the POSTed key in
#                              authorized_keys, then writes the table's items to key-table-items.json
set -euo pipefail
state=$2
endpoint=http://127.0.0.1:4566
aws_cli() {
  env AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION="$(cat "$state/region")" \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    "$(cat "$state/python-bin")/aws" --endpoint-url "$endpoint" "$@"
}
case $1 in
  start)
    # On every address of the instance: the container reaches it through docker0's gateway.
    "$(cat "$state/python-bin")/moto_server" -H 0.0.0.0 -p "${endpoint##*:}" > "$state/moto.log" 2>&1 &
    echo $! > "$state/moto.pid"
    for _ in $(seq 150); do curl --silent --output /dev/null "$endpoint/moto-api/" && break; sleep 0.2; done
    aws_cli dynamodb create-table --cli-input-json "file://$state/key-table.json" > "$state/key-table-created.json"
    # Only the endpoint: the credentials come from the instance metadata service (StandIns/imds.py), as on EC2.
    echo "AWS_ENDPOINT_URL=http://172.17.0.1:${endpoint##*:}" > "$state/instance.env"
    ;;
  check)
    for _ in $(seq 75); do
      grep --quiet --fixed-strings --line-regexp --file "$state/posted-key" /home/ec2-user/.ssh/authorized_keys && break
      sleep 0.2
    done
    aws_cli dynamodb scan --consistent-read --table-name "$(cat "$state/key-table-name")" > "$state/key-table-items.json"
    ;;
  *) echo "key-table.sh: unknown command $1" >&2; exit 2 ;;
esac
