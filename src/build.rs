//! Compiles the word lists in `src/analysis/lexicon/lists/*.txt` into `&[&str]` constants
//! (`lexicon::lists`), so that the lists are data files a linguist can edit and review while
//! the engine reads them as plain slices, with no parsing at run time. A file's constant is
//! its name in capitals (`months.txt` → `MONTHS`); `#` lines are its header.

use std::fmt::Write;

fn main() {
    let dir = std::path::Path::new("src/analysis/lexicon/lists");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the word lists' folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = String::new();
    for p in files {
        println!("cargo:rerun-if-changed={}", p.display());
        let text = std::fs::read_to_string(&p).expect("a word list");
        let stem = p.file_stem().unwrap().to_string_lossy().to_uppercase();
        let header: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.trim_start_matches('#').trim())
            .collect();
        for h in &header {
            writeln!(out, "/// {h}").unwrap();
        }
        write!(out, "pub(crate) const {stem}: &[&str] = &[").unwrap();
        for l in text.lines().map(str::trim) {
            if !l.is_empty() && !l.starts_with('#') {
                write!(out, "{l:?}, ").unwrap();
            }
        }
        out.push_str("];\n");
    }
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("lists.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
