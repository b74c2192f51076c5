from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """Pages and reads that gather several apps (city profiles' exchanges, personal data).

    It sits above the domain apps and reports: they never import it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "overview"
