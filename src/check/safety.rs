//! Values that would be unsafe in an output, reported by `check` (as `invalid-value`) so an
//! author learns of them before a document is rendered: a link or image in prose whose address
//! runs a script or opens local data (the renderers make it plain text, see
//! [`crate::render::neutralise_links`]), a programme id that cannot name the documents'
//! files ([`crate::fsutil::safe_file_stem`], the one rule `render` and `report` apply too),
//! and an amount of funding so large that totals of it overflow.

use comrak::nodes::NodeValue;

use crate::diag::{Code, Diagnostic, Sink};
use crate::model::Programme;
use crate::tr;

pub fn check(p: &Programme, sink: &mut Sink) {
    programme_id(p, sink);
    unsafe_links(p, sink);
    huge_amounts(p, sink);
}

/// The largest amount of funding a results file may record: a thousand billion euro, far
/// above any municipality's budget and far below what would make a total overflow.
const MAX_EUR: f64 = 1e12;

/// `invalid-value`: an amount of funding no programme spends. Added up, such amounts run out
/// of the range of a number, and the report would print „inf EUR” or a 309-digit total.
fn huge_amounts(p: &Programme, sink: &mut Sink) {
    for r in p.results.values() {
        for (i, a) in r.data.activities.iter().enumerate() {
            for (k, f) in a.funding.iter().enumerate() {
                let v = f.eur.f();
                if v.abs() <= MAX_EUR {
                    continue;
                }
                sink.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        f.eur.loc,
                        tr!(
                            en("an amount of more than 1,000,000,000,000 EUR"),
                            lv("summa, kas pārsniedz 1 000 000 000 000 EUR"),
                        ),
                    )
                    .path(format!("activities[{i}].funding[{k}].eur"))
                    .help(tr!(
                        en("write the amount in euro, e.g. `eur: 12500.50`"),
                        lv("ierakstiet summu eiro, piemēram, `eur: 12500.50`"),
                    )),
                );
            }
        }
    }
}

/// `invalid-value`: a programme id that cannot be the name of a document file.
fn programme_id(p: &Programme, sink: &mut Sink) {
    let Some(m) = &p.manifest else { return };
    let id = &m.id.value;
    if crate::fsutil::safe_file_stem(id) {
        return;
    }
    let shown = crate::diag::visible_controls(id);
    sink.push(
        Diagnostic::new(
            Code::InvalidValue,
            m.id.loc,
            tr!(
                en("the programme id `{shown}` cannot name the documents' files"),
                lv("programmas identifikators `{shown}` nevar būt dokumentu failu nosaukums"),
            ),
        )
        .path("id")
        .help(tr!(
            en("use 1 to {max} letters, digits, `-`, `_` and `.`, not starting with `.`, e.g. `ogre-2024-2027`", max = crate::fsutil::MAX_STEM),
            lv("lietojiet 1–{max} burtus, ciparus, `-`, `_` un `.`, nesākot ar `.`, piemēram, `ogre-2024-2027`", max = crate::fsutil::MAX_STEM),
        )),
    );
}

/// `invalid-value`: a link or image in prose to a `javascript:`, `vbscript:`, `data:` or
/// `file:` address, however written (`javascript&colon;`, `&#58;`, mixed case, a tab inside).
fn unsafe_links(p: &Programme, sink: &mut Sink) {
    let options = crate::render::comrak_options();
    for (field, path) in crate::render::crossref::prose_fields(p) {
        if !field.value.contains([':', '&']) {
            continue;
        }
        let arena = comrak::Arena::new();
        let root = comrak::parse_document(&arena, &field.value, &options);
        for node in root.descendants() {
            let (what, what_lv, url) = match &node.data().value {
                NodeValue::Link(l) => ("link", "saite", l.url.clone()),
                NodeValue::Image(l) => ("image", "attēls", l.url.clone()),
                _ => continue,
            };
            if !crate::render::is_dangerous_url(&url) {
                continue;
            }
            let shown: String = crate::diag::visible_controls(&url).chars().take(40).collect();
            sink.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    field.loc,
                    tr!(
                        en("a {what} to `{shown}`: an address that runs a script or opens local data"),
                        lv("{what_lv} uz `{shown}`: adrese, kas palaiž skriptu vai atver vietējos datus"),
                    ),
                )
                .path(path.clone())
                .help(tr!(
                    en("link to a web page (`https://…`); the documents show such a link as plain text"),
                    lv("saitei jāved uz tīmekļa lapu (`https://…`); dokumentos šāda saite ir tikai teksts"),
                )),
            );
        }
    }
}
