//! `copydesk analyze --format json`: the claim ledger ([`crate::ledger`]), one JSON object per
//! file per line.

use serde_json::Value;

use super::Checked;

/// The ledger line for one analysed file.
pub fn ledger(c: &Checked) -> Value {
    crate::ledger::ledger(&c.path.to_string_lossy(), &c.analysis)
}
