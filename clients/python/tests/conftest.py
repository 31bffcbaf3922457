"""Fixtures of the client's tests: a running trawl (TRAWL_URL) and the loopback fixture site (TRAWL_SITE_URL).

test/e2e/python-client.e2e.spec.ts starts both and runs these tests inside `npm test`; run by hand, set the
two variables to a trawl you started (with TRAWL_ALLOW_PRIVATE=127.0.0.0/8) and a fixture site.
"""
from __future__ import annotations

import hashlib
import io
import os
import urllib.request
from typing import Iterator, List

import pytest

from trawl import Batch, Trawl

#: Fixture-site pages with images (several formats, a base href) and one with a long article.
PAGES = ["/pages/all-hiding-places.html", "/pages/base-href.html", "/pages/plain-article.html"]


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.skip(f"{name} is not set: these tests need a running trawl and the fixture site (see conftest.py)")
    return value.rstrip("/")


@pytest.fixture(scope="session")
def trawl_url() -> str:
    return _env("TRAWL_URL")


@pytest.fixture(scope="session")
def site_url() -> str:
    return _env("TRAWL_SITE_URL")


@pytest.fixture(scope="session")
def client(trawl_url: str) -> Trawl:
    return Trawl(trawl_url, timeout=30)


@pytest.fixture(scope="session")
def page_urls(site_url: str) -> List[str]:
    return [site_url + path for path in PAGES]


@pytest.fixture(scope="session")
def finished_batch(client: Trawl, page_urls: List[str]) -> Iterator[tuple]:
    """The fixture pages collected once, waited for with the bar written to a buffer: (batch, bar output)."""
    batch = client.collect(page_urls, images=True, text=True)
    bar = io.StringIO()
    batch.wait(progress=True, poll=0.5, timeout=120, file=bar)
    yield batch, bar.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(url: str) -> bytes:
    """Bytes straight from the fixture site, to check what trawl stored against the source."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


__all__ = ["Batch", "PAGES", "fetch", "sha256"]
