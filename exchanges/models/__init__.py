"""The exchanges app's models, one module per concept; import them from here."""

from exchanges.models.delegations import Delegation, Membership
from exchanges.models.next_steps import NextStep, NextStepCheckIn, NextStepUpdate
from exchanges.models.notes import LearningNote
from exchanges.models.partnerships import Partnership, PartnershipCity, PracticeAdoption
from exchanges.models.programmes import Exchange, Objective, Programme
from exchanges.models.sessions import AgendaChange, Session, SessionMove, Venue
from exchanges.models.surveys import SurveyAnswer, SurveyResponse

__all__ = [
    "AgendaChange",
    "Delegation",
    "Exchange",
    "LearningNote",
    "Membership",
    "NextStep",
    "NextStepCheckIn",
    "NextStepUpdate",
    "Objective",
    "PartnershipCity",
    "Partnership",
    "PracticeAdoption",
    "Programme",
    "Session",
    "SessionMove",
    "SurveyAnswer",
    "SurveyResponse",
    "Venue",
]
