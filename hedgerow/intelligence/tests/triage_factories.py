"""Factories and helpers for the triage, routing and sharing tests."""

import io

import factory
from django.utils import timezone
from PIL import Image

from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.models import Report, ReportPhoto, Routing
from hedgerow.intelligence.tests.factories import ReportFactory
from hedgerow.places.models import Place, PlaceKind

# Two real West Yorkshire LSOAs (2011 codes) in two local authorities.
LEEDS = "E08000035"
BRADFORD = "E08000032"


def _square(lon: float, lat: float, size: float = 0.01) -> dict:
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


class LsoaFactory(factory.django.DjangoModelFactory):
    """An LSOA in Leeds with a small square boundary."""

    class Meta:
        model = Lsoa
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"E0101{n:04d}")
    name = factory.Sequence(lambda n: f"Leeds {n:03d}A")
    local_authority_code = LEEDS
    local_authority_name = "Leeds"
    boundary = factory.LazyFunction(lambda: _square(-1.55, 53.79))
    min_longitude = -1.55
    min_latitude = 53.79
    max_longitude = -1.54
    max_latitude = 53.80


def jpeg_bytes() -> bytes:
    """A tiny real JPEG."""
    output = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(output, format="JPEG")
    return output.getvalue()


class ReportPhotoFactory(factory.django.DjangoModelFactory):
    """A photo of a report, already re-encoded (a tiny JPEG)."""

    class Meta:
        model = ReportPhoto

    report = factory.SubFactory(ReportFactory)
    content = factory.LazyFunction(jpeg_bytes)
    content_type = "image/jpeg"
    width = 4
    height = 3
    added_at = factory.LazyFunction(timezone.now)


class PlaceFactory(factory.django.DjangoModelFactory):
    """A place recorded by an agency and shared with the partnership."""

    class Meta:
        model = Place

    address = factory.Sequence(lambda n: f"{n} Harehills Lane, Leeds")
    postcode = "LS8 3QH"
    kind = PlaceKind.CAR_WASH
    agency = factory.SubFactory("hedgerow.accounts.tests.factories.AgencyFactory")


def routed_report(*agencies, **fields) -> Report:
    """A report already in the queues of `agencies`."""
    report = ReportFactory(**fields)
    for agency in agencies:
        Routing.objects.create(report=report, agency=agency, routed_at=timezone.now())
    return report
