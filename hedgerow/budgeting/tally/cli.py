"""`hedgerow pb_tally FILE.pb --rule …`: count a Pabulib file without Django."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from hedgerow.budgeting.tally.pabulib import PabulibError, format_number, read_pabulib
from hedgerow.budgeting.tally.rules import (
    COMPLETIONS,
    RULES,
    SATISFACTIONS,
    TallyError,
    tally,
)


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="hedgerow pb_tally",
        description=(
            "Count a participatory-budgeting election in Pabulib's .pb format and "
            "print "
            "the selected project ids, one per line, then the total cost."
        ),
    )
    parse.add_argument("file", help="the .pb file")
    parse.add_argument("--rule", choices=RULES, required=True)
    parse.add_argument("--sat", choices=SATISFACTIONS, default="cost")
    parse.add_argument("--completion", choices=COMPLETIONS, default="none")
    return parse


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; exit status 2 with the reason on a bad file or request."""
    args = parser().parse_args(argv)
    try:
        election = read_pabulib(args.file)
        outcome = tally(election, args.rule, args.sat, args.completion)
    except OSError as error:
        sys.stderr.write(f"pb_tally: cannot read {args.file}: {error.strerror}\n")
        return 2
    except (PabulibError, TallyError) as error:
        sys.stderr.write(f"pb_tally: {args.file}: {error}\n")
        return 2
    for warning in election.warnings:
        sys.stderr.write(f"pb_tally: warning: {warning}\n")
    sys.stdout.write("".join(f"{p}\n" for p in outcome.selected))
    sys.stdout.write(f"{format_number(outcome.total_cost)}\n")
    return 0
