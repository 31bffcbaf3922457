"""Submitting URLs: bad lines reported, uploads streamed from an iterator or a file, problems raised as TrawlErrors."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, List

import pytest

from trawl import ConflictError, InvalidRequestError, NotFoundError, Trawl, TrawlConnectionError
from trawl.submission import upload_lines


def test_a_bad_line_is_rejected_and_the_rest_accepted(client: Trawl, page_urls: List[str]) -> None:
    batch = client.collect([page_urls[2], "not a url", page_urls[2]], images=False)
    assert batch.accepted == 1
    assert batch.duplicates == 1
    assert [(entry["line"], entry["url"]) for entry in batch.rejected] == [(2, "not a url")]
    assert batch.rejected[0]["reason"]
    batch.wait(progress=False, timeout=120)
    assert batch.status == "completed"
    assert batch.refresh().data["collect"] == ["text"]


def test_strict_refuses_the_whole_batch(client: Trawl, page_urls: List[str]) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.collect([page_urls[0], "ftp://nowhere/x"], strict=True)
    assert raised.value.status == 400
    assert raised.value.code == "invalid-request"
    assert raised.value.errors and raised.value.errors[0]["path"] == "line 2"


def test_an_iterator_is_streamed_as_a_text_upload(client: Trawl, page_urls: List[str]) -> None:
    def lines() -> Iterator[str]:
        yield from page_urls
        yield "mailto:someone@example.org"

    batch = client.collect(lines(), images=False, respect_robots=True)
    assert batch.accepted == len(page_urls)
    assert [entry["line"] for entry in batch.rejected] == [len(page_urls) + 1]
    batch.wait(progress=False, timeout=120)
    assert [result["url"] for result in batch.results()] == page_urls


def test_a_file_of_urls_is_uploaded(client: Trawl, page_urls: List[str], tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(page_urls[:2]) + "\n\n", encoding="utf-8")
    batch = client.collect(str(listing), text=False)
    assert batch.accepted == 2
    assert batch.rejected == []
    assert batch.wait(progress=False, timeout=120).counts["tasks"]["completed"] == 2


def test_an_unknown_batch_is_not_found(client: Trawl) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(NotFoundError) as raised:
        client.batch(missing)
    assert (raised.value.status, raised.value.code) == (404, "not-found")
    assert missing in raised.value.detail


def test_cancelling_a_finished_batch_conflicts(finished_batch: tuple) -> None:
    batch, _ = finished_batch
    with pytest.raises(ConflictError) as raised:
        batch.cancel()
    assert raised.value.status == 409
    assert raised.value.code == "batch-finished"


def test_nothing_to_collect_is_refused_before_sending(client: Trawl) -> None:
    with pytest.raises(ValueError):
        client.collect(["http://127.0.0.1/"], images=False, text=False)


def test_no_server_is_a_connection_error() -> None:
    with pytest.raises(TrawlConnectionError) as raised:
        Trawl("http://127.0.0.1:9", timeout=5).batch("00000000-0000-4000-8000-000000000000")
    assert raised.value.status is None


def test_upload_lines_come_in_bounded_chunks() -> None:
    urls = (f"http://127.0.0.1/page/{n}" for n in range(20_000))
    chunks = list(upload_lines(urls))
    assert len(chunks) > 1
    assert all(len(chunk) < 2 * 65_536 for chunk in chunks)
    joined = b"".join(chunks).decode("utf-8").splitlines()
    assert joined[0] == "http://127.0.0.1/page/0" and joined[-1] == "http://127.0.0.1/page/19999" and len(joined) == 20_000
