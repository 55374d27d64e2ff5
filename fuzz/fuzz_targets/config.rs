//! copydesk.toml and the editor's settings: any input gives a config or an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(mut c) = copydesk::config::parse(&text, Path::new("/w/copydesk.toml")) {
        // The same bytes as the client's JSON settings, laid over it.
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
            let _ = copydesk::config::overlay_client(&mut c, &v);
        }
    }
});
