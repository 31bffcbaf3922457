"""HTTP over the standard library (urllib): JSON in and out, streamed bodies both ways, problems raised."""
from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from typing import Any, Dict, Iterable, Iterator, Optional, Union
from urllib.parse import urlencode, urljoin

from .errors import TrawlConnectionError, TrawlError, error_from_response

__all__ = ["Response", "Transport"]

Body = Union[bytes, Iterable[bytes], None]


class Response:
    """An answer whose body is read on demand: whole (``json()``, ``read()``) or as a stream (``lines()``, ``chunks()``)."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self.status: int = raw.status
        self.headers: Dict[str, str] = {key.lower(): value for key, value in raw.headers.items()}

    def read(self) -> bytes:
        with self._raw:
            return self._raw.read()

    def json(self) -> Any:
        return json.loads(self.read().decode("utf-8"))

    def chunks(self, size: int = 1 << 16) -> Iterator[bytes]:
        with self._raw:
            while True:
                chunk = self._raw.read(size)
                if not chunk:
                    return
                yield chunk

    def lines(self, keep_blank: bool = False) -> Iterator[bytes]:
        """The body line by line as it arrives (blank lines dropped unless ``keep_blank``: SSE needs them)."""
        with self._raw:
            for line in self._raw:
                if keep_blank or line.strip():
                    yield line

    def close(self) -> None:
        self._raw.close()


class Transport:
    """Sends requests to one trawl server, with its API key (as a Bearer token) and a per-request timeout."""

    def __init__(self, base_url: str, api_key: Optional[str], timeout: float, user_agent: str) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.timeout = timeout
        self._headers = {"User-Agent": user_agent, "Accept": "application/json, application/problem+json"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"

    def url(self, path: str, query: Optional[Dict[str, Any]] = None) -> str:
        """``path`` is relative to the server (``/api/v1/…``, as the API's links are) or absolute."""
        url = urljoin(self.base_url, path.lstrip("/")) if not path.startswith(("http://", "https://")) else path
        return f"{url}?{urlencode(query)}" if query else url

    def request(self, method: str, path: str, *, json_body: Any = None, body: Body = None, content_type: Optional[str] = None, query: Optional[Dict[str, Any]] = None, accept: Optional[str] = None) -> Response:
        """Sends one request and returns its 2xx answer unread; any other status raises its TrawlError.

        An iterable ``body`` goes out with chunked transfer encoding, read one piece at a time.
        """
        headers = dict(self._headers)
        data: Any = body
        if json_body is not None:
            data = json.dumps(json_body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        elif content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(self.url(path, query), data=data, headers=headers, method=method)
        try:
            return Response(urllib.request.urlopen(request, timeout=self.timeout))
        except urllib.error.HTTPError as error:
            with error:
                raise error_from_response(error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}) from None
        except urllib.error.URLError as error:
            raise TrawlConnectionError(f"{method} {request.full_url}: {error.reason}") from error
        except (socket.timeout, TimeoutError, ConnectionError) as error:
            raise TrawlConnectionError(f"{method} {request.full_url}: {error}") from error

    def get_json(self, path: str, query: Optional[Dict[str, Any]] = None) -> Any:
        return self.request("GET", path, query=query).json()


def ensure_object(value: Any, what: str) -> Dict[str, Any]:
    """The server's JSON, checked to be an object (anything else means the URL is not a trawl server)."""
    if not isinstance(value, dict):
        raise TrawlError(f"{what}: expected a JSON object, got {type(value).__name__}")
    return value
