"""Services shared by the Telegram handlers, the CLI and scheduled jobs; they know nothing of Telegram updates."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.config import EventSettings, Settings
from bot.services.agenda import AgendaService
from bot.services.agenda_pins import AgendaPinService
from bot.services.broadcasts import BroadcastService
from bot.services.calendar import CalendarService
from bot.services.checkins import CheckinService
from bot.services.documents import DocumentService
from bot.services.exports import ExportService
from bot.services.hall_screen import HallScreenService
from bot.services.inquiries import InquiryService
from bot.services.invitations import InvitationService
from bot.services.nominations import NominationService
from bot.services.pending import PendingService
from bot.services.proposal_review import ProposalReviewService
from bot.services.proposals import ProposalService
from bot.services.questions import QuestionService
from bot.services.reminders import ReminderService
from bot.services.roster import RosterService
from bot.services.roster_upload import RosterUploadService
from bot.services.rsvp import RsvpService
from bot.services.statistics import StatisticsService
from bot.services.tasks import TaskService
from bot.services.users import UserService
from storage.db import Database
from storage.models import Event


@dataclass(frozen=True)
class Services:
    """Everything a handler, job or CLI command needs, opened once."""

    settings: Settings
    clock: Clock
    db: Database
    event: Event
    roster: RosterService
    roster_upload: RosterUploadService
    invitations: InvitationService
    rsvp: RsvpService
    exports: ExportService
    statistics: StatisticsService
    users: UserService
    pending: PendingService
    proposals: ProposalService
    proposal_review: ProposalReviewService
    nominations: NominationService
    broadcasts: BroadcastService
    agenda: AgendaService
    agenda_pins: AgendaPinService
    reminders: ReminderService
    checkins: CheckinService
    questions: QuestionService
    documents: DocumentService
    tasks: TaskService
    calendar: CalendarService
    inquiries: InquiryService
    hall_screen: HallScreenService


def event_from_settings(settings: EventSettings) -> Event:
    """The event row the configuration describes (id filled in by the database)."""
    return Event(
        id=0,
        code=settings.code,
        name=settings.name,
        venue=settings.venue,
        starts_at=settings.starts_at,
        rsvp_deadline=settings.rsvp_deadline,
        proposals_deadline=settings.proposals_deadline,
        timezone=settings.timezone.key,
    )


async def open_services(settings: Settings, clock: Clock) -> Services:
    """Open the database, sync the configured event into it, and build the services."""
    db = await Database.open(settings.database.path)
    try:
        async with db.transaction() as uow:
            event = await uow.events.upsert(event_from_settings(settings.event), clock.now())
    except BaseException:
        await db.close()
        raise
    broadcasts = BroadcastService(db, clock, event, settings.broadcast)
    roster = RosterService(db, clock, event)
    pending = PendingService(db, clock, event.id)
    checkins = CheckinService(db, clock, event, settings.conference_day.undo_minutes)
    questions = QuestionService(db, clock, event, settings.conference_day, settings.proposals.categories)
    return Services(
        settings=settings,
        clock=clock,
        db=db,
        event=event,
        roster=roster,
        roster_upload=RosterUploadService(db, clock, event, roster, pending),
        invitations=InvitationService(db, clock, event),
        rsvp=RsvpService(db, clock, event),
        exports=ExportService(db, clock, event, settings),
        statistics=StatisticsService(db, event, settings),
        users=UserService(db, clock),
        pending=pending,
        proposals=ProposalService(db, clock, event, settings.proposals),
        proposal_review=ProposalReviewService(db, clock, event, settings.proposals),
        nominations=NominationService(db, clock, event, settings.proposals.max_nominations),
        broadcasts=broadcasts,
        agenda=AgendaService(db, clock, event),
        agenda_pins=AgendaPinService(db, clock, event),
        reminders=ReminderService(db, clock, event, settings.reminders),
        checkins=checkins,
        questions=questions,
        documents=DocumentService(db, clock, event, broadcasts, settings.conference_day.document_max_mb),
        tasks=TaskService(db, clock, event, settings),
        calendar=CalendarService(db, clock, event, settings.event),
        inquiries=InquiryService(db, clock, event, settings.faq),
        hall_screen=HallScreenService(db, clock, event, settings.hall_screen, checkins, questions),
    )
