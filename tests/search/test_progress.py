"""Progress of `kb index`: a line every few seconds in a log, German numbers, a tqdm bar on a
terminal, silence when there is nothing to do."""

from __future__ import annotations

import io
from typing import Any

import pytest

from kb_tools.search.progress import Progress, duration


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def log_progress(total: int, clock: FakeClock, **options: Any) -> tuple[Progress, io.StringIO]:
    stream = io.StringIO()
    return Progress(total, stream=stream, clock=clock, **options), stream


def lines(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


def test_a_log_gets_a_start_line_at_once() -> None:
    progress, stream = log_progress(480, FakeClock())
    with progress:
        assert lines(stream) == ["Einbetten: 480 Passagen …"]


def test_lines_come_once_the_interval_has_passed_and_not_more_often() -> None:
    clock = FakeClock()
    progress, stream = log_progress(480, clock, interval=5.0)
    with progress:
        for _ in range(12):  # a batch of 32 every 2 s: a line at 6, 12, 18 and 24 s
            clock.now += 2
            progress.update(32)
    counts = [line.split(" ")[1] for line in lines(stream)[1:-1]]
    assert counts == ["96/480", "192/480", "288/480", "384/480"]


def test_a_line_reports_share_rate_and_time_left_in_german() -> None:
    clock = FakeClock()
    progress, stream = log_progress(480, clock)
    with progress:
        clock.now += 10
        progress.update(114)
        assert lines(stream)[-1] == (
            "Einbetten: 114/480 Passagen (24 %), 11,4 Passagen/s, noch etwa 32 s"
        )


def test_the_summary_gives_count_time_and_rate() -> None:
    clock = FakeClock()
    progress, stream = log_progress(480, clock)
    with progress:
        clock.now += 42
        progress.update(480)
    assert lines(stream)[-1] == "Einbetten: 480/480 Passagen in 42 s (11,4/s)"


def test_the_end_is_reported_once_by_the_summary() -> None:
    clock = FakeClock()
    progress, stream = log_progress(64, clock)
    with progress:
        clock.now += 30
        progress.update(64)
    assert lines(stream) == [
        "Einbetten: 64 Passagen …",
        "Einbetten: 64/64 Passagen in 30 s (2,1/s)",
    ]


def test_an_error_is_reported_as_aborted() -> None:
    clock = FakeClock()
    progress, stream = log_progress(480, clock)
    with pytest.raises(KeyboardInterrupt), progress:
        clock.now += 75
        progress.update(128)
        raise KeyboardInterrupt
    assert lines(stream)[-1] == "Einbetten abgebrochen nach 128/480 Passagen und 1 min 15 s"


def test_nothing_to_do_prints_nothing() -> None:
    progress, stream = log_progress(0, FakeClock())
    with progress:
        pass
    assert stream.getvalue() == ""


def test_disabled_prints_nothing_but_counts() -> None:
    clock = FakeClock()
    progress, stream = log_progress(480, clock, disable=True)
    with progress:
        clock.now += 60
        progress.update(100)
    assert stream.getvalue() == ""
    assert progress.done == 100


def test_large_numbers_use_german_grouping() -> None:
    clock = FakeClock()
    progress, stream = log_progress(12_800, clock, label="Indizieren", unit="Dateien")
    with progress:
        clock.now += 5
        progress.update(6_400)
        assert lines(stream)[-1] == (
            "Indizieren: 6.400/12.800 Dateien (50 %), 1.280,0 Dateien/s, noch etwa 5,0 s"
        )


def test_a_terminal_gets_a_tqdm_bar_not_lines() -> None:
    progress, stream = log_progress(480, FakeClock(), tty=True)
    with progress:
        progress.update(480)
    output = stream.getvalue()
    assert "Einbetten" in output and "480/480" in output and "Passagen" in output
    assert "Passagen in" not in output


def test_a_stream_that_is_a_terminal_is_detected() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    with Progress(10, stream=stream) as progress:
        progress.update(10)
    assert "\r" in stream.getvalue()


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.44, "0,4 s"),
        (31.4, "31 s"),
        (59.6, "1 min"),
        (185, "3 min 5 s"),
        (725, "12 min"),
        (3900, "1 h 5 min"),
        (7200, "2 h"),
    ],
)
def test_durations_read_like_speech(seconds: float, text: str) -> None:
    assert duration(seconds) == text
