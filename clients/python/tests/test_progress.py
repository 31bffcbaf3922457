"""Following a batch: by the server's progress events when it has them, by polling otherwise; the SSE parser."""
from __future__ import annotations

import io
import os
import urllib.request
from typing import List

from trawl import Trawl
from trawl.sse import Event, read_events


def _server_streams_progress(trawl_url: str, batch_id: str, api_key: str) -> bool:
    request = urllib.request.Request(f"{trawl_url}/api/v1/batches/{batch_id}/progress", headers={"Accept": "text/event-stream", "Authorization": f"Bearer {api_key}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers.get("content-type", "").startswith("text/event-stream")
    except OSError:
        return False


def test_wait_follows_the_event_stream_when_there_is_one(client: Trawl, trawl_url: str, finished_batch: tuple) -> None:
    batch, _ = finished_batch
    expected = "events" if _server_streams_progress(trawl_url, batch.id, os.environ.get("TRAWL_API_KEY", "")) else "polling"
    assert batch.followed_by == expected


def test_wait_by_polling_ends_with_the_same_counts(client: Trawl, page_urls: List[str]) -> None:
    batch = client.collect(page_urls[1:], text=False)
    bar = io.StringIO()
    batch.wait(progress=True, poll=0.3, timeout=120, file=bar, stream=False)
    assert batch.followed_by == "polling"
    assert batch.status == "completed"
    assert batch.counts["tasks"]["completed"] == len(page_urls) - 1
    assert f"{len(page_urls) - 1}/{len(page_urls) - 1}" in bar.getvalue()


def test_sse_events_comments_and_multiline_data() -> None:
    stream = [b": hello\n", b"id: 3\n", b"event: progress\n", b"data: {\"a\":\n", b"data: 1}\n", b"\n", b"data: x\r\n", b"\r\n", b"event: final\n", b"id: 4\n", b"data: {}\n", b"\n"]
    assert list(read_events(stream)) == [
        Event(None, "", None),
        Event("progress", "{\"a\":\n1}", "3"),
        Event("message", "x", "3"),
        Event("final", "{}", "4"),
    ]
