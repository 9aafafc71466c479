//! The calendar as JSON: a contract for other tools (`"version": 1`; keys may be added, never
//! removed or renamed). The README documents every key; `pmp due --format json` reuses the
//! entry objects.

use serde_json::{Value, json};

use super::{Body, Calendar, Entry, Source, Undated, output_key};

/// Renders the whole calendar.
pub fn render(cal: &Calendar<'_>) -> String {
    let m = cal.manifest;
    let v = json!({
        "version": 1,
        "programme": {
            "id": m.id.value,
            "municipality": m.municipality.value,
            "title": m.title.value,
            "period": {"from": *m.period.from, "to": *m.period.to},
        },
        "window": cal.window.map(|(from, to)| json!({"from": from.to_string(), "to": to.to_string()})),
        "institution": cal.institution,
        "stamp": cal.stamp().to_string(),
        "entries": cal.entries.iter().map(|e| entry(cal, e)).collect::<Vec<_>>(),
        "unscheduled": cal.undated.iter().map(undated).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

fn bodies(list: &[Body]) -> Value {
    Value::Array(
        list.iter()
            .map(|b| json!({"ref": b.written, "id": b.id, "name": b.name}))
            .collect(),
    )
}

/// What every entry and undated item says about where it comes from.
fn source(s: &Source<'_>) -> serde_json::Map<String, Value> {
    let mut o = serde_json::Map::new();
    o.insert("kind".into(), s.kind().into());
    o.insert("id".into(), s.id().into());
    o.insert("number".into(), s.number().map(str::trim).into());
    o.insert("title".into(), s.title().trim().into());
    o.insert("summary".into(), s.summary().into());
    o.insert("timing".into(), s.timing_text().map(str::trim).into());
    match s {
        Source::Event(ev) => {
            o.insert(
                "output".into(),
                ev.output.as_ref().map(|x| output_key(x.value)).into(),
            );
            o.insert("activity".into(), Value::Null);
        }
        Source::Task(a, _) => {
            o.insert("output".into(), Value::Null);
            o.insert(
                "activity".into(),
                json!({"id": a.id.value, "number": a.number.as_ref().map(|n| n.trim()), "title": a.title.trim()}),
            );
        }
    }
    o
}

/// Where it is written, last in every object: bookkeeping, not content.
fn place(s: &Source<'_>, o: &mut serde_json::Map<String, Value>) {
    o.insert("file".into(), s.part().file_name().into());
    o.insert("line".into(), s.loc().line.into());
}

/// One dated entry as a JSON object.
pub fn entry(cal: &Calendar<'_>, e: &Entry<'_>) -> Value {
    let mut o = source(&e.source);
    let occ = &e.occurrence;
    let mut rest = json!({
        "uid": e.uid(&cal.manifest.id.value),
        "occurrence": occ.key,
        "span": occ.span.as_str(),
        "start": occ.start.to_string(),
        "end": occ.end.to_string(),
        "responsible": bodies(&e.responsible),
        "supervisor": bodies(&e.supervisor),
        "done": e.done.map(|d| json!({
            "date": d.date.value.to_string(),
            "note": d.note.as_ref().map(|n| n.value.clone()),
            "link": d.link.as_ref().map(|n| n.value.clone()),
        })),
    });
    if let Some(r) = rest.as_object_mut() {
        o.append(r);
    }
    place(&e.source, &mut o);
    Value::Object(o)
}

fn undated(u: &Undated<'_>) -> Value {
    let mut o = source(&u.source);
    o.insert("reason".into(), u.reason.key().into());
    o.insert("note".into(), u.reason.note().into());
    o.insert("responsible".into(), bodies(&u.responsible));
    o.insert("supervisor".into(), bodies(&u.supervisor));
    place(&u.source, &mut o);
    Value::Object(o)
}
