"""Publishing: a staged site replaces the live one only on commit, even when builds race."""

from __future__ import annotations

from pathlib import Path

from legacy_archive.core.publish.staging import Staging


def test_staging_swaps_only_on_commit(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging = Staging(site)
    (staging.begin() / "new.html").write_text("new")
    staging.abandon()
    assert [p.name for p in site.iterdir()] == ["old.html"]
    (staging.begin() / "new.html").write_text("new")
    staging.commit()
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert not staging.folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.lock"], (
        "no staging or retired folder is left behind"
    )


def test_concurrent_builds_into_one_folder_publish_a_whole_site(tmp_path: Path) -> None:
    """Eight builds stage and publish into one folder at once: each stages in its own
    folder and swaps under the lock, so the published site is always one build's whole
    output (its search index included), never a mix or a half."""
    import threading

    site = tmp_path / "site"
    barrier = threading.Barrier(8)
    failures: list[BaseException] = []

    def one_build(number: int) -> None:
        try:
            staging = Staging(site)
            folder = staging.begin()
            for name in ("index.html", "pagefind/pagefind.js", "find/data/records.json"):
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(f"build {number}")
            barrier.wait()
            staging.commit()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=one_build, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    texts = {p.read_text() for p in site.rglob("*") if p.is_file()}
    assert len(texts) == 1 and len(list(site.rglob("*.*"))) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.lock"]
