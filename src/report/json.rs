//! The report as JSON: the view's raw values, `"version": 1` (a contract: keys may be added,
//! none removed or renamed; documented in the README).

use super::Report;

pub fn write(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}
