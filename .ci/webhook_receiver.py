#!/usr/bin/python3
"""A loopback webhook receiver for .ci/demo-escalations.

Listens on 127.0.0.1 (a port the kernel picks unless --port), prints "READY <port>" once it accepts
connections, then one line per POST: the path, the Idempotency-Key header and the payload's escalation,
rule, kind and level (ids only; the payload never holds names). Answers 200 to every POST. Standard
library only: run it with /usr/bin/python3.
"""
import argparse
import http.server
import json
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        try:
            payload = json.loads(body)
        except ValueError:
            payload = {}
        if not isinstance(payload, dict):
            payload = {}
        print(
            "POST {} key={} escalation={} rule={} kind={} level={}".format(
                self.path,
                self.headers.get("Idempotency-Key", "-"),
                payload.get("escalation", "-"),
                payload.get("rule", "-"),
                payload.get("kind", "-"),
                payload.get("level", "-"),
            ),
            flush=True,
        )
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass  # one line per POST above is the whole output


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0: let the kernel pick")
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("READY {}".format(server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
