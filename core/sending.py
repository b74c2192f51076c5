"""Sending many e-mails where one failure must not stop the others."""


class SendingFailed(Exception):
    """Some e-mails of a batch could not be sent; every other one was tried (and ``sent`` of them went).

    Raised only after the whole batch was tried, so that a caller (a management command, a Celery task)
    can report the failure without having lost the rest of the batch.
    """

    def __init__(self, *, sent: int, failures: list[str]):
        self.sent = sent
        self.failures = failures
        super().__init__(f"{len(failures)} sending failure(s), {sent} e-mail(s) sent: " + "; ".join(failures))
