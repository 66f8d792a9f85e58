from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from coach import api_urls as coach_api
from common.health import healthz
from continuous import api_urls as continuous_api
from cycles import api_urls as cycles_api
from cycles import urls as cycles_urls
from documents import api_urls as documents_api
from meetings import api_urls as meetings_api
from notifications import api_urls as notifications_api
from okrs import api_urls as okrs_api
from people import api_urls as people_api
from people.views.auth import admin_login, admin_password_change
from people.views.language import language_switch
from privacy import api_urls as privacy_api
from reviews import api_urls as reviews_api
from reviews import urls as reviews_urls

# Every app's API routes, registered the same way: its ``api_urls`` module names its viewsets (``ROUTES``) and
# its plain views (``urlpatterns``); the plain paths come first so that a fixed path wins over a router pattern.
API_APPS = [people_api, okrs_api, coach_api, cycles_api, continuous_api, reviews_api, meetings_api, notifications_api,
            privacy_api, documents_api]

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
for app in API_APPS:
    for prefix, viewset, basename in app.ROUTES:
        router.register(prefix, viewset, basename=basename)

api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the content security policy allows no inline one.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *(pattern for app in API_APPS for pattern in app.urlpatterns),
    path("", include(router.urls)),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/", healthz),
    # Browsers ask for /favicon.ico on documents that name no icon (PDFs, CSV files): the same mark as the pages.
    path("favicon.ico", login_not_required(RedirectView.as_view(url=static("img/favicon.svg"), permanent=True))),
    path("accounts/", include("people.auth_urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    # The language switch works before login too (the login page offers it); it remembers the person's choice.
    path("i18n/setlang/", language_switch, name="set_language"),
    path("admin/login/", admin_login),
    path("admin/password_change/", admin_password_change),
    path("admin/", admin.site.urls),
    path("api/", include(api_patterns)),
    path("goals/", include("okrs.urls")),
    path("coach/", include("coach.urls")),
    path("documents/", include("documents.urls")),
    path("notifications/", include("notifications.urls")),
    path("privacy/", include("privacy.urls")),
    path("reviews/", include("reviews.urls")),
    # A cycle's configuration pages (cycles) and its own page with the phase buttons (reviews), one namespace.
    path("cycles/", include(([*cycles_urls.urlpatterns, *reviews_urls.cycle_urlpatterns], cycles_urls.app_name))),
    path("meetings/", include("meetings.urls")),
    # Praise (/praise/), feedback (/feedback/) and a manager's notes (/notes/): one app, three sections.
    path("", include("continuous.urls")),
    path("", include("people.urls")),
]
