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
from typing import TYPE_CHECKING

import pytest

from .conftest import AMOS_UPN, PASSWORD, USER, Served

if TYPE_CHECKING:  # annotations only: the tests skip when playwright is not installed
    from playwright.sync_api import Browser, Dialog, Page, ViewportSize

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
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, served: Served) -> Iterator[Page]:
    context = browser.new_context(base_url=served.url, viewport=DESKTOP, locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url)
    opened = context.new_page()
    opened.goto("/users")
    opened.get_by_label("User name").fill(USER)
    opened.get_by_label("Password").fill(PASSWORD)
    opened.get_by_role("button", name="Sign in").click()
    sync_api.expect(opened.get_by_role("heading", name="Dial-in users")).to_be_visible()
    yield opened
    context.close()


def photograph(page: Page, name: str) -> None:
    """The page at desktop and phone widths, full length."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def run_previewed(page: Page, expected_line: str) -> None:
    """On the preview page: the command is the one expected; run it."""
    expect = sync_api.expect
    expect(page.locator("[data-command]").first).to_have_text(expected_line)
    page.get_by_role("button", name="Run the command").click()
    expect(page.get_by_text("Done.")).to_be_visible()


def test_find_a_user_send_conference_info_and_read_it_in_the_outbox(page: Page) -> None:
    expect = sync_api.expect
    photograph(page, "users")
    page.get_by_label("Search by name, user name or number").fill("amos")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status").filter(has_text="Users found: 1 ·")).to_be_visible()
    page.get_by_role("link", name="Amos Marble").click()
    expect(page.get_by_role("heading", name="Amos Marble", level=1)).to_be_visible()
    photograph(page, "user")
    page.get_by_role("button", name="Send conference info in email").click()
    expect(page.get_by_text("What if: Performing the operation")).to_be_visible()
    photograph(page, "preview")
    line = f"Set-CsOnlineDialInConferencingUser -Identity '{AMOS_UPN}' -SendEmail"
    run_previewed(page, line)
    copy = page.locator("[data-copy]").first
    copy.click()
    expect(copy).to_have_text("✓")  # the write finished (it is asynchronous): then it can be read
    assert page.evaluate("navigator.clipboard.readText()") == line
    page.get_by_role("link", name="Outbox").click()
    photograph(page, "outbox")
    page.get_by_role("link", name="Your dial-in conferencing information").click()
    email = page.frame_locator("iframe.email")
    expect(email.get_by_text("7463343")).to_be_visible()  # Amos's conference ID, in the rendered HTML
    assert page.evaluate("document.querySelector('iframe.email').sandbox.length") == 0
    photograph(page, "message")


def test_reset_a_pin_shows_it_once(page: Page) -> None:
    expect = sync_api.expect
    page.goto("/users?q=ken")
    page.get_by_role("link", name="Ken Myer").click()
    page.get_by_role("button", name="Reset PIN").click()
    run_previewed(page, "Set-CsOnlineDialInConferencingUser -Identity 'ken.myer@contoso.com' -ResetLeaderPin")
    pin = page.locator("[data-new-pin]")
    expect(pin).to_have_text(re.compile(r"^\d{5}$"))
    page.reload()
    expect(page.locator("[data-new-pin]")).to_have_count(0)
    expect(page.locator("[data-pin-state]")).to_have_text("Set")


def test_a_bad_setting_shows_the_cmdlets_error_by_the_field(page: Page) -> None:
    expect = sync_api.expect
    page.get_by_role("link", name="Settings").click()
    field = page.get_by_label("PIN length (4 to 12 digits)")
    field.fill("13")
    page.get_by_role("button", name="Show what would change").click()
    error = page.locator("#PinLength-error")
    expect(error).to_have_text(
        "The PinLength value 13 is not valid. The minimum value is 4 and the maximum value is 12."
    )
    expect(page.get_by_label("PIN length (4 to 12 digits)")).to_have_attribute("aria-invalid", "true")
    photograph(page, "settings-error")


def test_the_command_log_lists_what_ran_and_exports_it(page: Page) -> None:
    page.goto("/users?q=amos")
    page.get_by_role("link", name="Amos Marble").click()
    page.get_by_label("Allow toll-free dial-in").select_option("false")
    page.get_by_role("button", name="Save").click()
    first = f"Set-CsOnlineDialInConferencingUser -Identity '{AMOS_UPN}' -AllowTollFreeDialIn $false"
    run_previewed(page, first)
    page.get_by_label("Move to bridge").select_option("EMEA Bridge")
    page.get_by_role("button", name="Move").click()
    second = f"Set-CsOnlineDialInConferencingUser -Identity '{AMOS_UPN}' -BridgeName 'EMEA Bridge'"
    run_previewed(page, second)
    page.get_by_role("link", name="PowerShell commands").click()
    assert page.locator(".log [data-command]").all_inner_texts() == [first, second]
    photograph(page, "commands")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export as .ps1").click()
    script = Path(download.value.path()).read_text(encoding="utf-8")
    assert [line for line in script.splitlines() if line.startswith("Set-")] == [first, second]


def test_the_russian_centre_by_the_browsers_language(browser: Browser, served: Served) -> None:
    context = browser.new_context(base_url=served.url, viewport=DESKTOP, locale="ru-RU")
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


def test_a_display_name_with_a_script_stays_text(page: Page, served: Served) -> None:
    served.tenant.add_user("mallory@contoso.com", "<img src=x onerror=alert(1)><script>alert(2)</script>Mallory")
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto("/users?q=mallory")
    link = page.get_by_role("link", name=re.compile("Mallory"))
    sync_api.expect(link).to_have_text("<img src=x onerror=alert(1)><script>alert(2)</script>Mallory")
    link.click()
    sync_api.expect(page.get_by_role("heading", level=1)).to_contain_text("<script>alert(2)</script>")
    assert dialogs == [] and page.locator("img").count() == 0
