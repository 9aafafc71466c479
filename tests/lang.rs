//! The language of messages: a new working group's session in Latvian and in English (`pmp
//! init`, then ten typical mistakes, each answered at its line with a fix), and how the
//! language is chosen (`--lang`, `pmp.toml`, the locale).

mod common;

use common::{Fixture, Output, help, latvian_faults, run_in};

const DIR: &str = "jaunpils-2025-2029";

/// A fresh programme from `pmp init`, in a temporary folder.
fn init(lang: &str) -> (tempfile::TempDir, Output) {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_in(
        tmp.path(),
        &[
            "--lang",
            lang,
            "init",
            DIR,
            "--municipality",
            "Jaunpils novads",
            "--from",
            "2025",
            "--to",
            "2029",
        ],
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    (tmp, out)
}

/// One typical mistake: the part it is made in, the text replaced and its replacement, the
/// code it must give and the text on the line it must be reported at.
struct Slip {
    what: &'static str,
    part: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    at: &'static str,
}

const SLIPS: &[Slip] = &[
    Slip {
        what: "a key indented one space too far",
        part: "goals",
        from: "    level: targeted",
        to: "     level: targeted",
        code: "yaml-syntax",
        at: "     level: targeted",
    },
    Slip {
        what: "a tab in the indentation",
        part: "goals",
        from: "    level: targeted",
        to: "\tlevel: targeted",
        code: "yaml-syntax",
        at: "\tlevel",
    },
    Slip {
        what: "a number with a decimal comma",
        part: "indicators",
        from: "baseline: {value: 0, year: 2025, text:",
        to: "baseline: {value: 12,5, year: 2025, text:",
        code: "wrong-type",
        at: "value: 12,5",
    },
    Slip {
        what: "a misspelt field",
        part: "goals",
        from: "    title: \"TODO: mērķis riska grupām\"",
        to: "    titel: \"TODO: mērķis riska grupām\"",
        code: "unknown-field",
        at: "titel",
    },
    Slip {
        what: "a misspelt prevention level",
        part: "goals",
        from: "level: targeted",
        to: "level: targetd",
        code: "invalid-value",
        at: "targetd",
    },
    Slip {
        what: "an activity under a goal that does not exist",
        part: "plan",
        from: "    goal: g2",
        to: "    goal: g7",
        code: "unknown-id",
        at: "g7",
    },
    Slip {
        what: "a sentence cut at a comma in a [...] list",
        part: "plan",
        from: "    results:\n      - \"TODO: pasākuma sagaidāmais rezultāts\"\n    responsible: [SD]",
        to: "    results: [Sagatavoti mentori, kas sniedz atbalstu]\n    responsible: [SD]",
        code: "comma-split",
        at: "kas sniedz",
    },
    Slip {
        what: "an activity year outside the period",
        part: "plan",
        from: "years: [2025, 2026, 2027, 2028, 2029]",
        to: "years: [2025, 2026, 2027, 2028, 2029, 2030]",
        code: "year-outside-period",
        at: "2030",
    },
    Slip {
        what: "a total row that is not the sum of its rows",
        part: "situation",
        from: "- cells: [Kopā, 0]",
        to: "- cells: [Kopā, 12]",
        code: "total-mismatch",
        at: "12]",
    },
    Slip {
        what: "a responsible body the registry does not know",
        part: "plan",
        from: "responsible: [SD]",
        to: "responsible: [Sociālais dienets]",
        code: "unknown-institution",
        at: "Sociālais dienets",
    },
];

/// 1-based line of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> u64 {
    let off = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the file"));
    text[..off].matches('\n').count() as u64 + 1
}

/// Makes one slip in a fresh programme and checks it in both languages: the finding is at the
/// slip's line, with a help line, and its Latvian form is Latvian.
fn answered(slip: &Slip) -> (String, String) {
    let (tmp, _) = init("lv");
    let file = tmp.path().join(DIR).join(format!("{}.yaml", slip.part));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(slip.from), "{}: the template changed", slip.what);
    let text = text.replacen(slip.from, slip.to, 1);
    std::fs::write(&file, &text).unwrap();
    let run = |lang: &str| {
        run_in(
            tmp.path(),
            &["--lang", lang, "check", DIR, "--format", "json"],
            &[],
        )
    };
    let (en, lv) = (run("en"), run("lv"));
    let pick = |out: &Output| -> serde_json::Value {
        out.diagnostics()
            .iter()
            .find(|d| d["code"] == slip.code)
            .unwrap_or_else(|| panic!("{}: no {} in\n{}", slip.what, slip.code, out.pretty()))
            .clone()
    };
    let (e, l) = (pick(&en), pick(&lv));
    let line = line_of(&text, slip.at);
    assert_eq!(l["line"], line, "{}: {l}", slip.what);
    assert_eq!(e["line"], l["line"], "{}", slip.what);
    assert!(!help(&l).is_empty(), "{}: no help: {l}", slip.what);
    let codes = [slip.code.to_string()].into_iter().collect();
    let faults = latvian_faults(std::slice::from_ref(&e), std::slice::from_ref(&l), &codes);
    assert!(faults.is_empty(), "{}: {faults:#?}", slip.what);
    // The human report, as the group sees it.
    let human = |lang: &str| {
        run_in(
            tmp.path(),
            &["--lang", lang, "check", DIR, "--color", "never"],
            &[],
        )
        .stdout
    };
    (human("lv"), human("en"))
}

#[test]
fn a_new_group_gets_ten_typical_mistakes_answered_in_both_languages() {
    let (_, lv) = init("lv");
    assert!(
        lv.stdout
            .starts_with("izveidota mape jaunpils-2025-2029 ar 8 daļām"),
        "{}",
        lv.stdout
    );
    let (_, en) = init("en");
    assert!(
        en.stdout.starts_with("created jaunpils-2025-2029 with 8 parts"),
        "{}",
        en.stdout
    );
    for slip in SLIPS {
        let (lv, en) = answered(slip);
        assert!(lv.contains("1 programma, 9 faili:"), "{}:\n{lv}", slip.what);
        assert!(en.contains("1 programme(s), 9 file(s):"), "{}:\n{en}", slip.what);
        // miette's footer label, in the report's language.
        assert!(
            lv.contains("padoms:") && !lv.contains("help:") && lv.contains(slip.code),
            "{}:\n{lv}",
            slip.what
        );
        assert!(en.contains("help:"), "{}:\n{en}", slip.what);
    }
}

#[test]
fn the_fresh_programme_has_only_placeholders_and_its_summary_is_latvian() {
    let (tmp, _) = init("lv");
    let out = run_in(
        tmp.path(),
        &["--lang", "lv", "check", DIR, "--color", "never"],
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .trim_end()
            .ends_with("1 programma, 9 faili: 0 kļūdas, 0 brīdinājumi, 38 piezīmes"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("aizstājiet vietturi ar programmas tekstu"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_language_comes_from_the_flag_then_pmp_toml_then_the_locale() {
    let fx = Fixture::valid().patch("goals", "level: targeted", "level: targetd");
    let says_lv = |o: &Output| o.stdout.contains("vai domājāt `targeted`?");
    let says_en = |o: &Output| o.stdout.contains("did you mean `targeted`?");
    let check = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = args.to_vec();
        all.extend(["check", "demo", "--color", "never"]);
        fx.run_env(&all, env)
    };
    // The locale, when nothing else says.
    let lv = check(
        &[],
        &[("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "lv_LV.UTF-8")],
    );
    assert!(says_lv(&lv), "{}", lv.stdout);
    let en = check(&[], &[("LC_ALL", "C.UTF-8"), ("LANG", "lv_LV.UTF-8")]);
    assert!(says_en(&en), "{}", en.stdout);
    // pmp.toml over the locale, the flag over both; placed before or after the command.
    fx.write_root("pmp.toml", "lang = \"lv\"\n");
    let toml = check(&[], &[("LC_ALL", "C.UTF-8")]);
    assert!(says_lv(&toml), "{}", toml.stdout);
    let flag = check(&["--lang", "en"], &[("LANG", "lv_LV.UTF-8")]);
    assert!(says_en(&flag), "{}", flag.stdout);
    let after = fx.run_env(&["check", "demo", "--lang", "en"], &[("LANG", "lv_LV.UTF-8")]);
    assert!(says_en(&after), "{}", after.stdout);
    // Codes and JSON keys do not change with the language.
    let json = fx.run(&["--lang", "lv", "check", "demo", "--format", "json"]);
    assert_eq!(json.diagnostics()[0]["code"], "invalid-value");
    assert_eq!(json.value()["summary"]["errors"], 1);
}

#[test]
fn failures_due_and_diff_speak_latvian() {
    let fx = Fixture::valid();
    let missing = fx.run(&["--lang", "lv", "check", "nav-tadas-mapes"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .starts_with("kļūda: nav-tadas-mapes: šāda faila vai mapes nav"),
        "{}",
        missing.stderr
    );
    let due = fx.run(&["--lang", "lv", "due", "demo", "--today", "2025-09-01"]);
    assert!(
        due.stdout.contains("(šodien 01.09.2025., nākamās 30 dienas):"),
        "{}",
        due.stdout
    );
    assert!(due.stdout.contains("nokavēti: "), "{}", due.stdout);
    let en = fx.run(&["--lang", "en", "due", "demo", "--today", "2025-09-01"]);
    assert!(
        en.stdout.contains("(today 2025-09-01, next 30 days):"),
        "{}",
        en.stdout
    );
    // A changed title, compared in Latvian.
    common::copy_tree(&fx.dir(), &fx.root().join("old"));
    let fx = fx.patch("goals", "title: Visi izglītojamie", "title: Visi skolēni");
    let diff = fx.run(&["--lang", "lv", "diff", "old", "demo"]);
    assert!(diff.stdout.contains("\nMērķi\n"), "{}", diff.stdout);
    assert!(diff.stdout.contains("nosaukums: "), "{}", diff.stdout);
    assert!(diff.stdout.contains("[būtiska]"), "{}", diff.stdout);
    assert!(diff.stdout.contains("izmaiņu kopā: 1 "), "{}", diff.stdout);
}

/// Words of clap's and of the English help that must not appear in the Latvian interface.
const ENGLISH: [&str; 14] = [
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print help",
    "Print version",
    "default:",
    "possible values",
    "Output format",
    "programme folder",
    "error:",
    "For more information",
    "SYNOPSIS",
    "DESCRIPTION",
];

fn english_in(text: &str) -> Vec<&'static str> {
    ENGLISH.into_iter().filter(|w| text.contains(w)).collect()
}

/// `pmp --lang lv --help`, every command's help, a usage mistake and the manual pages are
/// Latvian; English stays where it is asked for.
#[test]
fn help_usage_errors_and_man_pages_speak_latvian() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(tmp.path(), args, &[]);
    let top = run(&["--lang", "lv", "--help"]);
    assert_eq!(top.code, 0, "{}", top.stderr);
    assert!(
        top.stdout.contains("Lietojums: pmp [IESPĒJAS] <KOMANDA>"),
        "{}",
        top.stdout
    );
    assert!(
        english_in(&top.stdout).is_empty(),
        "{:?} in\n{}",
        english_in(&top.stdout),
        top.stdout
    );
    let commands = [
        "check",
        "schema",
        "init",
        "calendar",
        "due",
        "render",
        "report",
        "diff",
        "show",
        "explain",
        "completions",
        "man",
    ];
    for c in commands {
        for flag in ["-h", "--help"] {
            let out = run(&["--lang", "lv", c, flag]);
            assert_eq!(out.code, 0, "{c}: {}", out.stderr);
            let found = english_in(&out.stdout);
            assert!(found.is_empty(), "pmp {c} {flag}: {found:?} in\n{}", out.stdout);
            assert!(
                out.stdout.contains("Lietojums: pmp "),
                "pmp {c} {flag}:\n{}",
                out.stdout
            );
        }
    }
    let via_help = run(&["--lang", "lv", "help", "diff"]);
    assert!(
        via_help
            .stdout
            .contains("Lietojums: pmp diff [IESPĒJAS] <VECĀ> <JAUNĀ>"),
        "{}",
        via_help.stdout
    );
    // The locale chooses too, as for messages.
    let by_locale = run_in(tmp.path(), &["due", "--help"], &[("LC_ALL", "lv_LV.UTF-8")]);
    assert!(
        by_locale.stdout.contains("Izvades formāts"),
        "{}",
        by_locale.stdout
    );
    let mistake = run(&["--lang", "lv", "check", "--format", "yaml"]);
    assert_eq!(mistake.code, 2);
    assert!(
        mistake
            .stderr
            .starts_with("kļūda: nederīga vērtība 'yaml' argumentam '--format <FORMĀTS>'"),
        "{}",
        mistake.stderr
    );
    assert!(english_in(&mistake.stderr).is_empty(), "{}", mistake.stderr);
    let date = run(&["--lang", "lv", "due", "--today", "2025-13-01"]);
    assert!(
        date.stderr.contains("nav datums formā GGGG-MM-DD"),
        "{}",
        date.stderr
    );
    let man = run(&["--lang", "lv", "man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    for heading in [
        ".SH NOSAUKUMS",
        ".SH LIETOJUMS",
        ".SH \"IZEJAS KODS\"",
        ".SH \"VIDES MAINĪGIE\"",
    ] {
        assert!(man.stdout.contains(heading), "{heading} in\n{}", man.stdout);
    }
    assert!(
        english_in(&man.stdout).is_empty(),
        "{:?}",
        english_in(&man.stdout)
    );
    // In English, English.
    let en = run(&["--lang", "en", "check", "--help"]);
    assert!(
        en.stdout.contains("Usage: pmp check [OPTIONS] [PATHS]..."),
        "{}",
        en.stdout
    );
}

/// The YAML slips a newcomer makes, named by their likely cause in both languages: a list
/// left open (`[…` without `]`), a field without its colon, a colon inside a value; the parser's
/// own English never in the Latvian.
#[test]
fn yaml_slips_are_named_by_their_likely_cause() {
    let json = |fx: &Fixture, lang: &str| {
        let out = fx.run(&["--lang", lang, "check", common::DIR, "--format", "json"]);
        out.only("yaml-syntax").clone()
    };
    // A row's list not closed: the parser stumbles on the next row's colon.
    let fx = Fixture::valid().patch("situation", "[Sociālais pedagogs, 1]", "[Sociālais pedagogs, 1");
    let (en, lv) = (json(&fx, "en"), json(&fx, "lv"));
    let (line, column) = fx.pos("situation", "[Sociālais pedagogs");
    assert_eq!(
        (en["line"].as_u64().unwrap(), en["column"].as_u64().unwrap()),
        (line, column),
        "{en}"
    );
    assert_eq!(
        en["message"],
        format!("the `[` opened on line {line} is never closed: a `]` is missing")
    );
    assert_eq!(
        lv["message"],
        format!("{line}. rindā atvērtā iekava `[` nav aizvērta: trūkst `]`")
    );
    // A list item's field without its colon: the parser stumbles on the next field.
    let fx = Fixture::valid().patch("goals", "  - id: g2\n", "  - id g2\n");
    let (en, lv) = (json(&fx, "en"), json(&fx, "lv"));
    let (line, _) = fx.pos("goals", "- id g2");
    assert_eq!(
        en["message"],
        format!("line {line} has no colon after the field's name")
    );
    assert!(help(&en).starts_with("write `- id: g2`"), "{en}");
    assert_eq!(
        lv["message"],
        format!("{line}. rindā aiz lauka nosaukuma trūkst kola")
    );
    assert!(
        help(&lv).starts_with("rakstiet `- id: g2` (YAML lasītājs: "),
        "{lv}"
    );
    // A colon inside a value: the advice is about quoting, not indentation.
    let fx = Fixture::valid().patch("goals", "title: Visi izglītojamie", "title: Visi: izglītojamie");
    let lv = json(&fx, "lv");
    assert_eq!(
        lv["message"],
        "šeit nevar sākties jauns lauks; ja tekstā ir „: ”, lieciet visu tekstu pēdiņās"
    );
    assert!(help(&lv).contains("lieciet visu tekstu pēdiņās"), "{lv}");
    assert!(!help(&lv).contains("atkāpes"), "{lv}");
    // An unclosed quote that runs on: the parser's words said in Latvian.
    let fx = Fixture::valid().patch("goals", "title: Visi izglītojamie", "title: \"Visi izglītojamie");
    let lv = json(&fx, "lv");
    let message = lv["message"].as_str().unwrap();
    assert!(!message.contains("parsētāj"), "{message}");
    assert!(
        !message.contains("invalid") && !message.contains("scalar"),
        "{message}"
    );
}

/// A month written as a word gets the month's advice, not a year's (`2026`).
#[test]
fn a_month_written_as_a_word_is_answered_with_its_number() {
    let fx = Fixture::valid().patch(
        "monitoring",
        "{every: yearly, month: 8}",
        "{every: yearly, month: augusts}",
    );
    let en = fx.run(&["--lang", "en", "check", common::DIR, "--format", "json"]);
    let lv = fx.run(&["--lang", "lv", "check", common::DIR, "--format", "json"]);
    let (en, lv) = (&en.diagnostics()[0], &lv.diagnostics()[0]);
    assert_eq!(
        help(en),
        "a month is written as a number from 1 to 12, e.g. August is 8",
        "{en}"
    );
    assert_eq!(
        help(lv),
        "mēnesi raksta ar skaitli no 1 līdz 12, piemēram, augusts = 8",
        "{lv}"
    );
}

/// A keyword written as its Latvian word (`unit: skaits`) is answered with the keyword.
#[test]
fn a_latvian_word_for_a_keyword_gets_the_keyword() {
    let fx = Fixture::valid().patch(
        "indicators",
        "nepietiekamiem vērtējumiem\n    unit: count",
        "nepietiekamiem vērtējumiem\n    unit: skaits",
    );
    let lv = fx.run(&["--lang", "lv", "check", common::DIR, "--format", "json"]);
    let d = lv.only("invalid-value");
    assert_eq!(
        help(d),
        "vērtības raksta ar angļu valodas atslēgvārdiem: `skaits` ir `count`",
        "{d}"
    );
}

/// A long message wraps at spaces only: the keyword list keeps `education-board` whole
/// (it was cut into `education-` and `board` at the end of a line).
#[test]
fn wrapped_messages_keep_keywords_whole() {
    let fx = Fixture::valid().patch(
        "institutions",
        "kind: education-board",
        "kind: izglītības pārvalde",
    );
    let out = fx.run(&["--lang", "lv", "check", common::DIR]);
    assert!(out.stdout.contains("education-board"), "{}", out.stdout);
    assert!(!out.stdout.contains("education-\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "vērtības raksta ar angļu valodas atslēgvārdiem: `izglītības pārvalde` ir `education-board`"
        ),
        "{}",
        out.stdout
    );
}
