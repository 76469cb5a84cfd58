"""Tables as CSV, the same from the commands and the pages' downloads."""

import csv
import io

import pandas as pd

from hedgerow.analytics.queries import AreaQuery

AREA_COLUMNS = ["code", "name", "count", "population", "rate"]
HARM_COLUMNS = ["harm", "harm_rate"]
# p-values keep six decimal places (small ones matter); other figures three.
P_COLUMNS = {"p", "p_adjusted"}


def area_columns(query: AreaQuery) -> list[str]:
    """One row per area: with harm weighting, harm and harm_rate too."""
    return [*AREA_COLUMNS, *(HARM_COLUMNS if query.harm else [])]


def csv_text(table: pd.DataFrame, columns: list[str]) -> str:
    """The columns as CSV: blank where a value is unknown, populations whole."""
    frame = table[columns].copy()
    for column in frame.columns:
        if frame[column].dtype.kind == "f":
            places = 6 if column in P_COLUMNS or column.endswith("_p") else 3
            frame[column] = frame[column].round(places)
    if "population" in frame.columns:
        frame["population"] = frame["population"].astype("Int64")
    out = io.StringIO()
    frame.to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL)
    return out.getvalue()
