"""The "Editors" group: exactly what editors need to run the blog in admin.

Articles and their parts, authors, categories, tags and comments; not users, companies or jobs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
MODELS = [
    "article",
    "articleimage",
    "author",
    "category",
    "tag",
    "guidefacts",
    "paylevel",
    "careerstage",
    "procon",
    "faq",
    "comment",
]
ACTIONS = ["add", "change", "delete", "view"]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create ours now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="articles", codename__in=codenames
    )
    group.permissions.add(*permissions)


def remove_editors_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="articles")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_articles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_permissions)]
