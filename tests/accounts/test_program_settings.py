"""Coordinators edit their program in PeerPath: settings and thresholds, crisis resources
(tel: and sms: links on "Get help now"), the privacy notice; each change is recorded."""

import pytest
from django.urls import reverse

from accounts.models import CrisisResource, Program, ProgramChange

pytestmark = pytest.mark.django_db

GENERAL = {
    "description": "Peer support in Harbor County.",
    "invitation_valid_days": "10",
    "open_enrollment": "",
    "coordinator_idle_minutes": "30",
    "flag_no_checkin_days": "5",
    "flag_mood_drop_points": "2",
    "flag_no_meeting_days": "21",
    "flag_return_to_use_days": "14",
    "late_log_days": "14",
}


def url(name, program):
    return reverse(f"accounts:{name}", kwargs={"program_slug": program.slug})


def crisis_post(rows, other=""):
    data = {
        "resource-TOTAL_FORMS": str(len(rows)),
        "resource-INITIAL_FORMS": "0",
        "resource-MIN_NUM_FORMS": "0",
        "resource-MAX_NUM_FORMS": "12",
        "other_lines": other,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"resource-{i}-{key}"] = value
    return data


def test_settings_are_saved_and_recorded(login, coordinator, program):
    client = login(coordinator)
    assert client.get(url("settings", program)).status_code == 200
    response = client.post(url("settings", program), GENERAL)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.setting("flag_no_checkin_days") == 5
    assert program.setting("flag_no_meeting_days") == 21
    assert program.invitation_valid_days == 10
    changes = {c.setting: c for c in ProgramChange.objects.filter(program=program)}
    assert changes["flag_no_checkin_days"].before == "7"
    assert changes["flag_no_checkin_days"].after == "5"
    assert changes["flag_no_checkin_days"].changed_by == coordinator.user
    page = client.get(url("settings_changes", program)).content.decode()
    assert "flag_no_checkin_days" in page and "Dana" in page


@pytest.mark.parametrize(
    "field, value",
    [
        ("flag_no_checkin_days", "0"),
        ("flag_no_meeting_days", "9999"),
        ("invitation_valid_days", "abc"),
        ("late_log_days", "²"),
    ],
)
def test_bad_settings_change_nothing(login, coordinator, program, field, value):
    response = login(coordinator).post(url("settings", program), {**GENERAL, field: value})
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    program.refresh_from_db()
    assert program.settings == {} and not ProgramChange.objects.exists()


def test_crisis_resources_become_call_and_text_links(login, coordinator, mentee, program):
    rows = [
        {
            "name": "Harbor warm line",
            "phone": "(202) 555-0123",
            "note": "Every day, 8am to midnight",
        },
        {"name": "Crisis Text Line", "text_number": "741741", "text_keyword": "HOME"},
        {"name": "988 Lifeline", "phone": "988", "web_url": "988lifeline.org"},
    ]
    response = login(coordinator).post(
        url("settings_crisis", program), crisis_post(rows, "Walk-in center: 12 Main St.")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = list(CrisisResource.objects.filter(program=program))
    assert [r.phone for r in stored] == ["+12025550123", "", "988"]
    assert stored[2].web_url == "https://988lifeline.org"
    assert ProgramChange.objects.filter(setting="crisis_resources").exists()
    page = login(mentee).get(url("program_help", program)).content.decode()
    assert 'href="tel:+12025550123"' in page
    assert 'href="sms:741741?body=HOME"' in page
    assert 'href="tel:988"' in page and "Walk-in center" in page


@pytest.mark.parametrize(
    "row",
    [
        {"name": "Bad", "phone": "call me maybe"},
        {"name": "Bad", "phone": "12"},
        {"name": "", "phone": "988"},
        {"name": "Nothing to dial"},
        {"name": "Keyword only", "text_keyword": "HOME"},
    ],
)
def test_bad_crisis_resources_change_nothing(login, coordinator, program, row):
    response = login(coordinator).post(url("settings_crisis", program), crisis_post([row]))
    assert response.status_code == 200
    assert not CrisisResource.objects.exists() and not ProgramChange.objects.exists()


def test_default_help_has_call_text_and_https_links(client):
    page = client.get("/help/").content.decode()
    assert 'href="tel:988"' in page and 'href="sms:988"' in page
    assert 'href="https://988lifeline.org"' in page and "http://988" not in page
    assert 'href="tel:911"' in page and 'href="sms:741741?body=HOME"' in page


def test_a_new_privacy_notice_is_acknowledged_again(login, coordinator, mentee, program):
    version = program.privacy_notice_version
    client = login(coordinator)
    response = client.post(url("settings_privacy", program), {"text": "A new, clearer notice."})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.privacy_notice_version == version + 1
    home = login(mentee).get(reverse("program_home", kwargs={"program_slug": program.slug}))
    assert home.status_code == 302 and home.url == url("privacy_notice", program)
    # The same text again is no new version.
    client = login(coordinator)
    client.post(url("settings_privacy", program), {"text": "A new, clearer notice."})
    program.refresh_from_db()
    assert program.privacy_notice_version == version + 1
    assert client.post(url("settings_privacy", program), {"text": "  "}).status_code == 200


@pytest.mark.parametrize(
    "name", ["settings", "settings_crisis", "settings_privacy", "settings_changes"]
)
def test_only_the_programs_coordinators(login, program, mentor, mentee, outsider, name):
    for member in (mentor, mentee):
        assert login(member).get(url(name, program)).status_code == 403
        assert login(member).post(url(name, program), GENERAL).status_code in (403, 405)
    assert login(outsider).get(url(name, program)).status_code == 404
    assert Program.objects.get(pk=program.pk).settings == {}
