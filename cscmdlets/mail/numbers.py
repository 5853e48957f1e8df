"""Which dial-in numbers an email shows, and how: international format, city, language.

See the Set-CsOnlineDialInConferencingUser reference (ServiceNumber, TollFreeServiceNumber,
AllowTollFreeDialIn) and Get-CsOnlineDialInConferencingServiceNumber's output (Microsoft Learn).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

import phonenumbers
from babel import Locale, UnknownLocaleError

from ..model import Bridge, NumberType, ServiceNumber, User

__all__ = ["NumberView", "default_toll_free_number", "default_toll_number", "international", "number_view"]


@dataclass(frozen=True)
class NumberView:
    """A service number as an email shows it.

    Attributes:
        display: International format, e.g. ``+1 425-555-0100``.
        uri: ``tel:`` URI for a clickable link, e.g. ``tel:+14255550100``.
        city: The number's city, when known.
        language: The number's primary language, named in the email's language.
        toll_free: Whether the number is toll-free.
    """

    display: str
    uri: str
    city: str | None
    language: str
    toll_free: bool
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.display, self.uri, self.city, self.language, self.toll_free)))

    def __hash__(self) -> int:
        # Computed once: each email's shared render is looked up by its numbers' views, and a
        # generated dataclass hash would hash every field again for every email.
        return self._hash


@functools.lru_cache(maxsize=4096)
def international(digits: str) -> str:
    """``digits`` (E.164 without ``+``) in international format; ``+digits`` if unparsable."""
    e164 = "+" + digits.removeprefix("+")
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@functools.lru_cache(maxsize=1024)
def language_name(language: str, in_language: str) -> str:
    """The name of ``language`` (a tag like ``en-US``) written in ``in_language``."""
    try:
        name = Locale.parse(language, sep="-").get_display_name(Locale.parse(in_language, sep="-"))
    except (UnknownLocaleError, ValueError):
        return language  # an unknown tag is shown as is rather than failing the command
    return name or language


def number_view(number: ServiceNumber, lang: str) -> NumberView:
    """The view of one service number for an email written in ``lang``."""
    return _view(number.number.removeprefix("+"), number.city, number.primary_language, number.is_toll_free, lang)


@functools.lru_cache(maxsize=4096)
def _view(digits: str, city: str | None, primary_language: str, toll_free: bool, lang: str) -> NumberView:
    """One view per number and language: every email of a bridge shows the same few numbers."""
    return NumberView(
        display=international(digits),
        uri=f"tel:+{digits}",
        city=city,
        language=language_name(primary_language, lang),
        toll_free=toll_free,
    )


def _find(
    numbers: Sequence[ServiceNumber], digits: str | None, number_type: NumberType = NumberType.TOLL
) -> ServiceNumber | None:
    if not digits:
        return None
    wanted = digits.removeprefix("tel:").removeprefix("+")
    found = [n for n in numbers if n.number.removeprefix("+") == wanted]
    # A number the bridge no longer lists is still the user's default: show it without details.
    return found[0] if found else ServiceNumber(number=wanted, number_type=number_type)


def default_toll_number(user: User, bridge: Bridge | None, numbers: Sequence[ServiceNumber]) -> ServiceNumber | None:
    """The user's default toll number: their own, else the bridge's default, else its first toll number."""
    bridge_default = bridge.default_service_number if bridge else None
    chosen = _find(numbers, user.service_number) or _find(numbers, bridge_default)
    return chosen or next((n for n in numbers if not n.is_toll_free), None)


def default_toll_free_number(user: User, numbers: Sequence[ServiceNumber]) -> ServiceNumber | None:
    """The toll-free number to show, if the user may use toll-free numbers and the bridge has one.

    -AllowTollFreeDialIn (Set-CsOnlineDialInConferencingUser): when off, toll-free numbers are
    removed from the user's invites.
    """
    toll_free = [n for n in numbers if n.is_toll_free]
    if not user.allow_toll_free_dial_in or not toll_free:
        return None
    return _find(toll_free, user.toll_free_service_number, NumberType.TOLL_FREE) or toll_free[0]
