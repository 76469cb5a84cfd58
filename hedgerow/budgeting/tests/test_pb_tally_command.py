"""`hedgerow pb_tally`: the selected ids, one per line, then the total cost."""

import subprocess
import sys

import pytest

from hedgerow.budgeting.tests.elections import PABULIB

SWIECIE = PABULIB / "Poland_Swiecie_2023.pb"


def _run(*args):
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from hedgerow.core.cli import main; main()",
            "pb_tally",
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_pb_tally_prints_selected_ids_then_total_cost():
    result = _run(str(SWIECIE), "--rule", "mes", "--completion", "add1")

    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert len(lines) == 18
    assert lines[-1] == "1040337"


def test_pb_tally_starts_without_django():
    script = (
        "import sys; from hedgerow.budgeting.tally.cli import main; "
        f"main([{str(SWIECIE)!r}, '--rule', 'greedy']); "
        "sys.exit('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.pb", "--rule", "greedy"], "cannot read missing.pb"),
        (
            [str(PABULIB / "Poland_Krakow_2024_Debniki.pb"), "--rule", "phragmen"],
            "Phragmén counts approval ballots",
        ),
        (
            [str(SWIECIE), "--rule", "greedy", "--completion", "add1"],
            "Only Equal Shares (mes) takes a completion.",
        ),
    ],
)
def test_pb_tally_explains_what_it_cannot_do(args, message):
    result = _run(*args)

    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""
