"""
An AWS service's HTTPS endpoint, for the rehearsal: TLS on ADDRESS:443 with CERTIFICATE and KEY (made for the
endpoint's name by the rehearsal's own test CA), every connection relayed byte for byte to SOCKET, a Unix socket in
the rehearsal's state folder that the test relays to moto_server on the machine's loopback. Each connection is logged
to standard output with the name the client asked for (SNI), and a failed handshake with the reason.
"""
import select
import socket
import ssl
import sys
import threading

CERTIFICATE, KEY, ADDRESS, SOCKET = sys.argv[1:5]

context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(CERTIFICATE, KEY)
context.sni_callback = lambda tls, name, _: print(f"TLS from {tls.getpeername()[0]} for {name}", flush=True)


def relay(connection, client):
    try:
        tls = context.wrap_socket(connection, server_side=True)
    except (ssl.SSLError, OSError) as error:
        print(f"TLS from {client} failed: {error}", flush=True)
        connection.close()
        return
    with tls, socket.socket(socket.AF_UNIX) as upstream:
        # One thread a connection, reading whichever side has data: an SSL object is not read and written at once.
        try:
            upstream.connect(SOCKET)
            while True:
                ready = [tls] if tls.pending() else select.select([tls, upstream], [], [])[0]
                for side in ready:
                    data = side.recv(65536)
                    if not data:
                        return
                    (upstream if side is tls else tls).sendall(data)
        except (ssl.SSLError, OSError):
            return


with socket.create_server((ADDRESS, 443)) as listener:
    while True:
        accepted, (peer, _) = listener.accept()
        threading.Thread(target=relay, args=(accepted, peer), daemon=True).start()
