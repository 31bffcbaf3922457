"""Following something to its end by polling, with an optional tqdm bar."""
from __future__ import annotations

import time
from typing import Any, Callable, Dict, Optional, TextIO

from tqdm.auto import tqdm

__all__ = ["Tick", "follow"]


class Tick:
    """One observation: ``done`` of ``total``, a postfix for the bar, and whether it has ended."""

    def __init__(self, done: int, total: Optional[int], final: bool, postfix: Optional[Dict[str, Any]] = None) -> None:
        self.done = done
        self.total = total
        self.final = final
        self.postfix = postfix or {}


def follow(observe: Callable[[], Tick], *, progress: bool, poll: float, timeout: Optional[float], desc: str, unit: str, file: Optional[TextIO] = None) -> Tick:
    """Calls ``observe`` every ``poll`` seconds until it reports final; raises TimeoutError past ``timeout``.

    The bar (when ``progress``) shows done/total, rate and ETA, and the postfix of the latest tick.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    bar = None
    try:
        while True:
            tick = observe()
            if progress:
                if bar is None:
                    bar = tqdm(total=tick.total, desc=desc, unit=unit, file=file, dynamic_ncols=True)
                if tick.total is not None and bar.total != tick.total:
                    bar.total = tick.total
                bar.update(tick.done - bar.n)
                bar.set_postfix(tick.postfix, refresh=True)
            if tick.final:
                return tick
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError(f"{desc}: not final after {timeout} s ({tick.done}/{tick.total})")
            time.sleep(poll)
    finally:
        if bar is not None:
            bar.close()
