from django.urls import path

from . import views, views_import

app_name = "people"

urlpatterns = [
    path("", views.home, name="home"),
    path("org/", views.org_chart, name="org_chart"),
    path("org/<int:person_id>/", views.org_chart, name="org_chart_person"),
    path("org/import/", views_import.import_org_view, name="import_org"),
]
