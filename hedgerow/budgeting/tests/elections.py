"""The real Pabulib elections shipped in data/pabulib/, for tests and benchmarks."""

from pathlib import Path

PABULIB = Path(__file__).resolve().parents[3] / "data" / "pabulib"
# Files up to this size are counted by pabutools in seconds; larger ones take minutes.
SMALL_FILE_BYTES = 300_000


def pabulib_files() -> list[Path]:
    return sorted(PABULIB.glob("*.pb"))
