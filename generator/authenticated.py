"""Files in the cache folder that only this user's runs of the generator can have written.

Caches are read back as trusted input: a memo decides which notices are valid, and Whoosh
unpickles its index files (pickle runs code). Each file we write therefore carries an HMAC made
with a key that lives in the user's own configuration folder (never in the repository, never in
the cache folder), created on first use. A file whose HMAC does not verify — planted, damaged,
written by another user or by a copy of the cache — is discarded and rebuilt, never opened.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

import platformdirs

APP = "notice-archive"
KEY_FILE = "cache-key"
SEAL = "AUTH.json"            # a sealed folder's list of files and their HMACs
_KEYS: dict[Path, bytes] = {}
_VERIFIED: set = set()


def key_path() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / KEY_FILE


def key() -> bytes:
    """The user's secret key (32 random bytes, hex), created on first use, readable by them only."""
    path = key_path()
    if path in _KEYS:
        return _KEYS[path]
    exists = True
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data, exists = b"", False
    except OSError:
        data = b"?"
    if len(data) != 64:
        try:
            # An empty key file is damaged too: kept, it would seal every cache with no secret.
            data = _create(path, replace=exists)
        except OSError:   # no writable config folder: a key for this run only (caches rebuild)
            data = b""
        if len(data) != 64:
            data = secrets.token_hex(32).encode()
    _KEYS[path] = data
    return data


def _create(path: Path, replace: bool) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cache-key-", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:   # mkstemp: mode 0600
        handle.write(secrets.token_hex(32).encode())
    try:
        if replace:                       # a damaged key: its caches are lost anyway
            os.replace(tmp, path)
        else:
            os.link(tmp, path)            # never replaces a key another process just made
    except FileExistsError:
        pass
    except OSError:                       # no hard links (some Windows file systems)
        if not path.exists():
            os.replace(tmp, path)
    if os.path.exists(tmp):
        os.unlink(tmp)
    return path.read_bytes()


def _mac(name: str) -> "hmac.HMAC":
    return hmac.new(key(), name.encode("utf-8") + b"\0", hashlib.sha256)


def file_mac(path: Path, name: str) -> str:
    mac = _mac(name)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            mac.update(chunk)
    return mac.hexdigest()


def discarded(what: Path) -> None:
    """The one line a user sees when a cache file fails its check."""
    print(f"notice-archive: bỏ {what} vì không xác thực được (bị sửa, hỏng hoặc do người "
          "dùng khác tạo); đang tạo lại", file=sys.stderr)


# One JSON file: first line its HMAC (hex), then the JSON text.

BODY_START = 65   # the HMAC line (64 hex digits and a newline): a body offset + this = file's


def write_json(path: Path, data) -> None:
    write_chunks(path, _json_chunks(data))


def write_chunks(path: Path, chunks) -> tuple[int, int, int]:
    """write_json for a body the caller makes a part at a time (the bytes of one JSON text).
    Returns the written file's identity (size, modification time in ns, inode), which the
    rename that puts it in place keeps."""
    mac = _mac(path.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(b"0" * mac.digest_size * 2 + b"\n")  # the HMAC, once the body is known
            for chunk in chunks:
                mac.update(chunk)
                handle.write(chunk)
            handle.seek(0)
            handle.write(mac.hexdigest().encode())
            handle.flush()
            st = os.fstat(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return st.st_size, st.st_mtime_ns, st.st_ino


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_chunks(data, depth: int = 0):
    """The bytes of `_dumps(data)`, a part at a time: a memo of 10,000 notices is hundreds of MB
    of JSON, and holding it whole (as text, then as bytes) doubled a build's peak memory."""
    if depth < 2 and isinstance(data, dict) and data and all(isinstance(k, str) for k in data):
        yield b"{"
        for i, (key_, value) in enumerate(data.items()):
            yield (b"," if i else b"") + _dumps(key_) + b":"
            yield from _json_chunks(value, depth + 1)
        yield b"}"
    else:
        yield _dumps(data)


def read_json(path: Path):
    """The data of a file written by write_json, or None (missing, or failing its check: then
    it is deleted and one line says so)."""
    return read_json_with_id(path)[0]


def read_json_with_id(path: Path):
    """(read_json's answer, the identity of the file it came from: size, modification time in
    ns, inode), the identity taken from the very file read, or None with None."""
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            tag = handle.readline().rstrip(b"\n")
            body = handle.read()
    except OSError:
        return None, None
    ident = (st.st_size, st.st_mtime_ns, st.st_ino)
    mac = _mac(path.name)
    mac.update(body)
    if hmac.compare_digest(tag, mac.hexdigest().encode()):
        try:
            text = body.decode("utf-8")
            del body  # the text and the objects are enough: the bytes go before parsing
            return json.loads(text), ident
        except ValueError:
            pass
    discarded(path)
    try:
        path.unlink()
    except OSError:
        pass
    return None, None


# A folder of files written by a library (Whoosh): sealed after writing, verified before opening.

def _listing(folder: Path, skip: frozenset[str]) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name not in skip and p.name != SEAL)


def seal(folder: Path, skip: frozenset[str] = frozenset(), memo: bool = False) -> None:
    """Seal every file of `folder` (but `skip`). memo: also write verify's memo of the files
    just hashed, so that the next run's verify(memo=True) does not hash them all again."""
    entries = {}
    stats = {}
    for path in _listing(folder, skip):
        if not path.is_file() or path.is_symlink():
            continue
        # Identity taken before hashing: a file changed after it has another change time, and
        # the memo then does not hold for it.
        stats[path.name] = path.lstat()
        entries[path.name] = file_mac(path, path.name)
    write_json(folder / SEAL, entries)
    if not (memo and os.name == "posix"):
        return
    try:
        tag = (folder / SEAL).read_bytes().partition(b"\n")[0]
        listing = _listing(folder, skip)
    except OSError:
        return
    if [p.name for p in listing] != sorted(stats):
        return  # a file came or went meanwhile: verify hashes and judges it
    state = _state(folder, tag, [(p.name, stats[p.name]) for p in listing])
    _VERIFIED.add(state)
    try:
        write_json(folder.parent / VERIFIED_MEMO, _memo_data(state))
    except OSError:
        pass


def verify(folder: Path, skip: frozenset[str] = frozenset(), prune: bool = False,
           memo: bool = False) -> bool:
    """True when every file of `folder` (but `skip`) is exactly one we sealed, and none is
    missing. Nothing in the folder is parsed before this says yes. prune: files added since the
    seal are deleted rather than failing the check.

    memo: remember, in a sealed file beside the folder, the files' identity once verified
    (inode, size, modification and change times), so that later runs hash them again only
    when one changed. Hashing a 10,000-notice index takes a tenth of a second per run. The
    change time (ctime) cannot be set back by a user, so a file rewritten since is hashed
    again; POSIX only (on Windows st_ctime is the creation time)."""
    try:
        raw = (folder / SEAL).read_bytes()
        listing = _listing(folder, skip)
    except OSError:
        return False
    tag, _, body = raw.partition(b"\n")
    mac = _mac(SEAL)
    mac.update(body)
    if not hmac.compare_digest(tag, mac.hexdigest().encode()):
        return False
    try:
        entries = json.loads(body.decode("utf-8"))
    except ValueError:
        return False
    if not isinstance(entries, dict):
        return False
    extra = [p for p in listing if p.name not in entries]
    if extra and not prune:
        return False
    for path in extra:
        try:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        except OSError:
            return False
    listing = [p for p in listing if p.name in entries]
    if sorted(entries) != [p.name for p in listing]:
        return False
    try:  # verified once per process: `search` checks before updating and again to open
        state = _state(folder, tag, [(p.name, p.lstat()) for p in listing])
    except OSError:
        return False
    if state in _VERIFIED:
        return True
    memo_path = folder.parent / VERIFIED_MEMO if memo and os.name == "posix" else None
    if memo_path is not None and _memo_holds(memo_path, state):
        _VERIFIED.add(state)
        return True
    for path in listing:
        if path.is_symlink() or not path.is_file():
            return False
        if not hmac.compare_digest(str(entries[path.name]), file_mac(path, path.name)):
            return False
    _VERIFIED.add(state)
    if memo_path is not None:
        try:
            write_json(memo_path, _memo_data(state))
        except OSError:
            pass   # a read-only cache folder: verified again next time
    return True


VERIFIED_MEMO = ".verified.json"   # beside a sealed folder: see verify(memo=True)


def _state(folder: Path, tag: bytes, stats: list[tuple[str, os.stat_result]]) -> tuple:
    """What verify remembers of a sealed folder: the seal's tag and each file's identity."""
    return (str(folder), tag.decode("ascii", "replace"),
            tuple((name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                  for name, st in stats))


def _memo_data(state: tuple) -> list:
    return json.loads(json.dumps(state))   # as it reads back: lists, not tuples


def _memo_holds(path: Path, state: tuple) -> bool:
    if not path.exists():
        return False
    return read_json(path) == _memo_data(state)
