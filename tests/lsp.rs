//! `pmp lsp` as an editor drives it: `tests/lsp/test_server.py` runs pytest-lsp's client
//! (pygls) against the real binary over stdio, on a copy of `examples/demo-novads`: a total
//! edited in a buffer is published at its cell within one round trip, hover, definition,
//! completion and code actions, malformed buffers, Latvian messages. Skipped, and counted in
//! the closing line, where python3 with pytest-lsp is missing (`.ci/run` installs it; under
//! CI a missing client is a failure).

mod common;

use std::process::Command;

#[test]
fn an_editor_client_over_stdio() {
    let has_client = Command::new("python3")
        .args(["-c", "import pytest_lsp, pytest_asyncio"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_client {
        common::tools::skip(
            "python3 with pytest-lsp is missing (pip install pytest-lsp); the language server test",
        );
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let out = Command::new("python3")
        .args([
            "-m",
            "pytest",
            "tests/lsp",
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            "asyncio_default_fixture_loop_scope=function",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PMP_BIN", env!("CARGO_BIN_EXE_pmp"))
        .env("PMP_LSP_WORK", work.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("run pytest");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the language server test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every test ran: none was skipped or deselected.
    assert!(stdout.contains("8 passed"), "{stdout}");
}
