"""People and organisations from a file, for the directory: each row checked by the form of the page that adds
one by hand (``PersonForm``, ``OrganisationForm``) and saved as that page saves it. A coordinator adds records of
their own cities, or without a city (``cities.access.can_edit_city_record``), as on those pages."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.access import can_edit_city_record, coordinated_city_ids, is_staff
from cities.models import City, Organisation
from cities.views.organisations import OrganisationForm
from exchanges.imports.base import Column, Importer, Lookup, choice_values, normal
from exchanges.imports.sessions import organisation_names
from participants.forms import PersonForm


class CityRecordImport(Importer):
    """Rows that may name a city: looked up by name, and refused when the user may not add records there."""

    def load(self):
        self.cities = Lookup(City.objects.all(), lambda city: [city.name, city.slug])
        self.organisations = Lookup(Organisation.objects.all(), organisation_names)

    def city_pk(self, values, result):
        pk = self.lookup_one(
            self.cities,
            values.get("city", ""),
            "city",
            result,
            missing=_("No city named “%(name)s” in the portal."),
            ambiguous=_("Several cities are named “%(name)s”."),
        )
        if pk is not None and not can_edit_city_record(self.user, pk):
            result.add_error("city", _("You may add records of the cities you coordinate only, or without a city."))
        return pk

    def organisation_pk(self, text, column, result):
        return self.lookup_one(
            self.organisations,
            text,
            column,
            result,
            missing=_("No organisation named “%(name)s”."),
            ambiguous=_("Several organisations are named “%(name)s”: give their full name."),
        )

    def example_city(self) -> str:
        cities = City.objects.order_by("name")
        if not is_staff(self.user):
            cities = cities.filter(pk__in=coordinated_city_ids(self.user))
        city = cities.first()
        return city.name if city else ""


class PersonImport(CityRecordImport):
    kind = "people"
    title = gettext_lazy("Import people")
    columns = (
        Column("name", gettext_lazy("The person's name."), required=True),
        Column("honorific_en", gettext_lazy("For example: Commander, Dr. In English.")),
        Column("honorific_fr", gettext_lazy("The same in French.")),
        Column("job_title_en", gettext_lazy("The job title in English.")),
        Column("job_title_fr", gettext_lazy("The job title in French.")),
        Column("organisation", gettext_lazy("The name or acronym of an organisation in the portal.")),
        Column("city", gettext_lazy("The name of a city in the portal.")),
        Column("email", gettext_lazy("The e-mail address; another person may not have it. Optional.")),
        Column("phone", gettext_lazy("In international form, as +221 33 889 12 34 (a text cell). Optional.")),
        Column("languages", gettext_lazy("Languages spoken, as “French, Wolof”.")),
        Column("language", gettext_lazy("Preferred language of e-mails: en or fr. Empty: en.")),
    )
    required_groups = (("name",),)

    def load(self):
        super().load()
        self.languages = choice_values(PersonForm.base_fields["language"].choices)

    def form_data(self, values, result):
        names = ("name", "honorific_en", "honorific_fr", "job_title_en", "job_title_fr", "email", "phone", "languages")
        data = {name: values.get(name, "") for name in names}
        language = values.get("language", "")
        data["language"] = self.languages.get(normal(language), language) if language else "en"
        data["city"] = self.city_pk(values, result)
        data["organisation"] = self.organisation_pk(values.get("organisation", ""), "organisation", result)
        return data

    def make_form(self, data):
        return PersonForm(data=data)

    def check_together(self, results):
        first_row = {}
        for result in results:
            email = normal(result.values.get("email", ""))
            if not email:
                continue
            if email in first_row:
                result.add_error(
                    "email", _("Row %(row)d has the same e-mail address already.") % {"row": first_row[email]}
                )
            else:
                first_row[email] = result.number

    def save_row(self, form):
        return form.save()

    def example_rows(self):
        # No e-mail addresses: an example is no place for addresses (tests/test_permission_matrix.py looks for any
        # on every page a user may open), and the column's help says what it takes.
        city = self.example_city()
        return [
            {
                "name": "Aminata Diallo",
                "honorific_en": "Dr.",
                "honorific_fr": "Dre",
                "job_title_en": "Head of prevention",
                "job_title_fr": "Cheffe de la prévention",
                "city": city,
                "phone": "+221 33 889 12 34",
                "languages": "French, Wolof",
                "language": "fr",
            },
            {
                "name": "Lars Nilsen",
                "job_title_en": "Youth worker",
                "job_title_fr": "Éducateur de rue",
                "city": city,
                "languages": "Norwegian, English",
                "language": "en",
            },
        ]


class OrganisationImport(CityRecordImport):
    kind = "organisations"
    title = gettext_lazy("Import organisations")
    columns = (
        Column("name_en", gettext_lazy("The name in English."), required=True),
        Column("name_fr", gettext_lazy("The name in French. At least one of the two names."), required=True),
        Column("acronym_en", gettext_lazy("The acronym in English, as ICPC.")),
        Column("acronym_fr", gettext_lazy("The acronym in French, as CIPC.")),
        Column(
            "kind",
            gettext_lazy("municipal, police, ngo, academic, network, government, international or other. Empty: other"),
        ),
        Column("city", gettext_lazy("The name of a city in the portal. Empty: none (international).")),
        Column("parent", gettext_lazy("The name or acronym of the organisation it is part of, already in the portal.")),
        Column("website", gettext_lazy("Its web address, as https://example.org.")),
        Column("description_en", gettext_lazy("The description in English.")),
        Column("description_fr", gettext_lazy("The description in French.")),
    )
    required_groups = (("name_en", "name_fr"),)

    def load(self):
        super().load()
        self.kinds = choice_values(Organisation.Kind.choices)

    def form_data(self, values, result):
        names = ("name_en", "name_fr", "acronym_en", "acronym_fr", "website", "description_en", "description_fr")
        data = {name: values.get(name, "") for name in names}
        kind = values.get("kind", "")
        data["kind"] = self.kinds.get(normal(kind), kind) if kind else Organisation.Kind.OTHER
        data["slug"] = ""  # made from the name when saved, as on the page
        data["city"] = self.city_pk(values, result)
        data["parent"] = self.organisation_pk(values.get("parent", ""), "parent", result)
        return data

    def make_form(self, data):
        return OrganisationForm(data=data)

    def save_row(self, form):
        return form.save()

    def example_rows(self):
        city = self.example_city()
        return [
            {
                "name_en": "Neighbourhood Safety Network",
                "name_fr": "Réseau de sécurité de quartier",
                "acronym_en": "NSN",
                "acronym_fr": "RSQ",
                "kind": "ngo",
                "city": city,
                "website": "https://example.org",
                "description_en": "Residents and youth workers who walk the neighbourhood at night.",
                "description_fr": "Habitants et éducateurs qui parcourent le quartier la nuit.",
            },
            {
                "name_en": "International Centre for the Prevention of Crime",
                "name_fr": "Centre international pour la prévention de la criminalité",
                "acronym_en": "ICPC",
                "acronym_fr": "CIPC",
                "kind": "international",
            },
        ]


IMPORTS = {kind.kind: kind for kind in (PersonImport, OrganisationImport)}
