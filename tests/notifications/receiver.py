"""A real HTTP receiver on 127.0.0.1 (a free port, in a thread) that records each POST and answers from a
script of status codes (the last one repeats), optionally sleeping first to force a client timeout."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    def __init__(self, statuses=(200,), delay: float = 0.0):
        self.statuses = list(statuses)
        self.delay = delay
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                index = len(receiver.requests)
                receiver.requests.append({"path": self.path, "headers": dict(self.headers),
                                          "json": json.loads(body or b"null")})
                if receiver.delay:
                    time.sleep(receiver.delay)
                status = receiver.statuses[min(index, len(receiver.statuses) - 1)]
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(b"ok" if status < 400 else b"error")
                except OSError:
                    pass  # the client timed out and hung up: that is what the test wanted

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
