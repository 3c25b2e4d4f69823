"""Short human labels for merged events: "Withdrawal by Russia from Lyon", "Statement by John Hale"."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from graph.records import Entity, Event

#: Speech acts, whose patients are what the words are on.
_SPEECH = frozenset({"Statement", "Announcement", "Criticism", "Threat"})


class EventLabeler:
    """A short human label: "Withdrawal by Russia from Lyon", "Statement by John Hale"."""

    def __init__(self, entities: Mapping[str, Entity], type_label: Callable[[str], str]) -> None:
        self.entities = entities
        self.type_label = type_label

    def names(self, keys: Iterable[str], limit: int = 3) -> str:
        names = [self.entities[k].name if k in self.entities else k for k in keys][:limit]
        return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]

    def __call__(self, event: Event) -> str:
        parts = [self.type_label(event.event_type).capitalize()]
        if event.agents:
            parts.append("by " + self.names(event.agents))
        patients = [k for k in event.patients if k not in event.places]
        if patients:
            # Whom an appeal is made to, whom remarks are on ("thanked the U.S."), whom a deed befalls.
            word = "to" if event.event_type == "Appeal" else "on" if event.event_type in _SPEECH else "of"
            parts.append(f"{word} {self.names(patients)}")
        if event.topic:
            parts.append("about " + self.type_label(event.topic).lower())
            if event.topic_places:
                parts.append("(" + self.names(event.topic_places) + ")")
        if event.places:
            parts.append("in " + self.names(event.places))
        if not event.agents and event.according_to:
            parts.append("(according to " + self.names(event.according_to) + ")")
        return " ".join(parts)
