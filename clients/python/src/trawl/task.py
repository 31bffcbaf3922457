"""A single task (one URL): enough to read its state and wait for it."""
from __future__ import annotations

from typing import Any, Dict, Optional, TextIO

from .progress import Tick, follow
from .transport import Transport, ensure_object

__all__ = ["Task"]

_FINAL = frozenset({"completed", "failed", "cancelled"})


class Task:
    """A task as last seen by the client (``data`` is the API's JSON); ``refresh()`` reads it again."""

    def __init__(self, transport: Transport, task_id: str) -> None:
        self._transport = transport
        self.id = task_id
        self.data: Dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Task(id={self.id!r}, status={self.data.get('status')!r})"

    def refresh(self) -> "Task":
        self.data = ensure_object(self._transport.get_json(f"/api/v1/tasks/{self.id}"), "task")
        return self

    @property
    def status(self) -> str:
        return str((self.data or self.refresh().data)["status"])

    def wait(self, progress: bool = False, poll: float = 0.5, timeout: Optional[float] = None, file: Optional[TextIO] = None) -> "Task":
        """Polls until the task is final; the bar, when asked, counts its images stored of found."""

        def observe() -> Tick:
            self.refresh()
            counts = self.data.get("progress") or {}
            return Tick(int(counts.get("imagesStored", 0)), counts.get("imagesFound"), self.status in _FINAL, {"status": self.status})

        follow(observe, progress=progress, poll=poll, timeout=timeout, desc=f"task {self.id[:8]}", unit="img", file=file)
        return self
