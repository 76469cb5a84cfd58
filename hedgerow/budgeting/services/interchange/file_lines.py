"""Line numbers in a `.pb` file, so a refusal can say where the problem is.

Only used once something is wrong, so a plain pass over the lines is quick enough.
"""

SECTIONS = ("meta", "projects", "votes")


def section_rows(text: str, section: str) -> list[tuple[int, str]]:
    """(line number, text) of each non-blank row of a section, after its header."""
    rows: list[tuple[int, str]] = []
    inside = header = False
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        first = line.split(";", 1)[0].strip().lower()
        if first in SECTIONS:
            inside = header = first == section
        elif inside and line.strip():
            if header:
                header = False
            else:
                rows.append((number, line))
    return rows


def row_lines(text: str, section: str) -> list[int]:
    """The line number of each row of a section, in order."""
    return [number for number, _line in section_rows(text, section)]


def meta_line(text: str, key: str) -> int | None:
    """The line of a META key, or None if the file has none."""
    rows = section_rows(text, "meta")
    return next((n for n, line in rows if line.split(";", 1)[0].strip() == key), None)
