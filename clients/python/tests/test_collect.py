"""Collecting pages: a batch submitted, followed with a progress bar, its counts and results checked against the site."""
from __future__ import annotations

import re
from typing import List

from conftest import fetch, sha256
from trawl import Trawl


def test_wait_shows_a_progress_bar_and_ends_completed(finished_batch: tuple, page_urls: List[str]) -> None:
    batch, bar = finished_batch
    assert batch.accepted == len(page_urls)
    assert batch.rejected == []
    assert batch.status == "completed"
    # The bar's last state: every URL done, with the images stored in its postfix.
    final = bar.replace("\r", "\n").strip().splitlines()[-1]
    assert f"{len(page_urls)}/{len(page_urls)}" in final, bar
    stored = batch.counts["images"]["stored"]
    assert re.search(rf"images={stored}\b", final), bar


def test_counts_add_up_to_the_results(finished_batch: tuple, page_urls: List[str]) -> None:
    batch, _ = finished_batch
    counts = batch.counts
    assert counts["tasks"]["total"] == len(page_urls)
    assert counts["tasks"]["completed"] == len(page_urls)
    results = list(batch.results())
    assert [result["url"] for result in results] == page_urls
    assert all(result["status"] == "completed" for result in results)
    assert counts["images"]["stored"] == sum(len(result["images"]) for result in results)
    assert counts["images"]["stored"] > 10
    assert counts["bytesStored"] > 0


def test_stored_images_are_the_sites_bytes(client: Trawl, finished_batch: tuple) -> None:
    batch, _ = finished_batch
    images = [image for result in batch.results() for image in result["images"]]
    assert images
    for image in images:
        stored = client.get_bytes(image["url"])
        assert sha256(stored) == image["sha256"], image["sourceUrl"]
        if image["sourceUrl"].startswith("data:"):
            # An inline image is named by the digest of its decoded bytes, not fetched.
            assert image["sourceUrl"].endswith(f"sha256,{image['sha256']}"), image["sourceUrl"]
        else:
            assert sha256(fetch(image["sourceUrl"])) == image["sha256"], image["sourceUrl"]


def test_text_link_reads_the_article(client: Trawl, finished_batch: tuple) -> None:
    batch, _ = finished_batch
    article = next(result for result in batch.results() if result["url"].endswith("/plain-article.html"))
    text = client.get_bytes(article["text"]).decode("utf-8")
    assert "The Atlantic herring is a forage fish" in text


def test_batch_by_id_reads_the_same_batch(client: Trawl, finished_batch: tuple) -> None:
    batch, _ = finished_batch
    again = client.batch(batch.id)
    assert again.id == batch.id
    assert again.counts == batch.refresh().counts


def test_task_of_a_result_is_readable(client: Trawl, finished_batch: tuple) -> None:
    batch, _ = finished_batch
    first = next(batch.results())
    task = client.task(first["taskId"])
    assert task.status == "completed"
    assert task.data["url"] == first["url"]
