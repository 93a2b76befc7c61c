from django.urls import path

from . import views

urlpatterns = [
    path("report/", views.service_report, name="service_report"),
    path("report/pdf/", views.service_report_pdf, name="service_report_pdf"),
    path("report/publish/", views.service_report_publish, name="service_report_publish"),
]
