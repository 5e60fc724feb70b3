#!/usr/bin/python3
"""A real SMTP server on loopback for tests (aiosmtpd, Debian's python3-aiosmtpd).

Listens on 127.0.0.1 on a port the kernel picks, prints "READY <port>" on standard output once it
accepts connections, and appends every message it accepts to --spool as one JSON line:

    {"mail_from": "...", "rcpt_tos": ["..."], "data": "<raw message, CRLF line ends>",
     "tls": true|false, "auth_login": "<user>"|null}

The line is written and flushed before the server answers 250 to DATA, so a client that has been told
"delivered" always finds its message in the spool.

Recipients whose local part starts with "defer" are refused at RCPT with 451 and those starting with
"reject" with 550, so tests can see a client's handling of temporary and permanent SMTP replies.

With --stall-quit the server never answers QUIT (a relay that hangs at the end of a session), so
tests can see that a client bounds its wait for the last reply too.

Stops on SIGTERM or SIGINT. Run it with /usr/bin/python3 (the system interpreter that has aiosmtpd).
"""

import argparse
import asyncio
import json
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Spool:
    def __init__(self, path, stall_quit=False):
        self.path = path
        if stall_quit:
            self.handle_QUIT = self._never_answer

    async def _never_answer(self, server, session, envelope):
        await asyncio.Event().wait()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("defer"):
            return "451 4.3.0 Mailbox temporarily unavailable"
        if local.startswith("reject"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, bytes):
            data = data.decode("utf-8", errors="backslashreplace")
        login = getattr(session.auth_data, "login", None)
        if isinstance(login, bytes):
            login = login.decode("utf-8", errors="replace")
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "data": data,
            "tls": session.ssl is not None,
            "auth_login": login,
        }
        with open(self.path, "a", encoding="utf-8") as spool:
            spool.write(json.dumps(record) + "\n")
            spool.flush()
        return "250 Message accepted"


def main():
    # aiosmtpd 1.4 warns about its own use of a deprecated attribute on every AUTH.
    warnings.filterwarnings("ignore", message="Session.login_data is deprecated")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spool", required=True, help="file receiving one JSON line per message")
    parser.add_argument("--port", type=int, default=0, help="0: let the kernel pick")
    parser.add_argument("--tls-cert", help="PEM certificate: offer STARTTLS")
    parser.add_argument("--tls-key", help="PEM private key for --tls-cert")
    parser.add_argument("--require-starttls", action="store_true",
                        help="refuse mail until the client has started TLS")
    parser.add_argument("--auth-user", help="require AUTH (PLAIN or LOGIN) with this user")
    parser.add_argument("--auth-password", help="password for --auth-user")
    parser.add_argument("--auth-without-tls", action="store_true",
                        help="allow AUTH over a connection that has not started TLS")
    parser.add_argument("--stall-quit", action="store_true", help="never answer QUIT")
    args = parser.parse_args()

    tls_context = None
    if args.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)

    authenticator = None
    if args.auth_user:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login == args.auth_user.encode()
                  and auth_data.password == (args.auth_password or "").encode())
            # handled=False: aiosmtpd then answers 535 itself (its default, True, would answer nothing).
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    handler = Spool(args.spool, stall_quit=args.stall_quit)

    def factory():
        return SMTP(handler,
                    hostname="carewatch-test-smtp",
                    tls_context=tls_context,
                    require_starttls=args.require_starttls,
                    authenticator=authenticator,
                    auth_required=authenticator is not None,
                    auth_require_tls=not args.auth_without_tls,
                    decode_data=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(factory, host="127.0.0.1", port=args.port))
    port = server.sockets[0].getsockname()[1]
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    print(f"READY {port}", flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
