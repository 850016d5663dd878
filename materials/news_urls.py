from django.contrib.auth.decorators import login_not_required
from django.urls import path

from materials import views
from materials.feeds import NewsAtomFeed, NewsRssFeed

urlpatterns = [
    path("", views.news_list, name="news_list"),
    path("<int:pk>/", views.news_detail, name="news_detail"),
    path("rss/", login_not_required(NewsRssFeed()), name="news_rss"),
    path("atom/", login_not_required(NewsAtomFeed()), name="news_atom"),
]
