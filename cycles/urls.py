from django.urls import path

from . import views

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
