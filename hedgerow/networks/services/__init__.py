"""Writes to the networks app: each validates, writes and audits in one transaction."""
