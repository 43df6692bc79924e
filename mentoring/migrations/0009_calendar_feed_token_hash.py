"""Calendar feed tokens stored as their SHA-256, in place: every existing feed URL keeps
working (the URL's token hashes to the stored value). Going back cannot recover a token from
its hash: every feed gets a new random token, so old URLs stop working and people make a
new link."""

import hashlib
import secrets

from django.db import migrations, models

BATCH = 1000


def _rewrite(apps, new_value) -> None:
    CalendarFeed = apps.get_model("mentoring", "CalendarFeed")
    last_pk = 0
    while True:
        batch = list(
            CalendarFeed.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", "token_hash")[:BATCH]
        )
        if not batch:
            return
        for pk, value in batch:
            CalendarFeed.objects.filter(pk=pk).update(token_hash=new_value(value))
        last_pk = batch[-1][0]


def hash_tokens(apps, schema_editor):
    _rewrite(apps, lambda token: hashlib.sha256(token.encode()).hexdigest())


def new_tokens(apps, schema_editor):
    _rewrite(apps, lambda _hash: secrets.token_urlsafe(32))


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0008_encrypt_private_text"),
    ]

    operations = [
        migrations.RenameField(model_name="calendarfeed", old_name="token", new_name="token_hash"),
        migrations.RunPython(hash_tokens, new_tokens, elidable=False),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
