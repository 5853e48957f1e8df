"""``cscmdlets admin``: the admin centre, in a browser, over the emulated tenant.

Binds to 127.0.0.1 by default and refuses another address without TLS; a password is always
required (``--password`` or, better, ``$CSCMDLETS_SERVE_PASSWORD``, as ``cscmdlets serve``
takes it). The first line on stdout is ``listening on URL``, so scripts and tests can find a
``--port 0`` server. Exit status: 0 after Ctrl+C, 2 on bad usage or an unsafe address.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import socket
import sys
from collections.abc import Callable
from typing import Any

from .serve_cmd import PASSWORD_ENV
from .state import add_state_options

__all__ = ["add_subcommand", "run"]

EXAMPLES = """examples:
  CSCMDLETS_SERVE_PASSWORD=s3cret cscmdlets admin --user admin
  cscmdlets admin --state ./contoso.db --port 8365
  cscmdlets admin --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem --user admin

then open http://127.0.0.1:8365/ and sign in.
"""

#: ``cli.state.open_tenant``: the ``--state`` path, and ``create`` for ``--demo``.
OpenTenant = Callable[..., Any]


def add_subcommand(subparsers: Any, open_tenant: OpenTenant) -> argparse.ArgumentParser:
    """Add ``admin`` to ``subparsers`` (what ``ArgumentParser.add_subparsers()`` returned)."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "admin",
        help="serve the admin centre (a web page) for the emulated tenant",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8365, help="TCP port (default: 8365; 0 picks one)")
    parser.add_argument("--user", default="cscmdlets", help="the account that signs in")
    parser.add_argument("--password", help=f"its password (default: ${PASSWORD_ENV})")
    parser.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate")
    parser.add_argument("--tls-key", metavar="PEM", help="the certificate's private key")
    parser.add_argument(
        "--smtp", metavar="URL", help="where 'Deliver' sends queued mail (default: $CSCMDLETS_SMTP_URL)"
    )
    add_state_options(parser)
    parser.set_defaults(handler=lambda args: run(args, open_tenant))
    return parser


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _problem(args: argparse.Namespace, password: str) -> str | None:
    if not password:
        return f"a password is required: --password or ${PASSWORD_ENV}"
    if bool(args.tls_cert) != bool(args.tls_key):
        return "--tls-cert and --tls-key go together"
    if not _is_loopback(args.host) and not args.tls_cert:
        return f"refusing to serve on {args.host} without TLS (give --tls-cert and --tls-key)"
    return None


def run(args: argparse.Namespace, open_tenant: OpenTenant) -> int:
    """Serve until interrupted."""
    try:
        import uvicorn

        from ..admin import AdminConfig, create_app
    except ImportError as error:
        print(f"cscmdlets admin: needs the admin extra (pip install 'cscmdlets[admin]'): {error}", file=sys.stderr)
        return 2
    password = args.password or os.environ.get(PASSWORD_ENV, "")
    problem = _problem(args, password)
    if problem:
        print(f"cscmdlets admin: {problem}", file=sys.stderr)
        return 2
    try:
        sock = socket.create_server(
            (args.host, args.port), family=socket.AF_INET6 if ":" in args.host else socket.AF_INET
        )
        # Accepted connections inherit it. asyncio sets it only on sockets it made itself; without
        # it a response's body waits ~40 ms for the ACK of its headers (RFC 896 and delayed ACKs).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError as error:
        print(f"cscmdlets admin: cannot listen on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        return 2
    tenant = open_tenant(args.state, create=args.demo)
    tenant.backend.actor = args.user  # the audit log names who signed in
    smtp = args.smtp or os.environ.get("CSCMDLETS_SMTP_URL")
    app = create_app(tenant, AdminConfig(args.user, password, tls=bool(args.tls_cert), smtp_url=smtp))
    config = uvicorn.Config(
        app,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        log_level="warning",
        server_header=False,
        timeout_graceful_shutdown=5,  # an idle browser tab's connection does not hold the exit up
    )
    # Cmdlets run in worker threads: a short GIL switch interval lets the event loop answer
    # meanwhile instead of queueing 5 ms each time (as `cscmdlets serve` does).
    sys.setswitchinterval(0.0005)
    host, port = sock.getsockname()[:2]
    scheme = "https" if args.tls_cert else "http"
    shown = f"[{host}]" if ":" in host else host
    print(f"listening on {scheme}://{shown}:{port}/", flush=True)
    try:
        asyncio.run(uvicorn.Server(config).serve(sockets=[sock]))
    except KeyboardInterrupt:
        pass
    finally:
        tenant.close()
    return 0
