import pytest
from django.apps import apps
from django.contrib import admin
from django.db.models import CharField, JSONField, TextField

from accounts.admin import RecordAdmin
from accounts.models import Membership, Profile, Role, User
from tests.factories import UserFactory

PRODUCT_APPS = {
    "accounts",
    "privacy",
    "notifications",
    "matching",
    "messaging",
    "surveys",
    "mentoring",
    "reports",
    "mydata",
}


def product_models():
    return [m for m in apps.get_models() if m._meta.app_label in PRODUCT_APPS]


def test_every_product_model_is_registered_and_searchable():
    for model in product_models():
        assert admin.site.is_registered(model), model
        assert admin.site._registry[model].search_fields, f"{model} has no search"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", product_models(), ids=lambda m: f"{m._meta.app_label}.{m._meta.model_name}"
)
def test_changelist_and_search_load(client, model, mentee, coordinator):
    client.force_login(UserFactory(email="ops@example.org", is_staff=True, is_superuser=True))
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    assert client.get(base).status_code == 200
    assert client.get(base, {"q": "example"}).status_code == 200


# The rules every product admin follows (the pages themselves are tried with private text in
# tests/mentoring/test_admin.py and tests/matching/test_admin.py).

# Search may look at these only: names, addresses and program content, never members' words.
SEARCHABLE_TEXT = {
    "accounts.User.email",
    "accounts.Profile.display_name",
    "accounts.Program.name",
    "accounts.Program.slug",
    "accounts.Program.description",
    "accounts.CrisisResource.name",
    "accounts.ProgramChange.setting",
    "accounts.Invitation.email",
    "accounts.FormSubmission.key",
    "mentoring.Strategy.title",
    "mentoring.Strategy.body",
    "mentoring.Event.title",
    # A questionnaire's title is the program's words, not a member's.
    "surveys.Questionnaire.title",
    # The name of a periodic sweep ("checkin_reminders"), not anyone's words.
    "notifications.SweepMark.name",
}


def product_admins():
    return [(model, admin.site._registry[model]) for model in product_models()]


def search_target(model, path: str) -> str:
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return f"{model._meta.label}.{name}"


def test_every_product_admin_follows_the_record_rules():
    for model, model_admin in product_admins():
        assert isinstance(model_admin, RecordAdmin), model
        if not model_admin.str_is_safe:
            assert "__str__" not in model_admin.list_display, model
            assert not model_admin.autocomplete_fields, model
        for path in model_admin.search_fields:
            target = search_target(model, path)
            field = apps.get_model(target.rsplit(".", 1)[0])._meta.get_field(path.split("__")[-1])
            if isinstance(field, (CharField, TextField, JSONField)) and not field.choices:
                assert target in SEARCHABLE_TEXT, f"{model.__name__} searches {target}"


def test_matching_and_mentoring_records_have_no_add_or_change_form(rf, db):
    request = rf.get("/admin/")
    request.user = UserFactory(email="ops@example.org", is_staff=True, is_superuser=True)
    for model, model_admin in product_admins():
        if model._meta.app_label in (
            "matching",
            "messaging",
            "surveys",
            "mentoring",
            "reports",
        ):
            assert not model_admin.has_add_permission(request), model
            assert not model_admin.has_change_permission(request), model


def test_a_user_added_in_the_admin_has_a_profile(operator):
    response = operator.post(
        "/admin/accounts/user/add/",
        {
            "email": "new@example.org",
            "password1": "a-long-pass-9381",
            "password2": "a-long-pass-9381",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert Profile.objects.filter(user=user).exists()
    # The user's page shows the profile without offering to edit it there.
    page = operator.get(f"/admin/accounts/user/{user.pk}/change/")
    assert page.status_code == 200


def test_a_profile_changes_through_the_service_rules(operator, mentee):
    profile = mentee.user.profile
    url = f"/admin/accounts/profile/{profile.pk}/change/"
    data = {
        "display_name": "Jo",
        "pronouns": "they/them",
        "time_zone": "Europe/Lisbon",
        "preferred_language": "en",
        "email_reminders": "on",
    }
    assert operator.post(url, data).status_code == 302
    profile.refresh_from_db()
    assert (profile.display_name, profile.time_zone, profile.email_updates) == (
        "Jo",
        "Europe/Lisbon",
        False,
    )
    response = operator.post(url, {**data, "time_zone": "Mars/Olympus"})
    assert response.status_code == 200  # a form error, not a 500
    profile.refresh_from_db()
    assert profile.time_zone == "Europe/Lisbon"


def test_memberships_change_only_through_the_services(operator, mentee):
    assert operator.get("/admin/accounts/membership/add/").status_code == 403
    url = f"/admin/accounts/membership/{mentee.pk}/change/"
    assert operator.post(url, {"role": "coordinator", "status": "left"}).status_code == 403
    mentee.refresh_from_db()
    assert (mentee.role, mentee.status) == (Role.MENTEE, Membership.Status.ACTIVE)
    assert operator.get(url).status_code == 200


def test_enrollment_is_not_opened_from_the_admin(operator, program):
    url = f"/admin/accounts/program/{program.pk}/change/"
    page = operator.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert "open_enrollment" not in form.fields
