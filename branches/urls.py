from django.urls import path

from branches import views

urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("<int:pk>/", views.organization_detail, name="organization_detail"),
    path("<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("<int:pk>/invite/", views.invite_member, name="organization_invite"),
    path("invitations/<str:token>/", views.accept_invitation, name="invitation_accept"),
]
