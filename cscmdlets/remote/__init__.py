"""Remote PowerShell: the PSRP passthrough and the ``serve`` endpoint.

Reads bottom-up, as pypsrp's layers do: ``wsman.py`` (pypsrp's transport, its failures as
PowerShell errors) → ``psrp.py`` (one kept RunspacePool) → ``passthrough.py``
(:class:`RemoteEngine`: commands from metadata, results to models), with ``host.py``
(:class:`RemoteHost`), ``values.py`` (values both ways), ``errors.py`` and ``clixml.py``
(CREATE_PIPELINE written directly for big batches). ``serve/`` mirrors it on the server
side: ``from cscmdlets.remote.serve import serve``. pypsrp is imported only when a
connection is made, so ``cscmdlets`` works without the ``remote`` extra.
"""

from __future__ import annotations

from .errors import (
    RemoteAccessDenied,
    RemoteCertificateInvalid,
    RemoteConnectionFailed,
    RemoteError,
    RemoteSessionBroken,
    RemoteTimeout,
    RemotingError,
)
from .host import RemoteHost
from .passthrough import Batch, Pending, RemoteEngine
from .values import RemoteObject

__all__ = [
    "Batch",
    "Pending",
    "RemoteAccessDenied",
    "RemoteCertificateInvalid",
    "RemoteConnectionFailed",
    "RemoteEngine",
    "RemoteError",
    "RemoteHost",
    "RemoteObject",
    "RemoteSessionBroken",
    "RemoteTimeout",
    "RemotingError",
]
