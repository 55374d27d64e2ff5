//! The source library parsers (sources.toml, CSL-JSON, BibTeX) and the people file: any input
//! gives entries and errors, never a panic; no contact detail survives `public`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::sources(data));
