"""Rounds in and out as Pabulib `.pb` files, checked against pabutools' own parser.

An export must give pabutools the round's projects, budget and ballots; an import
followed by an export must give it the original file's; a refused file must leave
nothing behind.
"""

from collections import Counter
from html import unescape
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pabutools.election.pabulib import parse_pabulib_from_string

from hedgerow.accounts.roles import Role
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.budgeting.models import (
    AllocationRule,
    Ballot,
    BallotChannel,
    BallotChoice,
    Bid,
    BidStatus,
    Completion,
    Phase,
    Round,
    RoundPublicFile,
    VotingMethod,
)
from hedgerow.budgeting.services import interchange
from hedgerow.budgeting.services.election import round_election
from hedgerow.budgeting.services.interchange import importing
from hedgerow.budgeting.tally import read_pabulib, tally
from hedgerow.budgeting.tests.elections import PABULIB
from hedgerow.budgeting.tests.factories import (
    BidFactory,
    RoundFactory,
    ballot_cast,
    round_result,
)

pytestmark = pytest.mark.django_db

SAMPLE = """META
key;value
description;Ringland community chest
country;Poland
unit;Newport
instance;2026
num_projects;3
num_votes;4
budget;10000
vote_type;approval
rule;equalshares/add1
date_begin;2026-03-01
date_end;15.03.2026
max_length;2
PROJECTS
project_id;cost;name
p1;6000;Youth boxing club
p2;3000;"Safe spaces; after school"
p3;2500;Cuckooing awareness sessions
VOTES
voter_id;vote;age;sex
1;p1,p2;34;F
2;p2,p3,p2;71;M
3;;19;F
4;p3;52;M
"""
# Real elections: approval up to 5 (with a project named twice on some ballots),
# knapsack, cumulative and approval counted by Equal Shares.
REAL = [
    "Poland_Warszawa_2026_Blonia_Wilanowskie.pb",
    "Netherlands_Amsterdam_179.pb",
    "Poland_Gdansk_2020_Rudniki.pb",
    "Poland_Swiecie_2023.pb",
]
# Choose-one ballots (30,000 of them), and a whole city's 61,668.
LARGE = [
    pytest.param(name, marks=pytest.mark.slow)
    for name in ("Poland_Gdansk_2020.pb", "Poland_Warszawa_2026.pb")
]


def import_text(text: str, slug: str = "ringland", by=None) -> Round:
    return interchange.round_import_pb(
        data=text.encode(), filename=f"{slug}.pb", slug=slug, by=by
    )


def as_pabutools(text: str):
    """pabutools' projects with costs, its budget, and its ballots as a multiset."""
    instance, profile = parse_pabulib_from_string(text)

    def key(ballot):
        if hasattr(ballot, "items"):  # cumulative: project → points
            return frozenset((p.name, v) for p, v in ballot.items())
        return frozenset(p.name for p in ballot)

    projects = {(p.name, p.cost) for p in instance}
    return projects, instance.budget_limit, Counter(key(b) for b in profile)


def nothing_stored() -> bool:
    return not (
        Round.objects.exists()
        or Bid.objects.exists()
        or Ballot.objects.exists()
        or BallotChoice.objects.exists()
        or AuditEvent.objects.filter(action=Action.CREATE).exists()
    )


def _round_with_ballots(method: str):
    """A round of three eligible bids and one not, and four counted ballots (three
    if cumulative: Hedgerow's ballots share out at least one point)."""
    settings = {
        VotingMethod.APPROVAL: {"max_choices": 2},
        VotingMethod.KNAPSACK: {"max_choices": None},
        VotingMethod.CUMULATIVE: {"max_choices": None, "points": 10},
    }[method]
    round = RoundFactory(voting_method=method, rule=AllocationRule.GREEDY, **settings)
    a = BidFactory(round=round, title="Boxing club", amount=6_000)
    b = BidFactory(round=round, title="Safe spaces; after school", amount=3_000)
    c = BidFactory(round=round, title="Night bus", amount=2_500)
    BidFactory(round=round, status=BidStatus.INELIGIBLE)
    points = method == VotingMethod.CUMULATIVE
    ballot_cast(round, [a, b], [7, 3] if points else None)
    ballot_cast(round, [b, c], [5, 5] if points else None)
    ballot_cast(round, [b, c], [5, 5] if points else None)
    if not points:
        ballot_cast(round, [])  # see test_an_empty_cumulative_ballot_…
    # Not yet confirmed by a second person, so not counted.
    Ballot.objects.create(round=round, channel=BallotChannel.PAPER, is_confirmed=False)
    return round, [a, b, c]


@pytest.mark.parametrize(
    "method",
    [VotingMethod.APPROVAL, VotingMethod.KNAPSACK, VotingMethod.CUMULATIVE],
)
def test_round_export_pb_gives_pabutools_the_rounds_projects_and_ballots(method):
    round, (a, b, c) = _round_with_ballots(method)

    projects, budget, ballots = as_pabutools(interchange.round_export_pb(round))

    ids = [bid.project_id for bid in (a, b, c)]
    assert projects == {(ids[0], 6_000), (ids[1], 3_000), (ids[2], 2_500)}
    assert budget == 10_000
    if method == VotingMethod.CUMULATIVE:
        shared = {(ids[1], 5), (ids[2], 5)}
        expected = [{(ids[0], 7), (ids[1], 3)}, shared, shared]
    else:
        expected = [{ids[0], ids[1]}, {ids[1], ids[2]}, {ids[1], ids[2]}, set()]
    assert ballots == Counter(frozenset(e) for e in expected)


def test_an_empty_cumulative_ballot_exports_as_pabutools_and_hedgerow_read_it():
    round, _bids = _round_with_ballots(VotingMethod.CUMULATIVE)
    ballot_cast(round, [])
    text = interchange.round_export_pb(round)

    _projects, _budget, ballots = as_pabutools(text)
    election = read_pabulib(text.encode())

    assert ballots[frozenset()] == 1
    assert sum(ballots.values()) == election.num_voters == 4
    assert sum(1 for v in range(4) if not election.ballot(v)) == 1


def test_round_export_pb_numbers_voters_in_the_order_of_the_random_ballot_ids():
    round, _bids = _round_with_ballots(VotingMethod.APPROVAL)

    text = interchange.round_export_pb(round)

    _instance, profile = parse_pabulib_from_string(text)
    by_id = sorted(round.ballots.filter(is_confirmed=True), key=lambda b: b.id.hex)
    chosen = [{c.bid.project_id for c in ballot.choices.all()} for ballot in by_id]
    assert [b.meta["voter_id"] for b in profile] == ["1", "2", "3", "4"]
    assert [{p.name for p in b} for b in profile] == chosen
    assert "Safe spaces; after school" in text
    assert str(round.ballots.first().id) not in text


def test_round_export_pb_marks_the_funded_projects_once_counted():
    round, (a, b, c) = _round_with_ballots(VotingMethod.APPROVAL)
    assert "selected" not in interchange.round_export_pb(round)
    round_result(round, funded=[b, c], unfunded=[a])

    election = read_pabulib(interchange.round_export_pb(round).encode())

    assert {p.id: p.meta["selected"] for p in election.projects} == {
        a.project_id: "0",
        b.project_id: "1",
        c.project_id: "1",
    }
    assert {p.meta["group"] for p in election.projects} == {
        a.group_name,
        b.group_name,
        c.group_name,
    }


@pytest.mark.parametrize("name", REAL + LARGE)
def test_an_imported_file_exports_as_the_same_election(name):
    original = (PABULIB / name).read_text("utf-8-sig")

    round = import_text(original, slug="real")

    assert as_pabutools(interchange.round_export_pb(round)) == as_pabutools(original)


@pytest.mark.parametrize("name", REAL)
def test_an_imported_round_counts_as_its_file_does(name):
    election = read_pabulib(PABULIB / name)
    round = import_text((PABULIB / name).read_text("utf-8-sig"), slug="real")
    counts = [("greedy", "cost", "none"), ("mes", "cost", "add1")]
    if election.is_approval:
        counts.append(("phragmen", "cost", "none"))

    for count in counts:
        ours = tally(round_election(round), *count).selected
        assert sorted(ours) == sorted(tally(election, *count).selected), count


def test_round_import_pb_sets_up_a_private_round_in_its_results_phase():
    round = import_text(SAMPLE)

    assert (round.name, round.phase, round.results_published_at) == (
        "Ringland community chest (2026)",
        Phase.RESULTS,
        None,
    )
    assert (round.budget, round.currency, round.imported_from) == (
        10_000,
        "PLN",
        "ringland.pb",
    )
    assert (round.voting_method, round.max_choices) == (VotingMethod.APPROVAL, 2)
    assert (round.rule, round.completion) == (
        AllocationRule.EQUAL_SHARES,
        Completion.ADD1,
    )
    assert (round.voting_opens_on.isoformat(), round.results_on.isoformat()) == (
        "2026-03-01",
        "2026-03-15",
    )
    bids = {b.pabulib_id: b for b in round.bids.all()}
    assert bids["p2"].title == "Safe spaces; after school"
    assert {(b.amount, b.status, b.group_name) for b in bids.values()} == {
        (6_000, BidStatus.ELIGIBLE, "Imported"),
        (3_000, BidStatus.ELIGIBLE, "Imported"),
        (2_500, BidStatus.ELIGIBLE, "Imported"),
    }


def test_round_import_pb_keeps_blank_ballots_and_counts_a_repeated_project_once():
    round = import_text(SAMPLE)

    ballots = [
        sorted(c.bid.pabulib_id for c in ballot.choices.all())
        for ballot in round.ballots.all()
    ]
    assert sorted(ballots) == [[], ["p1", "p2"], ["p2", "p3"], ["p3"]]
    assert all(b.is_confirmed for b in round.ballots.all())
    assert {b.channel for b in round.ballots.all()} == {BallotChannel.FILE}


def test_round_import_pb_keeps_no_voter_details():
    round = import_text(SAMPLE)

    exported = interchange.round_export_pb(round)

    votes = exported.split("VOTES\n", 1)[1].splitlines()
    assert votes[0] == "voter_id;vote"
    assert "71" not in exported
    assert ";M" not in exported
    assert ";F" not in exported


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("vote_type;approval", "vote_type;choose-1"),
            (VotingMethod.APPROVAL, 1, None),
        ),
        (("max_length;2", "max_sum_cost;10000"), (VotingMethod.KNAPSACK, None, None)),
        (("max_length;2", "min_length;1"), (VotingMethod.APPROVAL, 3, None)),
    ],
)
def test_round_import_pb_reads_the_kind_of_ballot(change, expected):
    round = import_text(SAMPLE.replace(*change))

    assert (round.voting_method, round.max_choices, round.points) == expected


def test_round_import_pb_reads_cumulative_ballots_and_their_points():
    text = (
        SAMPLE.replace("vote_type;approval", "vote_type;cumulative")
        .replace("max_length;2", "max_sum_points;10")
        .replace("voter_id;vote;age;sex", "voter_id;vote;points")
        .replace("1;p1,p2;34;F", "1;p1,p2;7,3")
        .replace("2;p2,p3,p2;71;M", "2;p2,p3;5,5")
        .replace("3;;19;F", "3;;")
        .replace("4;p3;52;M", "4;p3;10")
    )

    round = import_text(text)

    assert (round.voting_method, round.points) == (VotingMethod.CUMULATIVE, 10)
    points = Counter(
        (c.bid.pabulib_id, c.points) for c in BallotChoice.objects.select_related("bid")
    )
    assert points == Counter(
        {("p1", 7): 1, ("p2", 3): 1, ("p2", 5): 1, ("p3", 5): 1, ("p3", 10): 1}
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("rule;equalshares/add1", "rule;greedy-threshold"), AllocationRule.GREEDY),
        (("rule;equalshares/add1", "rule;unknown"), AllocationRule.GREEDY),
        (("rule;equalshares/add1", "rule;mes"), AllocationRule.EQUAL_SHARES),
        (("rule;equalshares/add1", "rule;phragmen"), AllocationRule.PHRAGMEN),
    ],
)
def test_round_import_pb_counts_an_unknown_rule_by_greedy(change, expected):
    assert import_text(SAMPLE.replace(*change)).rule == expected


@pytest.mark.parametrize(
    ("change", "currency", "opens"),
    [
        (("country;Poland", "country;United Kingdom"), "GBP", "2026-03-01"),
        (("country;Poland", "country;Poland\ncurrency;EUR"), "EUR", "2026-03-01"),
        (("date_begin;2026-03-01", "date_begin;01.02.2026"), "PLN", "2026-02-01"),
        (("date_begin;2026-03-01", "date_begin;2019"), "PLN", "2019-01-01"),
        (("date_begin;2026-03-01\n", ""), "PLN", None),
    ],
)
def test_round_import_pb_reads_the_currency_and_dates(change, currency, opens):
    round = import_text(SAMPLE.replace(*change))

    assert round.currency == currency
    today = timezone.localdate().isoformat()
    assert round.voting_opens_on.isoformat() == (opens or today)


def test_round_import_pb_records_the_import_in_the_audit_trail(staff_client):
    user = staff_client(Role.COORDINATOR).user

    round = import_text(SAMPLE, by=user)

    event = AuditEvent.objects.get(action=Action.CREATE, target_id=str(round.pk))
    assert (event.target_type, event.actor_id) == ("budgeting.round", user.pk)
    assert event.detail["ballots"] == 4
    assert event.detail["file"] == "ringland.pb"
    assert round.created_by == user


BAD = [
    (
        ("4;p3;52;M", "4;p7;52;M"),
        "Line 25: A ballot names project p7, which PROJECTS does not list.",
    ),
    (
        ("budget;10000", "budget;10000.50"),
        "Line 9: The budget is 10000.5. Hedgerow keeps budgets in whole units",
    ),
    (
        ("p3;2500;", "p3;2500.5;"),
        "Line 19: The cost of project p3 is 2500.5. Hedgerow keeps costs in whole",
    ),
    (
        ("vote_type;approval", "vote_type;ordinal"),
        "The ballots are ordinal ballots. Hedgerow imports choose-up-to",
    ),
    (("PROJECTS\n", ""), "The file has no PROJECTS section."),
    (
        ("budget;10000", "budget;9999999999"),
        "Line 9: The budget is 9999999999, more than Hedgerow can hold.",
    ),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_round_import_pb_refuses_a_bad_file_with_its_line_and_keeps_nothing(
    change, message
):
    with pytest.raises(ValidationError) as error:
        import_text(SAMPLE.replace(*change))

    assert error.value.message_dict["file"][0].startswith(message)
    assert nothing_stored()


def test_round_import_pb_refuses_points_that_are_not_whole_with_the_line():
    text = (PABULIB / "Poland_Gdansk_2020_Rudniki.pb").read_text("utf-8-sig")
    votes = text.index("\nVOTES")
    line = text.count("\n", 0, votes) + 4  # VOTES, its header, then the first ballot
    first = text.splitlines()[line - 1]
    voter, vote, points, *rest = first.split(";")
    zero = ";".join([voter, vote, ",".join(["0"] * len(points.split(","))), *rest])

    with pytest.raises(ValidationError) as error:
        import_text(text.replace(first, zero))

    project = vote.split(",")[0]
    assert error.value.messages == [
        f"Line {line}: A ballot gives project {project} 0 points. Hedgerow records "
        "whole points of at least 1 for each project chosen."
    ]
    assert nothing_stored()


def test_round_import_pb_refuses_a_slug_in_use():
    RoundFactory(slug="ringland")

    with pytest.raises(ValidationError) as error:
        import_text(SAMPLE)

    assert error.value.message_dict["slug"] == [
        "A round already uses the web address name “ringland”. Choose another."
    ]
    assert Round.objects.count() == 1


def test_a_failure_part_way_through_an_import_leaves_nothing_behind(monkeypatch):
    insert = importing._insert

    def fail_on_choices(model, fields, rows):
        if model is BallotChoice:
            raise RuntimeError("the disk is full")
        insert(model, fields, rows)

    monkeypatch.setattr(importing, "_insert", fail_on_choices)

    with pytest.raises(RuntimeError):
        import_text(SAMPLE)

    assert nothing_stored()


@pytest.mark.slow
def test_round_import_pb_takes_a_whole_city():
    path = PABULIB / "Poland_Warszawa_2026.pb"
    election = read_pabulib(path)

    round = import_text(path.read_text("utf-8-sig"), slug="warszawa-2026")

    assert round.ballots.count() == election.num_voters == 61_668
    ours = tally(round_election(round), "greedy").selected
    assert sorted(ours) == sorted(tally(election, "greedy").selected)


# The pages and commands.


def test_officers_may_not_import_or_download_rounds(staff_client):
    client = staff_client(Role.OFFICER)
    round = RoundFactory()

    assert client.get(reverse("budgeting:round_import")).status_code == 403
    export = reverse("budgeting:round_export_pb", args=[round.slug])
    assert client.get(export).status_code == 403
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_the_import_page_says_voter_details_are_not_kept(staff_client):
    client = staff_client(Role.COORDINATOR)

    response = client.get(reverse("budgeting:round_import"))

    text = unescape(response.content.decode())
    assert response.status_code == 200
    assert (
        "Details about voters, such as their age, sex or district, are not stored"
        in text
    )
    assert 'enctype="multipart/form-data"' in text


def test_a_coordinator_imports_a_file_through_the_form(staff_client):
    client = staff_client(Role.COORDINATOR)
    upload = SimpleUploadedFile("ringland.pb", SAMPLE.encode())

    response = client.post(
        reverse("budgeting:round_import"), {"file": upload, "slug": "Ringland-2026"}
    )

    assert response.status_code == 302
    assert "ringland-2026" in response["Location"]
    round = Round.objects.get(slug="ringland-2026")
    assert (round.ballots.count(), round.created_by) == (4, client.user)


def test_a_bad_file_is_shown_with_its_line_and_nothing_is_imported(staff_client):
    client = staff_client(Role.COORDINATOR)
    bad = SAMPLE.replace("4;p3;52;M", "4;p7;52;M").encode()

    response = client.post(
        reverse("budgeting:round_import"),
        {"file": SimpleUploadedFile("bad.pb", bad), "slug": "ringland"},
    )

    text = unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "Line 25: A ballot names project p7, which PROJECTS does not list." in text
    assert nothing_stored()


@pytest.mark.parametrize(
    ("data", "slug", "message"),
    [
        ({}, "ringland", "Choose a Pabulib .pb file to upload"),
        (
            {"file": SAMPLE.encode()},
            "new",
            "That web address name is used by another page. Choose another.",
        ),
        (
            {"file": SAMPLE.encode()},
            "two words",
            "Use only lower-case letters, numbers and hyphens in the web address name",
        ),
    ],
)
def test_the_import_form_explains_what_is_missing(staff_client, data, slug, message):
    client = staff_client(Role.COORDINATOR)
    fields = {"slug": slug}
    if "file" in data:
        fields["file"] = SimpleUploadedFile("ringland.pb", data["file"])

    response = client.post(reverse("budgeting:round_import"), fields)

    assert message in unescape(response.content.decode())
    assert not Round.objects.exists()


def test_a_file_over_50_mb_is_refused(staff_client, monkeypatch):
    client = staff_client(Role.COORDINATOR)
    monkeypatch.setattr("hedgerow.budgeting.forms.interchange.MAX_BYTES", 100)

    response = client.post(
        reverse("budgeting:round_import"),
        {"file": SimpleUploadedFile("big.pb", SAMPLE.encode()), "slug": "big"},
    )

    assert "The file must be smaller than 50 MB." in unescape(response.content.decode())
    assert not Round.objects.exists()


def test_a_coordinator_downloads_a_round_and_the_download_is_audited(staff_client):
    client = staff_client(Role.COORDINATOR)
    round, _bids = _round_with_ballots(VotingMethod.APPROVAL)

    response = client.get(reverse("budgeting:round_export_pb", args=[round.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{round.slug}.pb"'
    assert response.content.decode() == interchange.round_export_pb(round)
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert (event.actor_id, event.target_id) == (client.user.pk, str(round.pk))


def test_the_public_file_is_found_only_once_results_are_published(client):
    round, (a, b, c) = _round_with_ballots(VotingMethod.APPROVAL)
    url = reverse("pb:round_export_pb", args=[round.slug])
    round.phase = Phase.RESULTS
    round.save()
    round_result(round, funded=[b], unfunded=[a, c])
    assert client.get(url).status_code == 404

    round.results_published_at = timezone.now()
    round.save()
    response = client.get(url)

    assert response.status_code == 200
    assert response.content.decode() == interchange.round_export_pb(round)
    assert "selected" in response.content.decode()


def _published_round():
    round, (a, b, c) = _round_with_ballots(VotingMethod.APPROVAL)
    round.phase = Phase.RESULTS
    round.results_published_at = timezone.now()
    round.save()
    round_result(round, funded=[b], unfunded=[a, c])
    return round, (a, b, c)


def test_the_public_file_is_built_once_and_revalidates_without_a_download(
    client, django_assert_max_num_queries
):
    round, _bids = _published_round()
    url = reverse("pb:round_export_pb", args=[round.slug])
    first = client.get(url)

    with django_assert_max_num_queries(6):  # the round, versions and stored file
        second = client.get(url)
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert RoundPublicFile.objects.get(round=round).text == first.content.decode()


def test_the_public_file_follows_a_change_to_a_bid_or_the_round(client):
    round, (a, _b, _c) = _published_round()
    url = reverse("pb:round_export_pb", args=[round.slug])
    before = client.get(url)

    a.title = "Youth boxing club (renamed)"
    a.save()
    after_bid = client.get(url)
    round.name = "Ringland community chest 2027"
    round.save()
    after_round = client.get(url)

    assert "Youth boxing club (renamed)" in after_bid.content.decode()
    assert "Ringland community chest 2027" in after_round.content.decode()
    assert len({before["ETag"], after_bid["ETag"], after_round["ETag"]}) == 3
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    assert after_round.content.decode() == interchange.round_export_pb(round)


def test_pb_import_and_pb_export_commands(tmp_path):
    source = tmp_path / "ringland.pb"
    source.write_text(SAMPLE, encoding="utf-8")
    out = StringIO()

    call_command("pb_import", str(source), "--slug", "ringland", stdout=out)
    call_command(
        "pb_export", "ringland", "-o", str(tmp_path / "out.pb"), stderr=StringIO()
    )

    assert "3 projects and 4 ballots" in out.getvalue()
    written = (tmp_path / "out.pb").read_text(encoding="utf-8")
    assert as_pabutools(written) == as_pabutools(SAMPLE)
    labels = set(AuditEvent.objects.values_list("action", "actor_id", "actor_label"))
    assert labels == {
        (Action.CREATE, None, "command line"),
        (Action.EXPORT, None, "command line"),
    }


def test_pb_export_writes_to_standard_output():
    round, _bids = _round_with_ballots(VotingMethod.APPROVAL)
    out = StringIO()

    call_command("pb_export", round.slug, stdout=out)

    assert out.getvalue() == interchange.round_export_pb(round)


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["pb_import", "missing.pb", "--slug", "x"], "Cannot read missing.pb"),
        (["pb_import", "missing.pb", "--slug", "two words"], "is not a web address"),
        (["pb_export", "nowhere"], "There is no round “nowhere”."),
    ],
)
def test_pb_commands_explain_what_they_cannot_do(command, message):
    with pytest.raises(CommandError, match=message):
        call_command(*command)


def test_pb_import_refuses_a_bad_file_and_imports_nothing(tmp_path):
    source = tmp_path / "bad.pb"
    source.write_text(SAMPLE.replace("4;p3;52;M", "4;p7;52;M"), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("pb_import", str(source), "--slug", "bad")

    assert "Line 25: A ballot names project p7" in str(error.value)
    assert nothing_stored()
