"""The triage pages under /triage/: the queue, a report, actions, unrouted reports.

Every report is looked up through `Report.objects.visible_to(user)`: a report the
user's agency was not given answers 404, never 403, so its existence stays hidden.
"""
