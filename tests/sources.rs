//! Sources, citations and the people file, through the language server on fixture workspaces
//! (`tests/fixtures/`): one per library format, code actions applied to the text, malformed
//! files, completion, hover, definition, and the disable command's round trip through
//! `workspace/applyEdit`.

mod common;

use std::path::PathBuf;

use common::*;
use serde_json::{Value, json};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Opens `file` of fixture `ws` and returns (client, uri, text, diagnostics).
fn open(ws: &str, file: &str, lang: &str) -> (Lsp, String, String, Vec<Value>) {
    let dir = fixture(ws);
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lsp = Lsp::start();
    lsp.initialize_in(&dir);
    let uri = file_uri(&path);
    lsp.open(&uri, lang, 1, &text);
    let diags = lsp.diagnostics(&uri, 1);
    (lsp, uri, text, diags)
}

/// The code actions for the finding `code` covering `needle`.
fn actions(lsp: &mut Lsp, uri: &str, text: &str, diags: &[Value], code: &str) -> Vec<Value> {
    let d = diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:#?}"))
        .clone();
    let r = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let _ = text;
    r["result"].as_array().cloned().unwrap_or_default()
}

/// The text after applying the action titled `title`.
fn applied(text: &str, acts: &[Value], title: &str, version: i64) -> String {
    let a = acts
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| {
            panic!(
                "no action '{title}' in {:#?}",
                acts.iter().map(|a| &a["title"]).collect::<Vec<_>>()
            )
        });
    let change = &a["edit"]["documentChanges"][0];
    assert_eq!(
        change["textDocument"]["version"], version,
        "edits carry the analysed version"
    );
    apply_edits(text, change["edits"].as_array().unwrap())
}

#[test]
fn toml_library_citations_people_and_actions() {
    let (mut lsp, uri, text, diags) = open("toml", "story.md", "markdown");
    let codes: Vec<(&str, String)> = diags
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), covered(&text, d, true)))
        .collect();
    assert!(
        codes.contains(&("unknown-source", "[@nope]".into())),
        "{codes:?}"
    );
    assert!(codes.iter().any(|(c, _)| *c == "unused-source"));
    assert!(
        codes.contains(&("name-variant", "Volodymyr Zelensky".into())),
        "{codes:?}"
    );

    let acts = actions(&mut lsp, &uri, &text, &diags, "unattributed-claim");
    let titles: Vec<&str> = acts.iter().map(|a| a["title"].as_str().unwrap()).collect();
    // The casualty figure's most relevant source is the U.N. count.
    let first_cite = titles.iter().find(|t| t.starts_with("Cite")).unwrap();
    assert_eq!(
        *first_cite,
        "Cite Civilian casualties in Ukraine (un-casualties)"
    );
    assert_eq!(
        applied(&text, &acts, "Cite Civilian casualties", 1),
        text.replace("10,000 civilians.", "10,000 civilians [@un-casualties].")
    );
    assert_eq!(
        applied(&text, &acts, "Attribute to Dmitry Peskov", 1),
        text.replace("10,000 civilians.", "10,000 civilians, Peskov said.")
    );
    assert_eq!(
        applied(&text, &acts, "Mark as needing a source", 1),
        text.replace("10,000 civilians.", "10,000 civilians [TK: source].")
    );
    assert_eq!(
        applied(&text, &acts, "Ignore unattributed-claim here", 1),
        text.replace(
            "10,000 civilians.",
            "10,000 civilians. <!-- copydesk-ignore unattributed-claim -->"
        )
    );
    let disable = acts
        .iter()
        .find(|a| a["title"] == "Disable unattributed-claim in this workspace")
        .unwrap();
    assert_eq!(disable["command"]["command"], "copydesk.disableCode");

    let acts = actions(&mut lsp, &uri, &text, &diags, "loaded-attribution-verb");
    assert_eq!(
        applied(&text, &acts, "Replace 'claimed' with 'said'", 1),
        text.replace("Peskov claimed", "Peskov said")
    );
    let acts = actions(&mut lsp, &uri, &text, &diags, "name-variant");
    assert_eq!(
        applied(&text, &acts, "Spell it 'Zelenskyy'", 1),
        text.replace("Volodymyr Zelensky ", "Volodymyr Zelenskyy ")
    );

    // Hover: the people file's entry on the person; the source, without contact details.
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos_of(&text, "Zelensky spoke", true)}),
    );
    let v = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        v.contains("People file:** Volodymyr Zelenskyy") && v.contains("President of Ukraine"),
        "{v}"
    );
    let mut cited = text.clone();
    cited = cited.replace("10,000 civilians.", "10,000 civilians [@un-casualties].");
    lsp.change(&uri, 2, json!([{"text": cited}]));
    lsp.diagnostics(&uri, 2);
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos_of(&cited, "@un-casualties", true)}),
    );
    let v = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        v.contains("Civilian casualties in Ukraine") && v.contains("U.N. human rights office"),
        "{v}"
    );
    assert!(
        !v.contains("press@example.org") && !v.contains("917 0000"),
        "contact details shown: {v}"
    );
    let links = lsp.request(
        "textDocument/documentLink",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        links["result"][0]["target"],
        "https://example.org/un-casualties"
    );
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn csl_library_from_front_matter_completion_and_definition() {
    let (mut lsp, uri, text, diags) = open("csl", "story.md", "markdown");
    assert!(
        !diags.iter().any(|d| d["code"] == "unknown-source"),
        "{diags:#?}"
    );
    // Completion right after "[@" on the last line.
    let end = pos_at(&text, text.rfind("[@").unwrap() + 2, true);
    let c = lsp.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": end}),
    );
    let items = c["result"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["unhcr2024", "wfp-funding"]);
    assert!(
        items[0]["detail"]
            .as_str()
            .unwrap()
            .contains("Global Trends · UNHCR · 2024-06-13")
    );
    let d = lsp.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": pos_of(&text, "unhcr2024]", true)}),
    );
    assert!(
        d["result"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("fixtures/csl/refs.json")
    );
    assert_eq!(d["result"]["range"]["start"]["line"], 1);
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn malformed_bibtex_is_reported_and_the_rest_loads() {
    let dir = fixture("bib");
    let path = dir.join("story.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lsp = Lsp::start();
    lsp.initialize_in(&dir);
    let uri = file_uri(&path);
    lsp.open(&uri, "plaintext", 1, &text);
    let msg = lsp.wait(|m| m["method"] == "window/showMessage");
    let m = msg["params"]["message"].as_str().unwrap();
    assert!(
        m.contains("sources.bib:8:") && m.contains("the other entries are loaded"),
        "{m}"
    );
    let diags = lsp.diagnostics(&uri, 1);
    // The good entry is there: the citation is known and sources its sentence.
    assert!(
        !diags
            .iter()
            .any(|d| d["code"] == "unknown-source" || d["code"] == "unattributed-claim"),
        "{diags:#?}"
    );
    assert!(diags.iter().any(
        |d| d["code"] == "unused-source" && d["message"].as_str().unwrap().contains("'union'")
    ));
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn footnote_style_and_the_disable_command_round_trip() {
    let (mut lsp, uri, text, diags) = open("footnote", "story.md", "markdown");
    let acts = actions(&mut lsp, &uri, &text, &diags, "unattributed-claim");
    assert_eq!(
        applied(&text, &acts, "Cite Carriers' schedules", 1),
        "Shipping lines are likely to return within a month.[^lines]\n\n[^lines]: Carriers' schedules, Maritime Data Ltd, 2025-03-02. <https://example.org/schedules>\n"
    );
    // The disable command edits copydesk.toml through workspace/applyEdit.
    let id = lsp.request_async(
        "workspace/executeCommand",
        json!({"command": "copydesk.disableCode", "arguments": ["unattributed-claim", uri]}),
    );
    let req = lsp.wait(|m| m["method"] == "workspace/applyEdit");
    let change = &req["params"]["edit"]["documentChanges"][0];
    assert!(
        change["textDocument"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("fixtures/footnote/copydesk.toml")
    );
    let old = std::fs::read_to_string(fixture("footnote").join("copydesk.toml")).unwrap();
    let new = apply_edits(&old, change["edits"].as_array().unwrap());
    assert_eq!(
        new,
        "[citations]\nstyle = \"footnote\"\n\n[checks]\ndisable = [\"unattributed-claim\"]\n"
    );
    lsp.reply(&req["id"], json!({"applied": true}));
    let done = lsp.wait(|m| m["id"] == json!(id) && m.get("method").is_none());
    assert!(done.get("error").is_none(), "{done}");
    // The server never wrote the file itself.
    assert_eq!(
        std::fs::read_to_string(fixture("footnote").join("copydesk.toml")).unwrap(),
        old
    );
    // Yet the story is analysed again under the applied text at once (a client may leave it in
    // an unsaved buffer): the disabled code's finding goes.
    let gone = lsp.published_without(&uri, "unattributed-claim");
    assert!(gone["params"]["diagnostics"].is_array());
    // The ledger command: the editor's text, analysed under the story's configuration.
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": "copydesk.server.ledger", "arguments": [uri]}),
    );
    let ledger = &r["result"];
    assert_eq!(ledger["text"], text);
    assert!(ledger["claims"].as_array().unwrap().len() == 1, "{ledger}");
    assert!(
        !ledger["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "unattributed-claim"),
        "{ledger}"
    );
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": "copydesk.server.ledger", "arguments": ["file:///nowhere.md"]}),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("is not open"),
        "{r}"
    );
    assert_eq!(lsp.stop(true), 0);
}

#[test]
fn configured_sources_reload_when_the_client_reports_a_change() {
    let tmp = tempfile::Builder::new()
        .prefix("copydesk-reload-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("refs")).unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        "sources = [\"refs/library.toml\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("refs/library.toml"),
        "[[source]]\nid = \"old\"\ntitle = \"Old report\"\n",
    )
    .unwrap();
    let story = dir.join("story.md");
    let text = "Exports could fall by half next year [@new].\n";
    std::fs::write(&story, text).unwrap();
    let mut lsp = Lsp::start();
    lsp.initialize_in(dir);
    let uri = file_uri(&story);
    lsp.open(&uri, "markdown", 1, text);
    let d = lsp.diagnostics(&uri, 1);
    assert!(
        d.iter().any(|x| x["code"] == "unknown-source"),
        "the configured library is used: {d:#?}"
    );
    // The reporter adds the source; the editor reports the change.
    std::fs::write(dir.join("refs/library.toml"), "[[source]]\nid = \"old\"\ntitle = \"Old report\"\n\n[[source]]\nid = \"new\"\ntitle = \"New report\"\n").unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join("refs/library.toml")), "type": 2}]}),
    );
    let m = lsp.published_without(&uri, "unknown-source");
    assert!(
        m["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == "unused-source"),
        "{m}"
    );
    assert_eq!(lsp.stop(true), 0);
}

/// `copydesk check` loads the library and the people file the way the server does: on every
/// fixture workspace it reports the same findings (code, line, message) as the editor shows,
/// `unknown-source`, `unused-source` and the people file's `name-variant` among them.
#[test]
fn check_reports_what_the_editor_shows() {
    let mut seen_codes: Vec<String> = Vec::new();
    for (ws, file, lang) in [
        ("toml", "story.md", "markdown"),
        ("csl", "story.md", "markdown"),
        ("bib", "story.txt", "plaintext"),
        ("footnote", "story.md", "markdown"),
    ] {
        let (lsp, _, _, diags) = open(ws, file, lang);
        lsp.stop(true);
        let mut editor: Vec<(String, u64, String)> = diags
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["range"]["start"]["line"].as_u64().unwrap() + 1,
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["check", "--format", "json"])
            .arg(fixture(ws).join(file))
            .output()
            .expect("copydesk runs");
        let cli: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let mut cli: Vec<(String, u64, String)> = cli
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        editor.sort();
        cli.sort();
        assert_eq!(cli, editor, "{ws}: check and the editor disagree");
        seen_codes.extend(cli.into_iter().map(|(c, _, _)| c));
    }
    for code in ["unknown-source", "unused-source", "name-variant"] {
        assert!(
            seen_codes.iter().any(|c| c == code),
            "no {code} from check in {seen_codes:?}"
        );
    }
}
