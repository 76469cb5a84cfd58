"""A text progress bar for the long-running commands (geography, crime imports)."""

import time
from typing import TextIO


class ProgressBar:
    """A one-line text progress bar on stderr, redrawn at most ten times a second."""

    WIDTH = 30

    def __init__(self, stream: "TextIO | NullStream") -> None:
        self.stream = stream
        self.stage = ""
        self.drawn_at = 0.0
        self.interactive = stream.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        finished = done >= total
        if stage == self.stage and not finished and now - self.drawn_at < 0.1:
            return
        if stage != self.stage and self.stage and not self.interactive:
            self.stream.write("\n")
        self.stage, self.drawn_at = stage, now
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"{stage:<20} [{bar}] {done}/{total}"
        if self.interactive:
            self.stream.write(f"\r{line}" + ("\n" if finished else ""))
        elif finished:
            self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.stage and not self.interactive:
            self.stream.write("\n")


class NullStream:
    """Where the bar goes when --no-progress is given."""

    def write(self, text: str) -> None:
        return None

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False
