"""The "Spot the signs" catalogue as shipped: JSON data, its loader and its reads.

The data files here (contacts.json, threats/*.json) are the content a fresh
install starts with; `hedgerow load_signs_catalogue` and migration 0003 put them
in the database, where coordinators then edit them.
"""
