"""Participatory budgeting's forms: they check the shape of input, services the rest."""
