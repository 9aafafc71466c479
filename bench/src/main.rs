//! `pmp-bench`: a deterministic generator of realistic PMP programme folders and an
//! in-process benchmark of the `pmp check` pipeline.
//!
//! - `pmp-bench generate DIR --count N [--seed S]` writes `DIR/p0001/` .. `DIR/pNNNN/`, each a
//!   programme of about the size of Jelgava's (60-80 KB of YAML over the eight parts), with
//!   Latvian-looking text and a few deliberate findings (a wrong table total, an activity
//!   without funding, ...). The same seed gives byte-identical files.
//! - `pmp-bench run DIR [--iterations K] [--one]` runs what `pmp check DIR --format json` runs
//!   (`load::discover`, then `check::pipeline::run` with the default configuration, the one
//!   function `pmp check` calls, then JSON rendered into a String) K times and prints the
//!   median, min and max wall time with a per-phase breakdown. `--compare` alternates the
//!   serde-saphyr loader and the fast YAML path round by round and checks their JSON is equal.
//! - `pmp-bench loaders DIR [--rounds R]` parses every part file under DIR on one thread with
//!   each loader in turn, alternating, and prints their throughput side by side.
//!
//! - `pmp-bench lsp DIR [--changes N] [--server PMP]` times what `pmp lsp` does on a change of
//!   a buffer of the programme in DIR: in process (the whole programme checked again from the
//!   buffers, its diagnostics made ready to publish), and, with `--server`, through the real
//!   server over stdio (from `didChange` sent to the file's `publishDiagnostics` read). Prints
//!   the median and the 99th percentile.
//!
//! See `benches/README.md`.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::needless_range_loop)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

use pmp::check;
use pmp::check::pipeline::Timings;
use pmp::config::Config;
use pmp::diag::{self, Format, Report};
use pmp::load;

/// The allocator `pmp` itself uses, so the pipeline is timed as the binary runs it.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "pmp-bench",
    about = "Generate benchmark programmes and time the check pipeline"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write N generated programme folders under DIR (DIR/p0001, DIR/p0002, ...).
    Generate {
        dir: PathBuf,
        #[arg(long)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Run the `pmp check --format json` pipeline in process K times over DIR.
    Run {
        dir: PathBuf,
        #[arg(long, default_value_t = 5)]
        iterations: usize,
        /// Check only the first programme found under DIR.
        #[arg(long)]
        one: bool,
        /// Also time the YAML parse of each part, single-threaded, to see where loading goes.
        #[arg(long)]
        parts: bool,
        /// Time the old loader (serde-saphyr only) and the new one (the fast YAML path first)
        /// side by side: K rounds of each, alternating, and check their JSON is byte-identical.
        #[arg(long)]
        compare: bool,
    },
    /// Parse every part file under DIR with the old and the new loader, one thread, R rounds
    /// of each, alternating; print the throughput of each and how many files the fast path
    /// gave back to serde-saphyr.
    Loaders {
        dir: PathBuf,
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
    /// Time a re-check on a change of a buffer in the language server, in process and (with
    /// --server) over stdio: N changes, alternating a figure of situation.yaml.
    Lsp {
        dir: PathBuf,
        #[arg(long, default_value_t = 1000)]
        changes: usize,
        /// The `pmp` binary to time over stdio, as an editor runs it.
        #[arg(long)]
        server: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.command {
        Cmd::Generate { dir, count, seed } => generate(&dir, count, seed),
        Cmd::Run {
            dir,
            iterations,
            one,
            compare: true,
            ..
        } => run_compare(&dir, iterations.max(1), one),
        Cmd::Run {
            dir,
            iterations,
            one,
            parts,
            compare: false,
        } => run(&dir, iterations.max(1), one)
            .and_then(|()| if parts { parts_breakdown(&dir, one) } else { Ok(()) }),
        Cmd::Loaders { dir, rounds } => loaders(&dir, rounds.max(1)),
        Cmd::Lsp { dir, changes, server } => lsp(&dir, changes.max(10), server.as_deref()),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Random numbers: splitmix64, no dependencies.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut r = Rng(seed ^ 0x005E_ED0F_B37C_1A2D_u64);
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1).max(1) as u64)) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// `k` distinct indices of `0..n`, in increasing order.
    fn subset(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            idx.swap(i, j);
        }
        let mut out = idx[..k].to_vec();
        out.sort_unstable();
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Word banks.

const MUNICIPALITIES: &[&str] = &[
    "Jelgavas",
    "Ogres",
    "Cēsu",
    "Tukuma",
    "Bauskas",
    "Dobeles",
    "Talsu",
    "Kuldīgas",
    "Valmieras",
    "Madonas",
    "Siguldas",
    "Limbažu",
    "Saldus",
    "Ludzas",
    "Rēzeknes",
    "Balvu",
    "Alūksnes",
    "Gulbenes",
    "Smiltenes",
    "Valkas",
    "Krāslavas",
    "Preiļu",
    "Līvānu",
    "Aizkraukles",
    "Jēkabpils",
    "Olaines",
    "Ropažu",
    "Ķekavas",
    "Mārupes",
    "Ādažu",
    "Saulkrastu",
    "Salaspils",
    "Varakļānu",
    "Augšdaugavas",
    "Dienvidkurzemes",
    "Ventspils",
    "Sigulda",
    "Ķeguma",
];

const PLACES: &[&str] = &[
    "Vircavas",
    "Elejas",
    "Ozolnieku",
    "Kalnciema",
    "Valgundes",
    "Zaļenieku",
    "Lielplatones",
    "Glūdas",
    "Sesavas",
    "Svētes",
    "Vilces",
    "Jaunsvirlaukas",
    "Līvbērzes",
    "Platones",
    "Salgales",
    "Cenu",
    "Tīreļu",
    "Garozas",
    "Staļģenes",
    "Mežciema",
    "Sidrabenes",
    "Bērvircavas",
    "Lielvircavas",
    "Ānes",
    "Emburgas",
    "Dalbes",
    "Kaigu",
    "Jaunpils",
    "Vecumnieku",
    "Skaistkalnes",
    "Bārbeles",
    "Codes",
    "Iecavas",
    "Rundāles",
    "Pilsrundāles",
    "Mežotnes",
    "Brunavas",
    "Ceraukstes",
    "Gailīšu",
    "Viesturu",
    "Stelpes",
    "Kurmenes",
    "Valles",
    "Misas",
    "Ķeguma",
    "Birzgales",
    "Lēdmanes",
    "Madlienas",
    "Suntažu",
    "Ikšķiles",
    "Taurupes",
    "Mazozolu",
    "Krapes",
    "Meņģeles",
];

const SCHOOL_KINDS: &[&str] = &[
    "pamatskola",
    "pamatskola",
    "pamatskola",
    "vidusskola",
    "vidusskola",
    "sākumskola",
    "sākumskola - attīstības centrs",
    "Mūzikas un mākslas pamatskola",
];

const FIRST_F: &[&str] = &[
    "Ilze",
    "Inga",
    "Ineta",
    "Solveiga",
    "Aiva",
    "Eva",
    "Alda",
    "Dace",
    "Laila",
    "Kristīne",
    "Sanita",
    "Anita",
    "Ieva",
    "Liene",
    "Baiba",
    "Zane",
    "Agnese",
    "Gunta",
    "Vineta",
    "Santa",
    "Daiga",
];
const LAST_F: &[&str] = &[
    "Brakmane",
    "Bite",
    "Sauša",
    "Āna",
    "Alksne",
    "Eihentāle",
    "Grosbārte",
    "Fišere",
    "Kalniņa",
    "Ozola",
    "Liepiņa",
    "Bērziņa",
    "Krūmiņa",
    "Zariņa",
    "Vītola",
    "Kļaviņa",
    "Jansone",
    "Pētersone",
];
const FIRST_M: &[&str] = &[
    "Valters", "Jānis", "Andris", "Māris", "Edgars", "Guntis", "Aivars", "Kārlis", "Raimonds", "Uldis",
    "Artūrs", "Normunds", "Ivars", "Roberts",
];
const LAST_M: &[&str] = &[
    "Siksna",
    "Ozols",
    "Kalniņš",
    "Liepiņš",
    "Bērziņš",
    "Krūmiņš",
    "Zariņš",
    "Vītols",
    "Kļaviņš",
    "Jansons",
    "Pētersons",
    "Lācis",
    "Balodis",
    "Eglītis",
    "Strazds",
];

const SUBJECTS: &[&str] = &[
    "Izglītības pārvalde",
    "Sociālais dienests",
    "Izglītības iestāde",
    "Bāriņtiesa",
    "Pašvaldības policija",
    "Jauniešu centrs",
    "Atbalsta komanda",
    "Klases audzinātājs",
    "Sociālais pedagogs",
    "Izglītības psihologs",
    "Starpinstitucionālās sadarbības vienība",
    "Skolas vadība",
    "PMP koordinators",
    "Karjeras konsultants",
    "Pedagogu kopiena",
    "Pašvaldība",
    "Speciālais pedagogs",
    "Jaunatnes darbinieks",
];

const VERBS: &[&str] = &[
    "nodrošina",
    "koordinē",
    "organizē",
    "izvērtē",
    "pilnveido",
    "sniedz",
    "uzrauga",
    "apkopo",
    "veicina",
    "plāno",
    "īsteno",
    "analizē",
    "stiprina",
    "attīsta",
    "atbalsta",
    "aktualizē",
];

const OBJECTS: &[&str] = &[
    "individuālā atbalsta plānu izstrādi",
    "kavējumu uzskaiti un analīzi",
    "izglītojamo labbūtības pasākumus",
    "konsultācijas vecākiem un likumiskajiem pārstāvjiem",
    "PMP riska izvērtēšanu katram izglītojamajam",
    "starpinstitūciju sadarbību gadījumu vadībā",
    "interešu izglītības piedāvājuma pieejamību",
    "karjeras izglītības pasākumus pamatskolas klasēs",
    "pedagogu profesionālās kompetences pilnveidi",
    "datu apmaiņu Valsts izglītības informācijas sistēmā",
    "atbalsta speciālistu pieejamību",
    "mentoru programmas īstenošanu",
    "sociāli emocionālo prasmju nodarbības",
    "preventīvās sarunas ar izglītojamajiem",
    "drošas un iekļaujošas mācību vides veidošanu",
    "mācību sasniegumu dinamikas uzraudzību",
    "ģimeņu iesaisti izglītības procesā",
    "informācijas apriti starp iesaistītajām institūcijām",
    "pāreju no pirmsskolas uz pamatizglītības pakāpi",
    "vasaras nometņu un brīvā laika aktivitāšu piedāvājumu",
    "pusaudžu atkarību profilaksi",
    "sociālā riska ģimeņu bērnu atbalstu",
    "individualizētu pieeju mācību procesā",
    "neformālās izglītības iespējas jauniešiem",
];

const COMPLEMENTS: &[&str] = &[
    "visās novada izglītības iestādēs",
    "sadarbībā ar ģimeni",
    "visā novada teritorijā",
    "katru mācību gadu",
    "atbilstoši normatīvajiem aktiem",
    "ar mērķi mazināt priekšlaicīgas mācību pārtraukšanas risku",
    "izmantojot Eiropas Savienības fondu projektu resursus",
    "reizi semestrī",
    "pēc nepieciešamības",
    "īpaši lauku teritoriju skolās",
    "ievērojot izglītojamā intereses",
    "sadarbībā ar nevalstiskajām organizācijām",
    "balstoties uz VIIS datiem",
    "saskaņā ar pašvaldības noteikto kārtību",
    "pamatizglītības posmā",
    "vispārējās vidējās izglītības posmā",
];

const OPENERS: &[&str] = &[
    "Pēdējo trīs mācību gadu laikā",
    "Salīdzinot ar iepriekšējo periodu,",
    "Kā liecina izglītības iestāžu sniegtie dati,",
    "Darba grupas diskusijās tika secināts, ka",
    "Anketēšanas rezultāti rāda, ka",
    "Pašvaldībā",
    "Vienlaikus",
    "Jāatzīmē, ka",
];

const FINDINGS_TEXT: &[&str] = &[
    "pieaug to izglītojamo skaits, kuriem ir nepietiekami vērtējumi vairākos mācību priekšmetos",
    "nedaudz samazinājies neattaisnoto kavējumu skaits pamatskolas klasēs",
    "atbalsta speciālistu noslodze mazajās lauku skolās ir nepietiekama",
    "ģimenes, kuras saņem sociālo palīdzību, biežāk saskaras ar bērnu mācību kavējumiem",
    "izglītojamie augstu novērtē interešu izglītības pieejamību",
    "pusaudžu vecumposmā pieaug emocionālās labbūtības problēmas",
    "starpinstitūciju sadarbība ir laba, tomēr informācijas aprite ir lēna",
    "projekts “Pumpurs” ir sekmējis individuālā atbalsta pieejamību",
    "pēc projekta noslēguma nepieciešams saglabāt izveidoto atbalsta sistēmu",
    "izglītojamo skaits novadā kopumā ir stabils",
    "skolēnu pārvadājumi ierobežo dalību ārpusstundu aktivitātēs",
    "daļa vecāku nav pietiekami iesaistīti bērnu izglītības procesā",
];

const GOALS_U: &[&str] = &[
    "Droša un iekļaujoša mācību vide",
    "Kvalitatīvs un individualizēts mācību process",
    "Izglītojamo labbūtība un piederība skolai",
    "Pieejama interešu izglītība un ārpusstundu aktivitātes",
    "Karjeras izglītība un nākotnes plānošana",
];
const GOALS_T: &[&str] = &[
    "Savlaicīga PMP riska identificēšana",
    "Mērķtiecīgs atbalsts riska grupu izglītojamajiem",
    "Ģimeņu iesaiste un atbalsts vecākiem",
    "Efektīva starpinstitūciju sadarbība",
];
const GOALS_I: &[&str] = &[
    "Individuāls atbalsts izglītojamajiem ar augstu PMP risku",
    "Atgriešanās izglītībā pēc mācību pārtraukuma",
    "Koordinēts gadījumu vadības process",
];

const ACTIVITY_HEADS: &[&str] = &[
    "Pasākumi sociāli emocionālo prasmju pilnveidei",
    "Individualizētas pieejas nodrošināšana mācību procesā",
    "Atbalsta speciālistu pakalpojumu pieejamības nodrošināšana",
    "Kavējumu uzskaites un reaģēšanas kārtības pilnveide",
    "Mentoru un līdzgaitnieku atbalsta programma",
    "Pedagogu profesionālās pilnveides kursi par PMP prevenciju",
    "Vecāku izglītošanas cikls",
    "Interešu izglītības programmu dažādošana",
    "Karjeras attīstības atbalsta pasākumi",
    "Vasaras nometnes riska grupu bērniem",
    "Individuālo atbalsta plānu izstrāde un īstenošana",
    "Starpinstitucionālās sadarbības vienības darbs",
    "Atkarību profilakses nodarbības",
    "Mobilā jaunatnes darba īstenošana",
    "Pārejas posmu atbalsta programma",
    "Skolas-kopienas sadarbības pasākumi",
    "Konsultatīvais atbalsts ģimenēm",
    "Datu apkopošanas un analīzes sistēmas ieviešana",
    "Mācību atbalsta grupas pēc stundām",
    "Preventīvās sarunas ar izglītojamajiem un viņu ģimenēm",
];

const FUNDING: &[&str] = &[
    "pašvaldības budžets",
    "ES fondi",
    "valsts budžets",
    "izglītības iestāžu budžets",
    "projekta “Pumpurs” finansējums",
];

const SOURCES: &[&str] = &[
    "VIIS",
    "Izglītības pārvaldes dati",
    "Sociālā dienesta dati",
    "Izglītības iestāžu dati",
    "IKMS",
    "Anketēšana",
    "Pašvaldības policijas dati",
];

const SUBJECT_NAMES: &[&str] = &[
    "Latviešu valoda",
    "Matemātika",
    "Angļu valoda",
    "Bioloģija",
    "Fizika",
    "Ķīmija",
    "Vēsture",
    "Ģeogrāfija",
    "Literatūra",
    "Krievu valoda",
    "Dizains un tehnoloģijas",
    "Datorika",
    "Sociālās zinības",
    "Dabaszinības",
    "Vācu valoda",
    "Sports un veselība",
    "Mūzika",
    "Vizuālā māksla",
    "Inženierzinības",
    "Teātra māksla",
];

// ---------------------------------------------------------------------------------------------
// Text helpers.

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn sentence(r: &mut Rng) -> String {
    match r.below(3) {
        0 => format!(
            "{} {} {} {}.",
            r.pick(SUBJECTS),
            r.pick(VERBS),
            r.pick(OBJECTS),
            r.pick(COMPLEMENTS)
        ),
        1 => format!("{} {}.", r.pick(OPENERS), r.pick(FINDINGS_TEXT)),
        _ => format!(
            "{} {}, {} {} {}.",
            r.pick(OPENERS),
            r.pick(FINDINGS_TEXT),
            "tāpēc nepieciešams",
            r.pick(OBJECTS).replace("pilnveidi", "pilnveidot"),
            r.pick(COMPLEMENTS)
        ),
    }
}

fn paragraph(r: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&sentence(r));
    }
    s
}

fn short_phrase(r: &mut Rng) -> String {
    cap(&format!("{} {}", r.pick(OBJECTS), r.pick(COMPLEMENTS)))
}

fn ascii_slug(s: &str) -> String {
    let mut out = String::new();
    for ch in s.to_lowercase().chars() {
        let c = match pmp::lv::unmarked(ch) {
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('-').to_string()
}

/// A double-quoted YAML scalar.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// `key: |` with `text` wrapped at about 96 columns, indented by `indent` + 2.
fn block(out: &mut String, indent: usize, key: &str, text: &str) {
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{pad}{key}: |");
    let inner = " ".repeat(indent + 2);
    for para in text.split("\n\n") {
        let mut line = String::new();
        for w in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + w.chars().count() + 1 > 96 {
                let _ = writeln!(out, "{inner}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        if !line.is_empty() {
            let _ = writeln!(out, "{inner}{line}");
        }
        out.push('\n');
    }
    // Drop the trailing blank line of the last paragraph.
    if out.ends_with("\n\n") {
        out.pop();
    }
}

/// A number as YAML: integers without a fraction.
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn header(part: &str) -> String {
    format!("# yaml-language-server: $schema=../../schemas/{part}.schema.json\n")
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

// ---------------------------------------------------------------------------------------------
// The programme generator.

#[derive(Clone, Copy, PartialEq)]
enum Lv {
    U,
    T,
    I,
}

impl Lv {
    fn key(self) -> &'static str {
        match self {
            Lv::U => "universal",
            Lv::T => "targeted",
            Lv::I => "indicated",
        }
    }
}

struct Inst {
    id: &'static str,
    name: String,
    short: Vec<&'static str>,
    kind: &'static str,
}

struct GoalG {
    id: String,
    level: Lv,
    number: usize,
    title: String,
}

struct IndG {
    id: String,
    goal: usize,
}

struct Gen {
    r: Rng,
    idx: usize,
    muni_gen: String,
    muni: String,
    slug: String,
    from: i32,
    to: i32,
    insts: Vec<Inst>,
    schools: Vec<String>,
    goals: Vec<GoalG>,
    inds: Vec<IndG>,
}

impl Gen {
    fn new(seed: u64, idx: usize) -> Self {
        let mut r =
            Rng::new(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ (idx as u64).wrapping_mul(0x9E37_79B9));
        let base = r.pick(MUNICIPALITIES);
        let muni_gen = format!("{base} novada");
        let muni = format!("{base} novads");
        let from = r.range(2023, 2026) as i32;
        let to = from + r.range(3, 4) as i32;
        let slug = format!("{}-{from}-{to}-p{idx:04}", ascii_slug(base));
        let mut g = Gen {
            r,
            idx,
            muni_gen,
            muni,
            slug,
            from,
            to,
            insts: Vec::new(),
            schools: Vec::new(),
            goals: Vec::new(),
            inds: Vec::new(),
        };
        g.make_institutions();
        g.make_schools();
        g.make_goals();
        g
    }

    fn years(&self) -> Vec<i32> {
        (self.from..=self.to).collect()
    }

    fn make_institutions(&mut self) {
        let m = self.muni_gen.clone();
        let all: Vec<Inst> = vec![
            Inst {
                id: "dome",
                name: format!("{m} pašvaldības dome"),
                short: vec!["Dome"],
                kind: "council",
            },
            Inst {
                id: "izpilddirektors",
                name: format!("{m} pašvaldības izpilddirektors"),
                short: vec!["Izpilddirektors"],
                kind: "administration",
            },
            Inst {
                id: "ip",
                name: format!("{m} pašvaldības Izglītības pārvalde"),
                short: vec!["IP", "Izglītības pārvalde"],
                kind: "education-board",
            },
            Inst {
                id: "sd",
                name: format!("{m} Sociālais dienests"),
                short: vec!["SD", "Sociālais dienests"],
                kind: "social-service",
            },
            Inst {
                id: "bt",
                name: format!("{m} Bāriņtiesa"),
                short: vec!["BT", "Bāriņtiesa"],
                kind: "orphans-court",
            },
            Inst {
                id: "pp",
                name: format!("{m} Pašvaldības policija"),
                short: vec!["PP", "Pašvaldības policija"],
                kind: "municipal-police",
            },
            Inst {
                id: "skolas",
                name: "Vispārējās izglītības iestādes".into(),
                short: vec!["Skolas", "Izglītības iestādes"],
                kind: "school",
            },
            Inst {
                id: "ssv",
                name: "Starpinstitucionālās sadarbības vienība".into(),
                short: vec!["SSV"],
                kind: "group",
            },
            Inst {
                id: "jc",
                name: format!("{m} Jauniešu centrs"),
                short: vec!["JC", "Jauniešu centrs"],
                kind: "youth",
            },
            Inst {
                id: "pii",
                name: "Pirmsskolas izglītības iestādes".into(),
                short: vec!["PII"],
                kind: "preschool",
            },
            Inst {
                id: "vp",
                name: "Valsts policija".into(),
                short: vec!["VP"],
                kind: "state",
            },
            Inst {
                id: "ikvd",
                name: "Izglītības kvalitātes valsts dienests".into(),
                short: vec!["IKVD"],
                kind: "state",
            },
            Inst {
                id: "nvo",
                name: "Nevalstiskās organizācijas".into(),
                short: vec!["NVO"],
                kind: "ngo",
            },
            Inst {
                id: "gimenes-arsti",
                name: "Ģimenes ārstu prakses".into(),
                short: vec!["Ģimenes ārsti"],
                kind: "health",
            },
            Inst {
                id: "pmk",
                name: format!("{m} Pedagoģiski medicīniskā komisija"),
                short: vec!["PMK"],
                kind: "other",
            },
            Inst {
                id: "kac",
                name: "Karjeras atbalsta centrs".into(),
                short: vec!["KAC"],
                kind: "other",
            },
            Inst {
                id: "pn",
                name: format!("{m} pašvaldības Plānošanas nodaļa"),
                short: vec!["Plānošanas nodaļa"],
                kind: "administration",
            },
            Inst {
                id: "ak",
                name: "Izglītības iestāžu atbalsta komandas".into(),
                short: vec!["Atbalsta komandas"],
                kind: "school",
            },
        ];
        let core = 9;
        let extra = self.r.range(3, 6) as usize;
        let pick = self.r.subset(all.len() - core, extra);
        for (i, inst) in all.into_iter().enumerate() {
            if i < core || pick.contains(&(i - core)) {
                self.insts.push(inst);
            }
        }
    }

    fn make_schools(&mut self) {
        let n = self.r.range(14, 22) as usize;
        let places = self.r.subset(PLACES.len(), n);
        for p in places {
            let kind = self.r.pick(SCHOOL_KINDS);
            self.schools.push(format!("{} {kind}", PLACES[p]));
        }
    }

    fn make_goals(&mut self) {
        let nu = self.r.range(2, 3) as usize;
        let nt = self.r.range(2, 3) as usize;
        let ni = 7 - nu - nt;
        let mut n = 0;
        for (lv, bank, k) in [(Lv::U, GOALS_U, nu), (Lv::T, GOALS_T, nt), (Lv::I, GOALS_I, ni)] {
            for t in self.r.subset(bank.len(), k) {
                n += 1;
                self.goals.push(GoalG {
                    id: format!("g{n}"),
                    level: lv,
                    number: n,
                    title: bank[t].to_string(),
                });
            }
        }
        // Two indicators per goal, plus one or two more.
        let mut k = 0;
        for gi in 0..self.goals.len() {
            for _ in 0..2 {
                k += 1;
                self.inds.push(IndG {
                    id: format!("i{k}"),
                    goal: gi,
                });
            }
        }
        for _ in 0..self.r.range(0, 2) {
            k += 1;
            let gi = self.r.below(self.goals.len());
            self.inds.push(IndG {
                id: format!("i{k}"),
                goal: gi,
            });
        }
    }

    /// A reference to an institution: its id, name or a short form.
    fn inst_ref(&mut self) -> String {
        let i = self.r.below(self.insts.len());
        let inst = &self.insts[i];
        match self.r.below(5) {
            0 => inst.id.to_string(),
            1 => inst.name.clone(),
            _ => inst.short[self.r.below(inst.short.len())].to_string(),
        }
    }

    fn inst_refs(&mut self, lo: i64, hi: i64) -> Vec<String> {
        let n = self.r.range(lo, hi) as usize;
        let mut v: Vec<String> = Vec::new();
        while v.len() < n {
            let s = self.inst_ref();
            if !v.contains(&s) {
                v.push(s);
            }
        }
        v
    }

    fn person(&mut self) -> String {
        if self.r.chance(0.7) {
            format!("{} {}", self.r.pick(FIRST_F), self.r.pick(LAST_F))
        } else {
            format!("{} {}", self.r.pick(FIRST_M), self.r.pick(LAST_M))
        }
    }

    fn date_in(&mut self, year: i32) -> String {
        let m = self.r.range(1, 12);
        let d = self.r.range(1, 28);
        format!("{year}-{m:02}-{d:02}")
    }

    // -- programme.yaml ------------------------------------------------------------------

    fn manifest(&mut self) -> String {
        let mut o = header("programme");
        let _ = writeln!(o, "id: {}", self.slug);
        let _ = writeln!(o, "municipality: {}", q(&self.muni));
        let _ = writeln!(
            o,
            "title: {}",
            q(&format!(
                "Priekšlaicīgas mācību pārtraukšanas prevencijas sistēma un ieviešanas plāns {}.–{}. gadam",
                self.from, self.to
            ))
        );
        let _ = writeln!(o, "period:\n  from: {}\n  to: {}", self.from, self.to);
        let amended = self.r.chance(0.3);
        let _ = writeln!(o, "status: {}", if amended { "amended" } else { "adopted" });
        let adopt = format!(
            "{}-{:02}-{:02}",
            self.from - 1,
            self.r.range(9, 12),
            self.r.range(1, 28)
        );
        let _ = writeln!(o, "adoption:");
        let _ = writeln!(o, "  body: {}", q(&format!("{} pašvaldības dome", self.muni_gen)));
        let _ = writeln!(o, "  date: {adopt}");
        let _ = writeln!(o, "  decision: {}", q(&format!("Nr. {}", self.r.range(100, 999))));
        let _ = writeln!(o, "  protocol: {}", q(&format!("Nr. {}", self.r.range(1, 25))));
        let _ = writeln!(o, "  item: {}", q(&format!("{}.§", self.r.range(1, 60))));
        let f = self.r.range(9, 15);
        let a = self.r.range(0, 3);
        let ab = self.r.range(0, 2);
        let _ = writeln!(o, "  votes: {{for: {f}, against: {a}, abstained: {ab}}}");
        let _ = writeln!(
            o,
            "  summary: {}",
            q("Apstiprināt rīcības programmu priekšlaicīgas mācību pārtraukšanas prevencijai.")
        );
        if amended {
            let _ = writeln!(o, "amendments:");
            let d = format!("{}-10-{:02}", self.from + 1, self.r.range(1, 28));
            let _ = writeln!(o, "  - decision:");
            let _ = writeln!(
                o,
                "      body: {}",
                q(&format!("{} pašvaldības dome", self.muni_gen))
            );
            let _ = writeln!(o, "      date: {d}");
            let _ = writeln!(
                o,
                "      decision: {}",
                q(&format!("Nr. {}", self.r.range(100, 999)))
            );
            let _ = writeln!(
                o,
                "    summary: {}",
                q("Aktualizēts rīcības plāns un rezultatīvie rādītāji.")
            );
        }
        let _ = writeln!(
            o,
            "place: {}",
            q(&format!(
                "{}, {}",
                self.muni_gen.replace(" novada", ""),
                self.from - 1
            ))
        );
        let ann = format!(
            "{}\n\n{}\n\n{}",
            paragraph(&mut self.r, 4),
            paragraph(&mut self.r, 3),
            paragraph(&mut self.r, 3)
        );
        block(&mut o, 0, "annotation", &ann);
        let dr = paragraph(&mut self.r, 3);
        block(&mut o, 0, "drafting", &dr);
        let _ = writeln!(o, "working_group:");
        let n = self.r.range(8, 10);
        for i in 0..n {
            let name = self.person();
            let inst = self.inst_ref();
            let _ = writeln!(o, "  - name: {}", q(&name));
            if i == 0 {
                let _ = writeln!(o, "    role: vadītāja");
            }
            let pos = format!(
                "{}, {}",
                cap(self.r.pick(SUBJECTS)),
                self.r.pick(&[
                    "vadītāja",
                    "galvenā speciāliste",
                    "speciālists",
                    "direktore",
                    "inspektore",
                    "koordinatore"
                ])
            );
            let _ = writeln!(o, "    position: {}", q(&pos));
            let _ = writeln!(o, "    institution: {}", q(&inst));
        }
        let _ = writeln!(o, "notes:");
        for _ in 0..2 {
            let _ = writeln!(o, "  - {}", q(&sentence(&mut self.r)));
        }
        o
    }

    // -- institutions.yaml ---------------------------------------------------------------

    fn institutions(&mut self) -> String {
        let mut o = header("institutions");
        let intro = paragraph(&mut self.r, 2);
        block(&mut o, 0, "intro", &intro);
        let _ = writeln!(o, "institutions:");
        for i in 0..self.insts.len() {
            let (id, name, short, kind) = {
                let x = &self.insts[i];
                (x.id, x.name.clone(), x.short.clone(), x.kind)
            };
            let _ = writeln!(o, "  - id: {id}");
            let _ = writeln!(o, "    name: {}", q(&name));
            let shorts: Vec<String> = short.iter().map(|s| s.to_string()).collect();
            let _ = writeln!(o, "    short: {}", list(&shorts));
            let _ = writeln!(o, "    kind: {kind}");
            let _ = writeln!(o, "    responsibilities:");
            for (key, lo, hi) in [
                ("general", 0, 1),
                ("universal", 1, 2),
                ("targeted", 0, 1),
                ("indicated", 0, 1),
            ] {
                let n = self.r.range(lo, hi);
                if n == 0 {
                    continue;
                }
                let _ = writeln!(o, "      {key}:");
                for _ in 0..n {
                    let s = format!(
                        "{} {} {}",
                        cap(self.r.pick(VERBS)),
                        self.r.pick(OBJECTS),
                        self.r.pick(COMPLEMENTS)
                    );
                    let _ = writeln!(o, "        - {}", q(&s));
                }
            }
        }
        o
    }

    // -- situation.yaml ------------------------------------------------------------------

    fn situation(&mut self, broken_total: bool, allow_it: bool, broken_prose: bool) -> String {
        let mut o = header("situation");
        let intro = paragraph(&mut self.r, 3);
        block(&mut o, 0, "intro", &intro);
        let _ = writeln!(o, "sections:");
        // Which table gets the wrong total.
        let broken_table = if broken_total {
            self.r.range(1, 3) as usize
        } else {
            0
        };
        let mut tn = 0usize;
        let titles: [(&str, Option<Lv>, usize); 8] = [
            ("Esošā situācija pašvaldībā PMP prevencijas jomā", None, 3),
            ("Atbalsta personāls izglītības iestādēs", Some(Lv::U), 1),
            ("Projekta “Pumpurs” īstenošana", Some(Lv::T), 1),
            ("PMP riska faktori un mācību sasniegumi", Some(Lv::T), 2),
            ("Izglītojamo labbūtība", Some(Lv::U), 1),
            ("Sociālā situācija ģimenēs ar bērniem", Some(Lv::I), 1),
            ("Pašvaldības policijas preventīvais darbs", Some(Lv::I), 1),
            ("Situācijas izvērtējums", None, 0),
        ];
        for (si, (title, lv, ntables)) in titles.iter().enumerate() {
            let _ = writeln!(o, "  - id: s-{}", si + 1);
            let _ = writeln!(o, "    number: \"1.{}.\"", si + 1);
            let _ = writeln!(o, "    title: {}", q(title));
            if let Some(lv) = lv {
                let _ = writeln!(o, "    level: {}", lv.key());
            }
            let n = if *ntables == 0 { 6 } else { 2 };
            let mut body = paragraph(&mut self.r, n);
            if self.r.chance(0.5) {
                body.push_str("\n\n");
                body.push_str(&paragraph(&mut self.r, 1));
            }
            block(&mut o, 4, "body", &body);
            if *ntables > 0 {
                let _ = writeln!(o, "    tables:");
                for _ in 0..*ntables {
                    tn += 1;
                    let kind = tn;
                    let broken = broken_table == tn;
                    let prose_wrong = broken_prose && tn == 10;
                    self.table(&mut o, kind, broken, broken && allow_it, prose_wrong);
                }
            }
            if si == 1 || si == 3 || si == 5 {
                let _ = writeln!(o, "    facts:");
                for _ in 0..self.r.range(1, 2) {
                    let base = self.r.range(200, 3000) as f64;
                    let count = self.r.range(5, (base as i64) / 4) as f64;
                    let pct = ((count / base * 1000.0).round() / 10.0).min(100.0);
                    let quote = format!(
                        "{} izglītojamie jeb {}% no kopējā skaita",
                        num(count),
                        format!("{pct:.1}").replace('.', ",")
                    );
                    let _ = writeln!(o, "      - quote: {}", q(&quote));
                    let _ = writeln!(o, "        percent: {pct:.1}");
                    let _ = writeln!(o, "        count: {}", num(count));
                    let _ = writeln!(o, "        base: {}", num(base));
                }
            }
            if si == 3 {
                // Subsections by level.
                let _ = writeln!(o, "    sections:");
                for (k, lv) in [Lv::U, Lv::T, Lv::I].iter().enumerate() {
                    let _ = writeln!(o, "      - id: s-{}-{}", si + 1, k + 1);
                    let _ = writeln!(o, "        number: \"1.{}.{}.\"", si + 1, k + 1);
                    let _ = writeln!(o, "        title: {}", q(&short_phrase(&mut self.r)));
                    let _ = writeln!(o, "        level: {}", lv.key());
                    let body = paragraph(&mut self.r, 2);
                    block(&mut o, 8, "body", &body);
                }
            }
        }
        o
    }

    /// One data table, indented under a section's `tables:`.
    fn table(&mut self, o: &mut String, kind: usize, broken: bool, allow_it: bool, prose_wrong: bool) {
        let p = "      ";
        let n_rows = self.r.range(10, 14) as usize;
        let year = self.from - 1;
        let wr = |o: &mut String, s: String| {
            let _ = writeln!(o, "{p}{s}");
        };
        let (caption, unit, source) = match kind {
            1 => (
                format!("Izglītības iestādes un izglītojamo skaits 1.–9. klasē uz 01.09.{year}."),
                "izglītojamie",
                "VIIS",
            ),
            2 => (
                format!(
                    "Izglītojamo skaits speciālās pamatizglītības programmās {}./{}.m.g.",
                    year - 1,
                    year
                ),
                "izglītojamie",
                "VIIS",
            ),
            3 => (
                format!(
                    "Izglītojamo skaits interešu izglītības programmās {}./{}.m.g.",
                    year - 1,
                    year
                ),
                "izglītojamie",
                "Izglītības pārvaldes dati",
            ),
            4 => (
                format!("Atbalsta speciālistu likmes izglītības iestādēs, dati uz 01.05.{year}"),
                "likmes",
                "VIIS",
            ),
            5 => (
                format!(
                    "Dalībnieku skaits projektā “Pumpurs”, {}./{}.–{}./{}.m.g.",
                    year - 5,
                    year - 4,
                    year - 1,
                    year
                ),
                "dalībnieki",
                "Projekta dati",
            ),
            6 => (
                format!(
                    "PMP riska indikatori izglītojamajiem, {}./{}.m.g.",
                    year - 1,
                    year
                ),
                "izglītojamie",
                "IKMS",
            ),
            7 => (
                format!(
                    "Izglītojamo skaits ar nepietiekamiem vērtējumiem, {}./{}.m.g.",
                    year - 1,
                    year
                ),
                "izglītojamie",
                "VIIS",
            ),
            8 => (
                format!("Labbūtības rādītāji izglītības iestādēs, {year}.g."),
                "%",
                "Anketēšana",
            ),
            9 => (
                format!(
                    "Ģimeņu ar bērniem, kuras saņem sociālo palīdzību, skaits, {}.–{year}.g.",
                    year - 1
                ),
                "ģimenes",
                "Sociālā dienesta dati",
            ),
            10 => (
                format!(
                    "Pašvaldības policijas preventīvais darbs, {}./{}.m.g.",
                    year - 1,
                    year
                ),
                "gadījumi",
                "Pašvaldības policijas dati",
            ),
            _ => (
                format!(
                    "Neattaisnoti kavējumi izglītības iestādēs, {}./{}.m.g.",
                    year - 1,
                    year
                ),
                "stundas",
                "VIIS",
            ),
        };
        wr(o, format!("- id: t-1-{kind}"));
        wr(o, format!("  number: \"1.{kind}.\""));
        wr(o, format!("  caption: {}", q(&caption)));
        wr(o, format!("  source: {}", q(source)));
        wr(o, format!("  unit: {}", q(unit)));
        let total_label = "Kopā";
        // Columns: (id, label, group, role, sum_of, percent_of)
        struct Col {
            id: String,
            label: String,
            group: Option<String>,
            role: &'static str,
            sum_of: Vec<String>,
            percent_of: Option<(String, String)>,
        }
        let col = |id: &str, label: &str, role: &'static str| Col {
            id: id.into(),
            label: label.into(),
            group: None,
            role,
            sum_of: vec![],
            percent_of: None,
        };
        let mut cols: Vec<Col> = Vec::new();
        let labels: Vec<String>;
        let mut grouped = false;
        let mut decimals = false;
        let mut vacancies = false;
        let mut na = false;
        match kind {
            1 | 2 | 7 | 11 => {
                cols.push(col("iestade", "Izglītības iestāde", "label"));
                if kind == 7 {
                    labels = self
                        .r
                        .subset(SUBJECT_NAMES.len(), n_rows)
                        .into_iter()
                        .map(|i| SUBJECT_NAMES[i].to_string())
                        .collect();
                    cols[0] = col("prieksmets", "Mācību priekšmets", "label");
                } else {
                    labels = self.schools.iter().take(n_rows).cloned().collect();
                }
                let yrs = ["k1-3", "k4-6", "k7-9"];
                for (i, k) in yrs.iter().enumerate() {
                    let mut c = col(k, &format!("{}.–{}. klase", i * 3 + 1, i * 3 + 3), "value");
                    c.group = Some("Izglītojamo skaits".into());
                    cols.push(c);
                }
                let mut t = col("kopa", "Kopā", "total");
                t.sum_of = yrs.iter().map(|s| s.to_string()).collect();
                cols.push(t);
                if kind == 11 {
                    cols.push(col("kavejumi", "Neattaisnoti kavējumi, stundas", "value"));
                }
                grouped = kind == 1;
            }
            3 | 9 | 10 => {
                let (lid, llabel) = match kind {
                    3 => ("programma", "Interešu izglītības programma"),
                    9 => ("pagasts", "Pagasts"),
                    _ => ("darbs", "Preventīvā darba veids"),
                };
                cols.push(col(lid, llabel, "label"));
                labels = (0..n_rows)
                    .map(|i| match kind {
                        9 => format!("{} pagasts", PLACES[(self.idx + i * 7) % PLACES.len()]),
                        _ => format!("{} {}", cap(OBJECTS[(self.idx + i * 5) % OBJECTS.len()]), i + 1),
                    })
                    .collect();
                let y1 = if kind == 9 {
                    format!("{}", year - 1)
                } else {
                    "grupas".into()
                };
                let y2 = if kind == 9 {
                    format!("{year}")
                } else {
                    "dalibnieki".into()
                };
                cols.push(col(&format!("c-{}", ascii_slug(&y1)), &cap(&y1), "value"));
                cols.push(col(&format!("c-{}", ascii_slug(&y2)), &cap(&y2), "value"));
            }
            4 => {
                cols.push(col("iestade", "Izglītības iestāde", "label"));
                labels = self.schools.iter().take(n_rows).cloned().collect();
                let ks = [
                    ("psihologs", "Izglītības psihologs"),
                    ("soc-ped", "Sociālais pedagogs"),
                    ("logopeds", "Logopēds"),
                    ("spec-ped", "Speciālais pedagogs"),
                ];
                for (id, l) in ks {
                    let mut c = col(id, l, "value");
                    c.group = Some("Atbalsta speciālistu likmes".into());
                    cols.push(c);
                }
                let mut t = col("kopa", "Kopā likmes", "total");
                t.sum_of = ks.iter().map(|(id, _)| id.to_string()).collect();
                cols.push(t);
                decimals = true;
                vacancies = true;
            }
            5 => {
                cols.push(col("iestade", "Izglītības iestāde", "label"));
                labels = self.schools.iter().take(n_rows).cloned().collect();
                for k in 0..5 {
                    let y = year - 5 + k;
                    let mut c = col(&format!("y{y}"), &format!("{y}./{}.", y + 1), "value");
                    c.group = Some("Mācību gads".into());
                    cols.push(c);
                }
            }
            6 => {
                cols.push(col("iestade", "Izglītības iestāde", "label"));
                labels = self.schools.iter().take(n_rows).cloned().collect();
                cols.push(col("kopskaits", "Izglītojamo skaits", "value"));
                cols.push(col("riska", "Ar PMP riska pazīmēm", "value"));
                let mut pc = col("ipatsvars", "Īpatsvars, %", "percent");
                pc.percent_of = Some(("riska".into(), "kopskaits".into()));
                cols.push(pc);
            }
            _ => {
                // 8: wellbeing, percentages without totals, some not available.
                cols.push(col("raditajs", "Rādītājs", "label"));
                labels = (0..n_rows)
                    .map(|i| {
                        cap(&format!(
                            "{} ({})",
                            FINDINGS_TEXT[(self.idx + i) % FINDINGS_TEXT.len()],
                            i + 1
                        ))
                    })
                    .collect();
                cols.push(col("k4-6", "4.–6. klase", "value"));
                cols.push(col("k7-9", "7.–9. klase", "value"));
                cols.push(col("k10-12", "10.–12. klase", "value"));
                na = true;
            }
        }
        let n_rows = labels.len();
        if vacancies {
            wr(o, "  vacancies: counted".into());
        }
        wr(o, "  columns:".into());
        for c in &cols {
            let mut s = format!("    - {{id: {}, label: {}", c.id, q(&c.label));
            if let Some(g) = &c.group {
                let _ = write!(s, ", group: {}", q(g));
            }
            if c.role != "value" {
                let _ = write!(s, ", role: {}", c.role);
            }
            if !c.sum_of.is_empty() {
                let _ = write!(s, ", sum_of: [{}]", c.sum_of.join(", "));
            }
            if let Some((cn, b)) = &c.percent_of {
                let _ = write!(s, ", percent_of: {{count: {cn}, base: {b}}}");
            }
            s.push('}');
            wr(o, s);
        }
        wr(o, "  rows:".into());
        let ncols = cols.len();
        // Row values, numeric columns only (None for label/percent/computed).
        let groups = ["Pamatskolas", "Vidusskolas"];
        let mut data: Vec<Vec<f64>> = Vec::new();
        let mut marks: Vec<Vec<Option<&'static str>>> = Vec::new();
        let mut row_group: Vec<usize> = Vec::new();
        for ri in 0..n_rows {
            let mut vals = vec![0.0; ncols];
            let mut mk = vec![None; ncols];
            for (ci, c) in cols.iter().enumerate() {
                if c.role == "value" {
                    vals[ci] = if decimals {
                        self.r.range(0, 6) as f64 * 0.25
                    } else if kind == 8 {
                        self.r.range(30, 95) as f64
                    } else if kind == 11 && c.id == "kavejumi" {
                        self.r.range(50, 4000) as f64
                    } else if kind == 6 && c.id == "kopskaits" {
                        self.r.range(40, 600) as f64
                    } else if kind == 6 {
                        0.0
                    } else {
                        self.r.range(0, 90) as f64
                    };
                    if vacancies && vals[ci] > 0.0 && self.r.chance(0.08) {
                        mk[ci] = Some("vacancy");
                    }
                    if na && self.r.chance(0.06) {
                        mk[ci] = Some("not-available");
                    }
                }
            }
            if kind == 6 {
                let base = vals[1];
                vals[2] = self.r.range(0, (base as i64) / 5) as f64;
            }
            // Totals columns.
            for (ci, c) in cols.iter().enumerate() {
                if c.role == "total" {
                    vals[ci] = c
                        .sum_of
                        .iter()
                        .filter_map(|s| cols.iter().position(|x| &x.id == s))
                        .map(|k| vals[k])
                        .sum();
                }
                if c.role == "percent" {
                    vals[ci] = if vals[1] > 0.0 {
                        (vals[2] / vals[1] * 1000.0).round() / 10.0
                    } else {
                        0.0
                    };
                }
            }
            data.push(vals);
            marks.push(mk);
            row_group.push(if grouped {
                usize::from(labels[ri].contains("vidusskola"))
            } else {
                0
            });
        }
        let cell = |v: f64, ci: usize, mk: Option<&'static str>, cols: &[Col]| -> String {
            match mk {
                Some("vacancy") => format!(
                    "{{value: {}, mark: vacancy, text: {}}}",
                    num(v),
                    q(&format!("{}*", num(v).replace('.', ",")))
                ),
                Some(m) => format!("{{mark: {m}, text: \"n/d\"}}"),
                None if cols[ci].role == "percent" => format!("{v:.1}"),
                None => num(v),
            }
        };
        let write_row = |o: &mut String,
                         label: &str,
                         vals: &[f64],
                         mk: &[Option<&'static str>],
                         extra: &str,
                         comment: &str| {
            let mut cells = vec![q(label)];
            for ci in 1..ncols {
                cells.push(cell(vals[ci], ci, mk[ci], &cols));
            }
            let _ = writeln!(o, "{p}    - {{cells: [{}]{extra}}}{comment}", cells.join(", "));
        };
        let order: Vec<usize> = if grouped {
            let mut v: Vec<usize> = (0..n_rows).filter(|&i| row_group[i] == 0).collect();
            v.extend((0..n_rows).filter(|&i| row_group[i] == 1));
            v
        } else {
            (0..n_rows).collect()
        };
        let sums = |rows: &mut dyn Iterator<Item = usize>| -> Vec<f64> {
            let mut s = vec![0.0; ncols];
            for ri in rows {
                for ci in 1..ncols {
                    if marks[ri][ci] != Some("not-available") {
                        s[ci] += data[ri][ci];
                    }
                }
            }
            s
        };
        let no_marks = vec![None; ncols];
        let mut last_group = None;
        for (pos, &ri) in order.iter().enumerate() {
            let g = row_group[ri];
            let extra = if grouped {
                format!(", group: {}", groups[g])
            } else {
                String::new()
            };
            if grouped && last_group.is_some() && last_group != Some(g) {
                // subtotal of the previous group
                let pg = last_group.unwrap_or(0);
                let s = sums(&mut order[..pos].iter().copied().filter(|&i| row_group[i] == pg));
                write_row(
                    o,
                    &format!("{} kopā", groups[pg]),
                    &s,
                    &no_marks,
                    &format!(", role: subtotal, group: {}", groups[pg]),
                    "",
                );
            }
            last_group = Some(g);
            write_row(o, &labels[ri], &data[ri], &marks[ri], &extra, "");
        }
        if grouped && let Some(pg) = last_group {
            let s = sums(&mut order.iter().copied().filter(|&i| row_group[i] == pg));
            write_row(
                o,
                &format!("{} kopā", groups[pg]),
                &s,
                &no_marks,
                &format!(", role: subtotal, group: {}", groups[pg]),
                "",
            );
        }
        let totals = sums(&mut (0..n_rows));
        if kind != 8 && kind != 6 {
            let mut t = totals.clone();
            let mut comment = "";
            if broken {
                // The printed total of the first value column is off by a few.
                let c = cols.iter().position(|c| c.role == "value").unwrap_or(1);
                t[c] += if decimals { 0.5 } else { self.r.range(1, 9) as f64 };
                if allow_it {
                    comment = "  # pmp: allow total-mismatch -- šādi drukāts pieņemtajā dokumentā";
                }
            }
            write_row(o, total_label, &t, &no_marks, ", role: total", comment);
        }
        if kind == 3 || kind == 10 {
            let c = 2;
            let mut v = totals[c];
            if prose_wrong {
                v += self.r.range(2, 12) as f64;
            }
            wr(o, "  totals:".into());
            wr(o, format!("    - column: {}", cols[c].id));
            wr(o, format!("      value: {}", num(v)));
            wr(o, "      stated_in: prose".into());
            wr(
                o,
                format!("      quote: {}", q(&format!("kopā {} {}", num(v), unit))),
            );
        }
        if self.r.chance(0.25) {
            wr(o, "  notes:".into());
            wr(o, format!("    - {}", q(&paragraph(&mut self.r, 1))));
        }
    }

    // -- svid.yaml -----------------------------------------------------------------------

    fn svid(&mut self, unanswered: bool) -> String {
        let mut o = header("svid");
        let _ = writeln!(o, "number: \"1.11.\"");
        let _ = writeln!(o, "caption: {}", q("Situācijas analīze (SVID)"));
        for (qi, quad) in ["strengths", "weaknesses", "opportunities", "threats"]
            .iter()
            .enumerate()
        {
            let _ = writeln!(o, "{quad}:");
            let n = self.r.range(5, 7);
            for k in 0..n {
                let id = format!("{}{}", &quad[..1], k + 1);
                let text = format!("{} {}", cap(self.r.pick(FINDINGS_TEXT)), self.r.pick(COMPLEMENTS));
                let link = qi % 2 == 1 && !(unanswered && qi == 3 && k == 0);
                if link || self.r.chance(0.2) {
                    let a = self.r.below(self.goals.len());
                    let b = self.r.below(self.goals.len());
                    let gs: Vec<String> = if a == b {
                        vec![self.goals[a].id.clone()]
                    } else {
                        vec![self.goals[a.min(b)].id.clone(), self.goals[a.max(b)].id.clone()]
                    };
                    let _ = writeln!(
                        o,
                        "  - id: {id}\n    text: {}\n    goals: [{}]",
                        q(&text),
                        gs.join(", ")
                    );
                } else {
                    let _ = writeln!(o, "  - id: {id}\n    text: {}", q(&text));
                }
            }
        }
        o
    }

    // -- goals.yaml ----------------------------------------------------------------------

    fn goals_file(&mut self) -> String {
        let mut o = header("goals");
        let intro = paragraph(&mut self.r, 3);
        block(&mut o, 0, "intro", &intro);
        let _ = writeln!(o, "goals:");
        for gi in 0..self.goals.len() {
            let (id, lv, n, title) = {
                let g = &self.goals[gi];
                (g.id.clone(), g.level, g.number, g.title.clone())
            };
            let _ = writeln!(
                o,
                "  - id: {id}\n    level: {}\n    number: \"{n}.\"\n    title: {}",
                lv.key(),
                q(&title)
            );
            let _ = writeln!(o, "    results:");
            for _ in 0..self.r.range(1, 3) {
                let _ = writeln!(o, "      - {}", q(&sentence(&mut self.r)));
            }
        }
        o
    }

    // -- indicators.yaml -----------------------------------------------------------------

    fn indicators(&mut self, to_be_set: bool, trend: bool) -> String {
        let mut o = header("indicators");
        let intro = paragraph(&mut self.r, 2);
        block(&mut o, 0, "intro", &intro);
        let mid = self.from + 2;
        let _ = writeln!(o, "milestones: [{mid}, {}]", self.to);
        let _ = writeln!(o, "notes:");
        let _ = writeln!(o, "  - {}", q("IKMS – izglītojamo kavējumu monitoringa sistēma."));
        let _ = writeln!(o, "  - {}", q("VIIS – Valsts izglītības informācijas sistēma."));
        let _ = writeln!(o, "indicators:");
        let tbs = if to_be_set {
            self.r.below(self.inds.len())
        } else {
            usize::MAX
        };
        let tr = if trend {
            self.r.below(self.inds.len())
        } else {
            usize::MAX
        };
        for k in 0..self.inds.len() {
            let (id, gi) = (self.inds[k].id.clone(), self.inds[k].goal);
            let (gid, lv) = (self.goals[gi].id.clone(), self.goals[gi].level);
            let percent = self.r.chance(0.7);
            let title = if percent {
                format!(
                    "Izglītojamo īpatsvars, kuriem {}",
                    self.r
                        .pick(FINDINGS_TEXT)
                        .split(' ')
                        .take(6)
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            } else {
                format!("Skaits: {}", self.r.pick(OBJECTS))
            };
            let _ = writeln!(
                o,
                "  - id: {id}\n    number: \"{}.\"\n    title: {}",
                k + 1,
                q(&title)
            );
            let _ = writeln!(o, "    unit: {}", if percent { "percent" } else { "count" });
            let _ = writeln!(o, "    goals: [{gid}]\n    level: {}", lv.key());
            let breakdown = self.r.chance(0.3) && k != tbs;
            let keys: [(&str, &str); 2] = if self.r.chance(0.5) {
                [("kl-1-6", "1.–6. klase"), ("kl-7-9", "7.–9. klase")]
            } else {
                [("zeni", "Zēni"), ("meitenes", "Meitenes")]
            };
            // A baseline, and targets that each move it further one way (`target-against-
            // direction`): an indicator that should fall, or rise. The trend word the
            // deliberate `target-not-measurable` uses says "falls".
            let val = |r: &mut Rng| -> f64 {
                if percent {
                    r.range(200, 800) as f64 / 10.0
                } else {
                    r.range(50, 400) as f64
                }
            };
            let down = k == tr || self.r.chance(0.5);
            let step = |r: &mut Rng, v: f64| -> f64 {
                let d = if percent {
                    r.range(5, 40) as f64 / 10.0
                } else {
                    r.range(1, 20) as f64
                };
                // Rounded as printed: one decimal for a percentage.
                let next = if down { v - d } else { v + d };
                (next * 10.0).round() / 10.0
            };
            let mut bases: Vec<f64> = keys.iter().map(|_| val(&mut self.r)).collect();
            let mut single = val(&mut self.r);
            if breakdown {
                let _ = writeln!(o, "    breakdowns:");
                for (key, label) in keys {
                    let _ = writeln!(o, "      - {{key: {key}, label: {}}}", q(label));
                }
            }
            let _ = writeln!(o, "    baseline:");
            if k == tbs {
                let _ = writeln!(o, "      to_be_set: {}", self.from);
                let _ = writeln!(o, "      text: {}", q(&format!("Tiks noteikts {}", self.from)));
            } else if breakdown {
                let _ = writeln!(o, "      year: {}", self.from - 1);
                let _ = writeln!(o, "      values:");
                for ((key, _), v) in keys.iter().zip(&bases) {
                    let _ = writeln!(o, "        - {{key: {key}, value: {}}}", num(*v));
                }
            } else {
                let v = single;
                let _ = writeln!(o, "      value: {}\n      year: {}", num(v), self.from - 1);
                if self.r.chance(0.3) {
                    let _ = writeln!(
                        o,
                        "      text: {}",
                        q(&format!(
                            "{} ({}./{}.m.g.)",
                            num(v).replace('.', ","),
                            self.from - 2,
                            self.from - 1
                        ))
                    );
                }
            }
            let _ = writeln!(o, "    targets:");
            for y in [mid, self.to] {
                if k == tr && y == self.to {
                    let _ = writeln!(o, "      - {{year: {y}, trend: \"samazinās\"}}");
                } else if breakdown {
                    let mut vs: Vec<String> = Vec::new();
                    for ((key, _), v) in keys.iter().zip(bases.iter_mut()) {
                        *v = step(&mut self.r, *v);
                        vs.push(format!("{{key: {key}, value: {}}}", num(*v)));
                    }
                    let _ = writeln!(o, "      - year: {y}\n        values: [{}]", vs.join(", "));
                } else {
                    single = step(&mut self.r, single);
                    let _ = writeln!(o, "      - {{year: {y}, value: {}}}", num(single));
                }
            }
            let _ = writeln!(o, "    source: {}", q(self.r.pick(SOURCES)));
        }
        o
    }

    // -- plan.yaml -----------------------------------------------------------------------

    fn plan(&mut self, no_funding: bool, bad_inst: bool, with_tasks: bool, with_resources: bool) -> String {
        let mut o = header("plan");
        let intro = paragraph(&mut self.r, 2);
        block(&mut o, 0, "intro", &intro);
        let _ = writeln!(o, "notes:");
        let _ = writeln!(
            o,
            "  - {}",
            q(
                "Šeit un citviet “skolas” ietver izglītības iestādes, kurās tiek īstenota vispārizglītojošā pamatskolas programma."
            )
        );
        let _ = writeln!(o, "activities:");
        let years = self.years();
        let mut per_goal: Vec<usize> = vec![4; self.goals.len()];
        let total: usize = self.r.range(30, 34) as usize;
        while per_goal.iter().sum::<usize>() < total {
            let g = self.r.below(per_goal.len());
            per_goal[g] += 1;
        }
        let n_total: usize = per_goal.iter().sum();
        let nf = if no_funding {
            self.r.below(n_total)
        } else {
            usize::MAX
        };
        let bi = if bad_inst {
            self.r.below(n_total)
        } else {
            usize::MAX
        };
        let mut seq = 0;
        for gi in 0..self.goals.len() {
            let gn = self.goals[gi].number;
            let gid = self.goals[gi].id.clone();
            let g_inds: Vec<String> = self
                .inds
                .iter()
                .filter(|i| i.goal == gi)
                .map(|i| i.id.clone())
                .collect();
            for an in 1..=per_goal[gi] {
                let id = format!("a-{gn}-{an}");
                let title = format!("{}: {}", self.r.pick(ACTIVITY_HEADS), self.r.pick(OBJECTS));
                let _ = writeln!(
                    o,
                    "  - id: {id}\n    number: \"{gn}.{an}.\"\n    goal: {gid}\n    title: {}",
                    q(&title)
                );
                let _ = writeln!(o, "    results:");
                for _ in 0..if self.r.chance(0.3) { 2 } else { 1 } {
                    let _ = writeln!(o, "      - {}", q(&short_phrase(&mut self.r)));
                }
                let mut resp = self.inst_refs(1, 2);
                if seq == bi {
                    // A misspelt institution: no diacritics.
                    resp[0] = "Socialais dienests".into();
                }
                let inv = self.inst_refs(1, 2);
                let _ = writeln!(o, "    responsible: {}", list(&resp));
                let _ = writeln!(o, "    involved: {}", list(&inv));
                let start = self.r.below(2).min(years.len() - 1);
                let ys: Vec<String> = years[start..].iter().map(|y| y.to_string()).collect();
                let _ = writeln!(o, "    years: [{}]", ys.join(", "));
                if seq != nf {
                    let nfund = self.r.range(1, 3) as usize;
                    let fs = self.r.subset(FUNDING.len(), nfund);
                    let fl: Vec<String> = fs.iter().map(|&i| FUNDING[i].to_string()).collect();
                    let _ = writeln!(o, "    funding: {}", list(&fl));
                }
                let mut ind = vec![g_inds[self.r.below(g_inds.len())].clone()];
                if self.r.chance(0.3) {
                    let other = g_inds[self.r.below(g_inds.len())].clone();
                    if !ind.contains(&other) {
                        ind.push(other);
                    }
                }
                let _ = writeln!(o, "    indicators: [{}]", ind.join(", "));
                let n_tasks = if !with_tasks {
                    0
                } else if self.r.chance(0.15) {
                    2
                } else {
                    1
                };
                if n_tasks > 0 {
                    let _ = writeln!(o, "    tasks:");
                }
                for t in 1..=n_tasks {
                    let ex = self.inst_refs(1, 2);
                    let sup = self.inst_refs(1, 1);
                    let sy = years[start];
                    let ey = self.r.range(sy as i64, self.to as i64) as i32;
                    let sm = self.r.range(1, 9);
                    let em = if ey == sy {
                        self.r.range(sm, 12)
                    } else {
                        self.r.range(1, 12)
                    };
                    let _ = writeln!(
                        o,
                        "      - id: {id}-t{t}\n        number: \"{gn}.{an}.{t}.\"\n        title: {}",
                        q(&short_phrase(&mut self.r))
                    );
                    let _ = writeln!(
                        o,
                        "        executor: {}\n        supervisor: {}",
                        list(&ex),
                        list(&sup)
                    );
                    let _ = writeln!(
                        o,
                        "        start: \"{sy}-{sm:02}\"\n        end: \"{ey}-{em:02}\""
                    );
                }
                if with_resources {
                    let _ = writeln!(o, "    resources:");
                    // The body the plan's table names first: the two tables agree, as they
                    // mostly do in a real programme (`responsible-differs`).
                    let _ = writeln!(o, "      responsible: {}", list(&resp[..1]));
                    let _ = writeln!(
                        o,
                        "      human: {}",
                        list(&[format!(
                            "{}, {} likmes",
                            self.r.pick(SUBJECTS),
                            num(self.r.range(1, 8) as f64 * 0.25)
                        )])
                    );
                    let _ = writeln!(o, "      support: {}", list(&[cap(self.r.pick(COMPLEMENTS))]));
                    let _ = writeln!(
                        o,
                        "      financial: {}",
                        list(&[format!("{} EUR gadā", self.r.range(5, 300) * 100)])
                    );
                }
                if self.r.chance(0.1) {
                    let _ = writeln!(o, "    notes:\n      - {}", q(&sentence(&mut self.r)));
                }
                seq += 1;
            }
        }
        o
    }

    // -- monitoring.yaml -----------------------------------------------------------------

    fn monitoring(&mut self) -> String {
        let mut o = header("monitoring");
        let intro = paragraph(&mut self.r, 2);
        block(&mut o, 0, "intro", &intro);
        let _ = writeln!(o, "period:\n  from: {}\n  to: {}", self.from, self.to);
        let _ = writeln!(o, "events:");
        let (from, to) = (self.from, self.to);
        let mid = from + 2;
        let events: Vec<(&str, &str, String, &str, Option<&str>)> = vec![
            (
                "m-order",
                "Izpilddirektora rīkojums par atbildības noteikšanu programmas ieviešanas koordinēšanā",
                format!("{{every: once, year: {from}, month: 1, text: \"{from}. gada janvāris\"}}"),
                "Izpilddirektors",
                Some("order"),
            ),
            (
                "m-data",
                "Datu un informācijas iegūšana",
                "{every: yearly, month: 8, text: \"Reizi gadā augustā\"}".into(),
                "IP",
                Some("information"),
            ),
            (
                "m-report",
                "Datu un informācijas apkopošana, ikgadējais pārskats",
                "{every: yearly, month: 9, text: \"Reizi gadā septembrī\"}".into(),
                "Izglītības pārvalde",
                Some("annual-report"),
            ),
            (
                "m-review",
                "Sasniegto starprezultātu izvērtēšana un aktivitāšu noteikšana nākamajam gadam",
                "{every: yearly, month: 10, text: \"Reizi gadā oktobrī\"}".into(),
                "SSV",
                None,
            ),
            (
                "m-update",
                "Ieviešanas plāna aktualizēšana",
                format!("{{every: once, year: {mid}, month: 10}}"),
                "SSV",
                Some("plan-update"),
            ),
            (
                "m-public",
                "Informācijas apkopošana pašvaldības gada publiskajam pārskatam",
                "{every: yearly, month: 3}".into(),
                "IP",
                Some("information"),
            ),
            (
                "m-final",
                "Pārskata par PMP novēršanu sagatavošana un iesniegšana pašvaldībai",
                format!("{{every: once, year: {to}, month: 6}}"),
                "IP",
                Some("final-report"),
            ),
            (
                "m-meetings",
                "Starpinstitucionālās sadarbības vienības sanāksmes",
                "{every: twice-yearly, months: [3, 10]}".into(),
                "SSV",
                None,
            ),
            (
                "m-adhoc",
                "Ārkārtas sanāksmes sarežģītos gadījumos",
                "{every: as-needed}".into(),
                "SSV",
                Some("other"),
            ),
        ];
        for (i, (id, title, timing, resp, output)) in events.into_iter().enumerate() {
            let resp = if self
                .insts
                .iter()
                .any(|x| x.short.contains(&resp) || x.id == resp.to_lowercase())
            {
                resp.to_string()
            } else {
                "IP".to_string()
            };
            let _ = writeln!(
                o,
                "  - id: {id}\n    number: \"{}.\"\n    title: {}\n    timing: {timing}",
                i + 1,
                q(title)
            );
            let _ = writeln!(o, "    responsible: [{}]", q(&resp));
            let pr = paragraph(&mut self.r, 1);
            block(&mut o, 4, "procedure", &pr);
            if let Some(out) = output {
                let _ = writeln!(o, "    output: {out}");
            }
            // Completions recorded for the past occurrences (before 2026): the year of a
            // yearly event, YYYY-MM of a twice-yearly one.
            let done: Vec<(String, String)> = if timing.starts_with("{every: yearly") {
                (from..2026.min(to + 1))
                    .map(|y| (y.to_string(), self.date_in(y)))
                    .collect()
            } else if timing.starts_with("{every: twice-yearly") {
                (from..2026.min(to + 1))
                    .flat_map(|y| {
                        [3, 10].map(|m| (format!("{y}-{m:02}"), format!("{y}-{m:02}-{:02}", 10 + (y % 15))))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            if !done.is_empty() {
                let _ = writeln!(o, "    done:");
                for (occ, d) in done {
                    let _ = writeln!(
                        o,
                        "      - {{occurrence: \"{occ}\", date: {d}, note: {}}}",
                        q("Izpildīts")
                    );
                }
            }
        }
        let _ = writeln!(o, "report_template:");
        for c in [
            "Nr.",
            "Prevencijas aktivitāte",
            "Sasniegtais rezultāts",
            "Rezultatīvais rādītājs",
            "Izlietotais finansējums, EUR",
            "Piezīmes",
        ] {
            let _ = writeln!(o, "  - {}", q(c));
        }
        o
    }

    /// All eight files of the programme, in `Part` order.
    fn files(&mut self) -> Vec<(&'static str, String)> {
        // Deliberate findings, a few per programme.
        let broken_total = self.r.chance(0.5);
        let allow_it = self.r.chance(0.3);
        let broken_prose = self.r.chance(0.2);
        let no_funding = self.r.chance(0.4);
        let bad_inst = self.r.chance(0.25);
        let to_be_set = self.r.chance(0.6);
        let trend = self.r.chance(0.3);
        let unanswered = self.r.chance(0.2);
        let with_tasks = self.r.chance(0.35);
        let with_resources = !with_tasks && self.r.chance(0.55);
        vec![
            ("programme.yaml", self.manifest()),
            ("institutions.yaml", self.institutions()),
            (
                "situation.yaml",
                self.situation(broken_total, allow_it, broken_prose),
            ),
            ("svid.yaml", self.svid(unanswered)),
            ("goals.yaml", self.goals_file()),
            ("indicators.yaml", self.indicators(to_be_set, trend)),
            (
                "plan.yaml",
                self.plan(no_funding, bad_inst, with_tasks, with_resources),
            ),
            ("monitoring.yaml", self.monitoring()),
        ]
    }
}

fn generate(dir: &Path, count: usize, seed: u64) -> Result<(), String> {
    if count == 0 {
        return Err("--count must be at least 1".into());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let started = Instant::now();
    let mut total = 0usize;
    let mut min = usize::MAX;
    let mut max = 0usize;
    for i in 1..=count {
        let mut g = Gen::new(seed, i);
        let pdir = dir.join(format!("p{i:04}"));
        std::fs::create_dir_all(&pdir).map_err(|e| format!("{}: {e}", pdir.display()))?;
        let mut size = 0;
        for (name, text) in g.files() {
            size += text.len();
            let path = pdir.join(name);
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        total += size;
        min = min.min(size);
        max = max.max(size);
    }
    println!(
        "wrote {count} programmes under {} (seed {seed}) in {:.2?}",
        dir.display(),
        started.elapsed()
    );
    println!(
        "size per programme: mean {:.1} KB, min {:.1} KB, max {:.1} KB; total {:.1} MB in {} files",
        total as f64 / count as f64 / 1024.0,
        min as f64 / 1024.0,
        max as f64 / 1024.0,
        total as f64 / 1024.0 / 1024.0,
        count * 8
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The in-process benchmark.

/// Timings of one run of the pipeline.
#[derive(Clone, Copy, Default)]
struct Sample {
    total: Duration,
    discover: Duration,
    /// `check::pipeline::run` (wall): reading, parsing, checking, finishing, in parallel.
    run: Duration,
    /// Its phases, CPU summed over the workers (and the merge's wall time).
    timings: Timings,
    render: Duration,
    drop: Duration,
    programmes: usize,
    files: usize,
    diagnostics: usize,
    json_bytes: usize,
    /// A hash of the JSON output, to compare two loaders' results.
    json_hash: u64,
}

/// `PMP_TODAY` or the system date, as `pmp check` takes it.
fn today() -> Result<chrono::NaiveDate, String> {
    match std::env::var("PMP_TODAY") {
        Ok(s) => {
            chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| format!("PMP_TODAY=`{s}`: {e}"))
        }
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}

/// What `pmp check PATHS --format json` does, minus printing, timed by phase.
fn pipeline(paths: &[PathBuf], today: chrono::NaiveDate, config: &Config) -> Result<Sample, String> {
    let t0 = Instant::now();
    let dirs = load::discover(paths).map_err(|e| e.to_string())?;
    if dirs.is_empty() {
        return Err("no programme found".into());
    }
    let t1 = Instant::now();
    let checked = check::pipeline::run(&dirs, today, config);
    let t2 = Instant::now();
    let report = Report {
        sources: &checked.sources,
        programmes: checked.programmes,
        files: checked.files,
        diagnostics: &checked.diagnostics,
    };
    let out = diag::render(&report, Format::Json, false);
    let t3 = Instant::now();
    let sample = Sample {
        programmes: checked.programmes,
        files: checked.files,
        diagnostics: checked.diagnostics.len(),
        json_bytes: std::hint::black_box(out.len()),
        json_hash: {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            out.hash(&mut h);
            h.finish()
        },
        timings: checked.timings,
        ..Sample::default()
    };
    drop(out);
    drop(checked);
    let t4 = Instant::now();
    Ok(Sample {
        total: t4 - t0,
        discover: t1 - t0,
        run: t2 - t1,
        render: t3 - t2,
        drop: t4 - t3,
        ..sample
    })
}

fn stats(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    };
    (median, v[0], v[n - 1])
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn run(dir: &Path, iterations: usize, one: bool) -> Result<(), String> {
    let config = Config::default();
    let today = today()?;
    let paths = run_paths(dir, one)?;
    // One warm-up run (page cache, allocator), not counted.
    let warm = pipeline(&paths, today, &config)?;
    let mut samples = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        samples.push(pipeline(&paths, today, &config)?);
    }
    let threads = std::thread::available_parallelism().map(usize::from).unwrap_or(1);
    println!(
        "pmp-bench run {}{}: {} programmes, {} files, {} diagnostics, {} bytes of JSON; {} iterations after 1 warm-up; {} worker threads; today {}",
        dir.display(),
        if one { " --one" } else { "" },
        warm.programmes,
        warm.files,
        warm.diagnostics,
        warm.json_bytes,
        iterations,
        threads.min(warm.programmes),
        today
    );
    let row = |name: &str, f: &dyn Fn(&Sample) -> Duration| {
        let (med, min, max) = stats(samples.iter().map(f).collect());
        println!(
            "  {name:<28} median {:>12}   min {:>12}   max {:>12}",
            ms(med),
            ms(min),
            ms(max)
        );
    };
    row("total (wall)", &|s| s.total);
    row("  discover", &|s| s.discover);
    row("  check::pipeline::run", &|s| s.run);
    row("    parallel phase (wall)", &|s| s.timings.parallel);
    row("      load, CPU summed", &|s| s.timings.load_cpu);
    row("      rules, CPU summed", &|s| s.timings.rules_cpu);
    row("      placeholders, CPU summed", &|s| s.timings.placeholders_cpu);
    row("      finish, CPU summed", &|s| s.timings.finish_cpu);
    row("      drop model, CPU summed", &|s| s.timings.drop_cpu);
    row("    merge + sort (wall)", &|s| s.timings.merge);
    row("  render json", &|s| s.render);
    row("  drop", &|s| s.drop);
    let (med, _, _) = stats(samples.iter().map(|s| s.total).collect());
    if warm.programmes > 0 {
        println!(
            "  per programme: {:.3} ms wall",
            med.as_secs_f64() * 1000.0 / warm.programmes as f64
        );
    }
    Ok(())
}

/// The programme paths `run` checks: DIR, or its first programme with `--one`.
fn run_paths(dir: &Path, one: bool) -> Result<Vec<PathBuf>, String> {
    Ok(if one {
        let dirs = load::discover(&[dir.to_path_buf()]).map_err(|e| e.to_string())?;
        vec![dirs.into_iter().next().ok_or("no programme found")?]
    } else {
        vec![dir.to_path_buf()]
    })
}

/// `run --compare`: the pipeline with the old loader (serde-saphyr for every file) and the new
/// one (`load::fast` first), `iterations` rounds of each, alternating which goes first.
fn run_compare(dir: &Path, iterations: usize, one: bool) -> Result<(), String> {
    let config = Config::default();
    let today = today()?;
    let paths = run_paths(dir, one)?;
    let mut old = Vec::with_capacity(iterations);
    let mut new = Vec::with_capacity(iterations);
    for fast in [false, true] {
        load::fast::set_enabled(fast);
        pipeline(&paths, today, &config)?; // warm-up of each
    }
    for round in 0..iterations {
        for fast in if round % 2 == 0 {
            [false, true]
        } else {
            [true, false]
        } {
            load::fast::set_enabled(fast);
            let s = pipeline(&paths, today, &config)?;
            if fast { new.push(s) } else { old.push(s) }
        }
    }
    load::fast::set_enabled(true);
    let same = old.iter().chain(&new).all(|s| s.json_hash == old[0].json_hash);
    println!(
        "pmp-bench run --compare {}{}: {} programmes, {} files, {} diagnostics; {} rounds of each loader, alternating; JSON identical: {}",
        dir.display(),
        if one { " --one" } else { "" },
        old[0].programmes,
        old[0].files,
        old[0].diagnostics,
        iterations,
        if same { "yes" } else { "NO" }
    );
    println!("  {:<26} {:>12} {:>12} {:>9}", "median", "old", "new", "new/old");
    let row = |name: &str, f: &dyn Fn(&Sample) -> Duration| {
        let (a, _, _) = stats(old.iter().map(f).collect());
        let (b, _, _) = stats(new.iter().map(f).collect());
        println!(
            "  {name:<26} {:>12} {:>12} {:>9.3}",
            ms(a),
            ms(b),
            b.as_secs_f64() / a.as_secs_f64().max(1e-12)
        );
    };
    row("total (wall)", &|s| s.total);
    row("parallel phase (wall)", &|s| s.timings.parallel);
    row("load, CPU summed", &|s| s.timings.load_cpu);
    row("rules, CPU summed", &|s| s.timings.rules_cpu);
    if same {
        Ok(())
    } else {
        Err("the two loaders gave different JSON".into())
    }
}

/// `loaders`: both loaders on the same texts, one thread, alternating rounds.
fn loaders(dir: &Path, rounds: usize) -> Result<(), String> {
    use pmp::diag::Sink;
    use pmp::load::yaml;
    use pmp::model::*;
    let dirs = load::discover(&[dir.to_path_buf()]).map_err(|e| e.to_string())?;
    let mut texts = Vec::new();
    for d in &dirs {
        for part in Part::ALL {
            if let Ok(text) = std::fs::read_to_string(d.join(part.file_name())) {
                texts.push((part, text));
            }
        }
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let parse_all = || {
        let mut ok = 0usize;
        for (part, text) in &texts {
            let mut sink = Sink::default();
            let part = *part;
            ok += usize::from(match part {
                Part::Manifest => yaml::parse::<Manifest>(0, part, text, &mut sink).is_some(),
                Part::Institutions => yaml::parse::<InstitutionsFile>(0, part, text, &mut sink).is_some(),
                Part::Situation => yaml::parse::<SituationFile>(0, part, text, &mut sink).is_some(),
                Part::Svid => yaml::parse::<SvidFile>(0, part, text, &mut sink).is_some(),
                Part::Goals => yaml::parse::<GoalsFile>(0, part, text, &mut sink).is_some(),
                Part::Indicators => yaml::parse::<IndicatorsFile>(0, part, text, &mut sink).is_some(),
                Part::Plan => yaml::parse::<PlanFile>(0, part, text, &mut sink).is_some(),
                Part::Monitoring => yaml::parse::<MonitoringFile>(0, part, text, &mut sink).is_some(),
                Part::Results => yaml::parse::<ResultsFile>(0, part, text, &mut sink).is_some(),
            });
        }
        ok
    };
    let mut time = [Vec::new(), Vec::new()];
    let mut ok = [0, 0];
    for round in 0..rounds {
        for fast in if round % 2 == 0 {
            [false, true]
        } else {
            [true, false]
        } {
            load::fast::set_enabled(fast);
            let t = Instant::now();
            ok[usize::from(fast)] = parse_all();
            time[usize::from(fast)].push(t.elapsed());
        }
    }
    load::fast::set_enabled(true);
    let declined = texts
        .iter()
        .filter(|(part, text)| {
            with_source(0, text, || match part {
                Part::Manifest => load::fast::parse::<Manifest>(text).is_err(),
                Part::Institutions => load::fast::parse::<InstitutionsFile>(text).is_err(),
                Part::Situation => load::fast::parse::<SituationFile>(text).is_err(),
                Part::Svid => load::fast::parse::<SvidFile>(text).is_err(),
                Part::Goals => load::fast::parse::<GoalsFile>(text).is_err(),
                Part::Indicators => load::fast::parse::<IndicatorsFile>(text).is_err(),
                Part::Plan => load::fast::parse::<PlanFile>(text).is_err(),
                Part::Monitoring => load::fast::parse::<MonitoringFile>(text).is_err(),
                Part::Results => load::fast::parse::<ResultsFile>(text).is_err(),
            })
        })
        .count();
    println!(
        "pmp-bench loaders {}: {} files, {:.1} MB; {} rounds of each, alternating, one thread",
        dir.display(),
        texts.len(),
        bytes as f64 / 1e6,
        rounds
    );
    for (k, name) in ["old (serde-saphyr)", "new (fast path first)"]
        .into_iter()
        .enumerate()
    {
        let (med, min, max) = stats(time[k].clone());
        println!(
            "  {name:<22} median {:>12} ({:>5.1} MB/s)   min {:>12}   max {:>12}   {} files loaded",
            ms(med),
            bytes as f64 / med.as_secs_f64().max(1e-12) / 1e6,
            ms(min),
            ms(max),
            ok[k]
        );
    }
    let (a, _, _) = stats(time[0].clone());
    let (b, _, _) = stats(time[1].clone());
    println!(
        "  new/old {:.3}; the fast path gave back {declined} of {} files",
        b.as_secs_f64() / a.as_secs_f64().max(1e-12),
        texts.len()
    );
    Ok(())
}

/// Single-threaded time of `load::yaml::parse` per part (the deserialization `load_and` does for
/// each file), of the placeholder scan and of the rules, summed over the programmes.
fn parts_breakdown(dir: &Path, one: bool) -> Result<(), String> {
    use pmp::diag::Sink;
    use pmp::load::yaml;
    use pmp::model::*;
    let mut dirs = load::discover(&[dir.to_path_buf()]).map_err(|e| e.to_string())?;
    if one {
        dirs.truncate(1);
    }
    let today = today()?;
    let mut time = [Duration::ZERO; 8];
    let mut bytes = [0usize; 8];
    let mut rules = Duration::ZERO;
    let mut placeholders = Duration::ZERO;
    let mut load_only = Duration::ZERO;
    for d in &dirs {
        let mut sink = Sink::default();
        for (k, part) in Part::ALL.into_iter().enumerate() {
            let Ok(text) = std::fs::read_to_string(d.join(part.file_name())) else {
                continue;
            };
            bytes[k] += text.len();
            let t = Instant::now();
            let ok = match part {
                Part::Manifest => yaml::parse::<Manifest>(0, part, &text, &mut sink).is_some(),
                Part::Institutions => yaml::parse::<InstitutionsFile>(0, part, &text, &mut sink).is_some(),
                Part::Situation => yaml::parse::<SituationFile>(0, part, &text, &mut sink).is_some(),
                Part::Svid => yaml::parse::<SvidFile>(0, part, &text, &mut sink).is_some(),
                Part::Goals => yaml::parse::<GoalsFile>(0, part, &text, &mut sink).is_some(),
                Part::Indicators => yaml::parse::<IndicatorsFile>(0, part, &text, &mut sink).is_some(),
                Part::Plan => yaml::parse::<PlanFile>(0, part, &text, &mut sink).is_some(),
                Part::Monitoring => yaml::parse::<MonitoringFile>(0, part, &text, &mut sink).is_some(),
                // Not in `Part::ALL`: results files live in `results/`.
                Part::Results => false,
            };
            time[k] += t.elapsed();
            std::hint::black_box(ok);
        }
        // The whole load of this programme, then the rules on it, one thread.
        let t = Instant::now();
        let loaded = load::load(std::slice::from_ref(d));
        load_only += t.elapsed();
        for p in &loaded.programmes {
            let mut sink = Sink::default();
            let t = Instant::now();
            check::programme(p, today, &check::Facts::gather(p), &mut sink);
            rules += t.elapsed();
            let t = Instant::now();
            check::placeholders(p, &loaded.sources, &mut sink);
            placeholders += t.elapsed();
        }
    }
    let n = dirs.len().max(1) as f64;
    let parse_total: Duration = time.iter().sum();
    let all = load_only + rules + placeholders;
    println!(
        "single-threaded CPU over {} programmes (per programme; share of load + rules + placeholders):",
        dirs.len()
    );
    let line = |name: &str, d: Duration, b: Option<usize>| {
        let per = d.as_secs_f64() * 1000.0 / n;
        let share = 100.0 * d.as_secs_f64() / all.as_secs_f64().max(1e-12);
        match b {
            Some(b) => println!(
                "  {name:<26} {per:>8.3} ms  {share:>5.1}%   {:>6.1} KB  {:>6.1} MB/s",
                b as f64 / n / 1024.0,
                b as f64 / d.as_secs_f64().max(1e-12) / 1e6
            ),
            None => println!("  {name:<26} {per:>8.3} ms  {share:>5.1}%"),
        }
    };
    line("load (all parts)", load_only, Some(bytes.iter().sum()));
    for (k, part) in Part::ALL.into_iter().enumerate() {
        line(&format!("  parse {}", part.file_name()), time[k], Some(bytes[k]));
    }
    line(
        "  other (read, checks)",
        load_only.saturating_sub(parse_total),
        None,
    );
    line("rules (check::programme)", rules, None);
    line("check::placeholders", placeholders, None);

    // The same situation.yaml and plan.yaml texts parsed other ways, to tell the parser's own
    // cost from the typed model's (spans on every value, the untagged table cell).
    let mut alt = [Duration::ZERO; 4];
    for d in &dirs {
        for (k, name) in ["situation.yaml", "plan.yaml"].into_iter().enumerate() {
            let Ok(text) = std::fs::read_to_string(d.join(name)) else {
                continue;
            };
            let t = Instant::now();
            let r = if k == 0 {
                serde_saphyr::from_str_with_options::<SituationFile>(&text, serde_saphyr::Options::default())
                    .is_ok()
            } else {
                serde_saphyr::from_str_with_options::<PlanFile>(&text, serde_saphyr::Options::default())
                    .is_ok()
            };
            alt[k * 2] += t.elapsed();
            let t = Instant::now();
            let r2 = serde_saphyr::from_str_with_options::<Sp<yaml::Node>>(&text, yaml::options()).is_ok();
            alt[k * 2 + 1] += t.elapsed();
            std::hint::black_box((r, r2));
        }
    }
    println!("the same texts parsed other ways (per programme):");
    line("  situation, typed, default Options", alt[0], Some(bytes[2]));
    line("  situation, untyped Sp<Node> tree", alt[1], Some(bytes[2]));
    line("  plan, typed, default Options", alt[2], Some(bytes[6]));
    line("  plan, untyped Sp<Node> tree", alt[3], Some(bytes[6]));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The language server: a re-check on a change.

/// The q-quantile (0..=1) of sorted durations, nearest rank.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let n = sorted.len();
    let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
    sorted[rank - 1]
}

/// The buffers a change alternates between: situation.yaml as on disk, and with its first
/// number after `cells: [` changed by one (a total that no longer adds up, or a part).
fn two_texts(dir: &Path) -> Result<(PathBuf, String, String), String> {
    let path =
        std::fs::canonicalize(dir.join("situation.yaml")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let at = text.find("cells: [").ok_or("no `cells: [` in situation.yaml")?;
    let row_end = at + text[at..].find(']').ok_or("unclosed row")?;
    let row = &text[at..row_end];
    let (i, digits) = row
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| {
            let d = row[i..].bytes().take_while(u8::is_ascii_digit).count();
            (i, d)
        })
        .find(|(i, _)| !row.as_bytes()[i - 1].is_ascii_digit() && row.as_bytes()[i - 1] != b'.')
        .ok_or("no figure in the first row")?;
    let n: u64 = row[i..i + digits].parse().map_err(|_| "not a figure")?;
    let mut edited = text.clone();
    edited.replace_range(at + i..at + i + digits, &(n + 1).to_string());
    Ok((path, text, edited))
}

fn lsp(dir: &Path, changes: usize, server: Option<&Path>) -> Result<(), String> {
    let dir = std::fs::canonicalize(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (path, text, edited) = two_texts(&dir)?;
    let today = today()?;
    // In process: every part open in the editor, as when a user has them all in tabs.
    let mut s = pmp::lsp::Server::new(today, pmp::i18n::Lang::Lv);
    for e in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
        let p = e.map_err(|e| e.to_string())?.path();
        if p.extension().is_some_and(|x| x == "yaml") {
            let t = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
            s.set_text(p, &t);
        }
    }
    s.check(&dir);
    let mut times = Vec::with_capacity(changes);
    let mut published = 0usize;
    for i in 0..changes {
        let t = if i % 2 == 0 { &edited } else { &text };
        let start = Instant::now();
        s.set_text(path.clone(), t);
        s.check(&dir);
        let params = s.diagnostics_of(&dir);
        published += params.iter().map(|p| p.diagnostics.len()).sum::<usize>();
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "in process, {changes} changes of {}: median {}, p99 {}, max {} ({} diagnostics published)",
        path.display(),
        ms(quantile(&times, 0.5)),
        ms(quantile(&times, 0.99)),
        ms(times[times.len() - 1]),
        published
    );
    if let Some(pmp) = server {
        let times = over_stdio(pmp, &dir, &path, &text, &edited, changes)?;
        println!(
            "over stdio ({}), {changes} changes: median {}, p99 {}, max {}",
            pmp.display(),
            ms(quantile(&times, 0.5)),
            ms(quantile(&times, 0.99)),
            ms(times[times.len() - 1])
        );
    }
    Ok(())
}

/// Times `didChange` → the changed file's `publishDiagnostics` through the real server.
fn over_stdio(
    pmp: &Path,
    dir: &Path,
    path: &Path,
    text: &str,
    edited: &str,
    changes: usize,
) -> Result<Vec<Duration>, String> {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = std::process::Command::new(pmp)
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", pmp.display()))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let mut stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let mut send = |v: String| -> Result<(), String> {
        write!(stdin, "Content-Length: {}\r\n\r\n{v}", v.len()).map_err(|e| e.to_string())?;
        stdin.flush().map_err(|e| e.to_string())
    };
    let mut read = || -> Result<String, String> {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).map_err(|e| e.to_string())?;
            if line.is_empty() {
                return Err("the server closed its output".into());
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                len = n.parse().map_err(|_| "bad length")?;
            }
        }
        let mut body = vec![0u8; len];
        stdout.read_exact(&mut body).map_err(|e| e.to_string())?;
        String::from_utf8(body).map_err(|e| e.to_string())
    };
    let json = |s: &str| -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    };
    let uri = |p: &Path| format!("file://{}", p.display());
    send(format!(
        r#"{{"jsonrpc":"2.0","id":1,"method":"initialize","params":{{"capabilities":{{}},"rootUri":{}}}}}"#,
        json(&uri(dir))
    ))?;
    while !read()?.contains("\"id\":1") {}
    send(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.to_string())?;
    let me = json(&uri(path));
    send(format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":{me},"languageId":"yaml","version":1,"text":{}}}}}}}"#,
        json(text)
    ))?;
    let wait = |read: &mut dyn FnMut() -> Result<String, String>| -> Result<(), String> {
        loop {
            let m = read()?;
            if m.contains("publishDiagnostics") && m.contains(&me[1..me.len() - 1]) {
                return Ok(());
            }
        }
    };
    wait(&mut read)?;
    let mut times = Vec::with_capacity(changes);
    for i in 0..changes {
        let t = if i % 2 == 0 { edited } else { text };
        let msg = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":{me},"version":{}}},"contentChanges":[{{"text":{}}}]}}}}"#,
            i + 2,
            json(t)
        );
        let start = Instant::now();
        send(msg)?;
        wait(&mut read)?;
        times.push(start.elapsed());
    }
    send(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#.to_string())?;
    while !read()?.contains("\"id\":2") {}
    send(r#"{"jsonrpc":"2.0","method":"exit"}"#.to_string())?;
    let _ = child.wait();
    times.sort();
    Ok(times)
}
