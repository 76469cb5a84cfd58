"""Keep only the public pages' strings in the community-language catalogues.

Staff pages are in English and Welsh; the pages residents use (start page, warning
signs, the report flow, follow-up, privacy, errors) are also in Polish and
Romanian. `make messages` extracts every string with its source locations into
the pl and ro catalogues; this script then drops the entries that no public file
uses, and the locations themselves (as the Welsh catalogue does), so translators
see only what residents will read and `check_translations.py` can demand that
every entry left is translated.
"""

import sys
from fnmatch import fnmatch
from pathlib import Path

import polib

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = REPO_ROOT / "hedgerow" / "locale"
COMMUNITY_LANGUAGES = ("pl", "ro")

# Files whose strings a resident can see. Keep in step with the views marked
# @public_page (hedgerow/core/public.py).
PUBLIC_FILES = (
    "config/settings/base.py",
    "hedgerow/templates/base.html",
    "hedgerow/templates/base_minimal.html",
    "hedgerow/templates/public_base.html",
    "hedgerow/templates/components/*",
    "hedgerow/templates/errors/*",
    "hedgerow/templates/core/home.html",
    "hedgerow/templates/core/privacy.html",
    "hedgerow/templates/core/accessibility.html",
    "hedgerow/core/forms.py",
    "hedgerow/core/ratelimit.py",
    "hedgerow/core/views.py",
    "hedgerow/places/models.py",
    "hedgerow/intelligence/models/reports.py",
    "hedgerow/intelligence/templates/intelligence/intake/*",
    "hedgerow/intelligence/templates/intelligence/signs/threat_*.html",
    "hedgerow/intelligence/templates/intelligence/signs/_breadcrumbs.html",
    "hedgerow/intelligence/api/open311*.py",
    "hedgerow/intelligence/views/intake*.py",
    "hedgerow/intelligence/views/follow_up.py",
    "hedgerow/intelligence/views/signs.py",
    "hedgerow/intelligence/forms/intake*.py",
    "hedgerow/intelligence/forms/follow_up.py",
    "hedgerow/intelligence/services/photos.py",
    "hedgerow/intelligence/services/drafts.py",
    "hedgerow/intelligence/services/follow_up.py",
    "hedgerow/budgeting/templates/pb/*",
    "hedgerow/budgeting/views/public.py",
    "hedgerow/budgeting/views/voting.py",
    "hedgerow/budgeting/views/bid_portal.py",
    "hedgerow/budgeting/views/delivery.py",
    "hedgerow/budgeting/forms/ballots.py",
    "hedgerow/budgeting/forms/bids.py",
    "hedgerow/budgeting/services/voting.py",
    "hedgerow/budgeting/services/bids.py",
    "hedgerow/budgeting/services/bid_documents.py",
    "hedgerow/core/documents.py",
    "hedgerow/budgeting/selectors/results.py",
    "hedgerow/budgeting/selectors/delivery.py",
    "hedgerow/budgeting/models/rounds.py",
    "hedgerow/budgeting/models/bids.py",
    "hedgerow/budgeting/models/delivery.py",
)


def is_public(path: str) -> bool:
    """True when the source file is one residents' pages draw on."""
    relative = path.removeprefix("./")
    return any(fnmatch(relative, pattern) for pattern in PUBLIC_FILES)


def prune(po_path: Path) -> tuple[int, int]:
    """Drop entries no public file uses; return (kept, dropped)."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    kept = dropped = 0
    for entry in list(po):
        if entry.obsolete or not any(is_public(path) for path, _ in entry.occurrences):
            po.remove(entry)
            dropped += 1
            continue
        entry.occurrences = []
        kept += 1
    po.save(str(po_path))
    return kept, dropped


def main() -> int:
    for language in COMMUNITY_LANGUAGES:
        po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            print(f"{po_path} is missing: run make messages", file=sys.stderr)
            return 1
        kept, dropped = prune(po_path)
        print(f"{language}: kept {kept} public strings, dropped {dropped} staff-only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
