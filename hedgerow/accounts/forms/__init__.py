"""Forms for accounts, split like services: sign-in and partnership administration."""
