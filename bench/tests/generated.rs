//! The generator's programmes through both YAML loaders: every part file of a few generated
//! programmes must take the fast path and give what serde-saphyr gives (the differential
//! test of the main package, `tests/fast_yaml.rs`, on the benchmark's data).

#[path = "../../tests/common/loaders.rs"]
mod loaders;
use loaders::{Outcome, compare_part, part_files};

#[test]
fn generated_programmes_read_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_pmp-bench"))
        .args(["generate", "--count", "3", "--seed", "5"])
        .arg(tmp.path())
        .output()
        .expect("run pmp-bench generate");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let files = part_files(tmp.path());
    assert_eq!(files.len(), 24);
    for (part, p) in files {
        let text = std::fs::read_to_string(&p).unwrap();
        assert_eq!(
            compare_part(part, &p.display().to_string(), &text),
            Outcome::Accepted,
            "{} was declined",
            p.display()
        );
    }
}
