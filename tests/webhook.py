"""A partner's webhook receiver on loopback, started by the test (KOP-3/4): it verifies every signature as a
partner must (Standard Webhooks, HMAC-SHA256 with the shared secret), records the CloudEvents it accepted, can
answer a chosen status, and can be stopped and started again on the same port."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Ontvanger:
    def __init__(self, geheim: str = ""):
        self.geheim = geheim
        self.events: list[dict] = []
        self.ids: list[str] = []
        self.ongeldig = 0
        self.antwoord = 204
        self.weigeren: set[str] = set()  # event types answered with 400
        self._server = None
        self.poort = 0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.poort}/webhook"

    def _handler(self):
        ontvanger = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                event_id, ts = self.headers.get("webhook-id", ""), self.headers.get("webhook-timestamp", "")
                mac = hmac.new(ontvanger.geheim.encode(), f"{event_id}.{ts}.".encode() + body, hashlib.sha256)
                verwacht = "v1," + base64.b64encode(mac.digest()).decode()
                status = ontvanger.antwoord
                if not hmac.compare_digest(verwacht, self.headers.get("webhook-signature", "")):
                    with ontvanger.lock:
                        ontvanger.ongeldig += 1
                    status = 401
                else:
                    event = json.loads(body)
                    if event["type"] in ontvanger.weigeren:
                        status = 400
                    elif 200 <= status < 300:
                        with ontvanger.lock:
                            ontvanger.events.append(event)
                            ontvanger.ids.append(event_id)
                self.send_response(status)
                antwoord = b"" if status == 204 else b'{"fout": "geweigerd"}'
                self.send_header("Content-Length", str(len(antwoord)))
                self.end_headers()
                self.wfile.write(antwoord)

        return Handler

    def start(self) -> Ontvanger:
        self._server = ThreadingHTTPServer(("127.0.0.1", self.poort), self._handler())
        self._server.daemon_threads = True
        self.poort = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
