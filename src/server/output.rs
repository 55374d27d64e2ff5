//! The server's one way out: every frame to stdout passes through here, in order.
//!
//! tower-lsp writes its frames through [`Out`], an `AsyncWrite` that cuts its byte stream into
//! whole frames; the server sends its `publishDiagnostics` frames straight in, serialized directly
//! from the LSP types ([`notification`]). tower-lsp would turn them into a `serde_json::Value`
//! first, then serialize and drop that tree: for a 10,000-word story, with 240 findings, that was
//! a third of a keystroke's cost. One thread writes the frames to stdout in the order they came,
//! so a slow client never blocks the runtime.

use std::io::Write;
use std::pin::Pin;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::task::{Context, Poll};
use std::time::Duration;

use serde::Serialize;
use tokio::io::AsyncWrite;

/// A complete frame (header and body); an empty one asks the writer to finish.
pub type Frame = Vec<u8>;

/// Starts the writer thread; returns where to send frames and a handle to wait for it.
pub fn start(mut sink: impl Write + Send + 'static) -> (Sender<Frame>, Finish) {
    let (tx, rx): (Sender<Frame>, Receiver<Frame>) = channel();
    let (done_tx, done_rx) = channel();
    std::thread::spawn(move || {
        'outer: while let Ok(frame) = rx.recv() {
            let mut next = Some(frame);
            // Write what is queued, then flush once.
            while let Some(f) = next {
                if f.is_empty() {
                    break 'outer;
                }
                if sink.write_all(&f).is_err() {
                    // The client is gone: nothing more can be said to it.
                    break 'outer;
                }
                next = rx.try_recv().ok();
            }
            if sink.flush().is_err() {
                break;
            }
        }
        let _ = sink.flush();
        let _ = done_tx.send(());
    });
    (tx.clone(), Finish { tx, done: done_rx })
}

/// Waits for the writer to write what it was given.
pub struct Finish {
    tx: Sender<Frame>,
    done: Receiver<()>,
}

impl Finish {
    /// Writes out what is queued; gives up after `limit` (a client that stopped reading).
    pub fn finish(self, limit: Duration) {
        let _ = self.tx.send(Vec::new());
        let _ = self.done.recv_timeout(limit);
    }
}

/// The frame of a JSON-RPC notification.
pub fn notification(method: &str, params: &impl Serialize) -> Frame {
    #[derive(Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    let body = serde_json::to_vec(&Notification {
        jsonrpc: "2.0",
        method,
        params,
    })
    .unwrap_or_default();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    frame
}

/// tower-lsp's output: bytes in, whole frames out to the writer.
pub struct Out {
    buf: Vec<u8>,
    tx: Sender<Frame>,
}

impl Out {
    pub fn new(tx: Sender<Frame>) -> Out {
        Out {
            buf: Vec::new(),
            tx,
        }
    }

    /// The length of the first complete frame in `buf`, if there is one.
    fn frame_len(&self) -> Option<usize> {
        let end = memchr::memmem::find(&self.buf, b"\r\n\r\n")? + 4;
        let header = std::str::from_utf8(&self.buf[..end]).ok()?;
        let len = header.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        });
        match len {
            Some(n) if self.buf.len() >= end + n => Some(end + n),
            Some(_) => None,
            // Not a header tower-lsp would write: pass the bytes on as they are.
            None => Some(self.buf.len()),
        }
    }
}

impl AsyncWrite for Out {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.buf.extend_from_slice(data);
        while let Some(n) = self.frame_len() {
            let frame: Frame = self.buf.drain(..n).collect();
            if self.tx.send(frame).is_err() {
                return Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into()));
            }
        }
        Poll::Ready(Ok(data.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tokio::io::AsyncWriteExt;

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn frames_in_pieces_come_out_whole_and_in_order() {
        let sink = Shared::default();
        let (tx, finish) = start(sink.clone());
        let mut out = Out::new(tx.clone());
        let a = b"Content-Length: 2\r\n\r\n{}";
        // The first frame arrives in three writes; a direct frame is sent in between.
        out.write_all(&a[..5]).await.unwrap();
        out.write_all(&a[5..20]).await.unwrap();
        tx.send(notification("x/y", &serde_json::json!({"n": 1})))
            .unwrap();
        out.write_all(&a[20..]).await.unwrap();
        out.write_all(b"Content-Length: 3\r\n\r\n[1]")
            .await
            .unwrap();
        finish.finish(Duration::from_secs(5));
        let got = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        let body = r#"{"jsonrpc":"2.0","method":"x/y","params":{"n":1}}"#;
        assert_eq!(
            got,
            format!(
                "Content-Length: {}\r\n\r\n{body}Content-Length: 2\r\n\r\n{{}}Content-Length: 3\r\n\r\n[1]",
                body.len()
            )
        );
    }
}
