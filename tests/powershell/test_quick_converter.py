"""quick_converter answers exactly as the type's own conversion, value or error."""

from __future__ import annotations

from typing import Any

import pytest

from cscmdlets.powershell import types as t
from cscmdlets.powershell.errors import PowerShellError
from cscmdlets.powershell.types import ParamType, quick_converter

VALUES: list[Any] = ["ken@contoso.com", "", "Ken Mÿer", "\ud800", True, False, 0, 1, 2.5, None, ["a"], ("a", "b"), {}]


def outcome(convert: Any, value: Any, mandatory: bool) -> tuple[str, Any]:
    try:
        return "value", convert(value, "Identity", mandatory=mandatory)
    except PowerShellError as error:
        return "error", (type(error), error.error_record.message, error.error_record.fully_qualified_error_id)


@pytest.mark.parametrize("kind", [t.STRING, t.USER_ID, t.XDS_IDENTITY, t.BOOLEAN, t.SWITCH, t.INT32, t.GUID])
@pytest.mark.parametrize("mandatory", [False, True])
def test_quick_conversion_is_the_conversion(kind: ParamType, mandatory: bool) -> None:
    quick = quick_converter(kind)
    for value in VALUES:
        assert outcome(quick, value, mandatory) == outcome(kind.convert, value, mandatory), value


def test_an_int_beyond_the_decimal_limit_is_still_text() -> None:
    """Python refuses str() of an int over 4,300 digits: such an int's text is its hex form, and
    an array holding one is ``System.Object[]``, as an array's ToString() is its type name."""
    huge = 10**5000
    assert (t.ps_string(huge), t.ps_string([huge, 1])) == (hex(huge), "System.Object[]")
