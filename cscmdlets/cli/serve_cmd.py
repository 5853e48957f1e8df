"""``cscmdlets serve``: answer WSMan/PSRP on the emulated tenant.

Binds to 127.0.0.1 by default and refuses another address without TLS; a password is
always required (``--password`` or, better, ``$CSCMDLETS_SERVE_PASSWORD``). The first line
on stdout is ``listening on URL``, so scripts and tests can find a ``--port 0`` server.
Exit status: 0 after Ctrl+C, 2 on bad usage or an unsafe address.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["PASSWORD_ENV", "add_subcommand", "run"]

PASSWORD_ENV = "CSCMDLETS_SERVE_PASSWORD"

EXAMPLES = """examples:
  CSCMDLETS_SERVE_PASSWORD=s3cret cscmdlets serve --user admin
  cscmdlets serve --auth ntlm --user 'CONTOSO\\admin' --state ./contoso.db
  cscmdlets serve --host 0.0.0.0 --port 5986 --tls-cert cert.pem --tls-key key.pem --user admin

then, from Python:
  cs.connect(remote=cs.RemoteHost("127.0.0.1", username="admin", password="s3cret",
             auth="basic", ssl=False, encryption="never"))
"""

OpenTenant = Callable[[str | None], Any]


def add_subcommand(subparsers: Any, open_tenant: OpenTenant | None = None) -> argparse.ArgumentParser:
    """Add ``serve`` to ``subparsers`` (what ``ArgumentParser.add_subparsers()`` returned).

    Args:
        subparsers: the CLI's subparsers.
        open_tenant: opens the tenant of ``--state`` (default: ``Tenant.open`` of it, or of
            the default state, seeded with the demo tenant).
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="serve the emulated tenant over WSMan/PSRP (for pypsrp or New-PSSession)",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(handler=lambda args: run(args, open_tenant or _open_tenant))
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, help="TCP port (default: 5985, or 5986 with TLS; 0 picks one)")
    parser.add_argument("--state", metavar="PATH", help="the tenant's SQLite file (default: the default state)")
    parser.add_argument(
        "--demo",
        nargs="?",
        type=int,
        const=0,
        metavar="USERS",
        help="serve a fresh in-memory demo tenant instead, with USERS generated users",
    )
    parser.add_argument("--auth", choices=("basic", "ntlm", "certificate"), default="basic")
    parser.add_argument("--user", default="cscmdlets", help="the account clients log on with")
    parser.add_argument("--password", help=f"its password (default: ${PASSWORD_ENV})")
    parser.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate")
    parser.add_argument("--tls-key", metavar="PEM", help="the certificate's private key")
    parser.add_argument("--client-ca", metavar="PEM", help="CA of client certificates (--auth certificate)")
    parser.add_argument(
        "--idle-timeout",
        type=float,
        default=7200.0,
        metavar="SECONDS",
        help="close shells unused this long (default: 7200)",
    )
    parser.add_argument(
        "--allow-scripts",
        action="store_true",
        help="run script text (add_script, Invoke-Expression, Invoke-Command -ScriptBlock) with the "
        "emulator's script runner, never a shell. A client's script can then run the tenant's cmdlets "
        "and the runner's built-ins (Import-Csv, Export-Csv, Get-Content, Set-Content, Out-File, "
        "Test-Path, >), on files only by relative path inside --scripts-root (.., symbolic links, "
        "absolute and drive paths are refused; without a root every file command fails), and read "
        "only the environment variables named by --scripts-env. Without this flag script text is "
        "refused as a no-language (JEA) endpoint refuses it (ScriptsNotAllowed)",
    )
    parser.add_argument(
        "--scripts-root",
        metavar="DIR",
        help="the only folder scripts may read and write (default: none, so file commands fail)",
    )
    parser.add_argument(
        "--scripts-env",
        action="append",
        default=[],
        metavar="NAME",
        help="an environment variable scripts may read (repeat for more; default: none)",
    )
    add_limit_arguments(parser)


def add_limit_arguments(parser: argparse.ArgumentParser) -> None:
    """The quotas and timeouts, with the defaults of a Windows host (see ``Limits``)."""
    from ..remote.serve.limits import Limits

    defaults = Limits()
    limits = parser.add_argument_group("limits (defaults: a Windows host's WinRM and HTTP.sys settings)")
    for name, kind, text in (
        ("max_shells_per_user", int, "open shells per user (WinRM MaxShellsPerUser)"),
        ("max_operations_per_user", int, "requests in progress per user (MaxConcurrentOperationsPerUser)"),
        ("max_connections", int, "open connections, each served by one worker (MaxConnections)"),
        ("max_envelope_kb", int, "largest request envelope in KB (MaxEnvelopeSizekb)"),
        ("header_timeout", float, "seconds for a request's line and headers (HTTP.sys HeaderWait)"),
        ("body_timeout", float, "seconds of silence while a body arrives (HTTP.sys EntityBody)"),
        ("connection_idle_timeout", float, "seconds a connection may idle (HTTP.sys IdleConnection)"),
        ("logon_failures", int, "failed logons per address and account before a lockout (0: never)"),
        ("lockout_seconds", float, "how long a lockout lasts, and the window failures are counted in"),
        ("max_received_mb_per_command", int, "MB sent to one pipeline (MaximumReceivedDataSizePerCommandMB)"),
    ):
        default = getattr(defaults, name)
        limits.add_argument(
            "--" + name.replace("_", "-"),
            type=kind,
            default=default,
            metavar="N" if kind is int else "SECONDS",
            help=f"{text} (default: {default})",
        )


def _open_tenant(state: str | None) -> Any:
    from pathlib import Path

    from ..session import default_state_path
    from ..tenant import Tenant

    return Tenant.open(Path(state) if state else default_state_path(), seed="demo")


def run(args: argparse.Namespace, open_tenant: OpenTenant) -> int:
    """Serve until interrupted."""
    from ..cmdlets import COMMANDS, find_command
    from ..remote.serve import Limits, ServeConfig, Server, UnsafeBind, plain_http_warning
    from ..tenant import Tenant

    port = args.port if args.port is not None else (5986 if args.tls_cert else 5985)
    config = ServeConfig(
        host=args.host,
        port=port,
        auth=args.auth,
        username=args.user,
        password=args.password or os.environ.get(PASSWORD_ENV, ""),
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        client_ca=args.client_ca,
        idle_timeout=args.idle_timeout,
        allow_scripts=args.allow_scripts,
        scripts_root=args.scripts_root,
        scripts_environment=tuple(args.scripts_env),
        limits=Limits(**{name: getattr(args, name) for name in Limits.__dataclass_fields__ if hasattr(args, name)}),
    )
    warning = plain_http_warning(config)
    if warning is not None:
        print(f"cscmdlets serve: warning: {warning}", file=sys.stderr)
    tenant = Tenant.demo(args.demo) if args.demo is not None else open_tenant(args.state)
    try:
        server = Server(tenant.engine, find_command, COMMANDS, config)
    except (UnsafeBind, OSError) as error:
        print(f"cscmdlets serve: {error}", file=sys.stderr)
        tenant.close()
        return 2
    # The shell workers run Python for long stretches; a short GIL switch interval lets the
    # HTTP threads answer Command/Receive/Signal meanwhile instead of queueing 5 ms each time.
    sys.setswitchinterval(0.0005)
    if config.allow_scripts:  # before "listening on": whoever waits for that line can rely on it
        print(f"cscmdlets serve: {server.service.executor.sandbox.describe()}", file=sys.stderr, flush=True)
    print(f"listening on {server.service.address}", flush=True)
    try:
        server.serve_until_interrupted()
    finally:
        tenant.close()
    return 0
