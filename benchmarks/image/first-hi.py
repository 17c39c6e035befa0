"""Waits for the first "Hi" on GET / at 127.0.0.1:PORT and prints when it came, in nanoseconds since the epoch.

One process polls with plain sockets, so the poll itself costs microseconds: a curl per attempt costs tens of
milliseconds on this machine and would be counted as start-up. Started before `docker run`, it sees the server from
its first accepted connection.
Usage: python3 first-hi.py PORT [TIMEOUT_SECONDS]
"""
import socket
import sys
import time

port = int(sys.argv[1])
deadline = time.monotonic() + float(sys.argv[2] if len(sys.argv) > 2 else 60)
request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
while time.monotonic() < deadline:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(request)
            answer = b""
            while chunk := connection.recv(4096):
                answer += chunk
        if answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"\r\n\r\nHi"):
            print(time.time_ns())
            sys.exit(0)
    except OSError:
        time.sleep(0.0005)
sys.exit("no Hi before the timeout")
