from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from coach import api_urls as coach_api_urls
from cycles import api as cycles_api
from meetings import api as meetings_api
from notifications import api as notifications_api
from okrs import api_urls as okrs_api_urls
from people import api as people_api
from people.auth_views import admin_login, admin_password_change
from privacy import api as privacy_api
from reviews import api as reviews_api
from reviews import api_pdf as reviews_api_pdf

from .health import healthz

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("people", people_api.PersonViewSet, basename="person")
router.register("units", people_api.UnitViewSet, basename="unit")
okrs_api_urls.register(router)
coach_api_urls.register(router)
router.register("cycles", cycles_api.CycleViewSet, basename="cycle")
router.register("reviews", reviews_api.ReviewViewSet, basename="review")
router.register("feedback-requests", reviews_api.FeedbackRequestViewSet, basename="feedback-request")
router.register("conversations", reviews_api.ConversationViewSet, basename="conversation")
meetings_api.register(router)

api_patterns = [
    path("me/", people_api.me, name="api-me"),
    path("notification-settings/", notifications_api.notification_settings, name="api-notification-settings"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the content security policy allows no inline one.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("reviews/<int:pk>/summary.pdf", reviews_api_pdf.ReviewSummaryPdf.as_view(), name="api-review-summary-pdf"),
    path("conversations/<int:pk>/invite.ics", reviews_api.ConversationViewSet.as_view({"get": "invite"}),
         name="api-conversation-invite"),
    path("meetings/<int:pk>/invite.ics", meetings_api.MeetingViewSet.as_view({"get": "invite"}),
         name="api-meeting-invite"),
    *coach_api_urls.urlpatterns,
    path("people/<int:pk>/export/", privacy_api.person_export, name="api-person-export"),
    path("people/<int:pk>/erase/", privacy_api.person_erase_view, name="api-person-erase"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/", healthz),
    # Browsers ask for /favicon.ico on documents that name no icon (PDFs, CSV files): the same mark as the pages.
    path("favicon.ico", login_not_required(RedirectView.as_view(url=static("img/favicon.svg"), permanent=True))),
    path("accounts/", include("people.auth_urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    # The language switch works before login too (the login page offers it).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
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
    path("cycles/", include("cycles.urls")),
    path("meetings/", include("meetings.urls")),
    path("", include("people.urls")),
]
