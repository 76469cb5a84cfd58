"""The People pages: the filtered list, one person, and the administrator's actions."""

import re

import pytest
from django.urls import reverse

from hedgerow.accounts.models import User
from hedgerow.accounts.roles import Role
from hedgerow.accounts.services.invitations import invitation_find, invitation_issue
from hedgerow.accounts.services.staff import (
    CANNOT_DEACTIVATE_SELF,
    EMAIL_TAKEN,
    LAST_ADMINISTRATOR,
)
from hedgerow.accounts.tests.factories import (
    AgencyFactory,
    InvitedUserFactory,
    UserFactory,
)
from hedgerow.accounts.tests.test_staff import is_signed_in, signed_in_client
from hedgerow.accounts.views.staff import (
    DEACTIVATED,
    INVITATION_SENT,
    PAGE_SIZE,
    REACTIVATED,
    ROLE_CHANGED,
    SIGN_IN_RESET,
)

pytestmark = pytest.mark.django_db


DEACTIVATED_AT = "2026-01-01T00:00Z"


def people_listed(response) -> set[str]:
    """The names in the People table."""
    return set(re.findall(r'people/\d+/">([^<]+)</a>', response.content.decode()))


def test_staff_list_filters_by_status(staff_client):
    UserFactory(full_name="Ada Active")
    InvitedUserFactory(full_name="Ivan Invited")
    UserFactory(
        full_name="Dee Deactivated", is_active=False, deactivated_at=DEACTIVATED_AT
    )
    client = staff_client(Role.COORDINATOR, full_name="Cora Coordinator")
    url = reverse("partnership:staff_list")

    active = client.get(url, {"status": "active"})
    invited = client.get(url, {"status": "invited"})
    deactivated = client.get(url, {"status": "deactivated"})

    assert people_listed(active) == {"Ada Active", "Cora Coordinator"}
    assert people_listed(invited) == {"Ivan Invited"}
    assert people_listed(deactivated) == {"Dee Deactivated"}


def test_staff_list_filters_by_agency_and_role(admin_client):
    police = AgencyFactory(name="West Yorkshire Police")
    UserFactory(full_name="Pat Police Officer", agency=police, role=Role.OFFICER)
    UserFactory(full_name="Pam Police Analyst", agency=police, role=Role.ANALYST)
    UserFactory(full_name="Oscar Other Officer", role=Role.OFFICER)
    url = reverse("partnership:staff_list")

    response = admin_client.get(url, {"agency": police.pk, "role": "officer"})

    assert people_listed(response) == {"Pat Police Officer"}


def test_staff_list_pages_through_many_people_keeping_filters(admin_client):
    UserFactory.create_batch(PAGE_SIZE + 5, role=Role.ANALYST)
    url = reverse("partnership:staff_list")

    first = admin_client.get(url, {"role": "analyst"})
    second = admin_client.get(url, {"role": "analyst", "page": 2})

    assert len(people_listed(first)) == PAGE_SIZE
    assert len(people_listed(second)) == 5
    assert 'href="?role=analyst&amp;page=2"' in first.content.decode()


def test_staff_detail_shows_status_and_pending_invitation(admin_client):
    person = InvitedUserFactory(full_name="Ivan Invited")
    invitation_issue(user=person, by=None)

    response = admin_client.get(reverse("partnership:staff_detail", args=[person.pk]))

    page = response.content.decode()
    assert 'govuk-tag--blue">Invited</strong>' in page
    assert "Waiting to be accepted" in page
    assert "No, not set up" in page
    assert "Send a new invitation" in page


def test_staff_detail_offers_coordinators_no_actions(staff_client):
    person = UserFactory()
    client = staff_client(Role.COORDINATOR)

    response = client.get(reverse("partnership:staff_detail", args=[person.pk]))

    assert response.status_code == 200
    assert "Deactivate" not in response.content.decode()
    assert "Change role" not in response.content.decode()


def test_staff_invite_view_sends_the_invitation(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    agency = AgencyFactory()
    data = {
        "full_name": "Owen Officer",
        "email": "owen@calderdale.example",
        "agency": agency.pk,
        "role": "officer",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("partnership:staff_invite"), data)

    assert str(INVITATION_SENT) in response.content.decode()
    assert User.objects.get(email="owen@calderdale.example").agency == agency
    assert re.search(r"http://testserver/accounts/invitation/\S+/", mailoutbox[0].body)


def test_staff_invite_view_shows_the_link_only_where_allowed(admin_client, settings):
    settings.HEDGEROW_SHOW_INVITATION_LINKS = True
    data = {
        "full_name": "Owen Officer",
        "email": "owen@calderdale.example",
        "agency": AgencyFactory().pk,
        "role": "officer",
    }

    response = admin_client.post(reverse("partnership:staff_invite"), data)

    link = re.search(
        r"http://testserver/accounts/invitation/([^/]+)/", response.content.decode()
    )
    assert invitation_find(token=link.group(1)).user.email == "owen@calderdale.example"


def test_staff_invite_view_hides_the_link_by_default(admin_client):
    data = {
        "full_name": "Owen Officer",
        "email": "owen@calderdale.example",
        "agency": AgencyFactory().pk,
        "role": "officer",
    }

    response = admin_client.post(reverse("partnership:staff_invite"), data)

    assert "/accounts/invitation/" not in response.content.decode()


def test_staff_invite_view_explains_an_email_in_use(admin_client):
    UserFactory(email="owen@calderdale.example")
    data = {
        "full_name": "Owen Officer",
        "email": "Owen@Calderdale.example",
        "agency": AgencyFactory().pk,
        "role": "officer",
    }

    response = admin_client.post(reverse("partnership:staff_invite"), data)

    assert str(EMAIL_TAKEN) in response.content.decode()
    assert 'href="#id_email"' in response.content.decode()


def test_staff_invite_view_describes_each_role(admin_client):
    response = admin_client.get(reverse("partnership:staff_invite"))

    assert (
        "Analysts who study areas, networks and patterns" in response.content.decode()
    )


def test_staff_change_role_view_changes_the_role(admin_client):
    person = UserFactory(role=Role.OFFICER)
    url = reverse("partnership:staff_change_role", args=[person.pk])

    response = admin_client.post(url, {"role": "analyst"}, follow=True)

    person.refresh_from_db()
    assert person.role == Role.ANALYST
    assert str(ROLE_CHANGED) in response.content.decode()


def test_staff_change_role_view_explains_the_last_administrator(admin_client):
    url = reverse("partnership:staff_change_role", args=[admin_client.user.pk])

    response = admin_client.post(url, {"role": "officer"})

    assert str(LAST_ADMINISTRATOR) in response.content.decode()


def test_staff_deactivate_view_asks_for_confirmation_and_a_reason(admin_client):
    person = UserFactory(full_name="Dee Leaver")
    url = reverse("partnership:staff_deactivate", args=[person.pk])

    confirmation = admin_client.get(url)
    without_reason = admin_client.post(url, {"reason": ""})

    assert (
        "Are you sure you want to deactivate Dee Leaver?"
        in confirmation.content.decode()
    )
    assert (
        "Enter why you are deactivating this person" in without_reason.content.decode()
    )
    person.refresh_from_db()
    assert person.is_active


def test_staff_deactivate_view_deactivates_and_signs_them_out(admin_client):
    person = UserFactory()
    their_browser = signed_in_client(person)
    url = reverse("partnership:staff_deactivate", args=[person.pk])

    response = admin_client.post(url, {"reason": "Left the council"}, follow=True)

    assert str(DEACTIVATED) in response.content.decode()
    assert "Reactivate" in response.content.decode()
    assert not is_signed_in(their_browser)


def test_staff_deactivate_view_refuses_yourself(admin_client):
    url = reverse("partnership:staff_deactivate", args=[admin_client.user.pk])

    response = admin_client.post(url, {"reason": "Leaving"})

    assert str(CANNOT_DEACTIVATE_SELF) in response.content.decode()


def test_staff_reactivate_view_needs_a_post(admin_client):
    person = UserFactory(is_active=False, deactivated_at=DEACTIVATED_AT)
    url = reverse("partnership:staff_reactivate", args=[person.pk])

    refused = admin_client.get(url)
    response = admin_client.post(url, follow=True)

    assert refused.status_code == 405
    assert str(REACTIVATED) in response.content.decode()


def test_staff_reset_sign_in_view_confirms_then_resets(admin_client, settings):
    settings.HEDGEROW_SHOW_INVITATION_LINKS = True
    person = UserFactory(full_name="Lou Lostphone")
    url = reverse("partnership:staff_reset_sign_in", args=[person.pk])

    confirmation = admin_client.get(url)
    response = admin_client.post(url, {"reason": "Phone stolen"})

    assert "reset sign-in for Lou Lostphone?" in confirmation.content.decode()
    assert str(SIGN_IN_RESET) in response.content.decode()
    assert "/accounts/invitation/" in response.content.decode()
    person.refresh_from_db()
    assert not person.has_usable_password()


def test_staff_resend_invitation_view_sends_a_new_link(admin_client, mailoutbox):
    person = InvitedUserFactory()
    url = reverse("partnership:staff_resend_invitation", args=[person.pk])

    response = admin_client.post(url)

    assert "New invitation sent" in response.content.decode()
    assert person.invitations.count() == 1
