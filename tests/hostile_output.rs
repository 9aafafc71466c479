//! Hostile input aimed at what pmp writes (issue 26): script links however their colon is
//! written, control characters on their way to the terminal or into a text document, ids
//! that cannot name a file, a folder read from git that is too large to read whole.

mod common;

use std::io::Read;

use common::{DIR, Fixture, quoted, run_in};
use comrak::nodes::NodeValue;

const SITUATION_BODY: &str = "body: Novadā ir divas pamatskolas un viena vidusskola.";

/// The one file with extension `ext` in `dir`.
fn file_with(dir: &std::path::Path, ext: &str) -> Vec<u8> {
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == ext))
        .unwrap_or_else(|| panic!("no .{ext} in {}", dir.display()));
    std::fs::read(path).unwrap()
}

/// Every part of a .docx that reads as text, with its name.
fn docx_parts(bytes: Vec<u8>) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        if f.read_to_string(&mut text).is_ok() {
            parts.push((f.name().to_string(), text));
        }
    }
    parts
}

const SCHEMES: [&str; 4] = ["javascript:", "vbscript:", "data:", "file:"];

#[test]
fn a_colon_written_as_a_character_reference_makes_no_live_link() {
    let prose = "Skat. [a](javascript&colon;alert(1)), [b](javascript&#58;alert(2)), \
                 [c](JavaScript&#x3A;alert(3)), [d](vbscript&colon;msgbox), \
                 [e](data&colon;text/html,x), [f](file&colon;///etc/passwd), \
                 ![g](javascript&colon;alert(4)) un [vietne](https://example.lv).";
    let fx = Fixture::valid().patch("situation", SITUATION_BODY, &format!("body: {}", quoted(prose)));
    // check names each link: seven findings, at the field.
    let out = fx.check();
    assert_eq!(out.code, 1, "{}", out.pretty());
    let found = out.with_code("invalid-value");
    assert_eq!(found.len(), 7, "{}", out.pretty());
    for d in &found {
        assert_eq!(d["file"], "demo/situation.yaml", "{d}");
        assert_eq!(d["path"], "sections[0].body", "{d}");
        assert!(d["line"].as_u64().unwrap() > 1, "{d}");
    }
    let out = fx.run(&["render", DIR, "--out", "out", "--allow-errors"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let dir = fx.root().join("out");
    let md = String::from_utf8(file_with(&dir, "md")).unwrap();
    // The Markdown as a viewer reads it: no link node with a script address.
    let arena = comrak::Arena::new();
    let mut o = comrak::Options::default();
    o.extension.autolink = true;
    let root = comrak::parse_document(&arena, &md, &o);
    let urls: Vec<String> = root
        .descendants()
        .filter_map(|n| match &n.data().value {
            NodeValue::Link(l) | NodeValue::Image(l) => Some(l.url.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    assert!(
        urls.iter().all(|u| !SCHEMES.iter().any(|s| u.starts_with(s))),
        "live in the Markdown: {urls:?}"
    );
    assert!(urls.iter().any(|u| u == "https://example.lv"), "{urls:?}");
    for text in ["[a]", "[b]", "[g]"] {
        assert!(!md.contains(&format!("{text}(")), "{text} is still a link:\n{md}");
    }
    // Word: no relationship to a script or local address.
    for (name, text) in docx_parts(file_with(&dir, "docx")) {
        if name.ends_with(".rels") {
            let lower = text.to_ascii_lowercase();
            for s in SCHEMES {
                assert!(!lower.contains(&format!("target=\"{s}")), "{s} in {name}: {text}");
            }
        }
    }
}

#[test]
fn check_refuses_every_id_render_refuses() {
    let long = "x".repeat(300);
    for id in [
        "\"\"",
        "\"..\"",
        "a/b",
        "\"a\\nb\"",
        "\".hidden\"",
        long.as_str(),
        "\"a b\"",
    ] {
        let fx = Fixture::valid().patch("programme", "id: demo-2025-2028", &format!("id: {id}"));
        let out = fx.check();
        assert_eq!(out.code, 1, "id {id}: {}", out.pretty());
        let d = out.only("invalid-value");
        assert_eq!(d["file"], "demo/programme.yaml", "{d}");
        assert_eq!(d["line"], 2, "{d}");
        let render = fx.run(&["render", DIR, "--out", "out", "--allow-errors"]);
        assert_eq!(render.code, 2, "id {id}: {}", render.stderr);
        assert!(
            !fx.root().join("out").exists()
                || std::fs::read_dir(fx.root().join("out")).unwrap().next().is_none()
        );
    }
    // The longest id render accepts, check accepts as well.
    let fx = Fixture::valid().patch(
        "programme",
        "id: demo-2025-2028",
        &format!("id: {}", "x".repeat(200)),
    );
    let results = fx.path(common::RESULTS);
    let text = std::fs::read_to_string(&results).unwrap();
    std::fs::write(&results, text.replace("demo-2025-2028", &"x".repeat(200))).unwrap();
    let out = fx.check();
    assert_eq!(out.code, 0, "{}", out.pretty());
    let out = fx.run(&["render", DIR, "--out", "out"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

const ESC: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";

fn assert_no_raw_controls(text: &str, what: &str) {
    for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{0}'] {
        assert!(!text.contains(c), "{what} carries {c:?} raw:\n{text:?}");
    }
}

/// The valid programme with an escape sequence in every monitoring event's title and in an
/// institution's name.
fn escapes_in_titles() -> Fixture {
    let mut fx = Fixture::valid();
    for title in [
        "Datu apkopošana",
        "Ikgadējais pārskats",
        "Darba grupas sanāksmes",
        "Gala pārskats",
    ] {
        fx = fx.patch(
            "monitoring",
            &format!("title: {title}"),
            &format!("title: {}", quoted(&format!("{ESC}{title}"))),
        );
    }
    fx.patch(
        "institutions",
        "name: Demo novada Sociālais dienests",
        &format!(
            "name: {}",
            quoted(&format!("{ESC}Demo novada Sociālais dienests"))
        ),
    )
}

#[test]
fn due_and_the_calendar_show_escape_sequences_visibly() {
    let fx = escapes_in_titles();
    for format in ["text", "github"] {
        let out = fx.run(&["due", DIR, "--within", "800", "--format", format]);
        assert!(out.code <= 1, "{}", out.stderr);
        assert!(
            out.stdout.contains("pārskats"),
            "due --format {format}:\n{}",
            out.stdout
        );
        assert_no_raw_controls(&out.stdout, &format!("due --format {format}"));
        assert!(
            out.stdout.contains("\\u{1b}"),
            "due --format {format}:\n{}",
            out.stdout
        );
    }
    let out = fx.run(&["calendar", DIR, "--format", "md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_no_raw_controls(&out.stdout, "calendar --format md");
    assert!(out.stdout.contains("\\u{1b}"), "{}", out.stdout);
    let out = fx.run(&["calendar", DIR, "--format", "md", "--out", "cal.md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file = std::fs::read_to_string(fx.root().join("cal.md")).unwrap();
    assert_no_raw_controls(&file, "calendar .md file");
}

#[test]
fn check_for_github_shows_escape_sequences_visibly() {
    let fx = escapes_in_titles().patch(
        "goals",
        "title: Visi",
        &format!(
            "title: {}Visi",
            quoted(ESC).trim_end_matches('"').trim_start_matches('"')
        ),
    );
    // An unknown institution and a goal title with the sequence: both reach the annotations.
    let fx = fx.patch(
        "plan",
        "responsible: [IP]",
        &format!("responsible: [{}]", quoted(&format!("{ESC}Nezināma"))),
    );
    let out = fx.run(&["check", DIR, "--format", "github"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("::error"), "{}", out.stdout);
    assert_no_raw_controls(&out.stdout, "check --format github");
    assert!(out.stdout.contains("\\u{1b}"), "{}", out.stdout);
}

#[test]
fn errors_quoting_an_id_an_argument_or_pmp_toml_show_escape_sequences_visibly() {
    // An id that cannot be a file name, quoted by render's refusal.
    let fx = Fixture::valid().patch(
        "programme",
        "id: demo-2025-2028",
        &format!("id: {}", quoted(&format!("{ESC}demo"))),
    );
    for args in [
        vec!["render", DIR, "--out", "out", "--allow-errors"],
        vec!["report", DIR, "--year", "2025", "--out", "out", "--allow-errors"],
    ] {
        let out = fx.run(&args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_no_raw_controls(&out.stderr, &format!("{args:?}"));
        assert!(out.stderr.contains("\\u{1b}"), "{args:?}: {}", out.stderr);
    }
    // An argument echoed back.
    let fx = Fixture::valid();
    let arg = format!("{ESC}nav");
    let out = fx.run(&["check", &arg]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_no_raw_controls(&out.stderr, "an echoed argument");
    // A pmp.toml that does not parse, its bad line quoted.
    fx.write_root("pmp.toml", format!("[rules]\n{ESC} = 1\n"));
    let out = fx.run(&["check", DIR]);
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert_no_raw_controls(&out.stderr, "a pmp.toml error");
    assert_no_raw_controls(&out.stdout, "a pmp.toml error");
}

#[test]
fn text_documents_carry_no_raw_controls_or_noncharacters() {
    let body = "Teksts\u{1}ar\u{0}vadības\u{85}rakstzīmēm\u{9b}un\u{fffe}ne\u{ffff}rakstzīmēm.";
    let fx = Fixture::valid().patch("situation", SITUATION_BODY, &format!("body: {}", quoted(body)));
    let out = fx.run(&["render", DIR, "--out", "out", "--allow-errors"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let dir = fx.root().join("out");
    for ext in ["html", "md"] {
        let text = String::from_utf8(file_with(&dir, ext)).unwrap();
        assert!(text.contains("rakstzīmēm"), "{ext}");
        for c in text.chars() {
            let bad =
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}';
            assert!(!bad, ".{ext} carries {c:?}");
        }
    }
}

#[test]
fn diff_of_a_folder_too_large_to_read_from_git_says_so() {
    let fx = Fixture::valid();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=pmp", "-c", "user.email=pmp@example.invalid"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(fx.root())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("run git");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    for n in [993, 1100] {
        std::fs::create_dir_all(fx.path("extra")).unwrap();
        for i in 0..n {
            std::fs::write(fx.path(&format!("extra/{i:04}.txt")), format!("{i}")).unwrap();
        }
        git(&["add", "-A"]);
        git(&["commit", "-q", "-m", "x"]);
        let out = run_in(fx.root(), &["diff", &format!("HEAD:{DIR}"), DIR], &[]);
        assert_eq!(out.code, 2, "{n} files: {}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("1000"), "{n} files: {}", out.stderr);
        assert!(!out.stdout.contains("added"), "{}", out.stdout);
        std::fs::remove_dir_all(fx.path("extra")).unwrap();
    }
}

#[test]
fn an_output_never_replaces_a_file_of_the_programme() {
    let fx = Fixture::valid();
    let plan = fx.text("plan");
    let results = std::fs::read_to_string(fx.path(common::RESULTS)).unwrap();
    for out in [
        format!("{DIR}/plan.yaml"),
        format!("{DIR}/results/2025.yaml"),
        format!("{DIR}/results/../plan.yaml"),
        format!("{DIR}/new.yaml"),
    ] {
        for format in ["ics", "md", "json"] {
            let run = fx.run(&["calendar", DIR, "--format", format, "--out", &out]);
            assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
            assert!(run.stderr.contains("file of the programme"), "{}", run.stderr);
        }
    }
    assert_eq!(fx.text("plan"), plan);
    assert_eq!(
        std::fs::read_to_string(fx.path(common::RESULTS)).unwrap(),
        results
    );
    assert!(!fx.path("new.yaml").exists());
    // A calendar beside the parts is fine.
    let run = fx.run(&["calendar", DIR, "--out", &format!("{DIR}/kalendars.ics")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_programme_with_the_id_readme_cannot_replace_the_folders_readme() {
    let fx = Fixture::valid().patch("programme", "id: demo-2025-2028", "id: README");
    let results = std::fs::read_to_string(fx.path(common::RESULTS)).unwrap();
    std::fs::write(
        fx.path(common::RESULTS),
        results.replace("demo-2025-2028", "README"),
    )
    .unwrap();
    fx.write("README.md", "hand-written\n");
    let out = fx.check();
    assert_eq!(out.code, 1, "{}", out.pretty());
    assert_eq!(out.only("invalid-value")["file"], "demo/programme.yaml");
    for args in [
        vec!["render", DIR, "--out", DIR, "--allow-errors"],
        vec!["report", DIR, "--year", "2025", "--out", DIR, "--allow-errors"],
    ] {
        let run = fx.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(fx.path("README.md")).unwrap(),
        "hand-written\n"
    );
}

#[cfg(unix)]
#[test]
fn documents_take_no_permissions_through_a_planted_link() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::valid();
    let open = fx.root().join("open");
    std::fs::write(&open, "x").unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::create_dir(fx.root().join("out")).unwrap();
    for ext in ["md", "html", "docx"] {
        std::os::unix::fs::symlink(&open, fx.root().join(format!("out/demo-2025-2028.{ext}"))).unwrap();
    }
    let run = fx.run(&["render", DIR, "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for ext in ["md", "html", "docx"] {
        let m = std::fs::symlink_metadata(fx.root().join(format!("out/demo-2025-2028.{ext}"))).unwrap();
        assert!(m.is_file());
        assert_eq!(m.permissions().mode() & 0o002, 0, ".{ext} is writable by all");
    }
    assert_eq!(std::fs::read_to_string(&open).unwrap(), "x");
}

/// A Word template whose header shows `shown` images, cycling through `distinct` parts of
/// `size` zero bytes each (compressed once, copied as they are).
fn template_with_images(path: &std::path::Path, distinct: usize, shown: usize, size: usize) {
    use std::io::Write;
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for i in 0..shown {
        rels.push_str(&format!(
            r#"<Relationship Id="rId{i}" Type="{REL}/image" Target="media/image{}.png"/>"#,
            i % distinct
        ));
    }
    rels.push_str("</Relationships>");
    let parts = [
        (
            "word/document.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:p/><w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr></w:body></w:document>"#
            ),
        ),
        (
            "word/_rels/document.xml.rels".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/header" Target="header1.xml"/></Relationships>"#
            ),
        ),
        (
            "word/header1.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}><w:p><w:r><w:t>Galva</w:t></w:r></w:p></w:hdr>"#
            ),
        ),
        ("word/_rels/header1.xml.rels".to_string(), rels),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in &parts {
        z.start_file(name.as_str(), deflated).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.start_file("word/media/image0.png", deflated).unwrap();
    z.write_all(&vec![0u8; size]).unwrap();
    for k in 1..distinct {
        z.deep_copy_file("word/media/image0.png", &format!("word/media/image{k}.png"))
            .unwrap();
    }
    std::fs::write(path, z.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn a_reference_doc_is_bounded_in_size_and_type() {
    let fx = Fixture::valid();
    let render_with = |doc: &str| {
        fx.run(&[
            "render",
            DIR,
            "--out",
            "out",
            "--format",
            "docx",
            "--reference-doc",
            doc,
        ])
    };
    // A device that never ends is refused at once, not read until memory runs out.
    let out = render_with("/dev/zero");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
    // Parts unpacking to more than 64 MiB together are refused.
    let big = fx.root().join("big.docx");
    template_with_images(&big, 70, 70, 1 << 20);
    let out = render_with("big.docx");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("64 MiB"), "{}", out.stderr);
    // One image shown sixty times is read once, and the document holds it once.
    let many = fx.root().join("many.docx");
    template_with_images(&many, 1, 60, 4 << 20);
    let out = render_with("many.docx");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let bytes = file_with(&fx.root().join("out"), "docx");
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let images = zip.file_names().filter(|n| n.contains("media/")).count();
    assert_eq!(images, 1, "{:?}", zip.file_names().collect::<Vec<_>>());
}

#[test]
fn init_refuses_a_municipality_with_a_line_break_or_control_character() {
    let fx = Fixture::empty();
    for name in ["A\nid: evil", "A\u{1b}[2Jnovads", "A\rB", "A\u{85}B"] {
        let out = run_in(
            fx.root(),
            &[
                "init",
                "jauna",
                "--municipality",
                name,
                "--from",
                "2025",
                "--to",
                "2028",
            ],
            &[],
        );
        assert_eq!(out.code, 2, "{name:?}: {}\n{}", out.stdout, out.stderr);
        assert_no_raw_controls(&out.stderr, "init's error");
        assert!(
            !fx.root().join("jauna").exists(),
            "{name:?}: something was written"
        );
    }
    // A name with quotes and a backslash is written as it is, escaped in its quoted scalar.
    let out = run_in(
        fx.root(),
        &[
            "init",
            "jauna",
            "--municipality",
            "\"Ā\\B\" novads",
            "--from",
            "2025",
            "--to",
            "2028",
        ],
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(fx.root().join("jauna/programme.yaml")).unwrap();
    assert!(text.contains(r#"municipality: "\"Ā\\B\" novads""#), "{text}");
}

#[test]
fn invisible_characters_are_shown_in_messages() {
    let fx = Fixture::valid().patch("plan", "responsible: [IP]", "responsible: [\"IP\\u200b\"]");
    let out = fx.run(&["check", DIR, "--color", "never"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("IP\\u{200b}"), "{}", out.stdout);
    assert!(!out.stdout.contains('\u{200b}'), "{}", out.stdout);
}
