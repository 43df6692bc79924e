from django.db import migrations, models

import accounts.crypto


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_program_settings"),
        ("messaging", "0002_announcements"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="message",
            name="message_body_length",
        ),
        # Plain text columns first, encrypted in place, then the encrypted field.
        migrations.AlterField(
            model_name="message",
            name="body",
            field=models.TextField(max_length=4000, verbose_name="message"),
        ),
        migrations.AlterField(
            model_name="messagereport",
            name="handled_note",
            field=models.TextField(blank=True, max_length=500, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="messagereport",
            name="reason",
            field=models.TextField(max_length=1000, verbose_name="reason"),
        ),
        accounts.crypto.encrypt_columns_operation(
            "messaging", {"message": ["body"], "messagereport": ["handled_note", "reason"]}
        ),
        migrations.AlterField(
            model_name="message",
            name="body",
            field=accounts.crypto.EncryptedTextField(max_length=4000, verbose_name="message"),
        ),
        migrations.AlterField(
            model_name="messagereport",
            name="handled_note",
            field=accounts.crypto.EncryptedCharField(
                blank=True, max_length=500, verbose_name="note"
            ),
        ),
        migrations.AlterField(
            model_name="messagereport",
            name="reason",
            field=accounts.crypto.EncryptedCharField(max_length=1000, verbose_name="reason"),
        ),
        migrations.AddConstraint(
            model_name="message",
            constraint=models.CheckConstraint(
                condition=models.Q(("body", ""), _negated=True), name="message_body_not_empty"
            ),
        ),
    ]
