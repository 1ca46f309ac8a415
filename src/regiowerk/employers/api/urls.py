from regiowerk.common.api import api_path
from regiowerk.employers.api import views

urlpatterns = [
    api_path("employers/", views.EmployerListApi),
    api_path("employers/create/", views.EmployerCreateApi),
    api_path("employers/<int:employer_id>/", views.EmployerDetailApi),
    api_path("employers/<int:employer_id>/update/", views.EmployerUpdateApi),
    api_path("vacancies/", views.VacancyListApi),
    api_path("vacancies/create/", views.VacancyCreateApi),
    api_path("vacancies/<int:vacancy_id>/", views.VacancyDetailApi),
    api_path("vacancies/<int:vacancy_id>/update/", views.VacancyUpdateApi),
]
