"""The NTLM account for pyspnego's acceptor, kept in memory only.

pyspnego's acceptor reads its accounts from the file ``NTLM_USER_FILE`` names (pyspnego's
``_get_credential`` docstring, "smbpasswd" form ``USER:UID:LM_HASH:NT_HASH:FLAGS:LCT``). Here
that file is an anonymous in-memory file (``os.memfd_create``) reached as
``/proc/self/fd/N``: nothing lands on a disk, and it vanishes with the process, even on
SIGKILL. It holds the NT hash only: the LM field is zeros, and ``LM_COMPAT_LEVEL=5`` makes
the acceptor take NTLMv2 responses only, so the zero LM hash can never verify a response.

The NT hash is MD4 of the UTF-16LE password ([MS-NLMP] 3.3.1 NTOWFv1,
https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/464551a8-9fc4-428e-b3d3-bc5bfb2e73a5);
OpenSSL 3 no longer offers MD4 through hashlib, so it is computed here (RFC 1320).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["md4", "nt_hash", "ntlm_account_in_memory", "smbpasswd_line"]

_MASK = 0xFFFFFFFF


def _rotate(value: int, shift: int) -> int:
    value &= _MASK
    return ((value << shift) | (value >> (32 - shift))) & _MASK


def _f(x: int, y: int, z: int) -> int:
    return (x & y) | (~x & z)


def _g(x: int, y: int, z: int) -> int:
    return (x & y) | (x & z) | (y & z)


def _h(x: int, y: int, z: int) -> int:
    return x ^ y ^ z


_Round = tuple[Callable[[int, int, int], int], tuple[int, ...], tuple[int, ...], int]
_ROUNDS: tuple[_Round, ...] = (
    # (function, message word order, shifts, constant) of RFC 1320's three rounds
    (_f, tuple(range(16)), (3, 7, 11, 19), 0),
    (_g, (0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15), (3, 5, 9, 13), 0x5A827999),
    (_h, (0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15), (3, 9, 11, 15), 0x6ED9EBA1),
)


def _md4_block(state: list[int], block: bytes) -> None:
    words = struct.unpack("<16I", block)
    registers = list(state)
    for function, order, shifts, constant in _ROUNDS:
        for step, index in enumerate(order):
            target = -step % 4  # a, d, c, b, a, ...
            x, y, z = (registers[(target + offset) % 4] for offset in (1, 2, 3))
            total = registers[target] + function(x, y, z) + words[index] + constant
            registers[target] = _rotate(total, shifts[step % 4])
    for position, value in enumerate(registers):
        state[position] = (state[position] + value) & _MASK


def md4(data: bytes) -> bytes:
    """MD4 (RFC 1320)."""
    state = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476]
    padded = data + b"\x80" + b"\x00" * ((55 - len(data)) % 64) + struct.pack("<Q", len(data) * 8)
    for offset in range(0, len(padded), 64):
        _md4_block(state, padded[offset : offset + 64])
    return struct.pack("<4I", *state)


def nt_hash(password: str) -> bytes:
    return md4(password.encode("utf-16-le", errors="surrogatepass"))


def logon_names(username: str) -> list[str]:
    """The names one account answers to: Windows takes ``DOMAIN\\user`` and the UPN
    ``user@dns.domain`` alike ("User Name Formats",
    https://learn.microsoft.com/en-us/windows/win32/secauthn/user-name-formats). NTLMv2 binds
    the response to the exact user and domain the client sent, so each form is its own line.
    Without a DNS name configured, the NetBIOS name stands in for it and the reverse."""
    if "\\" in username:
        domain, user = username.split("\\", 1)
        return [username, f"{user}@{domain}"]
    if "@" in username:
        user, realm = username.rsplit("@", 1)
        return [username, f"{realm.split('.')[0].upper()}\\{user}"]
    return [username]


def smbpasswd_line(username: str, password: str) -> str:
    """The account in smbpasswd form, one line per logon name: hashes, never the password
    (which may hold the ``:`` the plain form splits on), and no LM hash."""
    nt = nt_hash(password).hex().upper()
    return "".join(f"{name}:0:{'0' * 32}:{nt}:[U]:LCT-00000000\n" for name in logon_names(username))


@contextmanager
def ntlm_account_in_memory(username: str, password: str) -> Iterator[str]:
    """Point pyspnego's acceptor at an in-memory account file while the block runs.

    ``NTLM_USER_FILE`` and ``LM_COMPAT_LEVEL`` are process-wide, so one process serves one
    NTLM account; both are restored afterwards.

    Yields:
        The path pyspnego reads (``/proc/self/fd/N``).
    """
    descriptor = os.memfd_create("cscmdlets-ntlm", os.MFD_CLOEXEC)
    os.write(descriptor, smbpasswd_line(username, password).encode())
    previous = {name: os.environ.get(name) for name in ("NTLM_USER_FILE", "LM_COMPAT_LEVEL")}
    path = f"/proc/self/fd/{descriptor}"
    os.environ.update(NTLM_USER_FILE=path, LM_COMPAT_LEVEL="5")
    try:
        yield path
    finally:
        os.close(descriptor)
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
