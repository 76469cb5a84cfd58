"""The participatory-budgeting tally engine: Pabulib files in, fair allocations out.

Pure Python and NumPy, with no Django import, so `hedgerow pb_tally` starts fast and
the rules can be checked against pabutools on their own (ADR 0021).
"""

from hedgerow.budgeting.tally.election import Election, Project
from hedgerow.budgeting.tally.outcome import Outcome
from hedgerow.budgeting.tally.pabulib import PabulibError, read_pabulib, write_pabulib
from hedgerow.budgeting.tally.rules import COMPLETIONS, RULES, SATISFACTIONS, tally

__all__ = [
    "COMPLETIONS",
    "RULES",
    "SATISFACTIONS",
    "Election",
    "Outcome",
    "PabulibError",
    "Project",
    "read_pabulib",
    "tally",
    "write_pabulib",
]
