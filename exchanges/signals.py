from django.dispatch import Signal

# Sent after the transaction that recorded AgendaChange rows commits.
# Arguments: exchange_id (int), change_ids (list[int]).
agenda_changed = Signal()

# Sent after the transaction that added a person to a delegation commits. Arguments: membership_id (int).
delegate_added = Signal()
