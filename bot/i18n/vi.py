"""Vietnamese texts (the default language)."""

MESSAGES: dict[str, str] = {
    # Invitation card
    "card.body": (
        "📨 <b>GIẤY MỜI</b>\n\n"
        "Kính gửi đồng chí <b>{full_name}</b>{designation}.\n\n"
        "Ban Tổ chức trân trọng kính mời đồng chí tham dự <b>{event_name}</b>.\n"
        "🕗 Thời gian: {starts_at}\n"
        "📍 Địa điểm: {venue}\n\n"
        "{status}"
    ),
    "card.ask": "Đề nghị đồng chí xác nhận trước {rsvp_deadline} bằng các nút dưới đây.",
    "card.answered": "Trả lời của đồng chí: {answer}\nĐồng chí có thể thay đổi trước {rsvp_deadline}.",
    "card.closed": "Đã hết hạn xác nhận ({rsvp_deadline}). Trả lời của đồng chí: {answer}",
    "answer.none": "chưa trả lời",
    "answer.attending": "✅ Tham dự",
    "answer.declined": "❌ Vắng mặt",
    "answer.declined_reason": "❌ Vắng mặt (lý do: {reason})",
    "answer.substitute": "🔁 Cử người dự thay: {name}, {position}",
    "button.attend": "✅ Tham dự",
    "button.decline": "❌ Vắng mặt",
    "button.substitute": "🔁 Cử người dự thay",
    "button.skip": "Bỏ qua",
    "button.share_phone": "📱 Chia sẻ số điện thoại của tôi",
    "button.cancel": "Hủy",
    # Linking
    "start.unlinked": (
        "Xin chào! Đây là kênh liên lạc của Ban Tổ chức {event_name}.\n"
        "Đồng chí hãy mở đường link cá nhân trong giấy mời, hoặc bấm nút dưới đây để chia sẻ số điện thoại "
        "đã đăng ký với Ban Tổ chức."
    ),
    "start.token_unknown": "Đường link này không đúng hoặc không thuộc hội nghị này. Đồng chí có thể chia sẻ số điện thoại để được nhận diện.",
    "start.token_revoked": "Đường link này đã được thay bằng link mới. Đồng chí vui lòng dùng link mới nhất Ban Tổ chức gửi, hoặc chia sẻ số điện thoại.",
    "start.token_used": "Đường link này đã được dùng trên một tài khoản Telegram khác. Ban Tổ chức đã được báo để kiểm tra.",
    "start.account_taken": "Tài khoản Telegram này đã gắn với đại biểu {full_name}. Mỗi tài khoản chỉ dùng cho một đại biểu.",
    "contact.not_own": "Vui lòng chia sẻ số điện thoại của chính đồng chí bằng nút bên dưới.",
    "contact.bad_phone": "Số điện thoại này không hợp lệ.",
    "contact.no_match": "Số điện thoại này không có trong danh sách đại biểu. Đồng chí vui lòng liên hệ Ban Tổ chức.",
    "contact.taken": "Số điện thoại này đã gắn với một tài khoản Telegram khác. Đồng chí vui lòng liên hệ Ban Tổ chức.",
    "contact.linked": "Đã nhận diện đồng chí. Cảm ơn đồng chí!",
    # Answers
    "rsvp.attend_saved": "Ban Tổ chức đã ghi nhận đồng chí sẽ tham dự. Trân trọng cảm ơn!",
    "rsvp.ask_reason": "Đồng chí vui lòng cho biết ngắn gọn lý do vắng mặt (tối đa {limit} ký tự), hoặc bấm Bỏ qua.",
    "rsvp.decline_saved": "Ban Tổ chức đã ghi nhận đồng chí vắng mặt.",
    "rsvp.ask_substitute_name": "Đồng chí vui lòng nhập họ và tên người dự thay (tối đa {limit} ký tự).",
    "rsvp.ask_substitute_position": "Vui lòng nhập chức vụ của đồng chí {name} (tối đa {limit} ký tự).",
    "rsvp.substitute_saved": "Ban Tổ chức đã ghi nhận người dự thay: {name}, {position}.",
    "rsvp.closed": "Đã hết hạn xác nhận tham dự ({rsvp_deadline}). Đồng chí vui lòng liên hệ Ban Tổ chức nếu cần thay đổi.",
    "rsvp.not_yours": "Nút này không thuộc giấy mời của đồng chí.",
    "rsvp.stale": "Nút này đã cũ. Đồng chí dùng lệnh /me để xem giấy mời hiện tại.",
    "rsvp.not_linked": "Đồng chí chưa được nhận diện. Hãy mở link cá nhân trong giấy mời hoặc gõ /start.",
    "input.too_long": "Nội dung dài {count} ký tự, vượt giới hạn {limit} ký tự. Đồng chí vui lòng rút gọn và gửi lại.",
    "input.empty": "Nội dung trống. Đồng chí vui lòng nhập lại.",
    "input.cancelled": "Đã hủy.",
    # Commands
    "me.record": (
        "👤 <b>{full_name}</b>\n"
        "Chức vụ: {position}\nPhòng: {department}\nCơ quan: {agency}\n"
        "Điện thoại: {phone}\nMã đại biểu: {code}\n\n"
        "Trả lời giấy mời: {answer}"
    ),
    "help.delegate": (
        "Các lệnh:\n/start — giấy mời của đồng chí\n/me — thông tin và trả lời của đồng chí\n"
        "/language — đổi ngôn ngữ\n/help — hướng dẫn"
    ),
    "help.organizer": "\n\nLệnh của Ban Tổ chức:\n/stats — số liệu trả lời giấy mời",
    "language.choose": "Chọn ngôn ngữ / Choose a language:",
    "language.set": "Đã chuyển sang tiếng Việt.",
    "unknown_command": "Lệnh không hợp lệ. Gõ /help để xem các lệnh.",
    "fallback.text": "Đồng chí vui lòng dùng các nút bấm, hoặc gõ /help để xem hướng dẫn.",
    "error.generic": "Đã có lỗi xảy ra. Đồng chí vui lòng thử lại sau ít phút.",
    # Organizers
    "organizer.token_misuse": (
        "⚠️ Link của đại biểu {full_name} ({code}, {agency}) vừa được mở trên một tài khoản Telegram khác: "
        "{user} (id {user_id}). Link đã gắn với tài khoản cũ; nếu cần, cấp lại link bằng lệnh "
        "<code>delegate-bot invites reissue {code}</code>."
    ),
    "organizer.stats": (
        "📊 <b>{event_name}</b>\nĐại biểu: {total}\nĐã kết nối Telegram: {linked}\n"
        "Tham dự: {attending}\nVắng mặt: {declined}\nCử người dự thay: {substitute}\nChưa trả lời: {unanswered}"
    ),
    # Command menu
    "command.start": "Giấy mời của tôi",
    "command.me": "Thông tin và trả lời của tôi",
    "command.language": "Đổi ngôn ngữ",
    "command.stats": "Số liệu trả lời giấy mời",
    "command.help": "Hướng dẫn",
    # Command line
    "cli.roster_refused": "Không nhập danh sách {name}: có {count} lỗi, cơ sở dữ liệu giữ nguyên.",
    "cli.roster_row": "  Dòng {row}: {reason}",
    "cli.roster_file": "  Tệp: {reason}",
    "cli.roster_imported": "Đã nhập {name}: thêm {created}, cập nhật {updated}, giữ nguyên {unchanged}; {missing} đại biểu có trong CSDL nhưng không có trong tệp.",
    "cli.export_done": "Đã ghi {count} dòng vào {path}.",
    "cli.reissued": "Đã cấp link mới cho {code} ({full_name}): {link}",
    "cli.unknown_code": "Không có đại biểu mã {code}.",
    "cli.no_username": "Chưa biết tên bot: chạy bot một lần (delegate-bot run) hoặc thêm --bot-username.",
    "cli.bad_output": "Tệp ra phải có đuôi .csv hoặc .xlsx: {path}",
    # Roster file errors
    "roster_error.unsupported_file": "không đọc được loại tệp {name} (cần .csv hoặc .xlsx)",
    "roster_error.unreadable_file": "không đọc được tệp ({detail})",
    "roster_error.not_utf8": "tệp CSV không phải mã UTF-8",
    "roster_error.empty_file": "tệp không có dữ liệu",
    "roster_error.missing_column": "thiếu cột {column}",
    "roster_error.duplicate_column": "cột {column} xuất hiện hai lần",
    "roster_error.missing_name": "thiếu họ và tên",
    "roster_error.missing_identity": "cần có mã hoặc số điện thoại",
    "roster_error.bad_phone": "số điện thoại không hợp lệ: {value}",
    "roster_error.bad_email": "email không hợp lệ: {value}",
    "roster_error.bad_code": "mã không hợp lệ: {value}",
    "roster_error.too_long": "cột {column} dài quá {limit} ký tự",
    "roster_error.duplicate_code": "mã {value} trùng với dòng {first_row}",
    "roster_error.duplicate_phone": "số điện thoại {value} trùng với dòng {first_row}",
    "roster_error.too_many_rows": "tệp có quá {limit} dòng",
    "roster_error.phone_taken": "số điện thoại {value} đã thuộc đại biểu mã {code} trong CSDL",
}
