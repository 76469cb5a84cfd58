"""The Roles page: every role, what it is for, and a role-by-permission table."""

import re

import pytest
from django.urls import reverse

from hedgerow.accounts.roles import ROLE_DESCRIPTIONS, Role
from hedgerow.core.permissions import Permission

pytestmark = pytest.mark.django_db


def table_rows(html: str) -> dict[str, list[str]]:
    """The role-by-permission table as {permission description: [Yes/No per role]}."""
    body = html.split('<tbody class="govuk-table__body">')[1].split(
        "</tbody>", maxsplit=1
    )[0]
    rows = {}
    for row in body.split("</tr>")[:-1]:
        header = re.search(r'<th scope="row"[^>]*>([^<]+)</th>', row).group(1)
        rows[header] = re.findall(r'govuk-tag[^"]*">(Yes|No)<', row)
    return rows


def test_role_list_describes_every_role(staff_client):
    client = staff_client(Role.OFFICER)

    response = client.get(reverse("partnership:role_list"))

    page = response.content.decode()
    for role in Role:
        assert f">{role.label}</h2>" in page
        assert str(ROLE_DESCRIPTIONS[role]).replace("'", "&#x27;") in page


def test_role_list_lists_what_a_coordinator_can_do(staff_client):
    client = staff_client(Role.ANALYST)

    response = client.get(reverse("partnership:role_list"))

    section = response.content.decode().split(">Coordinator</h2>")[1].split("</ul>")[0]
    assert str(Permission.STAFF_VIEW.description) in section
    assert str(Permission.STAFF_MANAGE.description) not in section


def test_role_list_table_says_yes_only_where_a_role_holds_a_permission(staff_client):
    client = staff_client(Role.OFFICER)

    response = client.get(reverse("partnership:role_list"))

    rows = table_rows(response.content.decode())
    # Columns follow Role: officer, analyst, coordinator, administrator.
    assert rows[str(Permission.ROLE_VIEW.description)] == ["Yes", "Yes", "Yes", "Yes"]
    assert rows[str(Permission.STAFF_VIEW.description)] == ["No", "No", "Yes", "Yes"]
    assert rows[str(Permission.AUDIT_EXPORT.description)] == ["No", "No", "No", "Yes"]
    assert len(rows) == len(Permission)


def test_role_list_table_has_a_caption_and_headers(staff_client):
    client = staff_client(Role.OFFICER)

    response = client.get(reverse("partnership:role_list"))

    page = response.content.decode()
    assert "What each role can do</caption>" in page
    assert page.count('<th scope="col"') == 1 + len(Role)
    assert page.count('<th scope="row"') == len(Permission)
