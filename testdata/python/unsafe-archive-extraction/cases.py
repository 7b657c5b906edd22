import os
import shutil
import tarfile
import zipfile
from tarfile import open as topen

MAX_SIZE = 100 * 1024 * 1024


def unpack(path, dest):
    with tarfile.open(path) as tar:
        # ruleid: python/unsafe-archive-extraction
        tar.extractall(dest)


def unpack_alias(path, dest):
    archive = topen(path, "r:gz")
    # ruleid: python/unsafe-archive-extraction
    archive.extractall(path=dest)
    archive.close()


def unpack_chain(path, dest):
    # ruleid: python/unsafe-archive-extraction
    # ruleid: python/open-without-with -- also a finding of this rule (the example code does it)
    tarfile.open(path).extractall(dest)


def unzip(path, dest):
    with zipfile.ZipFile(path) as zf:
        # ruleid: python/unsafe-archive-extraction
        zf.extractall(dest)


def trusted_filter(path, dest):
    with tarfile.open(path) as tar:
        # ruleid: python/unsafe-archive-extraction
        tar.extractall(dest, filter="fully_trusted")


def unpack_any(path, dest):
    # ruleid: python/unsafe-archive-extraction
    shutil.unpack_archive(path, dest)


def filtered(path, dest):
    with tarfile.open(path) as tar:
        # ok: python/unsafe-archive-extraction -- the data filter rejects escaping members
        tar.extractall(dest, filter="data")


def chosen_members(path, dest):
    with tarfile.open(path) as tar:
        safe = [m for m in tar.getmembers() if m.isfile() and not m.name.startswith("/")]
        # ok: python/unsafe-archive-extraction -- members were selected
        tar.extractall(dest, members=safe)


def size_checked(path, dest):
    with zipfile.ZipFile(path) as zf:
        total = sum(info.file_size for info in zf.infolist())
        if total > MAX_SIZE:
            raise ValueError("archive too large")
        # ok: python/unsafe-archive-extraction -- uncompressed size checked first
        zf.extractall(dest)


def unpack_filtered(path, dest):
    # ok: python/unsafe-archive-extraction -- filter given
    shutil.unpack_archive(path, dest, filter="data")


class Bundle:
    def extractall(self, dest):
        return dest


def own_class(dest):
    b = Bundle()
    # ok: python/unsafe-archive-extraction -- not an archive object
    b.extractall(dest)


def checked_names(path, dest):
    with tarfile.open(path) as archive:
        for name in archive.getnames():
            target = os.path.realpath(os.path.join(dest, name))
            if not target.startswith(os.path.realpath(dest) + os.sep):
                raise ValueError("member escapes the target: %s" % name)
        # ok: python/unsafe-archive-extraction -- every member name was checked first
        archive.extractall(dest)


def other_archive_listed(path, other, dest):
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(other) as listed:
        names = listed.namelist()
        # ruleid: python/unsafe-archive-extraction
        zf.extractall(dest)
        return names


def listed_but_not_checked(upload, dest):
    with tarfile.open(fileobj=upload, mode="r:gz") as archive:
        names = archive.getnames()
        # ruleid: python/unsafe-archive-extraction
        archive.extractall(dest)
    return {"installed": names}


def listed_then_checked(path, dest):
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        if any(n.startswith("/") or ".." in n for n in names):
            raise ValueError("unsafe member name")
        # ok: python/unsafe-archive-extraction -- the stored listing is checked before extracting
        zf.extractall(dest)


def counted_only(upload, dest):
    with tarfile.open(fileobj=upload, mode="r:*") as archive:
        members = archive.getnames()
        # ruleid: python/unsafe-archive-extraction
        archive.extractall(path=dest)
    return len(members)
