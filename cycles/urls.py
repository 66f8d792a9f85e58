from django.urls import path

from . import templates_views, views

app_name = "cycles"

# A cycle's own page and its phase buttons are the reviews app's (``reviews.urls.cycle_urlpatterns``); the
# project's URLconf serves both lists under this namespace.

urlpatterns = [
    path("", views.cycle_list, name="list"),
    path("new/", views.cycle_new, name="new"),
    path("<int:pk>/edit/", views.cycle_edit, name="edit"),
    path("<int:pk>/copy/", views.cycle_copy_view, name="copy"),
    path("<int:pk>/delete/", views.cycle_delete_view, name="delete"),
    path("people/", views.people_choices, name="people_choices"),
]

urlpatterns += [
    path("templates/", templates_views.template_list, name="template_list"),
    path("templates/new/", templates_views.template_edit, name="template_new"),
    path("templates/<int:pk>/edit/", templates_views.template_edit, name="template_edit"),
    path("templates/<int:pk>/copy/", templates_views.template_copy_view, name="template_copy"),
    path("templates/<int:pk>/preview/", templates_views.template_preview, name="template_preview"),
]
