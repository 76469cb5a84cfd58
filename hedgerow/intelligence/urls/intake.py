"""URLs of the report flow (/report/) and the reporter's follow-up.

Each question is its own URL (`intake:threat` … `intake:check`), POST-only in
practice: a GET without the draft token in a form goes back to the start page.
"""

from django.urls import path

from hedgerow.intelligence.forms.intake_answers import STEPS
from hedgerow.intelligence.views import intake
from hedgerow.intelligence.views.follow_up import follow_up

app_name = "intake"
urlpatterns = [
    path("", intake.start, name="start"),
    path("submit/", intake.submit, name="submit"),
    path("follow-up/", follow_up, name="follow_up"),
    *(path(f"{step}/", intake.step, {"step": step}, name=step) for step in STEPS),
]
