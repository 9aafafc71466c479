//! Defect injection: each real programme in `programmes/` is copied to a temporary folder, one
//! realistic mistake is written into one of its files, and `pmp check --format json` must
//! report a finding that the unmutated programme does not have, with the expected code, at the
//! place of the mistake (the lines edited, or a named line of the entity the edit changed).
//!
//! The mutants are the kinds of mistake the adopted documents themselves contain (a total typed
//! wrong, a figure changed so a total no longer adds up, a goal number used twice, a body
//! misspelled, a year outside the period, ...; see `programmes/*/TRANSCRIPTION.md` and the
//! domain notes), not a list derived from the rules. Each one is a single textual replacement
//! of a string that must occur exactly once in the file, so a later change in a transcription
//! cannot silently turn a mutant into a no-op: the test then fails and names it.
//!
//! The run prints a catch table per kind and one per relation of `docs/invariants.md` (by the
//! code that checks it: rows of the inventory, mutants on Jelgava/Ogre, caught;
//! `cargo test --test defects -- --nocapture` shows them on success) and fails unless every
//! mutant in `MUTANTS` is caught (100 %), every harmless edit in `CONTROLS` adds no finding,
//! and every code the inventory names has a mutant or a reason in `NO_MUTANT`. The mutants
//! below the „Written from docs/invariants.md” line were written from the inventory, one or
//! more per relation a rule checks, on both programmes where the programme has the field.
//! `KNOWN_MISSES` holds realistic mistakes the checker does not find (where expected) yet:
//! they are run and printed; one that becomes caught fails the run until it is moved to
//! `MUTANTS`, so a fix is recorded and stays fixed.
//!
//! `DEFECTS_VERBOSE=1` also prints the finding that caught each mutant.
//!
//! To add a mutant, append one line to `MUTANTS`:
//! `m(kind, programme, file, find, replace, expected code, place)`, where place is `HERE` (the
//! edited lines), `at("text")` (the line of `text` in the mutated file) or
//! `at_in("file", "text")` (that line in another file of the programme). `WHOLE_FILE` as find
//! replaces a whole file, or creates one the programme does not have; with `DELETED` as
//! replace, the file is deleted.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Jelgava 2024–2028.
const J: &str = "jelgava-2024-2028";
/// Ogre 2024–2027.
const O: &str = "ogre-2024-2027";

/// Where the expected finding must be.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// On one of the lines the replacement occupies in the mutated file (for a pure deletion:
    /// the line before or after the cut).
    Here,
    /// On the line of this text (which must occur once) in the mutated file.
    At(&'static str),
    /// On the line of this text (which must occur once) in another file of the programme.
    AtIn(&'static str, &'static str),
}

const HERE: Place = Place::Here;

/// As `find`: the whole file (replaced by `replace`), or a new file when the programme has
/// none of that name.
const WHOLE_FILE: &str = "";

/// As `replace` with `WHOLE_FILE`: the file is deleted.
const DELETED: &str = "\u{0}deleted";

const fn at(text: &'static str) -> Place {
    Place::At(text)
}

const fn at_in(file: &'static str, text: &'static str) -> Place {
    Place::AtIn(file, text)
}

/// One injected defect.
#[derive(Debug, Clone, Copy)]
struct Mutant {
    /// The kind of mistake (the catch table's rows).
    kind: &'static str,
    /// The programme's folder under `programmes/`.
    prog: &'static str,
    /// The file the mistake is written into.
    file: &'static str,
    /// The exact text replaced; it must occur exactly once in the file (`WHOLE_FILE`: all of
    /// it, or a file created).
    find: &'static str,
    /// What replaces it.
    replace: &'static str,
    /// The code the finding must have.
    code: &'static str,
    /// Where the finding must be.
    place: Place,
}

#[allow(clippy::too_many_arguments)]
const fn m(
    kind: &'static str,
    prog: &'static str,
    file: &'static str,
    find: &'static str,
    replace: &'static str,
    code: &'static str,
    place: Place,
) -> Mutant {
    Mutant {
        kind,
        prog,
        file,
        find,
        replace,
        code,
        place,
    }
}

#[rustfmt::skip]
const MUTANTS: &[Mutant] = &[
    // A printed total mistyped (digits swapped or misread).
    m("total-typo", J, "situation.yaml", "[null, \"KOPĀ\", 3663, 1898, 856, 680, 229]", "[null, \"KOPĀ\", 3663, 1889, 856, 680, 229]", "total-mismatch", HERE),
    m("total-typo", J, "table-1-4.csv", ",Kopā:,4.0,4.9,7.8,7.8,3.6,total", ",Kopā:,4.6,4.9,7.8,7.8,3.6,total", "total-mismatch", HERE),
    m("total-typo", J, "situation.yaml", "[Kopā, 136, 13, 321, 25]", "[Kopā, 163, 13, 321, 25]", "total-mismatch", HERE),
    m("total-typo", J, "situation.yaml", "value: 88\n", "value: 86\n", "total-mismatch", HERE),
    m("total-typo", O, "situation.yaml", "value: 10.763", "value: 10.736", "total-mismatch", HERE),
    m("total-typo", O, "situation.yaml", "value: 26.413", "value: 26.431", "total-mismatch", HERE),
    m("total-typo", O, "situation.yaml", "[\"Ikšķiles vidusskola\", 802, 311, 56, 1169, 24, 14, null, 1207]", "[\"Ikšķiles vidusskola\", 802, 311, 56, 1196, 24, 14, null, 1207]", "total-mismatch", HERE),
    // A figure in a row changed, so a total elsewhere no longer adds up.
    m("row-figure-changed", J, "situation.yaml", "[\"Vidusskolas\", \"Elejas vidusskola\", 276]", "[\"Vidusskolas\", \"Elejas vidusskola\", 267]", "total-mismatch", at("value: 2984")),
    m("row-figure-changed", J, "situation.yaml", "[\"1\", \"Sesavas pamatskola\", 146, 87, 11, 48, 0]", "[\"1\", \"Sesavas pamatskola\", 146, 78, 11, 48, 0]", "total-mismatch", HERE),
    m("row-figure-changed", J, "situation.yaml", "null, 77, 180]", "null, 71, 180]", "total-mismatch", at("Ienākumu testēto sociālo palīdzību saņēmušas, null")),
    m("row-figure-changed", J, "table-1-4.csv", "1,Aizupes pamatskola,0.5,,0.6,0.6,0.4,data", "1,Aizupes pamatskola,0.8,,0.6,0.6,0.4,data", "total-mismatch", at(",Kopā:,")),
    m("row-figure-changed", J, "situation.yaml", "[feb, 12, 4, 137, 3]", "[feb, 12, 4, 137, 5]", "total-mismatch", at("[Kopā, 136, 13, 321, 25]")),
    m("row-figure-changed", O, "situation.yaml", "[\"Taurupes pamatskola\", null, null, null, 0.2, null, null, 0.500]", "[\"Taurupes pamatskola\", null, null, null, 0.3, null, null, 0.500]", "total-mismatch", at("value: 10.763")),
    m("row-figure-changed", O, "situation.yaml", "[\"Ogres PII \\\"Saulīte\\\"\", 120, 99, 219, 0, 0, 219]", "[\"Ogres PII \\\"Saulīte\\\"\", 210, 99, 219, 0, 0, 219]", "total-mismatch", HERE),
    m("row-figure-changed", O, "situation.yaml", "[\"Pirmskolā\", 3295, 47, 1.43, 3285, 55, 1.67, 3164, 59, 1.86]", "[\"Pirmskolā\", 3295, 47, 1.43, 3285, 55, 1.67, 3146, 59, 1.86]", "total-mismatch", at("[\"Kopā\", 10060, 417")),
    // A percentage recomputed wrongly or copied with a typo.
    m("percent-wrong", O, "situation.yaml", "6765, 370, 5.47,", "6765, 370, 5.74,", "percent-mismatch", HERE),
    m("percent-wrong", O, "situation.yaml", "7085, 437, 6.17]", "7085, 437, 6.71]", "percent-mismatch", HERE),
    m("percent-wrong", O, "situation.yaml", "count: 224", "count: 284", "percent-mismatch", at("percent: 3\n")),
    m("percent-wrong", O, "situation.yaml", "base: 6919\n      - quote", "base: 9619\n      - quote", "percent-mismatch", at("percent: 0.77")),
    // (the source's own 67 % is already off for 973 of 1423; the typo makes another figure)
    m("percent-wrong", J, "situation.yaml", "percent: 67\n", "percent: 76\n", "percent-mismatch", HERE),
    // A percentage above 100 (a misplaced digit) or below 0 (a dash read as a minus).
    m("percent-outside-0-100", J, "indicators.yaml", "{year: 2028, value: 90}", "{year: 2028, value: 190}", "percent-out-of-range", HERE),
    m("percent-outside-0-100", O, "indicators.yaml", "baseline: {value: 77, year: 2023", "baseline: {value: 177, year: 2023", "percent-out-of-range", HERE),
    m("percent-outside-0-100", O, "indicators.yaml", "- {key: neklatiene, value: 43}", "- {key: neklatiene, value: 430}", "percent-out-of-range", HERE),
    m("percent-outside-0-100", O, "indicators.yaml", "unit: percent\n    baseline: {value: 77", "unit: percent\n    baseline: {value: -7", "percent-out-of-range", HERE),
    // A goal, indicator or event number used twice.
    m("number-reused", J, "goals.yaml", "number: \"9.\"", "number: \"8.\"", "duplicate-number", HERE),
    m("number-reused", J, "indicators.yaml", "number: \"7.\"", "number: \"6.\"", "duplicate-number", HERE),
    m("number-reused", J, "monitoring.yaml", "number: \"4.\"", "number: \"3.\"", "duplicate-number", HERE),
    m("number-reused", O, "indicators.yaml", "number: \"8.\"", "number: \"7.\"", "duplicate-number", HERE),
    m("number-reused", O, "plan.yaml", "number: \"4.3.\"", "number: \"4.2.\"", "duplicate-number", HERE),
    // (a merged cell read as a second activity with the same number)
    m("number-reused", J, "plan.yaml", "  - id: a-1-6-b\n", "  - id: a-1-6-b\n    number: \"1.6.\"\n", "duplicate-number", HERE),
    // A number skipped in a sequence.
    m("number-skipped", J, "plan.yaml", "number: \"3.5.\"", "number: \"3.6.\"", "number-gap", HERE),
    m("number-skipped", J, "monitoring.yaml", "number: \"7.\"", "number: \"8.\"", "number-gap", HERE),
    m("number-skipped", O, "plan.yaml", "number: \"6.4.\"", "number: \"6.5.\"", "number-gap", HERE),
    m("number-skipped", O, "indicators.yaml", "number: \"10.\"", "number: \"11.\"", "number-gap", HERE),
    // An activity numbered under another goal's number.
    m("activity-under-other-goal", J, "plan.yaml", "number: \"2.3.\"", "number: \"3.6.\"", "activity-under-wrong-goal", HERE),
    m("activity-under-other-goal", J, "plan.yaml", "number: \"9.2.\"\n    goal: g9", "number: \"9.2.\"\n    goal: g8", "activity-under-wrong-goal", at("number: \"9.2.\"")),
    m("activity-under-other-goal", O, "plan.yaml", "number: \"1.3.\"", "number: \"2.4.\"", "activity-under-wrong-goal", HERE),
    m("activity-under-other-goal", O, "plan.yaml", "number: \"2.2.\"\n    goal: g2", "number: \"2.2.\"\n    goal: g3", "activity-under-wrong-goal", at("number: \"2.2.\"")),
    // The responsible body left out of every table that could name it.
    m("responsible-deleted", J, "plan.yaml", "responsible: [\"SSV\"]", "responsible: []", "activity-without-responsible", at("title: \"Izstrādāta  efektīva")),
    m("responsible-deleted", J, "plan.yaml", "    responsible: [\"Pašvaldības policija\"]\n", "", "activity-without-responsible", at("title: \"Individuālās pārrunas")),
    m("responsible-deleted", O, "plan.yaml", "    responsible: [Izglītības iestāde]\n    involved: [Izglītības pārvalde]\n    printed:", "    involved: [Izglītības pārvalde]\n    printed:", "activity-without-responsible", at("title: Jauniešu darbinieku aktivitātes")),
    m("responsible-deleted", O, "plan.yaml", "      responsible: [Izglītības pārvalde]\n      human: [jaunieši, jaunatnes darbinieks]", "      human: [jaunieši, jaunatnes darbinieks]", "activity-without-responsible", at("title: Ogres novada jauniešu podkāsts")),
    // A body's name misspelled, so the registry does not know it.
    m("body-misspelled", J, "plan.yaml", "responsible: [\"Pašvaldības policija\"]", "responsible: [\"Pašvaldības policja\"]", "unknown-institution", HERE),
    m("body-misspelled", J, "monitoring.yaml", "responsible: [SSV]\n    procedure: SSV izvērtē prevencijas plāna", "responsible: [SVV]\n    procedure: SSV izvērtē prevencijas plāna", "unknown-institution", at("responsible: [SVV]")),
    m("body-misspelled", O, "plan.yaml", "responsible: [Sociālais dienests, Izglītības iestāde]", "responsible: [Sociālais dienets, Izglītības iestāde]", "unknown-institution", HERE),
    m("body-misspelled", O, "plan.yaml", "executor: [Ogres novada Jauniešu māja]", "executor: [Ogres novada Jauniešu nams]", "unknown-institution", HERE),
    m("body-misspelled", J, "programme.yaml", "institution: vircavas-psk", "institution: vircava-psk", "unknown-institution", HERE),
    m("body-misspelled", O, "monitoring.yaml", "    responsible: [Darba grupa]\n    procedure: >-\n      Darba grupa pārrunā", "    responsible: [Darba grupas]\n    procedure: >-\n      Darba grupa pārrunā", "unknown-institution", at("responsible: [Darba grupas]")),
    // A body the programme never registered (a new partner named only in the plan).
    m("body-unregistered", J, "plan.yaml", "responsible: [\"Skolas\", \"bibliotēkas\"]", "responsible: [\"Skolas\", \"muzeji\"]", "unknown-institution", HERE),
    m("body-unregistered", O, "plan.yaml", "involved: [NVA, Uzņēmēji, NVO]", "involved: [NVA, Uzņēmēji, NVO, Kultūras centrs]", "unknown-institution", HERE),
    // A year outside the programme's period.
    m("year-outside-period", J, "plan.yaml", "years: [2024]\n", "years: [2023]\n", "year-outside-period", HERE),
    m("year-outside-period", J, "plan.yaml", "years: [2024, 2026, 2028]", "years: [2024, 2026, 2029]", "year-outside-period", HERE),
    m("year-outside-period", J, "monitoring.yaml", "{every: once, year: 2026, month: 10, text: 2026.gada oktobrī}", "{every: once, year: 2029, month: 10, text: 2029.gada oktobrī}", "year-outside-period", HERE),
    m("year-outside-period", O, "plan.yaml", "timing: \"2027.\"\n        start: 2027\n        end: 2027", "timing: \"2028.\"\n        start: 2028\n        end: 2028", "year-outside-period", HERE),
    m("year-outside-period", O, "indicators.yaml", "{year: 2027, value: 90, text: \"90%\"}\n    source: Izglītības pārvalde\n  - id: i4", "{year: 2028, value: 90, text: \"90%\"}\n    source: Izglītības pārvalde\n  - id: i4", "year-outside-period", HERE),
    // A baseline to be set only after a year that already has a target.
    m("baseline-set-after-target", J, "indicators.yaml", "to_be_set: 2024\n      text: tiks noteikts 2024.g\n    targets:\n      - {year: 2026, trend: pieaug}", "to_be_set: 2027\n      text: tiks noteikts 2027.g\n    targets:\n      - {year: 2026, trend: pieaug}", "baseline-after-target", HERE),
    m("baseline-set-after-target", O, "indicators.yaml", "to_be_set: 2024\n      text: Tiks noteikta 2024.g.", "to_be_set: 2026\n      text: Tiks noteikta 2026.g.", "baseline-after-target", HERE),
    // A target written as a trend word instead of a figure.
    m("target-trend-word", J, "indicators.yaml", "{year: 2026, value: 26}", "{year: 2026, trend: pieaug}", "target-not-measurable", HERE),
    m("target-trend-word", O, "indicators.yaml", "{year: 2025, value: 6, text: \"6%\"}", "{year: 2025, trend: palielinās}", "target-not-measurable", HERE),
    m("target-trend-word", O, "indicators.yaml", "{year: 2027, value: 0.05, text: \"0,05%\"}", "{year: 2027, trend: samazinās}", "target-not-measurable", HERE),
    // A baseline printed without its figure ("to be determined").
    m("baseline-without-value", J, "indicators.yaml", "baseline: {value: 9.5, year: 2023, text: \"9,5% (2023.g.)\"}", "baseline: {year: 2023, text: \"tiks noteikts\"}", "baseline-missing-value", HERE),
    m("baseline-without-value", O, "indicators.yaml", "baseline: {value: 35, year: 2023, text: \"2023.g. 35%\"}", "baseline: {year: 2023, text: \"2023.g.\"}", "baseline-missing-value", HERE),
    // A breakdown (class group, school level) missing from one target or the baseline.
    m("breakdown-missing", J, "indicators.yaml", "          - {key: k1-3, value: 25}\n          - {key: k4-9, value: 25}\n", "          - {key: k1-3, value: 25}\n", "breakdown-mismatch", at("- year: 2028")),
    m("breakdown-missing", O, "indicators.yaml", "          - {key: neklatiene, value: 20}\n", "", "breakdown-mismatch", at("- year: 2025")),
    // The monitoring section states another period than the programme.
    m("monitoring-period-typo", J, "monitoring.yaml", "  to: 2028\n", "  to: 2027\n", "period-mismatch", at("from: 2023")),
    m("monitoring-period-typo", O, "monitoring.yaml", "events:\n", "period:\n  from: 2024\n  to: 2026\nevents:\n", "period-mismatch", HERE),
    // An activity pointing at a goal id that does not exist.
    m("unknown-goal-in-plan", J, "plan.yaml", "number: \"3.4.\"\n    goal: g3", "number: \"3.4.\"\n    goal: g16", "unknown-id", at("goal: g16")),
    m("unknown-goal-in-plan", O, "plan.yaml", "number: \"2.3.\"\n    goal: g2", "number: \"2.3.\"\n    goal: g22", "unknown-id", at("goal: g22")),
    // An id copied from the entry above and not changed.
    m("duplicate-id", J, "plan.yaml", "- id: a-8-5", "- id: a-8-4", "duplicate-id", HERE),
    m("duplicate-id", J, "institutions.yaml", "- id: bibliotekas", "- id: jc", "duplicate-id", HERE),
    m("duplicate-id", O, "plan.yaml", "- id: t-6-3", "- id: t-6-2", "duplicate-id", HERE),
    m("duplicate-id", O, "institutions.yaml", "- id: uznemeji", "- id: nva", "duplicate-id", HERE),
    m("duplicate-id", J, "svid.yaml", "  - id: s6\n", "  - id: s5\n", "duplicate-id", HERE),
    // A task whose executor or supervising body cell is empty.
    m("task-without-executor", O, "plan.yaml", "executor: [Ogres novada Jauniešu māja]", "executor: []", "task-without-executor", at("title: Vismaz reizi mēnesī viena podkāsta")),
    m("task-without-executor", O, "plan.yaml", "executor: [Izglītības iestādes pedagogi]", "executor: []", "task-without-executor", at("title: Organizēt individuālās konsultācijas")),
    m("task-without-supervisor", O, "plan.yaml", "        executor: [Sociālais darbinieks darbam ar ģimenēm un bērniem]\n        supervisor: [Sociālais dienests]\n", "        executor: [Sociālais darbinieks darbam ar ģimenēm un bērniem]\n", "task-without-supervisor", at("title: Organizēt individuālās sarunas")),
    m("task-without-supervisor", O, "plan.yaml", "        executor: [Ogres novada Jauniešu māja]\n        supervisor: [Izglītības pārvalde]\n", "        executor: [Ogres novada Jauniešu māja]\n", "task-without-supervisor", at("title: Vismaz reizi mēnesī viena podkāsta")),
    // An impossible month in the monitoring calendar.
    m("month-13", J, "monitoring.yaml", "{every: yearly, month: 8, text: Reizi gadā augustā}", "{every: yearly, month: 13, text: Reizi gadā augustā}", "invalid-timing", HERE),
    m("month-13", O, "monitoring.yaml", "      month: 8\n      text: pirms katra mācību gada sākuma (orientējoši augusta mēnesī)\n", "      month: 18\n      text: pirms katra mācību gada sākuma (orientējoši augusta mēnesī)\n", "invalid-timing", HERE),
    m("month-13", O, "monitoring.yaml", "      every: twice-yearly\n", "      every: twice-yearly\n      months: [5]\n", "invalid-timing", at("every: twice-yearly")),
    // A table row missing a cell.
    m("row-missing-cell", J, "situation.yaml", "[\"5\", \"Staļģenes pamatskola\", 278, 128, 41, 109, 0]", "[\"5\", \"Staļģenes pamatskola\", 278, 128, 41, 109]", "row-length", HERE),
    m("row-missing-cell", O, "situation.yaml", "[\"Ogres PII \\\"Riekstiņš\\\"\", 91, 43, 134, 0, 0, 134]", "[\"Ogres PII \\\"Riekstiņš\\\"\", 91, 43, 134, 0, 134]", "row-length", HERE),
    m("row-missing-cell", J, "table-1-4.csv", "9,Staļģenes pamatskola,,,0.5,,0.4,data", "9,Staļģenes pamatskola,,0.5,,0.4,data", "csv-invalid", HERE),
    // One goal or activity titled differently in two tables of the source.
    m("title-differs-between-tables", J, "goals.yaml", "    title: Jauniešu kopienas stiprināšana\n", "    title: Jauniešu kopienas stiprināšana\n    printed:\n      - table: \"2.3.\"\n        title: Jauniešu kopienu stiprināšana\n", "printed-variant", HERE),
    m("title-differs-between-tables", O, "plan.yaml", "    title: Lekcijas vecākiem\n", "    title: Lekcijas vecākiem\n    printed:\n      - table: \"3.4.\"\n        title: Lekcijas vecākiem un pedagogiem\n", "printed-variant", HERE),
    m("title-differs-between-tables", O, "goals.yaml", "title: Jauniešu kopienas stiprināšana", "title: Jauniešu kopienas stiprināšana un iesaiste", "printed-variant", HERE),
    // A task's start and end swapped.
    m("task-dates-reversed", O, "plan.yaml", "        start: 2025\n        end: 2027\n", "        start: 2027\n        end: 2025\n", "invalid-period", HERE),
    // A one-off monitoring step with no year.
    m("timing-incomplete", J, "monitoring.yaml", "{every: once, year: 2024, month: 1, text: 2024.gada janvāris}", "{every: once, month: 1, text: janvāris}", "invalid-timing", HERE),
    // A goal numbered differently in another table of the source.
    m("number-differs-between-tables", J, "goals.yaml", "    title: Sabiedrības izpratnes par izglītības nozīmi veicināšana\n", "    title: Sabiedrības izpratnes par izglītības nozīmi veicināšana\n    printed:\n      - table: \"2.3.\"\n        number: \"6.\"\n", "printed-variant", HERE),
    m("number-differs-between-tables", O, "goals.yaml", "    title: Sabiedrības izglītošana PMP jomā\n", "    title: Sabiedrības izglītošana PMP jomā\n    printed:\n      - table: \"3.2.\"\n        number: \"4.\"\n", "printed-variant", HERE),
    // A goal or activity one table of the source leaves out.
    m("left-out-of-a-table", J, "goals.yaml", "    title: Sabiedrības izpratnes par izglītības nozīmi veicināšana\n", "    title: Sabiedrības izpratnes par izglītības nozīmi veicināšana\n    printed:\n      - table: \"2.3.\"\n        absent: true\n", "missing-from-table", HERE),
    m("left-out-of-a-table", O, "plan.yaml", "    title: Individuālais darbs mācību grūtību novēršanai mācību priekšmetos\n", "    title: Individuālais darbs mācību grūtību novēršanai mācību priekšmetos\n    printed:\n      - table: \"3.3.\"\n        absent: true\n", "missing-from-table", HERE),
    // A goal left with no activity (its only activity moved under another goal).
    m("goal-without-activity", J, "plan.yaml", "number: \"5.1.\"\n    goal: g5", "number: \"4.4.\"\n    goal: g4", "goal-without-activity", at_in("goals.yaml", "- id: g5\n")),
    // A goal printed without its expected results.
    m("goal-without-result", J, "goals.yaml", "    results:\n      - Mazinājies izglītojamo, kuri piedzīvojuši vardarbību izglītības iestādē, skaits.\n", "", "goal-without-result", at("title: Vienaudžu savstarpējo attiecību")),
    m("goal-without-result", O, "goals.yaml", "    results:\n      - Paaugstinātas iespējas agrīnai PMP risku identificēšanai.\n  - id: g4", "  - id: g4", "goal-without-result", at("title: Sabiedrības izglītošana PMP jomā")),
    // An activity's years, or funding, left empty everywhere.
    m("activity-without-years", J, "plan.yaml", "years: [2024]\n", "years: []\n", "activity-without-years", at("title: \"Izstrādāta  efektīva")),
    m("activity-without-years", O, "plan.yaml", "timing: \"2027.\"\n        start: 2027\n        end: 2027\n", "timing: \"2027.\"\n", "activity-without-years", at("title: Aptauja\n")),
    m("activity-without-funding", J, "plan.yaml", "years: [2025, 2026, 2027, 2028]\n    funding: [\"ES fondi\"]", "years: [2025, 2026, 2027, 2028]\n    funding: []", "activity-without-funding", at("title: \"Ārvalstu labās prakses")),
    m("activity-without-funding", O, "plan.yaml", "      funding: [ESF finansējums]\n", "", "activity-without-funding", at("title: Individuālais darbs mācību grūtību")),
    // An activity that the tasks table or the resource plan does not list.
    m("activity-without-tasks", O, "plan.yaml", "    tasks:\n      - id: t-6-3\n        title: Organizēt individuālās konsultācijas mācību grūtību novēršanai\n        timing: 2024.-2027.\n        start: 2024\n        end: 2027\n        executor: [Izglītības iestādes pedagogi]\n        supervisor: [Izglītības pārvalde]\n", "", "activity-without-tasks", at("title: Individuālais darbs mācību grūtību")),
    m("activity-without-resources", O, "plan.yaml", "    resources:\n      result: Organizētas individuālās sarunas ar vecākiem, sniegta individuāla palīdzība ar ģimeni saistīto risku novēršanā\n      responsible: [Sociālais dienests]\n      human: [sociālais darbinieks darbam ar ģimenēm un bērniem]\n      funding: [\"-\"]\n", "", "activity-without-resources", at("title: Darbības ar ģimeni saistīto risku mazināšanā")),
    // The programme's own period typed wrong.
    m("period-reversed", O, "programme.yaml", "  from: 2024\n  to: 2027\n", "  from: 2024\n  to: 2020\n", "invalid-period", HERE),
    // A placeholder left in the text.
    m("placeholder-left", J, "plan.yaml", "results: [\"Reizi gadā izvērtēta atbalsta speciālistu", "results: [\"TODO: precizēt rezultātu\", \"Reizi gadā izvērtēta atbalsta speciālistu", "to-be-filled", HERE),
    // A completion recorded with a mistyped (future) date.
    m("completion-in-future", J, "monitoring.yaml", "    output: order\n", "    output: order\n    done:\n      - {occurrence: \"2024-01\", date: 2042-01-15}\n", "completion-in-future", HERE),
    // A completion recorded for an occurrence the event does not have (last year's report).
    m("completion-unknown-occurrence", J, "monitoring.yaml", "    output: annual-report\n", "    output: annual-report\n    done:\n      - {occurrence: \"2023\", date: 2023-09-28}\n", "unknown-occurrence", HERE),
    // A required field left out, a file started from another part's copy.
    m("field-missing", J, "goals.yaml", "  - id: g3\n    level: universal\n", "  - id: g3\n", "missing-field", at("  - id: g3\n")),
    m("schema-header-copied", J, "svid.yaml", "$schema=../../schemas/svid.schema.json", "$schema=../../schemas/goals.schema.json", "schema-header", HERE),
    m("schema-header-copied", O, "monitoring.yaml", "$schema=../../schemas/monitoring.schema.json", "$schema=../../schemas/plan.schema.json", "schema-header", HERE),
    // A part saved empty by a failed save, a part left out of the folder, a stray copy of a part.
    m("file-damaged", O, "monitoring.yaml", WHOLE_FILE, DELETED, "missing-file", HERE),
    m("file-damaged", J, "svid.yaml", WHOLE_FILE, "", "empty-file", HERE),
    m("file-damaged", O, "plan (1).yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../schemas/plan.schema.json\nactivities: []\n", "unknown-file", HERE),
    // Broken YAML: a tab from a word processor, a key written twice.
    m("yaml-broken", J, "plan.yaml", "    title: \"Mentora programma\"\n", "    title: \"Mentora programma\"\n\tnotes: []\n", "yaml-syntax", HERE),
    m("yaml-broken", O, "goals.yaml", "    title: Sabiedrības izglītošana PMP jomā\n", "    title: Sabiedrības izglītošana PMP jomā\n    title: Sabiedrības izglītošana\n", "duplicate-key", HERE),
    // A field name misspelled, a value of the wrong kind, a level not in the list.
    m("field-misspelled", J, "plan.yaml", "    responsible: [\"Sociālais dienests\"]\n    involved: [\"NVO – potenciālais pakalpojuma sniedzējs\"]\n    years: [2026, 2027, 2028]", "    responsibel: [\"Sociālais dienests\"]\n    involved: [\"NVO – potenciālais pakalpojuma sniedzējs\"]\n    years: [2026, 2027, 2028]", "unknown-field", HERE),
    m("field-misspelled", O, "plan.yaml", "        timing: 2024., 2026.", "        timnig: 2024., 2026.", "unknown-field", HERE),
    m("wrong-value", J, "goals.yaml", "    level: targeted\n    number: \"9.\"", "    level: mērķtiecīgā\n    number: \"9.\"", "invalid-value", HERE),
    m("wrong-value", O, "plan.yaml", "        start: 2025\n", "        start: 2025.g.\n", "invalid-value", HERE),
    m("wrong-value", J, "plan.yaml", "    years: [2024]\n", "    years: 2024-2028\n", "wrong-type", HERE),
    // A thousands separator read as a decimal point.
    m("thousands-as-decimal", J, "situation.yaml", "[null, \"KOPĀ\", 3663,", "[null, \"KOPĀ\", 3.663,", "total-mismatch", HERE),
    m("thousands-as-decimal", O, "situation.yaml", "[\"Ogres 1.vidusskola\", 764, 368, 50, 1182,", "[\"Ogres 1.vidusskola\", 764, 368, 50, 1.182,", "total-mismatch", HERE),
    // A vacancy counted as a filled post (the vacancy mark lost).
    m("vacancy-mark-lost", J, "table-1-4.csv", "6,Līvbērzes pamatskola,vacancy:0.5,", "6,Līvbērzes pamatskola,0.5,", "total-mismatch", at(",Kopā:,")),
    m("vacancy-mark-lost", J, "table-1-4.csv", "12,Teteles pamatskola,vacancy:0.7,1,1,vacancy:1.5,", "12,Teteles pamatskola,vacancy:0.7,1,1,1.5,", "total-mismatch", at(",Kopā:,")),
    // A suppression comment without a reason, or one left where nothing is silenced.
    m("suppression-misused", J, "situation.yaml", "                  - cells: [Kopā, 136, 13, 321, 25]\n", "                  - cells: [Kopā, 136, 13, 321, 25]  # pmp: allow total-mismatch\n", "suppression-without-reason", HERE),
    m("suppression-misused", O, "situation.yaml", "        - cells: [\"Kopā\", 10060, 417, 4.17, 10204, 403, 3.95, 10249, 496, 4.84]\n", "        - cells: [\"Kopā\", 10060, 417, 4.17, 10204, 403, 3.95, 10249, 496, 4.84]  # pmp: allow total-mismatch -- printed so\n", "unused-suppression", HERE),
    // Rules a careful reader applies (issue 9).
    m("table-percent-over-100", J, "situation.yaml", "[\"t.sk. fizisku vardarbību\", 40, 12]", "[\"t.sk. fizisku vardarbību\", 40, 112]", "percent-out-of-range", HERE),
    m("table-percent-over-100", O, "situation.yaml", "[\"Skolā\", 6765, 370, 5.47, 6919, 348, 5.03,", "[\"Skolā\", 6765, 370, 5.47, 6919, 348, 503,", "percent-out-of-range", HERE),
    m("target-against-direction", J, "indicators.yaml", "{year: 2028, value: 90}", "{year: 2028, value: 80}", "target-against-direction", HERE),
    m("target-against-direction", O, "indicators.yaml", "{year: 2027, value: 8, text: \"8 %\"}", "{year: 2027, value: 5, text: \"5 %\"}", "target-against-direction", HERE),
    m("duplicate-column-label", J, "situation.yaml", "{id: soc_ped, label: Sociālais pedagogs}", "{id: soc_ped, label: Speciālais pedagogs}", "duplicate-column-label", HERE),
    m("duplicate-column-label", O, "situation.yaml", "{id: psihologs, label: \"psihologs\", group: \"Atbalsta speciālisti\"}", "{id: psihologs, label: \"logopēds\", group: \"Atbalsta speciālisti\"}", "duplicate-column-label", HERE),
    m("number-style", J, "indicators.yaml", "text: \"5,6% (2023.g.)\"", "text: \"5.6% (2023.g.)\"", "number-style", HERE),
    m("number-style", O, "situation.yaml", "[\"Ogres 1. vidusskola\", 4]", "[\"Ogres 1. vidusskola\", \"4\"]", "number-style", HERE),
    m("caption-years", J, "situation.yaml", "caption: PMP riska indikatori Jelgavas novada izglītojamajiem, 2020./2021.-2022./2023.m.g.", "caption: PMP riska indikatori Jelgavas novada izglītojamajiem, 2020./2021.-2021./2022.m.g.", "caption-years-mismatch", HERE),
    m("target-not-milestone", J, "indicators.yaml", "{year: 2026, value: 87}", "{year: 2027, value: 87}", "target-not-milestone", HERE),
    m("duplicate-target-year", O, "indicators.yaml", "{year: 2027, value: 80, text: \"80%\"}\n    source: Izglītības iestāde", "{year: 2025, value: 80, text: \"80%\"}\n    source: Izglītības iestāde", "duplicate-target", HERE),
    m("value-text-mismatch", O, "indicators.yaml", "{year: 2025, value: 45, text: \"45%\"}", "{year: 2025, value: 54, text: \"45%\"}", "value-text-mismatch", HERE),
    m("duplicate-activity-title", O, "plan.yaml", "title: Izglītojošie semināri par veselības jautājumiem", "title: Brīvprātīgais darbs", "duplicate-activity-title", HERE),
    m("duplicate-activity-title", J, "plan.yaml", "title: \"Skolas padomes stiprināšana izglītības iestādēs\"", "title: \"Iniciatīvas, kas veicina bērnu un vecāku sadarbību\"", "duplicate-activity-title", HERE),
    // A total cell left empty although its parts are printed (Ogre's pupils table has two).
    m("total-cell-empty", O, "situation.yaml", "[\"Jaunogres vidusskola\", 274, 147, 18, 439,", "[\"Jaunogres vidusskola\", 274, 147, 18, null,", "total-cell-empty", HERE),
    m("responsible-differs", O, "plan.yaml", "      responsible: [Sociālais dienests]\n", "      responsible: [NVA]\n", "responsible-differs", HERE),
    // ---- Written from docs/invariants.md: at least one per relation a rule checks, on both
    // programmes where the programme has the field.
    // An activity's result and its resource plan's result with different figures.
    m("result-differs", O, "plan.yaml", "      result: 10 % skolēnu iesaistās", "      result: 20 % skolēnu iesaistās", "result-differs", HERE),
    m("result-differs", J, "plan.yaml", "results: [\"Izstrādāts un ieviests starpinstitūciju sadarbības algoritms\"]\n    responsible: [\"SSV\"]\n    years: [2024]\n    funding: [\"Pašvaldības budžets\"]\n", "results: [\"Algoritmu ievieš 50 % skolu\"]\n    responsible: [\"SSV\"]\n    years: [2024]\n    funding: [\"Pašvaldības budžets\"]\n    resources:\n      result: Algoritmu ievieš 80 % skolu\n", "result-differs", HERE),
    // Two entities of one kind with one title.
    m("duplicate-title", J, "goals.yaml", "title: Jauniešu kopienas stiprināšana", "title: Droša un iekļaujoša mācību vide", "duplicate-title", HERE),
    m("duplicate-title", O, "indicators.yaml", "title: Augsts mērķa grupas (bērnu un jauniešu) novērtējums par atbalsta pakalpojumu PMP novēršanai.", "title: Augsta vecāku apmierinātība ar dalību bērnu audzināšanas atbalsta grupās", "duplicate-title", HERE),
    // A task dated outside its activity's years.
    m("task-outside-activity-years", J, "plan.yaml", "    years: [2024]\n    funding: [\"Pašvaldības budžets\"]\n  - id: a-5-1", "    years: [2024]\n    funding: [\"Pašvaldības budžets\"]\n    tasks:\n      - {id: t-4-3, title: Algoritma ieviešana, executor: [SSV], supervisor: [SSV], start: 2024, end: 2025}\n  - id: a-5-1", "task-outside-activity-years", HERE),
    m("task-outside-activity-years", O, "plan.yaml", "    tasks:\n      - id: t-1-4\n", "    years: [2024, 2025]\n    tasks:\n      - {id: t-1-4-b, title: Papildu pasākums, executor: [Izglītības iestādes], supervisor: [Izglītības pārvalde], start: 2024, end: 2026}\n      - id: t-1-4\n", "task-outside-activity-years", HERE),
    // A stored timing its printed text does not state.
    m("timing-text", J, "monitoring.yaml", "{every: yearly, month: 8, text: Reizi gadā augustā}", "{every: yearly, month: 7, text: Reizi gadā augustā}", "timing-text-mismatch", HERE),
    m("timing-text", O, "plan.yaml", "      - id: t-1-1\n        title: Viena apmācību grupa gadā.\n        timing: 2024.-2027.g. notiek apmācības vecākiem\n        start: 2024\n        end: 2027\n", "      - id: t-1-1\n        title: Viena apmācību grupa gadā.\n        timing: 2024.-2027.g. notiek apmācības vecākiem\n        start: 2024\n        end: 2026\n", "timing-text-mismatch", HERE),
    // Dates against each other: an amendment before the adoption, amendments out of order.
    m("date-order", O, "programme.yaml", "place: Ogre, 2023.", "amendments:\n  - decision: {body: Ogres novada pašvaldības dome, date: 2023-06-01}\n    summary: Precizēts rīcības plāns\nplace: Ogre, 2023.", "date-order", HERE),
    m("date-order", J, "programme.yaml", "annotation: |", "amendments:\n  - decision: {body: Jelgavas novada dome, date: 2025-05-01}\n    summary: Precizēti rādītāji\n  - decision: {body: Jelgavas novada dome, date: 2024-05-01}\n    summary: Precizēts rīcības plāns\nannotation: |", "date-order", HERE),
    // A council decision dated after today (two digits swapped).
    m("decision-in-future", O, "programme.yaml", "date: 2023-11-30", "date: 2032-11-30", "decision-in-future", HERE),
    m("decision-in-future", J, "programme.yaml", "annotation: |", "amendments:\n  - decision: {body: Jelgavas novada dome, date: 2052-05-01}\n    summary: Precizēti rādītāji\nannotation: |", "decision-in-future", HERE),
    // A count larger than its base.
    m("count-exceeds-base", J, "situation.yaml", "count: 743", "count: 1743", "count-exceeds-base", HERE),
    m("count-exceeds-base", O, "situation.yaml", "        count: 57\n        base: 6919", "        count: 6957\n        base: 6919", "count-exceeds-base", HERE),
    // A percentage of a row grouped by year that implies another base than its group's rows.
    m("implied-base-rows", J, "situation.yaml", "[null, \"Latviešu valoda\", 25, {value: 0.83, text: \"0.83%\"}]", "[null, \"Latviešu valoda\", 25, {value: 0.93, text: \"0.93%\"}]", "implied-base-mismatch", HERE),
    // A sentence of a prose list (the resource plan's too) cut at a comma.
    m("comma-split", O, "plan.yaml", "human: [apmācību organizētāji un lektori]", "human: [apmācību organizētāji, kuri vada kursus]", "comma-split", HERE),
    m("comma-split", J, "plan.yaml", "results: [\"Uzlabojas mācību sasniegumi\"]", "results: [Uzlabojas mācību sasniegumi, kas mērāmi ikgadējā novērtējumā]", "comma-split", HERE),
    // A cross-reference to a table the document does not have.
    m("unknown-reference", J, "monitoring.yaml", "[](#tab:monitoring)", "[](#tab:monitorings)", "unknown-reference", HERE),
    // A CSV table outside the programme folder.
    m("path-outside", J, "situation.yaml", "rows_csv: table-1-4.csv", "rows_csv: ../table-1-4.csv", "path-outside-programme", HERE),
    // The resource plan names a body with no role in the activity.
    m("responsible-differs", J, "plan.yaml", "    years: [2024]\n    funding: [\"Pašvaldības budžets\"]\n  - id: a-5-1", "    years: [2024]\n    funding: [\"Pašvaldības budžets\"]\n    resources:\n      responsible: [Bāriņtiesa]\n  - id: a-5-1", "responsible-differs", HERE),
    // A resource plan that now names a funding source: the note on the plan's table counts it.
    m("field-stated-elsewhere", O, "plan.yaml", "      human: [jaunieši, jaunatnes darbinieks]\n", "      human: [jaunieši, jaunatnes darbinieks]\n      funding: [Pašvaldības finansējums]\n", "field-stated-elsewhere", at("# yaml-language-server")),
    // A monitoring step with its responsible cell empty.
    m("event-without-responsible", J, "monitoring.yaml", "    responsible: [Izglītības pārvalde]\n    procedure: Apkopo informāciju, sagatavojot", "    responsible: []\n    procedure: Apkopo informāciju, sagatavojot", "event-without-responsible", at("title: Datu un informācijas apkopošana")),
    m("event-without-responsible", O, "monitoring.yaml", "      text: divas reizes gadā\n    responsible: [Darba grupa]\n", "      text: divas reizes gadā\n    responsible: []\n", "event-without-responsible", at("title: Darba grupas sanāksmes")),
    // A baseline measured after a year that already has a target (a year typed wrong).
    m("target-before-baseline", J, "indicators.yaml", "baseline: {value: 84, year: 2023, text: \"84% (2023.g.)\"}", "baseline: {value: 84, year: 2027, text: \"84% (2027.g.)\"}", "baseline-after-target", HERE),
    m("target-before-baseline", O, "indicators.yaml", "baseline: {value: 60, year: 2023, text: \"2023.g 60%\"}", "baseline: {value: 60, year: 2026, text: \"2026.g 60%\"}", "baseline-after-target", HERE),
    // The annual report turned into a one-off: the other years have none (reported at the
    // events list; the known miss `annual-report-once` asks for the changed event instead).
    m("annual-report-dropped", J, "monitoring.yaml", "{every: yearly, month: 9, text: Reizi gadā septembrī}", "{every: once, year: 2024, month: 9, text: 2024. gada septembrī}", "year-without-annual-report", at("  - id: e-rikojums")),
    // An annual report recorded done with no results file for its year.
    m("results-missing", J, "monitoring.yaml", "    output: annual-report\n", "    output: annual-report\n    done:\n      - {occurrence: \"2025\", date: 2025-09-30}\n", "results-missing", HERE),
    // The same relations on the other programme, where it has the field.
    m("duplicate-target-year", J, "indicators.yaml", "{year: 2028, value: 90}", "{year: 2026, value: 90}", "duplicate-target", HERE),
    m("value-text-mismatch", J, "indicators.yaml", "baseline: {value: 84, year: 2023, text: \"84% (2023.g.)\"}", "baseline: {value: 48, year: 2023, text: \"84% (2023.g.)\"}", "value-text-mismatch", HERE),
    m("target-not-milestone", O, "indicators.yaml", "{year: 2025, value: 85, text: \"85%\"}", "{year: 2026, value: 85, text: \"85%\"}", "target-not-milestone", HERE),
    m("period-reversed", J, "programme.yaml", "period:\n  from: 2024\n  to: 2028\n", "period:\n  from: 2024\n  to: 2021\n", "invalid-period", HERE),
    m("wrong-type", O, "indicators.yaml", "milestones: [2025, 2027]", "milestones: 2025", "wrong-type", HERE),
    m("completion-in-future", O, "monitoring.yaml", "    output: annual-report\n", "    output: annual-report\n    done:\n      - {occurrence: \"2026\", date: 2026-12-30}\n", "completion-in-future", HERE),
    m("completion-unknown-occurrence", O, "monitoring.yaml", "    output: annual-report\n", "    output: annual-report\n    done:\n      - {occurrence: \"2031\", date: 2025-09-30}\n", "unknown-occurrence", HERE),
    m("results", J, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: jelgava-2024-2028\nyear: 2025\nindicators:\n  - {indicator: i4, value: 70}\n", "moving-away-from-target", HERE),
    // A year's results file with mistakes a report on results makes.
    m("results", J, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: jelgava-2024-2028\nyear: 2025\nindicators:\n  - {indicator: i99, value: 5}\n", "results-unknown-id", HERE),
    m("results", O, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: ogre-2024-2027\nyear: 2025\nindicators:\n  - {indicator: i3, value: 120}\n", "results-percent-out-of-range", HERE),
    m("results", J, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: jelgava-2024-2028\nyear: 2026\n", "results-year", HERE),
    m("results", O, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: ogre-2024-2027\nyear: 2025\nindicators:\n  - {indicator: i3, value: 60}\n", "moving-away-from-target", HERE),
    m("results", J, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: jelgava-2024-2028\nyear: 2025\nindicators:\n  - {indicator: i4, value: 86}\n  - {indicator: i4, value: 87}\n", "results-duplicate", HERE),
    m("results", J, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: jelgava-2024-2028\nyear: 2025\nactivities:\n  - activity: a-4-3\n    status: done\n", "done-outside-years", HERE),
    m("results", J, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: jelgava-2024-2028\nyear: 2025\nactivities:\n  - activity: a-4-3\n    status: ongoing\n    funding:\n      - {source: valsts budžets, eur: 100}\n", "results-unknown-funding", HERE),
    m("results", O, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: ogre-2024-2027\nyear: 2025\nindicators:\n  - indicator: i9\n    values:\n      - {key: arodskola, value: 1}\n", "results-unknown-breakdown", HERE),
    m("results", O, "results/2025.yaml", WHOLE_FILE, "# yaml-language-server: $schema=../../../schemas/results.schema.json\nprogramme: ogre-2024-2027\nyear: 2025\ncompiled: {by: Izglītības pārvalde, date: 2025-10-01}\nnoted: {body: Ogres novada pašvaldības dome, date: 2025-09-01}\n", "date-order", HERE),
];

/// Realistic mistakes the checker does not find yet (run and printed, not failed on). The
/// expected code is the one proposed for the rule that would find it.
#[rustfmt::skip]
const KNOWN_MISSES: &[Mutant] = &[
    // A part dropped from the stated outline: the finding is at `outline:`, where both real
    // programmes already silence `outline-unplaced` for parts they leave out on purpose, so
    // the `# pmp: allow` there silences this one too.
    m("outline-unplaced", J, "programme.yaml", "        contents: [plan]\n", "        contents: []\n", "outline-unplaced", HERE),
    m("outline-unplaced", O, "programme.yaml", "        contents: [indicators]\n", "        contents: []\n", "outline-unplaced", HERE),
    // One cause, two findings, neither at the baseline that lacks the breakdown: both targets
    // are blamed for the baseline's omission.
    m("breakdown-missing", O, "indicators.yaml", "        - {key: pamatskola, value: 0}\n        - {key: vidusskola, value: 0.02}", "        - {key: vidusskola, value: 0.02}", "breakdown-mismatch", HERE),
    // An unclosed quote is reported on the next line, as "invalid indentation in multiline
    // quoted scalar", not where the quote opens.
    m("yaml-broken", J, "plan.yaml", "    title: \"Mentora programma\"\n", "    title: \"Mentora programma\n", "yaml-syntax", HERE),
    // The missing annual reports are reported at `events:`, four times, not at the event that
    // was changed to happen once.
    m("annual-report-once", J, "monitoring.yaml", "{every: yearly, month: 9, text: Reizi gadā septembrī}", "{every: once, year: 2024, month: 9, text: 2024. gada septembrī}", "year-without-annual-report", HERE),
    // A percentage whose implied base disagrees with the other years' (a table without a base
    // column): 8,63 % typed 6,83 % implies 3 616 pupils against about 3 000, within the factor of
    // 1,5 `implied-base-mismatch` allows for a population that changes.
    m("implied-base", J, "situation.yaml", "247, 8.63, 200, 6.64", "247, 6.83, 200, 6.64", "implied-base-mismatch", HERE),
];

/// Codes docs/invariants.md names that no mutant of a real programme exercises, each with the
/// reason; `tests/rules.rs` has a failing and a passing test for every one of them.
const NO_MUTANT: &[(&str, &str)] = &[
    (
        "sheet-unreadable",
        "a finding of `pmp sheet import` on a returned workbook, not of the programme's YAML: tests/sheet.rs gives every one at its cell",
    ),
    (
        "sheet-other-plan",
        "a finding of `pmp sheet import` on a returned workbook, not of the programme's YAML: tests/sheet.rs gives every one at its cell",
    ),
    (
        "sheet-not-a-number",
        "a finding of `pmp sheet import` on a returned workbook, not of the programme's YAML: tests/sheet.rs gives every one at its cell",
    ),
    (
        "sheet-number-as-text",
        "a finding of `pmp sheet import` on a returned workbook, not of the programme's YAML: tests/sheet.rs gives every one at its cell",
    ),
    (
        "sheet-invalid-value",
        "a finding of `pmp sheet import` on a returned workbook, not of the programme's YAML: tests/sheet.rs gives every one at its cell",
    ),
    (
        "sheet-unknown-row",
        "a finding of `pmp sheet import` on a returned workbook, not of the programme's YAML: tests/sheet.rs gives every one at its cell",
    ),
    (
        "sheet-conflict",
        "a finding of `pmp sheet import` on a returned workbook, not of the programme's YAML: tests/sheet.rs gives every one at its cell",
    ),
    (
        "sheet-unanswered",
        "a finding of `pmp sheet import` on a returned workbook, not of the programme's YAML: tests/sheet.rs gives every one at its cell",
    ),
    (
        "sheet-differs",
        "a finding of `pmp sheet import` on a returned workbook, not of the programme's YAML: tests/sheet.rs gives every one at its cell",
    ),
    (
        "unrecorded-amendment",
        "needs a git history of the folder (tests/diff.rs)",
    ),
    (
        "figure-missing",
        "Jelgava's four figures have no picture already and Ogre has none; nothing to take away",
    ),
    (
        "level-without-goal",
        "both programmes have two or more goals at every level: one edit cannot empty a level",
    ),
    (
        "goal-without-indicator",
        "neither programme links indicators to goals, and each level has two or more indicators: one edit cannot leave a level unmeasured",
    ),
    (
        "outline-unplaced",
        "both programmes silence it at `outline:` for parts they leave out on purpose, which silences a dropped part too (KNOWN_MISSES)",
    ),
    (
        "svid-unanswered",
        "Jelgava's SVID items link no goals (Ogre has no SVID), so the rule does not apply to them",
    ),
];

/// Harmless edits that must add no finding at all: comments and reflowed lists, most of them
/// shifting every later line. They keep the comparison with the unmutated findings honest (a
/// finding that merely moved is not new), so a mutant cannot be "caught" by a shift.
#[rustfmt::skip]
const CONTROLS: &[Mutant] = &[
    m("control", J, "plan.yaml", "printed_in: \"2.3.\"\n", "# komentārs\nprinted_in: \"2.3.\"\n", "", HERE),
    m("control", J, "situation.yaml", "                  - cells: [Kopā, 136, 13, 321, 25]\n", "                  # komentārs\n                  - cells: [Kopā, 136, 13, 321, 25]\n", "", HERE),
    m("control", J, "indicators.yaml", "{year: 2028, value: 90}", "{year: 2028,\n         value: 90}", "", HERE),
    m("control", O, "plan.yaml", "numbered_in: \"3.3.\"\n", "# komentārs\n\nnumbered_in: \"3.3.\"\n", "", HERE),
    m("control", O, "situation.yaml", "        - cells: [\"Kopā\", 10060,", "        # komentārs\n        - cells: [\"Kopā\", 10060,", "", HERE),
    m("control", O, "goals.yaml", "    results:\n      - Paaugstinātas iespējas agrīnai PMP risku identificēšanai.\n  - id: g4", "    results: [Paaugstinātas iespējas agrīnai PMP risku identificēšanai.]\n  - id: g4", "", HERE),
    m("control", J, "goals.yaml", "title: Jauniešu kopienas stiprināšana", "title: \"Jauniešu kopienas stiprināšana\"", "", HERE),
    m("control", O, "programme.yaml", "place: Ogre, 2023.", "place: \"Ogre, 2023.\"", "", HERE),
    m("control", J, "monitoring.yaml", "timing: {every: yearly, month: 8, text: Reizi gadā augustā}", "timing:\n      every: yearly\n      month: 8\n      text: Reizi gadā augustā", "", HERE),
    m("control", O, "plan.yaml", "human: [apmācību organizētāji un lektori]", "human:\n        - apmācību organizētāji un lektori", "", HERE),
    m("control", O, "indicators.yaml", "    direction_basis: inferred\n", "    direction_basis: inferred # avotā nav\n", "", HERE),
];

/// Generous bound for one run of the debug binary.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// One finding, as compared between runs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Finding {
    code: String,
    file: String,
    line: u64,
    message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}:{} {}", self.code, self.file, self.line, self.message)
    }
}

/// The folder of a real programme in the repository.
fn source_dir(prog: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("programmes")
        .join(prog)
}

/// Copies a programme's folder, subfolders included, into `<root>/<prog>`.
fn copy_programme(prog: &str, root: &Path) -> Result<(), String> {
    copy_tree(&source_dir(prog), &root.join(prog))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let kind = entry.file_type().map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)
                .map_err(|e| format!("copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Runs `pmp check <prog> --format json` in `root` and returns its findings.
fn check(root: &Path, prog: &str) -> Result<Vec<Finding>, String> {
    let diags = check_json(root, prog, &[])?;
    Ok(diags
        .iter()
        .map(|d| Finding {
            code: d["code"].as_str().unwrap_or_default().to_string(),
            file: d["file"].as_str().unwrap_or_default().to_string(),
            line: d["line"].as_u64().unwrap_or(0),
            message: d["message"].as_str().unwrap_or_default().to_string(),
        })
        .collect())
}

/// Runs `pmp check <prog> --format json <extra>` in `root` and returns its JSON diagnostics.
fn check_json(root: &Path, prog: &str, extra: &[&str]) -> Result<Vec<Value>, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pmp"))
        .args(["check", prog, "--format", "json"])
        .args(extra)
        .current_dir(root)
        .env("PMP_TODAY", common::TODAY)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run pmp: {e}"))?;
    // Read both pipes on their own threads so a large report cannot block the child.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut s).map(|_| s)
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut s).map(|_| s)
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) => break status,
            None if start.elapsed() > RUN_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("pmp check did not finish within {RUN_TIMEOUT:?}"));
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let stdout = out_reader
        .join()
        .expect("stdout reader")
        .map_err(|e| e.to_string())?;
    let stderr = err_reader
        .join()
        .expect("stderr reader")
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8(stdout).map_err(|e| format!("stdout is not UTF-8: {e}"))?;
    let stderr = String::from_utf8_lossy(&stderr);
    if stderr.contains("panicked") {
        return Err(format!("pmp panicked:\n{stderr}"));
    }
    if !matches!(status.code(), Some(0 | 1)) {
        return Err(format!(
            "pmp check exited with {status}:\nstdout:\n{stdout}\nstderr:\n{stderr}"
        ));
    }
    let json: Value =
        serde_json::from_str(&stdout).map_err(|e| format!("stdout is not JSON ({e}):\n{stdout}"))?;
    json["diagnostics"]
        .as_array()
        .cloned()
        .ok_or_else(|| format!("no diagnostics list:\n{stdout}"))
}

/// Every code and its family, from `pmp check --list-rules`.
fn list_rules() -> Vec<(String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_pmp"))
        .args(["check", "--list-rules", "--color", "never"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run pmp check --list-rules");
    assert!(out.status.success(), "pmp check --list-rules failed: {out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let rules: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some((words.next()?.to_string(), words.next()?.to_string()))
        })
        .collect();
    assert!(rules.len() > 20, "cannot read the rule list:\n{text}");
    rules
}

/// 1-based line of byte offset `off` in `text`.
fn line_of(text: &str, off: usize) -> u64 {
    text[..off].matches('\n').count() as u64 + 1
}

/// The line of the one occurrence of `needle` in `text`.
fn unique_line(text: &str, needle: &str, what: &str) -> Result<u64, String> {
    let hits: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
    match hits.as_slice() {
        [one] => Ok(line_of(text, *one)),
        _ => Err(format!(
            "{what} `{needle}` occurs {} times, expected once",
            hits.len()
        )),
    }
}

/// Where two versions of a file differ, by lines: the first `prefix` lines and the last
/// `suffix` lines are the same in both.
struct LineEdit {
    prefix: u64,
    suffix: u64,
    old_len: u64,
    new_len: u64,
}

impl LineEdit {
    fn between(old: &str, new: &str) -> Self {
        let a: Vec<&str> = old.split('\n').collect();
        let b: Vec<&str> = new.split('\n').collect();
        let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let room = a.len().min(b.len()) - prefix;
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(room)
            .take_while(|(x, y)| x == y)
            .count();
        LineEdit {
            prefix: prefix as u64,
            suffix: suffix as u64,
            old_len: a.len() as u64,
            new_len: b.len() as u64,
        }
    }

    /// The line in the new text of line `line` of the old one (lines inside the edit stay).
    fn map(&self, line: u64) -> u64 {
        if line > self.old_len - self.suffix {
            line + self.new_len - self.old_len
        } else {
            line
        }
    }

    /// The changed lines of the new text; for a pure deletion, the lines either side of the cut.
    fn changed(&self) -> (u64, u64) {
        let first = self.prefix + 1;
        let last = self.new_len - self.suffix;
        if last < first {
            (self.prefix.max(1), first)
        } else {
            (first, last)
        }
    }
}

/// What one mutant produced.
struct Outcome {
    /// Findings the mutant added, in report order.
    new: Vec<Finding>,
    /// The file and lines the expected finding may be on.
    want_file: String,
    want_lines: (u64, u64),
    caught: bool,
}

impl Mutant {
    fn name(&self) -> String {
        format!(
            "[{}] {}/{}: `{}` -> `{}`",
            self.kind, self.prog, self.file, self.find, self.replace
        )
    }

    /// The file's text before and after the mutation.
    fn texts(&self) -> Result<(String, String), String> {
        let path = source_dir(self.prog).join(self.file);
        let (text, mutated) = if self.find == WHOLE_FILE {
            // The whole file replaced (emptied), or a file the programme does not have created.
            let text = if path.exists() {
                std::fs::read_to_string(&path).map_err(|e| format!("read {}: {e}", path.display()))?
            } else {
                String::new()
            };
            (text, self.replace.to_string())
        } else {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
            let n = text.matches(self.find).count();
            if n != 1 {
                return Err(format!(
                    "the text to replace occurs {n} times in {}/{}, expected exactly once",
                    self.prog, self.file
                ));
            }
            let off = text.find(self.find).expect("counted once");
            let mutated = format!(
                "{}{}{}",
                &text[..off],
                self.replace,
                &text[off + self.find.len()..]
            );
            (text, mutated)
        };
        if text == mutated {
            return Err("the mutant changes nothing".into());
        }
        Ok((text, mutated))
    }

    /// A fresh copy of the programme in a temporary folder with the mutant written into it.
    fn copy(&self, mutated: &str) -> Result<tempfile::TempDir, String> {
        let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
        copy_programme(self.prog, tmp.path())?;
        let target = tmp.path().join(self.prog).join(self.file);
        if self.find == WHOLE_FILE && self.replace == DELETED {
            std::fs::remove_file(&target).map_err(|e| format!("delete {}: {e}", target.display()))?;
        } else {
            // A file created in a folder the programme does not have yet (`results/2025.yaml`).
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&target, mutated).map_err(|e| e.to_string())?;
        }
        Ok(tmp)
    }

    /// Writes the mutant into a fresh copy of its programme, runs the checker and compares the
    /// findings with the unmutated programme's.
    fn run(&self, baseline: &[Finding]) -> Result<Outcome, String> {
        let (text, mutated) = self.texts()?;

        // The lines the edit changed: what the two texts share at the start and at the end is
        // unchanged, so an unmutated finding there is moved to its line in the mutated text
        // (a finding that only moved is not new).
        let edit = LineEdit::between(&text, &mutated);
        let rel = format!("{}/{}", self.prog, self.file);
        let before: HashSet<Finding> = baseline
            .iter()
            .map(|f| {
                let mut f = f.clone();
                if f.file == rel {
                    f.line = edit.map(f.line);
                }
                f
            })
            .collect();

        let (want_file, want_lines) = match self.place {
            // A deleted file is reported at its line 1.
            Place::Here if self.replace == DELETED => (rel.clone(), (1, 1)),
            Place::Here => (rel.clone(), edit.changed()),
            Place::At(anchor) => {
                let line = unique_line(&mutated, anchor, "the place")?;
                (rel.clone(), (line, line))
            }
            Place::AtIn(file, anchor) => {
                let other = source_dir(self.prog).join(file);
                let other =
                    std::fs::read_to_string(&other).map_err(|e| format!("read {}: {e}", other.display()))?;
                let line = unique_line(&other, anchor, "the place")?;
                (format!("{}/{file}", self.prog), (line, line))
            }
        };

        let tmp = self.copy(&mutated)?;
        let after = check(tmp.path(), self.prog)?;
        let new: Vec<Finding> = after.into_iter().filter(|f| !before.contains(f)).collect();
        let caught = new.iter().any(|f| {
            f.code == self.code && f.file == want_file && (want_lines.0..=want_lines.1).contains(&f.line)
        });
        Ok(Outcome {
            new,
            want_file,
            want_lines,
            caught,
        })
    }
}

/// The unmutated programme's findings, from a copy in a temporary folder (the same paths the
/// mutants' runs print).
fn baseline(prog: &str) -> Vec<Finding> {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_programme(prog, tmp.path()).expect("copy programme");
    let found = check(tmp.path(), prog).unwrap_or_else(|e| panic!("{prog} unmutated: {e}"));
    assert!(
        !found.is_empty(),
        "{prog}: the unmutated programme reports nothing"
    );
    // The copy must be checked exactly as the programme in the repository is.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let in_repo = check(repo, &format!("programmes/{prog}")).unwrap_or_else(|e| panic!("{prog}: {e}"));
    let in_repo: Vec<Finding> = in_repo
        .into_iter()
        .map(|mut f| {
            f.file = f.file.strip_prefix("programmes/").unwrap_or(&f.file).to_string();
            f
        })
        .collect();
    assert_eq!(
        found, in_repo,
        "{prog}: the copy in a temporary folder is checked differently"
    );
    found
}

/// Runs `mutants` on as many threads as the machine offers (at most 4).
fn run_all(mutants: &[Mutant], baselines: &BTreeMap<&str, Vec<Finding>>) -> Vec<Result<Outcome, String>> {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Result<Outcome, String>>>> =
        mutants.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(mutant) = mutants.get(i) else { break };
                    let outcome = mutant.run(&baselines[mutant.prog]);
                    *results[i].lock().unwrap() = Some(outcome);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().unwrap().expect("every mutant ran"))
        .collect()
}

/// How a mutant's outcome reads in a failure or a known-miss report.
fn describe(m: &Mutant, outcome: &Result<Outcome, String>) -> String {
    match outcome {
        Err(e) => format!("{}\n    cannot run: {e}", m.name()),
        Ok(o) => {
            let mut s = format!(
                "{}\n    expected `{}` at {}:{}-{}; new findings:",
                m.name(),
                m.code,
                o.want_file,
                o.want_lines.0,
                o.want_lines.1
            );
            if o.new.is_empty() {
                s.push_str(" none");
            }
            for f in &o.new {
                s.push_str(&format!("\n      {f}"));
            }
            s
        }
    }
}

#[test]
fn every_injected_defect_is_found_at_its_place() {
    let start = Instant::now();
    let baselines: BTreeMap<&str, Vec<Finding>> = [J, O].into_iter().map(|p| (p, baseline(p))).collect();

    let outcomes = run_all(MUTANTS, &baselines);
    let misses = run_all(KNOWN_MISSES, &baselines);
    let controls = run_all(CONTROLS, &baselines);

    // The catch table, by kind in first-seen order.
    let mut kinds: Vec<&str> = Vec::new();
    let mut per_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (m, o) in MUTANTS.iter().zip(&outcomes) {
        if !kinds.contains(&m.kind) {
            kinds.push(m.kind);
        }
        let e = per_kind.entry(m.kind).or_default();
        e.0 += 1;
        if matches!(o, Ok(o) if o.caught) {
            e.1 += 1;
        }
    }
    let caught: usize = per_kind.values().map(|v| v.1).sum();
    let width = kinds.iter().map(|k| k.len()).max().unwrap_or(4).max(4);
    println!("\n{:<width$}  mutants  caught  rate", "kind");
    for k in &kinds {
        let (n, c) = per_kind[k];
        println!("{k:<width$}  {n:>7}  {c:>6}  {:>3} %", c * 100 / n);
    }
    println!(
        "{:<width$}  {:>7}  {caught:>6}  {:>3} %   ({} kinds, {} Jelgava, {} Ogre; {:.1} s)",
        "all",
        MUTANTS.len(),
        caught * 100 / MUTANTS.len().max(1),
        kinds.len(),
        MUTANTS.iter().filter(|m| m.prog == J).count(),
        MUTANTS.iter().filter(|m| m.prog == O).count(),
        start.elapsed().as_secs_f64()
    );

    // Which codes and families of `pmp check --list-rules` the mutants exercise.
    let rules = list_rules();
    let expected: HashSet<&str> = MUTANTS.iter().map(|m| m.code).collect();
    let mut families: Vec<(&str, Vec<&str>, Vec<&str>)> = Vec::new();
    for (code, family) in &rules {
        if !families.iter().any(|f| f.0 == family.as_str()) {
            families.push((family.as_str(), Vec::new(), Vec::new()));
        }
        let f = families
            .iter_mut()
            .find(|f| f.0 == family.as_str())
            .expect("pushed");
        if expected.contains(code.as_str()) {
            f.1.push(code.as_str());
        } else {
            f.2.push(code.as_str());
        }
    }
    println!("\n{:<12}  codes  with a mutant  codes without one", "family");
    for (family, with, without) in &families {
        println!(
            "{family:<12}  {:>5}  {:>13}  {}",
            with.len() + without.len(),
            with.len(),
            without.join(", ")
        );
    }
    for code in &expected {
        assert!(
            rules.iter().any(|(c, _)| c == code),
            "a mutant expects `{code}`, which `pmp check --list-rules` does not list"
        );
    }

    // The relations of docs/invariants.md a rule checks, by code: how many mutants each has
    // and how many are caught. Every code the inventory names has a mutant, or a reason here.
    let inventory = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/invariants.md"))
        .expect("docs/invariants.md");
    let mut relations: BTreeMap<String, usize> = BTreeMap::new();
    for line in inventory.lines().filter(|l| l.starts_with("| `")) {
        let checked_by = line.trim_matches('|').split(" | ").nth(3).unwrap_or("");
        for code in checked_by.split('`').skip(1).step_by(2) {
            if code.contains('-') && rules.iter().any(|(c, _)| c == code) {
                *relations.entry(code.to_string()).or_default() += 1;
            }
        }
    }
    println!("\n{:<30}  rows  mutants (J/O)  caught", "relation (code)");
    let mut uncovered = Vec::new();
    for (code, rows) in &relations {
        let of_code: Vec<(&Mutant, &Result<Outcome, String>)> = MUTANTS
            .iter()
            .zip(&outcomes)
            .filter(|(m, _)| m.code == code.as_str())
            .collect();
        let on = |p: &str| of_code.iter().filter(|(m, _)| m.prog == p).count();
        let caught = of_code
            .iter()
            .filter(|(_, o)| matches!(o, Ok(o) if o.caught))
            .count();
        println!(
            "{code:<30}  {rows:>4}  {:>7} ({}/{})  {caught:>6}",
            of_code.len(),
            on(J),
            on(O)
        );
        if of_code.is_empty() && !NO_MUTANT.iter().any(|(c, _)| c == code) {
            uncovered.push(code.clone());
        }
    }
    for (code, why) in NO_MUTANT {
        assert!(
            !MUTANTS.iter().any(|m| m.code == *code),
            "`{code}` has a mutant now: remove it from NO_MUTANT ({why})"
        );
    }
    assert!(
        uncovered.is_empty(),
        "relations of docs/invariants.md with no mutant (add one to MUTANTS, or a reason to NO_MUTANT): {uncovered:?}"
    );

    // With DEFECTS_VERBOSE set, the finding that caught each mutant, for review.
    if std::env::var_os("DEFECTS_VERBOSE").is_some() {
        println!("\nwhat caught each mutant:");
        for (m, o) in MUTANTS.iter().zip(&outcomes) {
            if let Ok(o) = o {
                for f in o.new.iter().filter(|f| f.code == m.code && f.file == o.want_file) {
                    println!("  [{}] {f}", m.kind);
                }
            }
        }
    }

    // Known misses: printed; a test failure when one is caught (move it to MUTANTS, so it
    // stays caught) or when its text no longer exists.
    let mut stale = Vec::new();
    let mut now_caught: Vec<String> = Vec::new();
    if !KNOWN_MISSES.is_empty() {
        println!("\nknown misses (realistic mistakes the checker does not report yet):");
    }
    for (m, o) in KNOWN_MISSES.iter().zip(&misses) {
        match o {
            Ok(o) if o.caught => {
                println!("  NOW CAUGHT, move to MUTANTS: {}", m.name());
                now_caught.push(m.name());
            }
            Ok(x) => {
                let here: Vec<&Finding> = x
                    .new
                    .iter()
                    .filter(|f| f.file == x.want_file && (x.want_lines.0..=x.want_lines.1).contains(&f.line))
                    .collect();
                if !here.is_empty() {
                    let codes: Vec<&str> = here.iter().map(|f| f.code.as_str()).collect();
                    println!(
                        "  NEW FINDING AT THE PLACE as `{}`: if that rule is the one meant, move to MUTANTS",
                        codes.join("`, `")
                    );
                }
                println!("  {}", describe(m, o));
            }
            Err(_) => stale.push(describe(m, o)),
        }
    }

    // A control that adds a finding, or cannot run, is a fault of the harness itself.
    let noisy: Vec<String> = CONTROLS
        .iter()
        .zip(&controls)
        .filter(|(_, o)| !matches!(o, Ok(o) if o.new.is_empty()))
        .map(|(m, o)| describe(m, o))
        .collect();
    assert!(
        noisy.is_empty(),
        "harmless edits changed the findings (the comparison is broken):\n{}",
        noisy.join("\n")
    );

    let failed: Vec<String> = MUTANTS
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| !matches!(o, Ok(o) if o.caught))
        .map(|(m, o)| describe(m, o))
        .collect();
    assert!(
        failed.is_empty() && stale.is_empty(),
        "{} of {} mutants not caught:\n{}\n{}",
        failed.len(),
        MUTANTS.len(),
        failed.join("\n"),
        stale.join("\n")
    );
    assert!(
        now_caught.is_empty(),
        "known misses now caught: move them from KNOWN_MISSES to MUTANTS so they stay caught:\n{}",
        now_caught.join("\n")
    );
    assert!(MUTANTS.len() >= 60, "only {} mutants", MUTANTS.len());
    assert!(kinds.len() >= 20, "only {} kinds", kinds.len());
    for prog in [J, O] {
        let n = MUTANTS.iter().filter(|m| m.prog == prog).count();
        assert!(n >= 20, "only {n} mutants for {prog}");
    }
}

/// Every finding of a rule in `src/check/`, on the real programmes and on every mutant, says
/// something else in Latvian than in English, and its Latvian message and help write figures
/// with a decimal comma and quote with „…”.
#[test]
fn every_check_finding_is_said_in_latvian() {
    let codes = common::check_codes();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Both languages of one programme's findings; the order does not depend on the language.
    let both = |root: &Path, prog: &str, what: &str| -> Result<Vec<String>, String> {
        let en = check_json(root, prog, &["--lang", "en"])?;
        let lv = check_json(root, prog, &["--lang", "lv"])?;
        if en.len() != lv.len() {
            return Err(format!(
                "{what}: {} findings in English, {} in Latvian",
                en.len(),
                lv.len()
            ));
        }
        Ok(common::latvian_faults(&en, &lv, &codes))
    };
    let mut failures: Vec<String> = Vec::new();
    for prog in [J, O] {
        failures.extend(both(repo, &format!("programmes/{prog}"), prog).unwrap_or_else(|e| vec![e]));
    }
    // The mutants, on up to four threads.
    let next = AtomicUsize::new(0);
    let found = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(m) = MUTANTS.get(i) else { break };
                    let bad = m
                        .texts()
                        .and_then(|(_, mutated)| m.copy(&mutated))
                        .and_then(|tmp| both(tmp.path(), m.prog, &m.name()))
                        .unwrap_or_else(|e| vec![format!("{}: {e}", m.name())]);
                    found.lock().unwrap().extend(bad);
                }
            });
        }
    });
    failures.extend(found.into_inner().unwrap());
    failures.sort();
    failures.dedup();
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &failures {
        *by_code
            .entry(f.split(' ').next().unwrap_or_default())
            .or_default() += 1;
    }
    for f in &failures {
        println!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} findings of {} codes are not said in Latvian: {}",
        failures.len(),
        by_code.len(),
        by_code
            .iter()
            .map(|(c, n)| format!("{c} ({n})"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

#[test]
fn latvian_figures_are_told_from_dates_and_numbers() {
    assert_eq!(common::english_style("kopsumma ir 8,267"), None);
    assert_eq!(
        common::english_style("periods 2024.–2027., datums 01.09.2024."),
        None
    );
    assert_eq!(common::english_style("aktivitāte 1.2. un 1.2.3, 2.12."), None);
    assert_eq!(
        common::english_style("beigas (06.2025.) ir agrāk par sākumu (09.2025.)"),
        None
    );
    assert_eq!(
        common::english_style("vērtība „9.3%” ir tekstā, lauks `a.1.5`"),
        None
    );
    assert_eq!(
        common::english_style("kopsumma ir 8.267").as_deref(),
        Some("the figure 8.267")
    );
    assert_eq!(
        common::english_style("ir 8.267."),
        Some("the figure 8.267".to_string())
    );
    assert_eq!(
        common::english_style("9.3 % no").as_deref(),
        Some("the figure 9.3")
    );
    assert_eq!(
        common::english_style("teksts \"x\"").as_deref(),
        Some("the quote mark \"")
    );
}
