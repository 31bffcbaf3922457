"""Following something to its end, from polled or streamed observations, with an optional tqdm bar."""
from __future__ import annotations

import time
from typing import Any, Callable, Dict, Iterator, Optional, TextIO

from tqdm.auto import tqdm

__all__ = ["Tick", "follow", "follow_ticks", "polled"]


class Tick:
    """One observation: ``done`` of ``total``, a postfix for the bar, and whether it has ended."""

    def __init__(self, done: int, total: Optional[int], final: bool, postfix: Optional[Dict[str, Any]] = None) -> None:
        self.done = done
        self.total = total
        self.final = final
        self.postfix = postfix or {}


def polled(observe: Callable[[], Tick], poll: float) -> Iterator[Tick]:
    """``observe()`` every ``poll`` seconds, forever (``follow_ticks`` stops at the final one)."""
    while True:
        yield observe()
        time.sleep(poll)


def follow_ticks(ticks: Iterator[Optional[Tick]], *, progress: bool, timeout: Optional[float], desc: str, unit: str, file: Optional[TextIO] = None) -> Optional[Tick]:
    """Reads ``ticks`` until a final one and returns it (``None`` if they end first: the caller goes on another way).

    A ``None`` tick carries no news and only lets the deadline be checked. Raises TimeoutError past
    ``timeout`` seconds. The bar (when ``progress``) shows done/total, rate, ETA and the latest postfix.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    bar = None
    last: Optional[Tick] = None
    try:
        for tick in ticks:
            if tick is not None:
                last = tick
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
                seen = f"{last.done}/{last.total}" if last else "nothing seen"
                raise TimeoutError(f"{desc}: not final after {timeout} s ({seen})")
        return None
    finally:
        if bar is not None:
            bar.close()


def follow(observe: Callable[[], Tick], *, progress: bool, poll: float, timeout: Optional[float], desc: str, unit: str, file: Optional[TextIO] = None) -> Tick:
    """Polls ``observe`` every ``poll`` seconds until it reports final (see ``follow_ticks``)."""
    tick = follow_ticks(polled(observe, poll), progress=progress, timeout=timeout, desc=desc, unit=unit, file=file)
    assert tick is not None  # polling never runs out
    return tick
