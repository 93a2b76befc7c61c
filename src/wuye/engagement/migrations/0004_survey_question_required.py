from django.db import migrations, models


def keep_other_questions_optional(apps, schema_editor):
    """Ratings become required, as new ones are; choice and text questions stay optional."""
    Question = apps.get_model("engagement", "Question")
    Question.objects.exclude(kind="rating").update(required=False)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0003_community_voice"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="required",
            field=models.BooleanField(
                default=True,
                help_text="A questionnaire without an answer to it is refused.",
                verbose_name="answer required",
            ),
        ),
        migrations.RunPython(keep_other_questions_optional, migrations.RunPython.noop),
    ]
