"""Writes for partnerships of cities."""

from django.db import transaction

from exchanges.models import Partnership, PartnershipCity


def partnership_choose_publication(*, partnership: Partnership, city_ids, publishes: bool) -> int:
    """Record the choice of these cities of the partnership (a public page or not); returns the rows changed.

    The page is public once every city of the partnership chose so. The caller asks
    ``exchanges.access.partnership_choice_city_ids`` which cities the user speaks for.
    """
    with transaction.atomic():
        return PartnershipCity.objects.filter(partnership=partnership, city_id__in=list(city_ids)).update(
            publishes=publishes
        )
