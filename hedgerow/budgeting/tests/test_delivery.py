"""Delivery: funded projects tracked to completion, and what residents see of them."""

import io
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from hedgerow.accounts.roles import Role
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.budgeting.models import Delivery, DeliveryPhoto, DeliveryStatus, Phase
from hedgerow.budgeting.selectors.delivery import round_delivery_summary
from hedgerow.budgeting.services import delivery as services
from hedgerow.budgeting.tests.factories import (
    BidFactory,
    DeliveryFactory,
    RoundFactory,
    round_result,
)
from hedgerow.geography.tests.factories import LsoaFactory

pytestmark = pytest.mark.django_db


def jpeg_with_exif(size: tuple[int, int] = (64, 48)) -> bytes:
    """A JPEG whose EXIF names a camera and holds a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (53.0, 47.0, 46.0),
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (1.0, 32.0, 50.0),
        }
    )
    output = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(output, format="JPEG", exif=exif)
    data = output.getvalue()
    assert b"SpyCam" in data
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def text_of(response) -> str:
    return unescape(response.content.decode())


def messages_of(error: ValidationError, field: str) -> list[str]:
    return error.message_dict[field]


@pytest.fixture
def funded_round():
    """A counted round: two funded bids (£2,000 and £3,000) and one that lost."""
    area = LsoaFactory(name="Leeds 042B")
    round = RoundFactory(phase=Phase.RESULTS)
    round.areas.add(area)
    garden = BidFactory(round=round, title="Gipton community garden", amount=2_000)
    boxing = BidFactory(round=round, title="Harehills boxing club", amount=3_000)
    lost = BidFactory(round=round, title="Skate park lighting", amount=4_000)
    round_result(round, funded=[garden, boxing], unfunded=[lost])
    return round


@pytest.fixture
def delivery(funded_round):
    services.delivery_start(round=funded_round, by=None)
    return Delivery.objects.get(bid__title="Gipton community garden")


@pytest.fixture
def coordinator(staff_client):
    return staff_client(Role.COORDINATOR)


def update(delivery, **changes):
    fields = {
        "status": DeliveryStatus.IN_PROGRESS,
        "spent": 500,
        "outcomes": "",
        "areas": [],
    }
    return services.delivery_update(delivery=delivery, by=None, **(fields | changes))


# Services


def test_delivery_start_tracks_each_funded_project_once(funded_round):
    created = services.delivery_start(round=funded_round, by=None)
    again = services.delivery_start(round=funded_round, by=None)

    titles = sorted(
        d.bid.title for d in Delivery.objects.filter(bid__round=funded_round)
    )
    assert titles == ["Gipton community garden", "Harehills boxing club"]
    assert len(created) == 2
    assert again == []
    assert {d.status for d in created} == {DeliveryStatus.NOT_STARTED}
    events = AuditEvent.objects.filter(
        action=Action.CREATE, target_type="budgeting.delivery"
    )
    assert events.count() == 2


def test_delivery_start_refuses_a_round_without_a_result():
    round = RoundFactory()
    BidFactory(round=round)

    with pytest.raises(ValidationError) as error:
        services.delivery_start(round=round, by=None)

    assert error.value.messages == [str(services.NO_RESULT)]
    assert not Delivery.objects.exists()


def test_delivery_update_refuses_negative_spend(delivery):
    with pytest.raises(ValidationError) as error:
        update(delivery, spent=-1)

    assert messages_of(error.value, "spent") == [str(services.SPENT_NEGATIVE)]


def test_delivery_update_refuses_spend_over_the_award(delivery):
    with pytest.raises(ValidationError) as error:
        update(delivery, spent=2_001)

    [message] = messages_of(error.value, "spent")
    assert message.startswith("Amount spent must be no more than the £2,000 awarded")
    delivery.refresh_from_db()
    assert delivery.spent == 0


def test_delivery_update_needs_outcomes_to_mark_complete(delivery):
    with pytest.raises(ValidationError) as error:
        update(delivery, status=DeliveryStatus.COMPLETE, outcomes="   ")

    assert messages_of(error.value, "outcomes") == [str(services.OUTCOMES_REQUIRED)]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.NOT_STARTED


def test_delivery_update_refuses_an_area_outside_the_round(delivery):
    with pytest.raises(ValidationError) as error:
        update(delivery, areas=[LsoaFactory(name="Bradford 001A")])

    assert messages_of(error.value, "areas") == [str(services.AREA_OUTSIDE)]


def test_delivery_update_saves_and_audits_without_the_free_text(delivery, funded_round):
    area = funded_round.areas.get()

    update(
        delivery,
        status=DeliveryStatus.COMPLETE,
        spent=2_000,
        outcomes="Thirty households grew vegetables.",
        areas=[area],
    )

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.COMPLETE
    assert delivery.spent == 2_000
    assert list(delivery.areas.all()) == [area]
    event = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(delivery.pk))
    assert event.detail["changed"] == ["areas", "spent", "status", "outcomes"]
    assert event.detail["after"]["spent"] == 2_000
    assert "vegetables" not in str(event.detail)


def test_delivery_photo_add_re_encodes_without_exif_or_gps(delivery):
    photo = services.delivery_photo_add(
        delivery=delivery, by=None, data=jpeg_with_exif(), caption="Planting day"
    )

    content = bytes(photo.content)
    stored = Image.open(io.BytesIO(content))
    assert stored.format == "JPEG"
    assert (photo.width, photo.height) == (64, 48)
    assert not stored.getexif()
    assert b"SpyCam" not in content
    assert b"Exif" not in content
    event = AuditEvent.objects.get(target_type="budgeting.deliveryphoto")
    assert event.action == Action.CREATE


def test_delivery_photo_add_refuses_a_seventh_photo(delivery):
    for number in range(services.MAX_DELIVERY_PHOTOS):
        services.delivery_photo_add(
            delivery=delivery, by=None, data=jpeg_with_exif(), caption=f"Photo {number}"
        )

    with pytest.raises(ValidationError) as error:
        services.delivery_photo_add(
            delivery=delivery, by=None, data=jpeg_with_exif(), caption="One more"
        )

    [message] = messages_of(error.value, "photo")
    assert message.startswith("A project can have at most 6 photos")
    assert delivery.photos.count() == 6


def test_delivery_photo_add_refuses_a_file_that_is_not_a_photo(delivery):
    with pytest.raises(ValidationError) as error:
        services.delivery_photo_add(
            delivery=delivery, by=None, data=b"%PDF-1.7 not a photo", caption="Plan"
        )

    [message] = messages_of(error.value, "photo")
    assert message.startswith("The selected file must be a photo")
    assert not DeliveryPhoto.objects.exists()


def test_delivery_photo_add_needs_a_caption(delivery):
    with pytest.raises(ValidationError) as error:
        services.delivery_photo_add(
            delivery=delivery, by=None, data=jpeg_with_exif(), caption=" "
        )

    assert messages_of(error.value, "caption") == [str(services.CAPTION_REQUIRED)]


def test_delivery_photo_remove_deletes_and_audits(delivery):
    photo = services.delivery_photo_add(
        delivery=delivery, by=None, data=jpeg_with_exif(), caption="Planting day"
    )

    services.delivery_photo_remove(photo=photo, by=None)

    assert not DeliveryPhoto.objects.exists()
    assert AuditEvent.objects.filter(
        action=Action.DELETE, target_type="budgeting.deliveryphoto"
    ).exists()


def test_round_delivery_summary_totals_funded_projects_only(funded_round, delivery):
    update(delivery, status=DeliveryStatus.COMPLETE, spent=1_800, outcomes="Done.")

    summary = round_delivery_summary(funded_round)

    assert [p.bid.title for p in summary.projects] == [
        "Gipton community garden",
        "Harehills boxing club",
    ]
    assert (summary.awarded, summary.spent, summary.complete) == (5_000, 1_800, 1)
    assert summary.projects[0].outcomes == "Done."


# Staff pages


def test_officer_is_refused_the_delivery_pages(staff_client, delivery):
    photo = services.delivery_photo_add(
        delivery=delivery, by=None, data=jpeg_with_exif(), caption="Planting day"
    )
    client = staff_client(Role.OFFICER)
    slug, reference = delivery.bid.round.slug, delivery.bid.reference
    photo_args = [slug, reference, photo.pk]

    answers = [
        client.get(reverse("budgeting:delivery_list", args=[slug])),
        client.post(reverse("budgeting:delivery_list", args=[slug])),
        client.get(reverse("budgeting:delivery_edit", args=[slug, reference])),
        client.post(
            reverse("budgeting:delivery_edit", args=[slug, reference]),
            {"action": "save", "status": "complete", "spent": "1", "outcomes": "x"},
        ),
        client.get(reverse("budgeting:delivery_photo", args=photo_args)),
        client.post(reverse("budgeting:delivery_photo_remove", args=photo_args)),
    ]

    assert [answer.status_code for answer in answers] == [403] * 6
    assert delivery.photos.count() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.NOT_STARTED


def test_signed_out_visitor_is_sent_to_sign_in(client, delivery):
    url = reverse("budgeting:delivery_list", args=[delivery.bid.round.slug])

    response = client.get(url)

    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_coordinator_removes_a_photo(coordinator, delivery):
    photo = services.delivery_photo_add(
        delivery=delivery, by=None, data=jpeg_with_exif(), caption="Planting day"
    )
    args = [delivery.bid.round.slug, delivery.bid.reference, photo.pk]

    response = coordinator.post(
        reverse("budgeting:delivery_photo_remove", args=args), follow=True
    )

    assert "Photo removed" in text_of(response)
    assert not DeliveryPhoto.objects.exists()


def test_coordinator_starts_tracking_from_the_list(coordinator, funded_round):
    url = reverse("budgeting:delivery_list", args=[funded_round.slug])
    assert "Start tracking" in text_of(coordinator.get(url))

    response = coordinator.post(url, follow=True)

    text = text_of(response)
    assert "Tracking started for 2 projects" in text
    assert "Harehills boxing club" in text
    assert "Skate park lighting" not in text
    assert "Start tracking" not in text
    assert Delivery.objects.filter(bid__round=funded_round).count() == 2


def test_edit_page_shows_why_an_overspend_is_refused(coordinator, delivery):
    url = reverse(
        "budgeting:delivery_edit",
        args=[delivery.bid.round.slug, delivery.bid.reference],
    )

    response = coordinator.post(
        url, {"action": "save", "status": "in_progress", "spent": "£2,500"}
    )

    text = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "no more than the £2,000 awarded" in text
    delivery.refresh_from_db()
    assert delivery.spent == 0


def test_edit_page_saves_progress(coordinator, delivery, funded_round):
    url = reverse(
        "budgeting:delivery_edit", args=[funded_round.slug, delivery.bid.reference]
    )
    area = funded_round.areas.get()

    response = coordinator.post(
        url,
        {
            "action": "save",
            "status": "complete",
            "spent": "£1,950",
            "outcomes": "Thirty households grew vegetables.",
            "areas": [area.pk],
        },
    )

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.spent) == (DeliveryStatus.COMPLETE, 1_950)
    assert delivery.updated_by == coordinator.user


def test_edit_page_uploads_a_photo_that_staff_can_open(coordinator, delivery):
    slug, reference = delivery.bid.round.slug, delivery.bid.reference
    upload = SimpleUploadedFile("garden.jpg", jpeg_with_exif(), "image/jpeg")

    response = coordinator.post(
        reverse("budgeting:delivery_edit", args=[slug, reference]),
        {"action": "upload", "photo": upload, "caption": "Planting day"},
        follow=True,
    )

    photo = delivery.photos.get()
    assert "Planting day" in text_of(response)
    served = coordinator.get(
        reverse("budgeting:delivery_photo", args=[slug, reference, photo.pk])
    )
    assert served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "no-store"
    assert b"SpyCam" not in served.content


def test_edit_page_shows_a_missing_caption(coordinator, delivery):
    url = reverse(
        "budgeting:delivery_edit",
        args=[delivery.bid.round.slug, delivery.bid.reference],
    )
    upload = SimpleUploadedFile("garden.jpg", jpeg_with_exif(), "image/jpeg")

    response = coordinator.post(url, {"action": "upload", "photo": upload})

    assert "Enter what the photo shows" in text_of(response)
    assert not DeliveryPhoto.objects.exists()


# Public pages


def publish(round):
    round.results_published_at = timezone.now()
    round.save(update_fields=["results_published_at"])


def test_public_page_is_not_found_before_results_are_published(client, delivery):
    round = delivery.bid.round
    photo = services.delivery_photo_add(
        delivery=delivery, by=None, data=jpeg_with_exif(), caption="Planting day"
    )

    page = client.get(reverse("pb:delivered", args=[round.slug]))
    image = client.get(reverse("pb:delivered_photo", args=[round.slug, photo.pk]))

    assert (page.status_code, image.status_code) == (404, 404)


def test_public_page_shows_what_the_money_did(client, delivery):
    round = delivery.bid.round
    update(
        delivery,
        status=DeliveryStatus.COMPLETE,
        spent=1_950,
        outcomes="Thirty households grew vegetables.",
    )
    photo = services.delivery_photo_add(
        delivery=delivery, by=None, data=jpeg_with_exif(), caption="Planting day"
    )
    publish(round)

    response = client.get(reverse("pb:delivered", args=[round.slug]))

    text = text_of(response)
    assert response.status_code == 200
    assert "What the money did" in text
    assert "Gipton community garden" in text
    assert "Complete" in text
    assert "£2,000" in text
    assert "£1,950" in text
    assert "Thirty households grew vegetables." in text
    assert "Planting day" in text
    assert "Skate park lighting" not in text
    assert delivery.bid.contact_email not in text
    assert not response.cookies
    image = client.get(reverse("pb:delivered_photo", args=[round.slug, photo.pk]))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"


def test_public_photo_belongs_to_its_own_round(client, delivery):
    photo = services.delivery_photo_add(
        delivery=delivery, by=None, data=jpeg_with_exif(), caption="Planting day"
    )
    publish(delivery.bid.round)
    other = RoundFactory()
    publish(other)

    response = client.get(reverse("pb:delivered_photo", args=[other.slug, photo.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("language", ["cy", "pl"])
def test_public_page_is_served_in_welsh_and_community_languages(
    client, delivery, language
):
    publish(delivery.bid.round)

    response = client.get(f"/{language}/pb/{delivery.bid.round.slug}/delivered/")

    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


def test_public_page_leaves_out_a_project_the_result_does_not_fund(
    client, funded_round
):
    lost = funded_round.bids.get(title="Skate park lighting")
    photo = services.delivery_photo_add(
        delivery=DeliveryFactory(bid=lost),
        by=None,
        data=jpeg_with_exif(),
        caption="Lamps",
    )
    publish(funded_round)

    page = client.get(reverse("pb:delivered", args=[funded_round.slug]))
    image = client.get(
        reverse("pb:delivered_photo", args=[funded_round.slug, photo.pk])
    )

    assert "Skate park lighting" not in text_of(page)
    assert image.status_code == 404
