"""Writes for accounts, split by sub-domain: agencies, staff, invitations, sign-in."""
