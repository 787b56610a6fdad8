"""A minimal config file and roster files for the command-line tests."""

CONFIG = """
[telegram]
organizers = [1]

[database]
path = "bot.sqlite3"

[event]
name = "Hội nghị gặp mặt"
venue = "Nghệ An"
starts_at = "2026-12-28 08:00"
rsvp_deadline = "2026-12-20 17:00"
proposals_deadline = "2026-12-15 17:00"
"""

GOOD = "Mã,Họ và tên,Chức vụ,Phòng,Cơ quan,Số điện thoại\nDB1,Nguyễn Văn An,Trưởng phòng,Phòng TCCB,Sở Nội vụ,0912 345 678\nDB2,Trần Thị Bình,Phó Trưởng phòng,Phòng KH,Sở Tài chính,+84 987.654.321\n"
BAD = "Mã,Họ và tên,Số điện thoại\nDB3,,0912 000 111\nDB4,Lê Văn C,12ab\nDB3,Lê Văn D,0912 000 222\n"
