"""Partnership administration under /partnership/: agencies, people and roles."""

from django.urls import path

from hedgerow.accounts.views import agencies, partnership, staff

app_name = "partnership"
urlpatterns = [
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/add/", agencies.agency_create, name="agency_create"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/change/", agencies.agency_edit, name="agency_edit"),
    path("people/", staff.staff_list, name="staff_list"),
    path("people/invite/", staff.staff_invite, name="staff_invite"),
    path("people/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("people/<int:pk>/role/", staff.staff_change_role, name="staff_change_role"),
    path(
        "people/<int:pk>/deactivate/", staff.staff_deactivate, name="staff_deactivate"
    ),
    path(
        "people/<int:pk>/reactivate/", staff.staff_reactivate, name="staff_reactivate"
    ),
    path(
        "people/<int:pk>/reset-sign-in/",
        staff.staff_reset_sign_in,
        name="staff_reset_sign_in",
    ),
    path(
        "people/<int:pk>/resend-invitation/",
        staff.staff_resend_invitation,
        name="staff_resend_invitation",
    ),
    path("roles/", partnership.role_list, name="role_list"),
]
