import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Membership, Program, Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the manager, so the profile is created as in production.
        display_name = kwargs.pop("display_name", None)
        user = model_class.objects.create_user(*args, **kwargs)
        if display_name:
            user.profile.display_name = display_name
            user.profile.save()
        return user

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )
        obj.save()


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member who has acknowledged the privacy notice."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    program = factory.SubFactory(ProgramFactory)
    role = Role.MENTEE
    status = Membership.Status.ACTIVE
    privacy_notice_version = 1
    privacy_acknowledged_at = factory.LazyFunction(timezone.now)
