"""Participatory budgeting: rounds, bids, ballots, results and delivery."""
