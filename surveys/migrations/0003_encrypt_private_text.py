from django.db import migrations, models

import accounts.crypto


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_survey_due_sweep"),
    ]

    operations = [
        # Plain text columns first, encrypted in place, then the encrypted field.
        migrations.AlterField(
            model_name="answer",
            name="text",
            field=models.TextField(blank=True, max_length=2000),
        ),
        accounts.crypto.encrypt_columns_operation("surveys", {"answer": ["text"]}),
        migrations.AlterField(
            model_name="answer",
            name="text",
            field=accounts.crypto.EncryptedTextField(blank=True, max_length=2000),
        ),
    ]
