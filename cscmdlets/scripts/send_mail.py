"""Send-MailMessage, as PowerShell 7's Send-MailMessage.cs runs it, up to the point of sending.

Begin: the obsolete-command warning, then ``-From`` (a bad address is terminating), the
recipients (each bad one a non-terminating error, the others kept), the server (``-SmtpServer``,
else ``$PSEmailServer``, else terminating). Process: each attachment, read from the run's
location (a missing file is terminating). End: the message (no recipient left: an error).

Decision: the message is never sent to the script's server. It is kept in the emulated tenant's
outbox, where ``cscmdlets outbox`` lists, exports or delivers it through the relay the emulator is
configured with (``cscmdlets.mail.script_mail``). A ``--what-if`` run keeps nothing and lists the
message in its plan, as for the service's emails.
"""

from __future__ import annotations

from typing import Any

from ..mail.script_mail import ScriptMail, parse_mail_address
from ..model.addresses import header_text_problem
from ..powershell.errors import ErrorCategory, PowerShellError
from .builtins import Call, encoding_of, piped_path
from .errors import EmulatorStop
from .values import as_list, to_string

__all__ = ["OBSOLETE_WARNING", "send_mail_message"]

#: The warning PowerShell writes each time an [Obsolete] cmdlet runs (CommandBaseStrings.resx,
#: UseOfDeprecatedCommandWarning), with Send-MailMessage's attribute text.
OBSOLETE_WARNING = (
    "The command 'Send-MailMessage' is obsolete. This cmdlet does not guarantee secure connections to SMTP "
    "servers. While there is no immediate replacement available in PowerShell, we recommend you do not use "
    "Send-MailMessage at this time. See https://aka.ms/SendMailMessage for more information."
)


class MailAddressFormat(PowerShellError):
    """System.Net.Mail.MailAddress's FormatException, as the cmdlet reports it."""

    error_id = "FormatException"
    category = ErrorCategory.InvalidType
    exception_type = "System.FormatException"
    template = "The specified string is not in the form required for an e-mail address."


class InvalidSubject(PowerShellError):
    """MailMessage.Subject refuses a line break (SR.MailSubjectInvalidFormat): an exception the
    cmdlet does not catch, reported under its type name. Other control characters, which .NET
    would encode, are refused the same way: the outbox writes no header that holds one."""

    error_id = "System.ArgumentException"
    category = ErrorCategory.NotSpecified
    exception_type = "System.ArgumentException"
    template = "The specified string is not in the form required for a subject."


class NoSmtpServer(PowerShellError):
    """No ``-SmtpServer`` and no ``$PSEmailServer`` (SendMailMessageStrings.resx, HostNameValue):
    an ErrorRecord with no error ID, so the FQEID is the command's type alone."""

    error_id = ""
    category = ErrorCategory.InvalidArgument
    exception_type = "System.InvalidOperationException"
    template = (
        "The email cannot be sent because no SMTP server was specified. You must specify an SMTP server by "
        "using either the SmtpServer parameter or the $PSEmailServer variable."
    )


class NoRecipient(PowerShellError):
    """SmtpClient.Send with no recipient left (SR.SmtpRecipientRequired), written as an error."""

    error_id = "InvalidOperationException"
    category = ErrorCategory.InvalidOperation
    exception_type = "System.InvalidOperationException"
    template = "A recipient must be specified."


class AttachmentNotFound(PowerShellError):
    """``new Attachment(path)`` on a missing file: an exception the cmdlet does not catch, which
    the engine reports under the exception's type name (statement-terminating)."""

    error_id = "System.IO.FileNotFoundException"
    category = ErrorCategory.NotSpecified
    exception_type = "System.IO.FileNotFoundException"
    template = "Could not find file '{0}'."


def send_mail_message(call: Call) -> list[Any]:
    call.host.write_warning(OBSOLETE_WARNING, call.bound.common.warning_action)
    sender = parse_mail_address(to_string(call.get("From")))
    if sender is None:
        raise call.error(MailAddressFormat(target_object=call.get("From")))
    to, bcc, cc, reply_to = (_recipients(call, name) for name in ("To", "Bcc", "Cc", "ReplyTo"))
    subject = call.get("Subject")
    if subject is not None and header_text_problem(to_string(subject)):
        raise call.error(InvalidSubject())
    server = call.get("SmtpServer")
    if server is None and call.host.has_variable("PSEmailServer"):
        server = call.host.get_variable("PSEmailServer")
    if not to_string(server):
        raise call.error(NoSmtpServer())
    attachments = [_attachment(call, text) for text in _attachment_paths(call)]
    if not (to or cc or bcc):
        call.write_error(NoRecipient())
        return []
    mail = ScriptMail(
        sender,
        to,
        cc,
        bcc,
        reply_to,
        subject=subject,
        body=call.get("Body"),
        html=call.switch("BodyAsHtml"),
        priority=to_string(call.get("Priority", "Normal")),
        codec=encoding_of(call, default="ascii")[0],
        attachments=attachments,
    )
    _keep(call, mail)
    return []


def _recipients(call: Call, parameter: str) -> list[Any]:
    """The addresses of one parameter that MailAddress reads; an error for each it does not."""
    kept = []
    for text in as_list(call.get(parameter)):
        mailbox = parse_mail_address(to_string(text))
        if mailbox is None:
            call.write_error(MailAddressFormat())
        else:
            kept.append(mailbox)
    return kept


def _attachment_paths(call: Call) -> list[str]:
    """``-Attachments``, then what came down the pipeline: a file item by its full name (the
    PSPath alias), anything else as its text."""
    piped = [piped_path(item)[0] for item in call.input or ()]
    return [to_string(text) for text in as_list(call.get("Attachments"))] + piped


def _attachment(call: Call, text: str) -> tuple[str, bytes]:
    path = call.host.platform.resolve(text)
    if not path.is_file():
        raise call.error(AttachmentNotFound(str(path)))
    return path.name, path.read_bytes()


def _keep(call: Call, mail: ScriptMail) -> None:
    """The message into the outbox, or into the plan of a ``--what-if`` run."""
    engine = call.host.engine
    keep = getattr(engine, "keep_mail", None)
    if keep is None:
        raise EmulatorStop("Send-MailMessage without an emulated tenant to keep the message")
    entries = mail.outbox_entries(call.host.now())
    if call.host.what_if:
        call.host.add_to_plan(entries)
        return
    keep(entries)
