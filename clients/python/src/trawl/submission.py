"""How a list of URLs goes to the server: a JSON body when it is a small list, else a streamed text/plain upload."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Tuple, Union

__all__ = ["MAX_JSON_URLS", "UrlSource", "collect_kinds", "plan", "json_body", "upload_query"]

#: The most URLs the server takes in a JSON body; longer lists are uploaded as text/plain.
MAX_JSON_URLS = 10_000
#: Bytes per piece of a streamed upload.
UPLOAD_CHUNK = 1 << 16

UrlSource = Union[str, "os.PathLike[str]", Iterable[str]]


def collect_kinds(images: bool, text: bool) -> List[str]:
    kinds = [kind for kind, wanted in (("text", text), ("images", images)) if wanted]
    if not kinds:
        raise ValueError("collect needs images=True or text=True (or both)")
    return kinds


def camel_options(options: Dict[str, Any]) -> Dict[str, Any]:
    """``respect_robots=False`` → ``{"respectRobots": False}``: Python names for the API's fields."""
    out: Dict[str, Any] = {}
    for key, value in options.items():
        head, *rest = key.split("_")
        out[head + "".join(part[:1].upper() + part[1:] for part in rest)] = value
    return out


def query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(item) for item in value)
    return str(value)


def plan(urls: UrlSource) -> Tuple[str, Any]:
    """("json", list) for a list or tuple of at most MAX_JSON_URLS; ("upload", chunks) for anything else.

    A ``str`` or path-like names a file of URLs (one a line), which is streamed as it is read.
    """
    if isinstance(urls, (str, os.PathLike)):
        path = Path(urls)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: not a file of URLs (pass a list to send URLs themselves)")
        return "upload", file_chunks(path)
    if isinstance(urls, (list, tuple)) and len(urls) <= MAX_JSON_URLS:
        return "json", [str(url) for url in urls]
    return "upload", upload_lines(urls)


def upload_lines(urls: Iterable[str]) -> Iterator[bytes]:
    """The URLs as text/plain lines, a chunk at a time (an iterator of millions is never held whole)."""
    buffer: List[bytes] = []
    size = 0
    for url in urls:
        line = str(url).strip()
        if "\n" in line or "\r" in line:
            raise ValueError(f"a URL holds a line break: {line!r}")
        encoded = line.encode("utf-8") + b"\n"
        buffer.append(encoded)
        size += len(encoded)
        if size >= UPLOAD_CHUNK:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)


def file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(UPLOAD_CHUNK)
            if not chunk:
                return
            yield chunk


def upload_query(kinds: List[str], options: Dict[str, Any]) -> Dict[str, str]:
    query = {"collect": ",".join(kinds)}
    query.update({key: query_value(value) for key, value in camel_options(options).items() if value is not None})
    return query


def json_body(urls: List[str], kinds: List[str], options: Dict[str, Any]) -> Dict[str, Any]:
    body: Dict[str, Any] = {"urls": urls, "collect": kinds}
    body.update({key: value for key, value in camel_options(options).items() if value is not None})
    return body

