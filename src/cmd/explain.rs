//! `pmp explain`: a rule's documentation (or all of them) in English or Latvian.

use crate::cli::{ExplainArgs, ExplainFormat};
use pmp::diag::explain;
use pmp::diag::{Code, did_you_mean};

use pmp::tr;

use super::{Error, Outcome};

pub fn run(args: ExplainArgs) -> Result<Outcome, Error> {
    let lang = pmp::i18n::ui();
    if args.all {
        match args.format {
            ExplainFormat::Md => print!("{}", explain::markdown(lang)),
            ExplainFormat::Text => {
                let all: Vec<String> = Code::ALL.iter().map(|c| explain::text(*c, lang)).collect();
                print!("{}", all.join("\n"));
            }
        }
        return Ok(Outcome::Clean);
    }
    let name = args.code.unwrap_or_default();
    let Some(code) = Code::parse(&name) else {
        let message = match did_you_mean(&name, Code::ALL.iter().map(|c| c.as_str())) {
            Some(s) => tr!(
                en("`{name}` is not a rule code; did you mean `{s}`? `pmp check --list-rules` lists them"),
                lv("`{name}` nav noteikuma kods; vai domājāt `{s}`? Tos uzskaita `pmp check --list-rules`"),
            ),
            None => tr!(
                en("`{name}` is not a rule code; `pmp check --list-rules` lists them"),
                lv("`{name}` nav noteikuma kods; tos uzskaita `pmp check --list-rules`"),
            ),
        };
        return Err(message.into());
    };
    match args.format {
        ExplainFormat::Text => print!("{}", explain::text(code, lang)),
        ExplainFormat::Md => print!("{}", explain::markdown_one(code, lang)),
    }
    Ok(Outcome::Clean)
}
