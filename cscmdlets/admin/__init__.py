"""The admin centre: the emulated tenant in a browser (``cscmdlets admin``).

Needs the ``admin`` extra (Starlette, uvicorn, python-multipart). ``create_app(tenant, config)``
is the ASGI application; every change it makes runs as a PowerShell command line through the
tenant's script runner (see :mod:`cscmdlets.admin.commands`).
"""

from __future__ import annotations

from .app import AdminConfig, create_app

__all__ = ["AdminConfig", "create_app"]
