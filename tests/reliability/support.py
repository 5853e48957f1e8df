"""Shared pieces of the reliability suite: canonical store dumps, bad values, PowerShell quoting.

Nothing here is a test. The dumps are what "byte-for-byte unchanged" means: for a SQLite
tenant, every row of every table read through a second connection (``iterdump``); for any
store, every public read of the :class:`~cscmdlets.store.base.Store` protocol serialised.
"""

from __future__ import annotations

import collections
import datetime as dt
import decimal
import functools
import math
import os
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import cscmdlets as cs
from cscmdlets.cmdlets import COMMANDS
from cscmdlets.model.events import audit_adapter
from cscmdlets.powershell.metadata import NOT_GIVEN, CommandMetadata, Parameter
from cscmdlets.powershell.parser import SINGLE_QUOTES

#: Scales every example count: ``CSCMDLETS_RELIABILITY_SCALE=10 pytest tests/reliability``.
SCALE = float(os.environ.get("CSCMDLETS_RELIABILITY_SCALE", "1"))

#: Cases tried, by family; printed at the end of the run (conftest.pytest_terminal_summary).
FIGURES: collections.Counter[str] = collections.Counter()

WRITE_VERBS = ("Set", "Remove", "Register", "Unregister", "New", "Grant", "Update")
#: Every command that changes the tenant: the targets of the bad-input tests.
WRITE_COMMANDS: tuple[CommandMetadata, ...] = tuple(c for c in COMMANDS if c.verb in WRITE_VERBS)


def examples(count: int) -> settings:
    """Hypothesis settings for a reliability test: ``count`` examples times SCALE, no deadline
    (the machine is shared), no example database in the working tree."""
    return settings(
        max_examples=max(1, int(count * SCALE)),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        print_blob=True,
    )


# --- canonical dumps ---------------------------------------------------------------------------


def sqlite_dump(path: Path) -> list[str]:
    """Every statement that would rebuild the file's committed contents, read by a new connection."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60)
    try:
        return list(db.iterdump())
    finally:
        db.close()


def _json(value: Any) -> str:
    if value is None:
        return "null"
    if hasattr(value, "model_dump_json"):
        return str(value.model_dump_json())
    return audit_adapter().dump_json(value).decode()


def store_snapshot(store: Any) -> list[str]:
    """Everything the Store protocol can read back, serialised (works for every store).

    Read through the store's own connection, so a transaction the store failed to end would
    show here even when a second connection sees the file unchanged.
    """
    with store.transaction():
        parts: list[Any] = [
            store.tenant(),
            store.settings(),
            *store.bridges(),
            *store.service_numbers(),
            *sorted(store.users(), key=lambda u: str(u.object_id)),
            store.voice_apps(),
            store.voicemail_settings(),
            *store.audit_entries(),
            *store.changes(),
            *store.outbox(),
        ]
        counts = [store.count_users(), len(parts)]
    return [str(counts), *map(_json, parts)]


# --- bad values --------------------------------------------------------------------------------

DEMO_IDENTITIES = (
    "amos.marble@contoso.com",
    "Ken Myer",
    "sip:pilar.ackerman@contoso.com",
    "contoso\\amos.marble",
    "alex.darrow@contoso.com",
    "david.longmuir@contoso.com",
    "AMOS.MARBLE@CONTOSO.COM",
    "nobody@contoso.com",
)
DEMO_NUMBERS = (
    "14255550100",
    "+12065550100",
    "tel:+18005550100",
    "442035550100",
    "74955550100",
    "448005550100",
    "12065550199",
    "+4420 3555 0100",
)
DEMO_NAMES = ("Conference Bridge", "EMEA Bridge", "conference bridge", "No Such Bridge", "Global")
GOOD_GUIDS = (
    "d9696ed0-60d8-5f26-89a6-dc879172e9aa",
    "38aad667-af54-4397-aaa7-e94c79ec2308",
    "00000000-0000-0000-0000-000000000000",
)
LANGUAGES = ("de-DE", "en-us", "ja-JP", "xx-XX", "ru-RU", "")
CHOICES = (
    "UseNames",
    "ToneOnly",
    "MaskedForAllUsers",
    "NoMasking",
    "Yes",
    "No",
    "RequireSameEnterpriseUser",
    "Toll",
    "TollFree",
    "Continue",
    "SilentlyContinue",
    "Stop",
    "Ignore",
    "Inquire",
)

MALFORMED_NUMBERS = (
    "",
    " ",
    "+",
    "++1",
    "-1",
    "tel:",
    "tel:+",
    "TEL:+1425",
    "1e999",
    "1e-999",
    "0x",
    "0xFFFFFFFFFF",
    "12kb",
    "1.5",
    "NaN",
    "Infinity",
    "-0",
    "4294967296",
    "2147483648",
    "-2147483649",
    "١٢٣٤٥٦٧",
    "²³",
    "\uff11\uff12\uff13\uff14\uff15\uff16\uff17",
    "1_000_000",
    "0b101",
    "9" * 30,
    "1" * 5000,
    "007",
    "1 425 555 0100",
    "(425) 555-0100",
    "+1-425-555-0100",
    "1234567",
    "12345678",
    "999999",
)
MALFORMED_ADDRESSES = (
    "a@",
    "@b.com",
    "a@b@c.com",
    "a b@c.com",
    "a@b..com",
    "x" * 300 + "@a.com",
    "a@[1.2.3.4]",
    "a\n@b.com",
    "a@b.com\r\nBcc: x@y.com",
    "\u200b@x.com",
    "admin@contoso",
    "ü@ü.com",
    "a@-b.com",
    '"q"@b.com',
    "a@b.com,c@d.com",
    "<a@b.com>",
    "a@b.c",
    ".a@b.com",
)
GUIDISH = (
    "{d9696ed0-60d8-5f26-89a6-dc879172e9aa}",
    "(d9696ed0-60d8-5f26-89a6-dc879172e9aa)",
    "d9696ed060d85f2689a6dc879172e9aa",
    "d9696ed0-60d8-5f26-89a6-dc879172e9a",
    "d9696ed0-60d8-5f26-89a6",
    "{d9696ed0-60d8-5f26-89a6-dc879172e9aa",
    "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
    "D9696ED0-60D8-5F26-89A6-DC879172E9AA",
    " d9696ed0-60d8-5f26-89a6-dc879172e9aa ",
    "{}",
    "()",
    "-",
)
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f\x85\u2028\u2029\ufeff\ufffe"


class Opaque:
    """A value of a type no binder knows (its str() works)."""

    def __repr__(self) -> str:
        return "Opaque()"


def _huge(char: str, count: int) -> str:
    return char * count


#: Built once: strategies over fixed pools are cheap to draw from, so the examples go to calls.
KNOWN_STRINGS: tuple[str, ...] = (
    DEMO_IDENTITIES
    + DEMO_NUMBERS
    + DEMO_NAMES
    + GOOD_GUIDS
    + LANGUAGES
    + CHOICES
    + MALFORMED_NUMBERS
    + MALFORMED_ADDRESSES
    + GUIDISH
)
ODD_STRINGS: tuple[str, ...] = (
    *(_huge(c, n) for c in "x1 \u00e9\U0001f600'\"`$" for n in (1_000, 70_000)),
    _huge("9", 200_000),
    "\x00",
    "\ud800",
    "a\udfffb",
    "\U0010ffff",
    "\u202e" + "moc.otnoc@somA",
    *(known + extra for known in KNOWN_STRINGS[::3] for extra in "\r\n\x00\t\x1b'\"`$;|{}\u2019\u201c\u2014"),
    *CONTROL,
)
EDGE_NUMBERS: tuple[Any, ...] = (
    0,
    1,
    -1,
    3,
    4,
    12,
    13,
    999_999,
    1_000_000,
    9_999_999,
    10_000_000,
    2**31 - 1,
    2**31,
    -(2**31),
    -(2**31) - 1,
    2**32 - 1,
    2**32,
    2**63,
    2**64,
    -(2**64),
    10**100,
    10**5000,
    1e308,
    5e-324,
    -0.0,
    0.5,
    1.5,
    2.5,
    4.4,
    1e7,
    float("inf"),
    float("-inf"),
    float("nan"),
    decimal.Decimal("1e999"),
    decimal.Decimal("NaN"),
    complex(1, 2),
)
ODD_OBJECTS: tuple[Any, ...] = (
    None,
    True,
    False,
    [],
    (),
    {},
    set(),
    frozenset({1}),
    b"",
    b"\xff\xfe",
    bytearray(b"x"),
    Opaque(),
    object,
    NOT_GIVEN,
    uuid.UUID(GOOD_GUIDS[0]),
    uuid.UUID(int=0),
    dt.datetime(2026, 1, 1),
    dt.date(2026, 1, 1),
    ["a", "b"],
    [None],
    [[1, 2]],
    [1],
    ("14255550100",),
    ["amos.marble@contoso.com"] * 2,
    {"a": 1},
    {"Name": "x"},
    range(3),
    cs.ServiceNumber,
    cs.Provider.MICROSOFT,
    Ellipsis,
    print,
)


@functools.cache
def bad_values() -> st.SearchStrategy[Any]:
    """Any value a caller might pass, wrong or right: every kind the issue names."""
    scalar = st.one_of(
        st.sampled_from(KNOWN_STRINGS),
        st.sampled_from(ODD_STRINGS),
        st.text(max_size=24),
        st.sampled_from(EDGE_NUMBERS),
        st.integers(),
        st.floats(),
        st.sampled_from(ODD_OBJECTS),
    )
    return st.one_of(scalar, st.lists(scalar, max_size=5))


BOGUS_NAMES = (
    "Identityy",
    "Passcode",
    "PassCode",
    "dc",
    "Id",
    "I",
    "S",
    "Send",
    "WhatIf",
    "Confirm",
    "ErrorAction",
    "ea",
    "Verbose",
    "OutBuffer",
    "ErrorVariable",
    "",
    "-",
    "Identity:",
    "1",
    "Ünïcode",
    "a b",
)


@functools.cache
def parameter_names(metadata: CommandMetadata) -> st.SearchStrategy[str]:
    names = [p.name for p in metadata.all_parameters]
    aliases = [a for p in metadata.all_parameters for a in p.aliases]
    return st.one_of(
        st.sampled_from(names),
        st.sampled_from(aliases + list(BOGUS_NAMES)),
        st.sampled_from(names).map(str.lower),
        st.sampled_from(names).map(lambda n: n[:3]),
    )


@functools.cache
def value_for(parameter: Parameter) -> st.SearchStrategy[Any]:
    """Mostly values of the right kind, often wrong ones: deep paths and shallow failures both."""
    dotnet = parameter.type.dotnet_name
    right: st.SearchStrategy[Any]
    if parameter.is_switch or dotnet == "System.Boolean":
        right = st.booleans()
    elif dotnet == "System.Guid":
        right = st.sampled_from(GOOD_GUIDS + GUIDISH)
    elif dotnet in ("System.Int32", "System.UInt32"):
        right = st.one_of(st.sampled_from(EDGE_NUMBERS), st.integers(-(2**40), 2**40))
    elif parameter.name.endswith("Address"):
        right = st.sampled_from((*MALFORMED_ADDRESSES, "admin@contoso.com", "someone@example.com"))
    elif "Number" in parameter.name and "Type" not in parameter.name:
        right = st.sampled_from(DEMO_NUMBERS + MALFORMED_NUMBERS)
    elif parameter.name == "Identity":
        right = st.sampled_from(DEMO_IDENTITIES + DEMO_NUMBERS + ("Global",))
    else:
        right = st.sampled_from(DEMO_NAMES + LANGUAGES + CHOICES)
    return st.one_of(right, right, st.sampled_from((None, "", " ", [], 0)), bad_values())


@st.composite
def calls(draw: st.DrawFn, metadata: CommandMetadata) -> dict[str, Any]:
    """A set of PowerShell parameter names with values (names may be wrong or repeated in case)."""
    chosen: dict[str, Any] = {}
    own = list(metadata.parameters)
    for parameter in draw(st.lists(st.sampled_from(own), max_size=5, unique_by=lambda p: p.name)):
        chosen[parameter.name] = draw(value_for(parameter))
    if draw(st.integers(0, 3)) == 0:
        chosen[draw(parameter_names(metadata))] = draw(bad_values())
    return chosen


# --- PowerShell text ------------------------------------------------------------------------------


def ps_quote(text: str) -> str:
    """A single-quoted PowerShell literal: every single-quote character, typographic ones
    included, is doubled (about_Quoting_Rules)."""
    return "'" + "".join(c + c if c in SINGLE_QUOTES else c for c in text) + "'"


def safe_repr(value: Any, limit: int = 400) -> str:
    """``repr`` that survives huge integers and keeps failure messages short."""
    try:
        text = repr(value)
    except ValueError:
        with _any_int_digits():
            text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"…(+{len(text) - limit} chars)"


@contextmanager
def _any_int_digits() -> Iterator[None]:
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(old)


def ps_literal(value: Any) -> str:
    """``value`` as PowerShell argument text that evaluates back to it (strings quoted)."""
    if value is None:
        return "$null"
    if isinstance(value, bool):
        return "$true" if value else "$false"
    if isinstance(value, int) and not isinstance(value, bool):
        with _any_int_digits():  # PowerShell reads 10**5000 as a double (Infinity), not an error
            return str(value) if value >= 0 else f"({value})"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ps_quote(repr(value))
        return repr(value) if value >= 0 else f"({value!r})"
    if isinstance(value, list | tuple):
        if not value:
            return "@()"
        return "@(" + ", ".join(ps_literal(v) for v in value) + ")"
    if isinstance(value, dict):
        return "@{" + "; ".join(f"{ps_quote(str(k))} = {ps_literal(v)}" for k, v in value.items()) + "}"
    return ps_quote(str(value))


def command_line(metadata: CommandMetadata, values: dict[str, Any], *, glued: bool) -> str:
    """``Name -Param value …``; switches as ``-Switch:$value`` (or bare when true)."""
    parts = [metadata.name]
    for name, value in values.items():
        if value is NOT_GIVEN:
            continue
        if glued or isinstance(value, bool):
            parts.append(f"-{name}:{ps_literal(value)}")
        else:
            parts.append(f"-{name} {ps_literal(value)}")
    return " ".join(parts)
