//! LSP latency harness: drives `copydesk lsp` over stdio (debounceMs 0) and measures the time
//! from each didChange to its publishDiagnostics, for typing at the end, typing in the middle
//! and pasting a paragraph, on stories of 1,000, 10,000 and 100,000 words built from the sample
//! stories; also `initialize`, and the server's resident memory with 50 open 10,000-word
//! stories. Run: `cargo bench --bench lsp_latency` (prints medians and 90th percentiles).

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "story.rs"]
mod story;
use story::story;

struct Server {
    child: std::process::Child,
    stdin: ChildStdin,
    /// Each message from the server, with the moment its last byte was read (parsing the JSON
    /// of a large publishDiagnostics is the client's cost, not the server's latency).
    rx: Receiver<(Instant, Value)>,
    id: i64,
}

fn read_message(r: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut len = 0;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some(v) = l.strip_prefix("Content-Length: ") {
            len = v.parse().ok()?;
        }
    }
    let mut buf = vec![0; len];
    r.read_exact(&mut buf).ok()?;
    let arrived = Instant::now();
    Some((arrived, serde_json::from_slice(&buf).ok()?))
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("copydesk lsp");
        let out = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(out);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take().unwrap();
        Server {
            child,
            stdin,
            rx,
            id: 0,
        }
    }

    fn send(&mut self, v: Value) {
        let b = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{b}", b.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> (Instant, Value) {
        loop {
            let (at, m) = self
                .rx
                .recv_timeout(Duration::from_secs(60))
                .expect("server answers");
            if pred(&m) {
                return (at, m);
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.id += 1;
        let id = self.id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none()).1
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits for the diagnostics of `version`; returns when they arrived.
    fn published(&mut self, uri: &str, version: i64) -> Instant {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
        .0
    }

    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn position_at(text: &str, at: usize) -> Value {
    let before = &text[..at];
    let line = before.matches('\n').count();
    let col = before
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.encode_utf16().count());
    json!({"line": line, "character": col})
}

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        ms(v[v.len() / 2]),
        ms(v[(v.len() * 9 / 10).min(v.len() - 1)]),
    )
}

fn initialize(s: &mut Server) -> Duration {
    let t = Instant::now();
    s.id += 1;
    let id = s.id;
    s.send(json!({"jsonrpc": "2.0", "id": id, "method": "initialize", "params":
        {"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
         "initializationOptions": {"debounceMs": 0}}}));
    let (answered, _) = s.wait(|m| m["id"] == id && m.get("method").is_none());
    let d = answered - t;
    s.notify("initialized", json!({}));
    d
}

fn main() {
    // `cargo bench` passes --bench. Numbers pick story sizes (`-- 100000` runs only that one and
    // skips initialize and memory); anything else is ignored.
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let all = sizes.is_empty();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("lsp latency, {cores} cores (debounceMs 0; didChange -> publishDiagnostics)");
    if all {
        let mut inits = Vec::new();
        for _ in 0..15 {
            let mut s = Server::start();
            inits.push(initialize(&mut s));
            s.stop();
        }
        let (m, p90) = stats(inits);
        println!("initialize: median {m:.2} ms, p90 {p90:.2} ms");
    }

    for words in [1_000, 10_000, 100_000] {
        if !all && !sizes.contains(&words) {
            continue;
        }
        let mut s = Server::start();
        initialize(&mut s);
        let mut text = story(words);
        let uri = format!("file:///tmp/bench-{words}.txt");
        s.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}));
        s.published(&uri, 1);
        let mut version = 1;
        let rounds = if words >= 100_000 { 20 } else { 60 };
        let paste = "\"We will keep the port open,\" said Harbour Master Ines Duarte. Experts say traffic could double.\n\n";
        for (name, kind) in [
            ("type at end", 0),
            ("type in middle", 1),
            ("paste a paragraph", 2),
        ] {
            let mut times = Vec::new();
            for i in 0..rounds {
                version += 1;
                let (at, insert) = match kind {
                    0 => (
                        text.len(),
                        if i % 5 == 4 {
                            " ".to_string()
                        } else {
                            "x".to_string()
                        },
                    ),
                    1 => (
                        text[..text.len() / 2].rfind(' ').unwrap_or(0),
                        "y".to_string(),
                    ),
                    _ => (
                        text[..text.len() / 2].rfind("\n\n").map_or(0, |p| p + 2),
                        paste.to_string(),
                    ),
                };
                let pos = position_at(&text, at);
                let t = Instant::now();
                s.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version},
                           "contentChanges": [{"range": {"start": pos, "end": pos}, "text": insert}]}),
                );
                let arrived = s.published(&uri, version);
                times.push(arrived - t);
                text.insert_str(at, &insert);
            }
            let (m, p90) = stats(times);
            println!(
                "{words:>6} words, {name:<18}: median {m:7.2} ms, p90 {p90:7.2} ms ({rounds} edits)"
            );
        }
        s.stop();
    }

    if !all {
        return;
    }
    let mut s = Server::start();
    initialize(&mut s);
    let text = story(10_000);
    for i in 0..50 {
        let uri = format!("file:///tmp/mem-{i}.txt");
        s.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}));
        s.published(&uri, 1);
    }
    let busy = s.rss_kib();
    // The server gives freed memory back once it has been idle for a moment.
    std::thread::sleep(Duration::from_secs(1));
    let idle = s.rss_kib();
    println!(
        "resident memory with 50 open 10,000-word stories: {:.1} MiB idle ({:.1} MiB right after the last was analysed)",
        idle as f64 / 1024.0,
        busy as f64 / 1024.0
    );
    s.stop();
}
