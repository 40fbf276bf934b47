from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from dagsorden.staff.views import home

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/login/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", home.after_login, name="after_login"),
    path("sekretariat/", include("dagsorden.staff.urls")),
    path("api/v1/", include("dagsorden.api.urls")),
    path("", include("dagsorden.feeds.urls")),
    path("", include("dagsorden.portal.urls")),
]

# Media files are never served as static files: an attachment may be closed, so every
# download goes through a view that checks who is asking.
