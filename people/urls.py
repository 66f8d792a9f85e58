from django.urls import path

from .views import imports, org

app_name = "people"

urlpatterns = [
    path("", org.home, name="home"),
    path("org/", org.org_chart, name="org_chart"),
    path("org/<int:person_id>/", org.org_chart, name="org_chart_person"),
    path("org/import/", imports.import_org_view, name="import_org"),
]
