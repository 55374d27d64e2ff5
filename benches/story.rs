//! Long stories for the benchmarks, built from the plain-text sample stories.

/// A story of at least `words` words: the plain-text seeds, paragraph by paragraph, repeated.
pub fn story(words: usize) -> String {
    let seeds = [
        include_str!("../seeds/peace-talks.txt"),
        include_str!("../seeds/harbor-strike.txt"),
    ];
    let paragraphs: Vec<&str> = seeds
        .iter()
        .flat_map(|s| s.split("\n\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = String::new();
    let mut n = 0;
    for p in paragraphs.iter().cycle() {
        if n >= words {
            break;
        }
        out.push_str(p);
        out.push_str("\n\n");
        n += p.split_whitespace().count();
    }
    out
}
