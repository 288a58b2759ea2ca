"""Gathering a data room's files: a folder walked, a zip unpacked safely.

A zip from a client is data from a stranger. Its directory is judged before anything is
unpacked: the number of entries, the total unpacked size and every entry's compression ratio
(a "zip bomb" compresses hundreds of times) refuse the whole archive. Single entries that
could write outside the temporary folder (an absolute path, ``..``), links, encrypted entries
and system clutter (``__MACOSX``, ``.DS_Store``, ``~$`` lock files) are set aside with a
reason. Entries are written under a temporary folder the plan owns, each checked to resolve
inside it, and never more bytes than the directory declared. A zip inside the room is
unpacked too, one level deep: a zip inside that one is set aside.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from csdesk.i18n import N_
from csdesk.i18n.lang import Lang
from csdesk.ingest import limits as file_limits
from csdesk.ingest.errors import HostileFile, ImportRefused, UnreadableFile
from csdesk.ingest.wording import count

_BLOCK = 1 << 20
_SYSTEM_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "icon\r"})
_SYSTEM_FOLDERS = frozenset({"__macosx", ".git", ".svn"})

# Why an entry was set aside (the code stays the same in every language).
REASONS = {
    "system": N_("a system file, not data"),
    "link": N_("a link, not a file: links are not followed"),
    "unsafe_path": N_("its path leads outside the archive (absolute, or with '..'); not unpacked"),
    "encrypted": N_("encrypted inside the zip; unpack it with its password first"),
    "nested_too_deep": N_(
        "a zip inside a zip inside the room: unpack it first (one level of zips is read)"
    ),
    "damaged_zip": N_("a damaged zip: it cannot be opened"),
    "repeated_name": N_("the zip holds this name twice: only its first entry is read"),
}


@dataclass(frozen=True)
class RoomLimits:
    """What a room may hold: beyond these a zip is refused as hostile, a folder as too big."""

    max_entries: int = 5_000
    max_total_bytes: int = file_limits.MAX_UNCOMPRESSED_BYTES
    max_ratio: float = file_limits.MAX_COMPRESSION_RATIO
    # Entries smaller than this are not judged by their ratio (tiny texts compress well).
    ratio_min_bytes: int = 1_000_000
    # The room's own zip is level 1; a zip inside it level 2; deeper ones are set aside.
    max_zip_depth: int = 2


@dataclass
class Gathered:
    """The room's candidate files (name inside the room, file on disk), and those set aside."""

    lang: Lang
    files: list[tuple[str, Path]] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # name, code, reason
    tmp: tempfile.TemporaryDirectory[str] | None = None
    entries: int = 0
    total_bytes: int = 0
    zips: int = 0  # zips unpacked so far: each into a folder of its own

    def skip(self, name: str, code: str, reason: str | None = None) -> None:
        self.skipped.append((name, code, reason or self.lang(REASONS[code])))

    def workdir(self) -> Path:
        if self.tmp is None:
            self.tmp = tempfile.TemporaryDirectory(prefix="csdesk-room-")
        return Path(self.tmp.name)

    def close(self) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()
            self.tmp = None


def is_zip(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".zip"


def gather(path: Path, lang: Lang, room_limits: RoomLimits | None = None) -> Gathered:
    """Every file of the folder or zip ``path``; refuses a hostile or oversized archive."""
    room_limits = room_limits or RoomLimits()
    out = Gathered(lang)
    _ = lang
    try:
        if path.is_dir():
            _walk(path, out, room_limits)
        elif is_zip(path):
            _unzip(path, "", out, room_limits, depth=1, top=True)
        else:
            raise ImportRefused(_("{path} is neither a folder nor a .zip file.").format(path=path))
    except BaseException:
        out.close()
        raise
    return out


def _system(parts: tuple[str, ...]) -> bool:
    name = parts[-1].lower()
    return (
        name in _SYSTEM_NAMES
        or name.startswith(("~$", "._", ".~lock"))
        or any(p.lower() in _SYSTEM_FOLDERS for p in parts[:-1])
    )


def _count(out: Gathered, room_limits: RoomLimits, size: int, where: str) -> None:
    _ = out.lang
    out.entries += 1
    out.total_bytes += size
    if out.entries > room_limits.max_entries:
        raise HostileFile(
            _(
                "{room} holds more than {most} files, more than csdesk reads as one data room. "
                "Nothing was read; import its folders one by one."
            ).format(room=where, most=count(room_limits.max_entries))
        )
    if out.total_bytes > room_limits.max_total_bytes:
        raise HostileFile(
            _(
                "{room} would take more than {most} bytes unpacked (a 'zip bomb', or far more "
                "than a client's exports). Nothing was read."
            ).format(room=where, most=count(room_limits.max_total_bytes))
        )


def _walk(root: Path, out: Gathered, room_limits: RoomLimits) -> None:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        base = Path(folder)
        for name in list(dirs):
            if (base / name).is_symlink():
                out.skip((base / name).relative_to(root).as_posix(), "link")
                dirs.remove(name)
        for name in sorted(files):
            full = base / name
            inside = full.relative_to(root).as_posix()
            if full.is_symlink():
                out.skip(inside, "link")
                continue
            if _system(PurePosixPath(inside).parts):
                out.skip(inside, "system")
                continue
            _count(out, room_limits, full.stat().st_size, root.name)
            if full.suffix.lower() == ".zip":
                _unzip(full, inside, out, room_limits, depth=1, top=False)
            else:
                out.files.append((inside, full))


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author wrote it: zips from Windows often store UTF-8 names
    without the flag that says so, which Python then reads as code page 437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return name.replace("\\", "/")


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """The entry's path parts, or None when it is absolute or climbs out (``..``)."""
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or "\x00" in name:
        return None
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if not parts or any(p == ".." for p in parts):
        return None
    return parts


def _unzip(
    path: Path, inside: str, out: Gathered, room_limits: RoomLimits, *, depth: int, top: bool
) -> None:
    _ = out.lang
    where = inside or path.name
    if depth > room_limits.max_zip_depth:
        out.skip(where, "nested_too_deep")
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        if top:
            raise UnreadableFile(
                _("{file} is not a zip that can be opened ({reason}).").format(
                    file=path.name, reason=exc
                )
            ) from exc
        out.skip(where, "damaged_zip")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        _judge(members, where, room_limits, out)
        out.zips += 1
        target = out.workdir() / f"z{out.zips:04d}"
        for member in members:
            name = _entry_name(member)
            shown = f"{inside}/{name}" if inside else name
            parts = _safe_parts(name)
            if parts is None:
                out.skip(shown, "unsafe_path")
                continue
            if stat.S_ISLNK(member.external_attr >> 16):
                out.skip(shown, "link")
                continue
            if _system(parts):
                out.skip(shown, "system")
                continue
            if member.flag_bits & 0x1:
                out.skip(shown, "encrypted")
                continue
            dest = target.joinpath(*parts)
            root = out.workdir().resolve()
            if not dest.resolve().is_relative_to(root):
                out.skip(shown, "unsafe_path")
                continue
            if dest.exists():
                out.skip(shown, "repeated_name")
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                _extract(archive, member, dest)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
                out.skip(
                    shown,
                    "damaged_zip",
                    _("cannot be unpacked ({reason})").format(reason=exc),
                )
                continue
            if dest.suffix.lower() == ".zip":
                _unzip(dest, shown, out, room_limits, depth=depth + 1, top=False)
            else:
                out.files.append((shown, dest))


def _judge(
    members: list[zipfile.ZipInfo], where: str, room_limits: RoomLimits, out: Gathered
) -> None:
    """Refuse the archive from its directory alone: too many entries, too big, a bomb."""
    _ = out.lang
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= room_limits.ratio_min_bytes and ratio > room_limits.max_ratio:
            raise HostileFile(
                _(
                    "{room}: the entry {entry} is compressed {ratio} times ({size} bytes "
                    "unpacked), the signature of a 'zip bomb'. Nothing was read."
                ).format(
                    room=where,
                    entry=_entry_name(member),
                    ratio=count(round(ratio)),
                    size=count(member.file_size),
                )
            )
    for member in members:
        _count(out, room_limits, member.file_size, where)


def _extract(archive: zipfile.ZipFile, member: zipfile.ZipInfo, dest: Path) -> None:
    """Copy one entry out, never more bytes than its directory entry declared."""
    written = 0
    with archive.open(member) as source, dest.open("wb") as sink:
        while block := source.read(_BLOCK):
            written += len(block)
            if written > member.file_size:
                raise ValueError("it unpacks to more bytes than it declares")
            sink.write(block)
