from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by staff invitation only; nobody signs up alone."""

    def is_open_for_signup(self, request):
        return False
