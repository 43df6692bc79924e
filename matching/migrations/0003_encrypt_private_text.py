from django.db import migrations, models

import accounts.crypto


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_proposal_reminder_days"),
    ]

    operations = [
        # Plain text columns first, encrypted in place, then the encrypted field.
        migrations.AlterField(
            model_name="pairingfeedback",
            name="comment",
            field=models.TextField(
                blank=True, verbose_name="anything you'd like to tell the coordinator"
            ),
        ),
        accounts.crypto.encrypt_columns_operation("matching", {"pairingfeedback": ["comment"]}),
        migrations.AlterField(
            model_name="pairingfeedback",
            name="comment",
            field=accounts.crypto.EncryptedTextField(
                blank=True, verbose_name="anything you'd like to tell the coordinator"
            ),
        ),
    ]
