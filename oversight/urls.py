from django.urls import path

from oversight import views

urlpatterns = [
    path("board/", views.topic_list, name="topic_list"),
    path("board/new/", views.topic_create, name="topic_create"),
    path("board/<int:pk>/", views.topic_detail, name="topic_detail"),
    path("board/<int:pk>/solution/<int:reply_pk>/", views.topic_solution, name="topic_solution"),
    path("board/<int:pk>/reopen/", views.topic_reopen, name="topic_reopen"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("ledger/<int:pk>/", views.ledger, name="organization_ledger"),
]
