"""An imported round keeps its file's own result, and the results say how the count
compares with it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.budgeting.models import Bid
from hedgerow.budgeting.services import interchange
from hedgerow.budgeting.services.results import round_publish, round_recount
from hedgerow.budgeting.tally import read_pabulib
from hedgerow.budgeting.tests.elections import PABULIB
from hedgerow.budgeting.tests.test_interchange import (
    SAMPLE,
    import_text,
    nothing_stored,
)
from hedgerow.core.tests.test_public_pages import page_text

pytestmark = pytest.mark.django_db

# The sample's ballots fund p2 and p3 by its rule (Equal Shares, add one).
WITH_SELECTED = (
    SAMPLE.replace("project_id;cost;name", "project_id;cost;name;selected")
    .replace("p1;6000;Youth boxing club", "p1;6000;Youth boxing club;{p1}")
    .replace(
        'p2;3000;"Safe spaces; after school"',
        'p2;3000;"Safe spaces; after school";{p2}',
    )
    .replace(
        "p3;2500;Cuckooing awareness sessions",
        "p3;2500;Cuckooing awareness sessions;{p3}",
    )
)


def counted(text: str, staff_client):
    coordinator = staff_client(Role.COORDINATOR)
    round = import_text(text)
    round_recount(round=round, by=coordinator.user)
    page = coordinator.get(reverse("budgeting:result_preview", args=[round.slug]))
    return round, page_text(page)


def official_section(page: str) -> str:
    return page.split("The official result", 1)[1].split("Under other rules", 1)[0]


def test_an_imported_round_keeps_the_files_own_result():
    round = import_text(WITH_SELECTED.format(p1=0, p2=1, p3=1))

    assert dict(round.bids.values_list("pabulib_id", "officially_funded")) == {
        "p1": False,
        "p2": True,
        "p3": True,
    }


def test_the_results_say_when_the_count_funds_the_official_projects(staff_client):
    _round, page = counted(WITH_SELECTED.format(p1=0, p2=1, p3=1), staff_client)

    section = official_section(page)
    assert "its own result: 2 projects funded, for 5,500 PLN." in section
    assert "funds exactly the same projects" in section


def test_the_results_name_the_projects_where_the_count_differs(staff_client):
    _round, page = counted(WITH_SELECTED.format(p1=1, p2=1, p3=0), staff_client)

    section = official_section(page)
    assert "its own result: 2 projects funded, for 9,000 PLN." in section
    assert "funds different projects" in section
    official_only, counted_only = section.split("Funded in this count, not", 1)
    assert "Youth boxing club" in official_only.split("not in this count", 1)[1]
    assert "Cuckooing awareness sessions" in counted_only
    assert "Safe spaces" not in section.split("funds different projects", 1)[1]


def test_a_round_without_an_official_result_shows_none(staff_client):
    round, page = counted(SAMPLE, staff_client)

    assert not round.bids.filter(officially_funded__isnull=False).exists()
    assert "The official result" not in page


def test_a_selected_value_other_than_0_or_1_is_refused_with_its_line():
    with pytest.raises(ValidationError) as error:
        import_text(WITH_SELECTED.format(p1=0, p2="yes", p3=1))

    assert error.value.message_dict["file"][0] == (
        "Line 18: Project p2 has “yes” in the selected column. It must be 1 "
        "(funded) or 0 (not funded)."
    )
    assert nothing_stored()


def test_swiecie_counted_by_its_rule_funds_its_official_projects(staff_client):
    text = (PABULIB / "Poland_Swiecie_2023.pb").read_text("utf-8-sig")

    round, page = counted(text, staff_client)

    assert Bid.objects.filter(round=round, officially_funded=True).count() == 17
    section = official_section(page)
    assert "17 projects funded, for 1,040,337 PLN." in section
    assert "funds exactly the same projects" in section


def test_the_published_comparison_reads_in_welsh_and_polish(client, staff_client):
    round, _page = counted(WITH_SELECTED.format(p1=0, p2=1, p3=1), staff_client)
    round_publish(round=round, by=client.user)
    client.logout()

    welsh = page_text(client.get(f"/cy/pb/{round.slug}/results/"))
    polish = page_text(client.get(f"/pl/pb/{round.slug}/results/"))

    assert "Y canlyniad swyddogol" in welsh
    assert "2 brosiect wedi'u hariannu" in welsh
    assert "Oficjalny wynik" in polish
    assert "2 sfinansowane projekty" in polish


def test_an_uncounted_import_exports_the_files_own_result_and_a_counted_one_its_count(
    staff_client,
):
    text = WITH_SELECTED.format(p1=1, p2=1, p3=0)
    round = import_text(text)

    def exported():
        election = read_pabulib(interchange.round_export_pb(round).encode())
        return {p.id: p.meta["selected"] for p in election.projects}

    assert exported() == {"p1": "1", "p2": "1", "p3": "0"}
    round_recount(round=round, by=staff_client(Role.COORDINATOR).user)
    assert exported() == {"p1": "0", "p2": "1", "p3": "1"}
