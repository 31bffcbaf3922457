"""How ``Batch.wait`` watches a batch: its progress event stream when the server has one, else polling."""
from __future__ import annotations

import http.client
import json
from typing import TYPE_CHECKING, Any, Dict, Iterator, Optional

from .errors import AuthenticationError, TrawlError
from .progress import Tick
from .sse import read_events

if TYPE_CHECKING:
    from .batch import Batch

__all__ = ["tick_of", "event_ticks"]

_FINAL_TASK_STATUSES = ("completed", "failed", "cancelled")


def tick_of(data: Dict[str, Any], final: bool) -> Tick:
    """URLs done of total, with images stored and failures for the bar's postfix."""
    counts = data.get("counts") or {}
    tasks = counts.get("tasks") or {}
    images = counts.get("images") or {}
    done = sum(int(tasks.get(status, 0)) for status in _FINAL_TASK_STATUSES)
    postfix = {"images": int(images.get("stored", 0)), "img_failed": int(images.get("failed", 0)), "failed": int(tasks.get("failed", 0))}
    return Tick(done, int(tasks.get("total", 0)) or None, final, postfix)


def event_ticks(batch: "Batch") -> Iterator[Optional[Tick]]:
    """Ticks from ``GET …/progress`` (Server-Sent Events): one per ``progress`` message, final on ``final``.

    A heartbeat yields ``None`` (time passes, nothing changed). When the server has no such stream, or it
    cannot serve one now (503), or the connection breaks, the ticks just end: the caller polls instead.
    A wrong API key is raised, as polling would fail the same way.
    """
    try:
        response = batch._transport.request("GET", f"{batch.path}/progress", accept="text/event-stream")
    except AuthenticationError:
        raise
    except TrawlError:
        return
    if not response.headers.get("content-type", "").startswith("text/event-stream"):
        response.close()
        return
    batch.followed_by = "events"
    try:
        for event in read_events(response.lines(keep_blank=True)):
            if event.type is None:
                yield None
            elif event.type in ("progress", "final"):
                payload = json.loads(event.data)
                batch.data.update({key: payload[key] for key in ("status", "counts", "completedAt") if key in payload})
                yield tick_of(batch.data, event.type == "final" or batch.final)
    except (OSError, ValueError, http.client.HTTPException):
        return
    finally:
        response.close()
