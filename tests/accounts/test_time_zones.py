"""Time zones: common ones first, current names only, the browser's zone preselected by a
script that knows the old names, and the field works without JavaScript."""

import json
import re
import zoneinfo
from pathlib import Path

import pytest
import tzdata
from django.conf import settings
from django.urls import reverse

from accounts.forms import ProfileForm, SignupProfileForm
from accounts.time_zones import (
    COMMON_TIME_ZONES,
    DEPRECATED_TIME_ZONES,
    current_time_zone_name,
    offered_time_zones,
    time_zone_choices,
)
from matching.forms import IntakeForm
from tests.factories import UserFactory

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "timezone.js"


def zone_tab_names() -> set[str]:
    path = Path(tzdata.__file__).parent / "zoneinfo" / "zone.tab"
    return {
        line.split("\t")[2].strip()
        for line in path.read_text().splitlines()
        if line and not line.startswith("#")
    }


def option_values(choices) -> list[str]:
    return [value for _group, options in choices for value, _label in options]


def test_deprecated_names_are_not_offered():
    offered = set(offered_time_zones())
    assert "Africa/Asmera" not in offered and "Africa/Asmara" in offered
    assert not offered & {"US/Eastern", "Asia/Calcutta", "Europe/Kiev", "GB", "Etc/GMT+5"}
    # Every offered name is a current place name from the tz database's own table.
    assert offered <= zone_tab_names() | {"UTC"}
    # ... and every current place name is offered.
    assert zone_tab_names() & zoneinfo.available_timezones() <= offered


def test_common_zones_come_first_and_each_name_once():
    (common_label, common), (all_label, others) = time_zone_choices()
    assert [value for value, _ in common] == [value for value, _ in COMMON_TIME_ZONES]
    values = option_values(time_zone_choices())
    assert len(values) == len(set(values)) == len(offered_time_zones())
    assert values[0] == "America/New_York"


def test_every_old_name_maps_to_an_offered_one():
    offered = set(offered_time_zones())
    for old, new in DEPRECATED_TIME_ZONES.items():
        assert old in zoneinfo.available_timezones() or old == "localtime"
        assert new == "" or new in offered, (old, new)
    assert current_time_zone_name("Africa/Asmera") == "Africa/Asmara"
    assert current_time_zone_name("US/Eastern") == "America/New_York"
    assert current_time_zone_name("America/Chicago") == "America/Chicago"


def test_the_script_knows_the_same_old_names():
    text = SCRIPT.read_text()
    mapping = json.loads(re.search(r"var CURRENT_NAMES = (\{.*?\});", text).group(1))
    assert mapping == {old: new for old, new in DEPRECATED_TIME_ZONES.items() if new}
    # Vendored and small: nothing fetched from elsewhere.
    assert "http" not in text and len(text) < 8000


def test_an_old_name_submitted_is_stored_as_the_current_one():
    form = SignupProfileForm(data={"display_name": "River", "time_zone": "Africa/Asmara"})
    assert form.is_valid(), form.errors
    form = SignupProfileForm(data={"display_name": "River", "time_zone": "Not/AZone"})
    assert not form.is_valid() and "time_zone" in form.errors


def test_only_a_new_person_s_form_detects_the_browser_zone():
    assert "data-detect-timezone" in str(SignupProfileForm()["time_zone"])
    bound = SignupProfileForm(data={"display_name": "", "time_zone": "America/Denver"})
    assert "data-detect-timezone" not in str(bound["time_zone"])
    assert "data-detect-timezone" in str(SignupProfileForm()["time_zone"])
    assert "data-detect-timezone" not in str(IntakeForm(for_mentor=False)["time_zone"])


@pytest.mark.django_db
def test_a_profile_with_an_old_name_shows_the_current_one():
    user = UserFactory()
    user.profile.time_zone = "US/Eastern"
    user.profile.save()
    form = ProfileForm(instance=user.profile)
    assert 'value="America/New_York" selected' in str(form["time_zone"])
    assert "data-detect-timezone" not in str(form["time_zone"])


@pytest.mark.django_db
def test_a_profile_with_a_fixed_offset_can_still_be_saved():
    user = UserFactory()
    user.profile.time_zone = "Etc/GMT+5"
    user.profile.save()
    data = {"display_name": "River", "time_zone": "Etc/GMT+5", "preferred_language": "en"}
    form = ProfileForm(data=data, instance=user.profile)
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_the_sign_up_page_loads_the_script_without_inline_code(client):
    body = client.get(reverse("account_signup")).content.decode()
    assert re.search(r'<script src="[^"]*js/timezone\.js" defer>', body)
    assert '<optgroup label="Common time zones">' in body
    assert 'data-detect-timezone="1"' in body
