"""The generated demo roster: realistic, deterministic, and readable by the roster parser."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.phones import normalize_phone
from bot.sandbox.demo.roster_gen import AGENCIES, ROSTER_HEADERS, generate_roster, write_roster_file
from bot.services.roster_file import parse_roster

KEYS = {"code", "full_name", "position", "department", "agency", "phone", "email", "seat"}
FAMILY_NAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}


@pytest.fixture(scope="module")
def roster() -> list[dict[str, str]]:
    """The default 800-delegate roster."""
    return generate_roster()


def test_default_size_and_keys(roster: list[dict[str, str]]) -> None:
    assert len(roster) == 800
    assert all(set(delegate) == KEYS for delegate in roster)
    assert all(value and value == value.strip() for delegate in roster for value in delegate.values())


def test_deterministic_for_a_seed() -> None:
    assert generate_roster(50, seed=7) == generate_roster(50, seed=7)
    assert generate_roster(50, seed=7) != generate_roster(50, seed=8)


@pytest.mark.parametrize("n", [0, 1, 5, 33, 120])
def test_exactly_n_rows(n: int) -> None:
    assert len(generate_roster(n, seed=1)) == n


def test_codes_and_phones_are_unique_and_valid(roster: list[dict[str, str]]) -> None:
    codes = [delegate["code"] for delegate in roster]
    assert codes[0] == "DB0001" and codes[-1] == "DB0800"
    assert len(set(codes)) == len(codes)
    phones = [normalize_phone(delegate["phone"]) for delegate in roster]
    assert len(set(phones)) == len(phones)
    assert all(re.fullmatch(r"\+84[35789]\d{8}", phone) for phone in phones)
    styles = {re.sub(r"\d", "#", delegate["phone"]) for delegate in roster}
    assert {"#### ### ###", "####.###.###", "##########", "+## ### ### ###", "(+##) ###-###-###"} <= styles


def test_emails_are_ascii_and_unique(roster: list[dict[str, str]]) -> None:
    emails = [delegate["email"] for delegate in roster]
    assert len(set(emails)) == len(emails)
    assert all(email.isascii() and re.fullmatch(r"[a-z0-9.]+@[a-z0-9.]+\.[a-z]+", email) for email in emails)
    assert any(email.endswith("@nghean.gov.vn") for email in emails)


def test_names_look_vietnamese(roster: list[dict[str, str]]) -> None:
    names = [delegate["full_name"] for delegate in roster]
    assert all(3 <= len(name.split()) <= 4 and unicodedata.is_normalized("NFC", name) for name in names)
    families = Counter(name.split()[0] for name in names)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert len(FAMILY_NAMES & set(families)) >= 12
    middles = Counter(name.split()[1] for name in names)
    assert middles["Văn"] > 50 and middles["Thị"] > 50
    assert len(set(names)) > 600


def test_agencies_positions_and_departments_are_realistic(roster: list[dict[str, str]]) -> None:
    per_agency = Counter(delegate["agency"] for delegate in roster)
    assert len(per_agency) >= 20 and len(per_agency) == len(AGENCIES)
    assert {"Sở Kế hoạch và Đầu tư", "Ban Tổ chức Tỉnh ủy", "Ban Quản lý Khu kinh tế Đông Nam"} <= set(per_agency)
    counts = sorted(per_agency.values())
    assert counts[-1] >= 4 * counts[0]  # uneven, like the real province
    positions = Counter(delegate["position"] for delegate in roster)
    assert positions["Phó Trưởng phòng"] > positions["Trưởng phòng"] > 0
    assert {"Chánh Văn phòng", "Phó Chánh Thanh tra", "Giám đốc Trung tâm"} <= set(positions)
    heads = Counter((d["agency"], d["department"]) for d in roster if not d["position"].startswith("Phó"))
    assert max(heads.values()) == 1  # one head per unit
    assert any(d["department"] == "Phòng Tổ chức cán bộ" for d in roster)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_written_file_round_trips_through_parse_roster(tmp_path: Path, suffix: str) -> None:
    path = write_roster_file(tmp_path / f"roster{suffix}", 300, seed=3)
    expected = generate_roster(300, seed=3)
    entries = parse_roster(path)
    assert [e.row for e in entries] == list(range(2, 302))
    assert [(e.code, e.full_name, e.position, e.department, e.agency, e.email) for e in entries] == [
        (d["code"], d["full_name"], d["position"], d["department"], d["agency"], d["email"]) for d in expected
    ]
    assert [e.phone for e in entries] == [normalize_phone(d["phone"]) for d in expected]


def test_xlsx_has_the_vietnamese_headers(tmp_path: Path) -> None:
    path = write_roster_file(tmp_path / "r.xlsx", 3)
    first = next(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert (
        first
        == ROSTER_HEADERS
        == (
            "STT",
            "Mã",
            "Họ và tên",
            "Chức vụ",
            "Phòng",
            "Cơ quan",
            "Số điện thoại",
            "Email",
            "Chỗ ngồi",
        )
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_ten_thousand_rows_are_written_and_read_back(tmp_path: Path, suffix: str) -> None:
    # How fast is bench/roster_import.py's figure (bench/README.md), not a timed assertion here.
    path = write_roster_file(tmp_path / f"big{suffix}", 10_000, seed=2)
    entries = parse_roster(path)
    assert len(entries) == 10_000 and entries[-1].code == "DB10000"
    assert len({entry.code for entry in entries}) == 10_000
