"""Editors write the job description templates: give the "Editors" group those permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
CODENAMES = [
    f"{action}_jobdescriptiontemplate" for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create ours now.
    app_config = apps.get_app_config("jobs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="jobs", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="jobs", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0005_view_count_and_description_templates"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
