//! The analysis: a news story's text in, one [`Analysis`] value out.
//!
//! Pure: no I/O, no clock, no LSP or JSON types. The same text, kind and settings always give the
//! same result. Every range is a byte range into the text that was passed in.
//!
//! Stages, in order (each a module): [`markdown`] (what is prose), [`text`] (tokens, paragraphs,
//! sentences), [`quotes`], [`people`], [`attribution`], [`claims`], then one module per finding
//! code under [`checks`].

pub mod attribution;
pub(crate) mod checks;
pub(crate) mod citations;
pub(crate) mod claims;
pub mod doc;
pub mod facts;
mod figures;
pub mod incremental;
pub(crate) mod index;
pub mod lexicon;
pub mod markdown;
pub mod model;
pub mod people;
pub(crate) mod pipeline;
pub mod quotes;
pub mod text;

pub use doc::Doc;
pub use model::*;
pub use pipeline::{analyze, stages};
