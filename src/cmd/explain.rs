//! `pmp explain`: a rule's documentation (or all of them) in English or Latvian.

use crate::cli::{ExplainArgs, ExplainFormat};
use crate::diag::explain;
use crate::diag::{Code, did_you_mean};

use super::{OK, fail};

pub fn run(args: ExplainArgs) -> u8 {
    let lang = crate::i18n::ui();
    if args.all {
        match args.format {
            ExplainFormat::Md => print!("{}", explain::markdown(lang)),
            ExplainFormat::Text => {
                let all: Vec<String> = Code::ALL.iter().map(|c| explain::text(*c, lang)).collect();
                print!("{}", all.join("\n"));
            }
        }
        return OK;
    }
    let name = args.code.unwrap_or_default();
    let Some(code) = Code::parse(&name) else {
        let hint = did_you_mean(&name, Code::ALL.iter().map(|c| c.as_str()))
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        return fail(format!(
            "`{name}` is not a rule code; {hint}`pmp check --list-rules` lists them"
        ));
    };
    match args.format {
        ExplainFormat::Text => print!("{}", explain::text(code, lang)),
        ExplainFormat::Md => print!("{}", explain::markdown_one(code, lang)),
    }
    OK
}
