from django.urls import path

from employers import company_views, plan_views, team_views, views

app_name = "employers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("company/", company_views.company_edit, name="company"),
    path("team/", team_views.team, name="team"),
    path("team/invite/", team_views.invite, name="team_invite"),
    path("team/application-emails/", team_views.application_emails, name="application_emails"),
    path(
        "team/invitations/<int:pk>/revoke/",
        team_views.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path(
        "team/invitations/<int:pk>/resend/",
        team_views.invitation_resend_view,
        name="invitation_resend",
    ),
    path("team/members/<int:pk>/remove/", team_views.member_remove, name="member_remove"),
    path("team/transfer/", team_views.transfer, name="transfer_ownership"),
    path("team/require-two-factor/", team_views.require_mfa, name="require_mfa"),
    # The link in the invitation email: open to guests, who sign in or sign up there.
    path("team/join/<str:token>/", team_views.accept, name="invitation_accept"),
    path("plan/", plan_views.plan, name="plan"),
]
