//! Latvian output conventions, in one place, for every renderer and report that shows
//! figures, dates or sorted names to people:
//! decimal comma, thousands grouped with a no-break space (`10 249`, `0,25`), percent with a
//! no-break space (`9,3 %`), long dates (`2024. gada 1. septembris`, locative `1. septembrī`),
//! short dates (`01.09.2024.`), school years (`2023./2024. mācību gads`), year ranges with an
//! en dash (`2024.–2028.`), one quote style (`„…”`), and sorting in Latvian alphabetical
//! order (ā after a, č after c, …, ž last).

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};

/// No-break space.
pub const NBSP: char = '\u{a0}';

const MONTHS: [&str; 12] = [
    "janvāris",
    "februāris",
    "marts",
    "aprīlis",
    "maijs",
    "jūnijs",
    "jūlijs",
    "augusts",
    "septembris",
    "oktobris",
    "novembris",
    "decembris",
];

/// Locative ("in March"): `martā`.
const MONTHS_LOCATIVE: [&str; 12] = [
    "janvārī",
    "februārī",
    "martā",
    "aprīlī",
    "maijā",
    "jūnijā",
    "jūlijā",
    "augustā",
    "septembrī",
    "oktobrī",
    "novembrī",
    "decembrī",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month name, nominative, lowercase: `month(9)` = `septembris`. Out-of-range months give "?".
pub fn month(m: u32) -> &'static str {
    MONTHS.get((m as usize).wrapping_sub(1)).copied().unwrap_or("?")
}

/// Month name, locative: `month_locative(9)` = `septembrī`.
pub fn month_locative(m: u32) -> &'static str {
    MONTHS_LOCATIVE
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// English month name, for `--lang en`.
pub fn month_en(m: u32) -> &'static str {
    MONTHS_EN
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// A number with a decimal comma and no-break-space thousands, with at most `max_decimals`
/// decimals and no trailing zeros: `number(10249.0, 2)` = `10 249`, `number(0.25, 2)` = `0,25`.
pub fn number(v: f64, max_decimals: usize) -> String {
    number_with(v, max_decimals, NBSP, ',')
}

/// A number with the given thousands separator and decimal mark, at most `max_decimals`
/// decimals and no trailing zeros. Thousands are grouped from five digits on (`6919`,
/// `10 249`), as Latvian typesetting does; a negative number takes a real minus sign.
pub fn number_with(v: f64, max_decimals: usize, thousands: char, decimal: char) -> String {
    grouped(v, max_decimals, true, thousands, decimal)
}

/// A figure with exactly `decimals` decimals, as printed: `fixed(0.2, 2)` = `0,20`,
/// `fixed(1.0, 1)` = `1,0`, `fixed(10.763, 3)` = `10,763`.
pub fn fixed(v: f64, decimals: usize) -> String {
    grouped(v, decimals, false, NBSP, ',')
}

/// [`fixed`] with the given thousands separator and decimal mark.
pub fn fixed_with(v: f64, decimals: usize, thousands: char, decimal: char) -> String {
    grouped(v, decimals, false, thousands, decimal)
}

/// `v` to `decimals` decimals (trailing zeros dropped when `trim`), thousands grouped.
fn grouped(v: f64, decimals: usize, trim: bool, thousands: char, decimal: char) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) if trim => (i.to_string(), f.trim_end_matches('0').to_string()),
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) && digits.len() > 4 {
            grouped.push(thousands);
        }
        grouped.push(*c);
    }
    let negative = v < 0.0 && (digits.iter().any(|c| *c != '0') || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(&frac);
    }
    out
}

/// A percentage: `percent(9.3)` = `9,3 %` (no-break space before the sign).
pub fn percent(v: f64) -> String {
    format!("{}{NBSP}%", number(v, 2))
}

/// Long date: `2024. gada 1. septembris`.
pub fn date_long(d: NaiveDate) -> String {
    format!("{}.{NBSP}gada {}.{NBSP}{}", d.year(), d.day(), month(d.month()))
}

/// Long date, genitive ("of"): `2023. gada 30. novembra`, as in „… domes 2023. gada
/// 30. novembra lēmumu”.
pub fn date_long_genitive(d: NaiveDate) -> String {
    format!(
        "{}.{NBSP}gada {}.{NBSP}{}",
        d.year(),
        d.day(),
        MONTHS_GENITIVE
            .get((d.month() as usize).wrapping_sub(1))
            .copied()
            .unwrap_or("?")
    )
}

const MONTHS_GENITIVE: [&str; 12] = [
    "janvāra",
    "februāra",
    "marta",
    "aprīļa",
    "maija",
    "jūnija",
    "jūlija",
    "augusta",
    "septembra",
    "oktobra",
    "novembra",
    "decembra",
];

/// A body's name in the genitive, its last word declined and the words before it (already
/// genitive attributes) kept: `Ogres novada pašvaldības dome` → `Ogres novada pašvaldības
/// domes`, `Demo novada padome` → `Demo novada padomes`. A last word of another ending is kept
/// as written.
pub fn genitive(name: &str) -> String {
    let name = name.trim();
    let (head, last) = name.rsplit_once(' ').map_or(("", name), |(h, l)| (h, l));
    let declined = if last.ends_with('e') || last.ends_with('a') {
        format!("{last}s")
    } else if let Some(stem) = last.strip_suffix('s')
        && !stem.is_empty()
        && !stem.ends_with(['i', 'u', 's'])
    {
        format!("{stem}a")
    } else {
        last.to_string()
    };
    if head.is_empty() {
        declined
    } else {
        format!("{head} {declined}")
    }
}

/// Long date, locative ("on"): `2023. gada 30. novembrī`.
pub fn date_long_locative(d: NaiveDate) -> String {
    format!(
        "{}.{NBSP}gada {}.{NBSP}{}",
        d.year(),
        d.day(),
        month_locative(d.month())
    )
}

/// Short date: `01.09.2024.`.
pub fn date_short(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{}.", d.day(), d.month(), d.year())
}

/// Month of a year: `2026. gada oktobris`.
pub fn month_year(year: i32, m: u32) -> String {
    format!("{year}.{NBSP}gada {}", month(m))
}

/// A span of days, short dates joined by an en dash: `01.09.2025.–31.05.2026.`.
pub fn date_range_short(from: NaiveDate, to: NaiveDate) -> String {
    format!("{}–{}", date_short(from), date_short(to))
}

/// In a year (locative): `2025. gadā`.
pub fn year_locative(year: i32) -> String {
    format!("{year}.{NBSP}gadā")
}

/// School year starting in `first`: `2023./2024. mācību gads`.
pub fn school_year(first: i32) -> String {
    format!("{first}./{}.{NBSP}mācību gads", first + 1)
}

/// A year range with an en dash: `2024.–2028.`.
pub fn year_range(from: i32, to: i32) -> String {
    format!("{from}.–{to}.")
}

/// Quotes text the one way the project quotes: `„…”`.
pub fn quote(s: &str) -> String {
    format!("„{s}”")
}

/// `Nr.` with a no-break space: `Nr. 19`.
pub fn nr(n: &str) -> String {
    let n = n.trim().trim_start_matches("Nr.").trim();
    format!("Nr.{NBSP}{n}")
}

/// Month of a year, locative ("in"): `2026. gada oktobrī`.
pub fn month_year_locative(year: i32, m: u32) -> String {
    format!("{year}.{NBSP}gada {}", month_locative(m))
}

/// English long date, for `--lang en`: `30 January 2025`.
pub fn date_long_en(d: NaiveDate) -> String {
    format!("{}{NBSP}{} {}", d.day(), month_en(d.month()), d.year())
}

/// A date known to the year, month or day, short: `2024.`, `09.2024.`, `01.09.2024.`.
pub fn partial_date(year: i32, m: Option<u32>, d: Option<u32>) -> String {
    match (m, d) {
        (Some(m), Some(d)) => format!("{d:02}.{m:02}.{year}."),
        (Some(m), None) => format!("{m:02}.{year}."),
        _ => format!("{year}."),
    }
}

/// A range of anything already formatted, with an en dash: `09.2024.–06.2025.`.
pub fn range(from: &str, to: &str) -> String {
    format!("{from}–{to}")
}

/// An amount in euro: `1 031 656,19 EUR` (no-break space before the unit).
pub fn euro(v: f64) -> String {
    format!("{}{NBSP}EUR", number(v, 2))
}

/// A list joined the Latvian way, with `and` before the last item: `martā un oktobrī`.
pub fn join_and(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// The position of a letter in the Latvian alphabet, for sorting; other characters sort by
/// their code point after the letters.
fn rank(c: char) -> (u32, u32) {
    const ALPHABET: &str = "aābcčdeēfgģhiījkķlļmnņoprsštuūvzž";
    let lower = c.to_lowercase().next().unwrap_or(c);
    match ALPHABET.chars().position(|a| a == lower) {
        Some(i) => (1, i as u32),
        None if lower.is_ascii_digit() => (0, lower as u32),
        None => (2, lower as u32),
    }
}

/// Compares two strings in Latvian alphabetical order, case-insensitively first.
pub fn collate(a: &str, b: &str) -> Ordering {
    let ka = a.chars().map(rank);
    let kb = b.chars().map(rank);
    ka.cmp(kb).then_with(|| a.cmp(b))
}

/// Sorts strings (or anything with a name) in Latvian order.
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| collate(name(a), name(b)));
}

/// A lower-case Latvian letter without its mark (`ā` → `a`, `ļ` → `l`); any other character as
/// it is. For comparisons that forgive a missing mark and for ASCII identifiers.
pub fn unmarked(c: char) -> char {
    match c {
        'ā' => 'a',
        'č' => 'c',
        'ē' => 'e',
        'ģ' => 'g',
        'ī' => 'i',
        'ķ' => 'k',
        'ļ' => 'l',
        'ņ' => 'n',
        'š' => 's',
        'ū' => 'u',
        'ž' => 'z',
        c => c,
    }
}

/// An ASCII id made of a name: lower case, Latvian letters without their marks as Latvians
/// write them in addresses and file names (`Ādažu` → `adazu`), anything else a hyphen (`_`
/// kept where `underscore`), no hyphen at either end or two in a row, at most `max` bytes.
pub fn ascii_id(name: &str, underscore: bool, max: usize) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase).map(unmarked) {
        let c = if c.is_ascii_alphanumeric() || (underscore && c == '_') {
            c
        } else {
            '-'
        };
        if c == '-' && (id.is_empty() || id.ends_with('-')) {
            continue;
        }
        id.push(c);
        if id.len() >= max {
            break;
        }
    }
    id.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number(10249.0, 2), "10\u{a0}249");
        assert_eq!(number(2984.0, 0), "2984");
        assert_eq!(number(1031656.19, 2), "1\u{a0}031\u{a0}656,19");
        assert_eq!(number(0.25, 2), "0,25");
        assert_eq!(number(0.5, 2), "0,5");
        assert_eq!(number(-1.5, 2), "−1,5");
        assert_eq!(percent(9.3), "9,3\u{a0}%");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
        assert_eq!(date_long(d), "2024.\u{a0}gada 1.\u{a0}septembris");
        assert_eq!(date_short(d), "01.09.2024.");
        assert_eq!(school_year(2023), "2023./2024.\u{a0}mācību gads");
        assert_eq!(year_range(2024, 2028), "2024.–2028.");
        assert_eq!(month_locative(11), "novembrī");
        assert_eq!(nr("Nr. 19"), "Nr.\u{a0}19");
    }

    #[test]
    fn render_helpers() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 30).unwrap();
        assert_eq!(month_year_locative(2026, 10), "2026.\u{a0}gada oktobrī");
        assert_eq!(date_long_en(d), "30\u{a0}January 2025");
        assert_eq!(partial_date(2024, None, None), "2024.");
        assert_eq!(partial_date(2024, Some(9), None), "09.2024.");
        assert_eq!(partial_date(2024, Some(9), Some(1)), "01.09.2024.");
        assert_eq!(range("09.2024.", "06.2025."), "09.2024.–06.2025.");
        assert_eq!(euro(1031656.19), "1\u{a0}031\u{a0}656,19\u{a0}EUR");
        let months = vec!["martā".to_string(), "oktobrī".to_string()];
        assert_eq!(join_and(&months, "un"), "martā un oktobrī");
        let three = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(join_and(&three, "un"), "a, b un c");
    }

    #[test]
    fn latvian_order() {
        let mut v = vec![
            "Žanis", "zāle", "čaulas", "cena", "āboli", "bērzs", "abats", "Ēriks", "egle",
        ];
        v.sort_by(|a, b| collate(a, b));
        assert_eq!(
            v,
            [
                "abats", "āboli", "bērzs", "cena", "čaulas", "egle", "Ēriks", "zāle", "Žanis"
            ]
        );
    }
}

/// Words after which a day's ordinal number keeps its space (`30. novembris`, `2023. gada`).
const DATE_WORDS: [&str; 4] = ["gad", "janvār", "februār", "mart"];
const MONTH_STEMS: [&str; 10] = [
    "aprīl", "aprīļ", "maij", "jūnij", "jūlij", "august", "septembr", "oktobr", "novembr", "decembr",
];

/// Body text with the spaces Latvian typesetting keeps unbroken made no-break spaces (U+00A0),
/// as the tables already have them: a number and its `%`, `EUR` or `euro`; the groups of a
/// grouped number (`1 031 656,19`); `Nr.` and its number; an ordinal and the date word after
/// it (`2023. gada`, `30. novembra`, `13. aprīlī`); a number and `§`. Nothing else changes.
pub fn keep_together(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(' ') {
        return text.into();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() && joins(&chars[..i], &chars[i + 1..]) {
            out.push(NBSP);
            changed = true;
        } else {
            out.push(c);
        }
    }
    if changed { out.into() } else { text.into() }
}

/// Whether the space between `before` and `after` is one to keep unbroken.
fn joins(before: &[char], after: &[char]) -> bool {
    let prev = before[before.len() - 1];
    let next = after[0];
    let word: String = after.iter().take_while(|c| c.is_alphabetic()).collect();
    let lower = word.to_lowercase();
    if prev.is_ascii_digit() {
        if next == '%' || next == '§' || word == "EUR" || lower == "euro" {
            return true;
        }
        // A group of a grouped number: `1 031 656`, three digits after the space, then no
        // further digit; and the digits before are a group too (at most three).
        let group = after.iter().take_while(|c| c.is_ascii_digit()).count();
        let lead = before.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let before_lead = before.len().checked_sub(lead + 1).map(|k| before[k]);
        if group == 3 && lead <= 3 && !matches!(before_lead, Some(c) if c.is_alphanumeric() || c == ',') {
            return true;
        }
        if group == 3 && lead <= 3 && before_lead == Some(' ') {
            return true;
        }
        return false;
    }
    if prev == '.' {
        let token: String = before
            .iter()
            .rev()
            .skip(1)
            .take_while(|c| !c.is_whitespace() && **c != '(')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if token == "Nr" && next.is_ascii_digit() {
            return true;
        }
        let ordinal = !token.is_empty() && token.len() <= 4 && token.chars().all(|c| c.is_ascii_digit());
        if ordinal && next == '§' {
            return true;
        }
        if ordinal
            && (DATE_WORDS.iter().any(|w| lower.starts_with(w))
                || MONTH_STEMS.iter().any(|w| lower.starts_with(w)))
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod keep_together_tests {
    use super::keep_together;

    fn shown(s: &str) -> String {
        keep_together(s).replace('\u{a0}', "~")
    }

    #[test]
    fn numbers_units_dates_and_nr_stay_together() {
        assert_eq!(shown("ap 9,3 % no tiem"), "ap 9,3~% no tiem");
        assert_eq!(shown("kopā 1 031 656,19 EUR gadā"), "kopā 1~031~656,19~EUR gadā");
        assert_eq!(
            shown("2023. gada 30. novembra lēmums Nr. 19, 34. §"),
            "2023.~gada 30.~novembra lēmums Nr.~19, 34.~§"
        );
        assert_eq!(
            shown("no 13. aprīļa līdz 26. oktobrim"),
            "no 13.~aprīļa līdz 26.~oktobrim"
        );
        assert_eq!(shown("(500,00 euro par katru)"), "(500,00~euro par katru)");
        assert_eq!(shown("līdz 31. decembrim"), "līdz 31.~decembrim");
    }

    #[test]
    fn other_spaces_stay() {
        for s in [
            "1. Izglītojamie un skolotāji",
            "7 (2020), 10 (2021) un 17 (2022)",
            "2984 1.-9. klašu izglītojamie",
            "no 2018. līdz 2023. gadam",
            "16 pagasti; 2021 123 skolēni",
        ] {
            let out = shown(s);
            assert!(
                out.matches('~').count() <= usize::from(s.contains("2023. gadam")),
                "{s} -> {out}"
            );
        }
    }
}
