"""English texts (US spelling; impersonal voice; terminology as in VIETNAMESE-STYLE.md)."""

MESSAGES: dict[str, str] = {
    # Conference day: meeting documents (issue 11)
    "command.documents": "Meeting documents",
    "documents.none": "The Organizing Committee has not published meeting documents yet.",
    "documents.intro": "Meeting documents ({count} files):",
    "documents.caption": "📄 {title}",
    "documents.published": "published",
    "documents.unpublished": "not published",
    "documents.line": "{number}. <b>{title}</b> — {file_name}, {size} MB, {state}",
    "documents.button_publish": "📌 Publish {number}",
    "documents.button_unpublish": "📍 Withdraw {number}",
    "documents.button_send": "📤 Send {number} to delegates",
    "documents.button_add": "➕ Add a document",
    "documents.admin": (
        "📚 <b>Meeting documents</b>\n{lines}\n\n“Publish”: delegates get it with /documents. "
        "“Send”: to every attending delegate through the broadcast queue (up to {limit} MB per file)."
    ),
    "documents.ask_file": (
        "Please send the document as a file (PDF, DOCX, XLSX…, up to {limit} MB). Its caption, if any, becomes "
        "the document's title."
    ),
    "documents.not_a_document": "Please send the document as a file (not a photo or a message).",
    "documents.too_big": "The file is {size} MB, over the {limit} MB limit: it was refused and sent to no one.",
    "documents.wrong_type": "Only PDF, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT and ODS documents are accepted.",
    "documents.caption_too_long": "The caption exceeds Telegram's 1024 characters; the document was not sent.",
    "documents.not_found": "This document is no longer listed.",
    "documents.added": "✅ Document “{title}” received.",
    "documents.broadcast_caption": "The Organizing Committee sends you a conference document: {title}.",
    "documents.queued": "📤 “{title}” is queued to every attending delegate (broadcast no. {number}).",
    "documents.awaiting_approval": "Broadcast no. {number} with “{title}” awaits another organizer's approval (/broadcasts).",
    # Conference day: questions to the presidium (issue 11)
    "command.question": "Send a question or opinion to the presidium",
    "command.questions": "Questions selected so far",
    "command.moderate": "Moderate questions to the presidium",
    "command.presidium": "Questions for the presidium, in order",
    "question.ask_topic": "Please choose the topic of your question or opinion to the presidium (up to {limit} characters):",
    "question.ask_text": "Topic: {topic}.\nPlease enter your question or opinion (up to {limit} characters).",
    "question.ask_name": "May the presidium read out your name with this question?",
    "question.button_named": "Yes, read my name",
    "question.button_unnamed": "No, without my name",
    "question.sent": "Question no. {number} was sent to the Organizing Committee for the presidium. Thank you.",
    "question.too_soon": "You have just sent a question. Please wait {seconds} seconds before sending another.",
    "question.cap": "Each delegate may send up to {limit} questions during the dialogue; you have sent them all.",
    "question.closed": "Questions to the presidium are not being received at this time.",
    "question.empty": "The question is empty. Please enter it again.",
    "question.unknown_topic": "This topic is no longer listed. Please press /question to choose again.",
    "question.who_named": "{full_name} — {agency} (name may be read)",
    "question.who_unnamed": "{full_name} — {agency} (name not to be read)",
    "question.ranked_line": "{place}. Question no. {number} · 👍 {support} · merged {merged} · {topic}\n{text}",
    "question.more": "… and {count} more questions",
    "question.none_approved": "No question has been selected for the presidium yet.",
    "question.button_support": "👍 Support question no. {number}",
    "question.approved_list": (
        "<b>Selected questions</b> (in the presidium's order). You may support each question once:\n\n{lines}"
    ),
    "question.supported": "Your support for question no. {number} is recorded ({count} in all).",
    "question.already_supported": "You already support question no. {number} ({count} in all).",
    "question.own": "This is your own question (no. {number}); no need to support it.",
    "question.not_found": "Question no. {number} is no longer listed ({count}).",
    "question.state_1": "Receiving questions",
    "question.state_0": "Closed, not receiving questions",
    "question.button_open": "▶️ Open questions",
    "question.button_close": "⏹ Close questions",
    "question.queue_empty": "No question is waiting. State: {state}.",
    "question.queue_card": (
        "📝 Waiting: {waiting} · {state}\n\n<b>Question no. {number}</b> · {topic}\n{who}\n<blockquote>{text}</blockquote>"
    ),
    "question.button_approve": "✅ Select",
    "question.button_merge": "🔗 Merge with another",
    "question.button_reject": "✖️ Reject (give a reason)",
    "question.ask_reason": "Enter the reason for rejecting question no. {number} (short; the delegate will receive it).",
    "question.ask_merge": "Merge question no. {number} into which question?",
    "question.nothing_to_merge": "No selected question to merge into yet.",
    "question.wrong_state": "Question no. {number} was already handled or does not fit this action.",
    "question.done_approved": "Question no. {number} selected.",
    "question.done_rejected": "Question no. {number} rejected; the delegate was told the reason: {reason}",
    "question.done_merged": "Question no. {number} merged into question no. {into}.",
    "question.done_answered": "Question no. {number} marked as answered in the hall.",
    "question.rejected_notice": (
        "Your question no. {number} was not selected for the presidium. Reason: {reason}\nThank you."
    ),
    "question.button_refresh": "🔄 Refresh",
    "question.button_next": "✅ No. {number} answered — next question",
    "question.presidium_empty": "No question is waiting for the presidium.",
    "question.presidium": (
        "🎙 <b>Question no. {number}</b> · {topic}\n{who}\n👍 {support} support · {merged} similar questions\n"
        "<blockquote>{text}</blockquote>\n<b>Next ({waiting}):</b>\n{lines}"
    ),
    # Conference day: check-in at the door (issue 11)
    "cli.help.export_checkins": "check-ins: time, staff member, method, substitutes (.xlsx)",
    "cli.help.export_questions": "questions to the presidium: status, support, merges (.xlsx)",
    "export.button.checkins": "Check-ins",
    "export.button.questions": "Questions to the presidium",
    "export.caption.checkins": "Check-ins: {count} delegates.",
    "export.caption.questions": "Questions to the presidium: {count}.",
    "command.checkin": "Check-in code for the conference",
    "command.attendance": "Delegates present so far",
    "command.walkin": "Record a substitute at the desk",
    "checkin.button_qr": "🎫 Check-in code",
    "checkin.qr_caption": (
        "Check-in code of {full_name}. When you arrive at the hall, please show this code so that the reception "
        "staff can scan it."
    ),
    "checkin.qr_substitute": (
        "Check-in code for {name} (your substitute). Please pass this code on to your substitute to show at the "
        "door of the hall."
    ),
    "checkin.seat_line": "Seat: {seat}",
    "checkin.not_staff": (
        "This code is for check-in at the door of the hall and works only when the reception staff scan it. "
        "You do not need to do anything."
    ),
    "checkin.unknown_code": "⚠️ This check-in code is not valid. Please check at the reception desk.",
    "checkin.withdrawn": (
        "⛔ <b>WITHDRAWN FROM THE ROSTER — NOT CHECKED IN</b>\n{full_name} ({agency})\n"
        "Please check at the reception desk."
    ),
    "checkin.done": "✅ <b>CHECKED IN</b>",
    "checkin.done_declined": "⚠️ <b>CHECKED IN — THE DELEGATE HAD DECLINED, PLEASE CHECK WITH THE DESK</b>",
    "checkin.already": "⚠️ <b>ALREADY CHECKED IN</b> at {time} (by {staff})",
    "checkin.details": (
        "<b>{full_name}</b>\nPosition: {position}\nAgency: {agency}\nSeat: {seat}\nStatus: {status}\n"
        "Present: <b>{count}/{expected}</b>"
    ),
    "checkin.status_attending": "Attending",
    "checkin.status_substitute": "Substitute for {full_name}: {name}, {position}",
    "checkin.status_walk_in": "Substitute (recorded at the desk) for {full_name}: {name}, {position}",
    "checkin.status_declined": "Declined — check with the desk",
    "checkin.status_none": "Not yet confirmed",
    "checkin.button_undo": "↩️ Undo",
    "checkin.undone": "Check-in of {full_name} undone. Present: {count}/{expected}.",
    "checkin.undo_expired": "More than {minutes} minutes have passed, so it cannot be undone. Please tell an admin.",
    "checkin.undo_not_yours": "Only the staff member who checked this delegate in (or an admin) can undo it.",
    "checkin.not_found": "This check-in is no longer valid.",
    "checkin.ask_name": "Enter part of the delegate's name (accents optional) to check them in by hand.",
    "checkin.walkin_ask_name": "Enter part of the name of the absent delegate whom the person replaces.",
    "checkin.found": "{count} delegates found ({shown} shown). Check the position and agency, then press the number:\n{lines}",
    "match.line": "<b>{number}.</b> {full_name}{designation}{extra}",
    "checkin.found_seat": "; seat {seat}",
    "checkin.found_checked_in": " — ✅ checked in",
    "checkin.none_found": "No delegate has such a name. Please try again.",
    "checkin.walkin_ask_who_for": (
        "Substitute for {full_name}: enter the name and position, separated by a comma "
        "(e.g. Nguyen Van Binh, Deputy Head of Division)."
    ),
    "checkin.walkin_ask_who": "Please enter the substitute's name and position, separated by a comma.",
    "attendance.summary": "👥 <b>Delegates present: {count}/{expected}</b>\n\nBy agency:\n{agencies}",
    "attendance.agency_line": "• {agency}: {count}/{expected}",
    "attendance.button_missing": "📋 Not yet here (with phone numbers)",
    "attendance.missing": "📋 <b>Confirmed delegates not yet here: {count}</b>\n{lines}",
    "attendance.missing_agency": "\n<b>{agency}</b> ({count})",
    "attendance.missing_line": "• {full_name} — {phone}",
    "list.more_lines": "… {count} more lines do not fit in one message",
    "card.body": (
        "<b>ATTENDANCE CONFIRMATION</b>\n\n"
        "Dear Comrade <b>{full_name}</b>{designation},\n\n"
        "The Organizing Committee of <b>{event_name}</b> respectfully invites you to attend the conference (as "
        "stated in the Organizing Committee's invitation).\n"
        "Time: {starts_at}\n"
        "Venue: {venue}{contact}\n\n"
        "{status}"
    ),
    "card.contact": "\nContact person: Comrade {name}, phone {phone}",
    "card.ask": "Please confirm your attendance by {rsvp_deadline} using the buttons below.",
    "card.answered": "Attendance: {answer}.\nIf anything changes, please confirm again by {rsvp_deadline}.",
    "card.closed": "Attendance confirmation closed at {rsvp_deadline}. Attendance: {answer}.",
    "answer.none": "Not yet confirmed",
    "answer.attending": "Attending",
    "answer.declined": "Unable to attend",
    "answer.declined_reason": "Unable to attend (reason: {reason})",
    "answer.substitute": "Sending a substitute: Comrade {name}, {position}",
    "button.attend": "✅ Attend",
    "button.decline": "❌ Unable to attend",
    "button.substitute": "🔁 Send a substitute",
    "button.skip": "Skip",
    "button.share_phone": "📱 Share my phone number",
    "button.cancel": "Cancel",
    "start.unlinked": (
        "Welcome. This is the information channel of the Organizing Committee of {event_name}.\n"
        "Please open the personal link in your invitation, or press the button below to share the phone number "
        "registered with the Organizing Committee."
    ),
    "start.token_unknown": (
        "This link is invalid or does not belong to this conference. Please share your phone number to connect your "
        "account, or contact the Organizing Committee{contact}."
    ),
    "start.token_revoked": (
        "This link has been replaced by a new one. Please use the latest link sent by the Organizing Committee, "
        "or share your phone number."
    ),
    "start.token_used": (
        "This link has already been used on another Telegram account. The Organizing Committee has been notified "
        "and will check; if needed, please contact the Organizing Committee{contact}."
    ),
    "start.account_taken": (
        "This Telegram account is already connected to delegate {full_name}. Each account serves one delegate only; "
        "in case of a mistake, please contact the Organizing Committee{contact}."
    ),
    "contact.not_own": "Please press the button below to share your own phone number.",
    "contact.bad_phone": "This phone number is not valid.",
    "contact.no_match": (
        "This phone number is not on the delegate list. Please contact the Organizing Committee{contact}."
    ),
    # --- identity (issue 12): a delegate proved the phone, another account opened the link first -------------------
    "identity.claim_received": (
        "Your phone number is on the delegate list, but this delegate's link was opened first from another Telegram "
        "account. The Organizing Committee has been told and will contact you to connect the right account. If "
        "needed, you can contact the Organizing Committee{contact}."
    ),
    "identity.conflict": (
        "⚠️ Delegate {full_name} ({code}, {agency}) has just proved their phone number from the account {user} "
        "(id {user_id}), but this delegate's link was opened first from the account id {old_id}. If the new account "
        "is really the delegate's, tap “Move the connection” below."
    ),
    "identity.button.move": "Move the connection",
    "identity.confirm": (
        "Move the connection of delegate {full_name} ({code}) from account id {old_id} to account id {new_id}? "
        "The old account will no longer receive this delegate's messages."
    ),
    "identity.button.confirm": "Confirm the move",
    "identity.moved": "✅ The connection of delegate {full_name} ({code}) now goes to account id {new_id}.",
    "identity.stale": "This delegate's connection has changed since the notice; nothing was moved.",
    "identity.account_taken": "Account id {new_id} is connected to another delegate; nothing was moved.",
    "identity.moved_delegate": (
        "✅ The Organizing Committee has connected this Telegram account to delegate {full_name}. Send /start to see "
        "your details."
    ),
    "contact.taken": (
        "This phone number is already connected to another Telegram account. Please contact the Organizing "
        "Committee{contact}."
    ),
    "contact.linked": "Your Telegram account is now connected to your invitation.",
    "rsvp.attend_saved": "The Organizing Committee has recorded your attendance at the conference. Thank you.",
    "rsvp.ask_reason": (
        "Please give a short reason for being unable to attend (at most {limit} characters), or press “Skip”."
    ),
    "rsvp.decline_saved": "The Organizing Committee has recorded that you are unable to attend. Thank you for the notice.",
    "rsvp.ask_substitute_name": "Please enter the full name of the substitute (at most {limit} characters).",
    "rsvp.ask_substitute_position": "Please enter the position of Comrade {name} (at most {limit} characters).",
    "rsvp.substitute_saved": "The Organizing Committee has recorded the substitute: Comrade {name}, {position}. Thank you.",
    "rsvp.closed": (
        "Attendance confirmation closed at {rsvp_deadline}. For any change, please contact the Organizing "
        "Committee{contact}."
    ),
    "rsvp.not_yours": "This button does not belong to your invitation.",
    "rsvp.stale": "This button is no longer valid. Please press /start to see your current attendance confirmation.",
    "rsvp.not_linked": (
        "Your account is not yet connected to an invitation. Please open the personal link in your invitation or "
        "press /start."
    ),
    "input.too_long": "The text has {count} characters, more than the limit of {limit}. Please shorten it and send it again.",
    "input.empty": "The message is empty or made only of invisible characters. Please enter it again.",
    "input.cancelled": "Canceled.",
    "me.record": (
        "<b>DELEGATE INFORMATION</b>\n"
        "Full name: <b>{full_name}</b>\nPosition: {position}\n"
        "Department: {department}\nAgency: {agency}\nPhone: {phone}\n"
        "Delegate code: {code}\n\n"
        "Attendance: {answer}"
    ),
    "help.delegate": "Commands:",
    "help.organizer": "Commands for the Organizing Committee:",
    "language.choose": "Chọn ngôn ngữ / Choose a language:",
    "language.set": "Switched to English.",
    "unknown_command": "Unknown command. Press /help to see the commands.",
    "fallback.text": "Please use the buttons, or press /help for instructions.",
    "error.generic": "An error occurred. Please try again in a few minutes.",
    "organizer.token_misuse": (
        "⚠️ The link of delegate {full_name} ({code}, {agency}) has just been opened from another Telegram "
        "account: {user} (id {user_id}). The link remains tied to the account connected earlier; if needed, press "
        "“Reissue the link” below: the old link is revoked and the account tied to it is released."
    ),
    "command.start": "Attendance confirmation",
    "command.me": "Delegate information",
    "command.language": "Change language",
    "command.stats": "Organizing Committee: attendance confirmation summary",
    "command.help": "Help",
    "cli.roster_refused": "Roster {name} not imported: {count} errors, the database is unchanged.",
    "cli.roster_row": "  Row {row}: {reason}",
    "cli.roster_file": "  File: {reason}",
    "cli.roster_imported": "Imported {name}: {created} added, {updated} updated, {unchanged} unchanged; {missing} delegates in the database are not in the file.",
    "cli.reissued": "New link for {code} ({full_name}): {link}",
    "cli.unknown_code": "No delegate with code {code}.",
    "cli.no_username": "The bot's @username is not known: set the token (DELEGATE_BOT_TOKEN) so the bot asks Telegram, or pass --bot-username. Nothing was changed.",
    "cli.start_failed": "The bot could not start: {reason}",
    "cli.database_too_new": "Not started: the database {path} was written by a newer release (schema version {found}); this release supports schema versions up to {supported}. The file was left unchanged; use the newer release of the bot or another database file.",
    "cli.sqlite_too_old": "Not started: the SQLite library of this machine's Python is version {found}; the bot needs SQLite {needed} or newer (as on Debian 12, Ubuntu 22.04 or newer). Install a Python that uses a newer SQLite; no file was changed.",
    "roster_error.unsupported_file": "cannot read file type {name} (need .csv or .xlsx)",
    "roster_error.unreadable_file": "cannot read the file ({detail})",
    "roster_error.not_xlsx": "the file is not a readable Excel workbook (.xlsx): damaged, password-protected or another kind",
    "roster_error.encrypted_xlsx": (
        "the Excel file is password-protected, so the bot cannot read it; please open it in Excel, remove the "
        "password, save it and send it again"
    ),
    "roster_error.not_utf8": "the CSV file is not UTF-8; please save it as “CSV UTF-8” or send the .xlsx file",
    "roster_error.empty_file": "the file has no data",
    "roster_error.missing_column": "missing column {column}; columns in the file: {found}; accepted names: {accepted}",
    "roster_error.duplicate_column": "column {column} appears twice",
    "roster_error.missing_name": "missing full name",
    "roster_error.missing_identity": "a code or a phone number is required",
    "roster_error.bad_phone": "invalid phone number: {value}",
    "roster_error.bad_email": "invalid email: {value}",
    "roster_error.bad_code": "invalid code: {value}",
    "roster_error.too_long": "column {column} is longer than {limit} characters",
    "roster_error.duplicate_code": "code {value} duplicates row {first_row}",
    "roster_error.duplicate_phone": "phone number {value} duplicates row {first_row}",
    "roster_error.too_many_rows": "the file has more than {limit} rows",
    "roster_error.phone_taken": "phone number {value} already belongs to delegate {code} in the database",
    "roster_error.ambiguous_column": (
        "the columns {columns} hold the same kind of data; keep one of them or rename the one not to import"
    ),
    "roster_error.several_sheets": (
        "the list is on several worksheets ({sheets}); put it on one worksheet or hide the ones not to import"
    ),
    "roster_error.old_xls": (
        "{name} is an Excel 97–2003 file (.xls), which the bot cannot read; please open it in Excel, "
        "choose Save As → Excel Workbook (.xlsx) and send it again"
    ),
    # Proposals and nominations
    "command.proposal": "Send your comment or recommendation",
    "command.myproposals": "My comments and recommendations",
    "command.nominate": "Nomination for commendation",
    "command.proposals": "Organizing Committee: review delegates' comments",
    "command.nominations": "Organizing Committee: all nominations",
    "proposal.button_new": "💬 Send comments and recommendations",
    "proposal.button_send": "✅ Send to the Organizing Committee",
    "proposal.button_category": "🗂 Change topic",
    "proposal.button_edit": "✏️ Edit comment no. {number}",
    "proposal.button_withdraw": "↩️ Withdraw comment no. {number}",
    "proposal.button_withdraw_yes": "↩️ Withdraw",
    "proposal.ask_category": (
        "💬 <b>COMMENTS AND RECOMMENDATIONS TO THE STANDING BOARD OF THE PROVINCIAL PARTY COMMITTEE</b>\n\n"
        "The Organizing Committee compiles the difficulties, obstacles, “bottlenecks” and ideas of department "
        "heads and deputies to raise at the conference.\n"
        "Each comment should be brief, at most {limit} characters. Comments can be sent, edited or withdrawn until "
        "{deadline}.\n\n"
        "Please choose a topic:"
    ),
    "proposal.ask_text": (
        "Topic: <b>{category}</b>{attachment}\n\n"
        "Please enter your comment or recommendation (at most {limit} characters). One photo or one file (at most "
        "{size} MB) may be attached."
    ),
    "proposal.current_text": "\n\nCurrent text ({count} characters):\n<blockquote>{text}</blockquote>",
    "proposal.attachment_line": "\n📎 Attachment: {name} ({size} MB)",
    "proposal.preview": (
        "📝 <b>Check the comment before sending</b>\n"
        "Topic: <b>{category}</b>{attachment}\n\n"
        "<blockquote>{text}</blockquote>\n\n"
        "Please check it and press “Send to the Organizing Committee”. To change it, send a new message with the "
        "new text."
    ),
    "proposal.draft_resumed": "A comment is being drafted and has not been sent yet:",
    "proposal.editing": "✏️ Editing comment no. {number}.",
    "proposal.saved": (
        "✅ The Organizing Committee has received comment no. {number} (topic: {category}). Thank you.\n"
        "It can be viewed, edited or withdrawn with /myproposals until {deadline}."
    ),
    "proposal.updated": "✅ Comment no. {number} updated (topic: {category}).",
    "proposal.confirm_withdraw": "Please confirm: withdraw comment no. {number}?\n<blockquote>{text}</blockquote>",
    "proposal.withdrawn": "Comment no. {number} withdrawn.",
    "proposal.discarded": "Draft comment discarded.",
    "proposal.too_long": (
        "The text has {count} characters, more than the limit of {limit}, so it was not saved. The earlier draft "
        "is kept unchanged. Please shorten the text (it can be copied from the message just sent) and send it again."
    ),
    "proposal.too_big": "The file is {size} MB, more than the limit of {limit} MB, so it was not attached.",
    "proposal.no_attachments": (
        "The Organizing Committee does not accept attachments; please enter the text directly in a message."
    ),
    "proposal.closed": (
        "Sending and editing comments and recommendations closed at {deadline}. The comments already sent can "
        "still be viewed with /myproposals."
    ),
    "proposal.not_yours": "This comment is not yours or has been withdrawn.",
    "proposal.no_draft": "This draft no longer exists. Press /proposal to send a new comment.",
    "proposal.list_empty": "No comments or recommendations sent yet. They can be sent with /proposal until {deadline}.",
    "proposal.list_header": "💬 <b>Your comments and recommendations</b> ({count})",
    "proposal.list_item": "<b>Comment no. {number}</b> · {category} · {status}\n{text}",
    "proposal.locked_answered": "Proposal no. {number} was answered by the Organizing Committee on {date}, so it can no longer be edited or withdrawn.",
    "proposal.locked": "Proposal no. {number} has been handled by the Organizing Committee ({status}) since {date}, so it can no longer be edited or withdrawn.",
    "proposal.list_answer": "↳ Answer from the Organizing Committee: {answer}",
    "proposal.list_open": "Comments can be edited or withdrawn until {deadline}.",
    "proposal.list_closed": "Editing and withdrawing comments closed at {deadline}; this list is for viewing only.",
    "proposal.status_received": "Received",
    "proposal.status_reviewing": "Under review",
    "proposal.status_selected": "Selected for reporting at the conference",
    "proposal.status_answered": "Answered",
    "proposal.status_merged": "Compiled together with a comment of the same content",
    "proposal.status_withdrawn": "Withdrawn",
    "proposal.answer_delivered": (
        "<b>The Organizing Committee answers comment no. {number}</b> ({category})\n"
        "<blockquote>{text}</blockquote>\n\n{answer}"
    ),
    "padmin.summary": (
        "💬 <b>Comments and recommendations: {total}</b>\n\n<b>By topic</b>\n{categories}\n\n"
        "<b>By status</b>\n{statuses}\n\n<b>By agency</b>\n{agencies}\n\n"
        "Choose a topic to browse. Excel: <code>delegate-bot export proposals --out proposals.xlsx</code>"
    ),
    "padmin.count_line": "• {label}: {count}",
    "padmin.list": "🗂 <b>{category}</b> — page {page}/{pages}",
    "padmin.list_item": "<b>No. {number}</b> {full_name} ({agency}) · {status}\n{text}",
    "padmin.list_empty": "No comments yet.",
    "padmin.detail": (
        "<b>Comment no. {number}</b> · {category}\n👤 {full_name}, {position}, {agency}\n"
        "Sent at {sent_at} · Status: {status}\n\n<blockquote>{text}</blockquote>"
    ),
    "padmin.detail_answer": "↳ Answered: {answer}",
    "padmin.button_back": "⬅️ Back",
    "padmin.button_answer": "✍️ Answer",
    "padmin.button_merge": "🔗 Compile with another comment",
    "padmin.button_file": "📎 Show attachment",
    "padmin.attachment_caption": "📎 Attachment to comment no. {number}",
    "padmin.button_send": "📨 Send the answer",
    "padmin.status_set": "Comment no. {number}: {status}.",
    "padmin.ask_answer": (
        "Please enter the official answer to comment no. {number} by Comrade {full_name} (at most {limit} "
        "characters). The answer will be sent to the delegate."
    ),
    "padmin.ask_merge": (
        "Please enter the number of the comment of the same content to compile comment no. {number} (by Comrade "
        "{full_name}) with, e.g. 12."
    ),
    "padmin.answer_preview": (
        "Answer to comment no. {number} by Comrade {full_name}:\n<blockquote>{answer}</blockquote>\n"
        "Press “Send the answer” to send it to the delegate."
    ),
    "padmin.answer_sent": "✅ The answer to comment no. {number} has been sent to Comrade {full_name}.",
    "padmin.answer_not_delivered": (
        "⚠️ The answer to comment no. {number} is saved but could not be sent to Comrade {full_name} (not connected "
        "to Telegram, or the bot is blocked)."
    ),
    "padmin.bad_target": (
        "There is no comment with this number (or it is the comment being compiled). Please enter the number again."
    ),
    "padmin.not_found": "Comment not found (it may have been withdrawn).",
    "nom.criterion_party": "Party member who fulfilled their duties excellently",
    "nom.criterion_emulation": "Emulation fighter at provincial level or higher",
    "nom.criterion_research": "Scientific research project or work initiative",
    "nom.criterion_recognised": "Recognized by officials, civil servants, citizens and businesses",
    "nom.criterion_short_party": "Excellent Party member",
    "nom.criterion_short_emulation": "Emulation fighter",
    "nom.criterion_short_research": "Research/initiative",
    "nom.criterion_short_recognised": "Recognized",
    "nom.intro": (
        "🏅 <b>NOMINATION FOR COMMENDATION OF EXEMPLARY DEPARTMENT HEADS AND DEPUTIES</b>\n\n"
        "Up to {limit} exemplary department heads or deputies may be nominated (not oneself), for the Organizing "
        "Committee to compile and report to the Standing Board of the Provincial Party Committee for consideration "
        "and commendation. Nominations can be changed until {deadline}.\n\n"
        "Your nominations ({count}/{limit}):\n{mine}\n\n"
        "Please enter the full name (or part of the name) of the nominee."
    ),
    "nom.mine_none": "— none yet",
    "nom.mine_line": "• {full_name}",
    "nom.button_remove": "Withdraw the nomination of Comrade {full_name}",
    "nom.found": (
        "{count} delegates found (showing {shown}). Check the position and agency, then press the nominee's number, "
        "or enter another name:\n{lines}"
    ),
    "nom.none_found": "No delegate with this name is on the conference delegate list. Please check and enter it again.",
    "nom.self": "Nominating oneself is not possible. Please choose someone else.",
    "nom.unknown": "This person is not on the conference delegate list.",
    "nom.not_yours": "This nomination is not yours or has been withdrawn.",
    "nom.no_criteria": "Please select at least one criterion.",
    "nom.ask_criteria": "Nominee: <b>{full_name}</b>\nPlease select the criteria that apply, then press “Next”:",
    "nom.button_next": "Next ➡️",
    "nom.ask_why": "Please briefly state the reason for nominating Comrade {full_name} (at most {limit} characters).",
    "nom.preview": (
        "🏅 <b>Check the nomination for commendation</b>\nNominee: <b>{full_name}</b>\nCriteria: {criteria}\n"
        "Reason: {justification}"
    ),
    "nom.button_confirm": "✅ Confirm the nomination",
    "nom.saved": (
        "✅ The Organizing Committee has recorded the nomination of Comrade {full_name} ({count}/{limit}). "
        "Nominations can be changed with /nominate until {deadline}."
    ),
    "nom.removed": "Nomination of Comrade {full_name} withdrawn ({count}/{limit}).",
    "nom.limit": (
        "{limit} people are already nominated:\n{mine}\n"
        "To nominate Comrade {full_name}, please first withdraw one nomination (/nominate)."
    ),
    "nom.closed": "Nominations closed at {deadline}. Your nominations:\n{mine}",
    "nom.ranking": (
        "🏅 <b>Nominations for commendation</b>: {nominees} nominees, {count} nominations\n\n{ranking}\n\n"
        "<b>By agency</b>\n{agencies}\n\nExcel: <code>delegate-bot export nominations --out nominations.xlsx</code>"
    ),
    "nom.rank_line": "{rank}. <b>{full_name}</b> ({agency}) — {count}; {criteria}",
    "nom.agency_line": "• {agency}: {nominees} nominees, {count} nominations",
    "proposal.list_page": "Page {page}/{pages}",
    "proposal.button_prev": "◀️ Previous",
    "proposal.button_next": "Next ▶️",
    "padmin.target_merged": (
        "Comment no. {number} is already compiled with no. {into}, so nothing can be compiled with it. Please enter "
        "{into} or another comment number."
    ),
    # Broadcasts and agenda
    "broadcast.message": "Dear Comrade <b>{full_name}</b>,\n\n{body}",
    "broadcast.choose_audience": "📢 <b>Message to delegates</b>\nPlease choose the recipients:",
    "broadcast.audience_button.all": "All delegates ({count})",
    "broadcast.audience_button.attending": "Attending ({count})",
    "broadcast.audience_button.unanswered": "Not yet confirmed ({count})",
    "broadcast.audience_button.declined": "Unable to attend ({count})",
    "broadcast.audience_button.agencies": "By agency…",
    "broadcast.audience.all": "all delegates",
    "broadcast.audience.attending": "attending delegates (substitutes included)",
    "broadcast.audience.unanswered": "delegates who have not yet confirmed attendance",
    "broadcast.audience.declined": "delegates unable to attend",
    "broadcast.audience.agencies": "delegates from the agencies: {agencies}",
    "broadcast.audience.resend": "delegates whose delivery is uncertain (resend)",
    "broadcast.choose_agencies": "Please choose one or more agencies, then press “Done”:",
    "broadcast.button.agencies_done": "✔️ Done",
    "broadcast.no_agency": "No agency chosen yet.",
    "broadcast.ask_text": (
        "Recipients: {audience} — {total} delegates.\n"
        "Please enter the message in Vietnamese (at most {limit} characters). The line “Dear Comrade …” is added "
        "automatically for each delegate."
    ),
    "broadcast.ask_text_en": (
        "An English version may be entered for delegates who use English, or press “Skip” (everyone then receives "
        "the Vietnamese text)."
    ),
    "broadcast.preview_intro": (
        "👁 The message above is a preview: each delegate will receive exactly this text, opening with the line "
        "“Dear Comrade …” with their own name.\n\n"
    ),
    "broadcast.summary": (
        "📢 <b>Message no. {id}</b>\nRecipients: {audience}\n"
        "Total: {total} delegates ({linked} on Telegram, {unlinked} not connected — they will be on the call "
        "list after sending)."
    ),
    "broadcast.needs_approval": "\nAnother member of the Organizing Committee must approve it before it is sent.",
    "broadcast.button.send_now": "🚀 Send now",
    "broadcast.button.schedule": "🕒 Schedule",
    "broadcast.button.cancel": "✖️ Cancel",
    "broadcast.button.approve": "✅ Approve",
    "broadcast.button.reject": "✖️ Reject",
    "broadcast.button.stop": "⏹ Stop sending",
    "broadcast.button.unreached": "📥 Call list ({count})",
    "broadcast.button.resend_unknown": "🔁 Resend to {count} uncertain delegates",
    "broadcast.ask_time": "Please enter the sending time (Vietnam time) as {format}.",
    "broadcast.bad_time": "The time is not in the expected format. Please enter it as {format}.",
    "broadcast.time_past": "That time has passed. Please enter a time after {now}.",
    "broadcast.queued": "✅ Message no. {id} is queued for sending.",
    "broadcast.queued_behind": "✅ Message no. {id} is queued; {position} message(s) ahead of it.",
    "broadcast.scheduled": "🕒 Message no. {id} will be sent at {when}.",
    "broadcast.awaiting_approval": (
        "📝 Message no. {id} has been passed to another member of the Organizing Committee for approval."
    ),
    "broadcast.no_approver": (
        "⚠️ The approval request for message no. {id} could not be sent to any other member of the Organizing Committee."
    ),
    "broadcast.approval_request": "📝 <b>Approval requested</b> for message no. {id} drafted by Comrade {creator}{when}.",
    "broadcast.approval_when": ", to be sent at {when}",
    "broadcast.approved": "✅ Message no. {id} approved.",
    "broadcast.approved_notice": "✅ Message no. {id} was approved by Comrade {approver}.",
    "broadcast.same_person": (
        "The author cannot approve their own message; another member of the Organizing Committee must approve it."
    ),
    "broadcast.cancelled": "✖️ Message no. {id} canceled.",
    "broadcast.rejected_notice": "✖️ Message no. {id} was not approved by Comrade {actor}.",
    "broadcast.not_author": "Only the author of message no. {id} can send it or ask for its approval.",
    "broadcast.not_open": "This message has already been handled.",
    "broadcast.nothing_to_resend": "No delegate has an uncertain delivery.",
    "broadcast.progress": (
        "📤 <b>Sending message no. {id}</b>\nSent: {sent}/{total}\n"
        "Not delivered: {failed}\nLeft: {left}\n"
        "Rate: {rate} messages/s\n"
        "Estimated time left: {eta}"
    ),
    "broadcast.eta_unknown": "estimating",
    "broadcast.eta_seconds": "{seconds} s",
    "broadcast.report": (
        "📋 <b>Report on message no. {id}</b> — {state}\n"
        "Recipients: {total}\n✅ Delivered: {sent}\n"
        "🚫 Blocked the bot: {unreachable}\n"
        "🔗 Not connected to Telegram: {never_linked}\n"
        "⚠️ Failed: {failed}\n"
        "❔ Uncertain (may have arrived): {unknown}\n"
        "⏹ Not sent (stopped): {cancelled}{reasons}"
    ),
    "broadcast.report_reason": "\n   • {error}: {count}",
    "broadcast.state.done": "finished",
    "broadcast.state.cancelled": "stopped",
    "broadcast.unreached_caption": "{count} delegates who may not have received message no. {id}, with phone numbers.",
    "broadcast.list_empty": "No message is awaiting approval, scheduled, queued or sending.",
    "broadcast.list_header": "📋 <b>Messages awaiting approval, scheduled, queued or sending</b>",
    "broadcast.list_line": "No. {id} — {state} — {audience}{when}",
    "broadcast.list_when": " — to be sent at {when}",
    "broadcast.list_state.awaiting_approval": "awaiting approval",
    "broadcast.list_state.scheduled": "scheduled",
    "broadcast.list_state.queued": "queued",
    "broadcast.list_state.sending": "sending",
    "broadcast.button.cancel_numbered": "✖️ Cancel no. {id}",
    "agenda.none": "The Organizing Committee has not yet published the conference agenda.",
    "agenda.header": "🗓 <b>Conference agenda</b>\n<i>Version {version}, updated at {published_at}</i>\n",
    "agenda.line": "\n<b>{time}</b> {title}",
    "agenda.line_untimed": "\n• {title}",
    "agenda.ask": (
        "Please enter the agenda, one item per line (time, then title), for example:\n"
        "<code>07:30 Welcoming delegates</code>\n<code>08:00 Opening</code>\n"
        "Or send a .txt, .toml or .xlsx file (columns “Time” and “Title”)."
    ),
    "agenda.file_too_big": "The agenda file is too large ({size} KB, at most {limit} KB).",
    "agenda.bad": "The agenda could not be read ({reason}). Please enter it again.",
    "agenda.published": "✅ Agenda version {version} published ({count} items).",
    "agenda.first": "This is the first version.",
    "agenda.changes_header": "Changes since version {previous}:",
    "agenda.no_changes": "Nothing changed since version {previous}.",
    "agenda.change_added": "Added: {time} {title}",
    "agenda.change_removed": "Removed: {time} {title}",
    "agenda.change_moved": "New time: {title}, from {before} to {after}",
    "agenda.button.notify": "📢 Announce the changes, update the pinned agenda",
    "agenda.notice": (
        "The Organizing Committee announces changes to the conference agenda (version {version}):\n{changes}\n\n"
        "Press /agenda to see the full agenda."
    ),
    "command.broadcast": "Organizing Committee: write a new notice to delegates",
    "command.broadcasts": "Organizing Committee: scheduled and sending notices",
    "command.agenda": "View the conference agenda",
    "command.agenda_publish": "Organizing Committee: publish a new agenda version",
    "cli.agenda_published": "Agenda version {version} published ({count} items).",
    "cli.agenda_refused": "Agenda from {name} not published: {reason}",
    "cli.agenda_hint": "To notify delegates of the change, use /broadcast in Telegram.",
    "cli.no_broadcasts": "No messages yet.",
    "cli.broadcast_line": "No. {id}  {status}  {audience}  created {created_at}  scheduled {scheduled_for}  sent {sent}/{total}",
    "broadcast.already_resent": (
        "This message has already been resent to the delegates with an uncertain delivery (message no. {id}); "
        "each delegate is resent at most once."
    ),
    "agenda.button.send_first": "📢 Send the agenda to attending delegates",
    "agenda.notice_first": (
        "The Organizing Committee publishes the conference agenda (version {version}). It is pinned at the top of "
        "this chat and will be updated there when it changes.\n\nPress /agenda to see the full agenda."
    ),
    "agenda.pinned_more": "\n… and {count} more items; press /agenda to see the full agenda.",
    "broadcast.report_pins": "\n📌 Pinned agenda: updated in place {edited}, newly pinned {pinned}, not updated {failed}",
    "agenda.notice_more": "… and {count} more changes.",
    "agenda.changes_more": "… and {count} more changes; press /agenda to see the full agenda.",
    # Reminders
    "command.reminders": "Organizing Committee: automatic reminders",
    "reminder.rsvp": (
        "Dear Comrade {full_name},\n"
        "The Organizing Committee of {event_name} respectfully asks you to confirm your attendance by "
        "<b>{rsvp_deadline}</b> using one of the buttons below."
    ),
    "reminder.attendance": (
        "Dear Comrade {full_name},\n"
        "The Organizing Committee of {event_name} respectfully informs you that the conference opens at "
        "<b>{starts_at}</b>; venue: {venue}.{bring}\n"
        "Your punctual attendance is kindly requested."
    ),
    "reminder.bring": "\nPlease bring: {what}.",
    "reminder.proposals": (
        "Dear Comrade {full_name},\n"
        "The Organizing Committee of {event_name} respectfully informs you that sending comments and "
        "recommendations to the conference closes at <b>{proposals_deadline}</b>. They can be sent with /proposal."
    ),
    "reminder.custom": "Dear Comrade {full_name},\n{body}",
    "reminder.rollup": (
        "The Organizing Committee of {event_name} informs you: {agency} still has {missing}/{total} delegates who "
        "have not confirmed attendance ({names}). Please urge them to confirm attendance by {rsvp_deadline}."
    ),
    "reminder.summary": (
        "🔔 Reminder “{label}” done{late}: {sent} sent, {unreachable} unreachable, {unknown} uncertain, {failed} "
        "failed; {unlinked} delegates not connected to Telegram."
    ),
    "reminder.late": " (late)",
    "reminder.label.rsvp": "Attendance confirmation reminder, {offset} before the confirmation deadline",
    "reminder.label.attendance": "Conference reminder, {offset} before the opening",
    "reminder.label.proposals": "Comments reminder, {offset} before the deadline for comments",
    "reminder.label.custom": "One-off reminder no. {number}",
    "reminder.list_header": "🔔 <b>Reminders</b>",
    "reminder.list_line": "\n<b>{number}.</b> {label}\n    {due} · {status} · {count} recipients{unlinked}",
    "reminder.unlinked": " (+{count} not connected)",
    "reminder.none": "No reminders are scheduled.",
    "reminder.status.scheduled": "scheduled",
    "reminder.status.paused": "paused",
    "reminder.status.sent": "sent",
    "reminder.status.skipped": "skipped (overdue)",
    "reminder.status.cancelled": "canceled",
    "reminder.button.pause": "⏸ Pause {number}",
    "reminder.button.resume": "▶️ Resume {number}",
    "reminder.button.send": "📤 Send {number} now",
    "reminder.button.add": "➕ Add a one-off reminder",
    "reminder.paused": "Reminder no. {number} paused.",
    "reminder.resumed": "Reminder no. {number} resumed.",
    "reminder.sending": "Sending reminder no. {number}…",
    "reminder.cannot": "This reminder is not in a state that allows this action.",
    "reminder.ask_audience": "Who should receive the one-off reminder?",
    "reminder.audience.all": "All delegates",
    "reminder.audience.unanswered": "Not yet confirmed",
    "reminder.audience.attending": "Attending",
    "reminder.audience.declined": "Unable to attend",
    "reminder.ask_text": "Please enter the reminder text (at most {limit} characters).",
    "reminder.ask_when": "When should it be sent? Please enter a time as {format}, or “now” to send it at once.",
    "reminder.bad_when": "The time is not in the expected format or has passed. Please enter it as {format}, or “now”.",
    "reminder.added": "✅ Scheduled “{label}” at {due} for {count} recipients.",
    "reminder.rollup_more": "{names} … and {rest} others",
    # Voice: times, durations, the contact person (bot/i18n/times.py, bot/i18n/__init__.py contact_note)
    "time.moment": "{hour}:{minute} on {weekday}, {date}",
    "time.clock": "{hour}:{minute}",
    "time.weekday.0": "Monday",
    "time.weekday.1": "Tuesday",
    "time.weekday.2": "Wednesday",
    "time.weekday.3": "Thursday",
    "time.weekday.4": "Friday",
    "time.weekday.5": "Saturday",
    "time.weekday.6": "Sunday",
    "time.typed_format": "dd/mm/yyyy HH:MM (day/month/year hour:minute), e.g. {example}",
    "time.days.one": "{count} day",
    "time.days.other": "{count} days",
    "time.hours.one": "{count} hour",
    "time.hours.other": "{count} hours",
    "time.minutes.one": "{count} minute",
    "time.minutes.other": "{count} minutes",
    "contact.person": " (Comrade {name}, phone {phone})",
    "proposal.status_merged_into": "Compiled together with comment no. {into}",
    "padmin.button_open": "No. {number} · {full_name}",
    "cli.export_done": "Wrote {count} rows to {path}.",
    "cli.report_done": "Wrote the committee report (comments and recommendations: {count}) to {path}.",
    "cli.invitations_pdf_done": "Wrote the printable invitations (A5 pages: {count}) to {path}.",
    "cli.bad_suffix": "The output file must end in {allowed}: {path}",
    "cli.unknown_broadcast": "There is no broadcast no. {id}.",
    "cli.event_line": "{mark} {code}  {name}  opens {starts_at}  {delegates} delegates, {linked} connected, {answered} confirmed",
    "command.export": "Download files: attendance, comments, invitations, report",
    "export.menu": "📁 <b>Files</b>\nChoose a file. It is sent to this chat.",
    "export.button.rsvps": "Invitation answers",
    "export.button.proposals": "Proposals by topic",
    "export.button.nominations": "Nominations",
    "export.button.deliveries": "Broadcast deliveries",
    "export.button.invitations": "Invitation links (XLSX)",
    "export.button.invitations_pdf": "Printable invitations (PDF)",
    "export.button.report": "Organizing Committee report (DOCX)",
    "export.button.audit": "Audit log",
    "export.button.tasks": "Work plan (XLSX)",
    "export.preparing": "Preparing the file…",
    "export.choose_broadcast": "Choose the broadcast whose deliveries you need:",
    "export.broadcast_button": "No. {id}: {text}",
    "export.no_broadcasts": "No broadcast has been sent yet.",
    "export.unknown_broadcast": "This broadcast was not found.",
    "export.too_large": (
        "The file {name} is {size} MB, over the {limit} MB Telegram lets a bot send. "
        "Please ask the technical staff to take it from the server with: <code>{command}</code>"
    ),
    "export.caption.rsvps": "Invitation answers (delegates: {count}).",
    "export.caption.proposals": "Comments and recommendations by topic (comments: {count}).",
    "export.caption.nominations": "Nominations: {count}.",
    "export.caption.deliveries": "Broadcast deliveries (recipients: {count}).",
    "export.caption.invitations": "Invitation links for mail merge (delegates: {count}).",
    "export.caption.invitations_pdf": "Printable invitations (A5 pages: {count}).",
    "export.caption.report": "Organizing Committee report on comments and recommendations (comments: {count}).",
    "export.caption.audit": "Audit log (lines: {count}).",
    "export.caption.tasks": "The Organizing Committee's work plan (tasks: {count}).",
    "cli.help.export_deliveries": "one broadcast's recipients and what happened to each copy (.xlsx)",
    "cli.help.export_invitations": "personal links for mail merge (.xlsx or .csv)",
    "cli.help.export_audit": "the audit log: who did what, when (.xlsx)",
    "cli.help.export_report": "the Organizing Committee's report on the comments and recommendations (.docx)",
    "cli.help.export_tasks": "the Organizing Committee's work plan with states, progress and history (.xlsx)",
    "cli.help.invites_print": "printable invitations: one A5 page per delegate with the QR of their link (.pdf)",
    "cli.help.out_file": "file or folder to write (default: the Vietnamese name with the date, in the current folder)",
    "cli.help.broadcast_number": "the broadcast's number",
    "cli.help.agency": "only this agency",
    "cli.help.unlinked": "only delegates not yet connected to Telegram",
    "cli.help.events": "the conferences in the database",
    "cli.help.events_list": "list the conferences with delegates, connected and confirmed",
    "report.number": "No.:      -BC/BTC",
    "report.party": "COMMUNIST PARTY OF VIET NAM",
    "report.date": "{day}/{month}/{year}",
    "report.title": "REPORT",
    "report.subtitle": "Comments and recommendations of heads and deputy heads of departments at {event_name}",
    "report.intro": (
        "For {event_name}, the Organizing Committee received {total} comments and recommendations from {authors} "
        "officials of {agencies} agencies. It reports them to {recipient} as follows:"
    ),
    "report.part_summary": "I. SUMMARY",
    "report.by_topic": "1. Comments by topic",
    "report.by_agency": "2. Comments by agency",
    "report.col_number": "No.",
    "report.col_topic": "Topic",
    "report.col_count": "Comments",
    "report.col_selected": "For the meeting",
    "report.col_answered": "Answered",
    "report.col_agency": "Agency",
    "report.col_authors": "Authors",
    "report.col_name": "Full name",
    "report.col_position": "Position, agency",
    "report.col_nominations": "Nominations",
    "report.col_criteria": "Criteria",
    "report.total": "Total",
    "report.part_topics": "II. COMMENTS BY TOPIC",
    "report.topic_heading": "{number}. {topic} ({count} comments)",
    "report.other_topic": "Other topics (no longer configured)",
    "report.no_proposals": "No comments on this topic yet.",
    "report.proposal_label": "Comment no. {number}",
    "report.source_agency": "{agency}",
    "report.source_author": "{full_name}, {position}, {agency}",
    "report.status_line": "Status: {status}.",
    "report.status.received": "received",
    "report.status.reviewing": "under review",
    "report.status.selected": "for discussion at the meeting",
    "report.status.answered": "answered",
    "report.status.merged": "merged into comment no. {target}",
    "report.answer_line": "The Organizing Committee's answer: {answer}",
    "report.part_nominations": "III. NOMINATIONS FOR COMMENDATION",
    "report.no_nominations": "No nominations yet.",
    "report.nominations_intro": "{people} officials were nominated by colleagues, {count} nominations in all:",
    "report.closing": "The Organizing Committee respectfully submits this report to {recipient}.",
    "report.recipients": "Recipients:",
    "report.recipient_line": "- {recipient} (for information),",
    "report.archive_line": "- Organizing Committee archive.",
    "report.on_behalf": "ON BEHALF OF {issuer}",
    "stats.header": "📊 <b>Figures: {event_name}</b>",
    "stats.header_scoped": "📊 <b>Figures: {event_name}</b>\nAgencies: {agencies}",
    "stats.totals": (
        "Invited: <b>{invited}</b> · connected to Telegram: {linked}\n"
        "Attend: <b>{attending}</b> · substitute: {substitute} · unable to attend: {declined} · "
        "not yet confirmed: <b>{unanswered}</b>"
    ),
    "stats.attendance": "🏛 Present at the conference: <b>{count}</b>/{expected} (not yet here: {not_here})",
    "stats.by_agency": "<b>By agency</b> (page {page}/{pages}; invited · attend · substitute · unable · not confirmed)",
    "stats.agency_line": "• {agency}: {invited} · {attending} · {substitute} · {declined} · {unanswered}",
    "stats.no_delegates": "The roster is empty.",
    "stats.proposals": "<b>Comments and recommendations:</b> {count} ({statuses})",
    "stats.topic_line": "• {topic}: {count} ({answered} answered)",
    "stats.status.received": "received {count}",
    "stats.status.reviewing": "under review {count}",
    "stats.status.selected": "for the meeting {count}",
    "stats.status.answered": "answered {count}",
    "stats.status.merged": "merged {count}",
    "stats.nominations": "<b>Nominations for commendation:</b> {people} nominees, {count} nominations",
    "stats.button_previous": "◀️ Previous page",
    "stats.button_next": "Next page ▶️",
    "stats.button_chart": "📈 Chart",
    "stats.button_refresh": "🔄 Refresh",
    "stats.button_redraw": "🔄 Redraw with fresh figures",
    "stats.button_unanswered": "📞 Not confirmed, by agency",
    "stats.drawing": "Drawing the chart…",
    "stats.chart_title": "Answers to the invitation by agency",
    "stats.chart_empty": "No figures yet: the roster is empty.",
    "stats.chart_caption": (
        "📈 Answers: invited {invited}, attend {attending}, substitute {substitute}, unable {declined}, "
        "not yet confirmed {unanswered}."
    ),
    "stats.series_attending": "Attend",
    "stats.series_substitute": "Substitute",
    "stats.series_declined": "Unable to attend",
    "stats.series_unanswered": "Not yet confirmed",
    "stats.agency_attendance": "   ↳ present {count}/{expected}",
    "stats.button_attendance_chart": "📈 Attendance chart",
    "stats.button_chart_refresh": "🔄 Refresh the figures",
    "stats.attendance_chart_title": "Delegates present by agency (at {time})",
    "stats.attendance_chart_empty": "No delegate has confirmed attendance or checked in yet.",
    "stats.attendance_chart_caption": (
        "🏛 Delegates present: <b>{count}</b>/{expected} (not yet here: {not_here}). Figures at {time}."
    ),
    "stats.series_present": "Present",
    "stats.series_not_here": "Not yet here",
    "hall.updated": "Updated at {time}",
    "hall.present": "Delegates present",
    "hall.not_here": "Not yet here: {count}",
    "hall.questions": "Questions to the presidium",
    "hall.question_meta": "Question no. {number} · {topic} · supported by {support}",
    "hall.asker": "{full_name} — {agency}",
    "hall.asker_unnamed": "A delegate (name not read out)",
    "hall.no_questions": "No question has been selected yet.",
    "hall.waiting": "… and {count} more questions.",
    "hall.link": (
        "🖥 <b>Hall screen</b> (read-only, refreshes every {seconds} seconds): delegates present by agency and the "
        "questions selected for the presidium.\n{url}\n"
        "Keep this link secret: open it only on the computer of the hall screen."
    ),
    "hall.off": "The hall screen page is off (section [hall_screen] of the configuration file).",
    "stats.button_hall_screen": "🖥 Hall screen",
    "stats.everyone_answered": "Every delegate has confirmed.",
    "stats.choose_agency": "Choose an agency to see who has not confirmed:",
    "stats.unanswered_button": "{agency} ({count})",
    "stats.list_changed": "The list has changed. Please press “Not confirmed, by agency” again.",
    "stats.unanswered_header": "📞 <b>{agency}</b>: {count} delegates not yet confirmed\n{lines}",
    "stats.unanswered_line": "{number}. {full_name} ({position}): {phone}",
    "stats.unanswered_more": "… and {count} more (all of them in /export → Invitation answers).",
    "stats.no_phone": "no phone number",
    "roster_upload.preview": (
        "📋 <b>Preview of the roster {name}</b>\nNew: <b>{created}</b> · updated: <b>{updated}</b> · "
        "unchanged: {unchanged} · on the current roster but not in the file: {missing} (kept)"
    ),
    "roster_upload.created_header": "<b>New delegates:</b>",
    "roster_upload.updated_header": "<b>Changed details:</b>",
    "roster_upload.missing_header": "<b>Not in the file (kept on the roster):</b>",
    "roster_upload.person": "• {code} {full_name} — {agency}",
    "roster_upload.changed": "• {code} {full_name}: {fields}",
    "roster_upload.more": "… and {count} more",
    "roster_upload.field.code": "code",
    "roster_upload.field.full_name": "full name",
    "roster_upload.field.position": "position",
    "roster_upload.field.department": "department",
    "roster_upload.field.agency": "agency",
    "roster_upload.field.phone": "phone",
    "roster_upload.field.email": "email",
    "roster_upload.confirm_hint": (
        "Nothing has been saved yet. Press “Confirm import” to update the roster, or “Cancel”. "
        "This preview is valid until {until}; sending another file replaces it."
    ),
    "roster_upload.button_confirm": "✅ Confirm import",
    "roster_upload.button_cancel": "✖️ Cancel",
    "roster_upload.error_row": "Row {row}: {reason}",
    "roster_upload.error_file": "File: {reason}",
    "roster_upload.refused": (
        "❌ {name} was not imported: {count} errors, the roster is unchanged. Please fix these rows and send the file again:\n{lines}"
    ),
    "roster_upload.unreadable": "❌ {name} cannot be read as a roster:\n{lines}",
    "roster_upload.not_a_roster": (
        "{name} is not a roster. Please send an Excel (.xlsx) or CSV file with the columns "
        "Code, Full name, Position, Department, Agency, Phone."
    ),
    "roster_upload.not_a_file": "To import the roster, please send the Excel (.xlsx) or CSV file as a file, not as a photo.",
    "roster_upload.too_large": "{name} is larger than {limit} MB, which Telegram does not let bots download. Please import it on the server: delegate-bot roster import",
    "roster_upload.stale": "This preview is no longer valid (imported, canceled or replaced by another file).",
    "roster_upload.expired": "The preview of {name} expired (over 30 minutes); nothing changed. Please send the file again.",
    "roster_upload.conflict": (
        "❌ {name} was not imported: the roster changed since the preview and the file no longer fits. Nothing changed.\n{lines}"
    ),
    "roster_upload.imported": (
        "✅ Imported {name}: {created} added, {updated} updated, {unchanged} unchanged; "
        "{missing} delegates on the roster are not in the file (kept)."
    ),
    "roster_upload.links_header": "<b>Personal links of the new delegates:</b>",
    "roster_upload.link_line": "• {code} {full_name}: {link}",
    "roster_upload.links_hint": "All links and the printable invitations: /export.",
    "roster_upload.cancelled": "Canceled. The roster is unchanged.",
    "command.audit": "The Organizing Committee's audit log",
    "audit.header": "🗂 <b>Audit log</b> (latest {count} actions, newest first)\n{lines}",
    "audit.line": "• {at} — {actor}: {action}{subject}",
    "audit.actor_telegram": "account {id}",
    "audit.actor_cli": "server (command line)",
    "audit.empty": "No actions yet.",
    "audit.button_full": "📥 The whole log (XLSX)",
    "invite_pdf.title_meta": "Invitation — {event_name}",
    "invite_pdf.title": "INVITATION",
    "invite_pdf.salutation": "To comrade {who}",
    "invite_pdf.body": "The Organizing Committee is honoured to invite you to {event_name}.",
    "invite_pdf.time": "Time: {when}.",
    "invite_pdf.venue": "Venue: {venue}.",
    "invite_pdf.deadline": "Please confirm attendance before {deadline}.",
    "invite_pdf.contact": "Contact person: Comrade {name}, phone {phone}.",
    "invite_pdf.how_scan": "1: scan the QR code with your phone camera, open it in Telegram and press Start.",
    "invite_pdf.how_link": "2: open Telegram, open the link printed below and press Start to confirm attendance.",
    "invite_pdf.footer": "Delegate code: {code}",
    "invite_pdf.empty": "No delegate matches: there is no invitation to print.",
    "config_problem.required_token": "is required; set it here or in environment variable {env}",
    "config_problem.required_webhook": 'is required when [telegram] mode = "webhook"',
    "config_problem.required": "is required",
    "config_problem.section_missing": "section is missing",
    "config_problem.unknown_section": "unknown section{hint}",
    "config_problem.unknown_key": "unknown key{hint}",
    "config_problem.not_empty": "must not be empty",
    "config_problem.too_long": "must be at most {limit} characters (has {length})",
    "config_problem.between": "must be between {low} and {high}",
    "config_problem.before_start": "must be before starts_at ({when})",
    "config_problem.not_utf8": "is not UTF-8 text; save it with UTF-8 encoding",
    "config_problem.invalid_toml": "invalid TOML: {detail}",
    "config_problem.folder": "is a folder, not a file",
    "config_problem.cannot_read": "cannot read file ({detail})",
    "config_problem.bad_token": "the value{origin} is not a valid Bot API token (expected digits, ':' and 30+ characters of A-Z a-z 0-9 _ -, as issued by @BotFather)",
    "config_problem.type": "must be {expected}, got {got}",
    "config_problem.hint": ' (did you mean "{name}"?)',
    "config_problem.or": " or ",
    "config_problem.unrecognised": "{detail}",
    "config_problem.unknown_key_use": 'unknown key "{field}" (use {options})',
    "config_problem.categories_count": "must list between {low} and {high} categories",
    "config_problem.faq_count": "must list at most {count} questions",
    "config_problem.port_range": "port {port} is not between 1 and 65535",
    "config_problem.after_start": "must be after starts_at ({when})",
    "config_problem.after_open": "must be after questions_open_at",
    "config_problem.venue_pair": "is needed too: the map pin takes both venue_latitude and venue_longitude",
    "config_problem.webhook_port": "port {port} is not one Telegram sends webhooks to: use 443, 80, 88 or 8443 in the public URL (the local [telegram.webhook] port behind a reverse proxy may be anything)",
    "config_problem.chair": "must be one of [[committee.members]] ids or of [telegram] organizers",
    "config_problem.file_not_found": "file not found",
    "config_problem.local_time": "must be a local time without a UTC offset (it is read in [event] timezone); {time_help}",
    "config_problem.date_and_time": "must have both a date and a time of day; {time_help}",
    "config_problem.not_a_time": "is not a valid date and time; {time_help}",
    "config_problem.unknown_zone": 'unknown time zone "{zone}" (use an IANA name such as "Asia/Ho_Chi_Minh")',
    "config_problem.clock_change": "{when} does not exist in {zone} (clock change)",
    "config_problem.table_section": "must be a table (a [{dotted}] section), got {got}",
    "config_problem.contact_table": "must be a table like {example}, got {got}",
    "config_problem.agency_table": "must be a table: {example}",
    "config_problem.array_of_tables": "must be an array of tables ({table} with {options})",
    "config_problem.durations": "must be an array of durations such as {days} or {hours}",
    "config_problem.duration_item": 'must be a number followed by d, h or m, e.g. "7d", "2h", "30m"',
    "config_problem.listed_twice": '"{value}" is listed twice',
    "config_problem.code_twice": 'code "{code}" is used twice',
    "config_problem.id_twice": "id {id} is listed twice",
    "config_problem.question_twice": 'the same question as entry {first} ("{question}"); each must be different',
    "config_problem.agency_id": '"{agency}" must be a positive Telegram user id (no quotes)',
    "config_problem.member_id": "id must be a positive Telegram user id (no quotes)",
    "config_problem.user_id_or_zero": "must be a positive Telegram user id (no quotes), or 0 for none",
    "config_problem.user_id_type": "must be an integer Telegram user id (no quotes), got {got}",
    "config_problem.user_id_positive": "must be a positive user id (group/channel ids are negative)",
    "config_problem.phone_type": "phone must be a string, got {got}",
    "config_problem.phone_invalid": "phone is not a valid phone number (write it as {example})",
    "config_problem.host": "must be a host name or IP address without spaces",
    "config_problem.characters": "must be {count} characters of {chars}",
    "config_problem.url": "must be an absolute {options} URL, e.g. {example}",
    "config_problem.number": "must be a number, got {got}",
    "config_problem.one_of": "must be {options}",
    "config_problem.item": "item {index}: {rest}",
    "config_problem.item_plain": "item {index} {rest}",
    "config_problem.entry": "entry {index}: {rest}",
    "config_problem.name": "name {rest}",
    "config_problem.time_help": 'write local time as 2026-12-28T08:00:00, "2026-12-28 08:00" or "28/12/2026 08:00"',
    "config_problem.url_path": 'must be a URL path starting with "/" (no spaces, "?" or "#")',
    "config_problem.host_port": 'must be "host:port", e.g. {example}',
    "config_problem.hall_path": 'must be empty (a random one is made) or at least {count} characters of A-Z a-z 0-9 "_" "-"',
    "config_problem.clock_time": 'must be a time of day "HH:MM" (24-hour) or ""',
    "config_got.string": "string",
    "config_got.integer": "integer",
    "config_got.boolean": "boolean",
    "config_got.date-time": "date-time",
    "config_got.float": "float",
    "config_got.date": "date",
    "config_got.time": "time",
    "config_got.table": "table",
    "config_got.array": "array",
    "config_type.string": "a string",
    "config_type.integer": "an integer",
    "config_type.boolean": "true or false (no quotes)",
    "config_type.user_ids": "an array of Telegram user ids",
    "config_type.date-time": "a date-time",
    "config_type.float": "a float",
    "config_type.date": "a date",
    "config_type.time": "a time",
    "config_type.table": "a table",
    "config_type.array": "an array",
    "cli.help.description": "Telegram bot for a conference: invitations, attendance confirmation, comments, notices.",
    "cli.help.commands": "commands",
    "cli.help.actions": "actions",
    "cli.help.config": "config file (default: environment variable DELEGATE_BOT_CONFIG or ./config.toml)",
    "cli.help.lang": "language of the help and messages: vi (default) or en",
    "cli.help.version": "show the version number and exit",
    "cli.help.run": "run the bot (polling or webhook, as configured)",
    "cli.help.demo": "rehearse the conference on a local sandbox (no token, no network)",
    "cli.help.demo_delegates": "number of delegates on the generated roster (default 800)",
    "cli.help.demo_seed": "random seed, to replay the same rehearsal (default 7)",
    "cli.help.demo_cpus": "pin the bot process to N processor cores (e.g. 1 to rehearse a one-core machine)",
    "cli.help.demo_in_process": "run the bot inside the demo process instead of as its own process",
    "cli.help.demo_all_reminders": "also send the conference and comments reminders (adds about a minute)",
    "cli.help.demo_transcript": "file to write the messages one delegate, one agency contact and the organizer received (default demo-transcript.txt)",
    "cli.help.roster": "the delegate roster",
    "cli.help.roster_import": "import a CSV or XLSX roster (a file with any bad row is refused whole)",
    "cli.help.roster_file": "the roster file, .csv or .xlsx",
    "cli.help.roster_withdraw": "withdraw a delegate from the conference: link stops working, out of every count; history kept",
    "cli.help.roster_restore": "bring a withdrawn delegate back",
    "cli.help.code": "the delegate's code on the roster",
    "cli.help.invites": "personal links",
    "cli.help.invites_export": "write every delegate's personal link to a .csv or .xlsx file",
    "cli.help.invites_reissue": "revoke a delegate's link and issue a new one",
    "cli.help.out_table": "file to write, .csv or .xlsx (the folder must exist)",
    "cli.help.bot_username": "the bot's @username (optional: the bot asks Telegram itself when the token is set)",
    "cli.help.export": "tables for the Organizing Committee",
    "cli.help.export_rsvps": "every delegate's answer (.csv or .xlsx)",
    "cli.help.export_proposals": "comments and recommendations by topic with a summary (.xlsx)",
    "cli.help.export_nominations": "nominees ranked, by agency, and every nomination (.xlsx)",
    "cli.help.agenda": "the conference agenda",
    "cli.help.agenda_publish": "publish a new agenda version from .txt/.md, .toml or .xlsx",
    "cli.help.agenda_file": "the agenda file",
    "cli.help.broadcasts": "the Organizing Committee's notices",
    "cli.help.broadcasts_list": "the latest notices with their state and counts",
    "cli.no_config": (
        "Config file {path} not found. Create it from the example: cp config.example.toml config.toml "
        "and edit it (or point to another file with --config)."
    ),
    "cli.bad_config": "Invalid configuration: {error}",
    "cli.no_folder": "Cannot write {path}: folder {folder} does not exist.",
    "cli.cannot_write": "Cannot write {path}: {reason}.",
    "cli.cannot_read": "Cannot read {path}: {reason}.",
    "cli.db_locked": (
        "Database {path} is locked by another process. Please try again in a moment "
        "(a running bot can share it; check that no other command is running)."
    ),
    "cli.db_error": "Database error in {path}: {reason}",
    "cli.getme_failed": "Could not ask Telegram for the bot's @username: {reason}. Nothing was changed.",
    "cli.withdraw_done": "Delegate {code} ({full_name}) withdrawn from the conference: the link no longer works, they are out of every audience and count; their history is kept.",
    "cli.withdraw_unchanged": "Delegate {code} ({full_name}) was already withdrawn.",
    "cli.restore_done": "Delegate {code} ({full_name}) restored; their link works again.",
    "cli.restored_relinked": "Delegate {code} ({full_name}) restored and their former Telegram account linked again.",
    "cli.restore_unchanged": "Delegate {code} ({full_name}) is on the roster; nothing to restore.",
    "cli.agenda_unchanged": "The agenda in {name} is the same as the published version {version}: no new version.",
    "agenda.unchanged": "This agenda is the same as the published version {version}; no new version was made.",
    "agenda_error.cannot_read": "cannot read {name} ({detail})",
    "agenda_error.toml_items": "a .toml file needs [[item]] tables with time and title",
    "agenda_error.unsupported": "file type “{suffix}” cannot be used: .txt, .md, .toml or .xlsx",
    "agenda_error.empty_sheet": "the sheet is empty",
    "agenda_error.no_columns": "the first row must name a time column (Time) and a title column (Title)",
    "agenda_error.no_items": "the agenda has no items",
    "agenda_error.too_many": "the agenda has more than {limit} items",
    "agenda_error.no_title": "item {number} has no title",
    "agenda_error.too_long": "item {number} is longer than {limit} characters",
    # --- pace: flood control ---
    "flood.notice": (
        "You have sent too many messages in a short time. The bot will not handle your next messages for a while; "
        "please wait a moment and try again."
    ),
    # Database file commands (db backup / check / restore)
    "start.withdrawn": "This link is no longer valid. If needed, please contact the Organizing Committee{contact}.",
    "cli.help.db": "the database file: backup, check, restore",
    "cli.help.db_backup": "back up the database, also while the bot runs (a consistent copy)",
    "cli.help.db_backup_out": "backup file to write (the folder must exist)",
    "cli.help.db_backup_dir": "folder of backups named by their time",
    "cli.help.db_backup_keep": "how many backups to keep in the folder (default 14)",
    "cli.help.db_check": "check the database's integrity and schema version",
    "cli.help.db_restore": "restore the database from a backup (stop the bot first)",
    "cli.help.db_restore_file": "backup file",
    "cli.db_missing": "There is no database at {path} yet.",
    "cli.db_not_database": "{path} is not the bot's database: {reason}.",
    "cli.db_damaged": "The database {path} is damaged: {reason}. Restore it from the latest backup.",
    "cli.db_check_current": "Database {path}: intact, schema version {version} (current).",
    "cli.db_check_older": "Database {path}: intact, schema version {version}; it is upgraded to version {supported} when the bot starts.",
    "cli.db_backup_done": "Backed up to {path}.",
    "cli.db_backup_removed": "Removed the old backup {path}.",
    "cli.db_restore_running": "The bot is running on the database {path}: stop it before restoring. Nothing was changed.",
    "cli.not_a_file": "no such file",
    "cli.db_restore_newer": "written by a newer release (schema {found}, this release supports up to {supported})",
    "cli.db_restore_refused": "Not restoring from {path}: {reason}. Nothing was changed.",
    "cli.db_restored": "Restored {path} from {source}. The previous database is kept at {safety}.",
    "cli.already_running": "The bot is already running on the database {path} (another process holds its lock). Not started again.",
    "command.task": "Assign a task to a member of the Organizing Committee",
    "command.tasks": "The work plan and its progress",
    "task.button.accept": "Accept",
    "task.button.done": "Done",
    "task.button.progress": "Report progress",
    "task.button.blocked": "Blocked",
    "task.button.deadline": "Change deadline",
    "task.button.owner": "Change owner",
    "task.button.create": "Assign",
    "task.button.import": "Import {count} tasks",
    "task.button.new": "➕ New task",
    "task.button.import_plan": "📥 Import plan (XLSX)",
    "task.button.export": "📤 Export plan (XLSX)",
    "task.button.open": "Task no. {number}",
    "task.status.assigned": "Assigned, not accepted",
    "task.status.accepted": "In progress",
    "task.status.done": "Done",
    "task.status.blocked": "Blocked",
    "task.late": " — overdue by {late}",
    "task.state.done": "Done",
    "task.state.in_progress": "In progress",
    "task.state.overdue": "Overdue",
    "task.state.blocked": "Blocked",
    "task.card": "<b>Task no. {number}</b>: {title}\nOwner: {owner}\nDeadline: {deadline}\nState: {status}{extra}",
    "task.card.group": "Group: {group}",
    "task.card.notes": "Notes: {notes}",
    "task.card.progress": "Progress: {progress}",
    "task.card.reason": "Blocked because: {reason}",
    "task.line": "{mark} No. {number}. {title} — due {deadline} — {status}",
    "task.line_owner": "{mark} No. {number}. {title} — {owner} — due {deadline} — {status}",
    "task.no_group": "No group",
    "task.board.title": "<b>The Organizing Committee's work plan</b> ({total} tasks)",
    "task.board.group": (
        "• <b>{group}</b>: {total} tasks — {done} done, {in_progress} in progress, {overdue} overdue, {blocked} blocked"
    ),
    "task.board.total": "Total: {done}/{total} done, {in_progress} in progress, {overdue} overdue, {blocked} blocked.",
    "task.attention": "\n<b>Needs attention</b> (overdue or blocked):",
    "task.mine_title": "\n<b>Your tasks</b> ({count}):",
    "task.mine_none": "No task has been assigned to you yet.",
    "task.chart_title": "Conference preparation by group of tasks",
    "task.chart_empty": "The plan has no tasks yet",
    "task.chart_caption": "Progress chart: {total} tasks.",
    "task.no_members": (
        "No committee members are configured ([[committee.members]]). Please add the members before assigning tasks."
    ),
    "task.ask_title": "Please enter the task (at most {limit} characters).",
    "task.ask_owner": "Please choose the owner:",
    "task.ask_deadline": ("Owner: {owner}.\nPlease enter the deadline as {format}."),
    "task.bad_deadline": ("The deadline is not in the expected format or has passed. Please enter it as {format}."),
    "task.confirm": "Please check before assigning:\n<b>{title}</b>\nOwner: {owner}\nDeadline: {deadline}",
    "task.created": "Task no. {number} is assigned to {owner}, who has been told.",
    "task.cancelled": "Canceled; nothing was changed.",
    "task.not_found": "This task was not found, or it is not yours to see.",
    "task.unchanged": "Nothing was changed.",
    "task.assigned": "Dear {full_name},\nThe Organizing Committee assigns you the task below. Please press “Accept” to confirm.",
    "task.notice.deadline": "Dear {full_name},\nThe deadline of the task below has changed (it was {before}).",
    "task.notice.new_owner": "Dear {full_name},\nThe task below is now yours. Please press “Accept” to confirm.",
    "task.notice.updated": "Dear {full_name},\nThe Organizing Committee's new plan changed the task below.",
    "task.notice.handed_over": "Task no. {number} “{title}” has been handed over to {owner}. Thank you.",
    "task.deadline_changed": "The deadline of task no. {number} is now {deadline}.",
    "task.owner_changed": "Task no. {number} is now assigned to {owner}.",
    "task.ask_new_deadline": ("Please enter the new deadline as {format}."),
    "task.ask_new_owner": "Please choose the new owner:",
    "task.ask_progress": "Please describe briefly the progress of task no. {number}.",
    "task.ask_blocked": "Please give the reason task no. {number} is blocked; the chair will be told.",
    "task.act.ok": "Recorded.",
    "task.act.not_found": "This task was not found.",
    "task.act.not_owner": "This task is not assigned to you.",
    "task.act.already_done": "This task is already done.",
    "task.act.unchanged": "You have already accepted this task.",
    "task.saved.accept": "Recorded: you accepted task no. {number}.",
    "task.saved.done": "Recorded: task no. {number} is done. Thank you.",
    "task.saved.progress": "Progress of task no. {number} recorded.",
    "task.saved.blocked": "Recorded that task no. {number} is blocked; the chair has been told.",
    "task.remind.before": (
        "Dear {full_name},\nA reminder from the Organizing Committee: task no. {number} “{title}” is due by {deadline} "
        "({left} left)."
    ),
    "task.remind.day": (
        "Dear {full_name},\nTask no. {number} “{title}” is due today, by {deadline}. Please update its progress with the "
        "buttons below."
    ),
    "task.escalate.overdue": (
        "⚠️ <b>Overdue task</b>\nTask no. {number} “{title}” is overdue by {late} (deadline {deadline}).\n"
        "Owner: {owner}\nState: {status}\nLatest progress: {progress}"
    ),
    "task.escalate.blocked": (
        "⛔ <b>Blocked task</b>\nTask no. {number} “{title}” (deadline {deadline}).\nOwner: {owner}\nReason: {reason}"
    ),
    "task.digest": (
        "<b>Progress on {date}</b>\n\n<b>Due today</b>\n{due}\n\n<b>Overdue</b>\n{overdue}\n\n<b>Blocked</b>\n{blocked}"
    ),
    "task.digest.none": "None.",
    "task.ask_plan": (
        "Please send the plan (.xlsx) with the columns “Task”, “Owner”, “Deadline” (dd/mm/yyyy HH:MM) and optionally "
        "“Group” and “Notes” (Vietnamese headers work too)."
    ),
    "task.plan_not_file": "Please send the plan as an .xlsx file (at most {limit} KB).",
    "task.plan_refused": "The plan “{name}” was not imported: {count} problems. No task was added.",
    "task.plan_row": "• Row {row}: {reason}",
    "task.plan_file": "• {reason}",
    "task.plan_more": "… and {count} more.",
    "task.plan_preview": "The plan has {count} tasks. Please check before importing:",
    "task.plan_preview_line": "• {title} — {owner} — due {deadline}",
    "task.imported": "Plan imported: {created} new tasks, {updated} changed, {unchanged} unchanged. The owners have been told.",
    "task_error.unsupported_file": "only .xlsx files are accepted",
    "task_error.unreadable_file": "the file cannot be read (damaged or not Excel)",
    "task_error.empty_file": "the file is empty",
    "task_error.missing_column": "the column “{column}” is missing",
    "task_error.too_many_rows": "more than {limit} rows",
    "task_error.missing_title": "the task is empty",
    "task_error.too_long": "the task is longer than {limit} characters",
    "task_error.duplicate_title": "the same task as row {first}",
    "task_error.missing_owner": "no owner",
    "task_error.unknown_owner": "“{value}” is not a committee member or unit",
    "task_error.bad_deadline": "the deadline “{value}” is not dd/mm/yyyy HH:MM",
    "task_error.no_tasks": "there are no tasks",
    "task.note.created": "Assigned",
    "task.note.accept": "Accepted",
    "task.note.done": "Done",
    "task.note.progress": "Progress",
    "task.note.blocked": "Blocked",
    "task.note.deadline": "Deadline changed",
    "task.note.owner": "Owner changed",
    "task.xlsx.sheet_plan": "Plan",
    "task.xlsx.sheet_summary": "Summary",
    "task.xlsx.sheet_history": "History",
    "task.xlsx.plan_headers": "No.|Group|Task|Owner|Owner as planned|Deadline|State|Progress|Blocked because|Done at|Notes",
    "task.xlsx.summary_headers": "Group|Total|Done|In progress|Overdue|Blocked",
    "task.xlsx.history_headers": "Task no.|When|What|Details",
    "cli.tasks_imported": "Imported {name}: {created} new tasks, {updated} changed, {unchanged} unchanged.",
    "cli.tasks_refused": "{name} was not imported: {count} problems, no task was added.",
    "cli.tasks_row": "  row {row}: {reason}",
    "cli.tasks_file": "  {reason}",
    "role.admin": "an Organizing Committee administrator",
    "role.committee": "an Organizing Committee member",
    "role.chair": "chair of the Organizing Committee",
    "role.staff": "conference staff",
    "role.agency_contact": "agency contact",
    "role.moderator": "moderator of the questions to the presidium",
    "help.roles": "Commands for {roles}:",
    "command.myid": "My Telegram id (for the configuration)",
    "command.delegate": "Organizing Committee: look up, withdraw or restore a delegate",
    "myid": "Your Telegram id: <code>{user_id}</code>",
    "start.role_greeting": "Welcome, {name}! For {event_name} you are set up as {roles}.",
    "start.role_commands": "Your commands (also in the Menu button):",
    "start.agency_contact_note": (
        "With each attendance confirmation reminder, the Organizing Committee sends you the list of your agency's "
        "delegates who have not yet confirmed attendance."
    ),
    "start.role_not_delegate": "If you are also a delegate, please open the personal link in your invitation.",
    "delegate.ask": "Please enter a delegate code or part of a name after the command, e.g. /delegate DB001",
    "delegate.none": "No delegate matches “{query}”.",
    "delegate.many": "{count} delegates match “{query}”; choose one:",
    "delegate.view": (
        "<b>{full_name}</b> (code {code})\n{position}, {department}, {agency}\nPhone: {phone}\n"
        "Telegram account: {linked}\nAnswer: {answer}\nStatus: {status}"
    ),
    "delegate.linked": "connected",
    "delegate.not_linked": "not connected",
    "delegate.status.active": "on the roster",
    "delegate.status.withdrawn": "withdrawn from the conference (history kept)",
    "delegate.button.withdraw": "Withdraw from the conference",
    "delegate.button.restore": "Restore",
    "delegate.button.reissue": "Reissue the link",
    "delegate.withdrawn": (
        "{full_name} ({code}) withdrawn from the conference: the link no longer works, they are out of every "
        "audience and count; their history is kept. Press “Restore” to undo."
    ),
    "delegate.restored": "{full_name} ({code}) restored.",
    "delegate.unchanged": "Nothing changed: the delegate was already in that state.",
    "delegate.reissued": (
        "The old link is revoked and a new one issued for {full_name} ({code}). Please send it to the right person:\n{link}"
    ),
    # Personal data purge (data purge)
    "cli.help.data": "personal data after the conference",
    "cli.help.data_purge": "remove one conference's personal data (phone numbers, Telegram ids, links, check-in codes, reasons, attachments); keep the anonymous counts",
    "cli.help.purge_event": "the conference's code ([event] code)",
    "cli.help.purge_confirm": "the conference's code again, to confirm without a prompt (for scripts)",
    "cli.purge_running": "The bot is running on the database {path}: stop it before purging. Nothing was changed.",
    "cli.purge_unknown_event": "There is no conference with the code {code} in the database. Nothing was changed.",
    "cli.purge_needs_confirm": "Nobody to confirm: run again with --confirm {code}. Nothing was changed.",
    "cli.purge_warning": "About to remove the personal data of conference {code} ({name}). This cannot be undone; back up first (delegate-bot db backup).",
    "cli.purge_prompt": "Type the conference's code again to confirm: ",
    "cli.purge_not_confirmed": "The code typed does not match. Nothing was changed.",
    "cli.purge_done": "Removed the personal data of conference {code} ({rows} rows deleted or cleaned).",
    "cli.purge_kept": "The anonymous counts and the texts of comments and questions are kept. Older backups still hold personal data: delete them when no longer needed.",
    "cli.purge_texts_removed": "The anonymous counts are kept; the texts of comments and questions are removed. Older backups still hold personal data: delete them when no longer needed.",
    "cli.help.tasks": "the Organizing Committee's work plan",
    "cli.help.tasks_import": "import the work plan from an XLSX file (a file with any bad row is refused whole)",
    "cli.help.tasks_file": "the plan, .xlsx (columns Task, Owner, Deadline, Notes; Vietnamese headers work too)",
    # The report's annex of questions to the presidium
    "report.annex_questions": "ANNEX: QUESTIONS AND OPINIONS TO THE PRESIDIUM",
    "report.annex_intro": "{count} questions and opinions of delegates were selected or answered in the hall, by support:",
    "report.col_question": "Question",
    "report.col_asker": "Delegate, agency",
    "report.col_support": "Support",
    "report.support_cell": "{support} supporters; {merged} questions with the same content",
    "report.question_status.approved": "selected, not yet answered",
    "report.question_status.answered": "answered in the hall",
    # --- issue 18: the meeting in the phone's calendar (phone) ---
    "calendar.button": "📅 Add to my calendar",
    "calendar.caption": "The conference {event_name} opens at {starts_at}, at {venue}. Please open the attached file to add it to your phone's calendar (with a reminder the day before).",
    "calendar.changed": "Dear Comrade {full_name},\nThe Organizing Committee announces a change to {event_name}:\n{changes}\nPlease open the attached calendar file to update your phone's calendar. Thank you.",
    "calendar.changed_time": "- New opening time: {new} (was: {old}).",
    "calendar.changed_venue": "- New venue: {new} (was: {old}).",
    "calendar.changed_time_only": "- New opening time: {new}.",
    "calendar.changed_venue_only": "- New venue: {new}.",
    "calendar.cancel_caption": "The Organizing Committee has recorded that you will not attend; please open the attached file to remove the conference from your phone's calendar.",
    "calendar.description": "The Organizing Committee invites you to attend {event_name}.",
    "calendar.contact": "Contact person: Comrade {name}, phone {phone}",
    "calendar.alarm": "Tomorrow: {event_name}",
    # --- issue 18: practical questions — FAQ and "Ask the Organizing Committee" (phone) ---
    "command.ask": "Ask the Organizing Committee a practical question (parking, documents, meals…)",
    "command.inquiries": "Delegates' questions to the Organizing Committee",
    "faq.heading": "Frequently asked questions: press a question to see the answer, or press “Ask the Organizing Committee”.",
    "faq.answer": "<b>{question}</b>\n{answer}",
    "ask.button": "✍️ Ask the Organizing Committee",
    "ask.prompt": "Please enter your question to the Organizing Committee about the practical arrangements (at most {limit} characters). Comments and recommendations on the conference's content go through /proposal.",
    "ask.sent": "The Organizing Committee has received your question and will answer it as soon as possible. Thank you.",
    "ask.too_soon": "You have just sent a question. Please send the next one in {seconds} seconds.",
    "ask.new": "✍️ Question no. {number} from Comrade {name} ({agency}):\n{question}",
    "ask.answer_button": "Answer question no. {number}",
    "ask.answer_prompt": "Please enter the answer to question no. {number} from Comrade {name} (at most {limit} characters):\n{question}",
    "ask.delivered": "Dear Comrade {name},\nThe Organizing Committee answers your question:\n“{question}”\n\n{answer}\n\nThank you.",
    "ask.answered": "The answer to question no. {number} was sent to Comrade {name}.",
    "ask.already": "Question no. {number} was already answered by Comrade {by} at {at}.",
    "ask.not_found": "This question was not found.",
    "ask.faq_button": "Add to the frequently asked questions",
    "ask.faq_added": "Question no. {number} is now in the frequently asked questions (shown by /help).",
    "ask.faq_already": "Question no. {number} is already in the frequently asked questions.",
    "faq.vietnamese_only": "(This answer is available in Vietnamese only.)",
    "faq.english_button": "🇬🇧 English version of no. {number}",
    "faq.list": (
        "📚 <b>Frequently asked questions added by the Organizing Committee</b> ({count})\n"
        "Press a button to add the English version or to remove a question from /help.{lines}"
    ),
    "faq.list_line": "\n\n<b>No. {number}.</b> {question}\n🇬🇧 {english}",
    "faq.list_vi_only": "<i>no English version yet</i>",
    "faq.list_empty": "No frequently asked question has been added from the delegates' questions yet.",
    "faq.not_found": "This frequently asked question was not found (it may have been removed).",
    "faq.english_prompt": (
        "Please enter the English version of frequently asked question no. {number}: the first line is the "
        "question, the lines after it the answer.\n\n<b>{question}</b>\n{answer}"
    ),
    "faq.english_bad": "Please enter both parts: the first line is the question, the lines after it the answer.",
    "faq.english_saved": (
        "✅ The English version of frequently asked question no. {number} is saved. Delegates reading English will "
        "see:\n\n<b>{question}</b>\n{answer}"
    ),
    "faq.remove_button": "🗑 Remove no. {number}",
    "faq.remove_confirm": "Remove frequently asked question no. {number} from /help?\n“{question}”",
    "faq.remove_yes": "🗑 Remove from /help",
    "faq.remove_no": "Keep it",
    "faq.removed": "✅ Frequently asked question no. {number} is removed; delegates no longer see it in /help.",
    "faq.kept": "Frequently asked question no. {number} is kept as it is.",
    "command.faq": "Organizing Committee: frequently asked questions (English version, removal, hiding)",
    "ask.queue": "<b>Delegates' questions to the Organizing Committee</b> ({open} not yet answered)\n\n{lines}",
    "ask.queue_open": "Question no. {number} — {name} ({agency}), at {at}:\n{question}",
    "ask.queue_answered": "Question no. {number} — {name} ({agency}):\n{question}\n→ Answered by Comrade {by} at {at}.",
    "ask.queue_empty": "No questions yet.",
    # --- issue 18 leftovers: the calendar change notice's results and its resend to 'unknown' (phone3) ---
    "command.calendar": "Organizing Committee: results of the conference calendar change notice, resend",
    "calendar.admin_unchanged": (
        "📅 <b>The conference in delegates' phone calendars</b>\nThe time and venue have not changed since the "
        "calendar files were sent; no change notice so far.\nOpens at {starts_at}, at {venue}."
    ),
    "calendar.admin_summary": (
        "📅 <b>Conference calendar change notice (change no. {sequence})</b>\nNow: opens at {starts_at}, at "
        "{venue}.\n{progress}\n✅ Sent to: {sent}\n🚫 Not delivered (blocked the bot): {unreachable}\n"
        "⚠️ Send errors: {failed}\n❔ Unknown (may have received it): {unknown}{resends}"
    ),
    "calendar.admin_sending": "⏳ Sending to attending delegates (in progress: {sending}).",
    "calendar.admin_done": "Sent to every attending delegate connected on Telegram.",
    "calendar.admin_resends": "\n🔁 Resent: {resent}; waiting to be resent: {asked}",
    "calendar.button.resend_unknown": "🔁 Resend to {count} unknown",
    "calendar.resend_confirm": (
        "Resend change notice no. {sequence} (with the updated calendar file) to {count} delegates who may not have "
        "received it?\nDelegates who received it get nothing; each delegate is resent at most once."
    ),
    "calendar.resend_yes": "🔁 Resend",
    "calendar.resend_no": "Do not resend",
    "calendar.resend_queued": "✅ Resending change notice no. {sequence} to {count} delegates. Use /calendar to see the results.",
    "calendar.resend_nothing": "No attending delegate's notice is unknown.",
    "calendar.resend_already": "This notice was already resent to the delegates whose result was unknown; each delegate is resent at most once.",
    "calendar.resend_stale": "The conference changed again (change no. {sequence}); the new notice replaces this one. Use /calendar to see it.",
    "calendar.resend_cancelled": "The notice is not resent.",
    # --- issue 18 leftovers: the config file's [[faq]] entries hidden from /help by an admin (phone3) ---
    "faq.config_list": (
        "📌 <b>Frequently asked questions in the config file</b> ({count} questions; hidden ones are not shown in "
        "/help, the config file stays as it is){lines}"
    ),
    "faq.config_line": "\n\n<b>C{number}.</b> {question}{state}",
    "faq.config_hidden_mark": " — <i>hidden</i>",
    "faq.config_hide_button": "Hide C{number}",
    "faq.config_show_button": "👁 Show C{number} again",
    "faq.config_hide_confirm": (
        "Hide frequently asked question C{number} from /help?\n“{question}”\nIt stays in the config file; you can "
        "show it again with /faq."
    ),
    "faq.config_hide_yes": "Hide from /help",
    "faq.config_hide_no": "Keep",
    "faq.config_hidden": "✅ Frequently asked question C{number} is hidden; delegates no longer see it in /help.",
    "faq.config_already_hidden": "Frequently asked question C{number} was already hidden.",
    "faq.config_kept": "Frequently asked question C{number} is kept as it is.",
    "faq.config_shown": "✅ Frequently asked question C{number} is shown in /help again.",
    "faq.config_already_shown": "Frequently asked question C{number} is shown in /help.",
    "faq.config_not_found": "This question is not in the config file (the file may have been edited).",
}
