"""Email address and header-text checks shared by the cmdlets' rules and the mail layer.

Pure: no DNS lookup, no I/O, so they run offline and before anything is changed.
"""

from __future__ import annotations

import re

__all__ = ["header_text_problem", "normalized_address"]

# Besides CR and LF: other C0/C1 controls (NUL is forbidden by RFC 5322; VT, FF, FS, GS, RS,
# NEL and U+2028/9 count as line breaks for str.splitlines and for some mail software). Tab is WSP.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def header_text_problem(value: str, *, display_name: bool = False) -> str | None:
    """Why ``value`` cannot go into an email header, or ``None`` when it can.

    A display name may not hold ``=?`` either: only the encoder writes RFC 2047 encoded
    words, and CPython decodes a typed-in one, which can split the header (CVE-2024-6923).
    """
    if _UNSAFE.search(value):
        return "contains a line break or control character"
    if display_name and "=?" in value:
        return 'contains "=?" (an encoded word)'
    return None


def normalized_address(address: str) -> str | None:
    """The normalized form of ``address``, or ``None`` when it is not a valid address."""
    if header_text_problem(address):
        return None
    from email_validator import EmailNotValidError, validate_email  # loaded on the first address

    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None
