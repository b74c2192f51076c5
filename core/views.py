from django.http import HttpResponse


def ping(request):
    """The benchmarks' floor: a Django view through the whole middleware stack that touches no database."""
    return HttpResponse("ok", content_type="text/plain")
