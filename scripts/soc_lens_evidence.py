"""The evidence behind the default "SOC indicators" lens (docs/adr/0014-soc-lens.md).

Reads Home Office police recorded crime for 2017/18 by force and offence code,
with each code's police.uk category (../shared/data/home_office), leaves out the
national fraud bodies (Action Fraud, CIFAS, UK Finance: police.uk has no fraud),
and prints, for each police.uk category, its offences and the share of the
offences within it that are typical of serious and organised crime.

Usage: .venv/bin/python scripts/soc_lens_evidence.py [HOME_OFFICE_CSV_GZ]
"""

import sys
from pathlib import Path

import pandas as pd

DEFAULT = (
    Path(__file__).resolve().parents[2]
    / "shared/data/home_office/police_recorded_crime_by_force_2017_18.csv.gz"
)
NATIONAL_FRAUD_BODIES = {"Action Fraud", "CIFAS", "UK Finance"}
# Offence descriptions (substrings, lower case) typical of organised crime.
SOC_OFFENCES = {
    "Drugs": ["trafficking"],
    "Possession of weapons": ["firearm", "article with blade", "other weapon"],
    "Violence and sexual offences": ["slavery", "kidnapping", "exploitation"],
}


def main(path: Path) -> None:
    crimes = pd.read_csv(path)
    crimes = crimes[~crimes["Force_Name"].isin(NATIONAL_FRAUD_BODIES)]
    crimes["category"] = crimes["Policeuk_Cat"].str.capitalize()
    totals = crimes.groupby("category")["Number_of_Offences"].sum()
    print(f"{'police.uk category':<32}{'offences':>11}  SOC-typical offences")
    for category, total in totals.sort_values(ascending=False).items():
        words = SOC_OFFENCES.get(category, [])
        inside = crimes[crimes["category"] == category]
        for word in words:
            chosen = inside[
                inside["Offence_Description"].str.lower().str.contains(word)
            ]
            count = chosen["Number_of_Offences"].sum()
            print(
                f"{category:<32}{total:>11,}  {word}: {count:,} ({count / total:.2%})"
            )
        if not words:
            print(f"{category:<32}{total:>11,}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
