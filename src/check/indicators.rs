//! Indicators: a baseline has a value, targets are figures (not trend words), percentages lie
//! in 0-100, and baseline and targets give values for the same breakdowns.

use std::collections::BTreeSet;

use super::{at, references::Kind, references::unknown};
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::i18n::Lang;
use crate::model::{BreakdownValue, Programme, Unit};
use crate::tr;

pub fn check(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.indicators else { return };
    for (i, ind) in f.indicators.iter().enumerate() {
        let e = || Entity::new("indicator", &ind.id, Some(&ind.title));
        let b = &ind.baseline;
        if b.value.is_none() && b.values.is_empty() {
            let (loc, msg, help) = match &b.to_be_set {
                Some(y) => (
                    y.loc,
                    tr!(
                        en("the baseline has no value: it is to be set in {}", y.value),
                        lv(
                            "bāzes vērtība nav norādīta: to paredzēts noteikt {}. gadā",
                            y.value
                        ),
                    ),
                    tr!(
                        en("record the measured value and its year when it is known"),
                        lv("kad bāzes vērtība būs zināma, ierakstiet izmērīto vērtību un tās gadu"),
                    ),
                ),
                None => (
                    // The baseline's own cell, where the file writes one; the title otherwise.
                    b.text
                        .as_ref()
                        .map(|t| t.loc)
                        .or(b.year.as_ref().map(|y| y.loc))
                        .unwrap_or(ind.title.loc),
                    tr!(en("the baseline has no value"), lv("bāzes vērtība nav norādīta")),
                    tr!(
                        en("add `baseline: {{value: ..., year: ...}}`"),
                        lv("pievienojiet `baseline: {{value: ..., year: ...}}`"),
                    ),
                ),
            };
            sink.push(
                Diagnostic::new(Code::BaselineMissingValue, loc, msg)
                    .path(at("indicators", i, "baseline"))
                    .entity(e())
                    .help(help),
            );
        }
        for (j, t) in ind.targets.iter().enumerate() {
            if t.value.is_none() && t.values.is_empty() {
                let word = t.trend.as_ref().map(|w| w.value.clone()).unwrap_or_default();
                let loc = t.trend.as_ref().map(|w| w.loc).unwrap_or(t.year.loc);
                let y = t.year.value;
                let msg = if word.is_empty() {
                    tr!(
                        en("the {y} target gives no figure"),
                        lv("{y}. gada sasniedzamajai vērtībai nav norādīts skaitlis"),
                    )
                } else {
                    tr!(
                        en("the {y} target „{word}” is a trend, not a measurable figure"),
                        lv("{y}. gada sasniedzamā vērtība „{word}” ir tendence, nevis izmērāms skaitlis"),
                    )
                };
                sink.push(
                    Diagnostic::new(Code::TargetNotMeasurable, loc, msg)
                        .path(format!("indicators[{i}].targets[{j}]"))
                        .entity(e())
                        .help(tr!(
                            en("give the value to reach, so the annual report can say whether it was reached"),
                            lv("norādiet sasniedzamo vērtību ar skaitli, lai ikgadējā pārskatā varētu pateikt, vai tā ir sasniegta"),
                        )),
                );
            }
        }
        if ind.unit.as_ref().map(|u| u.value) == Some(Unit::Percent) {
            let mut values: Vec<(&crate::model::Number, String)> = Vec::new();
            values.extend(b.value.iter().map(|v| (v, at("indicators", i, "baseline.value"))));
            values.extend(
                b.values
                    .iter()
                    .enumerate()
                    .map(|(k, v)| (&v.value, format!("indicators[{i}].baseline.values[{k}].value"))),
            );
            for (j, t) in ind.targets.iter().enumerate() {
                values.extend(
                    t.value
                        .iter()
                        .map(|v| (v, format!("indicators[{i}].targets[{j}].value"))),
                );
                values.extend(t.values.iter().enumerate().map(|(k, v)| {
                    (
                        &v.value,
                        format!("indicators[{i}].targets[{j}].values[{k}].value"),
                    )
                }));
            }
            for (v, path) in values {
                if !(0.0..=100.0).contains(&v.f()) {
                    sink.push(
                        Diagnostic::new(
                            Code::PercentOutOfRange,
                            v.loc,
                            tr!(
                                en("{} % is not a percentage between 0 and 100", v.value),
                                lv(
                                    "{} nav procentuāla vērtība robežās no 0 līdz 100",
                                    Lang::Lv.figure_percent(v.value)
                                ),
                            ),
                        )
                        .path(path)
                        .entity(e())
                        .help(tr!(
                            en("a share is between 0 and 100; if it is a count, set `unit: count`"),
                            lv("daļa ir robežās no 0 līdz 100; ja tas ir skaits, norādiet `unit: count`"),
                        )),
                    );
                }
            }
        }
        breakdowns(ind, i, sink);
    }
}

fn breakdowns(ind: &crate::model::Indicator, i: usize, sink: &mut Sink) {
    let e = || Entity::new("indicator", &ind.id, Some(&ind.title));
    let keys: Vec<&str> = ind.breakdowns.iter().map(|b| b.key.value.as_str()).collect();
    let mut check_keys = |values: &[BreakdownValue], path: String| {
        for (k, v) in values.iter().enumerate() {
            unknown(
                Kind::Breakdown,
                &v.key,
                keys.iter().copied(),
                || format!("{path}[{k}].key"),
                || Some(e()),
                sink,
            );
        }
    };
    check_keys(&ind.baseline.values, at("indicators", i, "baseline.values"));
    for (j, t) in ind.targets.iter().enumerate() {
        check_keys(&t.values, format!("indicators[{i}].targets[{j}].values"));
    }
    let base: BTreeSet<&str> = ind.baseline.values.iter().map(|v| v.key.value.as_str()).collect();
    let baseline_known = ind.baseline.value.is_some() || !base.is_empty();
    if !baseline_known {
        return;
    }
    for (j, t) in ind.targets.iter().enumerate() {
        let tk: BTreeSet<&str> = t.values.iter().map(|v| v.key.value.as_str()).collect();
        let target_known = t.value.is_some() || !tk.is_empty();
        if !target_known || tk == base {
            continue;
        }
        let show = |s: &BTreeSet<&str>| {
            if s.is_empty() {
                "a single value".to_string()
            } else {
                s.iter().copied().collect::<Vec<_>>().join(", ")
            }
        };
        // „kā viena vērtība” / „iedalījumiem `1-4`, `5-9`”: how the sentence goes on.
        let show_lv = |s: &BTreeSet<&str>| {
            if s.is_empty() {
                "kā viena vērtība".to_string()
            } else {
                let keys: Vec<String> = s.iter().map(|k| format!("`{k}`")).collect();
                format!("iedalījumiem {}", keys.join(", "))
            }
        };
        sink.push(
            Diagnostic::new(
                Code::BreakdownMismatch,
                t.year.loc,
                tr!(
                    en(
                        "the {} target gives {}, the baseline gives {}",
                        t.year.value,
                        show(&tk),
                        show(&base)
                    ),
                    lv(
                        "{}. gada sasniedzamā vērtība norādīta {}, bet bāzes vērtība – {}",
                        t.year.value,
                        show_lv(&tk),
                        show_lv(&base)
                    ),
                ),
            )
            .path(format!("indicators[{i}].targets[{j}]"))
            .entity(e())
            .help(tr!(
                en("baseline and every target must give values for the same breakdowns"),
                lv("bāzes vērtībai un katrai sasniedzamajai vērtībai jābūt norādītai vieniem un tiem pašiem iedalījumiem"),
            )),
        );
    }
}
