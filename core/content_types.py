"""Keep content types (and so permissions and admin log entries) with a model that moves between apps."""

from django.db import migrations


def move_content_types(old_app: str, new_app: str, models: list[str]) -> migrations.RunPython:
    """A migration step that relabels the content types of ``models`` from ``old_app`` to ``new_app``.

    Without it, Django would create new content types after the migration and leave the old ones
    (with the permissions and admin history pointing at them) stale. A database that has no content
    types yet (a new one) has nothing to relabel; one that somehow has both keeps both untouched.
    """

    def relabel(apps, schema_editor, source=old_app, target=new_app):
        content_type = apps.get_model("contenttypes", "ContentType")
        manager = content_type.objects.db_manager(schema_editor.connection.alias)
        for model in models:
            if not manager.filter(app_label=target, model=model).exists():
                manager.filter(app_label=source, model=model).update(app_label=target)

    def forwards(apps, schema_editor):
        relabel(apps, schema_editor)

    def backwards(apps, schema_editor):
        relabel(apps, schema_editor, source=new_app, target=old_app)

    return migrations.RunPython(forwards, backwards, elidable=False)
