//! `pmp import`: a programme folder from the municipality's own Word document. [`docx`] reads
//! the document within budgets, [`recognise`] turns its headings, prose and tables into the
//! programme's parts (and `IMPORT.md`, the account of where everything went), [`yaml`] writes
//! them as text with a comment naming each entity's source.

pub mod docx;
pub mod recognise;
pub mod yaml;
