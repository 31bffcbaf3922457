"""The client's errors: every failure the server reports (RFC 9457 problem+json) becomes a TrawlError."""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional


class TrawlError(Exception):
    """A request to trawl failed.

    ``status`` is the HTTP status (``None`` when no answer came back), ``code`` trawl's stable problem
    code (``not-found``, ``not-final``, ``invalid-request`` …), ``detail`` the server's explanation.
    """

    def __init__(self, detail: str, status: Optional[int] = None, code: str = "error", title: str = "", errors: Optional[List[Dict[str, str]]] = None) -> None:
        super().__init__(f"{status} {code}: {detail}" if status else detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.title = title
        self.errors: List[Dict[str, str]] = errors or []


class InvalidRequestError(TrawlError):
    """400 or 415: the request itself is wrong (see ``errors`` for each bad field or line)."""


class AuthenticationError(TrawlError):
    """401 or 403: no API key, or one the server does not accept."""


class NotFoundError(TrawlError):
    """404: no such batch, task, export or file (or, on an older server, no such route)."""


class ConflictError(TrawlError):
    """409: the resource is not in a state that allows this (``code`` says which, e.g. ``not-final``)."""


class TooLargeError(TrawlError):
    """413: more URLs than the server takes in one batch."""


class RateLimitedError(TrawlError):
    """429: too many requests; ``retry_after`` is the server's advice in seconds, when it gave one."""

    retry_after: Optional[float] = None


class ServerError(TrawlError):
    """5xx: the server failed or a backing service did not answer."""


class TrawlConnectionError(TrawlError):
    """No HTTP answer at all: refused, reset, or timed out."""


class ExportFailedError(TrawlError):
    """The server could not build the export it was asked for."""


class ChecksumMismatchError(TrawlError):
    """A downloaded file's sha256 is not the one the server announced; the file was removed."""


_BY_STATUS = {400: InvalidRequestError, 401: AuthenticationError, 403: AuthenticationError, 404: NotFoundError, 409: ConflictError, 413: TooLargeError, 415: InvalidRequestError, 429: RateLimitedError}


def error_from_response(status: int, body: bytes, headers: Dict[str, str]) -> TrawlError:
    """The TrawlError for a failed answer: the problem body's fields when it has one, else the raw text."""
    problem: Dict[str, Any] = {}
    try:
        parsed = json.loads(body.decode("utf-8")) if body else {}
        if isinstance(parsed, dict):
            problem = parsed
    except (UnicodeDecodeError, ValueError):
        pass
    detail = str(problem.get("detail") or body[:500].decode("utf-8", "replace") or f"HTTP {status}")
    kind = _BY_STATUS.get(status, ServerError if status >= 500 else TrawlError)
    error = kind(detail, status=status, code=str(problem.get("code") or f"http-{status}"), title=str(problem.get("title") or ""), errors=problem.get("errors"))
    if isinstance(error, RateLimitedError):
        try:
            error.retry_after = float(headers.get("retry-after", ""))
        except ValueError:
            error.retry_after = None
    return error
