from django.urls import path

from . import portal

urlpatterns = [
    path("publicity/", portal.period_list, name="publicity_list"),
    path("publicity/<int:pk>/", portal.period_detail, name="publicity"),
    path("publicity/<int:pk>/pdf/", portal.period_pdf, name="publicity_pdf"),
]
