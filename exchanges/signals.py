from django.dispatch import Signal

# Sent after the transaction that recorded AgendaChange rows commits.
# Arguments: exchange_id (int), change_ids (list[int]).
agenda_changed = Signal()
