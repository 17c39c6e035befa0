#!/usr/bin/env python3
"""Fleet mode on moto_server: how long a key POSTed to one server takes to reach another (p50/p99), and what one
sync cycle costs (DynamoDB calls, server CPU), for a key table of 10 and of 1,000 keys.

Usage: python3 benchmarks/server/fleet_propagation.py [samples=30] [interval=00:00:10]
Starts moto_server and two published servers on free loopback ports, prints a Markdown table. Bounded in time: about
samples * interval * 2 (sizes) + 1 minute.
"""
import base64, hashlib, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

import botocore.session

SAMPLES = int(sys.argv[1]) if len(sys.argv) > 1 else 30
INTERVAL = sys.argv[2] if len(sys.argv) > 2 else "00:00:10"
INTERVAL_S = sum(float(part) * 60 ** i for i, part in enumerate(reversed(INTERVAL.split(":"))))
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PASSWORD = "benchmark-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def key_line(comment):
    def string(data):
        return len(data).to_bytes(4, "big") + data
    blob = string(b"ssh-ed25519") + string(os.urandom(32))
    fingerprint = "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    return f"ssh-ed25519 {base64.b64encode(blob).decode()} {comment}", fingerprint


def wait_http(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    work = tempfile.mkdtemp(prefix="stackkit-fleet-bench.")
    processes = []
    try:
        subprocess.run(["dotnet", "publish", "src/StackKit.Server", "-c", "Release", "-o", f"{work}/server", "-nologo", "-v", "quiet"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        moto_port = free_port()
        moto_log = open(f"{work}/moto.log", "w")
        processes.append(subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(moto_port)], stdout=moto_log, stderr=moto_log))
        endpoint = f"http://127.0.0.1:{moto_port}"
        wait_http(endpoint + "/moto-api/data.json")
        dynamodb = botocore.session.get_session().create_client(
            "dynamodb", region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing")
        print(f"SyncInterval {INTERVAL}, {SAMPLES} samples per size\n")
        print("| keys in the table | propagation p50 | p99 | max | Scan calls per sync cycle | server CPU per sync cycle |")
        print("|---:|---:|---:|---:|---:|---:|")
        for size in (10, 1000):
            run(size, dynamodb, endpoint, work, processes)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()
        shutil.rmtree(work, ignore_errors=True)


def run(size, dynamodb, endpoint, work, processes):
    table = f"bench-{size}"
    dynamodb.create_table(TableName=table, AttributeDefinitions=[{"AttributeName": "Fingerprint", "AttributeType": "S"}],
                          KeySchema=[{"AttributeName": "Fingerprint", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST",
                          SSESpecification={"Enabled": True})
    for start in range(0, size, 25):
        items = []
        for i in range(start, min(size, start + 25)):
            line, fingerprint = key_line(f"seed{i}")
            items.append({"PutRequest": {"Item": {"Fingerprint": {"S": fingerprint}, "KeyLine": {"S": line}, "Type": {"S": "ssh-ed25519"},
                                                   "AddedAt": {"S": "2026-12-01T00:00:00.0000000Z"}, "AddedBy": {"S": "benchmark"}}}})
        dynamodb.batch_write_item(RequestItems={table: items})

    servers = []
    for name in ("a", "b"):
        port = free_port()
        env = dict(os.environ, KeyInjection__SshDirectory=f"{work}/{table}-{name}/.ssh", KeyInjection__Password=PASSWORD,
                   KeyInjection__Fleet__TableName=table, KeyInjection__Fleet__SyncInterval=INTERVAL, AWS_REGION="us-east-1",
                   AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_ENDPOINT_URL_DYNAMODB=endpoint,
                   AWS_EC2_METADATA_DISABLED="true")
        process = subprocess.Popen([f"{work}/server/StackKit.Server", "--urls", f"http://127.0.0.1:{port}"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(process)
        wait_http(f"http://127.0.0.1:{port}/")
        servers.append((port, process, f"{work}/{table}-{name}/.ssh/authorized_keys"))
    (port_a, _, _), (_, process_b, keys_b) = servers
    while not os.path.exists(keys_b) or sum(1 for _ in open(keys_b)) < size:
        time.sleep(0.1)

    # Calls and CPU per cycle: an idle stretch of whole cycles, Scan requests counted in moto's log.
    scans_before = open(f"{work}/moto.log").read().count("POST / HTTP")
    cpu_before = cpu_seconds(process_b.pid)
    cycles = 5
    time.sleep(cycles * INTERVAL_S)
    scans = (open(f"{work}/moto.log").read().count("POST / HTTP") - scans_before) / (2 * cycles)
    cpu_ms = (cpu_seconds(process_b.pid) - cpu_before) * 1000 / cycles

    auth = "Basic " + base64.b64encode(f"admin:{PASSWORD}".encode()).decode()
    delays = []
    for i in range(SAMPLES):
        line, _ = key_line(f"sample{i}")
        body = json.dumps({"ssh_public_key": base64.b64encode((line + "\n").encode()).decode()}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port_a}/add_public_key", data=body, method="POST",
                                         headers={"Authorization": auth, "Content-Type": "application/json"})
        started = time.monotonic()
        urllib.request.urlopen(request, timeout=30).read()
        while line not in open(keys_b).read():
            time.sleep(0.01)
        delays.append(time.monotonic() - started)
        time.sleep(INTERVAL_S * (i % 7) / 7)   # spread the POSTs over the sync cycle
    for _, process, _ in servers:
        process.send_signal(signal.SIGKILL)
        process.wait()

    delays.sort()
    p99 = delays[min(len(delays) - 1, round(0.99 * (len(delays) - 1)))]
    print(f"| {size:,} | {statistics.median(delays):.2f} s | {p99:.2f} s | {delays[-1]:.2f} s | {scans:.1f} | {cpu_ms:.0f} ms |")


if __name__ == "__main__":
    main()
