"""The admin centre in a real browser: Playwright for Python driving Debian's Chromium.

They click through the procedure the admin articles give (find a user → Send conference info
in email → the message in the outbox, rendered), reset a PIN, submit a bad setting, and check
the command log against what ran. Each page is photographed at desktop and phone widths into
``tmp/artifacts/`` (not committed). Playwright's own browser download is not used: CI installs
Debian's ``chromium`` package.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import AMOS_UPN, PASSWORD, USER, Served

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's Chromium is not installed (apt-get install -y chromium)"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

ARTIFACTS = Path(__file__).resolve().parents[2] / "tmp" / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, served: Served) -> Iterator[object]:
    context = browser.new_context(base_url=served.url, viewport=DESKTOP, locale="en-US")  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url)
    opened = context.new_page()
    opened.goto("/users")
    opened.get_by_label("User name").fill(USER)
    opened.get_by_label("Password").fill(PASSWORD)
    opened.get_by_role("button", name="Sign in").click()
    sync_api.expect(opened.get_by_role("heading", name="Dial-in users")).to_be_visible()
    yield opened
    context.close()


def photograph(page: object, name: str) -> None:
    """The page at desktop and phone widths, full length."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)  # type: ignore[attr-defined]
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size(DESKTOP)  # type: ignore[attr-defined]


def run_previewed(page: object, expected_line: str) -> None:
    """On the preview page: the command is the one expected; run it."""
    expect = sync_api.expect
    expect(page.locator("[data-command]").first).to_have_text(expected_line)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Run the command").click()  # type: ignore[attr-defined]
    expect(page.get_by_text("Done.")).to_be_visible()  # type: ignore[attr-defined]


def test_find_a_user_send_conference_info_and_read_it_in_the_outbox(page: object) -> None:
    expect = sync_api.expect
    photograph(page, "users")
    page.get_by_label("Search by name, user name or number").fill("amos")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Search").click()  # type: ignore[attr-defined]
    expect(page.get_by_role("status").filter(has_text="Users found: 1 ·")).to_be_visible()  # type: ignore[attr-defined]
    page.get_by_role("link", name="Amos Marble").click()  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Amos Marble", level=1)).to_be_visible()  # type: ignore[attr-defined]
    photograph(page, "user")
    page.get_by_role("button", name="Send conference info in email").click()  # type: ignore[attr-defined]
    expect(page.get_by_text("What if: Performing the operation")).to_be_visible()  # type: ignore[attr-defined]
    photograph(page, "preview")
    line = f"Set-CsOnlineDialInConferencingUser -Identity '{AMOS_UPN}' -SendEmail"
    run_previewed(page, line)
    page.get_by_role("button", name="Copy").first.click()  # type: ignore[attr-defined]
    assert page.evaluate("navigator.clipboard.readText()") == line  # type: ignore[attr-defined]
    page.get_by_role("link", name="Outbox").click()  # type: ignore[attr-defined]
    photograph(page, "outbox")
    page.get_by_role("link", name="Your dial-in conferencing information").click()  # type: ignore[attr-defined]
    email = page.frame_locator("iframe.email")  # type: ignore[attr-defined]
    expect(email.get_by_text("7463343")).to_be_visible()  # Amos's conference ID, in the rendered HTML
    assert page.evaluate("document.querySelector('iframe.email').sandbox.length") == 0  # type: ignore[attr-defined]
    photograph(page, "message")


def test_reset_a_pin_shows_it_once(page: object) -> None:
    expect = sync_api.expect
    page.goto("/users?q=ken")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Ken Myer").click()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Reset PIN").click()  # type: ignore[attr-defined]
    run_previewed(page, "Set-CsOnlineDialInConferencingUser -Identity 'ken.myer@contoso.com' -ResetLeaderPin")
    pin = page.locator("[data-new-pin]")  # type: ignore[attr-defined]
    expect(pin).to_have_text(re.compile(r"^\d{5}$"))
    page.reload()  # type: ignore[attr-defined]
    expect(page.locator("[data-new-pin]")).to_have_count(0)  # type: ignore[attr-defined]
    expect(page.locator("[data-pin-state]")).to_have_text("Set")  # type: ignore[attr-defined]


def test_a_bad_setting_shows_the_cmdlets_error_by_the_field(page: object) -> None:
    expect = sync_api.expect
    page.get_by_role("link", name="Settings").click()  # type: ignore[attr-defined]
    field = page.get_by_label("PIN length (4 to 12 digits)")  # type: ignore[attr-defined]
    field.fill("13")
    page.get_by_role("button", name="Show what would change").click()  # type: ignore[attr-defined]
    error = page.locator("#PinLength-error")  # type: ignore[attr-defined]
    expect(error).to_have_text(
        "The PinLength value 13 is not valid. The minimum value is 4 and the maximum value is 12."
    )
    expect(page.get_by_label("PIN length (4 to 12 digits)")).to_have_attribute("aria-invalid", "true")  # type: ignore[attr-defined]
    photograph(page, "settings-error")


def test_the_command_log_lists_what_ran_and_exports_it(page: object) -> None:
    page.goto("/users?q=amos")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Amos Marble").click()  # type: ignore[attr-defined]
    page.get_by_label("Allow toll-free dial-in").select_option("false")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save").click()  # type: ignore[attr-defined]
    first = f"Set-CsOnlineDialInConferencingUser -Identity '{AMOS_UPN}' -AllowTollFreeDialIn $false"
    run_previewed(page, first)
    page.get_by_label("Move to bridge").select_option("EMEA Bridge")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Move").click()  # type: ignore[attr-defined]
    second = f"Set-CsOnlineDialInConferencingUser -Identity '{AMOS_UPN}' -BridgeName 'EMEA Bridge'"
    run_previewed(page, second)
    page.get_by_role("link", name="PowerShell commands").click()  # type: ignore[attr-defined]
    assert page.locator(".log [data-command]").all_inner_texts() == [first, second]  # type: ignore[attr-defined]
    photograph(page, "commands")
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.get_by_role("link", name="Export as .ps1").click()  # type: ignore[attr-defined]
    script = Path(download.value.path()).read_text(encoding="utf-8")
    assert [line for line in script.splitlines() if line.startswith("Set-")] == [first, second]


def test_the_russian_centre_by_the_browsers_language(browser: object, served: Served) -> None:
    context = browser.new_context(base_url=served.url, viewport=DESKTOP, locale="ru-RU")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Имя пользователя").fill(USER)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.get_by_role("link", name="Amos Marble").click()
    button = page.get_by_role("button", name="Отправить информацию о конференции по электронной почте")  # noqa: RUF001
    sync_api.expect(button).to_be_visible()
    photograph(page, "user-ru")
    context.close()


def test_a_display_name_with_a_script_stays_text(page: object, served: Served) -> None:
    served.tenant.add_user("mallory@contoso.com", "<img src=x onerror=alert(1)><script>alert(2)</script>Mallory")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    page.goto("/users?q=mallory")  # type: ignore[attr-defined]
    link = page.get_by_role("link", name=re.compile("Mallory"))  # type: ignore[attr-defined]
    sync_api.expect(link).to_have_text("<img src=x onerror=alert(1)><script>alert(2)</script>Mallory")
    link.click()
    sync_api.expect(page.get_by_role("heading", level=1)).to_contain_text("<script>alert(2)</script>")  # type: ignore[attr-defined]
    assert dialogs == [] and page.locator("img").count() == 0  # type: ignore[attr-defined]
