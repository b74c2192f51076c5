from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cities import selectors
from cities.forms import CityProfileForm


@login_required
def city_edit(request, slug):
    city = selectors.get_city_for_user_or_404(request.user, slug, edit=True)
    form = CityProfileForm(request.POST or None, instance=city, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The profile of %(city)s is saved.") % {"city": city.name})
        return redirect(city)
    return render(request, "cities/city_form.html", {"city": city, "form": form})
