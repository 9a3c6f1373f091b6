"""Progress of a long job (embedding passages for ``kb index``) in a terminal or in a log.

On a terminal a tqdm bar redraws itself; in a log (``make run``, CI, a service journal) a bar
writes nothing readable, so the job reports a plain line every few seconds instead: how far,
how fast, how long still. Numbers are German (``11,4``), as all user-facing text.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import NoReturn, TextIO

from tqdm import tqdm


class Progress:
    """Progress of a long job: a tqdm bar on a terminal, otherwise a line every few seconds.

    Use as a context manager and call :meth:`update` after each batch. In log mode it writes
    a start line, at most one line per ``interval`` seconds, and a summary at the end; with
    ``total == 0`` or ``disable`` it writes nothing at all.
    """

    def __init__(
        self,
        total: int,
        *,
        label: str = "Einbetten",
        unit: str = "Passagen",
        stream: TextIO | None = None,
        interval: float = 5.0,
        tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
        disable: bool = False,
    ) -> None:
        self.total = total
        self.done = 0
        self.label = label
        self.unit = unit
        # Looked up now, not at import: pytest and callers swap sys.stderr.
        self._stream = stream if stream is not None else sys.stderr
        self._interval = interval
        self._tty = _is_terminal(self._stream) if tty is None else tty
        self._clock = clock
        self._silent = disable or total <= 0
        self._bar: tqdm[NoReturn] | None = None
        self._start = 0.0
        self._last = 0.0

    def __enter__(self) -> Progress:
        if self._silent:
            return self
        if self._tty:
            self._bar = tqdm(
                total=self.total, desc=self.label, unit=" " + self.unit, file=self._stream
            )
        else:
            self._start = self._last = self._clock()
            self._write(f"{self.label}: {_count(self.total)} {self.unit} …")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif not self._silent and not self._tty:
            self._write(self.summary(self._clock() - self._start, failed=exc_type is not None))

    def update(self, n: int) -> None:
        """``n`` more units are done; in log mode a line if ``interval`` has passed."""
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            return
        if self._silent or self._tty or self.done >= self.total:
            return  # the summary reports the end
        now = self._clock()
        if now - self._last >= self._interval:
            self._last = now
            self._write(self.line(now - self._start))

    def line(self, elapsed: float) -> str:
        """``Einbetten: 128/480 Passagen (27 %), 11,4 Passagen/s, noch etwa 31 s``."""
        percent = round(self.done * 100 / self.total)
        if self.done < self.total:
            percent = min(percent, 99)  # 100 % only once everything is done
        text = f"{self.label}: {_count(self.done)}/{_count(self.total)} {self.unit} ({percent} %)"
        if elapsed <= 0 or self.done <= 0:
            return text
        rate = self.done / elapsed
        left = (self.total - self.done) / rate
        return f"{text}, {_decimal(rate)} {self.unit}/s, noch etwa {duration(left)}"

    def summary(self, elapsed: float, *, failed: bool = False) -> str:
        """``Einbetten: 480/480 Passagen in 42 s (11,4/s)``; ``abgebrochen`` after an error."""
        what = f"{_count(self.done)}/{_count(self.total)} {self.unit}"
        if failed:
            return f"{self.label} abgebrochen nach {what} und {duration(elapsed)}"
        rate = f" ({_decimal(self.done / elapsed)}/s)" if elapsed > 0 and self.done else ""
        return f"{self.label}: {what} in {duration(elapsed)}{rate}"

    def _write(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()  # a log shows the line now, not when the job ends


def duration(seconds: float) -> str:
    """A duration as people read it: ``4,2 s``, ``31 s``, ``3 min 5 s``, ``12 min``, ``1 h 5 min``."""
    seconds = max(seconds, 0.0)
    if seconds < 9.95:
        return f"{_decimal(seconds)} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    if minutes < 10:
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    if minutes < 60:
        return f"{round(seconds / 60)} min"
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def _decimal(number: float) -> str:
    """One decimal, German: ``11,4``, ``1.234,5``."""
    if not math.isfinite(number):
        return "?"
    return f"{number:,.1f}".translate(_GERMAN)


def _count(number: int) -> str:
    """A count, German: ``480``, ``12.800``."""
    return f"{number:,}".translate(_GERMAN)


_GERMAN = str.maketrans({",": ".", ".": ","})


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or already closed
        return False
