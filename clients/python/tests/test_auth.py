"""API keys: the client sends TRAWL_API_KEY (or api_key=) as a Bearer token; a wrong key is an AuthenticationError."""
from __future__ import annotations

import os

import pytest

from trawl import AuthenticationError, NotFoundError, Trawl


@pytest.fixture()
def server_key() -> str:
    key = os.environ.get("TRAWL_API_KEY")
    if not key:
        pytest.skip("TRAWL_API_KEY is not set: the server under test takes no API keys")
    return key


def test_the_key_from_the_environment_is_sent(trawl_url: str, server_key: str) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    # With TRAWL_API_KEY picked up, the request gets past access control to the batch lookup.
    with pytest.raises(NotFoundError):
        Trawl(trawl_url).batch(missing)
    # api_key="" turns the environment's key off: the same request is refused.
    with pytest.raises(AuthenticationError) as raised:
        Trawl(trawl_url, api_key="").batch(missing)
    assert raised.value.status == 401


def test_a_wrong_key_is_refused(trawl_url: str, server_key: str) -> None:
    with pytest.raises(AuthenticationError) as raised:
        Trawl(trawl_url, api_key="x" + server_key).batch("00000000-0000-4000-8000-000000000000")
    assert raised.value.status == 401
    assert raised.value.detail
