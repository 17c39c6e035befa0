"""A loopback HTTP proxy that adds a fixed delay to every answer, in front of moto_server.

Usage: python3 delay_proxy.py <listen-port> <upstream-url> <delay-ms>
The listing benchmarks use it to show what a link with AWS's latency costs per call.
"""
import http.client
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, UPSTREAM, DELAY = int(sys.argv[1]), urllib.parse.urlsplit(sys.argv[2]), int(sys.argv[3]) / 1000
if UPSTREAM.hostname not in ("127.0.0.1", "localhost", "::1"):
    sys.exit("The upstream must be on loopback.")


class Delaying(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        upstream.request(self.command, self.path, body=body, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        time.sleep(DELAY)
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), Delaying).serve_forever()
