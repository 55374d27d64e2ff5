//! `copydesk lsp`: the language server, over stdio, on tower-lsp-server.
//!
//! A thin layer over the engine. Documents live in ropes (`documents.rs`); positions convert in
//! the negotiated encoding (`position.rs`); analyses become LSP types in `convert.rs`.
//!
//! Ordering: tower-lsp runs handlers concurrently, so two didChange notifications could be
//! applied out of order (ebkalderon/tower-lsp#284, tower-lsp-server#36). `Ordered` wraps the
//! service and applies didOpen/didChange/didClose synchronously inside `call()`, in the order
//! the messages arrive, before any handler runs; the handlers for those notifications do nothing.

pub mod actions;
pub mod convert;
pub mod documents;
pub mod framing;

pub mod memory;
pub mod output;
pub mod position;

mod capabilities;
mod handlers;
mod pipeline;
mod state;
mod sync;

use state::*;
pub use state::{DEFAULT_DEBOUNCE_MS, Shared};
pub use sync::Ordered;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use serde_json::Value;
use tower::Service;
use tower_lsp_server::jsonrpc::{self, Request, Response};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, ExitedError, LanguageServer, LspService, Server};

use self::documents::{ChangeError, Documents, Snapshot};
use self::position::Encoding;
use crate::analysis::incremental::Incremental;
use crate::analysis::{Analysis, DocKind, Span};
use crate::config::{self, Config};
use crate::workspace::Libraries;

/// The tower-lsp service: its handlers are in `handlers.rs`.
pub struct Backend {
    shared: Arc<Shared>,
}

/// Serves LSP over stdin/stdout until `exit`; 0 if `shutdown` came first, 1 if not.
pub fn run() -> ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk: cannot start the server: {e}");
            return ExitCode::from(2);
        }
    };
    let (frames, finish) = output::start(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout(),
    ));
    let code = rt.block_on(async {
        let mut shared_slot: Option<Arc<Shared>> = None;
        let (service, socket) = LspService::new(|client| {
            let shared = Arc::new(Shared {
                docs: Documents::default(),
                client,
                encoding: AtomicU8::new(16),
                client_debounce_ms: AtomicU64::new(UNSET),
                client_settings: Mutex::new(Value::Null),
                shutdown: AtomicBool::new(false),
                pull: AtomicBool::new(false),
                pull_refresh: AtomicBool::new(false),
                create_files: AtomicBool::new(false),
                publish: tokio::sync::Mutex::new(()),
                shown: Mutex::new(HashSet::new()),
                libraries: Libraries::default(),
                configs: Mutex::new(Default::default()),
                config_edits: Mutex::default(),
                roots: Mutex::new(Vec::new()),
                memos: Mutex::default(),
                waiting: Mutex::default(),
                out: frames.clone(),
                trimmer: Arc::default(),
            });
            shared_slot = Some(shared.clone());
            Backend { shared }
        });
        let shared = shared_slot.expect("LspService::new calls the constructor");
        let ordered = Ordered {
            inner: service,
            shared: shared.clone(),
        };
        // Frames pass the guard before tower-lsp reads them (see `framing`).
        let (guarded, reader) = tokio::io::duplex(1 << 20);
        tokio::spawn(framing::guard(tokio::io::stdin(), guarded));
        Server::new(reader, output::Out::new(frames.clone()), socket)
            .serve(ordered)
            .await;
        if shared.shutdown.load(Ordering::SeqCst) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    });
    // The frame guard may still be blocked reading stdin (clients need not close it after
    // `exit`): do not wait for it, or the server would outlive `exit`.
    rt.shutdown_background();
    // Everything said before `exit` reaches the client (unless it stopped reading).
    finish.finish(Duration::from_secs(2));
    code
}
