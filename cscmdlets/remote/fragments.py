"""PSRP messages and fragments as bytes, for the fast paths that write CLIXML themselves.

A message ([MS-PSRP] 2.2.1) is Destination (u32 LE), MessageType (u32 LE), the RunspacePool
and pipeline ids (GUIDs, little-endian layout) and the CLIXML. A fragment (2.2.4) is
ObjectId (u64 BE), FragmentId (u64 BE), a start/end flags byte, the length (u32 BE) and a
slice of one message.

The ObjectId only has to identify its message among the sender's (2.2.4); a receiver
reassembles fragments per ObjectId. The fast paths number their messages from
:data:`FIRST_OBJECT_ID`, far above the counters pypsrp and psrpcore keep for the same pool,
so the two never share an id and no library's counter has to be borrowed.
"""

from __future__ import annotations

import itertools
import struct
import threading
import uuid

__all__ = ["HEADER_SIZE", "TO_CLIENT", "TO_SERVER", "fragments", "message", "next_object_id"]

TO_SERVER, TO_CLIENT = 2, 1  # [MS-PSRP] 2.2.1 Destination
HEADER_SIZE = 21  # [MS-PSRP] 2.2.4: 8 + 8 + 1 + 4 bytes
FIRST_OBJECT_ID = 1 << 40

_HEADER = struct.Struct(">QQBI")
_MESSAGE = struct.Struct("<II")
_NIL = uuid.UUID(int=0)
_object_ids = itertools.count(FIRST_OBJECT_ID)
_object_ids_lock = threading.Lock()  # next() on a count is atomic in CPython, not by contract


def next_object_id() -> int:
    """An ObjectId no other message of this process has (shared by every pool: still unique)."""
    with _object_ids_lock:
        return next(_object_ids)


def message(
    destination: int, message_type: int, pool_id: uuid.UUID, pipeline_id: uuid.UUID | None, data: bytes
) -> bytes:
    """One PSRP message: the 40-byte header, then ``data`` (CLIXML)."""
    return _MESSAGE.pack(destination, message_type) + pool_id.bytes_le + (pipeline_id or _NIL).bytes_le + data


def fragments(object_id: int, data: bytes, size: int) -> list[bytes]:
    """``data`` (one message) as fragments of at most ``size`` bytes, headers included."""
    room = size - HEADER_SIZE
    if room <= 0:
        raise ValueError(f"a fragment of {size} bytes has no room after its {HEADER_SIZE}-byte header")
    starts = range(0, max(len(data), 1), room)
    last = len(starts) - 1
    return [
        _HEADER.pack(object_id, index, (index == 0) | (index == last) << 1, len(chunk)) + chunk
        for index, start in enumerate(starts)
        for chunk in (data[start : start + room],)
    ]
