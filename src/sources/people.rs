//! The newsroom people file (`people.toml`): the authority on names.
//!
//! ```toml
//! [[person]]
//! name = "Volodymyr Zelenskyy"
//! reject = ["Zelensky", "Zelenskiy"]
//! title = "President of Ukraine"
//! affiliation = "Government of Ukraine"
//! pronouns = "he/him"
//! notes = "AP spelling since 2022."
//! ```

use std::path::Path;

use serde::Deserialize;

use crate::analysis::KnownName;

use super::LoadError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    pub name: String,
    #[serde(default)]
    pub reject: Vec<String>,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub pronouns: Option<String>,
    pub notes: Option<String>,
}

impl PersonEntry {
    /// The entry as the analysis sees it: the name and its rejected spellings.
    pub fn known_name(&self) -> KnownName {
        KnownName {
            name: self.name.clone(),
            rejected: self.reject.clone(),
        }
    }

    pub fn surname(&self) -> &str {
        self.name.rsplit(' ').next().unwrap_or(&self.name)
    }

    /// Whether `spelling` (a full name or a surname) is this person's, accepted or rejected.
    pub fn knows(&self, spelling: &str) -> bool {
        KnownName::spells(&self.name, &self.reject, spelling)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    person: Vec<toml::Value>,
}

/// Parses a people file; entries that parse load even when others do not.
pub fn parse(text: &str, path: &Path) -> (Vec<PersonEntry>, Vec<LoadError>) {
    let line_of = |o: usize| text[..o.min(text.len())].matches('\n').count() + 1;
    let file: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(s.start));
            return (
                Vec::new(),
                vec![LoadError {
                    file: path.into(),
                    line,
                    message: e.message().trim().to_string(),
                }],
            );
        }
    };
    let headers: Vec<usize> = text.match_indices("[[person]]").map(|(i, _)| i).collect();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, v) in file.person.into_iter().enumerate() {
        let line = headers.get(i).map_or(1, |&o| line_of(o));
        match v.try_into::<PersonEntry>() {
            Ok(p) => out.push(p),
            Err(e) => errors.push(LoadError {
                file: path.into(),
                line,
                message: format!("person #{}: {}", i + 1, e.message().trim()),
            }),
        }
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_file() {
        let text = "[[person]]\nname = \"Volodymyr Zelenskyy\"\nreject = [\"Zelensky\"]\ntitle = \"President of Ukraine\"\n\n[[person]]\nname = \"X\"\nphone = \"555\"\n";
        let (p, e) = parse(text, Path::new("people.toml"));
        assert_eq!(p.len(), 1);
        assert!(p[0].knows("Zelensky") && p[0].knows("zelenskyy") && !p[0].knows("Putin"));
        assert_eq!(e[0].line, 6);
        assert!(e[0].message.contains("phone"));
    }
}
