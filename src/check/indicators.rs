//! Indicators: a baseline has a value, targets are figures (not trend words), percentages lie
//! in 0-100, and baseline and targets give values for the same breakdowns.

use std::collections::BTreeSet;

use super::{at, references::unknown};
use crate::diag::{Code, Diagnostic, Entity, Sink};
use crate::model::{BreakdownValue, Programme, Unit};

pub fn check(p: &Programme, sink: &mut Sink) {
    let Some(f) = &p.indicators else { return };
    for (i, ind) in f.indicators.iter().enumerate() {
        let e = || Entity::new("indicator", &ind.id, Some(&ind.title));
        let b = &ind.baseline;
        if b.value.is_none() && b.values.is_empty() {
            let (loc, msg, help) = match &b.to_be_set {
                Some(y) => (
                    y.loc,
                    format!("the baseline has no value: it is to be set in {}", y.value),
                    "record the measured value and its year when it is known",
                ),
                None => (
                    ind.title.loc,
                    "the baseline has no value".to_string(),
                    "add `baseline: {value: ..., year: ...}`",
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
                let msg = if word.is_empty() {
                    format!("the {} target gives no figure", t.year.value)
                } else {
                    format!(
                        "the {} target „{word}” is a trend, not a measurable figure",
                        t.year.value
                    )
                };
                sink.push(
                    Diagnostic::new(Code::TargetNotMeasurable, loc, msg)
                        .path(format!("indicators[{i}].targets[{j}]"))
                        .entity(e())
                        .help("give the value to reach, so the annual report can say whether it was reached"),
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
                            format!("{} % is not a percentage between 0 and 100", v.value),
                        )
                        .path(path)
                        .entity(e())
                        .help("a share is between 0 and 100; if it is a count, set `unit: count`"),
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
                "breakdown",
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
        sink.push(
            Diagnostic::new(
                Code::BreakdownMismatch,
                t.year.loc,
                format!(
                    "the {} target gives {}, the baseline gives {}",
                    t.year.value,
                    show(&tk),
                    show(&base)
                ),
            )
            .path(format!("indicators[{i}].targets[{j}]"))
            .entity(e())
            .help("baseline and every target must give values for the same breakdowns"),
        );
    }
}
