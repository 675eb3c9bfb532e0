"""`archive export bag`: a BagIt 1.0 bag of the fixture that bagit-python validates, with
every record file as its editor wrote it, SHA-256 manifests and the programme's facts."""

from __future__ import annotations

import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

import bagit
import pytest

from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.export import bag
from support.builds import build
from support.command import archive
from support.paths import SITE


def export(*argv: str, edition: str = "bag") -> tuple[int, str]:
    return archive("export", edition, *argv)


pytestmark = pytest.mark.build


@dataclass
class Bagged:
    site: Path
    tar: Path
    bag: Path
    """The tar unpacked."""


@pytest.fixture(scope="module")
def bagged(tmp_path_factory: pytest.TempPathFactory) -> Bagged:
    folder = tmp_path_factory.mktemp("bag")
    site = folder / "site"
    result = build(SITE, site)
    assert result.returncode == 0, result.stderr
    target = folder / "deposit.tar"
    code, output = export(
        "-f", str(SITE / "mkdocs.yml"), "--site", str(site), "--out", str(target), edition="bag"
    )
    assert code == 0, output
    unpacked = folder / "unpacked"
    with tarfile.open(target) as tar:
        tar.extractall(unpacked, filter="data")
    (top,) = unpacked.iterdir()
    return Bagged(site, target, top)


def test_the_bag_validates_with_sha256_manifests(bagged: Bagged) -> None:
    opened = bagit.Bag(str(bagged.bag))
    opened.validate()
    assert opened.version_info == (1, 0)
    assert (bagged.bag / "bagit.txt").read_text(encoding="utf-8").startswith("BagIt-Version: 1.0\n")
    assert opened.algorithms == ["sha256"]
    assert (bagged.bag / "manifest-sha256.txt").is_file()
    assert (bagged.bag / "tagmanifest-sha256.txt").is_file()


def test_a_changed_file_fails_validation(bagged: Bagged, tmp_path: Path) -> None:
    """The manifests are real: a copy with one byte changed no longer validates."""
    with tarfile.open(bagged.tar) as tar:
        tar.extractall(tmp_path, filter="data")
    (top,) = tmp_path.iterdir()
    record = next((top / "data" / "records" / "courses").glob("*.md"))
    record.write_bytes(record.read_bytes() + b"\n")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(top)).validate()


def test_every_record_file_is_in_it_as_written(bagged: Bagged) -> None:
    settings, _ = read_settings(SITE / "mkdocs.yml")
    assert settings is not None
    data = bagged.bag / "data"
    for spec in settings.collections:
        sources = [p for p in (SITE / spec.directory).rglob("*") if p.is_file()]
        assert sources
        for source in sources:
            rel = source.relative_to(SITE).as_posix()
            assert (data / "records" / rel).read_bytes() == source.read_bytes(), rel
    for schema in (SITE / settings.schemas_dir).glob("*.json"):
        assert (data / "schemas" / schema.name).read_bytes() == schema.read_bytes()
    assert (data / "vocabularies" / "archive.yml").read_bytes() == (
        SITE / settings.data_file
    ).read_bytes()
    assert (data / "open-data" / "records.json").read_bytes() == (
        bagged.site / "data" / "records.json"
    ).read_bytes()
    site_files = {p.relative_to(bagged.site) for p in bagged.site.rglob("*") if p.is_file()}
    bag_site = data / "site"
    assert {p.relative_to(bag_site) for p in bag_site.rglob("*") if p.is_file()} == site_files


def test_bag_info_says_who_what_and_when_from_the_settings(bagged: Bagged) -> None:
    info = bagit.Bag(str(bagged.bag)).info
    assert info["Source-Organization"] == "TechPathways London"
    assert info["External-Identifier"] == "https://example.github.io/techpathways-archive/"
    assert info["Bagging-Date"] == "2026-11-23"  # the content's newest date, not today
    assert info["Programme-Start"] == "2020" and info["Programme-End"] == "2022"
    assert info["Funder"] == "the Mayor of London"
    assert info["Partner"] == "Queen Mary University of London"
    assert "NonCommercial-ShareAlike 4.0" in info["Rights"]
    assert "funded by the Mayor of London" in info["External-Description"]
    count = sum(1 for _ in bagit.Bag(str(bagged.bag)).payload_files())
    assert info["Payload-Oxum"].endswith(f".{count}")


def test_the_tar_is_the_same_bytes_every_time(bagged: Bagged, tmp_path: Path) -> None:
    again = tmp_path / "again.tar"
    code, output = export(
        "-f",
        str(SITE / "mkdocs.yml"),
        "--site",
        str(bagged.site),
        "--out",
        str(again),
        edition="bag",
    )
    assert code == 0, output
    assert again.read_bytes() == bagged.tar.read_bytes()
    with tarfile.open(again) as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names == sorted(names) and names[0] == "techpathways-london-archive"
    assert {(m.uid, m.gid, m.uname, m.mtime) for m in members} == {(0, 0, "", members[0].mtime)}


def test_a_record_folder_with_a_symlink_is_refused_with_the_loaders_message(
    bagged: Bagged, tmp_path: Path
) -> None:
    """A link in a record folder could carry a secret from outside the project into the
    deposit: the export refuses, with the check's own message, and writes nothing."""
    project = tmp_path / "project"
    shutil.copytree(SITE, project)
    secret = tmp_path / "secret.txt"
    secret.write_text("private key", encoding="utf-8")
    (project / "courses" / "leak.txt").symlink_to(secret)
    target = tmp_path / "out.tar"
    code, output = export(
        "-f",
        str(project / "mkdocs.yml"),
        "--site",
        str(bagged.site),
        "--out",
        str(target),
        edition="bag",
    )
    assert code == 1 and "courses/leak.txt:1: file: is a symbolic link" in output
    assert not target.exists()


def test_links_anywhere_else_are_left_out_never_followed(tmp_path: Path) -> None:
    """Folders the loader does not check (templates, pages) are walked without links."""
    folder = tmp_path / "templates"
    (folder / "real").mkdir(parents=True)
    (folder / "real" / "a.md.j2").write_text("kept", encoding="utf-8")
    (folder / ".hidden").write_text("editor litter", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("private key", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    assert [rel for rel, _ in bag._files(folder, tmp_path)] == ["real/a.md.j2"]
    project = tmp_path / "project"
    project.mkdir()
    (project / "templates").symlink_to(folder, target_is_directory=True)
    assert list(bag._files(project / "templates", project)) == []  # the folder is a link
    (project / "linked").symlink_to(tmp_path, target_is_directory=True)
    assert list(bag._files(project / "linked" / "outside", project)) == []  # reached by one
    (project / "schemas").mkdir()
    (project / "schemas" / "a.json").write_text("{}", encoding="utf-8")
    assert [rel for rel, _ in bag._files(project / "schemas", project)] == ["a.json"]


def test_a_folder_out_that_is_not_empty_is_refused(bagged: Bagged, tmp_path: Path) -> None:
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    code, output = export(
        "-f",
        str(SITE / "mkdocs.yml"),
        "--site",
        str(bagged.site),
        "--out",
        str(folder),
        edition="bag",
    )
    assert code == 1 and "not empty" in output
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_a_bag_over_the_limit_leaves_nothing(bagged: Bagged, tmp_path: Path) -> None:
    for target in (tmp_path / "a.tar", tmp_path / "folder"):
        code, output = export(
            "-f",
            str(SITE / "mkdocs.yml"),
            "--site",
            str(bagged.site),
            "--out",
            str(target),
            "--max-size",
            "1M",
            edition="bag",
        )
        assert code == 1 and "over the limit of 1 MB" in output, output
    assert list(tmp_path.iterdir()) == []


def test_bad_places_are_refused_with_what_to_do(bagged: Bagged, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    config = str(SITE / "mkdocs.yml")
    for out in (blocker / "bag.tar", blocker / "bag-folder"):
        code, output = export("-f", config, "--site", str(bagged.site), "--out", str(out))
        assert code == 1 and "cannot write there" in output and "nothing was written" in output
    for out in (tmp_path / "x.tar", tmp_path / "folder"):
        code, output = export("-f", config, "--site", str(tmp_path / "none"), "--out", str(out))
        assert code == 1 and "not built" in output and not out.exists()
