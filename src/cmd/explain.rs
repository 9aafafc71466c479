//! `pmp explain`: a rule's documentation (or all of them) in English or Latvian.

use crate::cli::{ExplainArgs, ExplainFormat};
use crate::diag::explain::{self, Lang};
use crate::diag::{Code, did_you_mean};

use super::{OK, fail};

/// Latvian when the locale says so (`LC_ALL`, else `LANG`, starting with `lv`), else English.
pub fn locale_lang() -> Lang {
    let locale = std::env::var("LC_ALL")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var("LANG").ok())
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("lv") {
        Lang::Lv
    } else {
        Lang::En
    }
}

pub fn run(args: ExplainArgs) -> u8 {
    let lang = args.lang.unwrap_or_else(locale_lang);
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
