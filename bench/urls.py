"""The project's URLs plus the floor: a trivial authenticated view through the same middleware stack."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def trivial(request):
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial, name="bench-trivial"), *project_urlpatterns]
