from django.urls import path

from . import portal

urlpatterns = [
    path("reports/", portal.report_list, name="reports"),
    path("reports/<int:pk>/", portal.report_detail, name="report"),
    path("reports/<int:pk>/pdf/", portal.report_print, name="report_pdf"),
]
