"""The menu of tactics Hedgerow starts with: real powers partners use to disrupt
organised crime (anchors_uk_soc.md 2.5–2.6; the Home Office menu of tactics).

Loaded by migration 0002 and again by `hedgerow load_demo`, so a fresh install and
an existing one hold the same menu; coordinators add their own on top.
"""

from typing import Any

# slug, name, usual strand, legal basis, what it is.
SEEDED_TACTICS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "closure-notice",
        "Closure notice",
        "pursue",
        "Anti-social Behaviour, Crime and Policing Act 2014, s76",
        "Closes premises for up to 48 hours where their use causes nuisance or "
        "disorder; issued by a police inspector or the local authority.",
    ),
    (
        "closure-order",
        "Closure order",
        "pursue",
        "Anti-social Behaviour, Crime and Policing Act 2014, s80",
        "A magistrates’ court order closing premises for up to three months; used "
        "against cuckooing and drug houses.",
    ),
    (
        "premises-licence-review",
        "Premises licence review",
        "pursue",
        "Licensing Act 2003, s51 and s53A",
        "A review of a licensed premises’ licence, which may add conditions, suspend "
        "or revoke it.",
    ),
    (
        "community-protection-notice",
        "Community protection notice",
        "prevent",
        "Anti-social Behaviour, Crime and Policing Act 2014, s43",
        "Requires a person or business to stop conduct that harms the community’s "
        "quality of life.",
    ),
    (
        "trading-standards-seizure",
        "Trading standards seizure",
        "pursue",
        "Consumer Rights Act 2015, Schedule 5; Trade Marks Act 1994",
        "Seizure of illicit or counterfeit goods, such as tobacco and vapes.",
    ),
    (
        "planning-environmental-enforcement",
        "Planning and environmental enforcement",
        "pursue",
        "Town and Country Planning Act 1990; Environmental Protection Act 1990",
        "Enforcement against unauthorised use of land and buildings, or environmental "
        "offences.",
    ),
    (
        "tenancy-action",
        "Tenancy action",
        "pursue",
        "Housing Act 1985 and 1988",
        "Warnings, injunctions or possession proceedings by a landlord against a "
        "tenant whose home is used for crime.",
    ),
    (
        "immigration-hmrc-referral",
        "Immigration or HMRC referral",
        "pursue",
        "",
        "A referral to Immigration Enforcement or HM Revenue and Customs.",
    ),
    (
        "safeguarding-referral",
        "Safeguarding referral",
        "protect",
        "Children Act 1989; Care Act 2014",
        "A referral of a child or adult at risk to the safeguarding service.",
    ),
    (
        "arrest-charge",
        "Arrest or charge",
        "pursue",
        "Police and Criminal Evidence Act 1984",
        "Arrest, charge or summons.",
    ),
    (
        "cash-seizure-confiscation",
        "Cash seizure and confiscation",
        "pursue",
        "Proceeds of Crime Act 2002",
        "Seizure and forfeiture of cash, account freezing, or confiscation after "
        "conviction.",
    ),
    (
        "vehicle-seizure",
        "Vehicle seizure",
        "pursue",
        "Road Traffic Act 1988, s165A; Police Reform Act 2002, s59",
        "Seizure of a vehicle driven without insurance or a licence, or used "
        "anti-socially.",
    ),
    (
        "diversion-education",
        "Diversion and education",
        "prevent",
        "",
        "Work with people at risk of being drawn in, such as mentoring, youth work "
        "and school programmes.",
    ),
    (
        "target-hardening",
        "Target hardening",
        "protect",
        "",
        "Making a place or person harder to exploit: locks, lighting, CCTV, changing "
        "a vulnerable person’s home.",
    ),
    (
        "victim-support",
        "Victim support",
        "protect",
        "",
        "Support for victims and exploited people, including referral into the "
        "National Referral Mechanism.",
    ),
)


def seed_tactics(tactic_model: Any) -> int:
    """Add the seeded tactics that are missing; never changes a coordinator's edits."""
    added = 0
    for slug, name, strand, legal_basis, description in SEEDED_TACTICS:
        _, created = tactic_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "usual_strand": strand,
                "legal_basis": legal_basis,
                "description": description,
            },
        )
        added += created
    return added
