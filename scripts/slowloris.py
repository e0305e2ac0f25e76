"""Slow clients for scripts/load-test: connections that start a request and never finish it,
sending one more header byte now and then (the "slowloris" attack). Each connection the server
closes is opened again, so the server faces the same number of slow clients all the time.

    python3 scripts/slowloris.py HOST PORT CONNECTIONS SECONDS

prints, as JSON when SECONDS have passed: how many connections were held at the end, how many
the server closed, and how many could not be opened.
"""
import json
import selectors
import socket
import sys
import time

REQUEST_START = b"GET /sandbox/weather/current HTTP/1.1\r\nHost: gateway\r\nX-Slow: "
TRICKLE_EVERY_SECONDS = 2.0


class SlowClients:
    def __init__(self, host, port, count):
        self.address = (host, port)
        self.count = count
        self.selector = selectors.DefaultSelector()
        self.sockets = set()
        self.closed_by_server = 0
        self.failed_to_open = 0

    def open_one(self):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.connect(self.address)
            sock.sendall(REQUEST_START)
        except OSError:
            sock.close()
            self.failed_to_open += 1
            return
        sock.setblocking(False)
        self.selector.register(sock, selectors.EVENT_READ)
        self.sockets.add(sock)

    def drop(self, sock):
        self.selector.unregister(sock)
        self.sockets.discard(sock)
        sock.close()
        self.closed_by_server += 1

    def fill(self):
        while len(self.sockets) < self.count and self.failed_to_open < self.count:
            self.open_one()

    def trickle(self):
        for sock in list(self.sockets):
            try:
                sock.send(b"x")
            except OSError:
                self.drop(sock)

    def watch(self, seconds):
        """Notices connections the server closes (or answers: a refusal), for `seconds`."""
        for key, _ in self.selector.select(timeout=seconds):
            sock = key.fileobj
            try:
                data = sock.recv(4096)
            except OSError:
                data = b""
            if not data or data.startswith(b"HTTP/"):
                self.drop(sock)

    def run(self, seconds):
        end = time.monotonic() + seconds
        self.fill()
        next_trickle = time.monotonic() + TRICKLE_EVERY_SECONDS
        while time.monotonic() < end:
            self.watch(max(0.0, min(next_trickle, end) - time.monotonic()))
            if time.monotonic() >= next_trickle:
                self.trickle()
                self.fill()
                next_trickle += TRICKLE_EVERY_SECONDS
        held = len(self.sockets)
        for sock in list(self.sockets):
            self.selector.unregister(sock)
            sock.close()
        return {"held": held, "closed_by_server": self.closed_by_server,
                "failed_to_open": self.failed_to_open}


def main(argv):
    host, port, count, seconds = argv[0], int(argv[1]), int(argv[2]), float(argv[3])
    print(json.dumps(SlowClients(host, port, count).run(seconds)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
