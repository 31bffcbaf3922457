"""Exports: ask for one, follow it until it is built, download its files and check their sha256."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Dict, Optional, TextIO

from .errors import ChecksumMismatchError, ExportFailedError, TrawlError
from .progress import Tick, follow
from .transport import Transport, ensure_object

__all__ = ["export_to", "download_verified"]


def export_to(transport: Transport, create_path: str, body: Dict[str, Any], dest: Path, *, progress: bool, poll: float, timeout: Optional[float], file: Optional[TextIO]) -> Path:
    """POSTs the export request, polls it until ``ready`` (ExportFailedError on ``failed``), downloads every file into ``dest``."""
    response = transport.request("POST", create_path, json_body=body)
    export = ensure_object(response.json(), "export")
    location = response.headers.get("location") or f"/api/v1/exports/{export['id']}"

    def observe() -> Tick:
        nonlocal export
        if export.get("status") not in ("ready", "failed"):
            export = ensure_object(transport.get_json(location), "export")
        status = export.get("status")
        if status == "failed":
            error = export.get("error") or {}
            message = error.get("message") if isinstance(error, dict) else error
            code = error.get("code") if isinstance(error, dict) else None
            raise ExportFailedError(str(message or f"export {export.get('id')} failed"), code=str(code or "export-failed"))
        counts = export.get("progress") or {}
        return Tick(int(counts.get("samples", 0)), counts.get("totalSamples"), status == "ready", {"status": status})

    follow(observe, progress=progress, poll=poll, timeout=timeout, desc=f"export {body['format']}", unit="sample", file=file)
    dest.mkdir(parents=True, exist_ok=True)
    for entry in export.get("files", []):
        name = str(entry["name"])
        url = entry.get("url") or f"/api/v1/exports/{export['id']}/files/{name}"
        download_verified(transport, url, dest / safe_name(name), entry.get("sha256"))
    return dest


def safe_name(name: str) -> str:
    """A file name from the server, refused when it would land outside the target folder."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise TrawlError(f"the server named an export file {name!r}, which is not a plain file name", code="bad-file-name")
    return name


def download_verified(transport: Transport, url: str, target: Path, sha256: Optional[str]) -> Path:
    """Streams ``url`` into ``target`` (through a ``.part`` file), hashing as it goes; a wrong sha256 removes it and raises."""
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    response = transport.request("GET", url, accept="*/*")
    with partial.open("wb") as out:
        for chunk in response.chunks():
            digest.update(chunk)
            out.write(chunk)
    if sha256 and digest.hexdigest() != sha256.lower():
        partial.unlink()
        raise ChecksumMismatchError(f"{target.name}: sha256 {digest.hexdigest()}, the server announced {sha256}", code="checksum-mismatch")
    os.replace(partial, target)
    return target
