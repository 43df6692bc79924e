"""Private text encrypted at rest: a model field storing Fernet tokens (AES-128-CBC and
HMAC-SHA256, from the `cryptography` package) in a text column.

Keys come from settings.FIELD_ENCRYPTION_KEYS (the environment): the first encrypts, every
one decrypts, so a new key can be put first while old rows are re-encrypted
(`manage.py rotate_encryption_keys`). With DEBUG on and no keys set, one key is derived from
SECRET_KEY so development and tests need nothing; with DEBUG off and no keys, `check
--deploy` fails (accounts.checks) and saving private text raises.

What the database cannot do with an encrypted column: search it, sort it, measure it or
compare it to anything but the empty string. Such lookups raise instead of silently matching
nothing. The empty string is stored as is (the "blank" of a form and `exclude(text="")` keep
working); it tells only that nothing was written.
"""

import base64
import hashlib
from collections.abc import Iterable
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.validators import MaxLengthValidator
from django.db import connections, models, transaction
from django.db.models.functions import Cast
from django.db.models.lookups import Exact

# Lookups an encrypted column answers: "is it empty" and "is it null".
ALLOWED_LOOKUPS = frozenset({"exact", "isnull"})


def _key_from_secret_key(secret_key: str) -> str:
    digest = hashlib.sha256(b"peerpath field encryption\0" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def configured_keys() -> tuple[str, ...]:
    """The keys in use, the encrypting one first. Raises when production has none."""
    keys = tuple(key.strip() for key in settings.FIELD_ENCRYPTION_KEYS if key.strip())
    if keys:
        return keys
    if getattr(settings, "FIELD_ENCRYPTION_KEY_FROM_SECRET_KEY", False):
        return (_key_from_secret_key(settings.SECRET_KEY),)
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS is not set: private text cannot be stored without a key. "
        'Generate one with `python -c "from cryptography.fernet import Fernet; '
        'print(Fernet.generate_key().decode())"`.'
    )


@lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    try:
        each = [Fernet(key.encode()) for key in keys]
    except ValueError as error:
        raise ImproperlyConfigured(
            f"FIELD_ENCRYPTION_KEYS: every key must be 32 url-safe base64-encoded bytes ({error})"
        ) from error
    return MultiFernet(each), each[0]


def _multi() -> MultiFernet:
    return _fernets(configured_keys())[0]


def encrypt(text: str) -> str:
    return _multi().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _multi().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as error:
        # Never the token or the text in the message: it reaches logs and error reports.
        raise ImproperlyConfigured(
            "Encrypted text that no key in FIELD_ENCRYPTION_KEYS opens (a key was removed "
            "before `rotate_encryption_keys` ran, or the column holds plain text)."
        ) from error


def is_on_primary_key(token: str) -> bool:
    """Whether the token opens with the first key alone (rotation has nothing to do)."""
    try:
        _fernets(configured_keys())[1].decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """The same text encrypted with the first key (any key may open the old token)."""
    return _multi().rotate(token.encode("ascii")).decode("ascii")


class EncryptedExact(Exact):
    """`field=""` only: a token differs on every write, so equality to text cannot work."""

    def get_prep_lookup(self):
        if self.rhs_is_direct_value() and self.rhs not in ("", None):
            raise FieldError(
                f"{self.lhs.output_field.name} is encrypted: it can only be compared to ''."
            )
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """Text stored encrypted. max_length (validation and forms) applies to the plain text;
    the column is `text`, whatever the length of the token."""

    description = "Text encrypted at rest"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return EncryptedExact
        if lookup_name in ALLOWED_LOOKUPS:
            return super().get_lookup(lookup_name)
        return None

    def get_transform(self, lookup_name):
        return None


class EncryptedCharField(EncryptedTextField):
    """An encrypted one-line answer: a text input in forms, like a CharField."""

    def formfield(self, **kwargs):
        return models.Field.formfield(
            self, **{"max_length": self.max_length, "form_class": forms.CharField, **kwargs}
        )


def encrypted_fields(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def raw_values(queryset, fields: Iterable[str]):
    """(pk, token, token...) rows as stored: the tokens, not the decrypted text."""
    return queryset.values_list(
        "pk", *(Cast(name, output_field=models.TextField()) for name in fields)
    )


def write_raw(model, fields: list[str], rows: dict[int, dict[str, str]]) -> None:
    """Store exact column values (tokens or plain text) for some rows, skipping the field's
    own encryption. PostgreSQL: one UPDATE ... FROM (VALUES ...) per field (bulk_update's
    CASE over a thousand ids, or an UPDATE per row, are ten times slower); elsewhere one
    UPDATE per row."""
    if not rows:
        return
    manager = model._base_manager
    connection = connections[manager.db]
    if connection.vendor != "postgresql":
        plain = models.TextField()
        for pk, values in rows.items():
            manager.filter(pk=pk).update(
                **{name: models.Value(value, output_field=plain) for name, value in values.items()}
            )
        return
    quote = connection.ops.quote_name
    table, pk_column = quote(model._meta.db_table), quote(model._meta.pk.column)
    for name in fields:
        changes = [(pk, values[name]) for pk, values in rows.items() if name in values]
        if not changes:
            continue
        column = quote(model._meta.get_field(name).column)
        # Identifiers come from the model's own metadata; every value is a parameter.
        sql = (
            f"UPDATE {table} AS t SET {column} = v.value FROM (VALUES "  # noqa: S608
            + ", ".join(["(%s, %s)"] * len(changes))
            + f") AS v(id, value) WHERE t.{pk_column} = v.id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [item for change in changes for item in change])


def migrate_columns(model, fields: list[str], *, transform, batch_size: int = 1000) -> int:
    """Rewrite every non-empty value of `fields` through `transform` (encrypt on the way
    forward, decrypt on the way back), in batches of primary keys, one transaction each.
    For data migrations, whose historical models see the columns as plain text."""
    changed = 0
    last_pk = None
    queryset = model._base_manager.order_by("pk")
    while True:
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        batch = list(page.values_list("pk", *fields)[:batch_size])
        if not batch:
            return changed
        updates = {}
        for pk, *values in batch:
            new = {
                name: transform(value) for name, value in zip(fields, values, strict=True) if value
            }
            if new:
                updates[pk] = new
        with transaction.atomic():
            write_raw(model, fields, updates)
        changed += len(updates)
        last_pk = batch[-1][0]


def encrypt_columns_operation(app_label: str, columns: dict[str, list[str]]):
    """A data migration step: encrypt the columns {model name: [field names]} in place, and
    decrypt them on the way back. The historical models must see them as plain TextFields
    at this step (alter the fields to models.TextField before, to the encrypted field after)."""
    from django.db import migrations

    def run(apps, schema_editor, transform):
        for model_name, fields in columns.items():
            migrate_columns(apps.get_model(app_label, model_name), fields, transform=transform)
        if schema_editor.connection.vendor == "postgresql":
            # Check the deferred foreign keys the updates queued now: PostgreSQL refuses to
            # ALTER a table with pending trigger events (the next step, going back).
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")

    return migrations.RunPython(
        lambda apps, schema_editor: run(apps, schema_editor, encrypt),
        lambda apps, schema_editor: run(apps, schema_editor, decrypt),
        elidable=False,
    )
