"""Views for accounts: sign-in (signin.py) and partnership administration (partnership.py)."""
