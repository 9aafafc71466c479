//! The command line in Latvian: `pmp --lang lv --help`, every command's help and the manual
//! pages speak Latvian when the interface does.
//!
//! The flags and commands are defined once, in English, in `cli.rs`; here each command's
//! description and each flag's help have their Latvian text, and clap's own words (`Usage:`,
//! `Options:`, `[default: …]`, `Print help`) are replaced by Latvian ones. The language must be
//! known before clap parses (it prints help while parsing): [`ui_lang`] reads `--lang` from the
//! raw arguments, then pmp.toml and the locale, as the commands do. A flag with no Latvian text
//! here fails the test `every_flag_and_command_has_latvian_help`.

use clap::{Arg, ArgAction, Command};

use pmp::i18n::{self, Lang};

/// The interface language, decided before the command line is parsed: `--lang lv|en` anywhere
/// in the arguments, else pmp.toml's `lang`, else the locale.
pub fn ui_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut flag = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("lv") => flag = Some(Lang::Lv),
            Some("en") => flag = Some(Lang::En),
            _ => {}
        }
    }
    let config = std::env::current_dir()
        .ok()
        .and_then(|cwd| pmp::config::Config::discover(None, &cwd).ok())
        .and_then(|c| c.lang);
    i18n::resolve(flag, config)
}

/// The Latvian description of a command (by its path, `pmp check`): short, and the long one.
fn about(path: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match path {
        "pmp" => (
            "Pārbauda, sagatavo dokumentos un uzrauga priekšlaicīgas mācību pārtraukšanas (PMP) prevencijas programmas",
            Some(
                "pmp nolasa PMP prevencijas programmu, kas uzrakstīta YAML failos (katrai programmai sava mape), \
                 un to pārbauda: shēmu, atsauces, numerāciju, periodu, pārklājumu, rādītājus un datu tabulu kopsummas.\n\n\
                 Izejas kodi: 0 – kļūdu nav, 1 – atrastas kļūdas (vai brīdinājumi ar --deny warnings), \
                 2 – nepareizs lietojums, ievades vai izvades kļūme vai iekšēja kļūda.",
            ),
        ),
        "pmp check" => (
            "Pārbauda programmas un to savstarpējo atbilstību; katrs konstatējums norāda failu, rindu un kolonnu",
            None,
        ),
        "pmp schema" => (
            "Izdrukā daļas faila JSON shēmu (vai ieraksta visas shēmas mapē)",
            None,
        ),
        "pmp init" => (
            "Izveido jaunas programmas mapi ar visām daļām, gatavu aizpildīšanai",
            None,
        ),
        "pmp calendar" => (
            "Izvērš uzraudzības notikumus un uzdevumus ar termiņiem kalendārā (iCalendar, Markdown vai JSON)",
            None,
        ),
        "pmp due" => (
            "Kas uzraudzības kalendārā drīz jāizdara un kas nokavēts; izejas kods 1, ja kaut kas nokavēts",
            None,
        ),
        "pmp render" => (
            "Sagatavo domei iesniedzamo dokumentu (Markdown, HTML, Word) no programmas; vispirms to pārbauda",
            None,
        ),
        "pmp sheet" => (
            "Ikgadējā datu vākšana ar izklājlapām: darbgrāmatas atbildīgajām institūcijām un to atbilžu ierakstīšana results/GGGG.yaml",
            None,
        ),
        "pmp sheet export" => (
            "Sagatavo gada darbgrāmatas: katrai atbildīgajai institūcijai (vai vienu visām) tās plāna rindas, jau ierakstītie rezultāti aizpildīti",
            None,
        ),
        "pmp sheet import" => (
            "Nolasa atpakaļ saņemtās darbgrāmatas (.xlsx, .ods) un ieraksta atbildes results/GGGG.yaml; katrs konstatējums norāda darbgrāmatu, lapu un šūnu",
            None,
        ),
        "pmp report" => (
            "Sagatavo gada pārskatu no gada rezultātiem (Markdown, HTML, Word, JSON); bez --year uzskaita gadus un to, kā katram trūkst",
            None,
        ),
        "pmp diff" => (
            "Salīdzina divas programmas versijas (mapes vai REV:CEĻŠ): pievienotais, izņemtais un mainītais",
            None,
        ),
        "pmp show" => (
            "Izdrukā programmu vai vienu tās daļas failu kā vienotu tekstu, lauku pa rindai (`git diff` textconv)",
            None,
        ),
        "pmp explain" => (
            "Izskaidro noteikumu: ko tas atrod, kāpēc tas ir svarīgi, kļūdains un labots piemērs, kā to apklusināt",
            None,
        ),
        "pmp import" => (
            "Izveido programmas mapi no pašvaldības Word dokumenta (.docx) un to pārbauda",
            Some(
                "Nolasa Word dokumentu, no virsrakstiem veido struktūru, tekstu saglabā, kā rakstīts, un tabulas \
                 atpazīst pēc galvenēm (mērķi, rādītāji, rīcības plāns, SVID); pārējās paliek kā datu tabulas. \
                 Mapē ieraksta IMPORT.md – kur nonāca katrs virsraksts, tabula un attēls un kas jāpārskata \
                 cilvēkam –, tad pārbauda programmu kā `pmp check`. Izejas kodi: 0 – kļūdu nav, 1 – pārbaude \
                 atrada kļūdas, 2 – failu nevar nolasīt vai mapi nevar ierakstīt.",
            ),
        ),
        "pmp completions" => (
            "Izdrukā čaulas papildināšanas skriptu (bash, zsh, fish, powershell, elvish)",
            None,
        ),
        "pmp man" => (
            "Izdrukā rokasgrāmatas lapu (roff) vai ieraksta mapē pa lapai katrai komandai",
            None,
        ),
        "pmp lsp" => (
            "Darbina valodas serveri standarta ievadē un izvadē redaktoriem: konstatējumi rakstot, paskaidrojumi, pāreja uz definīciju, papildināšana, labojumi",
            None,
        ),
        "pmp help" => ("Izdrukā šo palīdzību vai norādītās komandas palīdzību", None),
        _ => return None,
    })
}

/// The Latvian help of a flag or argument (by its command's path and its id).
fn help(path: &str, id: &str) -> Option<&'static str> {
    Some(match (path, id) {
        (_, "lang") => {
            "Paziņojumu un `render` un `report` dokumentu valoda: lv vai en (pēc noklusējuma – `lang` no pmp.toml, \
             citādi latviešu, ja LC_ALL, LC_MESSAGES vai LANG sākas ar `lv`, citādi angļu; dokumenti pēc noklusējuma ir latviešu valodā)"
        }
        (_, "help") => "Izdrukā palīdzību (ar -h – īsāku)",
        (_, "version") => "Izdrukā versiju",
        ("pmp check", "paths") => {
            "Programmu mapes, mapes ar programmu mapēm vai programmu faili (tad pārbauda to programmas, \
             bet ziņo tikai par konstatējumiem šajos failos)"
        }
        ("pmp check", "format") => "Izvades formāts",
        ("pmp check", "deny") => "Brīdinājumus izejas kodam uzskatīt par kļūdām",
        ("pmp check", "config") => {
            "Konfigurācijas fails visām programmām (pēc noklusējuma – katras programmas tuvākais pmp.toml tās mapē vai augstāk)"
        }
        ("pmp check", "quiet") => {
            "Izdrukāt tikai konstatējumus: bez kopsavilkuma rindas; neko, ja konstatējumu nav"
        }
        ("pmp check", "list_rules") => {
            "Uzskaitīt visus noteikumus ar kodu, grupu, noklusējuma nopietnību un aprakstu un beigt darbu"
        }
        ("pmp check", "color") => "Krāsas cilvēkam domātajā izvadē",
        ("pmp check", "select") => {
            "Ziņot tikai par šiem noteikumu kodiem vai grupām (atdalītiem ar komatu vai atkārtotiem), \
             piemēram, `--select tables,unknown-id`. Par failu, ko nevar nolasīt, ziņo vienmēr"
        }
        ("pmp check", "ignore") => {
            "Neziņot par šiem noteikumu kodiem vai grupām (atdalītiem ar komatu vai atkārtotiem); noteicošais pār --select"
        }
        ("pmp check", "fix") => {
            "Izdarīt drošos labojumus konstatējumiem, par kuriem ziņo, ierakstot failus (atomāri), un tad ziņot par atlikušo"
        }
        ("pmp check", "unsafe_fixes") => {
            "Ar --fix vai --diff izdarīt arī nedrošos labojumus (pārbaudiet, ko tie maina)"
        }
        ("pmp check", "diff") => {
            "Izdrukāt vienoto diff, ko --fix mainītu, neko nemainot; izejas kods 1, ja ir ko labot"
        }
        ("pmp check", "statistics") => {
            "Konstatējumu vietā izdrukāt to skaitu katram noteikuma kodam (tekstā vai JSON ar --format json)"
        }
        ("pmp schema", "part") => {
            "Daļa: programme, institutions, situation, svid, goals, indicators, plan, monitoring, results"
        }
        ("pmp schema", "out") => {
            "Ierakstīt katras daļas shēmu kā <DIR>/<daļa>.schema.json, nevis izdrukāt vienu"
        }
        ("pmp schema", "format") => "json – JSON shēma; md – visu daļu lauku apraksts (docs/format.md)",
        ("pmp init", "dir") => "Veidojamā mape (tās nosaukums kļūst par programmas identifikatoru)",
        ("pmp init", "municipality") => "Pašvaldība, kā tā sevi sauc (piemēram, „Ogres novads”)",
        ("pmp init", "from") => "Perioda pirmais gads",
        ("pmp init", "to") => "Perioda pēdējais gads",
        ("pmp calendar", "path") => "Programmas mape",
        ("pmp calendar", "format") => "Izvades formāts",
        ("pmp calendar", "institution") => {
            "Atstāt tikai ierakstus, par kuriem šī institūcija (identifikators, nosaukums vai saīsinājums) ir atbildīgā vai par uzraudzību atbildīgā"
        }
        ("pmp calendar", "from") => {
            "Atstāt ierakstus, kas beidzas šajā datumā vai vēlāk (GGGG-MM-DD, GGGG-MM vai GGGG: tā pirmā diena)"
        }
        ("pmp calendar", "to") => {
            "Atstāt ierakstus, kas sākas šajā datumā vai agrāk (GGGG-MM-DD, GGGG-MM vai GGGG: tā pēdējā diena)"
        }
        ("pmp calendar", "out") => "Ierakstīt šajā failā (atomāri), nevis standarta izvadē",
        ("pmp due", "paths") => "Programmu mapes vai mapes ar programmu mapēm",
        ("pmp due", "today") => {
            "Diena, no kuras spriest (GGGG-MM-DD); pēc noklusējuma – PMP_TODAY, citādi sistēmas datums"
        }
        ("pmp due", "within") => "Cik dienas uz priekšu uzskatīt par drīz izdarāmām",
        ("pmp due", "format") => "Izvades formāts",
        ("pmp due", "quiet") => {
            "Teksta izvadē tikai programmas, kurās kas jāizdara vai nokavēts, bez kopsavilkuma rindas; neko, ja tādu nav"
        }
        ("pmp render", "path") => "Programmas mape vai mape ar programmu mapēm (katru sagatavo atsevišķi)",
        ("pmp render", "format") => "Kurus dokumentus rakstīt",
        ("pmp render", "out") => "Mape, kurā dokumentus ieraksta kā <programmas-id>.<md|html|docx>",
        ("pmp render", "templates") => {
            "Mape ar document.md.tera un/vai document.html.tera, kas aizstāj iebūvētās veidnes"
        }
        ("pmp render", "reference_doc") => {
            "Word dokuments, no kura Word fails ņem stilus, lapas izmēru un malas, galveni un kājeni (pašvaldības veidne)"
        }
        ("pmp render", "allow_errors") => {
            "Sagatavot dokumentus arī tad, ja pārbaudē atrastas kļūdas; konstatējumi dokumentos netiek iekļauti, cik to ir, norāda kļūdu izvadē"
        }
        ("pmp render", "indicator_charts") => {
            "Pievienot pielikumu ar grafiku katram rezultatīvajam rādītājam, kam ir skaitļi (programmas tekstā to nav)"
        }
        ("pmp report", "path") => "Programmas mape",
        ("pmp report", "year") => {
            "Pārskata gads (tā rezultāti ir results/GGGG.yaml); bez tā uzskaita gadus ar rezultātiem un to, kā katram trūkst"
        }
        ("pmp report", "format") => "Kurus dokumentus rakstīt",
        ("pmp report", "out") => {
            "Mape, kurā dokumentus ieraksta kā <programmas-id>-<gads>.<md|html|docx|json>"
        }
        ("pmp report", "allow_errors") => {
            "Sagatavot pārskatu arī tad, ja programmā vai tās rezultātos atrastas kļūdas"
        }
        ("pmp sheet export", "path") | ("pmp sheet import", "path") => "Programmas mape",
        ("pmp sheet export", "year") | ("pmp sheet import", "year") => "Gads, par kuru vāc rezultātus",
        ("pmp sheet export", "all") => {
            "Viena darbgrāmata ar visām rindām visām institūcijām, nevis katrai institūcijai sava"
        }
        ("pmp sheet export", "out") => {
            "Mape, kurā darbgrāmatas ieraksta kā <programmas-id>-<gads>-<institūcija>.xlsx"
        }
        ("pmp sheet import", "workbooks") => "Atpakaļ saņemtās darbgrāmatas (.xlsx vai .ods)",
        ("pmp sheet import", "overwrite") => {
            "Aizstāt ierakstīto vērtību, ja darbgrāmatā tā ir cita (bez šī karoga katra tāda ir kļūda)"
        }
        ("pmp sheet import", "dry_run") => "Tikai parādīt, ko darbgrāmatas saka; neko neierakstīt",
        ("pmp sheet import", "format") => "Konstatējumu izvades formāts",
        ("pmp diff", "old") => {
            "Vecā versija: programmas mape vai REV:CEĻŠ, lai nolasītu CEĻU git versijā REV"
        }
        ("pmp diff", "new") => "Jaunā versija: programmas mape vai REV:CEĻŠ",
        ("pmp diff", "format") => "Izvades formāts: text, md (grozījumu pielikums latviešu valodā) vai json",
        ("pmp diff", "exit_code") => {
            "Izejas kods 1, ja kāda izmaiņa ir būtiska (vajadzīgs domes lēmums), 0, ja nav"
        }
        ("pmp show", "path") => {
            "Programmas mape vai viens daļas fails (piemēram, plan.yaml), lai izdrukātu tikai šo daļu"
        }
        ("pmp explain", "code") => {
            "Noteikuma kods, piemēram, total-mismatch (`pmp check --list-rules` tos uzskaita)"
        }
        ("pmp explain", "all") => "Visi noteikumi `--list-rules` secībā",
        ("pmp explain", "format") => {
            "Izvades formāts: text – terminālim, md – noteikumu aprakstam (docs/rules.md)"
        }
        ("pmp import", "file") => {
            "Word dokuments (.docx; .doc, .rtf un .odt pārveidojiet ar `soffice --headless --convert-to docx`)"
        }
        ("pmp import", "out") => {
            "Veidojamā programmas mape (tās nosaukums kļūst par programmas identifikatoru); nekad esoša, netukša mape"
        }
        ("pmp completions", "shell") => {
            "Čaula, piemēram, `pmp completions bash > ~/.local/share/bash-completion/completions/pmp`"
        }
        ("pmp man", "out") => {
            "Ierakstīt šajā mapē pmp.1 un pmp-<komanda>.1 katrai komandai, nevis izdrukāt pmp.1"
        }
        ("pmp help", "subcommand") => "Komanda, kuras palīdzību izdrukāt",
        _ => return None,
    })
}

/// A value's placeholder in Latvian.
fn value_name(name: &str) -> &'static str {
    match name {
        "PATHS" => "CEĻI",
        "PATH" => "CEĻŠ",
        "FORMAT" => "FORMĀTS",
        "DIR" => "MAPE",
        "FILE" => "FAILS",
        "FILE.docx" => "FAILS.docx",
        "CONFIG" => "FAILS",
        "DATE" => "DATUMS",
        "DAYS" => "DIENAS",
        "YEAR" | "YYYY" => "GADS",
        "LANG" => "VALODA",
        "COLOR" => "KRĀSAS",
        "DENY" => "KO",
        "ID" => "ID",
        "PART" => "DAĻA",
        "MUNICIPALITY" => "PAŠVALDĪBA",
        "OLD" => "VECĀ",
        "NEW" => "JAUNĀ",
        "CODE" => "KODS",
        "SHELL" => "ČAULA",
        "SUBCOMMAND" => "KOMANDA",
        _ => "VĒRTĪBA",
    }
}

/// The help template: clap's, with its `Usage:` in Latvian.
const TEMPLATE: &str = "{before-help}{about-with-newline}\nLietojums: {usage}\n\n{all-args}{after-help}";

/// `cmd` (already built) with every text a person reads in Latvian. Texts missing from the
/// tables stay English (and fail the test); clap's words are replaced.
pub fn latvian(cmd: Command) -> Command {
    localize(cmd, "pmp")
}

fn localize(mut cmd: Command, path: &str) -> Command {
    if let Some((short, long)) = about(path) {
        cmd = cmd.about(short).long_about(long.unwrap_or(short));
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Komandas")
        .subcommand_value_name("KOMANDA");
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for (i, id) in ids.iter().enumerate() {
        // Changing an argument moves it to the end: the order of the definitions is kept.
        cmd = cmd.mut_arg(id.as_str(), |a| localize_arg(a, path).display_order(i));
    }
    // clap's usage line, with `[OPTIONS]` said in Latvian.
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .replace("[OPTIONS]", "[IESPĒJAS]");
    cmd = cmd.override_usage(usage);
    let subs: Vec<String> = cmd
        .get_subcommands()
        .filter(|_| path != "pmp help")
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(name.as_str(), |s| localize(s, &sub_path));
    }
    cmd
}

fn localize_arg(a: Arg, path: &str) -> Arg {
    let id = a.get_id().to_string();
    let heading = if a.is_positional() {
        "Argumenti"
    } else {
        "Iespējas"
    };
    let mut text = help(path, &id).map(str::to_string);
    // clap's `[default: …]` and `[possible values: …]`, said in Latvian after the help.
    let mut notes = Vec::new();
    let takes_value = matches!(a.get_action(), ArgAction::Set | ArgAction::Append);
    if takes_value {
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() && !a.is_hide_default_value_set() {
            notes.push(format!("noklusējums: {}", defaults.join(", ")));
        }
        let values: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() && !a.is_hide_possible_values_set() {
            notes.push(format!("vērtības: {}", values.join(", ")));
        }
    }
    if let Some(t) = &mut text
        && !notes.is_empty()
    {
        t.push_str(&format!(" [{}]", notes.join("; ")));
    }
    let mut a = a.help_heading(heading);
    // The placeholders of values: `--out <MAPE>`.
    let names: Vec<String> = match a.get_value_names() {
        Some(names) => names.iter().map(|n| n.to_string()).collect(),
        None if takes_value => vec![id.to_uppercase()],
        None => Vec::new(),
    };
    if !names.is_empty() {
        let lv: Vec<&'static str> = names.iter().map(|n| value_name(n)).collect();
        a = a.value_names(lv);
    }
    if let Some(t) = text {
        a = a
            .help(t.clone())
            .long_help(t)
            .hide_default_value(true)
            .hide_possible_values(true);
    }
    a
}

/// clap's error text (a usage mistake, and the date parsers' messages) in Latvian: its phrases
/// replaced one by one, the arguments and values it quotes kept.
pub fn error_text(text: &str) -> String {
    const PHRASES: [(&str, &str); 23] = [
        ("error: ", "kļūda: "),
        ("  tip: ", "  padoms: "),
        ("Usage: ", "Lietojums: "),
        ("For more information, try '--help'.", "Vairāk – ar „--help”."),
        ("unexpected argument '", "neparedzēts arguments '"),
        ("' found", "'"),
        ("to pass '", "lai '"),
        ("' as a value, use '", "' nodotu kā vērtību, rakstiet '"),
        ("a similar argument exists: '", "līdzīgs arguments ir '"),
        ("unrecognized subcommand '", "nezināma komanda '"),
        ("a similar subcommand exists: '", "līdzīga komanda ir '"),
        (
            "the following required arguments were not provided:",
            "nav norādīti obligātie argumenti:",
        ),
        ("invalid value '", "nederīga vērtība '"),
        ("' for '", "' argumentam '"),
        ("[possible values: ", "[vērtības: "),
        ("a value is required for '", "argumentam '"),
        ("' but none was supplied", "' jānorāda vērtība"),
        ("cannot be used with", "nevar lietot kopā ar"),
        ("is not a date (YYYY-MM-DD)", "nav datums formā GGGG-MM-DD"),
        (
            "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
            "nav datums: rakstiet GGGG, GGGG-MM vai GGGG-MM-DD",
        ),
        ("input is out of range", "vērtība ir ārpus pieļaujamā diapazona"),
        ("is out of range", "ir ārpus pieļaujamā diapazona"),
        ("some similar subcommands exist: ", "līdzīgas komandas: "),
    ];
    let mut out = text.to_string();
    for (en, lv) in PHRASES {
        out = out.replace(en, lv);
    }
    out
}

/// The Latvian texts missing for `cmd`'s commands and flags: `pmp check --quiet` and the like.
#[cfg(test)]
pub fn missing(cmd: &Command) -> Vec<String> {
    let mut out = Vec::new();
    walk(cmd, "pmp", &mut out);
    out
}

#[cfg(test)]
fn walk(cmd: &Command, path: &str, out: &mut Vec<String>) {
    if about(path).is_none() {
        out.push(path.to_string());
    }
    for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        if help(path, a.get_id().as_str()).is_none() {
            out.push(format!("{path} {}", a.get_id()));
        }
    }
    // `pmp help`'s own subcommands only name the commands it shows the help of.
    for s in cmd.get_subcommands().filter(|_| path != "pmp help") {
        walk(s, &format!("{path} {}", s.get_name()), out);
    }
}

/// A manual page's section headings in Latvian (the roff `clap_mangen` writes).
pub fn man_headings(roff: &str) -> String {
    const HEADINGS: [(&str, &str); 9] = [
        (".SH NAME", ".SH NOSAUKUMS"),
        (".SH SYNOPSIS", ".SH LIETOJUMS"),
        (".SH DESCRIPTION", ".SH APRAKSTS"),
        (".SH OPTIONS", ".SH IESPĒJAS"),
        (".SH SUBCOMMANDS", ".SH KOMANDAS"),
        (".SH EXTRA", ".SH PAPILDUS"),
        (".SH VERSION", ".SH VERSIJA"),
        (".SH AUTHORS", ".SH AUTORI"),
        (".SH Komandas", ".SH KOMANDAS"),
    ];
    roff.lines()
        .map(|l| {
            let heading = l.trim_end();
            HEADINGS
                .iter()
                .find(|(en, _)| *en == heading)
                .map_or_else(|| l.to_string(), |(_, lv)| lv.to_string())
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn every_flag_and_command_has_latvian_help() {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let missing = missing(&cmd);
        assert!(missing.is_empty(), "no Latvian help for: {}", missing.join(", "));
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(ui_lang(&args(&["pmp", "--lang", "lv", "--help"])), Lang::Lv);
        assert_eq!(ui_lang(&args(&["pmp", "check", "--lang=lv"])), Lang::Lv);
        assert_eq!(ui_lang(&args(&["pmp", "--lang", "en", "check"])), Lang::En);
    }
}
