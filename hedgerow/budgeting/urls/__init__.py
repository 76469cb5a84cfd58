"""URLs of participatory budgeting: staff pages under /budgeting/, public under /pb/."""
