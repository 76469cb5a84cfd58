from django.apps import AppConfig


class BudgetingConfig(AppConfig):
    """Participatory budgeting: rounds, bids, voting, fair results and delivery."""

    name = "hedgerow.budgeting"
    label = "budgeting"
