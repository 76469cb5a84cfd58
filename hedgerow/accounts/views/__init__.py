"""Views for accounts: signing in, your account, invitations and administration."""
