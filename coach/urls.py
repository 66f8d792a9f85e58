from django.urls import path

from . import views, views_writing

app_name = "coach"

urlpatterns = [
    path("", views.my_unit, name="home"),
    path("objectives/<int:pk>/", views.objective_panel, name="objective"),
    path("objectives/<int:pk>/silence/", views.silence_create, name="silence_new"),
    path("silences/<int:pk>/delete/", views.silence_delete, name="silence_delete"),
    path("units/<int:unit_id>/", views.unit_summary, name="unit_summary"),
    path("rules/", views.rule_settings, name="rules"),
    path("retrospective/", views.retrospective_page, name="company_retrospective"),
    path("retrospective/units/<int:unit_id>/", views.retrospective_page, name="retrospective"),
    path("writing/", views_writing.writing_panel, name="writing"),
]
