"""The project's form renderer: every field group (``{{ field.as_field_group }}``) through one template."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Django's templates, found through the project's TEMPLATES (so they may be overridden there),
    with one field template for every app: ``templates/includes/field.html``."""

    field_template_name = "includes/field.html"
