//! copydesk: a copy editor for news drafts.
//!
//! [`analysis`] is the pure engine (text in, [`analysis::Analysis`] out); [`config`] reads
//! `copydesk.toml`; [`cli`] is the command line over both; [`ledger`] the claim ledger's JSON. See ARCHITECTURE.md.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod ledger;
pub mod server;
pub mod sources;
pub mod workspace;
