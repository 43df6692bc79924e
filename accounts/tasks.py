from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def invitation_send_email_task(invitation_id: int, base_url: str) -> bool:
    return services.invitation_send_email(invitation_id=invitation_id, base_url=base_url)
