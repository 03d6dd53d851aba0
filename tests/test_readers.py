from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap.errors import InputError, NetmapError
from netmap.readers import decode, parse_file, parse_messages, read_path, read_zip

DATA = Path(__file__).parent / "data"
VARIANTS = sorted((DATA / "variants").glob("*.csv"))


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: p.stem)
def test_every_connections_variant_reads_the_same_people(path: Path) -> None:
    (export,) = read_path(path)
    frame = export.contacts
    assert export.kind == "linkedin"
    assert list(frame["name"]) == ["Ava Chen", "Ben Okafor", "Chloé Dubois"]
    assert list(frame["company"]) == ["Goldman Sachs", "Stripe, Inc.", "McKinsey & Company"]
    assert list(frame["position"]) == ["Investment Banking Analyst", "Software Engineer", "Analyst, Strategy"]
    assert list(frame["connected_on"]) == ["2026-02-07", "2026-01-05", "2021-09-16"]
    assert export.export_date == "2026-02-07"
    has_url = "no_url" not in path.stem and "2018" not in path.stem
    expected_urls = (
        [
            "https://www.linkedin.com/in/ava-chen-7f3a",
            "https://www.linkedin.com/in/ben-okafor",
            "https://www.linkedin.com/in/chlo%C3%A9-dubois-3b",
        ]
        if has_url
        else ["", "", ""]
    )
    assert list(frame["url"]) == expected_urls
    ghost_rows = 0 if "2018" in path.stem else 1
    assert export.skipped == ghost_rows


def test_line_numbers_point_into_the_file() -> None:
    (export,) = read_path(DATA / "variants" / "current.csv")
    # Notes:, the quoted sentence, a blank line, the header, Ava (5), a ghost row (6), Ben (7), Chloé (8)
    assert list(export.contacts["line"]) == [5, 7, 8]


def test_quirks_are_cleaned_but_kept() -> None:
    (export,) = read_path(DATA / "connections_quirks.csv")
    rows = {r["last_name"]: r for r in export.contacts.records()}
    assert export.skipped == 2
    assert rows["Müller☁️"]["name"] == "🟢 Max Müller☁️"  # emoji kept
    assert rows["Müller☁️"]["url"] == "https://www.linkedin.com/in/max-m%C3%BCller%F0%9F%94%92-a1b2"
    assert rows["Müller☁️"]["position"] == "Werkstudent"  # trailing space trimmed
    assert rows["Satlykov"]["first_name"] == "Ali"
    assert rows["Satlykov"]["company"] == "Cacique Foods"  # double space collapsed
    assert rows["Satlykov"]["email"] == "ali.s@example.com"
    assert rows['Smith "Bob"']["name"] == 'Robert Smith "Bob"'
    assert rows["Preza Díaz"]["company"] == ""
    assert rows["Snoddy PMP, PMI-CPMAI, CSM, SSBB"]["connected_on"] == "2014-10-14"


def test_cp1252_resave_decodes() -> None:
    data = (DATA / "variants" / "cp1252_excel.csv").read_bytes()
    assert "Chloé" in decode(data, "x.csv")


def test_archive_folder_and_zip_read_the_same(tmp_path: Path) -> None:
    folder = DATA / "scenario" / "sam_archive"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for member in folder.iterdir():
            zf.write(member, member.name)
    from_zip = read_zip(buffer.getvalue(), "Basic_LinkedInDataExport_02-08-2026.zip")
    from_folder = read_path(folder)
    for exports in (from_zip, from_folder):
        connections, messages = exports
        assert connections.kind == "linkedin" and messages.kind == "linkedin-messages"
        assert len(connections.contacts) == 5
        assert connections.me_name == "Sam Rivera"
        assert connections.me_url == "https://www.linkedin.com/in/sam-rivera-4b2a1"
        counts = dict(zip(messages.interactions["key"], messages.interactions["count"], strict=True))
        # 12 with Ava; 2 with Ben (one archived); Dan's only message is a draft, but he was on Chloé's
        # group message; the sponsored InMail and "LinkedIn Member" are left out; content is not kept.
        assert counts == {
            "ava-chen-7f3a": 12,
            "ben-okafor": 2,
            "chloé-dubois-3b": 1,
            "dan-kim-12": 1,
            "kim-stranger": 1,
        }
        assert "content" not in list(messages.interactions)
    assert from_zip[0].export_date == "2026-02-08"  # MM-DD-YYYY from the archive's name
    assert from_folder[0].export_date == "2026-02-07"  # newest Connected On


def test_zip_inside_a_folder_and_odd_member_names(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(
            "Complete_LinkedInDataExport_01-02-2026/Connections.csv", (DATA / "variants" / "current.csv").read_bytes()
        )
        zf.writestr(
            "Complete_LinkedInDataExport_01-02-2026/Messages.csv",
            (DATA / "messages" / "Messages_2018.csv").read_bytes(),
        )
    connections, messages = read_zip(buffer.getvalue(), "export.zip")
    assert len(connections.contacts) == 3
    assert set(messages.interactions["key"]) == {"ben okafor", "dan kim"}


@pytest.mark.parametrize(
    "name, owner_url, expected",
    [
        ("messages_2021.csv", None, {("url", "ava-chen-7f3a"): 4}),
        ("Messages_2018.csv", None, {("name", "ben okafor"): 3, ("name", "dan kim"): 1}),
    ],
)
def test_older_message_variants(name: str, owner_url: str | None, expected: dict) -> None:
    frame, _ = parse_messages((DATA / "messages" / name).read_bytes(), name, owner_url, "Sam Rivera")
    got = {(kt, k): c for kt, k, c in zip(frame["key_type"], frame["key"], frame["count"], strict=True)}
    assert got == expected


# --- bad input: one clear error naming the file (and line), never a traceback ------------------


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buffer.getvalue()


PREAMBLE = (DATA / "variants" / "current.csv").read_bytes()[:375]
HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
BAD_FILES = {
    "empty.csv": (b"", "empty"),
    "blank.csv": (b"\n\n  \n", "empty"),
    "preamble_only.csv": (PREAMBLE, "cut off"),
    "binary.csv": (bytes(range(256)) * 20, "binary"),
    "photo.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200, "binary"),
    "contacts.json": (b'[{"first_name": "Ava", "last_name": "Chen"}]', "JSON"),
    "prices.csv": (b"sku,price,qty\nA1,3.50,2\n", "no contact header"),
    "ragged.csv": (
        PREAMBLE + HEADER + b"Ava,Chen,,,Goldman Sachs,Analyst,07 Feb 2026\nBen,Okafor,x,y\n",
        "line 6: expected 7 fields, got 4",
    ),
    "huge_field.csv": (PREAMBLE + HEADER + b'Ava,Chen,,,"' + b"x" * 5_000_000 + b'",Analyst,07 Feb 2026\n', "line 5"),
    "messages.csv": ((DATA / "scenario" / "sam_archive" / "messages.csv").read_bytes(), "whole archive"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_raise_one_clear_error(tmp_path: Path, name: str) -> None:
    content, expected = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_path(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert expected in message
    assert "\n" not in message and len(message) < 300


def test_missing_path_and_folder_without_connections(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_path(tmp_path / "nope.csv")
    (tmp_path / "empty_export").mkdir()
    (tmp_path / "empty_export" / "Profile.csv").write_text("First Name,Last Name,Headline\nSam,Rivera,Hi\n")
    with pytest.raises(InputError, match=r"no Connections\.csv"):
        read_path(tmp_path / "empty_export")


def test_truncated_zip(sam_zip: Path) -> None:
    data = sam_zip.read_bytes()
    with pytest.raises(InputError, match="not a complete zip"):
        read_zip(data[: len(data) // 2], "Basic_LinkedInDataExport_01-01-2026.zip")


def test_zip_bomb_is_refused() -> None:
    bomb = _zip({"Connections.csv": HEADER + b"\n" * 50_000_000})
    with pytest.raises(InputError, match="zip bomb"):
        read_zip(bomb, "bomb.zip")


def test_zip_bomb_with_lying_header_is_refused() -> None:
    data = bytearray(_zip({"Connections.csv": HEADER + b" " * 3_000_000}))
    # Forge the sizes in both headers to claim a harmless 1:1 ratio; reading must still stop.
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = (200).to_bytes(4, "little")
    with pytest.raises(InputError, match="not a complete zip"):  # the CRC of what was read does not match
        read_zip(bytes(data), "forged.zip")


def test_unsafe_member_names_are_ignored() -> None:
    data = _zip(
        {
            "../../evil/Connections.csv": b"First Name,Last Name,Company,Position\nEvil,Twin,X,Y\n",
            "/etc/Connections.csv": b"First Name,Last Name,Company,Position\nEvil,Twin,X,Y\n",
            "Connections.csv": (DATA / "variants" / "current.csv").read_bytes(),
        }
    )
    (export,) = read_zip(data, "mixed.zip")
    assert list(export.contacts["name"]) == ["Ava Chen", "Ben Okafor", "Chloé Dubois"]
    assert any("unsafe" in w for w in export.warnings)


def test_input_format_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "connections.txt"
    path.write_bytes((DATA / "variants" / "current.csv").read_bytes())
    assert len(read_path(path, "linkedin")[0].contacts) == 3
    with pytest.raises(InputError):
        read_path(tmp_path / "connections.txt", "linkedin-archive")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=2000))
def test_readers_only_raise_netmap_errors_on_arbitrary_bytes(data: bytes) -> None:
    for attempt in (
        lambda: parse_file(data, "fuzz.csv"),
        lambda: read_zip(data, "fuzz.zip"),
        lambda: parse_messages(data, "messages.csv"),
    ):
        with contextlib.suppress(NetmapError):
            attempt()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=9), max_size=6))
def test_connections_like_text_never_crashes(rows: list[list[str]]) -> None:
    body = "\n".join(",".join(cells) for cells in rows)
    for data in (PREAMBLE + HEADER + body.encode(), HEADER + body.encode("utf-16")):
        with contextlib.suppress(NetmapError):
            parse_file(data, "fuzz.csv")
