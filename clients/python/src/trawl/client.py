"""The entry point: one trawl server, reached over HTTP."""
from __future__ import annotations

import os
from typing import Any, Optional

from . import submission
from .batch import Batch
from .task import Task
from .transport import Transport, ensure_object

__all__ = ["Trawl"]

__version__ = "0.1.0"


class Trawl:
    """A trawl server at ``base_url`` (``http://127.0.0.1:3000``).

    ``api_key`` (or ``TRAWL_API_KEY`` from the environment) is sent as ``Authorization: Bearer …``;
    ``timeout`` bounds each request in seconds (waiting for a batch polls, so it is not one request).
    """

    def __init__(self, base_url: str, api_key: Optional[str] = None, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        # api_key="" turns off a key set in the environment.
        key = api_key if api_key is not None else os.environ.get("TRAWL_API_KEY")
        self._transport = Transport(self.base_url, key, timeout, f"trawl-python/{__version__}")

    def __repr__(self) -> str:
        return f"Trawl({self.base_url!r})"

    def collect(self, urls: submission.UrlSource, images: bool = True, text: bool = True, **options: Any) -> Batch:
        """Submits a batch and returns it (202: the server collects in the background; see ``Batch.wait``).

        ``urls`` is a list, any iterable of URLs, or the path of a file with one URL a line. A list of up
        to 10,000 goes as JSON; anything else is streamed as a text/plain upload, never held whole.
        ``options`` are the API's batch fields in Python spelling: ``respect_robots=False``,
        ``strict=True`` (refuse the whole batch if any line is bad). Bad lines are not fatal otherwise:
        they are listed in ``batch.rejected``.
        """
        kinds = submission.collect_kinds(images=images, text=text)
        how, payload = submission.plan(urls)
        path = "/api/v1/batches"
        if how == "json":
            response = self._transport.request("POST", path, json_body=submission.json_body(payload, kinds, options))
        else:
            response = self._transport.request("POST", path, body=payload, content_type="text/plain; charset=utf-8", query=submission.upload_query(kinds, options))
        created = ensure_object(response.json(), "batch")
        return Batch(self._transport, str(created["id"]), submission=created)

    def batch(self, batch_id: str) -> Batch:
        """The batch with this id, read now (NotFoundError when there is none)."""
        return Batch(self._transport, batch_id).refresh()

    def task(self, task_id: str) -> Task:
        """The task with this id, read now (NotFoundError when there is none)."""
        return Task(self._transport, task_id).refresh()

    def get_bytes(self, link: str) -> bytes:
        """The body of a link the API handed out (an image's ``url``, a result's ``text``)."""
        return self._transport.request("GET", link, accept="*/*").read()
