"""
EC2's instance metadata service (IMDSv2 only, as the launch template requires), for the rehearsal: at
169.254.169.254:80 in a network namespace of its own, one veth away from the instance. Every packet it sends has the
launch template's hop limit as its IP TTL, as EC2's do, so a container one forwarding hop behind the instance gets
an answer only with a hop limit of 2 or more. It serves a token (PUT /latest/api/token), the instance role's name and
its temporary credentials, and answers 401 without a valid token; each request is logged (method, path, client,
status and the client's User-Agent: the instance's own Docker and the container's SDK both ask) to standard output.
"""
import datetime
import http.server
import json
import secrets
import socket
import sys

HOP_LIMIT = int(sys.argv[1])
ROLE = "rehearsal-InstanceRole-1REHEARSAL"
TOKENS = set()


class Server(http.server.ThreadingHTTPServer):
    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, HOP_LIMIT)
        super().server_bind()

    def get_request(self):
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, HOP_LIMIT)
        return connection, address


class Metadata(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def record(self, status):
        print(f"{self.command} {self.path} from {self.client_address[0]}: {status} ({self.headers.get('User-Agent', '')})", flush=True)

    def send(self, status, body=b"", content_type="text/plain", headers=()):
        self.record(status)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self):
        ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds")
        if self.path != "/latest/api/token" or ttl is None or not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            self.send(400)
            return
        token = secrets.token_urlsafe(32)
        TOKENS.add(token)
        # EC2 echoes the token's lifetime; the SDKs read it.
        self.send(200, token.encode(), headers=[("X-aws-ec2-metadata-token-ttl-seconds", ttl)])

    def do_GET(self):
        if self.headers.get("X-aws-ec2-metadata-token") not in TOKENS:
            self.send(401)
            return
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        # A listing answers with or without its trailing slash, as EC2's does.
        path = self.path.rstrip("/")
        if path == "/latest/meta-data/iam/security-credentials":
            self.send(200, ROLE.encode())
        elif path == "/latest/meta-data/iam/security-credentials/" + ROLE:
            credentials = {
                "Code": "Success",
                "LastUpdated": now.isoformat().replace("+00:00", "Z"),
                "Type": "AWS-HMAC",
                "AccessKeyId": "ASIAREHEARSALROLE001",
                "SecretAccessKey": secrets.token_urlsafe(30),
                "Token": "rehearsal-session-" + secrets.token_urlsafe(24),
                "Expiration": (now + datetime.timedelta(hours=6)).isoformat().replace("+00:00", "Z"),
            }
            self.send(200, json.dumps(credentials).encode(), "application/json")
        else:
            self.send(404)


Server(("169.254.169.254", 80), Metadata).serve_forever()
