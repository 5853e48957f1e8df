"""``serve --allow-scripts``: a client's script must not reach the server's files or secrets.

Each test sends script text from the unmodified pypsrp client to a real ``serve`` on
127.0.0.1 and checks that the attack fails and leaves nothing behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypsrp.powershell import PowerShell, RunspacePool
from pypsrp.wsman import WSMan

from .conftest import PASSWORD, USER, Served, ServeFactory

SECRET = "top secret: the server's own file"


def run(served: Served, script: str) -> PowerShell:
    connection = WSMan(
        "127.0.0.1",
        port=served.port,
        ssl=False,
        auth="basic",
        encryption="never",
        username=USER,
        password=PASSWORD,
        operation_timeout=5,
    )
    with connection, RunspacePool(connection) as pool:
        ps = PowerShell(pool)
        ps.add_script(script)
        ps.invoke()
    return ps


def error_ids(ps: PowerShell) -> list[str]:
    return [str(record.fq_error).split(",")[0] for record in ps.streams.error]


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder beside the scripts root holding a secret, and the server's password in $env."""
    monkeypatch.setenv("CSCMDLETS_SERVE_PASSWORD", PASSWORD)
    monkeypatch.setenv("CSCMDLETS_SHARED", "shared value")
    (tmp_path / "secret.txt").write_text(SECRET)
    return tmp_path


@pytest.fixture
def root(outside: Path) -> Path:
    folder = outside / "root"
    folder.mkdir()
    (folder / "users.csv").write_text("Identity\namos.marble@contoso.com\n")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "escape").symlink_to(outside)
    return folder


@pytest.fixture
def rooted(serve_tenant: ServeFactory, root: Path) -> Served:
    return serve_tenant(allow_scripts=True, scripts_root=str(root), scripts_environment=("CSCMDLETS_SHARED",))


def _attacks(outside: Path) -> list[Any]:
    secret = outside / "secret.txt"
    return [
        pytest.param("Get-Content ../secret.txt", id="dot-dot"),
        pytest.param(f"Get-Content '{secret}'", id="absolute"),
        pytest.param("Get-Content link.txt", id="symlink-file"),
        pytest.param("Get-Content escape/secret.txt", id="symlink-folder"),
        pytest.param("Get-Content 'C:\\Windows\\win.ini'", id="drive"),
        pytest.param("Get-Content 'FileSystem::/etc/passwd'", id="provider-qualified"),
        pytest.param("Get-Content '~/.bashrc'", id="home"),
        pytest.param("Import-Csv ../secret.txt", id="import-csv"),
        pytest.param(f"Test-Path '{secret}'", id="test-path"),
        pytest.param(f"[System.IO.File]::Exists('{secret}')", id="static-exists"),
        pytest.param(_mailing("../secret.txt"), id="mail-attachment"),
        pytest.param(_mailing("link.txt"), id="mail-attachment-symlink"),
    ]


def _mailing(path: str) -> str:
    return f"Send-MailMessage -To a@contoso.com -From b@contoso.com -SmtpServer s -Attachments '{path}'"


def test_reads_outside_the_root_fail(rooted: Served, outside: Path) -> None:
    for case in _attacks(outside):
        (script,) = case.values
        ps = run(rooted, str(script))
        assert not [o for o in ps.output if o is True or SECRET in str(o)], case.id
        assert ps.streams.error, case.id
        assert set(error_ids(ps)) <= {"PathOutsideScriptsRoot", "RuntimeException"}, (case.id, error_ids(ps))
    with rooted.tenant.store.transaction():
        assert rooted.tenant.store.outbox() == []  # no attachment left the root by mail


@pytest.mark.parametrize(
    "script",
    [
        pytest.param("'x' | Out-File ../written.txt", id="out-file"),
        pytest.param("'x' > ../written.txt", id="redirection"),
        pytest.param("Set-Content -Path ../written.txt -Value x", id="set-content"),
        pytest.param("Get-CsOnlineDialInConferencingUser | Export-Csv escape/written.txt", id="export-csv-symlink"),
    ],
)
def test_writes_outside_the_root_fail(rooted: Served, outside: Path, script: str) -> None:
    ps = run(rooted, script)
    assert ps.streams.error or ps.had_errors
    assert not (outside / "written.txt").exists()


def test_files_inside_the_root_work(rooted: Served, root: Path) -> None:
    ps = run(rooted, "'hello' | Out-File notes/../note.txt; Get-Content note.txt; (Import-Csv users.csv).Identity")
    assert not ps.had_errors and not ps.streams.error, error_ids(ps)
    assert [str(o) for o in ps.output] == ["hello", "amos.marble@contoso.com"]
    assert (root / "note.txt").read_text().strip() == "hello"


def test_a_mail_attachment_inside_the_root_is_kept_with_the_message(rooted: Served) -> None:
    ps = run(rooted, _mailing("users.csv"))
    assert not ps.streams.error, error_ids(ps)
    with rooted.tenant.store.transaction():
        [entry] = rooted.tenant.store.outbox()
    assert (entry.kind, entry.recipient) == ("Send-MailMessage", "a@contoso.com")
    assert b'filename="users.csv"' in entry.raw


def test_without_a_root_there_are_no_file_commands(serve_tenant: ServeFactory, outside: Path) -> None:
    served = serve_tenant(allow_scripts=True)
    for script in ("Get-Content /etc/passwd", "Get-Content secret.txt", "'x' | Out-File leaked.txt"):
        ps = run(served, script)
        assert error_ids(ps) == ["ProviderNotFound"], (script, error_ids(ps))
        assert str(ps.streams.error[0]) == "Cannot find a provider with the name 'FileSystem'."
        assert not ps.output
    assert not Path("leaked.txt").exists()


def test_only_named_environment_variables_are_readable(rooted: Served) -> None:
    ps = run(rooted, "$env:CSCMDLETS_SERVE_PASSWORD; $env:PATH; $env:HOME; $env:CSCMDLETS_SHARED; $HOME")
    values = [str(o) for o in ps.output if o not in (None, "")]
    assert values == ["shared value"]
    assert all(PASSWORD not in str(o) for o in ps.output)


def test_the_server_says_what_scripts_can_reach(tmp_path: Path) -> None:
    env = {**os.environ, "CSCMDLETS_SERVE_PASSWORD": PASSWORD}
    command = [sys.executable, "-m", "cscmdlets", "serve", "--demo", "--port", "0", "--user", USER, "--allow-scripts"]
    for extra, expected in (
        ([], "scripts reach no files (file commands fail); environment variables: none"),
        (
            ["--scripts-root", str(tmp_path), "--scripts-env", "TZ"],
            f"scripts reach files under {tmp_path.resolve()} only, by relative path; environment variables: TZ",
        ),
    ):
        process = subprocess.Popen(command + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert process.stdout is not None and process.stdout.readline().startswith("listening on ")
        process.terminate()
        _, stderr = process.communicate(timeout=30)
        assert expected in stderr
