"""Background work of the networks app, run by `hedgerow db_worker` (django-tasks)."""

from django_tasks import task

from hedgerow.networks.services import resolution


@task()
def resolve_job(job_pk: int) -> None:
    """Match an uploaded file against the register (services.resolution.job_run)."""
    resolution.job_run(job_pk)
