//! `pmp lsp`: the language server over standard input and output ([`pmp::lsp`]). It writes
//! no file; its log goes to standard error, which editors show as the server's output.

use crate::cli::LspArgs;

use super::{Error, Outcome};
use pmp::tr;

pub fn run(_args: LspArgs) -> Result<Outcome, Error> {
    let today = super::check::today()?;
    match pmp::lsp::serve(today) {
        Ok(()) => Ok(Outcome::Clean),
        Err(e) => Err(tr!(
            en("the language server stopped: {e}"),
            lv("valodas serveris apstājās: {e}"),
        )
        .into()),
    }
}
