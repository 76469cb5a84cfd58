"""Remove the GOV.UK crest rules from the compiled GOV.UK Frontend CSS.

The crest (Royal Coat of Arms) is Crown copyright and only for GOV.UK services, so
it is not vendored; its CSS rules would make `collectstatic` fail on the missing
image. Hedgerow never uses `.govuk-footer__copyright-logo`, so the rules go.
Usage: python scripts/strip_govuk_crest.py path/to/govuk-frontend.min.css
"""

import re
import sys
from pathlib import Path

CREST_RULE = re.compile(
    r"\.govuk-footer__copyright-logo::before\{[^{}]*govuk-crest[^{}]*\}"
)
EMPTY_SUPPORTS = re.compile(r"@supports\([^{}]*\)\{\}")


def strip(css: str) -> str:
    """The stylesheet without any rule that refers to the crest image."""
    css = CREST_RULE.sub("", css)
    css = EMPTY_SUPPORTS.sub("", css)
    if "govuk-crest" in css:
        raise SystemExit(
            "a crest reference is left: update scripts/strip_govuk_crest.py"
        )
    return css


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(strip(path.read_text()))
