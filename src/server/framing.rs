//! A guard in front of tower-lsp's reader: tower-lsp-server stops serving at the first frame it
//! cannot decode (broken JSON, a missing Content-Length, a batch), so every frame is checked
//! here first and only well-formed JSON-RPC objects go on. Anything else is logged to stderr
//! (which clients show in their logs) and skipped; the server keeps serving.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// Frames larger than this are read, skipped and reported (a 50 MB paste must not exhaust
/// memory twice over).
pub const MAX_FRAME: usize = 64 * 1024 * 1024;

/// What to do with one frame's body.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Forward,
    Skip(String),
}

pub fn check(body: &[u8]) -> Verdict {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(o))
            if o.get("jsonrpc").and_then(|v| v.as_str()) == Some("2.0") =>
        {
            Verdict::Forward
        }
        Ok(serde_json::Value::Object(_)) => {
            Verdict::Skip("not a JSON-RPC 2.0 message (no \"jsonrpc\": \"2.0\")".into())
        }
        Ok(_) => Verdict::Skip("not a JSON-RPC message (an array or a scalar)".into()),
        Err(e) => Verdict::Skip(format!("not valid JSON: {e}")),
    }
}

/// Copies well-formed frames from `input` to `output` until `input` ends.
pub async fn guard(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut r = BufReader::new(input);
    loop {
        // Headers, up to a blank line.
        let mut len: Option<usize> = None;
        let mut saw_header = false;
        loop {
            let mut line = String::new();
            match r.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let l = line.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((k, v)) = l.split_once(':')
                && k.trim().eq_ignore_ascii_case("content-length")
            {
                len = v.trim().parse().ok();
            }
        }
        let Some(len) = len else {
            eprintln!("copydesk: skipped a message without a valid Content-Length header");
            continue;
        };
        if len > MAX_FRAME {
            eprintln!("copydesk: skipped a {len}-byte message (the limit is {MAX_FRAME} bytes)");
            let mut rest = len as u64;
            while rest > 0 {
                let mut chunk = vec![0u8; rest.min(1 << 20) as usize];
                match r.read(&mut chunk).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => rest -= n as u64,
                }
            }
            continue;
        }
        let mut body = vec![0u8; len];
        if r.read_exact(&mut body).await.is_err() {
            return;
        }
        match check(&body) {
            Verdict::Forward => {
                let head = format!("Content-Length: {len}\r\n\r\n");
                if output.write_all(head.as_bytes()).await.is_err()
                    || output.write_all(&body).await.is_err()
                    || output.flush().await.is_err()
                {
                    return;
                }
            }
            Verdict::Skip(why) => eprintln!("copydesk: skipped a malformed message: {why}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(
            check(br#"{"jsonrpc":"2.0","method":"x"}"#),
            Verdict::Forward
        );
        assert!(matches!(check(b"{oops"), Verdict::Skip(_)));
        assert!(matches!(check(b"[1]"), Verdict::Skip(_)));
        assert!(matches!(check(br#"{"method":"x"}"#), Verdict::Skip(_)));
    }

    #[tokio::test]
    async fn only_good_frames_pass() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{oopsContent-Type: x\r\n\r\nContent-Length: {}\r\n\r\n{good}Content-Length: 3\r\n\r\n[1]",
            good.len()
        );
        let mut out = Vec::new();
        guard(input.as_bytes(), &mut out).await;
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("Content-Length: {}\r\n\r\n{good}", good.len())
        );
    }
}
