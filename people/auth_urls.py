"""Django's account URLs, with Perfcycle's login page and the password views that SSO_ONLY turns off.

The single sign-on URLs (``/oidc/authenticate/``, ``/oidc/callback/``) are mozilla-django-oidc's, with the
views of people/oidc.py; they answer 404 while single sign-on is not configured.
"""

from django.contrib.auth import views
from django.urls import path

from .forms import PasswordResetForm
from .views.auth import LoginView, password_view

urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password_change/", password_view(views.PasswordChangeView.as_view()), name="password_change"),
    path("password_change/done/", password_view(views.PasswordChangeDoneView.as_view()),
         name="password_change_done"),
    path("password_reset/", password_view(views.PasswordResetView.as_view(form_class=PasswordResetForm)),
         name="password_reset"),
    path("password_reset/done/", password_view(views.PasswordResetDoneView.as_view()), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", password_view(views.PasswordResetConfirmView.as_view()),
         name="password_reset_confirm"),
    path("reset/done/", password_view(views.PasswordResetCompleteView.as_view()), name="password_reset_complete"),
]
