//! `pmp`: check, render and track Latvian early-school-leaving (PMP) prevention programmes.
//!
//! The library does the work and never prints: `model` holds the programme's types, `load`
//! reads a folder into them, `check` runs the rules, `diag` carries and formats findings,
//! `config` reads `pmp.toml`. The binary (`src/main.rs` with its `cli` and `cmd` modules) parses
//! arguments and talks to the terminal; the library exposes no command-line types.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod calendar;
pub mod check;
pub mod config;
pub mod diag;
pub mod diff;
pub mod fix;
pub mod fsutil;
pub mod i18n;
pub mod import;
pub mod load;
pub mod lsp;
pub mod lv;
pub mod model;
mod par;
pub mod picture;
pub mod render;
pub mod report;
pub mod sheet;
pub mod textsafe;
