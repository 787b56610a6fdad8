"""English texts."""

MESSAGES: dict[str, str] = {
    "card.body": (
        "📨 <b>INVITATION</b>\n\n"
        "Dear Comrade <b>{full_name}</b>{designation},\n\n"
        "The Organizing Committee respectfully invites you to <b>{event_name}</b>.\n"
        "🕗 Time: {starts_at}\n"
        "📍 Venue: {venue}\n\n"
        "{status}"
    ),
    "card.ask": "Please confirm by {rsvp_deadline} with the buttons below.",
    "card.answered": "Your answer: {answer}\nYou can change it until {rsvp_deadline}.",
    "card.closed": "Answers closed on {rsvp_deadline}. Your answer: {answer}",
    "answer.none": "not answered yet",
    "answer.attending": "✅ Attending",
    "answer.declined": "❌ Not attending",
    "answer.declined_reason": "❌ Not attending (reason: {reason})",
    "answer.substitute": "🔁 Sending a substitute: {name}, {position}",
    "button.attend": "✅ Attend",
    "button.decline": "❌ Decline",
    "button.substitute": "🔁 Send a substitute",
    "button.skip": "Skip",
    "button.share_phone": "📱 Share my phone number",
    "button.cancel": "Cancel",
    "start.unlinked": (
        "Hello! This is the Organizing Committee's channel for {event_name}.\n"
        "Please open the personal link in your invitation, or press the button below to share the phone number "
        "you registered with the Committee."
    ),
    "start.token_unknown": "This link is not valid or not for this conference. You can share your phone number to be recognised.",
    "start.token_revoked": "This link has been replaced by a new one. Please use the latest link from the Committee, or share your phone number.",
    "start.token_used": "This link is already in use on another Telegram account. The Committee has been told.",
    "start.account_taken": "This Telegram account is already linked to delegate {full_name}. One account serves one delegate.",
    "contact.not_own": "Please share your own phone number with the button below.",
    "contact.bad_phone": "This phone number is not valid.",
    "contact.no_match": "This phone number is not on the delegate list. Please contact the Committee.",
    "contact.taken": "This phone number is already linked to another Telegram account. Please contact the Committee.",
    "contact.linked": "You have been recognised. Thank you!",
    "rsvp.attend_saved": "The Committee has recorded that you will attend. Thank you!",
    "rsvp.ask_reason": "Please give a short reason for not attending (at most {limit} characters), or press Skip.",
    "rsvp.decline_saved": "The Committee has recorded that you will not attend.",
    "rsvp.ask_substitute_name": "Please type the full name of your substitute (at most {limit} characters).",
    "rsvp.ask_substitute_position": "Please type the position of {name} (at most {limit} characters).",
    "rsvp.substitute_saved": "The Committee has recorded your substitute: {name}, {position}.",
    "rsvp.closed": "Answers closed on {rsvp_deadline}. Please contact the Committee if you need a change.",
    "rsvp.not_yours": "This button does not belong to your invitation.",
    "rsvp.stale": "This button is out of date. Use /me to see your current invitation.",
    "rsvp.not_linked": "You have not been recognised yet. Open the personal link in your invitation or type /start.",
    "input.too_long": "Your text has {count} characters, more than the limit of {limit}. Please shorten it and send it again.",
    "input.empty": "The text is empty. Please type it again.",
    "input.cancelled": "Cancelled.",
    "me.record": (
        "👤 <b>{full_name}</b>\n"
        "Position: {position}\nDepartment: {department}\nAgency: {agency}\n"
        "Phone: {phone}\nDelegate code: {code}\n\n"
        "Your answer: {answer}"
    ),
    "help.delegate": (
        "Commands:\n/start — your invitation\n/me — your details and answer\n"
        "/language — change language\n/help — help"
    ),
    "help.organizer": "\n\nOrganizer commands:\n/stats — answer statistics",
    "language.choose": "Chọn ngôn ngữ / Choose a language:",
    "language.set": "Switched to English.",
    "unknown_command": "Unknown command. Type /help to see the commands.",
    "fallback.text": "Please use the buttons, or type /help for help.",
    "error.generic": "Something went wrong. Please try again in a few minutes.",
    "organizer.token_misuse": (
        "⚠️ The link of delegate {full_name} ({code}, {agency}) was just opened by another Telegram account: "
        "{user} (id {user_id}). The link stays with the first account; if needed, reissue it with "
        "<code>delegate-bot invites reissue {code}</code>."
    ),
    "organizer.stats": (
        "📊 <b>{event_name}</b>\nDelegates: {total}\nLinked on Telegram: {linked}\n"
        "Attending: {attending}\nNot attending: {declined}\nSending a substitute: {substitute}\nNot answered: {unanswered}"
    ),
    "command.start": "My invitation",
    "command.me": "My details and answer",
    "command.language": "Change language",
    "command.stats": "Answer statistics",
    "command.help": "Help",
    "cli.roster_refused": "Roster {name} not imported: {count} errors, the database is unchanged.",
    "cli.roster_row": "  Row {row}: {reason}",
    "cli.roster_file": "  File: {reason}",
    "cli.roster_imported": "Imported {name}: {created} added, {updated} updated, {unchanged} unchanged; {missing} delegates in the database are not in the file.",
    "cli.export_done": "Wrote {count} rows to {path}.",
    "cli.reissued": "New link for {code} ({full_name}): {link}",
    "cli.unknown_code": "No delegate with code {code}.",
    "cli.no_username": "The bot's username is unknown: run the bot once (delegate-bot run) or pass --bot-username.",
    "cli.bad_output": "The output file must end in .csv or .xlsx: {path}",
    "roster_error.unsupported_file": "cannot read file type {name} (need .csv or .xlsx)",
    "roster_error.unreadable_file": "cannot read the file ({detail})",
    "roster_error.not_utf8": "the CSV file is not UTF-8",
    "roster_error.empty_file": "the file has no data",
    "roster_error.missing_column": "missing column {column}",
    "roster_error.duplicate_column": "column {column} appears twice",
    "roster_error.missing_name": "missing full name",
    "roster_error.missing_identity": "needs a code or a phone number",
    "roster_error.bad_phone": "invalid phone number: {value}",
    "roster_error.bad_email": "invalid email: {value}",
    "roster_error.bad_code": "invalid code: {value}",
    "roster_error.too_long": "column {column} is longer than {limit} characters",
    "roster_error.duplicate_code": "code {value} repeats row {first_row}",
    "roster_error.duplicate_phone": "phone {value} repeats row {first_row}",
    "roster_error.too_many_rows": "the file has more than {limit} rows",
    "roster_error.phone_taken": "phone {value} already belongs to delegate {code} in the database",
}
