"""Attacks on a real ``serve`` on 127.0.0.1 that must fail, each with a bounded loop.

Framing and size limits, slow and idle connections, the bounded worker pool, quotas on
shells and concurrent operations, failed-logon lockout, where the NTLM account lives, and
secrets in DEBUG logs.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypsrp.exceptions import AuthenticationError, WSManFaultError
from pypsrp.powershell import PowerShell, RunspacePool
from pypsrp.wsman import NAMESPACES, SelectorSet

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.powershell.binder import bind_keywords
from cscmdlets.remote import RemoteAccessDenied, RemoteEngine, RemoteHost
from cscmdlets.remote.serve import Limits

from .conftest import PASSWORD, USER, Served, ServeFactory, wsman

SHELL_NS = NAMESPACES["rsp"]
BASIC = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


def connect(served: Served, source: str = "127.0.0.1", timeout: float = 5) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", served.port), timeout=timeout, source_address=(source, 0))
    return sock


def exchange(served: Served, request: bytes) -> tuple[int, bytes, bool]:
    """Send raw bytes; return the status, the rest of the answer, and whether the server
    then closed the connection."""
    with connect(served) as sock:
        sock.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            assert chunk, f"closed without an answer after {answer!r}"
            answer += chunk
        return int(answer.split(b" ", 2)[1]), answer, _closed_by_server(sock)


def _closed_by_server(sock: socket.socket, within: float = 3.0) -> bool:
    sock.settimeout(within)
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return True


def head(extra: str, body_headers: str = "") -> bytes:
    return (
        f"POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/soap+xml;charset=UTF-8\r\n"
        f"{body_headers}{extra}\r\n"
    ).encode()


# --- framing: every body bounded before authentication --------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        pytest.param("Content-Length: -1\r\n", 400, id="negative-length"),
        pytest.param("Content-Length: abc\r\n", 400, id="non-numeric-length"),
        pytest.param("Content-Length: 10\r\nContent-Length: 20\r\n", 400, id="two-lengths"),
        pytest.param("Transfer-Encoding: chunked\r\nContent-Length: 10\r\n", 400, id="chunked-and-length"),
        pytest.param("Transfer-Encoding: chunked\r\n", 411, id="chunked"),
        pytest.param("Transfer-Encoding: gzip\r\n", 501, id="unknown-encoding"),
        pytest.param("Content-Length: 1000000000\r\n", 413, id="too-large"),
    ],
)
def test_unbounded_or_unreadable_bodies_are_refused_before_auth_and_closed(
    served: Served, headers: str, status: int
) -> None:
    answered, _, closed = exchange(served, head("", headers))  # no Authorization at all
    assert (answered, closed) == (status, True)


def test_expect_continue_is_refused_for_a_body_too_large(served: Served) -> None:
    status, answer, closed = exchange(served, head("Expect: 100-continue\r\n", "Content-Length: 999999999\r\n"))
    assert (status, closed) == (413, True)
    assert b"100 Continue" not in answer


def test_a_streamed_body_is_cut_off_not_read(served: Served) -> None:
    with connect(served) as sock:
        sock.sendall(head("", "Transfer-Encoding: chunked\r\n"))
        sent = 0
        with pytest.raises((BrokenPipeError, ConnectionResetError)):
            while sent < 64 * 1024 * 1024:  # the attack streamed 257 MB; a bounded server stops it early
                sent += sock.send(b"ffff\r\n" + b"x" * 0xFFFF + b"\r\n")
    assert sent < 16 * 1024 * 1024


def test_envelope_limit_answers_413_as_winrm_does(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(limits=Limits(max_envelope_kb=64))
    body = b"<x/>" * (70 * 1024 // 4)
    status, _, closed = exchange(served, head("", f"Authorization: {BASIC}\r\nContent-Length: {len(body)}\r\n") + body)
    assert (status, closed) == (413, True)


def test_oversized_headers_are_refused(served: Served) -> None:
    status, _, closed = exchange(served, head("X-Padding: " + "a" * 20000 + "\r\n", "Content-Length: 0\r\n"))
    assert (status, closed) == (400, True)


# --- slow and idle connections, the bounded pool ---------------------------------------------------


@pytest.fixture
def small_server(serve_tenant: ServeFactory) -> Served:
    limits = Limits(max_connections=6, header_timeout=0.6, connection_idle_timeout=0.6, body_timeout=0.6)
    return serve_tenant(limits=limits)


def test_slowloris_is_bounded_by_the_pool_and_timed_out(small_server: Served) -> None:
    threads_before = threading.active_count()
    sockets = [connect(small_server) for _ in range(30)]
    try:
        for sock in sockets:
            sock.sendall(b"POST /wsman HTTP/1.1\r\n")
        refused = _refused_with_503(sockets, expected=30 - 6, within=5.0)
        assert threading.active_count() - threads_before <= 6  # one worker per connection, at most six
        held = [s for s in sockets if s not in refused]
        deadline = time.monotonic() + 5
        while held and time.monotonic() < deadline:  # a header byte every 0.1 s does not keep them
            for sock in list(held):
                try:
                    sock.sendall(b"X")
                except OSError:
                    held.remove(sock)
            time.sleep(0.1)
        assert not held
    finally:
        for sock in sockets:
            sock.close()
    with wsman(small_server) as connection, RunspacePool(connection):
        pass  # the server still serves


def _refused_with_503(sockets: list[socket.socket], *, expected: int, within: float) -> list[socket.socket]:
    """The sockets answered 503 (HTTP.sys' ConnLimit), waiting until ``expected`` are."""
    refused: list[socket.socket] = []
    deadline = time.monotonic() + within
    while len(refused) < expected and time.monotonic() < deadline:
        ready, _, _ = select.select([s for s in sockets if s not in refused], [], [], 0.1)
        for sock in ready:
            sock.settimeout(1)
            with contextlib.suppress(OSError):
                if sock.recv(12).startswith(b"HTTP/1.1 503"):
                    refused.append(sock)
    assert len(refused) >= expected
    return refused


def test_idle_connection_is_closed(small_server: Served) -> None:
    with connect(small_server) as sock:
        started = time.monotonic()
        sock.settimeout(5)
        assert sock.recv(1) == b""
        assert time.monotonic() - started < 3


def test_silent_body_is_timed_out(small_server: Served) -> None:
    with connect(small_server) as sock:
        sock.sendall(head("", f"Authorization: {BASIC}\r\nContent-Length: 100\r\n") + b"<s:Envelope")
        assert _closed_by_server(sock, within=5)


# --- quotas ---------------------------------------------------------------------------------------


def test_max_shells_per_user(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(limits=Limits(max_shells_per_user=3))
    with wsman(served) as connection:
        pools = [RunspacePool(connection) for _ in range(3)]
        for pool in pools:
            pool.open()
        extra = RunspacePool(connection)
        with pytest.raises(WSManFaultError) as raised:
            extra.open()
        assert raised.value.code == 2150859173
        assert "maximum number of 3 concurrent shells" in raised.value.reason
        pools[0].close()
        extra = RunspacePool(connection)
        extra.open()  # a closed shell frees its slot
        for pool in [*pools[1:], extra]:
            pool.close()


def test_max_concurrent_operations_per_user(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(limits=Limits(max_operations_per_user=2), max_receive_wait=5.0)
    with wsman(served) as connection, RunspacePool(connection) as pool:
        results: list[Any] = []

        def long_poll() -> None:  # a pool-level Receive with nothing to receive: held until the timeout
            receive = ET.Element(f"{{{SHELL_NS}}}Receive")
            ET.SubElement(receive, f"{{{SHELL_NS}}}DesiredStream").text = "stdout"
            selectors = SelectorSet()
            selectors.add_option("ShellId", pool.id)
            with wsman(served, operation_timeout=5) as other:
                try:
                    results.append(other.receive(pool.shell.resource_uri, receive, selector_set=selectors))
                except WSManFaultError as fault:
                    results.append(fault.code)

        pollers = [threading.Thread(target=long_poll) for _ in range(2)]
        for poller in pollers:
            poller.start()
        deadline = time.monotonic() + 4
        while sum(served.server.service.operations.values()) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        with pytest.raises(WSManFaultError) as raised:
            connection.get_server_config()
        assert raised.value.code == 2150859174
        for poller in pollers:
            poller.join(10)
        connection.get_server_config()  # the quota frees as operations end
    assert len(results) == 2


def test_pipeline_input_is_bounded_per_command(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(limits=Limits(max_received_mb_per_command=1))
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_cmdlet("Get-CsOnlineDialInConferencingUser")
        # pypsrp's docstring takes "List of inputs" (sent as one batch), its hint only bytes or Iterator
        ps.invoke(input=["x" * 100_000 for _ in range(15)])  # type: ignore[arg-type]  # 1.5 MB of input
        assert ps.had_errors and ps.output == []
        assert str(ps.streams.error[-1]) == (
            "The total data received from the remote client exceeded the allowed maximum. "
            f"The allowed maximum is {1024 * 1024}."
        )
        ps = PowerShell(pool)
        ps.add_cmdlet("Get-CsOnlineDialInConferencingUser").add_parameter("Identity", "amos.marble@contoso.com")
        assert len(ps.invoke()) == 1  # the pool goes on


# --- failed logons --------------------------------------------------------------------------------


def _basic_status(served: Served, password: str, source: str = "127.0.0.1") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5, source_address=(source, 0))
    token = base64.b64encode(f"{USER}:{password}".encode()).decode()
    connection.request("POST", "/wsman", body=b"", headers={"Authorization": f"Basic {token}"})
    status = connection.getresponse().status
    connection.close()
    return status


def test_wrong_passwords_lock_the_address_and_account_out(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(limits=Limits(logon_failures=5, lockout_seconds=60))
    assert _basic_status(served, PASSWORD) == 200
    statuses = [_basic_status(served, f"guess{n}") for n in range(40)]
    assert set(statuses) == {401}
    assert _basic_status(served, PASSWORD) == 401  # locked: even the right password, same answer
    assert _basic_status(served, PASSWORD, source="127.0.0.2") == 200  # others are not locked out


def test_ntlm_wrong_passwords_lock_out(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(auth="ntlm", limits=Limits(logon_failures=3, lockout_seconds=60))
    for attempt in range(6):
        with pytest.raises(AuthenticationError), wsman(served, password=f"guess{attempt}") as connection:
            RunspacePool(connection).open()
    with pytest.raises(AuthenticationError), wsman(served) as connection:
        RunspacePool(connection).open()


# --- the NTLM account stays in memory -------------------------------------------------------------


def test_ntlm_account_is_in_memory_without_lm_hash(
    serve_tenant: ServeFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where a credential file would go
    served = serve_tenant(auth="ntlm")
    path = os.environ["NTLM_USER_FILE"]
    assert path.startswith("/proc/self/fd/")
    assert os.readlink(path).startswith("/memfd:")
    with open(path) as stream:
        line = stream.read()
    user, _, lm_hash, nt_hash, *_ = line.split(":")
    assert (user, lm_hash) == (USER, "0" * 32) and len(nt_hash) == 32
    assert PASSWORD not in line
    assert os.environ["LM_COMPAT_LEVEL"] == "5"  # NTLMv2 only: the zero LM hash verifies nothing
    assert list(tmp_path.iterdir()) == []
    with wsman(served) as connection, RunspacePool(connection):
        pass
    served.server.close()
    assert "NTLM_USER_FILE" not in os.environ


# --- secrets in DEBUG logs ------------------------------------------------------------------------


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.DEBUG):
        yield caplog


def test_pins_and_setup_tokens_are_masked_in_debug_logs(
    serve_tenant: ServeFactory, debug_logs: pytest.LogCaptureFixture
) -> None:
    served = serve_tenant()
    token = "eyJ0eXAiOiJKV1QiLCJub25jZSI6InNlY3JldC10b2tlbi0xMjM0NSJ9"
    host = served.host(setup=(("Connect-MicrosoftTeams", {"AccessTokens": [token, "graph-" + token]}),))
    engine = RemoteEngine(host)
    try:
        command = bind_keywords(
            find_command("Set-CsOnlineDialInConferencingUser"),
            {"Identity": "amos.marble@contoso.com", "ResetLeaderPin": True},
        )
        engine.invoke(command)
    finally:
        engine.close()
    text = "\n".join(r.getMessage() for r in debug_logs.records)
    assert "Packing PSRP message" in text and "Queuing PSRP Message" in text  # DEBUG really was on
    assert token not in text and PASSWORD not in text
    assert 'N="LeaderPin">***<' in text


def test_reset_pin_never_reaches_the_logs(serve_tenant: ServeFactory, debug_logs: pytest.LogCaptureFixture) -> None:
    served = serve_tenant()
    with wsman(served) as connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_cmdlet("Set-CsOnlineDialInConferencingUser").add_parameter("Identity", "amos.marble@contoso.com")
        ps.add_parameter("ResetLeaderPin", True)
        output = ps.invoke()
    pins = [str(o.adapted_properties.get("LeaderPin") or o.extended_properties.get("LeaderPin")) for o in output]
    assert pins and all(pin.isdigit() for pin in pins), pins
    text = "\n".join(r.getMessage() for r in debug_logs.records)
    assert "Processing PSRP Message" in text
    for pin in pins:
        assert f">{pin}<" not in text


def test_basic_auth_header_is_masked(debug_logs: pytest.LogCaptureFixture) -> None:
    from cscmdlets.remote.redact import install, redact

    install()
    logging.getLogger("spnego._ntlm").debug("NTLM step input: %s", "TlRMTVNTUAADAAAAGAAYAEgAAA==")
    assert "TlRMTVNTUAAD" not in debug_logs.text
    assert redact("Authorization: Basic c3ZjOnB3") == "Authorization: Basic ***"
    assert redact('<S N="N">-Password</S><SS N="V">AAAA</SS>') == '<S N="N">-Password</S><SS N="V">***</SS>'


# --- what is printed about the endpoint -----------------------------------------------------------


def test_repr_shows_no_setup_or_password() -> None:
    host = RemoteHost(
        "jump01", username="u", password="pw-123", setup=(("Connect-MicrosoftTeams", {"AccessTokens": ["tok-456"]}),)
    )
    session = cs.Session(RemoteEngine(host))
    for text in (repr(host), repr(session), repr(session.engine)):
        assert "pw-123" not in text and "tok-456" not in text and "AccessTokens" not in text
    assert "jump01" in repr(session)


def _serve_stderr(*options: str) -> str:
    """Start ``cscmdlets serve`` on a free port, stop it once it listens; its stderr."""
    env = {**os.environ, "CSCMDLETS_SERVE_PASSWORD": PASSWORD}
    command = [sys.executable, "-m", "cscmdlets", "serve", "--demo", "--port", "0", "--user", USER, *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None and process.stdout.readline().startswith("listening on ")
    process.terminate()
    _, stderr = process.communicate(timeout=30)
    return stderr


def test_basic_over_plain_http_warns() -> None:
    assert "warning: --auth basic over plain http sends the password unencrypted" in _serve_stderr()
    assert "warning" not in _serve_stderr("--auth", "ntlm")


def test_a_killed_ntlm_server_leaves_no_credential_file(tmp_path: Path) -> None:
    env = {**os.environ, "CSCMDLETS_SERVE_PASSWORD": PASSWORD, "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "cscmdlets", "serve", "--demo", "--port", "0", "--auth", "ntlm", "--user", USER]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert process.stdout is not None and process.stdout.readline().startswith("listening on ")
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    process.stdout.close()
    assert list(tmp_path.iterdir()) == []


def test_wrong_password_is_access_denied_not_a_traceback(served: Served) -> None:
    engine = RemoteEngine(served.host(password="nope"))
    with pytest.raises(RemoteAccessDenied):
        engine.open()
