"""Verifies shenhe webhooks (docs/api.md, "Webhooks") with the Python standard library only.

Run: SHENHE_WEBHOOK_SECRET=whsec_... PORT=3000 python3 verify.py
"""
import hashlib
import hmac
import json
import os
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer


def verify_webhook(raw_body: bytes, signature_header: str, secret: str, tolerance_seconds: int = 300, now: int = None) -> bool:
    """True when signature_header ("t=<unix seconds>,v1=<hex>") is a valid HMAC-SHA256 of b"<t>." + raw_body
    under secret, made at most tolerance_seconds ago (or ahead). raw_body must be the exact bytes received."""
    t = None
    signatures = []
    for part in (signature_header or "").split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isascii() and value.isdigit():
            t = int(value)
        elif key == "v1" and re.fullmatch(r"[0-9a-f]{64}", value):
            signatures.append(value)
    if t is None or not signatures:
        return False
    if abs((int(time.time()) if now is None else now) - t) > tolerance_seconds:
        return False
    expected = hmac.new(secret.encode("utf-8"), str(t).encode("ascii") + b"." + raw_body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(s, expected) for s in signatures)


SECRET = os.environ.get("SHENHE_WEBHOOK_SECRET", "")
SEEN = set()  # delivery ids already handled: a retry of a handled event changes nothing


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not verify_webhook(raw, self.headers.get("X-Shenhe-Signature", ""), SECRET):
            sys.stderr.write("refused: bad or missing signature\n")
            self.send_response(401)
            self.end_headers()
            return
        event = json.loads(raw.decode("utf-8"))
        delivery = self.headers.get("X-Shenhe-Delivery", "")
        if delivery not in SEEN:
            SEEN.add(delivery)
            # Publish or hide the content here (event["externalId"], event["status"]), then answer 2xx.
            print(json.dumps({"delivery": delivery, "type": event["type"], "id": event["id"],
                              "externalId": event["externalId"], "status": event["status"]}, ensure_ascii=False), flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    if not SECRET:
        sys.exit("set SHENHE_WEBHOOK_SECRET")
    server = HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "3000"))), Handler)
    print(f"listening on {server.server_address[1]}", flush=True)
    server.serve_forever()
