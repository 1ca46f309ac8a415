from regiowerk.common.api import api_path
from regiowerk.organisations.api import views

urlpatterns = [
    api_path("me/", views.MeApi),
]
