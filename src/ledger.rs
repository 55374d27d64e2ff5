//! The claim ledger as JSON: what `copydesk analyze --format json` prints for each file and what
//! the server's `copydesk.server.ledger` command returns for an open story. The format is
//! documented in the README ("The claim ledger") and kept stable: fields may be added, never
//! renamed or removed.

use serde_json::{Value, json};

use crate::analysis::{Analysis, Span};

fn span(s: Span) -> Value {
    json!({"start": s.start, "end": s.end})
}

/// The ledger of `file`'s analysis `a`.
pub fn ledger(file: &str, a: &Analysis) -> Value {
    let name = |p: Option<usize>| {
        p.map(|i| Value::String(a.people[i].name.clone()))
            .unwrap_or(Value::Null)
    };
    json!({
        "file": file,
        "people": a.people.iter().map(|p| json!({
            "name": p.name,
            "roles": p.roles,
            "mentions": p.mentions.iter().map(|m| span(m.span)).collect::<Vec<_>>(),
            "variants": p.variants.iter().map(|(v, _)| v).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "quotes": a.quotes.iter().map(|q| json!({
            "start": q.span.start,
            "end": q.span.end,
            "speaker": name(q.speaker),
            "kind": format!("{:?}", q.kind).to_lowercase(),
        })).collect::<Vec<_>>(),
        "attributions": a.attributions.iter().map(|x| json!({
            "cue": span(x.cue),
            "source": x.source.map(span),
            "content": x.content.iter().map(|s| span(*s)).collect::<Vec<_>>(),
            "person": name(x.person),
            "kind": x.kind.as_str(),
        })).collect::<Vec<_>>(),
        "claims": a.claims.iter().map(|cl| json!({
            "start": cl.span.start,
            "end": cl.span.end,
            "kind": cl.kind.as_str(),
            "status": cl.status.as_str(),
        })).collect::<Vec<_>>(),
        "diagnostics": a.findings.iter().map(|f| json!({
            "code": f.code.as_str(),
            "severity": f.severity.as_str(),
            "message": f.message,
            "start": f.span.start,
            "end": f.span.end,
        })).collect::<Vec<_>>(),
    })
}
