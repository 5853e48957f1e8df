"""Transports and failures: NTLM with message encryption, HTTPS, client certificates, wrong
passwords, TLS validation, a server killed mid-call, timeouts, and re-opening the pool."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.powershell.binder import BoundCommand, bind_keywords
from cscmdlets.powershell.engine import PSOutput, Result
from cscmdlets.remote import (
    RemoteAccessDenied,
    RemoteCertificateInvalid,
    RemoteConnectionFailed,
    RemoteEngine,
    RemoteSessionBroken,
    RemoteTimeout,
)
from cscmdlets.remote.serve import http as serve_http
from cscmdlets.remote.serve.wsman import parse

from .conftest import PASSWORD, USER, Pki, ServeFactory, start_process

GET_USER = find_command("Get-CsOnlineDialInConferencingUser")
SET_USER = find_command("Set-CsOnlineDialInConferencingUser")


def get_amos() -> Any:
    return bind_keywords(GET_USER, {"Identity": "amos.marble@contoso.com"})


def test_basic_over_http(serve_tenant: ServeFactory) -> None:
    with RemoteEngine(serve_tenant(auth="basic").host()) as engine:
        assert engine.invoke(get_amos()).output[0].identity == "amos.marble@contoso.com"


@pytest.mark.parametrize("client_auth", ["ntlm", "negotiate"])
def test_ntlm_with_message_encryption(
    serve_tenant: ServeFactory, monkeypatch: pytest.MonkeyPatch, client_auth: str
) -> None:
    wrapped: list[int] = []
    real_wrap = serve_http.wrap

    def counting_wrap(ctx: Any, data: bytes) -> bytes:
        wrapped.append(len(data))
        return real_wrap(ctx, data)

    monkeypatch.setattr(serve_http, "wrap", counting_wrap)
    served = serve_tenant(auth="ntlm")
    with RemoteEngine(served.host(auth=client_auth)) as engine:
        assert engine.invoke(get_amos()).output[0].identity == "amos.marble@contoso.com"
    assert len(wrapped) >= 4  # Create, Receive, Command, Receive… all sealed


def test_ntlm_refuses_unencrypted_messages(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(auth="ntlm")
    with pytest.raises(RemoteConnectionFailed), RemoteEngine(served.host(encryption="never")) as engine:
        engine.invoke(get_amos())


@pytest.mark.parametrize("auth", ["basic", "ntlm"])
def test_wrong_password(serve_tenant: ServeFactory, auth: str) -> None:
    served = serve_tenant(auth=auth)
    with pytest.raises(RemoteAccessDenied) as raised, RemoteEngine(served.host(password="wrong-password")) as engine:
        engine.invoke(get_amos())
    assert raised.value.fully_qualified_error_id == "AccessDenied"
    assert "wrong-password" not in str(raised.value) and "Access is denied" in str(raised.value)


def test_https_with_a_self_signed_ca(serve_tenant: ServeFactory, pki: Pki) -> None:
    served = serve_tenant(tls_cert=str(pki.cert), tls_key=str(pki.key))
    with RemoteEngine(served.host(cert_validation=str(pki.ca))) as engine:
        assert engine.invoke(get_amos()).output


def test_tls_validation_failure(serve_tenant: ServeFactory, pki: Pki) -> None:
    served = serve_tenant(tls_cert=str(pki.cert), tls_key=str(pki.key))
    with pytest.raises(RemoteCertificateInvalid) as raised, RemoteEngine(served.host()) as engine:
        engine.invoke(get_amos())  # default: validate against the system CAs, which do not know ours
    assert "could not be validated" in str(raised.value)


# This test turns validation off on purpose: urllib3 may warn about that, and only here.
@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_validation_off_only_when_asked(serve_tenant: ServeFactory, pki: Pki) -> None:
    served = serve_tenant(tls_cert=str(pki.cert), tls_key=str(pki.key))
    with RemoteEngine(served.host(cert_validation=False)) as engine:
        assert engine.invoke(get_amos()).output


def test_client_certificate_auth(serve_tenant: ServeFactory, pki: Pki) -> None:
    served = serve_tenant(auth="certificate", tls_cert=str(pki.cert), tls_key=str(pki.key), client_ca=str(pki.ca))
    host = served.host(
        auth="certificate",
        username=None,
        password=None,
        cert_validation=str(pki.ca),
        certificate_pem=str(pki.client_cert),
        certificate_key_pem=str(pki.client_key),
    )
    with RemoteEngine(host) as engine:
        assert engine.invoke(get_amos()).output


def test_unreachable_host(serve_tenant: ServeFactory) -> None:
    served = serve_tenant()
    port = served.port
    served.server.close()
    with pytest.raises(RemoteConnectionFailed) as raised, RemoteEngine(served.host(port=port, retries=0)) as engine:
        engine.invoke(get_amos())
    assert raised.value.fully_qualified_error_id == "CannotConnect"


class SlowEngine:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def invoke(self, command: Any) -> Result:
        time.sleep(self.seconds)
        return Result(output=PSOutput(["done"]))


def test_call_timeout_is_a_clear_error_and_the_pool_survives(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(engine=SlowEngine(1.5))
    with RemoteEngine(served.host(call_timeout=0.5, operation_timeout=1)) as engine:
        with pytest.raises(RemoteTimeout) as raised:
            engine.invoke(get_amos())
        assert "call_timeout" in str(raised.value)
        time.sleep(1.5)
        assert engine.session.is_open
        served.server.service.executor.engine = SlowEngine(0)
        assert engine.invoke(get_amos()).output == ["done"]


def test_long_calls_long_poll_without_error(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(engine=SlowEngine(2.5), max_receive_wait=1.0)
    with RemoteEngine(served.host(operation_timeout=1)) as engine:
        assert engine.invoke(get_amos()).output == ["done"]  # TimedOut faults retried silently


def test_server_killed_mid_call(tmp_path: Path) -> None:
    """A batch of changes, the server killed while it runs: a clear error, and each user
    either fully changed or untouched; a retry re-opens the pool on the restarted server."""
    from cscmdlets.store.sqlite import SqliteStore

    state = tmp_path / "tenant.db"
    cs.Tenant.demo(users=100, store=SqliteStore(state)).close()
    server = start_process(state)
    engine = RemoteEngine(
        cs.RemoteHost(
            "127.0.0.1",
            port=server.port,
            ssl=False,
            auth="basic",
            encryption="never",
            username=USER,
            password=PASSWORD,
            retries=0,
        )
    )
    before = {u.identity: u.conference_id for u in engine.invoke(bind_keywords(GET_USER, {})).output}
    sent: dict[str, set[int]] = {identity: set() for identity in before}
    commands = []
    for index, identity in enumerate(list(before) * 30):
        sent[identity].add(1_000_000 + index)
        commands.append(
            bind_keywords(
                SET_USER, {"Identity": identity, "AllowTollFreeDialIn": False, "ConferenceId": 1_000_000 + index}
            )
        )
    killer = threading.Timer(0.5, server.kill)
    killer.start()
    with pytest.raises(RemoteSessionBroken) as raised, engine.batch() as batch:
        for command in commands:
            engine.invoke(command)
    killer.join()
    assert "may or may not have run" in str(raised.value)
    assert all(p.done for p in batch.pending)  # each caller sees a result or the error
    assert any(p.error is raised.value for p in batch.pending)
    with cs.Tenant.open(state) as after:
        for user in after.engine.invoke(bind_keywords(GET_USER, {})).output:
            if user.allow_toll_free_dial_in is False:
                assert user.conference_id in sent[user.identity], user
            else:
                assert user.conference_id == before[user.identity], user
    restarted = start_process(state, port=server.port)
    try:
        assert engine.invoke(get_amos()).output  # the next call opens a new pool
    finally:
        engine.close()
        restarted.kill()


def test_batch_is_one_round_trip(served: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    actions: list[str] = []
    service = served.server.service
    real_handle = service.handle

    def counting(data: bytes, **kwargs: Any) -> Any:
        actions.append(parse(data).action.rsplit("/", 1)[-1])
        return real_handle(data, **kwargs)

    monkeypatch.setattr(service, "handle", counting)
    with RemoteEngine(served.host()) as engine:
        engine.invoke(get_amos())
        actions.clear()
        with engine.batch():
            results = [
                engine.invoke(bind_keywords(GET_USER, {"Identity": identity}))
                for identity in ("amos.marble@contoso.com", "ken.myer@contoso.com") * 50
            ]
    assert actions.count("Command") == 1 and "Receive" in actions and len(actions) <= 6, actions
    assert [r.output[0].identity for r in results] == ["amos.marble@contoso.com", "ken.myer@contoso.com"] * 50


def test_batch_gives_each_caller_its_results_and_errors(remote: RemoteEngine) -> None:
    with remote.batch(raise_errors=False) as batch:
        ok = remote.invoke(
            bind_keywords(SET_USER, {"Identity": "amos.marble@contoso.com", "AllowTollFreeDialIn": False})
        )
        missing = remote.invoke(
            bind_keywords(SET_USER, {"Identity": "nobody@contoso.com", "AllowTollFreeDialIn": False})
        )
        after = remote.invoke(get_amos())
    assert ok.errors == [] and after.output[0].allow_toll_free_dial_in is False
    assert [r.error_id for r in missing.errors] == ["UserNotFound"]
    assert all(p.done for p in batch.pending)


def test_batch_continues_after_a_terminating_error(remote: RemoteEngine) -> None:
    bad = BoundCommand(SET_USER, SET_USER.default_parameter_set, {})  # the server's binder: MissingMandatoryParameter
    with pytest.raises(cs.PowerShellError) as raised_at_exit, remote.batch() as batch:
        remote.invoke(get_amos())
        remote.invoke(bad)
        remote.invoke(bind_keywords(SET_USER, {"Identity": "amos.marble@contoso.com", "AllowTollFreeDialIn": False}))
    assert raised_at_exit.value.error_id == "MissingMandatoryParameter"
    first, failed, last = batch.pending
    assert first.get().output and last.get().errors == []
    with pytest.raises(cs.PowerShellError) as raised:
        failed.get()
    assert raised.value.error_id == "MissingMandatoryParameter"
    assert remote.invoke(get_amos()).output[0].allow_toll_free_dial_in is False


def test_module_functions_in_a_batch_fill_their_outputs_afterwards(served: Any) -> None:
    session = cs.connect(remote=served.host())
    try:
        with session.batch():
            outputs = [
                cs.get_cs_online_dial_in_conferencing_user(identity=i)
                for i in ("amos.marble@contoso.com", "ken.myer@contoso.com")
            ]
            assert outputs == [[], []]  # nothing has been sent yet
        assert [o[0].identity for o in outputs] == ["amos.marble@contoso.com", "ken.myer@contoso.com"]
        with pytest.raises(cs.PowerShellError) as raised, session.batch():
            cs.set_cs_online_dial_in_conferencing_user("nobody@contoso.com", allow_toll_free_dial_in=False)
        assert raised.value.error_id == "UserNotFound"  # the first error, raised when the block ends
    finally:
        cs.disconnect()


def test_text_that_cannot_be_sent_is_a_clear_error_and_the_pool_survives(remote: RemoteEngine) -> None:
    with pytest.raises(cs.PowerShellError) as raised:
        # Built by hand: the local binder already refuses such text. It travels escaped
        # (_xDC80_, as MS-PSRP escapes UTF-16 units) and the host's binder refuses it.
        remote.invoke(BoundCommand(GET_USER, GET_USER.default_parameter_set, {"Identity": "bad\udc80surrogate"}))
    assert "unpaired surrogate" in str(raised.value)
    assert remote.invoke(get_amos()).output


def test_ntlm_domain_account_and_a_colon_in_the_password(serve_tenant: ServeFactory) -> None:
    served = serve_tenant(auth="ntlm", username="CONTOSO\\svc-teams", password="pa:ss:word")
    host = served.host(username="CONTOSO\\svc-teams", password="pa:ss:word")
    with RemoteEngine(host) as engine:
        assert engine.invoke(get_amos()).output


def test_open_fails_early_with_a_wrong_password(served: Any) -> None:
    engine = RemoteEngine(served.host(password="not-it"))
    with pytest.raises(RemoteAccessDenied):
        engine.open()
    with RemoteEngine(served.host()).open() as opened:
        assert opened.session.is_open
