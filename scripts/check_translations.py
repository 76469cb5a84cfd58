"""Check the translation catalogues, or compile them with --compile.

Checking fails (exit 1, listing every problem) when an entry in any
hedgerow/locale/*/LC_MESSAGES/django.po is untranslated or fuzzy, when a
translation drops or invents a placeholder such as %(name)s, when a plural entry
lacks one of the language's plural forms, or when the committed django.mo is
missing or differs from what compiling the .po gives. `make check` runs it;
`make messages` runs it with --compile after extracting the strings.
"""

import argparse
import re
import sys
import tempfile
from pathlib import Path

import polib

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = REPO_ROOT / "hedgerow" / "locale"
# %(name)s and %s-style placeholders; "%%" (a literal percent sign) is skipped.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%")
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")

EntryKey = tuple[str | None, str, str]


def catalogues() -> list[Path]:
    """Every .po file Hedgerow ships."""
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))


def placeholders(text: str) -> list[str]:
    """The format placeholders in a message, in a comparable order."""
    return sorted(match for match in PLACEHOLDER.findall(text) if match != "%%")


def expected_plural_forms(po: polib.POFile) -> int | None:
    """How many plural forms the catalogue's Plural-Forms header declares."""
    match = NPLURALS.search(po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def entry_problems(entry: polib.POEntry, nplurals: int | None) -> list[str]:
    """What is wrong with one entry, in words."""
    label = f"msgid {entry.msgid!r}"
    if entry.fuzzy:
        return [f"{label} is marked fuzzy: check it and remove the flag"]
    if not entry.translated():
        return [f"{label} is not translated"]
    problems = []
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        if nplurals is not None and len(forms) != nplurals:
            problems.append(f"{label} has {len(forms)} plural forms, needs {nplurals}")
        wanted = placeholders(entry.msgid_plural)
        translations = list(forms.values())
    else:
        wanted = placeholders(entry.msgid)
        translations = [entry.msgstr]
    for translation in translations:
        # A plural form may leave out the number ("one" instead of "%(n)s"),
        # so plural translations may drop placeholders but never invent them.
        found = placeholders(translation)
        invented = set(found) - set(wanted)
        dropped = not entry.msgid_plural and found != wanted
        if invented or dropped:
            problems.append(
                f"{label}: placeholders {found} in the translation, "
                f"{wanted} in the English"
            )
    return problems


def po_problems(po_path: Path) -> list[str]:
    """Untranslated, fuzzy or inconsistent entries in one catalogue."""
    po = polib.pofile(str(po_path))
    nplurals = expected_plural_forms(po)
    problems = []
    if nplurals is None:
        problems.append("the header has no Plural-Forms")
    for entry in po:
        if not entry.obsolete:
            problems.extend(entry_problems(entry, nplurals))
    return problems


def compiled_entries(mo_path: Path) -> dict[EntryKey, tuple[str, ...]]:
    """A compiled catalogue as {(context, msgid, plural msgid): translations}."""
    mo = polib.mofile(str(mo_path))
    entries: dict[EntryKey, tuple[str, ...]] = {}
    for entry in mo:
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            entries[key] = tuple(forms[index] for index in sorted(forms))
        else:
            entries[key] = (entry.msgstr,)
    entries[(None, "", "")] = tuple(f"{k}: {v}" for k, v in sorted(mo.metadata.items()))
    return entries


def mo_problems(po_path: Path) -> list[str]:
    """Whether the committed .mo is what compiling the .po gives now."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return [f"{mo_path.name} is missing: run `make messages`"]
    with tempfile.TemporaryDirectory() as directory:
        fresh = Path(directory) / "django.mo"
        polib.pofile(str(po_path)).save_as_mofile(str(fresh))
        if compiled_entries(fresh) != compiled_entries(mo_path):
            return [f"{mo_path.name} is out of date: run `make messages`"]
    return []


def check() -> int:
    """Report every problem in every catalogue; 1 if there are any."""
    paths = catalogues()
    if not paths:
        print(f"No catalogues found under {LOCALE_DIR}", file=sys.stderr)
        return 1
    failed = False
    for po_path in paths:
        problems = po_problems(po_path) + mo_problems(po_path)
        name = po_path.relative_to(REPO_ROOT)
        if problems:
            failed = True
            print(f"{name}: {len(problems)} problem(s)", file=sys.stderr)
            for problem in problems:
                print(f"  - {problem}", file=sys.stderr)
        else:
            print(f"{name}: complete")
    return 1 if failed else 0


def compile_all() -> int:
    """Write every django.mo, leaving out untranslated and fuzzy entries."""
    for po_path in catalogues():
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(
            f"{po_path.relative_to(REPO_ROOT)}: compiled "
            f"({po.percent_translated()}% translated)"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check or compile the translations.")
    parser.add_argument(
        "--compile", action="store_true", help="write the .mo files instead of checking"
    )
    arguments = parser.parse_args(argv)
    return compile_all() if arguments.compile else check()


if __name__ == "__main__":
    sys.exit(main())
