//! The frame guard's verdict on any frame body: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = copydesk::server::framing::check(data);
});
