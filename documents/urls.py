from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.index, name="index"),
    path("reviews/<int:pk>/summary.pdf", views.review_summary, name="review_summary"),
    path("units/<int:pk>/okr-report.pdf", views.unit_report, name="unit_report"),
    path("cycles/<int:pk>/report.pdf", views.cycle_report, name="cycle_report"),
    path("retrospective.pdf", views.retrospective_pdf, name="company_retrospective_pdf"),
    path("units/<int:unit_id>/retrospective.pdf", views.retrospective_pdf, name="retrospective_pdf"),
    path("batches/", views.batches, name="batches"),
    path("batches/<int:pk>/", views.batch, name="batch"),
    path("batches/<int:pk>/progress/", views.batch_progress, name="batch_progress"),
    path("batches/<int:pk>/summaries.zip", views.batch_zip, name="batch_zip"),
]
