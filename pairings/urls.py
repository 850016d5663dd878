from django.urls import path

from pairings import views

urlpatterns = [
    path("", views.pairing_list, name="pairing_list"),
    path("new/", views.pairing_create, name="pairing_create"),
    path("approvals/", views.approval_queue, name="pairing_approval_queue"),
    path("<int:pk>/", views.pairing_detail, name="pairing_detail"),
    path("<int:pk>/edit/", views.pairing_edit, name="pairing_edit"),
    path("<int:pk>/submit/", views.pairing_submit, name="pairing_submit"),
    path("<int:pk>/approve/", views.pairing_approve, name="pairing_approve"),
    path("<int:pk>/reject/", views.pairing_reject, name="pairing_reject"),
    path("<int:pk>/terminate/", views.pairing_terminate, name="pairing_terminate"),
    path("<int:pk>/agreement/", views.agreement_download, name="pairing_agreement"),
]
