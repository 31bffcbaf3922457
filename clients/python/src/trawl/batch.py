"""A batch of URLs on the server: its status and counts, its results, and its export."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, TextIO, Union

from .batch_follow import event_ticks, tick_of
from .exports import export_to
from .progress import Tick, follow, follow_ticks
from .transport import Transport, ensure_object

__all__ = ["Batch", "FINAL_BATCH_STATUSES"]

#: A batch in one of these has ended: nothing about it changes any more.
FINAL_BATCH_STATUSES = frozenset({"completed", "failed", "cancelled"})


class Batch:
    """A batch as last seen by the client; ``refresh()`` reads it again.

    Made by ``Trawl.collect`` (which also keeps what the submission said: ``accepted``, ``duplicates``,
    ``rejected``) or ``Trawl.batch(id)``.
    """

    def __init__(self, transport: Transport, batch_id: str, data: Optional[Dict[str, Any]] = None, submission: Optional[Dict[str, Any]] = None) -> None:
        self._transport = transport
        self.id = batch_id
        self.data: Dict[str, Any] = data or {}
        self.submission: Dict[str, Any] = submission or {}
        #: How the last ``wait`` followed the batch: ``"events"`` (the server's progress stream) or ``"polling"``.
        self.followed_by: Optional[str] = None

    def __repr__(self) -> str:
        return f"Batch(id={self.id!r}, status={self.data.get('status')!r})"

    @property
    def path(self) -> str:
        return f"/api/v1/batches/{self.id}"

    @property
    def accepted(self) -> int:
        """Distinct URLs that became tasks (from the submission)."""
        return int(self.submission.get("accepted", 0))

    @property
    def duplicates(self) -> int:
        return int(self.submission.get("duplicates", 0))

    @property
    def rejected(self) -> List[Dict[str, Any]]:
        """Bad lines of the submission: ``{"line", "url", "reason"}`` each (the first 1,000)."""
        return list(self.submission.get("rejected", []))

    def refresh(self) -> "Batch":
        """Reads the batch's current state from the server."""
        self.data = ensure_object(self._transport.get_json(self.path), "batch")
        return self

    def _current(self) -> Dict[str, Any]:
        return self.data if "status" in self.data else self.refresh().data

    @property
    def status(self) -> str:
        """``queued``, ``running``, ``completed``, ``failed`` or ``cancelled`` (as of the last refresh)."""
        return str(self._current()["status"])

    @property
    def counts(self) -> Dict[str, Any]:
        """``{"tasks": {"total", "queued", "running", "completed", "failed", "cancelled"}, "images": {"found", "stored", "failed"}, "bytesStored"}``."""
        return dict(self._current().get("counts", {}))

    @property
    def final(self) -> bool:
        """Ended: completed, or cancelled with every task settled (``completedAt`` set)."""
        return self.status in FINAL_BATCH_STATUSES and self.data.get("completedAt", "unknown") is not None

    def _tick(self) -> Tick:
        self.refresh()
        return tick_of(self.data, self.final)

    def wait(self, progress: bool = True, poll: float = 0.5, timeout: Optional[float] = None, file: Optional[TextIO] = None, stream: bool = True) -> "Batch":
        """Follows the batch until it has ended and returns it.

        With ``stream``, it reads the server's progress events (``GET …/progress``); without, or when the
        server has none or the stream breaks, it polls every ``poll`` seconds (``followed_by`` says which).
        With ``progress``, a tqdm bar shows URLs done/total (rate, ETA) with images stored and failures in its
        postfix (on stderr, or ``file``). Raises TimeoutError when ``timeout`` seconds pass first.
        """
        desc = f"batch {self.id[:8]}"
        if stream and follow_ticks(event_ticks(self), progress=progress, timeout=timeout, desc=desc, unit="url", file=file):
            return self.refresh()
        self.followed_by = "polling"
        follow(self._tick, progress=progress, poll=poll, timeout=timeout, desc=desc, unit="url", file=file)
        return self

    def results(self) -> Iterator[Dict[str, Any]]:
        """Each URL of the batch in submission order: ``{"url", "line", "taskId", "status", "text", "images": [{"id", "sourceUrl", "sha256", "url"}]}``.

        Streamed (NDJSON), so a batch of any size is read one line at a time. ``text`` and each image's
        ``url`` are links: read them with ``Trawl.get_bytes``.
        """
        response = self._transport.request("GET", f"{self.path}/results", accept="application/x-ndjson")
        for line in response.lines():
            yield json.loads(line.decode("utf-8"))

    def cancel(self) -> "Batch":
        """Cancels what has not finished (409 ConflictError when the batch has already ended)."""
        self.data = ensure_object(self._transport.request("DELETE", self.path).json(), "batch")
        return self

    def export(self, format: str, path: Union[str, Path], image_size: Optional[int] = None, progress: bool = True, poll: float = 0.5, timeout: Optional[float] = None, file: Optional[TextIO] = None) -> Path:
        """Exports the batch (``webdataset``, ``parquet`` or ``zip``) and downloads its files into the folder ``path``.

        Waits for the batch to end first, then for the export to be built; every file's sha256 is checked
        against the server's (ChecksumMismatchError otherwise). Returns the folder.
        """
        if not self.refresh().final:
            self.wait(progress=progress, poll=poll, timeout=timeout, file=file)
        body: Dict[str, Any] = {"format": format}
        if image_size is not None:
            body["imageSize"] = image_size
        return export_to(self._transport, f"{self.path}/exports", body, Path(path), progress=progress, poll=poll, timeout=timeout, file=file)
