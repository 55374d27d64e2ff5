//! The shape ARCHITECTURE.md promises, checked on the source text: the engine's modules import
//! one another in one direction only (no cycle), no stage knows the incremental memo, and no
//! source file or function outgrows one head (900 and 150 lines).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A file's code without its comments and its test modules (`#[cfg(test)]` comes last in
/// every file here).
fn code(text: &str) -> String {
    text[..text.find("#[cfg(test)]").unwrap_or(text.len())]
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| l.split(" // ").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module of the engine a file belongs to (`attribution` for
/// `analysis/attribution/cues.rs`), and how many `super::` lead from it to the engine's root.
fn module_of(analysis: &Path, file: &Path) -> Option<(String, usize)> {
    let rel = file.strip_prefix(analysis).ok()?;
    let parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    if parts.len() == 1 {
        let stem = parts[0].trim_end_matches(".rs").to_string();
        return (stem != "mod").then_some((stem, 1));
    }
    let depth = if parts.last().unwrap() == "mod.rs" {
        parts.len() - 1
    } else {
        parts.len()
    };
    Some((parts[0].clone(), depth))
}

/// The first path segments named after `prefix` in `code`: `prefix::name` and each item of
/// `prefix::{a, b::c}`.
fn named_after(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(k) = rest.find(prefix) {
        // Not the tail of a longer path (`super::super::` is looked for as a whole).
        let before = &rest[..k];
        rest = &rest[k + prefix.len()..];
        if before.ends_with("::") || before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut end = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            let mut d = 0;
            let mut item = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => d += 1,
                    '}' => d -= 1,
                    ',' if d == 0 => {
                        let first: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !first.is_empty() {
                            out.push(first);
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// The engine's import graph: module → the modules it names.
fn engine_graph() -> BTreeMap<String, BTreeSet<String>> {
    let analysis = src().join("analysis");
    let mut files = Vec::new();
    rust_files(&analysis, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| module_of(&analysis, f).map(|(m, _)| m))
        .collect();
    // What the root re-exports, by the module that defines it (`pub use model::*` and lists).
    let root = std::fs::read_to_string(analysis.join("mod.rs")).unwrap();
    let mut reexport: BTreeMap<String, String> = BTreeMap::new();
    for line in root.lines() {
        let Some(u) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let (m, items) = u.trim_end_matches(';').split_once("::").unwrap();
        if items == "*" {
            let text = std::fs::read_to_string(analysis.join(format!("{m}.rs"))).unwrap();
            for l in code(&text).lines() {
                for kw in [
                    "pub struct ",
                    "pub enum ",
                    "pub type ",
                    "pub fn ",
                    "pub const ",
                ] {
                    if let Some(r) = l.strip_prefix(kw) {
                        let name: String = r
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        reexport.insert(name, m.to_string());
                    }
                }
            }
        } else {
            for i in items.trim_matches(['{', '}']).split(',') {
                reexport.insert(i.trim().to_string(), m.to_string());
            }
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let Some((module, depth)) = module_of(&analysis, f) else {
            continue;
        };
        let text = std::fs::read_to_string(f).unwrap();
        let code = code(&text);
        let mut names = named_after(&code, "crate::analysis::");
        names.extend(named_after(&code, &"super::".repeat(depth)));
        for n in names {
            let target = if modules.contains(&n) {
                n
            } else if let Some(m) = reexport.get(&n) {
                m.clone()
            } else {
                continue; // a macro or a name of the root itself
            };
            if target != module {
                graph.entry(module.clone()).or_default().insert(target);
            }
        }
        graph.entry(module).or_default();
    }
    graph
}

#[test]
fn the_engine_imports_one_way() {
    let graph = engine_graph();
    for (m, deps) in &graph {
        eprintln!(
            "{m} → {}",
            deps.iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    assert!(graph.len() >= 12, "{graph:?}");
    // A depth-first search that reports the first cycle it meets.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let at = path.iter().position(|p| p == n).unwrap();
                let mut c = path[at..].to_vec();
                c.push(n.to_string());
                return Some(c);
            }
            _ => {}
        }
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if let Some(c) = visit(n, &graph, &mut state, &mut Vec::new()) {
            panic!("import cycle in the engine: {}", c.join(" → "));
        }
    }
    // The incremental memo is a provider: only the pipeline's callers know it.
    for (m, deps) in &graph {
        assert!(
            !deps.contains("incremental"),
            "{m} imports the incremental memo"
        );
    }
    // The output types and the lexicon are the leaves everything stands on.
    assert!(
        graph["model"].is_empty(),
        "model imports {:?}",
        graph["model"]
    );
    assert!(
        graph["lexicon"].iter().all(|d| d == "model"),
        "lexicon imports {:?}",
        graph["lexicon"]
    );
}

#[test]
fn no_source_file_over_900_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 900).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "too long:\n{}", long.join("\n"));
}

#[test]
fn no_function_over_150_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut long = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let name = f.strip_prefix(src()).unwrap().display().to_string();
        // A function runs from its `fn` line to the closing brace at its indentation (the code
        // is rustfmt-formatted).
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim_start();
            let indent = &l[..l.len() - t.len()];
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "async fn ",
            ]
            .iter()
            .any(|k| t.starts_with(k))
                || t.starts_with("pub async fn ");
            if !is_fn || t.ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            let end = lines[i + 1..]
                .iter()
                .position(|x| *x == close)
                .map_or(lines.len(), |k| i + 1 + k);
            let n = end - i + 1;
            if n > 150 {
                long.push(format!("{name}:{}: {} lines: {t}", i + 1, n));
            }
        }
    }
    assert!(long.is_empty(), "too long:\n{}", long.join("\n"));
}
