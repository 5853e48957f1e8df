"""Send-MailMessage in a script: composed as PowerShell 7's Send-MailMessage.cs composes it,
kept in the tenant's outbox (never sent to the script's -SmtpServer), delivered by the outbox
to a real SMTP server (aiosmtpd on 127.0.0.1), and failing with the cmdlet's own errors."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from helpers import SmtpInbox, fixed_clock

import cscmdlets as cs
from cscmdlets.cmdlets import find_command
from cscmdlets.model import DeliveryStatus
from cscmdlets.powershell.errors import ErrorCategory
from cscmdlets.scripts.linter import check_script
from cscmdlets.scripts.runner import Runner, RunResult
from cscmdlets.scripts.send_mail import OBSOLETE_WARNING

TYPE = "Microsoft.PowerShell.Commands.SendMailMessage"
REPORT = """
$count = (Get-CsOnlineDialInConferencingUser | Measure-Object).Count
"UserPrincipalName,Bridge" | Out-File report.csv
$mail = @{
    To = 'helpdesk@contoso.com', 'Service Desk <desk@contoso.com>'
    Cc = 'teams-admins@contoso.com'
    Bcc = 'audit@contoso.com'
    From = 'Teams Reports <reports@contoso.com>'
    Subject = "Dial-in report: $count users"
    Body = "<p>$count users in Zürich and elsewhere.</p>"
    BodyAsHtml = $true
    SmtpServer = 'smtp.office365.com'
    Port = 587
    UseSsl = $true
    Attachments = 'report.csv'
    Priority = 'High'
}
Send-MailMessage @mail
Write-Host "Report sent to $($mail.To.Count) people"
"""


def open_tenant(folder: Path, smtp: str | None = None) -> cs.Tenant:
    return cs.Tenant.open(folder / "contoso.db", seed="demo", clock=fixed_clock(), smtp=smtp)


def run(tenant: cs.Tenant, text: str, folder: Path, *, what_if: bool = False) -> RunResult:
    runner = Runner(tenant.engine, resolve_command=find_command, base_dir=folder, what_if=what_if)
    with tenant.transaction():
        return runner.run(text)


def kept(tenant: cs.Tenant) -> list[tuple[str, str, str]]:
    with tenant.store.transaction():
        return [(entry.kind, entry.sender, entry.recipient) for entry in tenant.store.outbox()]


def kept_message(tenant: cs.Tenant) -> EmailMessage:
    with tenant.store.transaction():
        raw = tenant.store.outbox()[0].raw
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_a_report_mail_is_kept_once_per_recipient_with_its_attachment(tmp_path: Path) -> None:
    tenant = open_tenant(tmp_path)
    result = run(tenant, REPORT, tmp_path)
    assert (result.errors, result.host, result.warnings) == ([], ["Report sent to 2 people"], [OBSOLETE_WARNING])
    recipients = ["helpdesk@contoso.com", "desk@contoso.com", "teams-admins@contoso.com", "audit@contoso.com"]
    assert kept(tenant) == [("Send-MailMessage", "reports@contoso.com", r) for r in recipients]
    message = kept_message(tenant)
    assert message["From"] == "Teams Reports <reports@contoso.com>"
    assert message["To"] == "helpdesk@contoso.com, Service Desk <desk@contoso.com>"
    assert message["Cc"] == "teams-admins@contoso.com"
    assert message["Bcc"] is None  # a blind copy is in the envelope alone
    assert message["Subject"] == "Dial-in report: 3 users"
    assert (message["X-Priority"], message["Importance"]) == ("1", "high")
    body = message.get_body(("html",))
    assert body is not None
    # ASCII unless -Encoding says otherwise, as the cmdlet's default: ü cannot be held.
    assert body.get_content() == "<p>3 users in Z?rich and elsewhere.</p>\r\n"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "report.csv"
    assert attachment.get_content() == (tmp_path / "report.csv").read_bytes()


def test_the_outbox_delivers_it_to_the_relay_the_emulator_is_given(
    smtp_inbox: tuple[SmtpInbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp_inbox
    tenant = open_tenant(tmp_path, smtp=f"smtp://127.0.0.1:{port}")
    line = "Send-MailMessage -To a@contoso.com -Bcc b@contoso.com -From me@contoso.com -Subject Hi -Body Grüße"
    result = run(tenant, f"{line} -SmtpServer mail.contoso.com -Encoding utf8", tmp_path)
    assert result.errors == []
    assert inbox.envelopes == [["a@contoso.com"], ["b@contoso.com"]]
    assert [(m["To"], m["Bcc"], m["Subject"]) for m in inbox.messages] == [("a@contoso.com", None, "Hi")] * 2
    text = inbox.messages[0].get_payload(decode=True)
    assert isinstance(text, bytes) and text.decode("utf-8") == "Grüße\r\n"
    assert [m.status for m in tenant.outbox] == [DeliveryStatus.DELIVERED] * 2


def test_a_what_if_run_keeps_nothing_and_plans_the_message(tmp_path: Path) -> None:
    (tmp_path / "report.csv").write_text("from an earlier run", encoding="utf-8")  # Out-File writes none now
    tenant = open_tenant(tmp_path)
    result = run(tenant, REPORT, tmp_path, what_if=True)
    assert [(entry.kind, entry.recipient) for entry in result.plan][:2] == [
        ("Send-MailMessage", "helpdesk@contoso.com"),
        ("Send-MailMessage", "desk@contoso.com"),
    ]
    assert kept(tenant) == []


def test_ps_email_server_stands_in_for_smtp_server(tmp_path: Path) -> None:
    tenant = open_tenant(tmp_path)
    text = "$PSEmailServer = 'mail.contoso.com'\nSend-MailMessage a@contoso.com Subject Body -From me@contoso.com"
    result = run(tenant, text, tmp_path)
    assert result.errors == []
    assert kept(tenant) == [("Send-MailMessage", "me@contoso.com", "a@contoso.com")]
    message = kept_message(tenant)
    assert (message["Subject"], message.get_content()) == ("Subject", "Body\r\n")  # To, Subject, Body by position


def test_the_warning_follows_warning_action(tmp_path: Path) -> None:
    line = "Send-MailMessage -To a@contoso.com -From me@contoso.com -SmtpServer s -WarningAction SilentlyContinue"
    assert run(open_tenant(tmp_path), line, tmp_path).warnings == []


@pytest.mark.parametrize(
    ("line", "fqeid", "category", "message"),
    [
        pytest.param(
            "Send-MailMessage -To a@contoso.com -From 'not an address' -SmtpServer s",
            f"FormatException,{TYPE}",
            ErrorCategory.InvalidType,
            "The specified string is not in the form required for an e-mail address.",
            id="bad-from",
        ),
        pytest.param(
            "Send-MailMessage -To a@contoso.com -From me@contoso.com",
            TYPE,  # an ErrorRecord with no error ID: the FQEID is the command's type alone
            ErrorCategory.InvalidArgument,
            "The email cannot be sent because no SMTP server was specified. You must specify an SMTP server by "
            "using either the SmtpServer parameter or the $PSEmailServer variable.",
            id="no-server",
        ),
        pytest.param(
            "Send-MailMessage -To a@contoso.com -From me@contoso.com -SmtpServer s -Attachments missing.csv",
            f"System.IO.FileNotFoundException,{TYPE}",
            ErrorCategory.NotSpecified,
            "Could not find file '{folder}/missing.csv'.",
            id="missing-attachment",
        ),
        pytest.param(
            'Send-MailMessage -To a@contoso.com -From me@contoso.com -SmtpServer s -Subject "a`r`nBcc: x@evil.example"',
            f"System.ArgumentException,{TYPE}",
            ErrorCategory.NotSpecified,
            "The specified string is not in the form required for a subject.",
            id="line-break-in-subject",
        ),
    ],
)
def test_a_terminating_error_keeps_nothing(
    tmp_path: Path, line: str, fqeid: str, category: ErrorCategory, message: str
) -> None:
    tenant = open_tenant(tmp_path)
    result = run(tenant, f'{line}\n"after"', tmp_path)
    [record] = result.errors
    assert (record.fully_qualified_error_id, record.category, record.message) == (
        fqeid,
        category,
        message.format(folder=tmp_path),
    )
    assert result.output == ["after"]  # statement-terminating: the script goes on
    assert kept(tenant) == []


def test_a_bad_recipient_is_reported_and_the_others_still_get_it(tmp_path: Path) -> None:
    tenant = open_tenant(tmp_path)
    to = "a@contoso.com, 'two addresses@contoso.com'"
    line = f"Send-MailMessage -To {to} -Cc x@contoso.com -From me@contoso.com -SmtpServer s"
    result = run(tenant, line, tmp_path)
    assert [r.fully_qualified_error_id for r in result.errors] == [f"FormatException,{TYPE}"]
    assert [recipient for _, _, recipient in kept(tenant)] == ["a@contoso.com", "x@contoso.com"]


def test_no_recipient_left_is_an_error_after_the_others(tmp_path: Path) -> None:
    tenant = open_tenant(tmp_path)
    result = run(tenant, "Send-MailMessage -To nobody -From me@contoso.com -SmtpServer s", tmp_path)
    assert [(r.fully_qualified_error_id, r.message) for r in result.errors] == [
        (f"FormatException,{TYPE}", "The specified string is not in the form required for an e-mail address."),
        (f"InvalidOperationException,{TYPE}", "A recipient must be specified."),
    ]
    assert kept(tenant) == []


def test_files_piped_in_are_attached(tmp_path: Path) -> None:
    for name in ("a.csv", "b.csv", "c.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    tenant = open_tenant(tmp_path)
    text = "Get-ChildItem *.csv | Send-MailMessage -To a@contoso.com -From me@contoso.com -SmtpServer s -Subject Files"
    assert run(tenant, text, tmp_path).errors == []
    message = kept_message(tenant)
    assert [(a.get_filename(), a.get_content()) for a in message.iter_attachments()] == [
        ("a.csv", b"a.csv"),
        ("b.csv", b"b.csv"),
    ]


def test_check_warns_that_the_message_is_kept_not_sent() -> None:
    [finding] = check_script(REPORT, script_name="report.ps1")
    assert (finding.severity, finding.error_id, finding.line) == ("warning", "CommandObsolete", 18)
    assert "never sends it to -SmtpServer" in finding.message
