"""Participatory budgeting's services: every change to a round goes through here."""
