"""Pure network analysis for organised crime groups: plain data in, plain data out.

Nothing here imports Django, so the measures can be checked against networkx
on the real covert networks and benchmarked on their own; the command and the
pages hand these functions edge lists and graphs.
"""
