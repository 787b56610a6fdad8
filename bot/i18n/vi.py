"""Vietnamese texts (the default language)."""

MESSAGES: dict[str, str] = {
    # Conference day: meeting documents (issue 11)
    "command.documents": "Tài liệu hội nghị",
    "documents.none": "Ban Tổ chức chưa công bố tài liệu hội nghị.",
    "documents.intro": "Tài liệu hội nghị ({count} tệp):",
    "documents.caption": "📄 {title}",
    "documents.published": "đã công bố",
    "documents.unpublished": "chưa công bố",
    "documents.line": "{number}. <b>{title}</b> — {file_name}, {size} MB, {state}",
    "documents.button_publish": "📌 Công bố {number}",
    "documents.button_unpublish": "📍 Thu hồi {number}",
    "documents.button_send": "📤 Gửi {number} tới đại biểu",
    "documents.button_add": "➕ Thêm tài liệu",
    "documents.admin": (
        "📚 <b>Tài liệu hội nghị</b>\n{lines}\n\n“Công bố”: đại biểu nhận bằng lệnh /documents. "
        "“Gửi”: gửi tới mọi đại biểu tham dự qua hàng đợi thông báo (tối đa {limit} MB mỗi tệp)."
    ),
    "documents.ask_file": (
        "Đồng chí vui lòng gửi tệp tài liệu (PDF, DOCX, XLSX…, tối đa {limit} MB). Chú thích của tệp (nếu có) "
        "được dùng làm tên tài liệu."
    ),
    "documents.not_a_document": "Đồng chí vui lòng gửi tài liệu dưới dạng tệp (không phải ảnh hoặc tin nhắn).",
    "documents.too_big": "Tệp có dung lượng {size} MB, vượt quá giới hạn {limit} MB nên không được nhận, chưa gửi tới ai.",
    "documents.wrong_type": "Chỉ nhận tài liệu dạng PDF, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS.",
    "documents.caption_too_long": "Chú thích quá 1024 ký tự (giới hạn của Telegram); tài liệu chưa được gửi.",
    "documents.not_found": "Tài liệu này không còn trong danh sách.",
    "documents.added": "✅ Đã nhận tài liệu “{title}”.",
    "documents.broadcast_caption": "Ban Tổ chức gửi đồng chí tài liệu hội nghị: {title}.",
    "documents.queued": "📤 Đã xếp hàng gửi “{title}” tới các đại biểu tham dự (thông báo số {number}).",
    "documents.awaiting_approval": (
        "Thông báo số {number} kèm “{title}” đang chờ một thành viên Ban Tổ chức khác phê duyệt (/broadcasts)."
    ),
    # Conference day: questions to the presidium (issue 11)
    "command.question": "Gửi câu hỏi, ý kiến tới Đoàn Chủ tịch",
    "command.questions": "Các câu hỏi đã được chọn",
    "command.moderate": "Duyệt câu hỏi gửi Đoàn Chủ tịch",
    "command.presidium": "Danh sách câu hỏi cho Đoàn Chủ tịch",
    "question.ask_topic": (
        "Đồng chí vui lòng chọn lĩnh vực của câu hỏi, ý kiến gửi Đoàn Chủ tịch (nội dung tối đa {limit} ký tự):"
    ),
    "question.ask_text": "Lĩnh vực: {topic}.\nĐồng chí vui lòng nhập nội dung câu hỏi, ý kiến (tối đa {limit} ký tự).",
    "question.ask_name": "Đồng chí có đồng ý để Đoàn Chủ tịch nêu tên khi đọc câu hỏi này không?",
    "question.button_named": "Đồng ý nêu tên",
    "question.button_unnamed": "Không nêu tên",
    "question.sent": (
        "Đã gửi câu hỏi số {number} tới Ban Tổ chức để tổng hợp, trình Đoàn Chủ tịch. Trân trọng cảm ơn đồng chí."
    ),
    "question.too_soon": "Đồng chí vừa gửi một câu hỏi. Đề nghị đồng chí chờ {seconds} giây rồi gửi tiếp.",
    "question.cap": "Mỗi đại biểu gửi tối đa {limit} câu hỏi trong phiên đối thoại; đồng chí đã gửi đủ số câu hỏi.",
    "question.closed": "Hiện chưa đến thời gian (hoặc đã hết thời gian) nhận câu hỏi gửi Đoàn Chủ tịch.",
    "question.empty": "Nội dung câu hỏi đang để trống. Đồng chí vui lòng nhập lại.",
    "question.unknown_topic": "Lĩnh vực này không còn trong danh sách. Đồng chí vui lòng bấm /question để chọn lại.",
    "question.who_named": "{full_name} — {agency} (đồng ý nêu tên)",
    "question.who_unnamed": "{full_name} — {agency} (không nêu tên)",
    "question.ranked_line": "{place}. Câu hỏi số {number} · 👍 {support} · tổng hợp chung {merged} câu · {topic}\n{text}",
    "question.more": "… và {count} câu hỏi khác",
    "question.none_approved": "Chưa có câu hỏi nào được chọn trình Đoàn Chủ tịch.",
    "question.button_support": "👍 Ủng hộ câu hỏi số {number}",
    "question.approved_list": (
        "<b>Các câu hỏi đã được chọn</b> (theo thứ tự trình Đoàn Chủ tịch). Đồng chí có thể ủng hộ mỗi câu "
        "hỏi một lần:\n\n{lines}"
    ),
    "question.supported": "Đã ghi nhận ủng hộ câu hỏi số {number} ({count} lượt).",
    "question.already_supported": "Đồng chí đã ủng hộ câu hỏi số {number} ({count} lượt).",
    "question.own": "Đây là câu hỏi của đồng chí (số {number}); không cần ủng hộ.",
    "question.not_found": "Câu hỏi số {number} không còn trong danh sách ({count}).",
    "question.state_1": "Đang nhận câu hỏi",
    "question.state_0": "Đang đóng, không nhận câu hỏi",
    "question.button_open": "▶️ Mở nhận câu hỏi",
    "question.button_close": "⏹ Đóng nhận câu hỏi",
    "question.queue_empty": "Không còn câu hỏi chờ duyệt. Trạng thái: {state}.",
    "question.queue_card": (
        "📝 Chờ duyệt: {waiting} · {state}\n\n<b>Câu hỏi số {number}</b> · {topic}\n{who}\n<blockquote>{text}</blockquote>"
    ),
    "question.button_approve": "✅ Chọn",
    "question.button_merge": "🔗 Tổng hợp chung với câu khác",
    "question.button_reject": "✖️ Không chọn (nêu lý do)",
    "question.ask_reason": "Đồng chí nhập lý do không chọn câu hỏi số {number} (ngắn gọn; đại biểu sẽ nhận được).",
    "question.ask_merge": "Tổng hợp chung câu hỏi số {number} với câu hỏi nào?",
    "question.nothing_to_merge": "Chưa có câu hỏi nào đã chọn để tổng hợp chung.",
    "question.wrong_state": "Câu hỏi số {number} đã được xử lý hoặc không còn phù hợp với thao tác này.",
    "question.done_approved": "Đã chọn câu hỏi số {number}.",
    "question.done_rejected": "Đã không chọn câu hỏi số {number}; đại biểu đã được thông báo lý do: {reason}",
    "question.done_merged": "Đã tổng hợp chung câu hỏi số {number} với câu hỏi số {into}.",
    "question.done_answered": "Đã đánh dấu câu hỏi số {number} là đã trả lời tại hội trường.",
    "question.rejected_notice": (
        "Câu hỏi số {number} của đồng chí chưa được chọn trình Đoàn Chủ tịch. Lý do: {reason}\n"
        "Trân trọng cảm ơn đồng chí."
    ),
    "question.button_refresh": "🔄 Cập nhật",
    "question.button_next": "✅ Đã trả lời số {number} — câu tiếp theo",
    "question.presidium_empty": "Chưa có câu hỏi nào chờ Đoàn Chủ tịch trả lời.",
    "question.presidium": (
        "🎙 <b>Câu hỏi số {number}</b> · {topic}\n{who}\n👍 {support} ủng hộ · {merged} câu hỏi cùng nội dung\n"
        "<blockquote>{text}</blockquote>\n<b>Tiếp theo ({waiting}):</b>\n{lines}"
    ),
    # Conference day: check-in at the door (issue 11)
    "cli.help.export_checkins": "điểm danh: giờ vào, cán bộ điểm danh, cách điểm danh, người dự thay (.xlsx)",
    "cli.help.export_questions": "câu hỏi gửi Đoàn Chủ tịch: trạng thái, lượt ủng hộ, câu hỏi tổng hợp chung (.xlsx)",
    "export.button.checkins": "Điểm danh",
    "export.button.questions": "Câu hỏi gửi Đoàn Chủ tịch",
    "export.caption.checkins": "Điểm danh: {count} đại biểu.",
    "export.caption.questions": "Câu hỏi gửi Đoàn Chủ tịch: {count} câu.",
    "command.checkin": "Mã điểm danh vào hội nghị",
    "command.attendance": "Số đại biểu đã có mặt",
    "command.walkin": "Ghi nhận người dự thay tại bàn đón tiếp",
    "checkin.button_qr": "🎫 Mã điểm danh",
    "checkin.qr_caption": (
        "Mã điểm danh của đồng chí {full_name}. Khi đến hội trường, đồng chí vui lòng xuất trình mã này để cán bộ "
        "đón tiếp quét điểm danh."
    ),
    "checkin.qr_substitute": (
        "Mã điểm danh dành cho đồng chí {name} (người dự thay). Đề nghị đồng chí chuyển mã này cho người dự thay "
        "để xuất trình tại cửa hội trường."
    ),
    "checkin.seat_line": "Chỗ ngồi: {seat}",
    "checkin.not_staff": (
        "Mã này dùng để điểm danh tại cửa hội trường và chỉ có hiệu lực khi cán bộ đón tiếp quét. "
        "Đồng chí không cần thao tác gì thêm."
    ),
    "checkin.unknown_code": "⚠️ Mã điểm danh không hợp lệ. Đề nghị kiểm tra lại tại bàn đón tiếp.",
    "checkin.withdrawn": (
        "⛔ <b>ĐẠI BIỂU ĐÃ ĐƯỢC RÚT KHỎI DANH SÁCH — CHƯA ĐIỂM DANH</b>\n{full_name} ({agency})\n"
        "Đề nghị kiểm tra tại bàn đón tiếp."
    ),
    "checkin.done": "✅ <b>ĐÃ ĐIỂM DANH</b>",
    "checkin.done_declined": "⚠️ <b>ĐÃ ĐIỂM DANH — ĐẠI BIỂU ĐÃ BÁO VẮNG MẶT, ĐỀ NGHỊ KIỂM TRA TẠI BÀN ĐÓN TIẾP</b>",
    "checkin.already": "⚠️ <b>ĐÃ ĐIỂM DANH TRƯỚC ĐÓ</b> lúc {time} (cán bộ: {staff})",
    "checkin.details": (
        "<b>{full_name}</b>\nChức vụ: {position}\nCơ quan: {agency}\nChỗ ngồi: {seat}\nTình trạng: {status}\n"
        "Đã có mặt: <b>{count}/{expected}</b>"
    ),
    "checkin.status_attending": "Tham dự",
    "checkin.status_substitute": "Người dự thay cho đồng chí {full_name}: {name}, {position}",
    "checkin.status_walk_in": "Người dự thay (ghi nhận tại bàn) cho đồng chí {full_name}: {name}, {position}",
    "checkin.status_declined": "Đã báo vắng mặt — đề nghị kiểm tra tại bàn đón tiếp",
    "checkin.status_none": "Chưa xác nhận tham dự",
    "checkin.button_undo": "↩️ Hoàn tác",
    "checkin.undone": "Đã hủy điểm danh của đồng chí {full_name}. Đã có mặt: {count}/{expected}.",
    "checkin.undo_expired": "Đã quá {minutes} phút nên không thể hoàn tác. Đề nghị báo quản trị viên.",
    "checkin.undo_not_yours": "Chỉ cán bộ đã điểm danh (hoặc quản trị viên) mới hoàn tác được.",
    "checkin.not_found": "Lượt điểm danh này không còn hiệu lực.",
    "checkin.ask_name": "Đồng chí nhập một phần họ tên đại biểu (có thể nhập không dấu) để điểm danh thủ công.",
    "checkin.walkin_ask_name": "Đồng chí nhập một phần họ tên đại biểu vắng mặt mà người đến dự thay.",
    "checkin.found": "Tìm thấy {count} đại biểu (hiển thị {shown}). Đồng chí đối chiếu chức vụ, cơ quan rồi bấm số tương ứng:\n{lines}",
    "match.line": "<b>{number}.</b> {full_name}{designation}{extra}",
    "checkin.found_seat": "; chỗ ngồi {seat}",
    "checkin.found_checked_in": " — ✅ đã điểm danh",
    "checkin.none_found": "Không tìm thấy đại biểu nào có tên như vậy. Đồng chí vui lòng nhập lại.",
    "checkin.walkin_ask_who_for": (
        "Người dự thay cho đồng chí {full_name}: đồng chí nhập họ tên và chức vụ, cách nhau bởi dấu phẩy "
        "(ví dụ: Nguyễn Văn Bình, Phó Trưởng phòng)."
    ),
    "checkin.walkin_ask_who": "Đồng chí vui lòng nhập họ tên và chức vụ người dự thay, cách nhau bởi dấu phẩy.",
    "attendance.summary": "👥 <b>Đại biểu đã có mặt: {count}/{expected}</b>\n\nTheo cơ quan, đơn vị:\n{agencies}",
    "attendance.agency_line": "• {agency}: {count}/{expected}",
    "attendance.button_missing": "📋 Chưa có mặt (kèm số điện thoại)",
    "attendance.missing": "📋 <b>Đại biểu đã xác nhận tham dự nhưng chưa có mặt: {count}</b>\n{lines}",
    "attendance.missing_agency": "\n<b>{agency}</b> ({count})",
    "attendance.missing_line": "• {full_name} — {phone}",
    "list.more_lines": "… còn {count} dòng không hiển thị hết trong một tin nhắn",
    # Invitation card
    "card.body": (
        "<b>XÁC NHẬN THAM DỰ HỘI NGHỊ</b>\n\n"
        "Kính gửi đồng chí <b>{full_name}</b>{designation},\n\n"
        "Ban Tổ chức <b>{event_name}</b> trân trọng kính mời đồng chí tham dự hội nghị (theo giấy mời của Ban Tổ "
        "chức).\n"
        "Thời gian: {starts_at}\nĐịa điểm: {venue}{contact}\n\n"
        "{status}"
    ),
    "card.contact": "\nNgười liên hệ: đồng chí {name}, điện thoại {phone}",
    "card.ask": "Đề nghị đồng chí xác nhận tham dự hội nghị trước {rsvp_deadline} bằng các nút dưới đây.",
    "card.answered": (
        "Tình trạng xác nhận tham dự: {answer}.\nNếu có thay đổi, đề nghị đồng chí xác nhận lại trước {rsvp_deadline}."
    ),
    "card.closed": "Thời hạn xác nhận tham dự đã kết thúc lúc {rsvp_deadline}. Tình trạng xác nhận tham dự: {answer}.",
    "answer.none": "Chưa xác nhận",
    "answer.attending": "Tham dự",
    "answer.declined": "Xin vắng mặt",
    "answer.declined_reason": "Xin vắng mặt (lý do: {reason})",
    "answer.substitute": "Cử người dự thay: đồng chí {name}, {position}",
    "button.attend": "✅ Tham dự",
    "button.decline": "❌ Xin vắng mặt",
    "button.substitute": "🔁 Cử người dự thay",
    "button.skip": "Bỏ qua",
    "button.share_phone": "📱 Chia sẻ số điện thoại",
    "button.cancel": "Hủy",
    # Linking
    "start.unlinked": (
        "Kính chào đồng chí! Đây là kênh thông tin của Ban Tổ chức {event_name}.\n"
        "Đề nghị đồng chí mở đường dẫn (link) cá nhân trong giấy mời, hoặc bấm nút dưới đây để chia sẻ số điện "
        "thoại đã đăng ký với Ban Tổ chức."
    ),
    "start.token_unknown": (
        "Đường dẫn này không đúng hoặc không thuộc hội nghị này. Đồng chí có thể chia sẻ số điện thoại để kết nối "
        "tài khoản, hoặc liên hệ Ban Tổ chức{contact}."
    ),
    "start.token_revoked": (
        "Đường dẫn này đã được thay bằng đường dẫn mới. Đề nghị đồng chí dùng đường dẫn mới nhất do Ban Tổ chức "
        "gửi, hoặc chia sẻ số điện thoại."
    ),
    "start.token_used": (
        "Đường dẫn này đã được dùng trên một tài khoản Telegram khác. Ban Tổ chức đã được thông báo và sẽ kiểm tra; "
        "nếu cần, đồng chí vui lòng liên hệ Ban Tổ chức{contact}."
    ),
    "start.account_taken": (
        "Tài khoản Telegram này đã được kết nối với đại biểu {full_name}. Mỗi tài khoản chỉ dùng cho một đại biểu; "
        "nếu có nhầm lẫn, đồng chí vui lòng liên hệ Ban Tổ chức{contact}."
    ),
    "contact.not_own": "Đồng chí vui lòng bấm nút dưới đây để chia sẻ số điện thoại của chính đồng chí.",
    "contact.bad_phone": "Số điện thoại này không hợp lệ.",
    "contact.no_match": "Số điện thoại này không có trong danh sách đại biểu. Đồng chí vui lòng liên hệ Ban Tổ chức{contact}.",
    # --- identity (issue 12): a delegate proved the phone, another account opened the link first -------------------
    "identity.claim_received": (
        "Số điện thoại của đồng chí có trong danh sách đại biểu, nhưng đường dẫn của đại biểu này đã được mở trước từ "
        "một tài khoản Telegram khác. Ban Tổ chức đã được báo và sẽ liên hệ với đồng chí để kết nối đúng tài khoản. "
        "Nếu cần, đồng chí có thể liên hệ Ban Tổ chức{contact}."
    ),
    "identity.conflict": (
        "⚠️ Đại biểu {full_name} ({code}, {agency}) vừa xác minh số điện thoại của mình từ tài khoản {user} "
        "(id {user_id}), nhưng đường dẫn của đại biểu này đã được mở trước từ tài khoản id {old_id}. Nếu tài khoản mới "
        "đúng là của đại biểu, bấm “Chuyển kết nối” dưới đây."
    ),
    "identity.button.move": "Chuyển kết nối",
    "identity.confirm": (
        "Chuyển kết nối của đại biểu {full_name} ({code}) từ tài khoản id {old_id} sang tài khoản id {new_id}? "
        "Tài khoản cũ sẽ không còn nhận thông báo của đại biểu này."
    ),
    "identity.button.confirm": "Xác nhận chuyển",
    "identity.moved": "✅ Đã chuyển kết nối của đại biểu {full_name} ({code}) sang tài khoản id {new_id}.",
    "identity.stale": "Kết nối của đại biểu này đã thay đổi từ khi có thông báo; không chuyển.",
    "identity.account_taken": "Tài khoản id {new_id} đang gắn với một đại biểu khác; không chuyển.",
    "identity.moved_delegate": (
        "✅ Ban Tổ chức đã kết nối tài khoản Telegram này với đại biểu {full_name}. Đồng chí gửi lệnh /start để xem "
        "thông tin của mình."
    ),
    "contact.taken": (
        "Số điện thoại này đã được kết nối với một tài khoản Telegram khác. Đồng chí vui lòng liên hệ Ban Tổ "
        "chức{contact}."
    ),
    "contact.linked": "Tài khoản Telegram của đồng chí đã được kết nối với giấy mời.",
    # Answers
    "rsvp.attend_saved": "Ban Tổ chức đã ghi nhận đồng chí tham dự hội nghị. Trân trọng cảm ơn đồng chí.",
    "rsvp.ask_reason": "Đồng chí vui lòng cho biết ngắn gọn lý do xin vắng mặt (tối đa {limit} ký tự), hoặc bấm “Bỏ qua”.",
    "rsvp.decline_saved": "Ban Tổ chức đã ghi nhận đồng chí xin vắng mặt. Trân trọng cảm ơn đồng chí đã thông báo.",
    "rsvp.ask_substitute_name": "Đồng chí vui lòng nhập họ và tên người dự thay (tối đa {limit} ký tự).",
    "rsvp.ask_substitute_position": "Đồng chí vui lòng nhập chức vụ của đồng chí {name} (tối đa {limit} ký tự).",
    "rsvp.substitute_saved": "Ban Tổ chức đã ghi nhận người dự thay: đồng chí {name}, {position}. Trân trọng cảm ơn đồng chí.",
    "rsvp.closed": (
        "Thời hạn xác nhận tham dự đã kết thúc lúc {rsvp_deadline}. Nếu cần thay đổi, đồng chí vui lòng liên hệ Ban "
        "Tổ chức{contact}."
    ),
    "rsvp.not_yours": "Nút này không thuộc giấy mời của đồng chí.",
    "rsvp.stale": "Nút này không còn hiệu lực. Đồng chí vui lòng bấm /start để xem thông tin xác nhận tham dự hiện tại.",
    "rsvp.not_linked": (
        "Tài khoản của đồng chí chưa được kết nối với giấy mời. Đề nghị đồng chí mở đường dẫn cá nhân trong giấy mời "
        "hoặc bấm /start."
    ),
    "input.too_long": "Nội dung có {count} ký tự, vượt quá giới hạn {limit} ký tự. Đồng chí vui lòng rút gọn và gửi lại.",
    "input.empty": "Nội dung trống hoặc chỉ gồm ký tự không hiển thị. Đồng chí vui lòng nhập lại nội dung.",
    "input.cancelled": "Đã hủy.",
    # Commands
    "me.record": (
        "<b>THÔNG TIN ĐẠI BIỂU</b>\n"
        "Họ và tên: <b>{full_name}</b>\nChức vụ: {position}\nPhòng: {department}\nCơ quan, đơn vị: {agency}\n"
        "Điện thoại: {phone}\nMã đại biểu: {code}\n\n"
        "Tình trạng xác nhận tham dự: {answer}"
    ),
    "help.delegate": "Danh sách lệnh:",
    "help.organizer": "Lệnh dành cho Ban Tổ chức:",
    "language.choose": "Chọn ngôn ngữ / Choose a language:",
    "language.set": "Đã chuyển sang tiếng Việt.",
    "unknown_command": "Lệnh không hợp lệ. Đồng chí bấm /help để xem danh sách lệnh.",
    "fallback.text": "Đồng chí vui lòng dùng các nút bấm, hoặc bấm /help để xem hướng dẫn.",
    "error.generic": "Đã có lỗi xảy ra. Đồng chí vui lòng thử lại sau ít phút.",
    # Organizers
    "organizer.token_misuse": (
        "⚠️ Đường dẫn của đại biểu {full_name} ({code}, {agency}) vừa được mở từ một tài khoản Telegram khác: "
        "{user} (id {user_id}). Đường dẫn vẫn gắn với tài khoản đã kết nối trước đó; nếu cần, bấm “Cấp lại đường "
        "dẫn” dưới đây: đường dẫn cũ bị thu hồi và tài khoản đang gắn được gỡ ra."
    ),
    # Command menu
    "command.start": "Xác nhận tham dự",
    "command.me": "Thông tin đại biểu",
    "command.language": "Đổi ngôn ngữ",
    "command.stats": "Ban Tổ chức: tổng hợp xác nhận tham dự",
    "command.help": "Hướng dẫn",
    # Command line
    "cli.roster_refused": "Không nhập danh sách {name}: có {count} lỗi, cơ sở dữ liệu giữ nguyên.",
    "cli.roster_row": "  Dòng {row}: {reason}",
    "cli.roster_file": "  Tệp: {reason}",
    "cli.roster_imported": (
        "Đã nhập {name}: thêm {created}, cập nhật {updated}, giữ nguyên {unchanged}; {missing} đại biểu có trong "
        "cơ sở dữ liệu nhưng không có trong tệp."
    ),
    "cli.reissued": "Đã cấp đường dẫn mới cho {code} ({full_name}): {link}",
    "cli.unknown_code": "Không có đại biểu mã {code}.",
    "cli.no_username": "Chưa biết tên @username của bot: đặt token (DELEGATE_BOT_TOKEN) để bot tự hỏi Telegram, hoặc thêm --bot-username. Chưa thay đổi gì.",
    "cli.start_failed": "Không khởi động được bot: {reason}",
    "cli.database_too_new": "Không khởi động: cơ sở dữ liệu {path} do một phiên bản mới hơn ghi (lược đồ dữ liệu phiên bản {found}), trong khi phiên bản này chỉ hỗ trợ đến lược đồ phiên bản {supported}. Tệp được giữ nguyên; đề nghị dùng phiên bản bot mới hơn hoặc một tệp cơ sở dữ liệu khác.",
    "cli.sqlite_too_old": "Không khởi động: thư viện SQLite của Python trên máy này là phiên bản {found}, trong khi bot cần SQLite {needed} trở lên (có sẵn trên Debian 12, Ubuntu 22.04 hoặc mới hơn). Đề nghị cài Python dùng SQLite mới hơn; không tệp nào bị thay đổi.",
    # Roster file errors
    "roster_error.unsupported_file": "không đọc được loại tệp {name} (cần .csv hoặc .xlsx)",
    "roster_error.unreadable_file": "không đọc được tệp ({detail})",
    "roster_error.not_xlsx": (
        "tệp không phải bảng tính Excel (.xlsx) đọc được: tệp bị hỏng, có mật khẩu hoặc là loại tệp khác"
    ),
    "roster_error.encrypted_xlsx": (
        "tệp Excel được đặt mật khẩu nên bot không đọc được; đề nghị đồng chí mở tệp bằng Excel, gỡ mật khẩu, lưu lại rồi gửi lại"
    ),
    "roster_error.not_utf8": (
        "tệp CSV không phải mã UTF-8; đồng chí vui lòng lưu lại tệp với kiểu “CSV UTF-8” hoặc gửi tệp .xlsx"
    ),
    "roster_error.empty_file": "tệp không có dữ liệu",
    "roster_error.missing_column": "thiếu cột {column}; các cột trong tệp: {found}; tên cột được chấp nhận: {accepted}",
    "roster_error.duplicate_column": "cột {column} xuất hiện hai lần",
    "roster_error.missing_name": "thiếu họ và tên",
    "roster_error.missing_identity": "cần có mã đại biểu hoặc số điện thoại",
    "roster_error.bad_phone": "số điện thoại không hợp lệ: {value}",
    "roster_error.bad_email": "email không hợp lệ: {value}",
    "roster_error.bad_code": "mã không hợp lệ: {value}",
    "roster_error.too_long": "cột {column} dài quá {limit} ký tự",
    "roster_error.duplicate_code": "mã {value} trùng với dòng {first_row}",
    "roster_error.duplicate_phone": "số điện thoại {value} trùng với dòng {first_row}",
    "roster_error.too_many_rows": "tệp có quá {limit} dòng",
    "roster_error.phone_taken": "số điện thoại {value} đã thuộc đại biểu mã {code} trong cơ sở dữ liệu",
    "roster_error.ambiguous_column": (
        "các cột {columns} cùng là một loại thông tin; đề nghị giữ một cột hoặc đổi tên cột không dùng"
    ),
    "roster_error.several_sheets": (
        "danh sách nằm ở nhiều trang tính ({sheets}); đề nghị chuyển toàn bộ danh sách vào một trang tính hoặc ẩn các trang không nhập"
    ),
    "roster_error.old_xls": (
        "tệp {name} là tệp Excel 97–2003 (.xls), bot chưa đọc được; đồng chí vui lòng mở tệp trong Excel, "
        "chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx) rồi gửi lại"
    ),
    # Proposals and nominations
    "command.proposal": "Gửi ý kiến, kiến nghị của đồng chí",
    "command.myproposals": "Ý kiến, kiến nghị của tôi",
    "command.nominate": "Đề xuất biểu dương trưởng, phó phòng tiêu biểu",
    "command.proposals": "Ban Tổ chức: xem, xử lý ý kiến của đại biểu",
    "command.nominations": "Ban Tổ chức: tổng hợp đề xuất biểu dương",
    "proposal.button_new": "💬 Gửi ý kiến, kiến nghị",
    "proposal.button_send": "✅ Gửi Ban Tổ chức",
    "proposal.button_category": "🗂 Đổi lĩnh vực",
    "proposal.button_edit": "✏️ Sửa ý kiến số {number}",
    "proposal.button_withdraw": "↩️ Rút ý kiến số {number}",
    "proposal.button_withdraw_yes": "↩️ Rút lại",
    "proposal.ask_category": (
        "💬 <b>Ý KIẾN, KIẾN NGHỊ GỬI THƯỜNG TRỰC TỈNH ỦY</b>\n\n"
        "Ban Tổ chức tổng hợp các khó khăn, vướng mắc, “điểm nghẽn” và hiến kế của các đồng chí trưởng, phó phòng "
        "để phản ánh tại hội nghị.\n"
        "Mỗi ý kiến trình bày ngắn gọn, tối đa {limit} ký tự. Ý kiến có thể gửi, sửa hoặc rút lại trước "
        "{deadline}.\n\n"
        "Đồng chí vui lòng chọn lĩnh vực:"
    ),
    "proposal.ask_text": (
        "Lĩnh vực: <b>{category}</b>{attachment}\n\n"
        "Đồng chí vui lòng nhập nội dung ý kiến, kiến nghị (tối đa {limit} ký tự). Có thể gửi kèm một ảnh hoặc "
        "một tệp (tối đa {size} MB)."
    ),
    "proposal.current_text": ("\n\nNội dung hiện tại ({count} ký tự):\n<blockquote>{text}</blockquote>"),
    "proposal.attachment_line": "\n📎 Đính kèm: {name} ({size} MB)",
    "proposal.preview": (
        "📝 <b>Xem lại ý kiến trước khi gửi</b>\n"
        "Lĩnh vực: <b>{category}</b>{attachment}\n\n"
        "<blockquote>{text}</blockquote>\n\n"
        "Đề nghị đồng chí kiểm tra lại và bấm “Gửi Ban Tổ chức”. Nếu cần sửa, đồng chí gửi tin nhắn mới để thay "
        "nội dung."
    ),
    "proposal.draft_resumed": "Đồng chí có một ý kiến đang soạn, chưa gửi:",
    "proposal.editing": "✏️ Sửa ý kiến số {number}.",
    "proposal.saved": (
        "✅ Ban Tổ chức đã tiếp nhận ý kiến số {number} (lĩnh vực: {category}). Trân trọng cảm ơn đồng chí.\n"
        "Ý kiến có thể xem, sửa hoặc rút lại bằng lệnh /myproposals trước {deadline}."
    ),
    "proposal.updated": "✅ Đã cập nhật ý kiến số {number} (lĩnh vực: {category}).",
    "proposal.confirm_withdraw": ("Đồng chí xác nhận rút lại ý kiến số {number}?\n<blockquote>{text}</blockquote>"),
    "proposal.withdrawn": "Đã rút lại ý kiến số {number}.",
    "proposal.discarded": "Đã hủy bản nháp ý kiến.",
    "proposal.too_long": (
        "Nội dung có {count} ký tự, vượt quá giới hạn {limit} ký tự nên chưa được ghi nhận. Bản nháp trước đó vẫn "
        "được giữ nguyên. Đồng chí vui lòng rút gọn (có thể sao chép từ tin nhắn vừa gửi) rồi gửi lại."
    ),
    "proposal.too_big": "Tệp có dung lượng {size} MB, vượt quá giới hạn {limit} MB nên chưa được đính kèm.",
    "proposal.no_attachments": "Ban Tổ chức không nhận tệp đính kèm; đồng chí vui lòng nhập nội dung trực tiếp trong tin nhắn.",
    "proposal.closed": (
        "Thời hạn gửi và sửa ý kiến, kiến nghị đã kết thúc lúc {deadline}. Đồng chí vẫn có thể xem các ý kiến đã gửi "
        "bằng lệnh /myproposals."
    ),
    "proposal.not_yours": "Ý kiến này không thuộc đồng chí hoặc đã được rút lại.",
    "proposal.no_draft": "Không còn bản nháp này. Đồng chí bấm /proposal để gửi ý kiến mới.",
    "proposal.list_empty": (
        "Đồng chí chưa gửi ý kiến, kiến nghị nào. Ý kiến có thể gửi bằng lệnh /proposal trước {deadline}."
    ),
    "proposal.locked_answered": "Ý kiến số {number} đã được Ban Tổ chức trả lời ngày {date}, nên không thể sửa hoặc rút lại.",
    "proposal.locked": "Ý kiến số {number} đã được Ban Tổ chức xử lý ({status}) từ ngày {date}, nên không thể sửa hoặc rút lại.",
    "proposal.list_header": "💬 <b>Ý kiến, kiến nghị của đồng chí</b> ({count})",
    "proposal.list_item": "<b>Ý kiến số {number}</b> · {category} · {status}\n{text}",
    "proposal.list_answer": "↳ Trả lời của Ban Tổ chức: {answer}",
    "proposal.list_open": "Ý kiến có thể sửa hoặc rút lại trước {deadline}.",
    "proposal.list_closed": "Thời hạn sửa, rút lại ý kiến đã kết thúc lúc {deadline}; danh sách chỉ để xem.",
    "proposal.status_received": "Đã tiếp nhận",
    "proposal.status_reviewing": "Đang xem xét",
    "proposal.status_selected": "Được chọn báo cáo tại hội nghị",
    "proposal.status_answered": "Đã trả lời",
    "proposal.status_merged": "Đã tổng hợp chung với ý kiến cùng nội dung",
    "proposal.status_withdrawn": "Đã rút lại",
    "proposal.answer_delivered": (
        "<b>Ban Tổ chức trả lời ý kiến số {number}</b> ({category})\n<blockquote>{text}</blockquote>\n\n{answer}"
    ),
    "padmin.summary": (
        "💬 <b>Ý kiến, kiến nghị: {total}</b>\n\n<b>Theo lĩnh vực</b>\n{categories}\n\n"
        "<b>Theo trạng thái</b>\n{statuses}\n\n<b>Theo cơ quan, đơn vị</b>\n{agencies}\n\n"
        "Chọn lĩnh vực để xem chi tiết. Xuất Excel: <code>delegate-bot export proposals --out y-kien.xlsx</code>"
    ),
    "padmin.count_line": "• {label}: {count}",
    "padmin.list": "🗂 <b>{category}</b> — trang {page}/{pages}",
    "padmin.list_item": "<b>Số {number}</b> {full_name} ({agency}) · {status}\n{text}",
    "padmin.list_empty": "Chưa có ý kiến nào.",
    "padmin.detail": (
        "<b>Ý kiến số {number}</b> · {category}\n👤 {full_name}, {position}, {agency}\n"
        "Gửi lúc {sent_at} · Trạng thái: {status}\n\n<blockquote>{text}</blockquote>"
    ),
    "padmin.detail_answer": "↳ Đã trả lời: {answer}",
    "padmin.button_back": "⬅️ Quay lại",
    "padmin.button_answer": "✍️ Trả lời",
    "padmin.button_merge": "🔗 Tổng hợp chung với ý kiến khác",
    "padmin.button_file": "📎 Xem tệp đính kèm",
    "padmin.attachment_caption": "📎 Tệp đính kèm ý kiến số {number}",
    "padmin.button_send": "📨 Gửi trả lời",
    "padmin.status_set": "Ý kiến số {number}: {status}.",
    "padmin.ask_answer": (
        "Đồng chí nhập nội dung trả lời chính thức cho ý kiến số {number} của đồng chí {full_name} (tối đa "
        "{limit} ký tự). Nội dung trả lời sẽ được gửi tới đại biểu."
    ),
    "padmin.ask_merge": (
        "Đồng chí nhập số của ý kiến cùng nội dung để tổng hợp chung ý kiến số {number} (của đồng chí {full_name}), "
        "ví dụ: 12."
    ),
    "padmin.answer_preview": (
        "Trả lời ý kiến số {number} của đồng chí {full_name}:\n<blockquote>{answer}</blockquote>\n"
        "Bấm “Gửi trả lời” để gửi tới đại biểu."
    ),
    "padmin.answer_sent": "✅ Đã gửi trả lời ý kiến số {number} tới đồng chí {full_name}.",
    "padmin.answer_not_delivered": (
        "⚠️ Đã lưu trả lời ý kiến số {number} nhưng chưa gửi được tới đồng chí {full_name} (đại biểu chưa kết nối "
        "Telegram hoặc đã chặn bot)."
    ),
    "padmin.bad_target": (
        "Không có ý kiến số này (hoặc đây chính là ý kiến đang được tổng hợp). Đồng chí vui lòng nhập lại số ý kiến."
    ),
    "padmin.not_found": "Không tìm thấy ý kiến này (có thể đã được rút lại).",
    "nom.criterion_party": "Đảng viên hoàn thành xuất sắc nhiệm vụ",
    "nom.criterion_emulation": "Chiến sĩ thi đua cấp tỉnh trở lên",
    "nom.criterion_research": "Có đề tài nghiên cứu khoa học, sáng kiến kinh nghiệm",
    "nom.criterion_recognised": "Được cán bộ, công chức, người dân và doanh nghiệp ghi nhận",
    "nom.criterion_short_party": "Đảng viên xuất sắc",
    "nom.criterion_short_emulation": "Chiến sĩ thi đua",
    "nom.criterion_short_research": "Đề tài, sáng kiến",
    "nom.criterion_short_recognised": "Được ghi nhận",
    "nom.intro": (
        "🏅 <b>ĐỀ XUẤT BIỂU DƯƠNG TRƯỞNG, PHÓ PHÒNG TIÊU BIỂU</b>\n\n"
        "Đồng chí có thể đề xuất tối đa {limit} đồng chí trưởng, phó phòng tiêu biểu (không tự đề xuất chính mình) "
        "để Ban Tổ chức tổng hợp, báo cáo Thường trực Tỉnh ủy xem xét, biểu dương. Đề xuất có thể thay đổi trước "
        "{deadline}.\n\n"
        "Đề xuất của đồng chí ({count}/{limit}):\n{mine}\n\n"
        "Đề nghị đồng chí nhập họ và tên (hoặc một phần họ tên) của người được đề xuất."
    ),
    "nom.mine_none": "— chưa có",
    "nom.mine_line": "• {full_name}",
    "nom.button_remove": "Rút đề xuất đồng chí {full_name}",
    "nom.found": (
        "Tìm thấy {count} đại biểu (hiển thị {shown}). Đồng chí đối chiếu chức vụ, cơ quan rồi bấm số của người được "
        "đề xuất, hoặc nhập tên khác:\n{lines}"
    ),
    "nom.none_found": "Không tìm thấy đại biểu nào có họ tên như vậy trong danh sách đại biểu hội nghị. Đồng chí vui lòng kiểm tra và nhập lại.",
    "nom.self": "Đồng chí không thể tự đề xuất chính mình. Đồng chí vui lòng chọn người khác.",
    "nom.unknown": "Đại biểu này không có trong danh sách đại biểu hội nghị.",
    "nom.not_yours": "Đề xuất này không thuộc đồng chí hoặc đã được rút.",
    "nom.no_criteria": "Đồng chí vui lòng chọn ít nhất một tiêu chí.",
    "nom.ask_criteria": (
        "Người được đề xuất: <b>{full_name}</b>\nĐồng chí vui lòng chọn các tiêu chí phù hợp rồi bấm “Tiếp tục”:"
    ),
    "nom.button_next": "Tiếp tục ➡️",
    "nom.ask_why": "Đồng chí vui lòng viết ngắn gọn lý do đề xuất đồng chí {full_name} (tối đa {limit} ký tự).",
    "nom.preview": (
        "🏅 <b>Xem lại đề xuất biểu dương</b>\nNgười được đề xuất: <b>{full_name}</b>\nTiêu chí: {criteria}\n"
        "Lý do: {justification}"
    ),
    "nom.button_confirm": "✅ Xác nhận đề xuất",
    "nom.saved": (
        "✅ Ban Tổ chức đã ghi nhận đề xuất biểu dương đồng chí {full_name} ({count}/{limit}). Đề xuất có thể thay "
        "đổi bằng lệnh /nominate trước {deadline}."
    ),
    "nom.removed": "Đã rút đề xuất đồng chí {full_name} ({count}/{limit}).",
    "nom.limit": (
        "Đồng chí đã đề xuất đủ {limit} người:\n{mine}\n"
        "Để đề xuất đồng chí {full_name}, đề nghị đồng chí rút bớt một đề xuất (lệnh /nominate)."
    ),
    "nom.closed": "Thời hạn đề xuất biểu dương đã kết thúc lúc {deadline}. Đề xuất của đồng chí:\n{mine}",
    "nom.ranking": (
        "🏅 <b>Đề xuất biểu dương</b>: {nominees} người được đề xuất, {count} lượt\n\n{ranking}\n\n"
        "<b>Theo cơ quan, đơn vị</b>\n{agencies}\n\n"
        "Xuất Excel: <code>delegate-bot export nominations --out bieu-duong.xlsx</code>"
    ),
    "nom.rank_line": "{rank}. <b>{full_name}</b> ({agency}) — {count} lượt; {criteria}",
    "nom.agency_line": "• {agency}: {nominees} người, {count} lượt",
    "proposal.list_page": "Trang {page}/{pages}",
    "proposal.button_prev": "◀️ Trang trước",
    "proposal.button_next": "Trang sau ▶️",
    "padmin.target_merged": (
        "Ý kiến số {number} đã được tổng hợp chung với ý kiến số {into} nên không thể tổng hợp thêm vào ý kiến này. "
        "Đồng chí vui "
        "lòng nhập số {into} hoặc số của ý kiến khác."
    ),
    # Broadcasts and agenda
    "broadcast.message": "Kính gửi đồng chí <b>{full_name}</b>,\n\n{body}",
    "broadcast.choose_audience": "📢 <b>Gửi thông báo tới đại biểu</b>\nĐồng chí chọn đối tượng nhận:",
    "broadcast.audience_button.all": "Tất cả đại biểu ({count})",
    "broadcast.audience_button.attending": "Đại biểu tham dự ({count})",
    "broadcast.audience_button.unanswered": "Chưa xác nhận ({count})",
    "broadcast.audience_button.declined": "Xin vắng mặt ({count})",
    "broadcast.audience_button.agencies": "Theo cơ quan, đơn vị…",
    "broadcast.audience.all": "tất cả đại biểu",
    "broadcast.audience.attending": "đại biểu tham dự (kể cả người dự thay)",
    "broadcast.audience.unanswered": "đại biểu chưa xác nhận tham dự",
    "broadcast.audience.declined": "đại biểu xin vắng mặt",
    "broadcast.audience.agencies": "đại biểu các cơ quan, đơn vị: {agencies}",
    "broadcast.audience.resend": "đại biểu chưa rõ đã nhận được hay chưa (gửi lại)",
    "broadcast.choose_agencies": "Đồng chí chọn một hoặc nhiều cơ quan, đơn vị, rồi bấm “Xong”:",
    "broadcast.button.agencies_done": "✔️ Xong",
    "broadcast.no_agency": "Đồng chí chưa chọn cơ quan, đơn vị nào.",
    "broadcast.ask_text": (
        "Đối tượng: {audience} — {total} đại biểu.\n"
        "Đồng chí nhập nội dung thông báo bằng tiếng Việt (tối đa {limit} ký tự). "
        "Dòng “Kính gửi đồng chí …” được thêm tự động cho từng đại biểu."
    ),
    "broadcast.ask_text_en": (
        "Đồng chí có thể nhập bản tiếng Anh cho đại biểu dùng tiếng Anh, hoặc bấm “Bỏ qua” (khi đó mọi đại biểu "
        "nhận bản tiếng Việt)."
    ),
    "broadcast.preview_intro": (
        "👁 Tin nhắn trên là bản xem trước: mỗi đại biểu sẽ nhận đúng nội dung này, mở đầu bằng dòng “Kính gửi "
        "đồng chí …” theo họ tên của mình.\n\n"
    ),
    "broadcast.summary": (
        "📢 <b>Thông báo số {id}</b>\nĐối tượng: {audience}\n"
        "Người nhận: {total} đại biểu ({linked} qua Telegram, {unlinked} chưa kết nối — sẽ có trong danh sách "
        "cần gọi điện sau khi gửi)."
    ),
    "broadcast.needs_approval": "\nTheo quy định, cần một đồng chí khác trong Ban Tổ chức phê duyệt trước khi gửi.",
    "broadcast.button.send_now": "🚀 Gửi ngay",
    "broadcast.button.schedule": "🕒 Hẹn giờ gửi",
    "broadcast.button.cancel": "✖️ Hủy",
    "broadcast.button.approve": "✅ Phê duyệt",
    "broadcast.button.reject": "✖️ Không duyệt",
    "broadcast.button.stop": "⏹ Dừng gửi",
    "broadcast.button.unreached": "📥 Danh sách cần gọi điện ({count})",
    "broadcast.button.resend_unknown": "🔁 Gửi lại cho {count} đại biểu chưa rõ",
    "broadcast.ask_time": "Đồng chí nhập thời điểm gửi (giờ Việt Nam) theo dạng {format}.",
    "broadcast.bad_time": "Thời điểm chưa đúng định dạng. Đồng chí vui lòng nhập theo dạng {format}.",
    "broadcast.time_past": "Thời điểm này đã qua. Đồng chí vui lòng nhập một thời điểm sau {now}.",
    "broadcast.queued": "✅ Thông báo số {id} đã vào hàng gửi.",
    "broadcast.queued_behind": "✅ Thông báo số {id} đã vào hàng gửi; còn {position} thông báo gửi trước.",
    "broadcast.scheduled": "🕒 Thông báo số {id} sẽ được gửi vào lúc {when}.",
    "broadcast.awaiting_approval": "📝 Thông báo số {id} đã được chuyển để một đồng chí khác trong Ban Tổ chức phê duyệt.",
    "broadcast.no_approver": "⚠️ Chưa gửi được đề nghị phê duyệt thông báo số {id} tới đồng chí nào khác trong Ban Tổ chức.",
    "broadcast.approval_request": "📝 <b>Đề nghị phê duyệt</b> thông báo số {id} do đồng chí {creator} soạn{when}.",
    "broadcast.approval_when": ", hẹn gửi vào lúc {when}",
    "broadcast.approved": "✅ Đã phê duyệt thông báo số {id}.",
    "broadcast.approved_notice": "✅ Thông báo số {id} đã được đồng chí {approver} phê duyệt.",
    "broadcast.same_person": "Người soạn không thể tự phê duyệt thông báo của mình; cần một đồng chí khác trong Ban Tổ chức phê duyệt.",
    "broadcast.not_author": "Chỉ người soạn thông báo số {id} mới có thể gửi đi hoặc đề nghị phê duyệt thông báo này.",
    "broadcast.cancelled": "✖️ Đã hủy thông báo số {id}.",
    "broadcast.rejected_notice": "✖️ Thông báo số {id} không được đồng chí {actor} phê duyệt.",
    "broadcast.not_open": "Thông báo này đã được xử lý trước đó.",
    "broadcast.nothing_to_resend": "Không có đại biểu nào ở tình trạng chưa rõ.",
    "broadcast.progress": (
        "📤 <b>Đang gửi thông báo số {id}</b>\nĐã gửi: {sent}/{total}\nKhông gửi được: {failed}\n"
        "Còn lại: {left}\nTốc độ: {rate} tin/giây\nDự kiến xong sau: {eta}"
    ),
    "broadcast.eta_unknown": "đang tính",
    "broadcast.eta_seconds": "{seconds} giây",
    "broadcast.report": (
        "📋 <b>Báo cáo thông báo số {id}</b> — {state}\nNgười nhận: {total}\n"
        "✅ Đã gửi tới: {sent}\n🚫 Đã chặn bot: {unreachable}\n🔗 Chưa kết nối Telegram: {never_linked}\n"
        "⚠️ Lỗi gửi: {failed}\n❔ Chưa rõ (có thể đã nhận): {unknown}\n⏹ Không gửi (đã dừng): {cancelled}{reasons}"
    ),
    "broadcast.report_reason": "\n   • {error}: {count}",
    "broadcast.state.done": "đã gửi xong",
    "broadcast.state.cancelled": "đã dừng",
    "broadcast.unreached_caption": "Danh sách {count} đại biểu có thể chưa nhận được thông báo số {id}, kèm số điện thoại.",
    "broadcast.list_empty": "Không có thông báo nào đang chờ, hẹn giờ hoặc đang gửi.",
    "broadcast.list_header": "📋 <b>Thông báo đang chờ, hẹn giờ hoặc đang gửi</b>",
    "broadcast.list_line": "Số {id} — {state} — {audience}{when}",
    "broadcast.list_when": " — gửi vào lúc {when}",
    "broadcast.list_state.awaiting_approval": "chờ phê duyệt",
    "broadcast.list_state.scheduled": "hẹn giờ",
    "broadcast.list_state.queued": "trong hàng gửi",
    "broadcast.list_state.sending": "đang gửi",
    "broadcast.button.cancel_numbered": "✖️ Hủy số {id}",
    "agenda.none": "Ban Tổ chức chưa công bố chương trình hội nghị.",
    "agenda.header": "🗓 <b>Chương trình hội nghị</b>\n<i>Bản số {version}, cập nhật lúc {published_at}</i>\n",
    "agenda.line": "\n<b>{time}</b> {title}",
    "agenda.line_untimed": "\n• {title}",
    "agenda.ask": (
        "Đồng chí nhập chương trình hội nghị, mỗi mục một dòng (giờ rồi nội dung), ví dụ:\n"
        "<code>07:30 Đón tiếp đại biểu</code>\n"
        "<code>08:00 Khai mạc hội nghị</code>\n"
        "Hoặc gửi tệp .txt, .toml hoặc .xlsx (gồm cột “Thời gian” và “Nội dung”)."
    ),
    "agenda.file_too_big": "Tệp chương trình quá lớn ({size} KB, tối đa {limit} KB).",
    "agenda.bad": "Không đọc được chương trình ({reason}). Đồng chí vui lòng nhập lại.",
    "agenda.published": "✅ Đã công bố chương trình hội nghị bản số {version} ({count} mục).",
    "agenda.first": "Đây là bản đầu tiên.",
    "agenda.changes_header": "Thay đổi so với bản số {previous}:",
    "agenda.no_changes": "Không có thay đổi so với bản số {previous}.",
    "agenda.change_added": "Bổ sung: {time} {title}",
    "agenda.change_removed": "Bỏ: {time} {title}",
    "agenda.change_moved": "Đổi giờ: {title}, từ {before} sang {after}",
    "agenda.button.notify": "📢 Thông báo thay đổi, cập nhật chương trình ghim",
    "agenda.notice": (
        "Ban Tổ chức thông báo điều chỉnh chương trình hội nghị (bản số {version}):\n{changes}\n\n"
        "Đồng chí bấm /agenda để xem toàn bộ chương trình."
    ),
    "command.broadcast": "Ban Tổ chức: soạn thông báo mới gửi đại biểu",
    "command.broadcasts": "Ban Tổ chức: thông báo đã hẹn giờ, đang gửi",
    "command.agenda": "Xem chương trình hội nghị",
    "command.agenda_publish": "Ban Tổ chức: công bố bản chương trình mới",
    "cli.agenda_published": "Đã công bố chương trình bản số {version} ({count} mục).",
    "cli.agenda_refused": "Không công bố chương trình từ {name}: {reason}",
    "cli.agenda_hint": "Để thông báo thay đổi tới đại biểu, dùng lệnh /broadcast trong Telegram.",
    "cli.no_broadcasts": "Chưa có thông báo nào.",
    "cli.broadcast_line": "Số {id}  {status}  {audience}  tạo {created_at}  hẹn {scheduled_for}  đã gửi {sent}/{total}",
    "broadcast.already_resent": (
        "Các đại biểu chưa rõ của thông báo này đã được gửi lại (thông báo số {id}); mỗi đại biểu chỉ được gửi lại "
        "tối đa một lần."
    ),
    "agenda.button.send_first": "📢 Gửi chương trình tới đại biểu tham dự",
    "agenda.notice_first": (
        "Ban Tổ chức công bố chương trình hội nghị (bản số {version}). Chương trình được ghim ở đầu cuộc trò chuyện "
        "và sẽ được cập nhật tại đó khi có điều chỉnh.\n\nĐồng chí bấm /agenda để xem toàn bộ chương trình."
    ),
    "agenda.pinned_more": "\n… và {count} mục khác; bấm /agenda để xem toàn bộ chương trình.",
    "broadcast.report_pins": (
        "\n📌 Chương trình ghim: cập nhật tại chỗ {edited}, ghim mới {pinned}, chưa cập nhật được {failed}"
    ),
    "agenda.notice_more": "… và {count} thay đổi khác.",
    "agenda.changes_more": "… và {count} thay đổi khác; bấm /agenda để xem toàn bộ chương trình.",
    # Reminders
    "command.reminders": "Ban Tổ chức: lịch nhắc nhở tự động",
    "reminder.rsvp": (
        "Kính gửi đồng chí {full_name},\n"
        "Ban Tổ chức {event_name} trân trọng đề nghị đồng chí xác nhận tham dự trước <b>{rsvp_deadline}</b> bằng "
        "một trong các nút dưới đây."
    ),
    "reminder.attendance": (
        "Kính gửi đồng chí {full_name},\n"
        "Ban Tổ chức {event_name} trân trọng thông báo: hội nghị khai mạc vào lúc <b>{starts_at}</b> tại {venue}."
        "{bring}\nRất mong đồng chí có mặt đúng giờ."
    ),
    "reminder.bring": "\nĐề nghị đồng chí mang theo: {what}.",
    "reminder.proposals": (
        "Kính gửi đồng chí {full_name},\n"
        "Ban Tổ chức {event_name} trân trọng thông báo: thời hạn gửi ý kiến, kiến nghị tới hội nghị kết thúc vào lúc "
        "<b>{proposals_deadline}</b>. Đồng chí có thể gửi ý kiến, kiến nghị bằng lệnh /proposal."
    ),
    "reminder.custom": "Kính gửi đồng chí {full_name},\n{body}",
    "reminder.rollup": (
        "Ban Tổ chức {event_name} thông báo: {agency} còn {missing}/{total} đồng chí chưa xác nhận tham dự "
        "({names}). Đề nghị đồng chí đôn đốc các đồng chí này xác nhận tham dự trước {rsvp_deadline}."
    ),
    "reminder.summary": (
        "🔔 Đã thực hiện lời nhắc “{label}”{late}: {sent} đã gửi, {unreachable} không liên lạc được, {unknown} "
        "chưa rõ, {failed} lỗi; {unlinked} đại biểu chưa kết nối Telegram."
    ),
    "reminder.late": " (gửi muộn)",
    "reminder.label.rsvp": "Nhắc xác nhận tham dự, {offset} trước hạn xác nhận",
    "reminder.label.attendance": "Nhắc dự hội nghị, {offset} trước giờ khai mạc",
    "reminder.label.proposals": "Nhắc gửi ý kiến, kiến nghị, {offset} trước hạn gửi",
    "reminder.label.custom": "Lời nhắc riêng số {number}",
    "reminder.list_header": "🔔 <b>Lịch nhắc nhở</b>",
    "reminder.list_line": "\n<b>{number}.</b> {label}\n    {due} · {status} · {count} người nhận{unlinked}",
    "reminder.unlinked": " (+{count} chưa kết nối)",
    "reminder.none": "Chưa có lời nhắc nào được lên lịch.",
    "reminder.status.scheduled": "đã lên lịch",
    "reminder.status.paused": "tạm dừng",
    "reminder.status.sent": "đã gửi",
    "reminder.status.skipped": "bỏ qua (quá hạn)",
    "reminder.status.cancelled": "đã hủy",
    "reminder.button.pause": "⏸ Dừng {number}",
    "reminder.button.resume": "▶️ Tiếp tục {number}",
    "reminder.button.send": "📤 Gửi ngay {number}",
    "reminder.button.add": "➕ Thêm lời nhắc riêng",
    "reminder.paused": "Đã tạm dừng lời nhắc số {number}.",
    "reminder.resumed": "Đã tiếp tục lời nhắc số {number}.",
    "reminder.sending": "Đang gửi lời nhắc số {number}…",
    "reminder.cannot": "Không thể thực hiện thao tác này với lời nhắc ở trạng thái hiện tại.",
    "reminder.ask_audience": "Gửi lời nhắc riêng tới ai?",
    "reminder.audience.all": "Tất cả đại biểu",
    "reminder.audience.unanswered": "Chưa xác nhận",
    "reminder.audience.attending": "Tham dự",
    "reminder.audience.declined": "Xin vắng mặt",
    "reminder.ask_text": "Đồng chí nhập nội dung lời nhắc (tối đa {limit} ký tự).",
    "reminder.ask_when": "Gửi lúc nào? Đồng chí nhập thời điểm theo dạng {format}, hoặc nhập “ngay” để gửi luôn.",
    "reminder.bad_when": (
        "Thời điểm chưa đúng định dạng hoặc đã qua. Đồng chí vui lòng nhập theo dạng {format}, hoặc nhập “ngay”."
    ),
    "reminder.added": "✅ Đã lên lịch “{label}” vào lúc {due} cho {count} người nhận.",
    "reminder.rollup_more": "{names} … và {rest} đồng chí khác",
    # Voice: times, durations, the contact person (bot/i18n/times.py, bot/i18n/__init__.py contact_note)
    "time.moment": "{hour} giờ {minute}, {weekday}, ngày {date}",
    "time.clock": "{hour} giờ {minute}",
    "time.weekday.0": "thứ Hai",
    "time.weekday.1": "thứ Ba",
    "time.weekday.2": "thứ Tư",
    "time.weekday.3": "thứ Năm",
    "time.weekday.4": "thứ Sáu",
    "time.weekday.5": "thứ Bảy",
    "time.weekday.6": "Chủ nhật",
    "time.typed_format": "dd/mm/yyyy HH:MM (ngày/tháng/năm giờ:phút), ví dụ {example}",
    "time.days.one": "{count} ngày",
    "time.days.other": "{count} ngày",
    "time.hours.one": "{count} giờ",
    "time.hours.other": "{count} giờ",
    "time.minutes.one": "{count} phút",
    "time.minutes.other": "{count} phút",
    "contact.person": " (đồng chí {name}, điện thoại {phone})",
    "proposal.status_merged_into": "Đã tổng hợp chung với ý kiến số {into}",
    "padmin.button_open": "Số {number} · {full_name}",
    "cli.export_done": "Đã ghi {count} dòng vào {path}.",
    "cli.report_done": "Đã ghi báo cáo tổng hợp ({count} ý kiến, kiến nghị) vào {path}.",
    "cli.invitations_pdf_done": "Đã ghi {count} trang giấy mời khổ A5 vào {path}.",
    "cli.bad_suffix": "Tệp xuất phải có đuôi {allowed}: {path}",
    "cli.unknown_broadcast": "Không có thông báo số {id}.",
    "cli.event_line": "{mark} {code}  {name}  khai mạc {starts_at}  {delegates} đại biểu, {linked} đã kết nối, {answered} đã xác nhận tham dự",
    "command.export": "Tải các tệp: xác nhận tham dự, ý kiến, giấy mời, báo cáo",
    "export.menu": "📁 <b>Tải tệp</b>\nĐồng chí chọn tệp cần tải. Tệp được gửi vào cuộc trò chuyện này.",
    "export.button.rsvps": "Xác nhận tham dự",
    "export.button.proposals": "Ý kiến theo lĩnh vực",
    "export.button.nominations": "Đề xuất biểu dương",
    "export.button.deliveries": "Kết quả gửi thông báo",
    "export.button.invitations": "Đường dẫn giấy mời (XLSX)",
    "export.button.invitations_pdf": "Giấy mời để in (PDF)",
    "export.button.report": "Báo cáo tổng hợp (DOCX)",
    "export.button.audit": "Nhật ký thao tác",
    "export.button.tasks": "Kế hoạch công việc (XLSX)",
    "export.preparing": "Đang chuẩn bị tệp…",
    "export.choose_broadcast": "Đồng chí chọn thông báo cần xem kết quả gửi:",
    "export.broadcast_button": "Số {id}: {text}",
    "export.no_broadcasts": "Chưa có thông báo nào được gửi.",
    "export.unknown_broadcast": "Không tìm thấy thông báo này.",
    "export.too_large": (
        "Tệp {name} nặng {size} MB, vượt giới hạn {limit} MB mà Telegram cho phép gửi. "
        "Đề nghị cán bộ kỹ thuật lấy tệp trên máy chủ bằng lệnh: <code>{command}</code>"
    ),
    "export.caption.rsvps": "Xác nhận tham dự: {count} đại biểu.",
    "export.caption.proposals": "Ý kiến, kiến nghị theo lĩnh vực: {count} ý kiến.",
    "export.caption.nominations": "Đề xuất biểu dương: {count} lượt.",
    "export.caption.deliveries": "Kết quả gửi thông báo: {count} người nhận.",
    "export.caption.invitations": "Đường dẫn giấy mời (để trộn thư): {count} đại biểu.",
    "export.caption.invitations_pdf": "Giấy mời để in: {count} trang khổ A5.",
    "export.caption.report": "Báo cáo tổng hợp ý kiến, kiến nghị: {count} ý kiến.",
    "export.caption.audit": "Nhật ký thao tác: {count} dòng.",
    "export.caption.tasks": "Kế hoạch công việc của Ban Tổ chức: {count} công việc.",
    "cli.help.export_deliveries": "người nhận một thông báo và kết quả gửi tới từng người (.xlsx)",
    "cli.help.export_invitations": "đường dẫn cá nhân để trộn thư (.xlsx hoặc .csv)",
    "cli.help.export_audit": "nhật ký thao tác: ai làm gì, lúc nào (.xlsx)",
    "cli.help.export_report": "báo cáo tổng hợp ý kiến, kiến nghị gửi Thường trực Tỉnh ủy (.docx)",
    "cli.help.export_tasks": "kế hoạch công việc của Ban Tổ chức kèm trạng thái, tiến độ và nhật ký (.xlsx)",
    "cli.help.invites_print": "giấy mời để in: mỗi đại biểu một trang A5 có mã QR đường dẫn cá nhân (.pdf)",
    "cli.help.out_file": "tệp hoặc thư mục ghi ra (mặc định: tên tiếng Việt kèm ngày, trong thư mục hiện tại)",
    "cli.help.broadcast_number": "số của thông báo",
    "cli.help.agency": "chỉ cơ quan, đơn vị này",
    "cli.help.unlinked": "chỉ đại biểu chưa kết nối Telegram",
    "cli.help.events": "các hội nghị trong cơ sở dữ liệu",
    "cli.help.events_list": "liệt kê các hội nghị, số đại biểu, đã kết nối, đã xác nhận tham dự",
    "report.number": "Số:      -BC/BTC",
    "report.party": "ĐẢNG CỘNG SẢN VIỆT NAM",
    "report.date": "ngày {day} tháng {month} năm {year}",
    "report.title": "BÁO CÁO",
    "report.subtitle": "Tổng hợp ý kiến, kiến nghị của đội ngũ trưởng, phó phòng tại {event_name}",
    "report.intro": (
        "Thực hiện chương trình {event_name}, Ban Tổ chức đã tiếp nhận {total} ý kiến, kiến nghị của {authors} "
        "đồng chí thuộc {agencies} cơ quan, đơn vị. Ban Tổ chức tổng hợp, báo cáo {recipient} như sau:"
    ),
    "report.part_summary": "I. TỔNG HỢP CHUNG",
    "report.by_topic": "1. Số ý kiến, kiến nghị theo lĩnh vực",
    "report.by_agency": "2. Số ý kiến, kiến nghị theo cơ quan, đơn vị",
    "report.col_number": "STT",
    "report.col_topic": "Lĩnh vực",
    "report.col_count": "Số ý kiến",
    "report.col_selected": "Đưa ra hội nghị",
    "report.col_answered": "Đã trả lời",
    "report.col_agency": "Cơ quan, đơn vị",
    "report.col_authors": "Số người gửi",
    "report.col_name": "Họ và tên",
    "report.col_position": "Chức vụ, cơ quan",
    "report.col_nominations": "Số lượt đề xuất",
    "report.col_criteria": "Tiêu chí",
    "report.total": "Tổng cộng",
    "report.part_topics": "II. NỘI DUNG Ý KIẾN, KIẾN NGHỊ THEO LĨNH VỰC",
    "report.topic_heading": "{number}. {topic} ({count} ý kiến)",
    "report.other_topic": "Lĩnh vực khác (không còn trong cấu hình)",
    "report.no_proposals": "Chưa có ý kiến, kiến nghị thuộc lĩnh vực này.",
    "report.proposal_label": "Ý kiến số {number}",
    "report.source_agency": "{agency}",
    "report.source_author": "đồng chí {full_name}, {position}, {agency}",
    "report.status_line": "Tình trạng: {status}.",
    "report.status.received": "đã tiếp nhận",
    "report.status.reviewing": "đang xem xét",
    "report.status.selected": "đưa ra thảo luận tại hội nghị",
    "report.status.answered": "đã trả lời",
    "report.status.merged": "đã tổng hợp chung với ý kiến số {target}",
    "report.answer_line": "Trả lời của Ban Tổ chức: {answer}",
    "report.part_nominations": "III. ĐỀ XUẤT BIỂU DƯƠNG ĐIỂN HÌNH",
    "report.no_nominations": "Chưa có đề xuất biểu dương.",
    "report.nominations_intro": "Có {people} đồng chí được đồng nghiệp đề xuất biểu dương, với tổng số {count} lượt đề xuất:",
    "report.closing": (
        "Trên đây là tổng hợp ý kiến, kiến nghị của đội ngũ trưởng, phó phòng, Ban Tổ chức trân trọng báo cáo "
        "{recipient} xem xét."
    ),
    "report.recipients": "Nơi nhận:",
    "report.recipient_line": "- {recipient} (để báo cáo),",
    "report.archive_line": "- Lưu Ban Tổ chức.",
    "report.on_behalf": "T/M {issuer}",
    "stats.header": "📊 <b>Số liệu: {event_name}</b>",
    "stats.header_scoped": "📊 <b>Số liệu: {event_name}</b>\nCơ quan, đơn vị: {agencies}",
    "stats.totals": (
        "Được mời: <b>{invited}</b> · đã kết nối Telegram: {linked}\n"
        "Tham dự: <b>{attending}</b> · cử người dự thay: {substitute} · xin vắng mặt: {declined} · "
        "chưa xác nhận: <b>{unanswered}</b>"
    ),
    "stats.attendance": "🏛 Có mặt tại hội nghị: <b>{count}</b>/{expected} (chưa có mặt: {not_here})",
    "stats.by_agency": "<b>Theo cơ quan, đơn vị</b> (trang {page}/{pages}; mời · tham dự · dự thay · vắng · chưa xác nhận)",
    "stats.agency_line": "• {agency}: {invited} · {attending} · {substitute} · {declined} · {unanswered}",
    "stats.no_delegates": "Chưa có đại biểu nào trong danh sách.",
    "stats.proposals": "<b>Ý kiến, kiến nghị:</b> {count} ({statuses})",
    "stats.topic_line": "• {topic}: {count} (đã trả lời {answered})",
    "stats.status.received": "đã tiếp nhận {count}",
    "stats.status.reviewing": "đang xem xét {count}",
    "stats.status.selected": "đưa ra hội nghị {count}",
    "stats.status.answered": "đã trả lời {count}",
    "stats.status.merged": "đã tổng hợp chung {count}",
    "stats.nominations": "<b>Đề xuất biểu dương:</b> {people} đồng chí được đề xuất, {count} lượt",
    "stats.button_previous": "◀️ Trang trước",
    "stats.button_next": "Trang sau ▶️",
    "stats.button_chart": "📈 Biểu đồ",
    "stats.button_refresh": "🔄 Cập nhật",
    "stats.button_redraw": "🔄 Vẽ lại với số liệu mới",
    "stats.button_unanswered": "📞 Chưa xác nhận theo cơ quan, đơn vị",
    "stats.drawing": "Đang vẽ biểu đồ…",
    "stats.chart_title": "Xác nhận tham dự theo cơ quan, đơn vị",
    "stats.chart_empty": "Chưa có số liệu: danh sách đại biểu đang trống.",
    "stats.chart_caption": (
        "📈 Xác nhận tham dự: mời {invited}, tham dự {attending}, cử người dự thay {substitute}, "
        "xin vắng mặt {declined}, chưa xác nhận {unanswered}."
    ),
    "stats.series_attending": "Tham dự",
    "stats.series_substitute": "Cử người dự thay",
    "stats.series_declined": "Xin vắng mặt",
    "stats.series_unanswered": "Chưa xác nhận",
    "stats.agency_attendance": "   ↳ có mặt {count}/{expected}",
    "stats.button_attendance_chart": "📈 Biểu đồ điểm danh",
    "stats.button_chart_refresh": "🔄 Cập nhật số liệu",
    "stats.attendance_chart_title": "Đại biểu có mặt theo cơ quan, đơn vị (lúc {time})",
    "stats.attendance_chart_empty": "Chưa có đại biểu nào xác nhận tham dự hoặc có mặt.",
    "stats.attendance_chart_caption": (
        "🏛 Đại biểu có mặt: <b>{count}</b>/{expected} (chưa có mặt: {not_here}). Số liệu lúc {time}."
    ),
    "stats.series_present": "Đã có mặt",
    "stats.series_not_here": "Chưa có mặt",
    "hall.updated": "Cập nhật lúc {time}",
    "hall.present": "Đại biểu có mặt",
    "hall.not_here": "Chưa có mặt: {count}",
    "hall.questions": "Câu hỏi trình Đoàn Chủ tịch",
    "hall.question_meta": "Câu hỏi số {number} · {topic} · {support} ủng hộ",
    "hall.asker": "{full_name} — {agency}",
    "hall.asker_unnamed": "Đại biểu không nêu tên",
    "hall.no_questions": "Chưa có câu hỏi nào được chọn.",
    "hall.waiting": "… và {count} câu hỏi khác.",
    "hall.link": (
        "🖥 <b>Màn hình hội trường</b> (chỉ đọc, tự cập nhật sau mỗi {seconds} giây): số đại biểu có mặt theo cơ quan, "
        "đơn vị và các câu hỏi đã được chọn trình Đoàn Chủ tịch.\n{url}\n"
        "Đường dẫn (link) này cần giữ bí mật: đề nghị chỉ mở trên máy tính của màn hình hội trường."
    ),
    "hall.off": "Trang màn hình hội trường đang tắt (mục [hall_screen] trong tệp cấu hình).",
    "stats.button_hall_screen": "🖥 Màn hình hội trường",
    "stats.everyone_answered": "Tất cả đại biểu đã xác nhận.",
    "stats.choose_agency": "Đồng chí chọn cơ quan, đơn vị để xem danh sách đại biểu chưa xác nhận:",
    "stats.unanswered_button": "{agency} ({count})",
    "stats.list_changed": "Danh sách đã thay đổi. Đồng chí vui lòng bấm lại “Chưa xác nhận theo cơ quan, đơn vị”.",
    "stats.unanswered_header": "📞 <b>{agency}</b>: {count} đại biểu chưa xác nhận\n{lines}",
    "stats.unanswered_line": "{number}. {full_name} ({position}): {phone}",
    "stats.unanswered_more": "… và {count} đại biểu khác (xem đủ trong tệp /export → Xác nhận tham dự).",
    "stats.no_phone": "chưa có số điện thoại",
    "roster_upload.preview": (
        "📋 <b>Xem trước danh sách {name}</b>\nThêm mới: <b>{created}</b> · cập nhật: <b>{updated}</b> · "
        "giữ nguyên: {unchanged} · có trong danh sách cũ nhưng không có trong tệp: {missing} (được giữ lại)"
    ),
    "roster_upload.created_header": "<b>Đại biểu mới:</b>",
    "roster_upload.updated_header": "<b>Thay đổi thông tin:</b>",
    "roster_upload.missing_header": "<b>Không có trong tệp (vẫn giữ trong danh sách):</b>",
    "roster_upload.person": "• {code} {full_name} — {agency}",
    "roster_upload.changed": "• {code} {full_name}: {fields}",
    "roster_upload.more": "… và {count} đại biểu khác",
    "roster_upload.field.code": "mã",
    "roster_upload.field.full_name": "họ và tên",
    "roster_upload.field.position": "chức vụ",
    "roster_upload.field.department": "phòng",
    "roster_upload.field.agency": "cơ quan",
    "roster_upload.field.phone": "số điện thoại",
    "roster_upload.field.email": "email",
    "roster_upload.confirm_hint": (
        "Chưa có thay đổi nào được lưu. Đồng chí bấm “Xác nhận nhập” để cập nhật danh sách, hoặc “Hủy”. "
        "Bản xem trước có hiệu lực đến {until}; gửi tệp khác sẽ thay bản này."
    ),
    "roster_upload.button_confirm": "✅ Xác nhận nhập",
    "roster_upload.button_cancel": "✖️ Hủy",
    "roster_upload.error_row": "Dòng {row}: {reason}",
    "roster_upload.error_file": "Tệp: {reason}",
    "roster_upload.refused": (
        "❌ Không nhập được {name}: có {count} lỗi, danh sách giữ nguyên. Đồng chí sửa các dòng sau rồi gửi lại tệp:\n{lines}"
    ),
    "roster_upload.unreadable": "❌ Tệp {name} không đọc được như một danh sách đại biểu:\n{lines}",
    "roster_upload.not_a_roster": (
        "Tệp {name} không phải danh sách đại biểu. Đồng chí vui lòng gửi tệp Excel (.xlsx) hoặc CSV có các cột "
        "Mã, Họ và tên, Chức vụ, Phòng, Cơ quan, Số điện thoại."
    ),
    "roster_upload.not_a_file": "Để nhập danh sách đại biểu, đồng chí vui lòng gửi tệp Excel (.xlsx) hoặc CSV dưới dạng tệp (không phải ảnh).",
    "roster_upload.too_large": "Tệp {name} lớn hơn {limit} MB, Telegram không cho bot tải về. Đề nghị nhập trên máy chủ: delegate-bot roster import",
    "roster_upload.stale": "Bản xem trước này không còn hiệu lực (đã nhập, đã hủy hoặc đã được thay bằng tệp khác).",
    "roster_upload.expired": "Bản xem trước {name} đã hết hạn (quá 30 phút), chưa có gì thay đổi. Đồng chí vui lòng gửi lại tệp.",
    "roster_upload.conflict": (
        "❌ Chưa nhập {name}: danh sách đã thay đổi từ lúc xem trước và tệp không còn phù hợp. Danh sách giữ nguyên.\n{lines}"
    ),
    "roster_upload.imported": (
        "✅ Đã nhập {name}: thêm {created}, cập nhật {updated}, giữ nguyên {unchanged}; "
        "{missing} đại biểu có trong danh sách nhưng không có trong tệp (được giữ lại)."
    ),
    "roster_upload.links_header": "<b>Đường dẫn (link) cá nhân của đại biểu mới:</b>",
    "roster_upload.link_line": "• {code} {full_name}: {link}",
    "roster_upload.links_hint": "Toàn bộ đường dẫn và giấy mời để in: /export.",
    "roster_upload.cancelled": "Đã hủy. Danh sách đại biểu giữ nguyên.",
    "command.audit": "Nhật ký thao tác của Ban Tổ chức",
    "audit.header": "🗂 <b>Nhật ký thao tác</b> ({count} thao tác gần nhất, mới nhất trước)\n{lines}",
    "audit.line": "• {at} — {actor}: {action}{subject}",
    "audit.actor_telegram": "tài khoản {id}",
    "audit.actor_cli": "máy chủ (dòng lệnh)",
    "audit.empty": "Chưa có thao tác nào.",
    "audit.button_full": "📥 Toàn bộ nhật ký (XLSX)",
    "invite_pdf.title_meta": "Giấy mời — {event_name}",
    "invite_pdf.title": "GIẤY MỜI",
    "invite_pdf.salutation": "Kính gửi đồng chí {who}",
    "invite_pdf.body": "Ban Tổ chức trân trọng kính mời đồng chí tới dự {event_name}.",
    "invite_pdf.time": "Thời gian: vào lúc {when}.",
    "invite_pdf.venue": "Địa điểm: {venue}.",
    "invite_pdf.deadline": "Đề nghị đồng chí xác nhận tham dự trước {deadline}.",
    "invite_pdf.contact": "Người liên hệ: đồng chí {name}, điện thoại {phone}.",
    "invite_pdf.how_scan": "Cách 1: dùng camera điện thoại quét mã QR bên cạnh, mở bằng Telegram rồi bấm Bắt đầu (Start).",
    "invite_pdf.how_link": "Cách 2: mở Telegram, mở đường dẫn (link) in dưới đây và bấm Bắt đầu (Start) để xác nhận tham dự.",
    "invite_pdf.footer": "Mã đại biểu: {code}",
    "invite_pdf.empty": "Không có đại biểu nào phù hợp để in giấy mời.",
    "config_problem.required_token": "bắt buộc phải có; đặt tại đây hoặc trong biến môi trường {env}",
    "config_problem.required_webhook": 'bắt buộc phải có khi [telegram] mode = "webhook"',
    "config_problem.required": "bắt buộc phải có",
    "config_problem.section_missing": "thiếu mục này",
    "config_problem.unknown_section": "mục không có trong cấu hình{hint}",
    "config_problem.unknown_key": "khóa không có trong cấu hình{hint}",
    "config_problem.not_empty": "không được để trống",
    "config_problem.too_long": "dài tối đa {limit} ký tự (hiện có {length})",
    "config_problem.between": "phải trong khoảng từ {low} đến {high}",
    "config_problem.before_start": "phải trước thời gian khai mạc starts_at ({when})",
    "config_problem.not_utf8": "không phải văn bản UTF-8; đề nghị lưu tệp ở dạng UTF-8",
    "config_problem.invalid_toml": "sai cú pháp TOML: {detail}",
    "config_problem.folder": "là thư mục, không phải tệp",
    "config_problem.cannot_read": "không đọc được tệp ({detail})",
    "config_problem.bad_token": "giá trị{origin} không phải token Bot API hợp lệ (dạng số, dấu “:” và từ 30 ký tự A-Z a-z 0-9 _ - trở lên, do @BotFather cấp)",
    "config_problem.type": "phải là {expected}, không phải {got}",
    "config_problem.hint": " (có phải là “{name}”?)",
    "config_problem.or": " hoặc ",
    "config_problem.unrecognised": "giá trị không hợp lệ (tiếng Anh: {detail})",
    "config_problem.unknown_key_use": "khóa “{field}” không có trong cấu hình (dùng {options})",
    "config_problem.categories_count": "phải có từ {low} đến {high} lĩnh vực",
    "config_problem.faq_count": "chỉ được có tối đa {count} câu hỏi",
    "config_problem.port_range": "cổng {port} phải trong khoảng từ 1 đến 65535",
    "config_problem.after_start": "phải sau thời gian khai mạc starts_at ({when})",
    "config_problem.after_open": "phải sau thời gian bắt đầu nhận câu hỏi questions_open_at",
    "config_problem.venue_pair": "cũng phải có: ghim bản đồ cần cả venue_latitude và venue_longitude",
    "config_problem.webhook_port": "cổng {port} không phải cổng Telegram gửi webhook tới: đường dẫn công khai phải dùng cổng 443, 80, 88 hoặc 8443 (cổng cục bộ trong [telegram.webhook] phía sau reverse proxy thì tùy ý)",
    "config_problem.chair": "phải là id của một thành viên trong [[committee.members]] hoặc trong [telegram] organizers",
    "config_problem.file_not_found": "không tìm thấy tệp",
    "config_problem.local_time": "phải là giờ địa phương, không kèm độ lệch so với UTC (được hiểu theo [event] timezone); {time_help}",
    "config_problem.date_and_time": "phải có cả ngày và giờ; {time_help}",
    "config_problem.not_a_time": "không phải ngày giờ hợp lệ; {time_help}",
    "config_problem.unknown_zone": 'múi giờ “{zone}” không tồn tại (dùng tên IANA, ví dụ "Asia/Ho_Chi_Minh")',
    "config_problem.clock_change": "thời điểm {when} không tồn tại ở múi giờ {zone} (lúc chuyển giờ)",
    "config_problem.table_section": "phải là một bảng (mục [{dotted}]), không phải {got}",
    "config_problem.contact_table": "phải là một bảng dạng {example}, không phải {got}",
    "config_problem.agency_table": "phải là một bảng dạng {example}",
    "config_problem.array_of_tables": "phải là danh sách các bảng {table}, mỗi bảng gồm {options}",
    "config_problem.durations": "phải là danh sách khoảng thời gian, ví dụ {days} hoặc {hours}",
    "config_problem.duration_item": 'phải là một số kèm d (ngày), h (giờ) hoặc m (phút), ví dụ "7d", "2h", "30m"',
    "config_problem.listed_twice": "“{value}” được liệt kê hai lần",
    "config_problem.code_twice": "mã “{code}” được dùng hai lần",
    "config_problem.id_twice": "id {id} được liệt kê hai lần",
    "config_problem.question_twice": "câu hỏi trùng với mục {first} (“{question}”); mỗi câu hỏi phải khác nhau",
    "config_problem.agency_id": "“{agency}” phải là một id người dùng Telegram dương (không đặt trong ngoặc kép)",
    "config_problem.member_id": "id phải là một id người dùng Telegram dương (không đặt trong ngoặc kép)",
    "config_problem.user_id_or_zero": "phải là một id người dùng Telegram dương (không đặt trong ngoặc kép), hoặc 0 nếu không có",
    "config_problem.user_id_type": "phải là id người dùng Telegram dạng số nguyên (không đặt trong ngoặc kép), không phải {got}",
    "config_problem.user_id_positive": "phải là id người dùng dương (id của nhóm và kênh là số âm)",
    "config_problem.phone_type": "số điện thoại (phone) phải là chuỗi ký tự (trong ngoặc kép), không phải {got}",
    "config_problem.phone_invalid": "số điện thoại (phone) không hợp lệ (viết dạng {example})",
    "config_problem.host": "phải là tên máy hoặc địa chỉ IP, không có dấu cách",
    "config_problem.characters": "phải gồm {count} ký tự trong số {chars}",
    "config_problem.url": "phải là một URL đầy đủ {options}, ví dụ {example}",
    "config_problem.number": "phải là một số, không phải {got}",
    "config_problem.one_of": "phải là {options}",
    "config_problem.item": "mục {index}: {rest}",
    "config_problem.item_plain": "mục {index} {rest}",
    "config_problem.entry": "mục {index}: {rest}",
    "config_problem.name": "họ và tên (name) {rest}",
    "config_problem.time_help": 'viết giờ địa phương dạng 2026-12-28T08:00:00, "2026-12-28 08:00" hoặc "28/12/2026 08:00"',
    "config_problem.url_path": 'phải là đường dẫn URL bắt đầu bằng "/" (không có dấu cách, "?" hoặc "#")',
    "config_problem.host_port": 'phải có dạng "host:port", ví dụ {example}',
    "config_problem.hall_path": 'phải để trống (bot tự tạo ngẫu nhiên) hoặc gồm ít nhất {count} ký tự A-Z a-z 0-9 "_" "-"',
    "config_problem.clock_time": 'phải là giờ trong ngày dạng "HH:MM" (24 giờ) hoặc ""',
    "config_got.string": "chuỗi ký tự",
    "config_got.integer": "số nguyên",
    "config_got.boolean": "true/false",
    "config_got.date-time": "ngày giờ",
    "config_got.float": "số thập phân",
    "config_got.date": "ngày",
    "config_got.time": "giờ",
    "config_got.table": "bảng",
    "config_got.array": "danh sách",
    "config_type.string": "chuỗi ký tự (trong ngoặc kép)",
    "config_type.integer": "số nguyên",
    "config_type.boolean": "true hoặc false (không đặt trong ngoặc kép)",
    "config_type.user_ids": "danh sách id người dùng Telegram",
    "config_type.date-time": "ngày giờ",
    "config_type.float": "số thập phân",
    "config_type.date": "ngày",
    "config_type.time": "giờ",
    "config_type.table": "bảng",
    "config_type.array": "danh sách",
    "cli.help.description": "Bot Telegram phục vụ hội nghị: mời đại biểu, xác nhận tham dự, ý kiến, thông báo.",
    "cli.help.commands": "các lệnh",
    "cli.help.actions": "thao tác",
    "cli.help.config": "tệp cấu hình (mặc định: biến môi trường DELEGATE_BOT_CONFIG hoặc ./config.toml)",
    "cli.help.lang": "ngôn ngữ của hướng dẫn và thông báo: vi (mặc định) hoặc en",
    "cli.help.version": "hiện số phiên bản rồi thoát",
    "cli.help.run": "chạy bot (polling hoặc webhook, theo cấu hình)",
    "cli.help.demo": "diễn tập hội nghị trên môi trường thử nghiệm cục bộ (không cần token, không cần mạng)",
    "cli.help.demo_delegates": "số đại biểu của danh sách thử (mặc định 800)",
    "cli.help.demo_seed": "hạt giống ngẫu nhiên để lặp lại đúng buổi diễn tập (mặc định 7)",
    "cli.help.demo_cpus": "chỉ cho tiến trình của bot chạy trên N lõi xử lý (ví dụ 1 để diễn tập máy một lõi)",
    "cli.help.demo_in_process": "chạy bot ngay trong tiến trình diễn tập thay vì một tiến trình riêng",
    "cli.help.demo_all_reminders": "gửi thêm lời nhắc dự hội nghị và lời nhắc gửi ý kiến (lâu thêm khoảng một phút)",
    "cli.help.demo_transcript": "tệp ghi lại các tin nhắn một đại biểu, một đầu mối cơ quan và Ban Tổ chức nhận được (mặc định demo-transcript.txt)",
    "cli.help.roster": "danh sách đại biểu",
    "cli.help.roster_import": "nhập danh sách từ tệp CSV hoặc XLSX (có lỗi ở bất kỳ dòng nào thì không nhập gì)",
    "cli.help.roster_file": "tệp danh sách .csv hoặc .xlsx",
    "cli.help.roster_withdraw": "rút một đại biểu khỏi hội nghị: đường dẫn hết hiệu lực, không còn trong số liệu; lịch sử được giữ lại",
    "cli.help.roster_restore": "khôi phục một đại biểu đã rút",
    "cli.help.code": "mã đại biểu trong danh sách",
    "cli.help.invites": "đường dẫn (link) cá nhân",
    "cli.help.invites_export": "ghi đường dẫn cá nhân của mọi đại biểu ra tệp .csv hoặc .xlsx",
    "cli.help.invites_reissue": "thu hồi đường dẫn của một đại biểu và cấp đường dẫn mới",
    "cli.help.out_table": "tệp ghi ra, đuôi .csv hoặc .xlsx (thư mục phải có sẵn)",
    "cli.help.bot_username": "tên @username của bot (không bắt buộc: bot tự hỏi Telegram khi đã có token)",
    "cli.help.export": "bảng số liệu cho Ban Tổ chức",
    "cli.help.export_rsvps": "xác nhận tham dự của mọi đại biểu (.csv hoặc .xlsx)",
    "cli.help.export_proposals": "ý kiến, kiến nghị theo lĩnh vực, kèm bảng tổng hợp (.xlsx)",
    "cli.help.export_nominations": "người được đề xuất biểu dương, theo cơ quan, và mọi lượt đề xuất (.xlsx)",
    "cli.help.agenda": "chương trình hội nghị",
    "cli.help.agenda_publish": "công bố bản chương trình mới từ tệp .txt/.md, .toml hoặc .xlsx",
    "cli.help.agenda_file": "tệp chương trình",
    "cli.help.broadcasts": "thông báo của Ban Tổ chức",
    "cli.help.broadcasts_list": "các thông báo gần đây, trạng thái và số lượng đã gửi",
    "cli.no_config": (
        "Không tìm thấy tệp cấu hình {path}. Đồng chí vui lòng tạo từ tệp mẫu: cp config.example.toml config.toml "
        "rồi chỉnh sửa (hoặc chỉ ra tệp khác bằng --config)."
    ),
    "cli.bad_config": "Cấu hình không hợp lệ: {error}",
    "cli.no_folder": "Không ghi được {path}: thư mục {folder} không tồn tại.",
    "cli.cannot_write": "Không ghi được {path}: {reason}.",
    "cli.cannot_read": "Không đọc được {path}: {reason}.",
    "cli.db_locked": (
        "Cơ sở dữ liệu {path} đang bị một tiến trình khác khóa. Đồng chí vui lòng thử lại sau giây lát "
        "(bot đang chạy vẫn dùng chung được; hãy kiểm tra xem có lệnh nào khác đang chạy không)."
    ),
    "cli.db_error": "Lỗi cơ sở dữ liệu {path}: {reason}",
    "cli.getme_failed": "Không hỏi được Telegram tên @username của bot: {reason}. Chưa thay đổi gì.",
    "cli.withdraw_done": "Đã rút đại biểu {code} ({full_name}) khỏi hội nghị: đường dẫn hết hiệu lực, không còn trong danh sách nhận thông báo và số liệu; lịch sử được giữ lại.",
    "cli.withdraw_unchanged": "Đại biểu {code} ({full_name}) đã được rút khỏi hội nghị từ trước.",
    "cli.restore_done": "Đã khôi phục đại biểu {code} ({full_name}); đường dẫn cũ dùng lại được.",
    "cli.restored_relinked": "Đã khôi phục đại biểu {code} ({full_name}) và kết nối lại tài khoản Telegram trước đây.",
    "cli.restore_unchanged": "Đại biểu {code} ({full_name}) đang có trong danh sách, không cần khôi phục.",
    "cli.agenda_unchanged": "Chương trình trong {name} giống hệt bản số {version} đang công bố: không tạo bản mới.",
    "agenda.unchanged": "Chương trình này giống hệt bản số {version} đang công bố, không tạo bản mới.",
    "agenda_error.cannot_read": "không đọc được tệp {name} ({detail})",
    "agenda_error.toml_items": "tệp .toml cần các bảng [[item]] với time và title",
    "agenda_error.unsupported": "không dùng được loại tệp “{suffix}”: cần .txt, .md, .toml hoặc .xlsx",
    "agenda_error.empty_sheet": "trang tính không có dữ liệu",
    "agenda_error.no_columns": "dòng đầu tiên phải có cột thời gian (Thời gian) và cột nội dung (Nội dung)",
    "agenda_error.no_items": "chương trình không có mục nào",
    "agenda_error.too_many": "chương trình có quá {limit} mục",
    "agenda_error.no_title": "mục {number} không có nội dung",
    "agenda_error.too_long": "mục {number} dài quá {limit} ký tự",
    # --- pace: flood control ---
    "flood.notice": (
        "Đồng chí đã gửi quá nhiều tin nhắn trong thời gian ngắn. Bot tạm thời không xử lý các tin tiếp theo; "
        "đề nghị chờ giây lát rồi thao tác lại."
    ),
    # Database file commands (db backup / check / restore)
    "start.withdrawn": "Đường dẫn (link) này không còn hiệu lực. Nếu cần, đồng chí vui lòng liên hệ Ban Tổ chức{contact}.",
    "cli.help.db": "tệp cơ sở dữ liệu: sao lưu, kiểm tra, khôi phục",
    "cli.help.db_backup": "sao lưu cơ sở dữ liệu ngay cả khi bot đang chạy (bản sao nhất quán)",
    "cli.help.db_backup_out": "tệp sao lưu ghi ra (thư mục phải có sẵn)",
    "cli.help.db_backup_dir": "thư mục chứa các bản sao lưu, đặt tên theo thời điểm",
    "cli.help.db_backup_keep": "số bản sao lưu giữ lại trong thư mục (mặc định 14)",
    "cli.help.db_check": "kiểm tra tính toàn vẹn và phiên bản cấu trúc cơ sở dữ liệu",
    "cli.help.db_restore": "khôi phục cơ sở dữ liệu từ một bản sao lưu (bot phải dừng trước)",
    "cli.help.db_restore_file": "tệp sao lưu",
    "cli.db_missing": "Chưa có cơ sở dữ liệu {path}.",
    "cli.db_not_database": "{path} không phải là cơ sở dữ liệu của bot: {reason}.",
    "cli.db_damaged": "Cơ sở dữ liệu {path} bị hỏng: {reason}. Đề nghị khôi phục từ bản sao lưu gần nhất.",
    "cli.db_check_current": "Cơ sở dữ liệu {path}: toàn vẹn, cấu trúc phiên bản {version} (đúng phiên bản hiện hành).",
    "cli.db_check_older": "Cơ sở dữ liệu {path}: toàn vẹn, cấu trúc phiên bản {version}; sẽ được nâng lên phiên bản {supported} khi bot khởi động.",
    "cli.db_backup_done": "Đã sao lưu vào {path}.",
    "cli.db_backup_removed": "Đã xóa bản sao lưu cũ {path}.",
    "cli.db_restore_running": "Bot đang chạy với cơ sở dữ liệu {path}: đề nghị dừng bot trước khi khôi phục. Chưa thay đổi gì.",
    "cli.not_a_file": "không có tệp này",
    "cli.db_restore_newer": "tệp do phiên bản mới hơn ghi (cấu trúc {found}, phiên bản này hỗ trợ đến {supported})",
    "cli.db_restore_refused": "Không khôi phục từ {path}: {reason}. Chưa thay đổi gì.",
    "cli.db_restored": "Đã khôi phục {path} từ {source}. Bản cũ được giữ tại {safety}.",
    "cli.already_running": "Bot đã đang chạy với cơ sở dữ liệu {path} (một tiến trình khác giữ khóa). Không khởi động thêm.",
    "command.task": "Giao việc cho thành viên Ban Tổ chức",
    "command.tasks": "Kế hoạch công việc và tiến độ",
    "task.button.accept": "Nhận việc",
    "task.button.done": "Đã hoàn thành",
    "task.button.progress": "Báo cáo tiến độ",
    "task.button.blocked": "Báo vướng mắc",
    "task.button.deadline": "Đổi thời hạn",
    "task.button.owner": "Đổi người thực hiện",
    "task.button.create": "Giao việc",
    "task.button.import": "Nhập {count} công việc",
    "task.button.new": "➕ Giao việc",
    "task.button.import_plan": "📥 Nhập kế hoạch (XLSX)",
    "task.button.export": "📤 Xuất kế hoạch (XLSX)",
    "task.button.open": "Công việc số {number}",
    "task.status.assigned": "Đã giao, chưa nhận",
    "task.status.accepted": "Đang thực hiện",
    "task.status.done": "Đã hoàn thành",
    "task.status.blocked": "Vướng mắc",
    "task.late": " — quá hạn {late}",
    "task.state.done": "Đã hoàn thành",
    "task.state.in_progress": "Đang thực hiện",
    "task.state.overdue": "Quá hạn",
    "task.state.blocked": "Vướng mắc",
    "task.card": (
        "<b>Công việc số {number}</b>: {title}\n"
        "Người thực hiện: {owner}\n"
        "Thời hạn: {deadline}\n"
        "Trạng thái: {status}{extra}"
    ),
    "task.card.group": "Nhóm công việc: {group}",
    "task.card.notes": "Ghi chú: {notes}",
    "task.card.progress": "Tiến độ: {progress}",
    "task.card.reason": "Lý do vướng mắc: {reason}",
    "task.line": "{mark} Số {number}. {title} — hạn {deadline} — {status}",
    "task.line_owner": "{mark} Số {number}. {title} — {owner} — hạn {deadline} — {status}",
    "task.no_group": "Chưa phân nhóm",
    "task.board.title": "<b>Kế hoạch công việc của Ban Tổ chức</b> ({total} công việc)",
    "task.board.group": (
        "• <b>{group}</b>: {total} công việc — {done} đã hoàn thành, {in_progress} đang thực hiện, "
        "{overdue} quá hạn, {blocked} vướng mắc"
    ),
    "task.board.total": (
        "Tổng cộng: {done}/{total} đã hoàn thành, {in_progress} đang thực hiện, {overdue} quá hạn, {blocked} vướng mắc."
    ),
    "task.attention": "\n<b>Cần chỉ đạo</b> (quá hạn hoặc vướng mắc):",
    "task.mine_title": "\n<b>Công việc được giao cho đồng chí</b> ({count}):",
    "task.mine_none": "Hiện chưa có công việc nào được giao cho đồng chí.",
    "task.chart_title": "Tiến độ chuẩn bị Hội nghị theo nhóm công việc",
    "task.chart_empty": "Chưa có công việc nào trong kế hoạch",
    "task.chart_caption": "Biểu đồ tiến độ: {total} công việc.",
    "task.no_members": (
        "Chưa có thành viên Ban Tổ chức trong cấu hình ([[committee.members]]). Đề nghị bổ sung danh sách thành viên "
        "trước khi giao việc."
    ),
    "task.ask_title": "Đồng chí vui lòng nhập nội dung công việc (tối đa {limit} ký tự).",
    "task.ask_owner": "Đồng chí vui lòng chọn người thực hiện:",
    "task.ask_deadline": ("Người thực hiện: {owner}.\nĐồng chí vui lòng nhập thời hạn theo dạng {format}."),
    "task.bad_deadline": ("Thời hạn chưa đúng định dạng hoặc đã qua. Đồng chí vui lòng nhập theo dạng {format}."),
    "task.confirm": (
        "Đề nghị đồng chí kiểm tra trước khi giao việc:\n<b>{title}</b>\nNgười thực hiện: {owner}\nThời hạn: {deadline}"
    ),
    "task.created": "Đã giao công việc số {number} cho đồng chí {owner}. Người thực hiện đã được thông báo.",
    "task.cancelled": "Đã hủy, không có thay đổi nào.",
    "task.not_found": "Không tìm thấy công việc này, hoặc công việc không thuộc phạm vi của đồng chí.",
    "task.unchanged": "Không có thay đổi nào.",
    "task.assigned": "Kính gửi đồng chí {full_name},\nBan Tổ chức giao đồng chí công việc sau. Đề nghị đồng chí bấm “Nhận việc” để xác nhận.",
    "task.notice.deadline": "Kính gửi đồng chí {full_name},\nThời hạn của công việc dưới đây đã được điều chỉnh (thời hạn cũ: {before}).",
    "task.notice.new_owner": "Kính gửi đồng chí {full_name},\nCông việc dưới đây được chuyển cho đồng chí thực hiện. Đề nghị đồng chí bấm “Nhận việc” để xác nhận.",
    "task.notice.updated": "Kính gửi đồng chí {full_name},\nKế hoạch mới của Ban Tổ chức đã điều chỉnh công việc dưới đây.",
    "task.notice.handed_over": "Công việc số {number} “{title}” đã được chuyển cho đồng chí {owner} thực hiện. Trân trọng cảm ơn đồng chí.",
    "task.deadline_changed": "Đã đổi thời hạn công việc số {number} thành {deadline}.",
    "task.owner_changed": "Đã chuyển công việc số {number} cho đồng chí {owner}.",
    "task.ask_new_deadline": ("Đồng chí vui lòng nhập thời hạn mới theo dạng {format}."),
    "task.ask_new_owner": "Đồng chí vui lòng chọn người thực hiện mới:",
    "task.ask_progress": "Đồng chí vui lòng nhập ngắn gọn tiến độ công việc số {number}.",
    "task.ask_blocked": "Đồng chí vui lòng nêu lý do vướng mắc của công việc số {number}; Trưởng Ban sẽ được báo cáo.",
    "task.act.ok": "Đã ghi nhận.",
    "task.act.not_found": "Không tìm thấy công việc này.",
    "task.act.not_owner": "Công việc này không được giao cho đồng chí.",
    "task.act.already_done": "Công việc này đã hoàn thành.",
    "task.act.unchanged": "Đồng chí đã nhận công việc này.",
    "task.saved.accept": "Đã ghi nhận: đồng chí nhận công việc số {number}.",
    "task.saved.done": "Đã ghi nhận: công việc số {number} đã hoàn thành. Trân trọng cảm ơn đồng chí.",
    "task.saved.progress": "Đã ghi nhận tiến độ công việc số {number}.",
    "task.saved.blocked": "Đã ghi nhận vướng mắc của công việc số {number} và báo cáo Trưởng Ban.",
    "task.remind.before": (
        "Kính gửi đồng chí {full_name},\nBan Tổ chức nhắc: công việc số {number} “{title}” cần hoàn thành trước "
        "{deadline} (còn {left})."
    ),
    "task.remind.day": (
        "Kính gửi đồng chí {full_name},\nCông việc số {number} “{title}” đến hạn hôm nay, trước {deadline}. "
        "Đề nghị đồng chí cập nhật tiến độ bằng các nút dưới đây."
    ),
    "task.escalate.overdue": (
        "⚠️ <b>Công việc quá hạn</b>\nCông việc số {number} “{title}” đã quá hạn {late} (thời hạn {deadline}).\n"
        "Người thực hiện: {owner}\nTrạng thái: {status}\nTiến độ gần nhất: {progress}"
    ),
    "task.escalate.blocked": (
        "⛔ <b>Công việc vướng mắc</b>\nCông việc số {number} “{title}” (thời hạn {deadline}).\n"
        "Người thực hiện: {owner}\nLý do: {reason}"
    ),
    "task.digest": (
        "<b>Tổng hợp tiến độ ngày {date}</b>\n\n<b>Đến hạn hôm nay</b>\n{due}\n\n<b>Quá hạn</b>\n{overdue}\n\n"
        "<b>Vướng mắc</b>\n{blocked}"
    ),
    "task.digest.none": "Không có.",
    "task.ask_plan": (
        "Đồng chí vui lòng gửi tệp kế hoạch (.xlsx) với các cột “Nội dung công việc”, “Đơn vị/người thực hiện”, "
        "“Thời hạn” (dd/mm/yyyy HH:MM), và có thể thêm “Nhóm”, “Ghi chú”."
    ),
    "task.plan_not_file": "Đồng chí vui lòng gửi kế hoạch dưới dạng tệp .xlsx (tối đa {limit} KB).",
    "task.plan_refused": "Không nhập được kế hoạch “{name}”: {count} lỗi. Không công việc nào được thêm.",
    "task.plan_row": "• Dòng {row}: {reason}",
    "task.plan_file": "• {reason}",
    "task.plan_more": "… và {count} dòng khác.",
    "task.plan_preview": "Kế hoạch có {count} công việc. Đề nghị đồng chí kiểm tra trước khi nhập:",
    "task.plan_preview_line": "• {title} — {owner} — hạn {deadline}",
    "task.imported": "Đã nhập kế hoạch: {created} công việc mới, {updated} công việc được điều chỉnh, {unchanged} không đổi. Người thực hiện đã được thông báo.",
    "task_error.unsupported_file": "chỉ nhận tệp .xlsx",
    "task_error.unreadable_file": "không đọc được tệp (tệp hỏng hoặc không phải Excel)",
    "task_error.empty_file": "tệp không có dữ liệu",
    "task_error.missing_column": "thiếu cột “{column}”",
    "task_error.too_many_rows": "quá {limit} dòng",
    "task_error.missing_title": "thiếu nội dung công việc",
    "task_error.too_long": "nội dung công việc dài quá {limit} ký tự",
    "task_error.duplicate_title": "trùng nội dung với dòng {first}",
    "task_error.missing_owner": "thiếu đơn vị/người thực hiện",
    "task_error.unknown_owner": "“{value}” không phải thành viên hoặc đơn vị trong danh sách Ban Tổ chức",
    "task_error.bad_deadline": "thời hạn “{value}” không đúng dạng dd/mm/yyyy HH:MM",
    "task_error.no_tasks": "không có công việc nào",
    "task.note.created": "Giao việc",
    "task.note.accept": "Nhận việc",
    "task.note.done": "Hoàn thành",
    "task.note.progress": "Báo cáo tiến độ",
    "task.note.blocked": "Báo vướng mắc",
    "task.note.deadline": "Đổi thời hạn",
    "task.note.owner": "Đổi người thực hiện",
    "task.xlsx.sheet_plan": "Kế hoạch",
    "task.xlsx.sheet_summary": "Tổng hợp",
    "task.xlsx.sheet_history": "Nhật ký",
    "task.xlsx.plan_headers": (
        "Số|Nhóm công việc|Nội dung công việc|Người thực hiện|Đơn vị/người thực hiện|Thời hạn|Trạng thái|"
        "Tiến độ|Lý do vướng mắc|Hoàn thành lúc|Ghi chú"
    ),
    "task.xlsx.summary_headers": "Nhóm công việc|Tổng số|Đã hoàn thành|Đang thực hiện|Quá hạn|Vướng mắc",
    "task.xlsx.history_headers": "Công việc số|Thời điểm|Nội dung|Chi tiết",
    "cli.tasks_imported": "Đã nhập {name}: {created} công việc mới, {updated} điều chỉnh, {unchanged} không đổi.",
    "cli.tasks_refused": "Không nhập được {name}: {count} lỗi, không công việc nào được thêm.",
    "cli.tasks_row": "  dòng {row}: {reason}",
    "cli.tasks_file": "  {reason}",
    "role.admin": "quản trị viên của Ban Tổ chức",
    "role.committee": "thành viên Ban Tổ chức",
    "role.chair": "Trưởng Ban Tổ chức",
    "role.staff": "cán bộ phục vụ hội nghị",
    "role.agency_contact": "đầu mối cơ quan, đơn vị",
    "role.moderator": "cán bộ duyệt câu hỏi gửi Đoàn Chủ tịch",
    "help.roles": "Lệnh dành cho {roles}:",
    "command.myid": "ID Telegram của tôi (để khai báo trong cấu hình)",
    "command.delegate": "Ban Tổ chức: tra cứu, rút hoặc khôi phục đại biểu",
    "myid": "ID Telegram của đồng chí: <code>{user_id}</code>",
    "start.role_greeting": "Kính chào đồng chí {name}! Tại {event_name}, đồng chí được khai báo là {roles}.",
    "start.role_commands": "Các lệnh dành cho đồng chí (cũng có trong nút Menu):",
    "start.agency_contact_note": (
        "Với mỗi đợt nhắc xác nhận tham dự, Ban Tổ chức gửi đồng chí danh sách đại biểu của cơ quan, đơn vị chưa "
        "xác nhận tham dự."
    ),
    "start.role_not_delegate": (
        "Nếu đồng chí cũng là đại biểu dự hội nghị, đề nghị đồng chí mở đường dẫn (link) cá nhân trong giấy mời."
    ),
    "delegate.ask": "Đồng chí vui lòng nhập mã đại biểu hoặc một phần họ tên sau lệnh, ví dụ: /delegate DB001",
    "delegate.none": "Không tìm thấy đại biểu nào khớp với “{query}”.",
    "delegate.many": "Có {count} đại biểu khớp với “{query}”; đồng chí chọn một người:",
    "delegate.view": (
        "<b>{full_name}</b> (mã {code})\n{position}, {department}, {agency}\nĐiện thoại: {phone}\n"
        "Tài khoản Telegram: {linked}\nXác nhận tham dự: {answer}\nTình trạng: {status}"
    ),
    "delegate.linked": "đã kết nối",
    "delegate.not_linked": "chưa kết nối",
    "delegate.status.active": "có trong danh sách",
    "delegate.status.withdrawn": "đã rút khỏi hội nghị (lịch sử được giữ lại)",
    "delegate.button.withdraw": "Rút khỏi hội nghị",
    "delegate.button.restore": "Khôi phục",
    "delegate.button.reissue": "Cấp lại đường dẫn",
    "delegate.withdrawn": (
        "Đã rút đại biểu {full_name} ({code}) khỏi hội nghị: đường dẫn hết hiệu lực, không còn trong danh sách "
        "nhận thông báo và số liệu; lịch sử được giữ lại. Bấm “Khôi phục” nếu cần hoàn tác."
    ),
    "delegate.restored": "Đã khôi phục đại biểu {full_name} ({code}).",
    "delegate.unchanged": "Không có thay đổi: tình trạng của đại biểu đã như vậy.",
    "delegate.reissued": (
        "Đã thu hồi đường dẫn cũ và cấp đường dẫn mới cho đồng chí {full_name} ({code}). Đề nghị gửi đường dẫn này "
        "tới đúng người:\n{link}"
    ),
    # Personal data purge (data purge)
    "cli.help.data": "dữ liệu cá nhân sau hội nghị",
    "cli.help.data_purge": "xóa dữ liệu cá nhân của một hội nghị (số điện thoại, mã Telegram, đường dẫn, mã điểm danh, lý do, tệp đính kèm); giữ số liệu tổng hợp",
    "cli.help.purge_event": "mã hội nghị ([event] code)",
    "cli.help.purge_confirm": "nhập lại mã hội nghị để xác nhận mà không cần hỏi (dùng trong tập lệnh)",
    "cli.purge_running": "Bot đang chạy với cơ sở dữ liệu {path}: đề nghị dừng bot trước khi xóa dữ liệu. Chưa thay đổi gì.",
    "cli.purge_unknown_event": "Không có hội nghị mã {code} trong cơ sở dữ liệu. Chưa thay đổi gì.",
    "cli.purge_needs_confirm": "Không có ai để xác nhận: chạy lại với --confirm {code}. Chưa thay đổi gì.",
    "cli.purge_warning": "Sắp xóa dữ liệu cá nhân của hội nghị {code} ({name}). Việc này không hoàn tác được; đề nghị sao lưu trước (delegate-bot db backup).",
    "cli.purge_prompt": "Nhập lại mã hội nghị để xác nhận: ",
    "cli.purge_not_confirmed": "Mã nhập lại không khớp. Chưa thay đổi gì.",
    "cli.purge_done": "Đã xóa dữ liệu cá nhân của hội nghị {code} ({rows} dòng dữ liệu được xóa hoặc làm sạch).",
    "cli.purge_kept": "Số liệu tổng hợp và nội dung ý kiến, kiến nghị, câu hỏi được giữ lại. Các bản sao lưu cũ vẫn còn dữ liệu cá nhân: đề nghị xóa nếu không còn cần.",
    "cli.purge_texts_removed": "Số liệu tổng hợp được giữ lại; nội dung ý kiến, kiến nghị, câu hỏi đã xóa. Các bản sao lưu cũ vẫn còn dữ liệu cá nhân: đề nghị xóa nếu không còn cần.",
    "cli.help.tasks": "kế hoạch công việc của Ban Tổ chức",
    "cli.help.tasks_import": "nhập kế hoạch công việc từ tệp XLSX (có lỗi ở bất kỳ dòng nào thì không nhập gì)",
    "cli.help.tasks_file": "tệp kế hoạch .xlsx (cột Nội dung công việc, Đơn vị/người thực hiện, Thời hạn, Ghi chú)",
    # The report's annex of questions to the presidium
    "report.annex_questions": "PHỤ LỤC: CÂU HỎI, Ý KIẾN GỬI ĐOÀN CHỦ TỊCH HỘI NGHỊ",
    "report.annex_intro": "Có {count} câu hỏi, ý kiến của đại biểu được chọn hoặc đã trả lời tại hội trường, xếp theo số lượt ủng hộ:",
    "report.col_question": "Nội dung",
    "report.col_asker": "Đại biểu, cơ quan",
    "report.col_support": "Ủng hộ",
    "report.support_cell": "{support} lượt ủng hộ; {merged} câu hỏi cùng nội dung",
    "report.question_status.approved": "đã chọn, chờ trả lời tại hội trường",
    "report.question_status.answered": "đã trả lời tại hội trường",
    # --- issue 18: the meeting in the phone's calendar (phone) ---
    "calendar.button": "📅 Thêm vào lịch điện thoại",
    "calendar.caption": "Lịch hội nghị {event_name}, khai mạc vào lúc {starts_at}, tại {venue}. Đồng chí vui lòng mở tệp đính kèm để thêm vào lịch trên điện thoại (lịch nhắc trước một ngày).",
    "calendar.changed": "Kính gửi đồng chí {full_name},\nBan Tổ chức thông báo thay đổi về hội nghị {event_name}:\n{changes}\nĐồng chí vui lòng mở tệp lịch đính kèm để cập nhật lịch trên điện thoại. Trân trọng cảm ơn đồng chí.",
    "calendar.changed_time": "- Thời gian khai mạc mới: {new} (trước đây: {old}).",
    "calendar.changed_venue": "- Địa điểm mới: {new} (trước đây: {old}).",
    "calendar.changed_time_only": "- Thời gian khai mạc mới: {new}.",
    "calendar.changed_venue_only": "- Địa điểm mới: {new}.",
    "calendar.cancel_caption": "Ban Tổ chức đã ghi nhận đồng chí không tham dự; đồng chí vui lòng mở tệp đính kèm để xóa hội nghị khỏi lịch trên điện thoại.",
    "calendar.description": "Ban Tổ chức kính mời đồng chí tham dự {event_name}.",
    "calendar.contact": "Người liên hệ: đồng chí {name}, điện thoại {phone}",
    "calendar.alarm": "Ngày mai: {event_name}",
    # --- issue 18: practical questions — FAQ and "Hỏi Ban Tổ chức" (phone) ---
    "command.ask": "Hỏi Ban Tổ chức về công tác tổ chức (gửi xe, tài liệu, ăn nghỉ…)",
    "command.inquiries": "Câu hỏi của đại biểu gửi Ban Tổ chức",
    "faq.heading": "Câu hỏi thường gặp: đồng chí vui lòng bấm vào câu hỏi để xem giải đáp, hoặc bấm “Hỏi Ban Tổ chức”.",
    "faq.answer": "<b>{question}</b>\n{answer}",
    "ask.button": "✍️ Hỏi Ban Tổ chức",
    "ask.prompt": "Đồng chí vui lòng nhập câu hỏi gửi Ban Tổ chức về công tác tổ chức hội nghị (tối đa {limit} ký tự). Ý kiến, kiến nghị về nội dung hội nghị xin gửi bằng lệnh /proposal.",
    "ask.sent": "Ban Tổ chức đã nhận câu hỏi của đồng chí và sẽ giải đáp trong thời gian sớm nhất. Trân trọng cảm ơn đồng chí.",
    "ask.too_soon": "Đồng chí vừa gửi một câu hỏi. Đề nghị đồng chí gửi câu hỏi tiếp theo sau {seconds} giây.",
    "ask.new": "✍️ Câu hỏi số {number} của đồng chí {name} ({agency}):\n{question}",
    "ask.answer_button": "Giải đáp câu hỏi số {number}",
    "ask.answer_prompt": "Đồng chí vui lòng nhập nội dung giải đáp câu hỏi số {number} của đồng chí {name} (tối đa {limit} ký tự):\n{question}",
    "ask.delivered": "Kính gửi đồng chí {name},\nBan Tổ chức giải đáp câu hỏi của đồng chí:\n“{question}”\n\n{answer}\n\nTrân trọng cảm ơn đồng chí.",
    "ask.answered": "Đã gửi giải đáp câu hỏi số {number} tới đồng chí {name}.",
    "ask.already": "Câu hỏi số {number} đã được đồng chí {by} giải đáp vào lúc {at}.",
    "ask.not_found": "Không tìm thấy câu hỏi này.",
    "ask.faq_button": "Đưa vào câu hỏi thường gặp",
    "ask.faq_added": "Câu hỏi số {number} đã được đưa vào danh sách câu hỏi thường gặp (hiển thị trong /help).",
    "ask.faq_already": "Câu hỏi số {number} đã có trong danh sách câu hỏi thường gặp.",
    "faq.vietnamese_only": "(Giải đáp này hiện chỉ có bằng tiếng Việt.)",
    "faq.english_button": "🇬🇧 Bản tiếng Anh số {number}",
    "faq.list": (
        "📚 <b>Câu hỏi thường gặp do Ban Tổ chức bổ sung</b> ({count})\n"
        "Bấm nút để thêm bản tiếng Anh hoặc gỡ câu hỏi khỏi /help.{lines}"
    ),
    "faq.list_line": "\n\n<b>Số {number}.</b> {question}\n🇬🇧 {english}",
    "faq.list_vi_only": "<i>chưa có bản tiếng Anh</i>",
    "faq.list_empty": "Chưa có câu hỏi thường gặp nào được bổ sung từ câu hỏi của đại biểu.",
    "faq.not_found": "Không tìm thấy câu hỏi thường gặp này (có thể đã được gỡ).",
    "faq.english_prompt": (
        "Đồng chí nhập bản tiếng Anh của câu hỏi thường gặp số {number}: dòng đầu là câu hỏi, các dòng sau là "
        "câu trả lời.\n\n<b>{question}</b>\n{answer}"
    ),
    "faq.english_bad": "Đề nghị đồng chí nhập cả hai phần: dòng đầu là câu hỏi, các dòng sau là câu trả lời.",
    "faq.english_saved": (
        "✅ Đã lưu bản tiếng Anh của câu hỏi thường gặp số {number}. Đại biểu đọc tiếng Anh sẽ thấy:\n\n"
        "<b>{question}</b>\n{answer}"
    ),
    "faq.remove_button": "🗑 Gỡ số {number}",
    "faq.remove_confirm": "Gỡ câu hỏi thường gặp số {number} khỏi /help?\n“{question}”",
    "faq.remove_yes": "🗑 Gỡ khỏi /help",
    "faq.remove_no": "Giữ lại",
    "faq.removed": "✅ Đã gỡ câu hỏi thường gặp số {number}; đại biểu không còn thấy câu hỏi này trong /help.",
    "faq.kept": "Đã giữ nguyên câu hỏi thường gặp số {number}.",
    "command.faq": "Ban Tổ chức: câu hỏi thường gặp (bản tiếng Anh, gỡ bỏ, ẩn)",
    "ask.queue": "<b>Câu hỏi của đại biểu gửi Ban Tổ chức</b> ({open} câu hỏi chưa giải đáp)\n\n{lines}",
    "ask.queue_open": "Câu hỏi số {number} — {name} ({agency}), vào lúc {at}:\n{question}",
    "ask.queue_answered": "Câu hỏi số {number} — {name} ({agency}):\n{question}\n→ Đã giải đáp: đồng chí {by}, vào lúc {at}.",
    "ask.queue_empty": "Chưa có câu hỏi nào.",
    # --- issue 18 leftovers: the calendar change notice's results and its resend to 'unknown' (phone3) ---
    "command.calendar": "Ban Tổ chức: kết quả gửi thông báo thay đổi lịch hội nghị, gửi lại",
    "calendar.admin_unchanged": (
        "📅 <b>Lịch hội nghị trên điện thoại của đại biểu</b>\nThời gian, địa điểm hội nghị chưa thay đổi kể từ khi "
        "gửi tệp lịch; chưa có thông báo thay đổi nào.\nKhai mạc vào lúc {starts_at}, tại {venue}."
    ),
    "calendar.admin_summary": (
        "📅 <b>Thông báo thay đổi lịch hội nghị (lần thứ {sequence})</b>\nHiện nay: khai mạc vào lúc {starts_at}, "
        "tại {venue}.\n{progress}\n✅ Đã gửi tới: {sent}\n🚫 Không gửi được (đã chặn bot): {unreachable}\n"
        "⚠️ Lỗi gửi: {failed}\n❔ Chưa rõ (có thể đã nhận): {unknown}{resends}"
    ),
    "calendar.admin_sending": "⏳ Đang gửi tới các đại biểu tham dự (đang gửi: {sending}).",
    "calendar.admin_done": "Đã gửi tới tất cả đại biểu tham dự có kết nối Telegram.",
    "calendar.admin_resends": "\n🔁 Đã gửi lại: {resent}; đang chờ gửi lại: {asked}",
    "calendar.button.resend_unknown": "🔁 Gửi lại cho {count} đại biểu chưa rõ",
    "calendar.resend_confirm": (
        "Gửi lại thông báo thay đổi lần thứ {sequence} (kèm tệp lịch mới) cho {count} đại biểu chưa rõ đã nhận hay "
        "chưa?\nĐại biểu đã nhận thông báo sẽ không được gửi lại; mỗi đại biểu chỉ được gửi lại tối đa một lần."
    ),
    "calendar.resend_yes": "🔁 Gửi lại",
    "calendar.resend_no": "Không gửi lại",
    "calendar.resend_queued": (
        "✅ Đang gửi lại thông báo thay đổi lần thứ {sequence} cho {count} đại biểu. Đồng chí dùng lệnh /calendar để "
        "xem kết quả."
    ),
    "calendar.resend_nothing": "Không có đại biểu tham dự nào ở tình trạng chưa rõ.",
    "calendar.resend_already": (
        "Thông báo này đã được gửi lại cho các đại biểu chưa rõ kết quả; mỗi đại biểu chỉ được gửi lại tối đa một lần."
    ),
    "calendar.resend_stale": (
        "Lịch hội nghị đã thay đổi thêm (lần thứ {sequence}); thông báo mới thay cho thông báo này. Đồng chí dùng "
        "lệnh /calendar để xem."
    ),
    "calendar.resend_cancelled": "Đã hủy, không gửi lại thông báo.",
    # --- issue 18 leftovers: the config file's [[faq]] entries hidden from /help by an admin (phone3) ---
    "faq.config_list": (
        "📌 <b>Câu hỏi thường gặp trong tệp cấu hình</b> ({count} câu hỏi; câu hỏi đang ẩn không hiển thị trong "
        "/help, tệp cấu hình giữ nguyên){lines}"
    ),
    "faq.config_line": "\n\n<b>C{number}.</b> {question}{state}",
    "faq.config_hidden_mark": " — <i>đang ẩn</i>",
    "faq.config_hide_button": "Ẩn C{number}",
    "faq.config_show_button": "👁 Hiện lại C{number}",
    "faq.config_hide_confirm": (
        "Ẩn câu hỏi thường gặp C{number} khỏi /help?\n“{question}”\nCâu hỏi vẫn còn trong tệp cấu hình; đồng chí có "
        "thể hiện lại bằng lệnh /faq."
    ),
    "faq.config_hide_yes": "Ẩn khỏi /help",
    "faq.config_hide_no": "Giữ lại",
    "faq.config_hidden": "✅ Đã ẩn câu hỏi thường gặp C{number}; đại biểu không còn thấy câu hỏi này trong /help.",
    "faq.config_already_hidden": "Câu hỏi thường gặp C{number} đã được ẩn trước đó.",
    "faq.config_kept": "Đã giữ nguyên câu hỏi thường gặp C{number}.",
    "faq.config_shown": "✅ Đã hiện lại câu hỏi thường gặp C{number} trong /help.",
    "faq.config_already_shown": "Câu hỏi thường gặp C{number} đang hiển thị trong /help.",
    "faq.config_not_found": "Không tìm thấy câu hỏi này trong tệp cấu hình (có thể tệp đã được sửa).",
}
