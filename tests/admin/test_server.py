"""The admin centre over real HTTP (httpx → uvicorn on 127.0.0.1), checked against the SQLite
file on disk: login, CSRF, escaping, the -WhatIf preview, each action, conflicts, headers."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import os
import re
import socket
import ssl
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cscmdlets.admin import create_app
from cscmdlets.model import User
from cscmdlets.store.sqlite import SqliteStore

from .conftest import (
    AMOS,
    AMOS_UPN,
    PASSWORD,
    Served,
    ServerThread,
    command_shown,
    confirm,
    csrf_of,
    new_client,
    serve_tenant,
    sign_in,
    user_action,
)

ROOT = Path(__file__).resolve().parents[2]


def on_disk(state: Path) -> tuple[User, int, int]:
    """Amos as the file holds him, and the numbers of outbox messages and audit entries,
    read through a connection of its own."""
    store = SqliteStore(state)
    try:
        user = store.user(uuid.UUID(AMOS))
        assert user is not None
        return user, len(store.outbox()), len(store.audit_entries())
    finally:
        store.close()


# --- login and sessions ----------------------------------------------------------------------------


def test_pages_need_a_login_and_a_wrong_password_is_refused(served: Served) -> None:
    anonymous = new_client(served.url)
    page = anonymous.get("/users")
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert anonymous.get("/outbox/1.eml").status_code == 303
    _, refused = sign_in(served.url, password="wrong")
    assert refused.status_code == 401 and "incorrect" in refused.text
    _, accepted = sign_in(served.url)
    assert accepted.status_code == 200 and accepted.url.path == "/users"
    assert "Amos Marble" in accepted.text


def test_a_login_starts_a_new_session_so_a_planted_cookie_is_worthless(served: Served) -> None:
    client = new_client(served.url, follow_redirects=True)
    login = client.get("/login")
    planted = client.cookies["cscmdlets_admin"]
    client.post("/login", data={"csrf": csrf_of(login), "username": "admin", "password": PASSWORD, "next": "/users"})
    assert client.cookies["cscmdlets_admin"] != planted
    attacker = new_client(served.url, cookies={"cscmdlets_admin": planted})
    assert attacker.get("/users").status_code == 303  # still sent to the login


def test_the_login_does_not_redirect_to_another_site(served: Served) -> None:
    client = new_client(served.url)
    login = client.get("/login?next=//evil.example/")
    answer = client.post(
        "/login", data={"csrf": csrf_of(login), "username": "admin", "password": PASSWORD, "next": "//evil.example/"}
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/users"


# --- CSRF ------------------------------------------------------------------------------------------


def test_a_post_without_the_sessions_csrf_token_is_refused_and_changes_nothing(
    served: Served, client: httpx.Client
) -> None:
    before = on_disk(served.state)
    pane = client.get(f"/users/{AMOS}")
    version = re.search(r'name="version" value="([^"]+)"', pane.text)
    assert version
    form = {"object_id": AMOS, "upn": AMOS_UPN, "version": version.group(1)}
    assert client.post("/actions/reset-pin", data=form).status_code == 403
    other, _ = sign_in(served.url)  # a token of another session is no better
    assert client.post("/actions/reset-pin", data={**form, "csrf": csrf_of(other.get("/users"))}).status_code == 403
    assert client.post("/login", data={"username": "admin", "password": PASSWORD}).status_code == 403
    assert on_disk(served.state) == before


# --- escaping and headers --------------------------------------------------------------------------


def test_a_display_name_with_markup_is_shown_as_text(served: Served, client: httpx.Client) -> None:
    served.tenant.add_user("mallory@contoso.com", '<script>alert("x")</script><b>Mallory')
    listing = client.get("/users", params={"q": "mallory"})
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;Mallory" in listing.text
    assert "<script>alert" not in listing.text and "<b>Mallory" not in listing.text
    pane = client.get(f"/users/{re.search(r'/users/([0-9a-f-]{36})', listing.text).group(1)}")  # type: ignore[union-attr]
    assert "<script>alert" not in pane.text and "&lt;script&gt;" in pane.text


def test_every_page_sends_security_headers_and_the_email_frame_runs_no_script(
    served: Served, client: httpx.Client
) -> None:
    page = client.get("/users")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["x-frame-options"] == "DENY"
    preview = user_action(client, "send-email")
    confirm(client, preview)
    frame = client.get("/outbox/1/html")
    assert "sandbox" in frame.headers["content-security-policy"]
    assert "script-src" not in frame.headers["content-security-policy"]
    assert frame.headers["x-frame-options"] == "SAMEORIGIN"
    detail = client.get("/outbox/1")
    assert re.search(r'<iframe[^>]*src="/outbox/1/html"[^>]*\ssandbox>', detail.text)


def test_the_session_cookie_is_http_only_and_same_site_strict(served: Served) -> None:
    answer = new_client(served.url).get("/login")
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


# --- the -WhatIf preview and the actions -----------------------------------------------------------


def test_the_preview_changes_nothing_and_shows_the_command_and_its_plan(served: Served, client: httpx.Client) -> None:
    before = on_disk(served.state)
    preview = user_action(client, "reset-pin")
    assert command_shown(preview) == [f"Set-CsOnlineDialInConferencingUser -Identity '{AMOS_UPN}' -ResetLeaderPin"]
    assert "What if: Performing the operation" in preview.text
    assert "Your audio conferencing PIN has been reset" in preview.text  # the email it would send
    assert on_disk(served.state) == before
    client.get(preview.url.path)  # looking again runs nothing either
    assert on_disk(served.state) == before


def test_reset_pin_changes_the_hash_on_disk_and_shows_the_new_pin_once(served: Served, client: httpx.Client) -> None:
    user, outbox, audit = on_disk(served.state)
    pane = confirm(client, user_action(client, "reset-pin"))
    after, outbox_after, audit_after = on_disk(served.state)
    assert after.leader_pin_hash != user.leader_pin_hash
    assert (outbox_after, audit_after) == (outbox + 1, audit + 1)
    pin = re.search(r"data-new-pin>(\d+)<", pane.text)
    assert pin and len(pin.group(1)) == 5
    assert "data-new-pin" not in client.get(f"/users/{AMOS}").text  # shown once, then gone
    assert pin.group(1) not in client.get("/commands").text + client.get("/audit").text


def test_send_conference_info_to_another_address_queues_that_email(served: Served, client: httpx.Client) -> None:
    preview = user_action(client, "send-email", to="assistant@fabrikam.com")
    line = (
        f"Set-CsOnlineDialInConferencingUser -Identity '{AMOS_UPN}' -SendEmail "
        "-SendEmailToAddress 'assistant@fabrikam.com'"
    )
    assert command_shown(preview) == [line]
    confirm(client, preview)
    store = SqliteStore(served.state)
    try:
        [message] = store.outbox()
    finally:
        store.close()
    assert message.recipient == "assistant@fabrikam.com" and message.subject == "Your dial-in conferencing information"
    assert line in command_shown(client.get("/commands"))


def test_default_numbers_offer_only_the_bridges_numbers_and_are_saved(served: Served, client: httpx.Client) -> None:
    pane = client.get(f"/users/{AMOS}")
    offered = set(re.findall(r'<option value="(\d+)"', pane.text))
    assert offered == {"14255550100", "12065550100", "18005550100"}  # Conference Bridge's, not EMEA's
    confirm(
        client,
        user_action(
            client,
            "default-numbers",
            service_number="12065550100",
            toll_free_service_number="",
            current_service_number="",
            current_toll_free_service_number="",
        ),
    )
    assert on_disk(served.state)[0].service_number == "12065550100"


def test_move_bridge_and_toll_free_dial_in_are_saved(served: Served, client: httpx.Client) -> None:
    confirm(client, user_action(client, "move-bridge", bridge_name="EMEA Bridge", current_bridge="Conference Bridge"))
    confirm(client, user_action(client, "toll-free", allow="false"))
    user = on_disk(served.state)[0]
    store = SqliteStore(served.state)
    try:
        bridge = store.bridge(user.bridge_id)
    finally:
        store.close()
    assert bridge is not None and bridge.name == "EMEA Bridge" and user.allow_toll_free_dial_in is False


def test_in_todays_module_toll_free_dial_in_is_the_policys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """MicrosoftTeams leaves toll-free dial-in to TeamsAudioConferencingPolicy: the form grants the
    built-in policy without toll-free numbers, and back the tenant's, as the Teams admin centre does."""
    monkeypatch.setenv("CSCMDLETS_MODULE", "MicrosoftTeams")
    tenant, config = serve_tenant(tmp_path / "tenant.db")
    with ServerThread(create_app(tenant, config)) as server:
        client, _ = sign_in(server.url)
        preview = user_action(client, "toll-free", allow="false")
        assert command_shown(preview) == [
            f"Grant-CsTeamsAudioConferencingPolicy -Identity '{AMOS_UPN}' -PolicyName 'AllowTollFreeDialinFalse'"
        ]
        pane = confirm(client, preview)
        assert "Not allowed" in pane.text
        assert on_disk(tmp_path / "tenant.db")[0].teams_audio_conferencing_policy == "AllowTollFreeDialinFalse"
        back = user_action(client, "toll-free", allow="true")
        assert command_shown(back) == [f"Grant-CsTeamsAudioConferencingPolicy -Identity '{AMOS_UPN}' -PolicyName $null"]
        assert "Allowed" in confirm(client, back).text
        assert on_disk(tmp_path / "tenant.db")[0].teams_audio_conferencing_policy is None
    tenant.close()


def test_a_cmdlet_error_is_shown_and_nothing_changes(served: Served, client: httpx.Client) -> None:
    before = on_disk(served.state)
    preview = user_action(client, "send-email", to="not an address")
    assert "is not a valid email address" in preview.text and "data-confirm" not in preview.text
    assert on_disk(served.state) == before


def test_settings_show_the_cmdlets_error_by_the_field_and_keep_the_value(served: Served, client: httpx.Client) -> None:
    page = client.get("/settings")
    answer = client.post("/actions/settings", data={"csrf": csrf_of(page), "PinLength": "3"})
    assert answer.status_code == 422
    error = re.search(r'<p class="field-error" id="PinLength-error" role="alert">([^<]+)</p>', answer.text)
    assert error and error.group(1) == (
        "The PinLength value 3 is not valid. The minimum value is 4 and the maximum value is 12."
    )
    assert re.search(r'id="PinLength" name="PinLength" value="3"', answer.text)
    store = SqliteStore(served.state)
    try:
        assert store.settings().pin_length == 5
    finally:
        store.close()
    override = client.post("/actions/settings", data={"csrf": csrf_of(page), "SendEmailFromOverride": "true"})
    assert 'id="SendEmailFromOverride-error"' in override.text
    preview = client.post(
        "/actions/settings", data={"csrf": csrf_of(page), "PinLength": "7", "EnableNameRecording": "true"}
    )
    assert command_shown(preview) == ["Set-CsOnlineDialInConferencingTenantSettings -PinLength 7"]
    confirm(client, preview)
    store = SqliteStore(served.state)
    try:
        assert store.settings().pin_length == 7
    finally:
        store.close()


def test_a_change_by_someone_else_after_the_preview_is_a_conflict(served: Served, client: httpx.Client) -> None:
    preview = user_action(client, "toll-free", allow="false")
    served.tenant.invoke(f"Set-CsOnlineDialInConferencingUser -Identity {AMOS_UPN} -ResetLeaderPin")  # the CLI, say
    changed = on_disk(served.state)
    answer = confirm(client, preview)
    assert "changed by someone else" in answer.text
    assert on_disk(served.state) == changed and changed[0].allow_toll_free_dial_in is True


def test_the_exported_ps1_replays_with_cscmdlets_run(served: Served, client: httpx.Client, tmp_path: Path) -> None:
    confirm(client, user_action(client, "toll-free", allow="false"))
    confirm(client, user_action(client, "move-bridge", bridge_name="EMEA Bridge", current_bridge="Conference Bridge"))
    script = client.get("/commands.ps1")
    assert script.headers["content-disposition"].startswith("attachment")
    path = tmp_path / "session.ps1"
    path.write_bytes(script.content)
    replay = tmp_path / "replay.db"
    run = subprocess.run(
        [sys.executable, "-m", "cscmdlets", "run", str(path), "--state", str(replay), "--demo"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        # the same module generation as the served tenant (tests/conftest.py pins it)
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "CSCMDLETS_MODULE": os.environ["CSCMDLETS_MODULE"]},
    )
    assert run.returncode == 0, run.stderr
    replayed = SqliteStore(replay)
    try:
        user = replayed.user(uuid.UUID(AMOS))
    finally:
        replayed.close()
    original = on_disk(served.state)[0]
    assert user is not None and (user.bridge_id, user.allow_toll_free_dial_in) == (
        original.bridge_id,
        original.allow_toll_free_dial_in,
    )


# --- users list --------------------------------------------------------------------------------------


def test_search_filters_sorting_and_paging(tmp_path: Path) -> None:
    from cscmdlets.cmdlets.demo import seed_demo

    state = tmp_path / "many.db"
    store = SqliteStore(state)
    seed_demo(store, users=120)
    store.close()
    tenant, config = serve_tenant(state)
    with ServerThread(create_app(tenant, config)) as server:
        client, _ = sign_in(server.url)
        first = client.get("/users", params={"size": "25"})
        assert "Users found: 125 ·" in first.text and "page 1 of 5" in first.text
        names = re.findall(r'<a href="/users/[^"]+">([^<]+)</a>', first.text)
        assert names == sorted(names, key=str.lower) and names[0] == "Alex Darrow"
        last = client.get("/users", params={"size": "25", "sort": "name", "desc": "1"})
        assert re.findall(r'<a href="/users/[^"]+">([^<]+)</a>', last.text)[0] == "User 0000120"
        assert "Users found: 1 ·" in client.get("/users", params={"q": "0000042"}).text
        third_party = client.get("/users", params={"provider": "ThirdParty"})
        assert "David Longmuir" in third_party.text and "Users found: 1 ·" in third_party.text
        assert "Users found: 1 ·" in client.get("/users", params={"licence": "unlicensed"}).text
        by_number = client.get("/users", params={"q": "+7 495 555"})  # Pilar's own Moscow number
        assert "Pilar Ackerman" in by_number.text and "Users found: 1 ·" in by_number.text
        # A change from another connection shows up in the list (the audit log names it).
        tenant.invoke("Set-CsOnlineDialInConferencingUser -Identity user0000042@contoso.com -BridgeName 'EMEA Bridge'")
        bridges = re.findall(r'<option value="([0-9a-f-]{36})"[^>]*>EMEA Bridge', first.text)
        on_emea = client.get("/users", params={"bridge": bridges[0]})
        assert "User 0000042" in on_emea.text and "Users found: 2 ·" in on_emea.text
    tenant.close()


# --- outbox ----------------------------------------------------------------------------------------


def test_the_outbox_shows_and_downloads_a_message_and_delivers_it(served: Served, client: httpx.Client) -> None:
    from aiosmtpd.controller import Controller

    confirm(client, user_action(client, "send-email"))
    listing = client.get("/outbox")
    assert "Your dial-in conferencing information" in listing.text and AMOS_UPN in listing.text
    eml = client.get("/outbox/1.eml")
    assert eml.headers["content-type"].startswith("message/rfc822")
    parsed = email.message_from_bytes(eml.content, policy=email.policy.default)
    assert parsed["To"].addresses[0].addr_spec == AMOS_UPN
    detail = client.get("/outbox/1")
    assert "Message-ID" in detail.text and "Conference ID" in detail.text  # headers and text part

    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            received.append(envelope.content)  # type: ignore[attr-defined]
            return "250 OK queued"

    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        page = client.get("/outbox")
        done = client.post("/outbox/flush", data={"csrf": csrf_of(page), "smtp_url": f"smtp://127.0.0.1:{port}"})
    finally:
        controller.stop()
    assert "Messages delivered: 1." in done.text and len(received) == 1
    assert received[0].replace(b"\r\n", b"\n").strip() == eml.content.replace(b"\r\n", b"\n").strip()
    store = SqliteStore(served.state)
    try:
        assert store.outbox()[0].status.value == "Delivered"
    finally:
        store.close()


# --- audit, language -------------------------------------------------------------------------------


def test_the_audit_log_names_the_signed_in_admin_and_filters(served: Served, client: httpx.Client) -> None:
    confirm(client, user_action(client, "toll-free", allow="false"))
    served.tenant.invoke("Set-CsOnlineDialInConferencingTenantSettings -PinLength 6")
    everything = client.get("/audit")
    assert "AllowTollFreeDialIn" in everything.text and "PinLength" in everything.text
    only_user = client.get("/audit", params={"target": "amos"})
    assert "AllowTollFreeDialIn" in only_user.text and "PinLength" not in only_user.text


def test_russian_by_accept_language_and_by_the_switch(served: Served, client: httpx.Client) -> None:
    label = "Отправить информацию о конференции по электронной почте"  # noqa: RUF001
    russian = client.get(f"/users/{AMOS}", headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert label in russian.text and 'lang="ru-RU"' in russian.text
    english = client.get(f"/users/{AMOS}", headers={"accept-language": "de-DE,en;q=0.8"})
    assert "Send conference info in email" in english.text
    client.post("/language", data={"csrf": csrf_of(english), "language": "ru-RU", "next": f"/users/{AMOS}"})
    assert label in client.get(f"/users/{AMOS}", headers={"accept-language": "en-US"}).text


def test_the_catalogues_are_complete_and_compiled() -> None:
    from cscmdlets.admin.catalogs import check

    assert check() == []


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        (["--password", "x", "--host", "0.0.0.0"], "without TLS"),
        ([], "a password is required"),
    ],
)
def test_the_command_refuses_unsafe_or_passwordless_serving(arguments: list[str], problem: str, tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "cscmdlets",
            "admin",
            "--state",
            str(tmp_path / "t.db"),
            "--demo",
            "--port",
            "0",
            *arguments,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 2 and problem in run.stderr


@contextmanager
def running_admin(tmp_path: Path, *arguments: str) -> Iterator[str]:
    """``cscmdlets admin`` in its own process; yields the URL its first line announces."""
    command = [sys.executable, "-m", "cscmdlets", "admin", "--state", str(tmp_path / "t.db"), "--demo", "--port", "0"]
    environment = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "CSCMDLETS_SERVE_PASSWORD": PASSWORD}
    with subprocess.Popen(
        [*command, *arguments], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=environment
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            url = re.match(r"listening on (https?://127\.0\.0\.1:\d+)/", line)
            assert url, line
            yield url.group(1)
        finally:
            process.terminate()  # uvicorn's graceful shutdown, then the tenant is closed
            process.wait(60)


def test_the_command_serves_the_centre_on_127_0_0_1(tmp_path: Path) -> None:
    with running_admin(tmp_path, "--user", "trainer") as url:
        client, answer = sign_in(url, user="trainer")
        assert answer.status_code == 200 and "Amos Marble" in answer.text
        confirm(
            client, user_action(client, "move-bridge", bridge_name="EMEA Bridge", current_bridge="Conference Bridge")
        )
        audit = client.get("/audit", params={"target": AMOS_UPN})
        assert re.search(r"<td>trainer</td>\s*<td>Set-CsOnlineDialInConferencingUser</td>", audit.text)


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    cert, private = folder / "cert.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    encoding, form = serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8
    private.write_bytes(key.private_bytes(encoding, form, serialization.NoEncryption()))
    return cert, private


def test_over_tls_the_cookie_is_secure_and_hsts_is_sent(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    with running_admin(tmp_path, "--tls-cert", str(cert), "--tls-key", str(key)) as url:
        assert url.startswith("https://")
        with httpx.Client(base_url=url, verify=ssl.create_default_context(cafile=str(cert))) as client:
            login = client.get("/login")
    assert "secure" in login.headers["set-cookie"].lower()
    assert login.headers["strict-transport-security"].startswith("max-age=")


# --- bridges and numbers ---------------------------------------------------------------------------


def bridge_form(client: httpx.Client, action: str, number: str) -> httpx.Response:
    page = client.get("/bridges")
    data = {"csrf": csrf_of(page), "bridge_name": "Conference Bridge", "number": number}
    return client.post(f"/actions/{action}", data=data)


def test_a_bridges_default_number_changes_and_numbers_unregister(served: Served, client: httpx.Client) -> None:
    preview = bridge_form(client, "bridge-default", "12065550100")
    line = "Set-CsOnlineDialInConferencingBridge -Name 'Conference Bridge' -DefaultServiceNumber 12065550100"
    assert command_shown(preview) == [line]
    confirm(client, preview)
    refused = confirm(client, bridge_form(client, "unregister-number", "12065550100"))
    assert "is the default number of the bridge" in refused.text  # the cmdlet's error, after the run
    unregister = bridge_form(client, "unregister-number", "14255550100")
    assert "does not support -WhatIf" in unregister.text
    confirm(client, unregister)
    store = SqliteStore(served.state)
    try:
        [bridge] = [b for b in store.bridges() if b.name == "Conference Bridge"]
        numbers = {n.number: n.bridge_id for n in store.service_numbers()}
    finally:
        store.close()
    assert bridge.default_service_number == "12065550100"
    assert numbers["12065550100"] == bridge.identity and numbers.get("14255550100") is None


def test_sessions_not_signed_in_do_not_pile_up() -> None:
    from cscmdlets.admin import security

    sessions = security.Sessions()
    signed_in, _ = sessions.new("admin")
    keys = [sessions.new()[0] for _ in range(security._MOST_ANONYMOUS + 50)]
    assert sessions.get(signed_in) is not None and sessions.get(keys[-1]) is not None
    assert sessions.get(keys[0]) is None and sum(sessions.get(k) is not None for k in keys) == security._MOST_ANONYMOUS
