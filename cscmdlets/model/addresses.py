"""Email address checks shared by the cmdlets' rules and the mail layer (pure: no DNS, no I/O)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

__all__ = ["has_line_break", "normalized_address"]


def has_line_break(value: str) -> bool:
    """A CR or LF would let a value inject email headers: such values are refused."""
    return "\r" in value or "\n" in value


def normalized_address(address: str) -> str | None:
    """The normalized form of ``address``, or ``None`` when it is not a valid address.

    Syntax only: no DNS lookup, so it works offline and in tests.
    """
    if has_line_break(address):
        return None
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None
