"""Server-Sent Events (text/event-stream), parsed from a byte stream as the WHATWG spec describes."""
from __future__ import annotations

from typing import Iterable, Iterator, List, NamedTuple, Optional

__all__ = ["Event", "read_events"]


class Event(NamedTuple):
    """One dispatched event; ``type`` is ``None`` for a comment line (a heartbeat), which has no data."""

    type: Optional[str]
    data: str
    id: Optional[str]


def read_events(lines: Iterable[bytes]) -> Iterator[Event]:
    """The events of a stream read line by line; comments come out too, so a caller notices time passing."""
    kind = "message"
    data: List[str] = []
    last_id: Optional[str] = None
    for raw in lines:
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data:
                yield Event(kind, "\n".join(data), last_id)
            kind, data = "message", []
            continue
        if line.startswith(":"):
            yield Event(None, "", last_id)
            continue
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            kind = value
        elif field == "data":
            data.append(value)
        elif field == "id" and "\0" not in value:
            last_id = value
