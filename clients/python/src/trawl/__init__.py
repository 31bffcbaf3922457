"""Python client of trawl: submit URLs, follow the batch with a progress bar, export it as a dataset.

    from trawl import Trawl
    batch = Trawl("http://127.0.0.1:3000").collect(["https://example.org/"])
    batch.wait()
    batch.export("webdataset", "./dataset")
"""
from .batch import FINAL_BATCH_STATUSES, Batch
from .client import Trawl, __version__
from .errors import (
    AuthenticationError,
    ChecksumMismatchError,
    ConflictError,
    ExportFailedError,
    InvalidRequestError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TooLargeError,
    TrawlConnectionError,
    TrawlError,
)
from .task import Task

__all__ = [
    "AuthenticationError", "Batch", "ChecksumMismatchError", "ConflictError", "ExportFailedError", "FINAL_BATCH_STATUSES",
    "InvalidRequestError", "NotFoundError", "RateLimitedError", "ServerError", "Task", "TooLargeError", "Trawl",
    "TrawlConnectionError", "TrawlError", "__version__",
]
