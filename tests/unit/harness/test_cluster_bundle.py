"""The archives the hosts get are reproducible: same content, same bytes, no caches."""
import io
import tarfile

from harness.cluster import bundle


def make_package(root):
    (root / "shop" / "svc" / "__pycache__").mkdir(parents=True)
    (root / "shop" / "svc" / "__init__.py").write_text("VALUE = 1\n")
    (root / "shop" / "svc" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    return root


def test_the_code_archive_is_identical_when_the_code_is(tmp_path):
    root = make_package(tmp_path)
    first = bundle.pack(bundle.code_files(root), compress=True)
    (root / "shop" / "svc" / "__init__.py").touch()
    assert bundle.pack(bundle.code_files(root), compress=True) == first


def test_the_code_archive_changes_with_the_code_and_skips_caches(tmp_path):
    root = make_package(tmp_path)
    first = bundle.pack(bundle.code_files(root), compress=True)
    (root / "shop" / "svc" / "__init__.py").write_text("VALUE = 2\n")
    second = bundle.pack(bundle.code_files(root), compress=True)
    assert second != first
    with tarfile.open(fileobj=io.BytesIO(second)) as tar:
        assert tar.getnames() == ["shop/svc/__init__.py"]
        assert tar.getmember("shop/svc/__init__.py").mtime == 0


def test_write_keeps_an_identical_file_and_returns_its_digest(tmp_path):
    target = tmp_path / "out.tar"
    digest = bundle.write(target, b"abc")
    stamp = target.stat().st_mtime_ns
    assert bundle.write(target, b"abc") == digest
    assert target.stat().st_mtime_ns == stamp
    assert bundle.write(target, b"abd") != digest
