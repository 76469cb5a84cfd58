"""An analyst opens the crime map, filters it, opens an LSOA and downloads its CSV.

Headless Chromium against a live server with the real CSP; Leaflet (vendored)
draws the map with no network; every page is checked with axe-core.
"""

import csv
import json
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import (
    TEST_PASSWORD,
    TOTPDeviceFactory,
    UserFactory,
)
from hedgerow.analytics.tests.conftest import (  # noqa: F401 - a fixture
    JULY_2016,
    JULY_2017,
    real_geography,
    real_rows,
)
from hedgerow.audit.models import Action, AuditEvent
from tests.functional.test_partnership_setup_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_maps_filters_opens_an_lsoa_and_downloads_it(
    page,
    live_server,
    assert_accessible,
    real_geography,  # noqa: F811
):
    call_command(
        "import_policeuk",
        str(JULY_2016),
        str(JULY_2017),
        "--no-progress",
        stdout=StringIO(),
    )
    analyst = UserFactory(role=Role.ANALYST, email="analyst@csp.example")
    device = TOTPDeviceFactory(user=analyst)
    sign_in(
        page,
        assert_accessible,
        base_url=live_server.url,
        email=analyst.email,
        password=TEST_PASSWORD,
        device=device,
    )

    page.get_by_role("link", name="Areas").first.click()
    page.wait_for_selector(".leaflet-container .leaflet-interactive")
    assert page.locator(".hedgerow-map__svg").is_hidden()  # Leaflet replaced the SVG
    assert "SOC indicators" in page.get_by_test_id("describes").inner_text()
    assert_accessible(page)

    page.get_by_label("Crime counted", exact=True).select_option(label="Drugs")
    page.get_by_label("From", exact=True).select_option("2017-07")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"what=type%3ADrugs"))
    described = page.get_by_test_id("describes").inner_text()
    assert "Drugs" in described
    assert "2017-07 (1 months)" in described
    page.wait_for_selector(".leaflet-container .leaflet-interactive")
    assert_accessible(page)

    drugs = Counter(
        r["LSOA code"]
        for r in real_rows(JULY_2017)
        if r["Crime type"] == "Drugs" and r["LSOA code"]
    )
    first = page.locator("table a.govuk-link").first
    code = re.search(r"/lsoa/(E01\d{6})/", first.get_attribute("href")).group(1)
    assert drugs[code] == max(drugs.values())  # the highest rate comes first
    first.click()
    assert page.get_by_role("heading", level=2, name="By month").is_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name=re.compile(r"Download this area.*\(CSV\)")
        ).click()
    with open(download_info.value.path(), encoding="utf-8") as downloaded:
        rows = list(csv.DictReader(downloaded))
    assert {(r["month"], r["crime_type"]) for r in rows} >= {("2017-07", "Drugs")}
    counted = {
        r["crime_type"]: int(r["count"]) for r in rows if r["month"] == "2017-07"
    }
    assert counted["Drugs"] == drugs[code]
    assert AuditEvent.objects.filter(action=Action.EXPORT, target_id=code).exists()

    # The same area with its boundary, for a GIS.
    with page.expect_download() as geojson_info:
        page.get_by_role("link", name=re.compile(r"\(GeoJSON\)")).click()
    with open(geojson_info.value.path(), encoding="utf-8") as downloaded:
        collection = json.load(downloaded)
    (feature,) = collection["features"]
    assert feature["properties"]["code"] == code
    assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
