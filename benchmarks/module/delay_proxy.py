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
    # The head and the body of an answer are two writes: with Nagle's algorithm the body waits for the client's
    # delayed ACK of the head, up to 40 ms on Linux, on top of the delay this proxy is meant to add.
    disable_nagle_algorithm = True
    # One upstream connection per client connection (each has its own thread), kept open as the client keeps its own:
    # a connection a request costs the proxy and moto time that AWS's answers do not have.
    upstream = None

    def _forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        answer, data = self._ask(body, headers)
        time.sleep(DELAY)
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _ask(self, body, headers):
        kept = self.upstream is not None
        try:
            return self._ask_once(body, headers)
        except (http.client.HTTPException, ConnectionError):
            self._close_upstream()
            if not kept:
                raise
            # moto closed the kept connection meanwhile: the request goes once more, on a new one.
            return self._ask_once(body, headers)

    def _ask_once(self, body, headers):
        if self.upstream is None:
            self.upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        self.upstream.request(self.command, self.path, body=body, headers=headers)
        answer = self.upstream.getresponse()
        return answer, answer.read()

    def _close_upstream(self):
        if self.upstream is not None:
            self.upstream.close()
            self.upstream = None

    def finish(self):
        self._close_upstream()
        super().finish()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), Delaying).serve_forever()
