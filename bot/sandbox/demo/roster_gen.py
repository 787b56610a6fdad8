"""Realistic, deterministic delegate rosters (Nghệ An provincial agencies) for the demo and benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

from bot.services.roster_file import TEMPLATE_HEADERS, ascii_fold
from bot.services.tabular import write_table

__all__ = ["generate_roster", "write_roster_file", "ROSTER_HEADERS", "AGENCIES"]

# STT, Mã, Họ và tên, Chức vụ, Phòng, Cơ quan, Số điện thoại, Email
ROSTER_HEADERS: tuple[str, ...] = ("STT", *TEMPLATE_HEADERS.values())
GOV_EMAIL_DOMAIN = "nghean.gov.vn"
SHARE_MALE = 0.64

_SO_COMMON = ("Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ")
_PARTY_BLOC = ("Văn phòng Đảng ủy", "Ban Tổ chức", "Ban Tuyên giáo", "Ủy ban Kiểm tra", "Ban Dân vận")

# (agency, relative size, its department-level units); sizes give a realistic, uneven distribution.
AGENCIES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    (
        "Văn phòng Tỉnh ủy",
        20,
        (
            "Phòng Tổng hợp",
            "Phòng Hành chính - Lưu trữ",
            "Phòng Quản trị - Tài vụ",
            "Phòng Cơ yếu - Công nghệ thông tin",
            "Phòng Tài chính Đảng",
            "Nhà khách Tỉnh ủy",
        ),
    ),
    (
        "Ban Tổ chức Tỉnh ủy",
        15,
        (
            "Văn phòng Ban",
            "Phòng Tổ chức đảng, đảng viên",
            "Phòng Tổ chức cán bộ",
            "Phòng Bảo vệ chính trị nội bộ",
            "Phòng Địa bàn",
        ),
    ),
    (
        "Ban Tuyên giáo Tỉnh ủy",
        12,
        (
            "Văn phòng Ban",
            "Phòng Tuyên truyền",
            "Phòng Khoa giáo",
            "Phòng Lý luận chính trị và Lịch sử Đảng",
            "Phòng Báo chí - Xuất bản",
        ),
    ),
    (
        "Ủy ban Kiểm tra Tỉnh ủy",
        14,
        (
            "Văn phòng Ủy ban",
            "Phòng Kiểm tra 1",
            "Phòng Kiểm tra 2",
            "Phòng Kiểm tra 3",
            "Phòng Kiểm tra 4",
            "Phòng Kiểm tra 5",
        ),
    ),
    (
        "Ban Dân vận Tỉnh ủy",
        8,
        (
            "Văn phòng Ban",
            "Phòng Dân vận chính quyền",
            "Phòng Đoàn thể - Dân tộc - Tôn giáo",
        ),
    ),
    (
        "Ban Nội chính Tỉnh ủy",
        8,
        (
            "Văn phòng Ban",
            "Phòng Theo dõi nội chính",
            "Phòng Theo dõi phòng, chống tham nhũng",
            "Phòng Theo dõi cải cách tư pháp",
        ),
    ),
    ("Đảng ủy Khối Các cơ quan tỉnh", 9, _PARTY_BLOC),
    ("Đảng ủy Khối Doanh nghiệp tỉnh", 6, _PARTY_BLOC),
    (
        "Văn phòng UBND tỉnh",
        25,
        (
            "Phòng Tổng hợp",
            "Phòng Kinh tế",
            "Phòng Nông nghiệp",
            "Phòng Công nghiệp - Xây dựng",
            "Phòng Văn hóa - Xã hội",
            "Phòng Nội chính",
            "Phòng Hành chính - Tổ chức",
            "Phòng Quản trị - Tài vụ",
            "Ban Tiếp công dân tỉnh",
            "Trung tâm Công báo - Tin học",
        ),
    ),
    (
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        10,
        (
            "Phòng Công tác Quốc hội",
            "Phòng Công tác HĐND",
            "Phòng Hành chính - Tổ chức - Quản trị",
        ),
    ),
    (
        "Thanh tra tỉnh",
        15,
        (
            "Văn phòng",
            "Phòng Nghiệp vụ 1",
            "Phòng Nghiệp vụ 2",
            "Phòng Nghiệp vụ 3",
            "Phòng Phòng, chống tham nhũng",
            "Phòng Tiếp công dân và Xử lý đơn thư",
            "Phòng Giám sát, kiểm tra và xử lý sau thanh tra",
        ),
    ),
    (
        "Sở Kế hoạch và Đầu tư",
        30,
        _SO_COMMON
        + (
            "Phòng Tổng hợp, Quy hoạch",
            "Phòng Đăng ký kinh doanh",
            "Phòng Kinh tế ngành",
            "Phòng Văn hóa - Xã hội",
            "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư",
            "Trung tâm Xúc tiến và Tư vấn đầu tư",
        ),
    ),
    (
        "Sở Tài chính",
        30,
        _SO_COMMON
        + (
            "Phòng Quản lý ngân sách",
            "Phòng Tài chính hành chính sự nghiệp",
            "Phòng Tài chính doanh nghiệp",
            "Phòng Quản lý giá và Công sản",
            "Phòng Tài chính đầu tư",
            "Phòng Tin học và Thống kê",
        ),
    ),
    (
        "Sở Nội vụ",
        35,
        _SO_COMMON
        + (
            "Phòng Công chức, viên chức",
            "Phòng Cải cách hành chính",
            "Phòng Xây dựng chính quyền và Công tác thanh niên",
            "Ban Thi đua - Khen thưởng",
            "Ban Tôn giáo",
            "Chi cục Văn thư - Lưu trữ",
        ),
    ),
    (
        "Sở Tư pháp",
        20,
        _SO_COMMON
        + (
            "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật",
            "Phòng Phổ biến, giáo dục pháp luật",
            "Phòng Hành chính tư pháp",
            "Phòng Bổ trợ tư pháp",
            "Trung tâm Trợ giúp pháp lý nhà nước",
        ),
    ),
    (
        "Sở Công Thương",
        30,
        _SO_COMMON
        + (
            "Phòng Quản lý công nghiệp",
            "Phòng Quản lý thương mại",
            "Phòng Quản lý năng lượng",
            "Phòng Kỹ thuật an toàn - Môi trường",
            "Trung tâm Khuyến công và Xúc tiến thương mại",
        ),
    ),
    (
        "Sở Xây dựng",
        25,
        _SO_COMMON
        + (
            "Phòng Quản lý xây dựng",
            "Phòng Quy hoạch - Kiến trúc",
            "Phòng Quản lý nhà và Thị trường bất động sản",
            "Phòng Hạ tầng kỹ thuật",
            "Trung tâm Kiểm định chất lượng xây dựng",
        ),
    ),
    (
        "Sở Giao thông vận tải",
        30,
        _SO_COMMON
        + (
            "Phòng Quản lý vận tải, phương tiện và người lái",
            "Phòng Quản lý kết cấu hạ tầng giao thông",
            "Phòng Quản lý chất lượng công trình giao thông",
            "Trung tâm Đăng kiểm phương tiện giao thông",
        ),
    ),
    (
        "Sở Y tế",
        60,
        _SO_COMMON
        + (
            "Phòng Nghiệp vụ Y",
            "Phòng Nghiệp vụ Dược",
            "Phòng Quản lý hành nghề y dược tư nhân",
            "Chi cục Dân số - Kế hoạch hóa gia đình",
            "Chi cục An toàn vệ sinh thực phẩm",
            "Trung tâm Kiểm soát bệnh tật",
            "Trung tâm Giám định y khoa",
            "Trung tâm Pháp y",
        ),
    ),
    (
        "Sở Giáo dục và Đào tạo",
        35,
        _SO_COMMON
        + (
            "Phòng Giáo dục Mầm non",
            "Phòng Giáo dục Tiểu học",
            "Phòng Giáo dục Trung học",
            "Phòng Chính trị, tư tưởng",
            "Phòng Giáo dục thường xuyên - Chuyên nghiệp",
            "Phòng Khảo thí và Kiểm định chất lượng giáo dục",
        ),
    ),
    (
        "Sở Nông nghiệp và Phát triển nông thôn",
        70,
        _SO_COMMON
        + (
            "Phòng Quản lý xây dựng công trình",
            "Chi cục Trồng trọt và Bảo vệ thực vật",
            "Chi cục Chăn nuôi và Thú y",
            "Chi cục Kiểm lâm",
            "Chi cục Thủy lợi",
            "Chi cục Thủy sản",
            "Chi cục Phát triển nông thôn",
            "Chi cục Quản lý chất lượng Nông lâm sản và Thủy sản",
            "Trung tâm Khuyến nông",
            "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn",
        ),
    ),
    (
        "Sở Tài nguyên và Môi trường",
        40,
        _SO_COMMON
        + (
            "Phòng Quản lý đất đai",
            "Phòng Tài nguyên nước - Khoáng sản",
            "Phòng Đo đạc, Bản đồ và Viễn thám",
            "Chi cục Bảo vệ môi trường",
            "Chi cục Biển và Hải đảo",
            "Văn phòng Đăng ký đất đai",
            "Trung tâm Công nghệ thông tin",
        ),
    ),
    (
        "Sở Lao động - Thương binh và Xã hội",
        30,
        _SO_COMMON
        + (
            "Phòng Lao động - Việc làm",
            "Phòng Người có công",
            "Phòng Bảo trợ xã hội",
            "Phòng Giáo dục nghề nghiệp",
            "Phòng Trẻ em và Bình đẳng giới",
            "Chi cục Phòng, chống tệ nạn xã hội",
            "Trung tâm Dịch vụ việc làm",
        ),
    ),
    (
        "Sở Văn hóa và Thể thao",
        30,
        _SO_COMMON
        + (
            "Phòng Quản lý văn hóa",
            "Phòng Quản lý thể dục thể thao",
            "Phòng Quản lý di sản văn hóa",
            "Bảo tàng Nghệ An",
            "Thư viện tỉnh",
            "Trung tâm Huấn luyện và Thi đấu thể dục thể thao",
        ),
    ),
    (
        "Sở Du lịch",
        12,
        _SO_COMMON
        + (
            "Phòng Quản lý lữ hành",
            "Phòng Quản lý cơ sở lưu trú",
            "Trung tâm Xúc tiến du lịch",
        ),
    ),
    (
        "Sở Khoa học và Công nghệ",
        20,
        _SO_COMMON
        + (
            "Phòng Quản lý khoa học",
            "Phòng Quản lý chuyên ngành",
            "Phòng Quản lý công nghệ và Thị trường công nghệ",
            "Chi cục Tiêu chuẩn Đo lường Chất lượng",
            "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",
        ),
    ),
    (
        "Sở Thông tin và Truyền thông",
        15,
        _SO_COMMON
        + (
            "Phòng Bưu chính, Viễn thông",
            "Phòng Công nghệ thông tin",
            "Phòng Thông tin - Báo chí - Xuất bản",
            "Trung tâm Công nghệ thông tin và Truyền thông",
        ),
    ),
    (
        "Sở Ngoại vụ",
        8,
        _SO_COMMON
        + (
            "Phòng Hợp tác quốc tế",
            "Phòng Lãnh sự và Người Việt Nam ở nước ngoài",
        ),
    ),
    (
        "Ban Dân tộc",
        10,
        (
            "Văn phòng Ban",
            "Thanh tra Ban",
            "Phòng Chính sách dân tộc",
            "Phòng Kế hoạch - Tổng hợp",
        ),
    ),
    (
        "Ban Quản lý Khu kinh tế Đông Nam",
        20,
        (
            "Văn phòng Ban",
            "Phòng Quản lý đầu tư",
            "Phòng Quản lý doanh nghiệp",
            "Phòng Quản lý quy hoạch và xây dựng",
            "Phòng Quản lý tài nguyên và môi trường",
            "Trung tâm Dịch vụ tổng hợp Khu kinh tế",
        ),
    ),
    (
        "Báo Nghệ An",
        10,
        (
            "Ban Thư ký tòa soạn",
            "Ban Thời sự",
            "Ban Kinh tế",
            "Ban Văn hóa - Xã hội",
            "Ban Điện tử",
            "Phòng Hành chính - Trị sự",
        ),
    ),
    (
        "Đài Phát thanh và Truyền hình tỉnh",
        12,
        (
            "Phòng Thời sự",
            "Phòng Chuyên đề",
            "Phòng Văn nghệ",
            "Phòng Kỹ thuật - Công nghệ",
            "Phòng Tổ chức - Hành chính",
        ),
    ),
    (
        "Ủy ban MTTQ Việt Nam tỉnh",
        8,
        (
            "Văn phòng",
            "Ban Tổ chức - Tuyên giáo",
            "Ban Dân chủ - Pháp luật",
            "Ban Phong trào",
        ),
    ),
)

# (head, deputy) titles by the start of the unit's name; the first matching rule wins.
_TITLE_RULES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("Văn phòng Đăng ký", ("Giám đốc", "Phó Giám đốc")),
    ("Văn phòng", ("Chánh Văn phòng", "Phó Chánh Văn phòng")),
    ("Thanh tra", ("Chánh Thanh tra", "Phó Chánh Thanh tra")),
    ("Trung tâm", ("Giám đốc Trung tâm", "Phó Giám đốc Trung tâm")),
    ("Chi cục", ("Chi cục trưởng", "Phó Chi cục trưởng")),
    ("Ủy ban Kiểm tra", ("Chủ nhiệm Ủy ban Kiểm tra", "Phó Chủ nhiệm Ủy ban Kiểm tra")),
    ("Ban", ("Trưởng ban", "Phó Trưởng ban")),
    ("Phòng", ("Trưởng phòng", "Phó Trưởng phòng")),
)
_DEFAULT_TITLES = ("Giám đốc", "Phó Giám đốc")

_FAMILY_NAMES = (
    ("Nguyễn", 34),
    ("Trần", 10),
    ("Lê", 9),
    ("Phạm", 6),
    ("Hoàng", 5),
    ("Hồ", 5),
    ("Phan", 5),
    ("Võ", 4),
    ("Vũ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Thái", 2),
    ("Chu", 1),
    ("Cao", 1),
    ("Đinh", 1),
    ("Trịnh", 1),
    ("Lương", 1),
    ("Đậu", 1),
    ("Tăng", 1),
    ("Hà", 1),
    ("Mai", 1),
)
_MALE_MIDDLE = (
    ("Văn", 30),
    ("Đức", 8),
    ("Hữu", 6),
    ("Minh", 6),
    ("Quang", 5),
    ("Xuân", 5),
    ("Đình", 5),
    ("Công", 5),
    ("Thanh", 4),
    ("Trọng", 4),
    ("Bá", 3),
    ("Ngọc", 3),
    ("Anh", 2),
    ("Mạnh", 2),
    ("Tiến", 2),
    ("Văn Minh", 1),
    ("Hồng", 2),
    ("Sỹ", 2),
)
_MALE_GIVEN = (
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hùng",
    "Hưng",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Thành",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hoàng",
    "Kiên",
    "Lâm",
    "Lợi",
    "Tâm",
    "Toàn",
    "Hiếu",
    "Hiệp",
    "Đạt",
    "Hòa",
    "Phúc",
    "Quyết",
    "Tú",
    "Thịnh",
    "Tùng",
)
_FEMALE_MIDDLE = (
    ("Thị", 35),
    ("Thị Thu", 5),
    ("Thị Thanh", 5),
    ("Thị Hồng", 4),
    ("Thu", 6),
    ("Thanh", 5),
    ("Ngọc", 4),
    ("Hồng", 4),
    ("Minh", 3),
    ("Phương", 2),
    ("Kim", 2),
    ("Thùy", 2),
    ("Diệu", 1),
    ("Mai", 1),
    ("Bích", 1),
    ("Hoài", 2),
)
_FEMALE_GIVEN = (
    "Anh",
    "Hà",
    "Hằng",
    "Hạnh",
    "Hiền",
    "Hoa",
    "Hương",
    "Huyền",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trang",
    "Vân",
    "Yến",
    "Dung",
    "Giang",
    "Hồng",
    "Lý",
    "Thu",
    "Chung",
    "Hậu",
)
# Two digits after the trunk 0 of current Vietnamese mobile prefixes, repeated by rough market share.
_MOBILE_PREFIXES = (
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "38",
    "39",
    "86",
    "96",
    "97",
    "98",
    "86",
    "97",
    "98",
    "81",
    "82",
    "83",
    "84",
    "85",
    "88",
    "91",
    "94",
    "91",
    "94",
    "70",
    "76",
    "77",
    "78",
    "79",
    "89",
    "90",
    "93",
    "56",
    "58",
    "59",
)


SEATS_PER_ROW = 30


def generate_roster(n: int = 800, *, seed: int = 0) -> list[dict[str, str]]:
    """Return n delegates (code, full_name, position, department, agency, phone, email, seat), same for a seed.

    Agencies are drawn by size (every agency appears when n >= len(AGENCIES)); the first delegate drawn
    for a unit is its head, the others its deputies; rows are ordered by agency and unit, as real lists are.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    rng = random.Random(seed)
    agency_indexes = list(range(len(AGENCIES))) if n >= len(AGENCIES) else []
    weights = [size for _, size, _ in AGENCIES]
    agency_indexes += rng.choices(range(len(AGENCIES)), weights=weights, k=n - len(agency_indexes))
    units = sorted((agency_index, rng.randrange(len(AGENCIES[agency_index][2]))) for agency_index in agency_indexes)
    slots = [
        (agency_index, unit_index, index > 0 and units[index - 1] == (agency_index, unit_index))
        for index, (agency_index, unit_index) in enumerate(units)
    ]
    width = max(4, len(str(n)))
    phones: set[str] = set()
    emails: set[str] = set()
    roster: list[dict[str, str]] = []
    for number, (agency_index, unit_index, deputy) in enumerate(slots, start=1):
        agency, _, units = AGENCIES[agency_index]
        department = units[unit_index]
        full_name = _full_name(rng)
        roster.append(
            {
                "code": f"DB{number:0{width}d}",
                "full_name": full_name,
                "position": _titles(department)[1 if deputy else 0],
                "department": department,
                "agency": agency,
                "phone": _unique_phone(rng, phones),
                "email": _unique_email(rng, full_name, emails),
                "seat": f"Hàng {(number - 1) // SEATS_PER_ROW + 1}, ghế {(number - 1) % SEATS_PER_ROW + 1}",
            }
        )
    return roster


def write_roster_file(path: Path, n: int = 800, *, seed: int = 0) -> Path:
    """Write a generated roster with Vietnamese headers as .csv or .xlsx (by suffix); return the path."""
    path = Path(path)
    rows = [
        (
            number,
            d["code"],
            d["full_name"],
            d["position"],
            d["department"],
            d["agency"],
            d["phone"],
            d["email"],
            d["seat"],
        )
        for number, d in enumerate(generate_roster(n, seed=seed), start=1)
    ]
    write_table(path, ROSTER_HEADERS, rows, sheet_title="Danh sách đại biểu")
    return path


def _titles(department: str) -> tuple[str, str]:
    """The head and deputy titles of a department-level unit."""
    return next((titles for prefix, titles in _TITLE_RULES if department.startswith(prefix)), _DEFAULT_TITLES)


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    """Pick one option by weight."""
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _full_name(rng: random.Random) -> str:
    """A plausible Vietnamese full name: family, middle and given name."""
    family = _weighted(rng, _FAMILY_NAMES)
    if rng.random() < SHARE_MALE:
        return f"{family} {_weighted(rng, _MALE_MIDDLE)} {rng.choice(_MALE_GIVEN)}"
    return f"{family} {_weighted(rng, _FEMALE_MIDDLE)} {rng.choice(_FEMALE_GIVEN)}"


def _unique_phone(rng: random.Random, used: set[str]) -> str:
    """A new Vietnamese mobile number, written in one of the ways people write them."""
    while True:
        nsn = rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
        if nsn not in used:
            used.add(nsn)
            break
    national = "0" + nsn
    style = rng.choices(range(8), weights=(30, 15, 25, 8, 6, 4, 4, 8))[0]
    return (
        f"{national[:4]} {national[4:7]} {national[7:]}",
        f"{national[:4]}.{national[4:7]}.{national[7:]}",
        national,
        f"+84 {nsn[:3]} {nsn[3:6]} {nsn[6:]}",
        f"+84{nsn}",
        f"84{nsn}",
        f"(+84) {nsn[:3]}-{nsn[3:6]}-{nsn[6:]}",
        f"{national[:3]} {national[3:6]} {national[6:]}",
    )[style]


def _unique_email(rng: random.Random, full_name: str, used: set[str]) -> str:
    """An address made from the name, like "anhnv@nghean.gov.vn" or "nguyenvananh84@gmail.com"."""
    parts = ascii_fold(full_name).lower().split()
    if rng.random() < 0.8:
        local, domain = parts[-1] + "".join(p[0] for p in parts[:-1]), GOV_EMAIL_DOMAIN
    else:
        local, domain = "".join(parts) + str(rng.randrange(60, 100)), "gmail.com"
    candidate, counter = f"{local}@{domain}", 1
    while candidate in used:
        counter += 1
        candidate = f"{local}{counter}@{domain}"
    used.add(candidate)
    return candidate
