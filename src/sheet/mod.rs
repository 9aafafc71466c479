//! The yearly round by spreadsheet: `pmp sheet export` writes, for one year, a workbook per
//! responsible body with the rows of the plan that body answers for; `pmp sheet import` reads
//! the returned workbooks and merges what they say into `results/YYYY.yaml`.
//!
//! - [`rows`]: which plan rows (indicators, activities, tasks) each body answers for, and the
//!   columns of each sheet, shared by export and import;
//! - [`write`]: the .xlsx workbook (rust_xlsxwriter): plan columns protected, answer columns
//!   with drop-downs, validation and input messages, a hidden sheet naming programme, year and
//!   the plan's fingerprint;
//! - [`read`]: returned workbooks (.xlsx and .ods, calamine) into answers, every problem a
//!   finding naming workbook, sheet and cell;
//! - [`merge`]: the answers into the results file's text, editing only what changes so its
//!   comments and layout stay.

pub mod merge;
pub mod read;
pub mod rows;
pub mod write;
pub mod yaml_text;

use crate::model::ExecStatus;

/// The hidden sheet that names the programme, year, body and plan fingerprint.
pub const META_SHEET: &str = "pmp";
/// The sheet of indicators.
pub const INDICATORS_SHEET: &str = "Rādītāji";
/// The sheet of activities.
pub const ACTIVITIES_SHEET: &str = "Aktivitātes";
/// The sheet of tasks.
pub const TASKS_SHEET: &str = "Darba uzdevumi";
/// The layout version written in the hidden sheet; a workbook of another layout is refused.
pub const LAYOUT_VERSION: &str = "1";
/// The body written in the hidden sheet of a workbook for all bodies (`--all`).
pub const ALL_BODIES: &str = "*";

/// The row of the header; the rows of the plan follow it.
pub const HEADER_ROW: u32 = 2;
/// The first row of the plan's rows (0-based).
pub const FIRST_ROW: u32 = 3;

/// The status as the drop-down offers it.
pub fn status_label(s: ExecStatus) -> &'static str {
    match s {
        ExecStatus::Done => "Izpildīts",
        ExecStatus::Ongoing => "Tiek īstenots",
        ExecStatus::Delayed => "Kavējas",
        ExecStatus::NotStarted => "Nav uzsākts",
        ExecStatus::Cancelled => "Atcelts",
    }
}

/// The status a cell names: a label of the drop-down (any case, spaces trimmed) or the key
/// the results file writes (`done`).
pub fn status_from_label(text: &str) -> Option<ExecStatus> {
    let t = text.trim();
    ExecStatus::ALL
        .into_iter()
        .find(|s| status_label(*s).to_lowercase() == t.to_lowercase() || s.key() == t)
}

/// A spreadsheet cell address: `E12` for row 11, column 4 (0-based).
pub fn cell_name(row: u32, col: u16) -> String {
    let mut c = u32::from(col) + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// FNV-1a, 64 bits, over `text`: stable across platforms and Rust versions.
pub fn fnv1a(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A figure with a decimal comma and a space between thousands, as a Latvian reader writes
/// it (`3 400,50`), with `decimals` decimals.
pub fn lv_number(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 4), "E12");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
    }

    #[test]
    fn statuses_read_back() {
        for s in ExecStatus::ALL {
            assert_eq!(status_from_label(status_label(s)), Some(s));
            assert_eq!(status_from_label(&status_label(s).to_uppercase()), Some(s));
            assert_eq!(status_from_label(s.key()), Some(s));
        }
        assert_eq!(status_from_label("Pabeigts"), None);
    }

    #[test]
    fn latvian_numbers() {
        assert_eq!(lv_number(3400.5, 2), "3\u{a0}400,50");
        assert_eq!(lv_number(93.4, 1), "93,4");
        assert_eq!(lv_number(120.0, 0), "120");
    }
}
