"""Reading participatory-budgeting records for pages."""
