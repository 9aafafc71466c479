//! The field reference, `docs/format.md` (`pmp schema --format md`): every part and every
//! field with its type, whether it is required and what it means, generated from the same
//! JSON Schemas as `schemas/` (so from the model's doc comments), with the fictional demo
//! programme in `examples/demo/` as each part's example.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

use pmp::model::Part;

/// What each part's file holds, in a sentence.
fn part_intro(part: Part) -> &'static str {
    match part {
        Part::Manifest => {
            "The manifest: id, municipality, title, period, status, the adopting decision and amendments, the working group."
        }
        Part::Institutions => {
            "The registry of bodies the programme names, with their responsibilities per prevention level: the cooperation model."
        }
        Part::Situation => {
            "The situation analysis: sections of prose, numbered data tables and percentages stated in the text (optional part)."
        }
        Part::Svid => {
            "The SVID (SWOT) analysis: strengths, weaknesses, opportunities and threats, optionally linked to the goals that answer them (optional part)."
        }
        Part::Goals => "The goals, each at one prevention level, with their expected results.",
        Part::Indicators => {
            "The indicators that measure the goals: baseline, targets per milestone year, breakdowns."
        }
        Part::Plan => {
            "The action plan: activities under goals, with responsible bodies, years, funding, tasks and resources."
        }
        Part::Monitoring => {
            "The monitoring calendar: events, their timing, responsible bodies, outputs and recorded completions."
        }
        Part::Results => {
            "The results of one year (`results/YYYY.yaml`): achieved indicator values, each activity's execution, funding invested, impact and factors."
        }
    }
}

/// The example of each part: the fictional demo programme.
fn example(part: Part) -> &'static str {
    match part {
        Part::Manifest => include_str!("../../examples/demo/programme.yaml"),
        Part::Institutions => include_str!("../../examples/demo/institutions.yaml"),
        Part::Situation => include_str!("../../examples/demo/situation.yaml"),
        Part::Svid => include_str!("../../examples/demo/svid.yaml"),
        Part::Goals => include_str!("../../examples/demo/goals.yaml"),
        Part::Indicators => include_str!("../../examples/demo/indicators.yaml"),
        Part::Plan => include_str!("../../examples/demo/plan.yaml"),
        Part::Monitoring => include_str!("../../examples/demo/monitoring.yaml"),
        Part::Results => include_str!("../../examples/demo-novads/results/2026.yaml"),
    }
}

/// A definition's anchor: its part and name, so the same name in two parts never clashes.
fn anchor(part: Part, def: &str) -> String {
    format!("{}-{}", part.name(), def.to_lowercase())
}

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn pattern(v: &Value) -> Option<&str> {
    v.get("pattern").and_then(Value::as_str)
}

/// A schema's type, in words, with links to the definitions it uses (collected in `refs`).
fn type_of(part: Part, v: &Value, refs: &mut Vec<String>) -> String {
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r).to_string();
        let link = format!("[{name}](#{})", anchor(part, &name));
        refs.push(name);
        return link;
    }
    if let Some(c) = v.get("const") {
        return format!(
            "`{}`",
            c.as_str().map(str::to_string).unwrap_or_else(|| c.to_string())
        );
    }
    if let Some(values) = v.get("enum").and_then(Value::as_array) {
        let shown: Vec<String> = values
            .iter()
            .map(|x| {
                format!(
                    "`{}`",
                    x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string())
                )
            })
            .collect();
        return format!("one of {}", shown.join(", "));
    }
    let alternatives = v
        .get("anyOf")
        .or_else(|| v.get("oneOf"))
        .and_then(Value::as_array);
    if let Some(alts) = alternatives {
        // A partial date (`PartialDate`): a year, or a text matching the month or day form.
        if alts
            .iter()
            .any(|a| pattern(a).is_some_and(|p| p.starts_with("^[0-9]{4}(")))
        {
            return "year (2026), month (\"2026-05\") or day (2026-05-15)".into();
        }
        let kinds: Vec<&str> = alts
            .iter()
            .filter_map(|a| a.get("type").and_then(Value::as_str))
            .collect();
        // A text field, which also takes a number or true/false written without quotes.
        if kinds.contains(&"string") && kinds.contains(&"number") && kinds.contains(&"boolean") {
            return "text".into();
        }
        let mut parts: Vec<String> = alts
            .iter()
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .map(|a| type_of(part, a, refs))
            .collect();
        parts.dedup();
        return parts.join(" or ");
    }
    let ty = match v.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect::<Vec<_>>()
            .join(" or "),
        _ => String::new(),
    };
    let mut out = match ty.as_str() {
        "array" => {
            let item = v.get("items").map(|i| type_of(part, i, refs)).unwrap_or_default();
            format!("list of {item}")
        }
        "string" if pattern(v).is_some_and(|p| p.starts_with("^[0-9]{4}-")) => "date (YYYY-MM-DD)".into(),
        "string" if v.get("pattern").is_some() => "text in a fixed form (see its meaning)".into(),
        "string" => "text".into(),
        "integer" => "whole number".into(),
        "number" => "number".into(),
        "boolean" => "true or false".into(),
        "object" => "mapping".into(),
        other => other.to_string(),
    };
    match (v.get("minimum"), v.get("maximum")) {
        (Some(lo), Some(hi)) => {
            let _ = write!(out, ", {lo}–{hi}");
        }
        (Some(lo), None) if lo.as_f64() != Some(0.0) => {
            let _ = write!(out, ", at least {lo}");
        }
        _ => {}
    }
    out
}

/// The table of an object schema's fields.
fn fields(part: Part, v: &Value, refs: &mut Vec<String>) -> String {
    let mut out = String::from("| field | type | required | meaning |\n|---|---|---|---|\n");
    let required: BTreeSet<&str> = v
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(props) = v.get("properties").and_then(Value::as_object) {
        for (name, p) in props {
            let desc = p.get("description").and_then(Value::as_str).unwrap_or("");
            let _ = writeln!(
                out,
                "| `{name}` | {} | {} | {} |",
                cell(&type_of(part, p, refs)),
                if required.contains(name.as_str()) {
                    "yes"
                } else {
                    ""
                },
                cell(desc)
            );
        }
    }
    out
}

/// A definition: its description, then its fields or its values.
fn definition(part: Part, name: &str, v: &Value, refs: &mut Vec<String>) -> String {
    let mut out = format!("<a id=\"{}\"></a>\n\n#### {name}\n\n", anchor(part, name));
    if let Some(d) = v.get("description").and_then(Value::as_str) {
        let _ = writeln!(out, "{}\n", d.trim());
    }
    if v.get("properties").is_some() {
        out.push_str(&fields(part, v, refs));
    } else if let Some(alts) = v
        .get("oneOf")
        .or_else(|| v.get("anyOf"))
        .and_then(Value::as_array)
    {
        out.push_str("| value | meaning |\n|---|---|\n");
        for a in alts {
            let _ = writeln!(
                out,
                "| {} | {} |",
                cell(&type_of(part, a, refs)),
                cell(a.get("description").and_then(Value::as_str).unwrap_or(""))
            );
        }
    } else {
        let _ = writeln!(out, "Type: {}.", type_of(part, v, refs));
    }
    out.push('\n');
    out
}

/// The whole reference.
pub fn markdown() -> String {
    let mut out = String::from(
        "# The programme format\n\n\
         Generated by `pmp schema --format md` from the same model as the JSON Schemas in `schemas/`; \
         do not edit by hand. A programme is a folder with one YAML file per part; each file starts with \
         its `# yaml-language-server: $schema=…` line. Text fields also take a number or true/false written \
         without quotes (`number: 5` is the text „5”). The examples are the fictional programme in \
         `examples/demo/`.\n\n",
    );
    for part in Part::WITH_SCHEMA {
        let _ = writeln!(out, "- [`{}`](#{})", part.file_name(), part.name());
    }
    out.push('\n');
    for part in Part::WITH_SCHEMA {
        let schema = part.schema().to_value();
        let _ = writeln!(
            out,
            "<a id=\"{}\"></a>\n\n## `{}`\n",
            part.name(),
            part.file_name()
        );
        let _ = writeln!(
            out,
            "{}{}\n",
            part_intro(part),
            if part.required() {
                ""
            } else {
                " The file may be left out."
            }
        );
        let mut refs = Vec::new();
        out.push_str(&fields(part, &schema, &mut refs));
        out.push('\n');
        let defs = schema.get("$defs").and_then(Value::as_object);
        let mut shown = BTreeSet::new();
        let mut i = 0;
        let mut body = String::new();
        while i < refs.len() {
            let name = refs[i].clone();
            i += 1;
            if !shown.insert(name.clone()) {
                continue;
            }
            if let Some(def) = defs.and_then(|d| d.get(&name)) {
                body.push_str(&definition(part, &name, def, &mut refs));
            }
        }
        if !body.is_empty() {
            let _ = writeln!(out, "### Types used\n\n{body}");
        }
        let _ = writeln!(out, "### Example\n\n```yaml\n{}```\n", example(part));
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
