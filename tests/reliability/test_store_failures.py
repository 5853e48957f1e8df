"""A store that cannot be written (disk full, read-only store).

Read-only: the SQLite file 0444 in a writable folder, a writable file in a 0555 folder, both
read-only, and a new store under a read-only folder. Full: ``PRAGMA max_page_count`` (SQLite's
SQLITE_FULL) and RLIMIT_FSIZE (the OS refusing to grow a file, as a full disk does). Every
door — the Pythonic method, the exact-name twin, ``invoke``, ``tenant.transaction()`` and the
``cscmdlets`` command — must give a clear :class:`PowerShellError` naming the store, never a
traceback; afterwards the store opens, passes ``PRAGMA integrity_check`` and holds exactly
what was committed before the failure.

Permissions do not bind root, so as root the child runs under ``capsh`` without
CAP_DAC_OVERRIDE (skipped where capsh is missing).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import cscmdlets as cs
from cscmdlets.store.sqlite import SqliteStore

from .store_failure_child import writes
from .support import FIGURES, sqlite_dump

CHILD = Path(__file__).with_name("store_failure_child.py")
AMOS = "amos.marble@contoso.com"
WRITE_STEPS = ("python", "twin", "powershell", "transaction")


def unprivileged(command: list[str]) -> list[str]:
    """``command`` as a process that file permissions bind."""
    if os.geteuid() != 0:
        return command
    capsh = shutil.which("capsh")
    if capsh is None:
        pytest.skip("running as root without capsh: file permissions cannot be enforced")
    return [
        capsh,
        "--drop=cap_dac_override,cap_dac_read_search,cap_fowner,cap_linux_immutable",
        "--",
        "-c",
        shlex.join(command),
    ]


def run_child(*args: str, privileged: bool = False) -> list[dict[str, Any]]:
    command = [sys.executable, str(CHILD), *args]
    done = subprocess.run(command if privileged else unprivileged(command), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    steps = [json.loads(line) for line in done.stdout.splitlines()]
    others = [s for s in steps if s["outcome"] == "other"]
    assert not others, others[0]["traceback"]
    return steps


def new_store(path: Path) -> list[str]:
    """A demo store, closed cleanly: no -wal or -shm file left (a writable pair would let a
    read-only folder's store be written anyway)."""
    cs.Tenant.demo(users=3, store=SqliteStore(path)).close()
    dump = sqlite_dump(path)
    db = sqlite3.connect(path)  # the last connection to close checkpoints and removes the WAL
    db.execute("SELECT count(*) FROM sqlite_master").fetchall()
    db.close()
    assert not path.with_name(path.name + "-wal").exists()
    return dump


def assert_intact(path: Path, dump: list[str]) -> None:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert sqlite_dump(path) == dump, "a failed write changed the store"
    with cs.Tenant.open(path) as tenant:
        tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)  # usable again


def assert_clear(step: dict[str, Any], path: Path) -> None:
    assert step["outcome"] == "powershell-error", step
    assert step["error_id"] == "TenantStoreUnavailable"
    assert str(path) in step["message"], "the error names the store"
    assert "Traceback" not in step["concise"]
    FIGURES["store failures: clear errors checked"] += 1


@pytest.fixture
def readonly(tmp_path: Path) -> Iterator[Any]:
    """Sets modes on paths and restores them, so tmp_path can be removed."""
    changed: list[tuple[Path, int]] = []

    def chmod(path: Path, mode: int) -> None:
        changed.append((path, stat.S_IMODE(path.stat().st_mode)))
        path.chmod(mode)

    yield chmod
    for path, mode in reversed(changed):
        path.chmod(mode)


@pytest.mark.parametrize(
    ("file_mode", "folder_mode"),
    [
        pytest.param(0o444, 0o755, id="read-only-file"),
        pytest.param(0o644, 0o555, id="read-only-folder"),
        pytest.param(0o444, 0o555, id="read-only-both"),
    ],
)
def test_read_only_store_gives_a_clear_error_and_changes_nothing(
    tmp_path: Path, readonly: Any, file_mode: int, folder_mode: int
) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "tenant.db"
    dump = new_store(path)
    tmp_path.chmod(0o755)
    readonly(path, file_mode)
    readonly(folder, folder_mode)
    steps = {step["step"]: step for step in run_child("write", str(path))}
    if steps["open"]["outcome"] != "ok":
        assert_clear(steps["open"], path)  # SQLite cannot even read a WAL store it may not write
    else:
        assert steps["read"]["outcome"] == "ok", "a read-only store can still be read"
        for name in WRITE_STEPS:
            assert_clear(steps[name], path)
    path.chmod(0o644)
    folder.chmod(0o755)
    assert_intact(path, dump)


@pytest.mark.parametrize(
    "relative",
    [
        pytest.param("tenant.db", id="file-in-locked-folder"),
        pytest.param("sub/tenant.db", id="folder-in-locked-folder"),  # was a PermissionError from Path.mkdir()
    ],
)
def test_new_store_in_a_read_only_folder_gives_a_clear_error(tmp_path: Path, readonly: Any, relative: str) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    tmp_path.chmod(0o755)
    readonly(folder, 0o555)
    path = folder / relative
    steps = run_child("open", str(path))
    assert_clear(steps[0], path)
    assert not path.exists()


def test_cli_on_a_read_only_store_prints_the_error_not_a_traceback(tmp_path: Path, readonly: Any) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "tenant.db"
    dump = new_store(path)
    tmp_path.chmod(0o755)
    readonly(path, 0o444)
    command = [
        sys.executable,
        "-m",
        "cscmdlets",
        "run",
        "--state",
        str(path),
        "-c",
        f"Set-CsOnlineDialInConferencingUser -Identity {AMOS} -ResetLeaderPin",
    ]
    done = subprocess.run(unprivileged(command), capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert str(path) in done.stderr and "readonly" in done.stderr.replace("read-only", "readonly")
    FIGURES["store failures: clear errors checked"] += 1
    path.chmod(0o644)
    assert_intact(path, dump)


def test_full_database_sqlite_full_gives_a_clear_error_and_keeps_what_was_committed(tmp_path: Path) -> None:
    path = tmp_path / "tenant.db"
    new_store(path)
    tenant = cs.Tenant.open(path)
    # max_page_count is a per-connection limit: set it on the tenant's own connection.
    db = tenant.store._db  # type: ignore[attr-defined]
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 3}")
    committed, failures = 0, []
    for index in range(200):
        try:
            tenant.set_cs_online_dial_in_conferencing_user(
                AMOS, reset_leader_pin=True, send_email=True, send_email_to_address=f"full{index}@example.com"
            )
            committed += 1
            dump = sqlite_dump(path)
        except cs.PowerShellError as error:
            failures.append(error)
            assert sqlite_dump(path) == dump, "a failed write changed the store"
            if len(failures) == 5:
                break
    assert committed > 0 and len(failures) == 5, (committed, failures)
    for failure in failures:
        assert_clear(
            {
                "outcome": "powershell-error",
                "error_id": failure.error_id,
                "message": str(failure),
                "concise": failure.error_record.concise_view(),
            },
            path,
        )
        assert "full" in str(failure)
    extra = 0
    for door, action in writes(tenant).items():  # each door, on the full store: a result or the clear error
        try:
            action()
            extra += {"transaction": 2}.get(door, 1)
        except cs.PowerShellError as error:
            assert error.error_id == "TenantStoreUnavailable", door
    assert len(tenant.audit()) == committed + extra, "the tenant's own reads see only what was committed"
    tenant.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with cs.Tenant.open(path) as reopened:
        tagged = [m.recipient for m in reopened.outbox if m.recipient.startswith("full")]
        assert tagged == [f"full{i}@example.com" for i in range(committed)]
        assert len(reopened.audit()) == committed + extra


def test_file_size_limit_like_a_full_disk_gives_a_clear_error_and_keeps_what_was_committed(tmp_path: Path) -> None:
    path = tmp_path / "tenant.db"
    new_store(path)
    limit = path.stat().st_size + 48 * 1024
    steps = run_child("fill", str(path), str(limit), privileged=True)
    fills = [s for s in steps if s["step"].startswith("fill ")]
    committed = [int(s["step"].split()[1]) for s in fills if s["outcome"] == "ok"]
    failed = [s for s in fills if s["outcome"] != "ok"]
    assert committed and len(failed) == 5, steps
    for step in failed:
        assert_clear(step, path)
    assert steps[-1]["outcome"] in ("ok", "powershell-error")  # reads after the failure: no traceback
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with cs.Tenant.open(path) as tenant:
        assert [m.recipient for m in tenant.outbox] == [f"fill{i}@example.com" for i in committed]
        assert len(tenant.audit()) == len(committed)


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 32)


def _truncated(path: Path) -> None:
    cs.Tenant.demo(users=50, store=SqliteStore(path)).close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize("damage", [_garbage, _truncated, _folder], ids=["not-sqlite", "truncated", "a-folder"])
def test_a_damaged_store_gives_a_clear_error(tmp_path: Path, damage: Any) -> None:
    path = tmp_path / "tenant.db"
    damage(path)
    with pytest.raises(cs.PowerShellError) as caught:
        cs.Tenant.open(path).set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)
    assert_clear(
        {
            "outcome": "powershell-error",
            "error_id": caught.value.error_id,
            "message": str(caught.value),
            "concise": caught.value.error_record.concise_view(),
        },
        path,
    )
