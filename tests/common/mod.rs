//! Helpers shared by the integration tests: fixtures and a small .docx text reader.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]
#![allow(dead_code)]

#[cfg(unix)]
pub mod postgres;

use std::io::Read;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;

/// The example office as a profile file: a tool command that takes a number is given it,
/// since the example office the app starts with numbers nothing.
pub fn office() -> String {
    root()
        .join("profiles/duong-minh-chau.toml")
        .display()
        .to_string()
}

/// The workspace's folder, which holds the test data: the core crate's own, or the one
/// above the command-line tool's crate (`cli/`).
pub fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|d| d.join("tests/data").is_dir())
        .unwrap_or(here)
        .to_path_buf()
}

/// The five seed documents and their truth, carried by the project (`tests/data/seeds`).
pub fn seeds() -> PathBuf {
    root().join("tests/data/seeds")
}

/// The corpus of real directives and their truth (`tests/data/corpus`).
pub fn corpus() -> PathBuf {
    root().join("tests/data/corpus")
}

/// A new empty folder for one test, named after the test binary and `name`, so that tests
/// running at the same time never share one.
pub fn fresh_dir(name: &str) -> PathBuf {
    let test = std::env::current_exe()
        .ok()
        .and_then(|e| e.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("congvan-{test}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Seed 000's letter as drafted and signed: no number, the day blank, the signer named.
pub fn drafted() -> congvan::Letter {
    let mut letter = congvan::Letter::example();
    letter.signature.name = Some("Nguyễn Văn A".into());
    letter.number = None;
    letter.date.day = None;
    letter
}

/// The `congvan` command-line tool, built for the tests of its crate (`cli/tests`); the
/// core crate's tests do not run it.
pub fn tool() -> &'static str {
    match option_env!("CARGO_BIN_EXE_congvan") {
        Some(tool) => tool,
        None => panic!("only the tests of the cli crate run the tool"),
    }
}

/// The seconds a scorer of `tests/tools` gives the tool on one document (`--timeout`): a
/// debug build reading a scan through OCR while other tests run takes more than the 30 s
/// the scorers give a release build, and speed is measured by the benchmarks; this only
/// stops a tool that hangs.
pub const SCORER_TIMEOUT: &str = "300";

/// The documents `score_reader.py` reads at once: a scan is read on one core, and the test
/// runs cannot share the machine's two otherwise (each figure is one scorer's run).
pub const SCORER_JOBS: &str = "2";

/// Another program the tests check the output with (LibreOffice, poppler, SoftHSM2 …); a
/// missing one fails the test with the advice to run scripts/test, which installs it.
pub fn program(name: &str) -> std::process::Command {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{name} is not installed: run scripts/test, which installs what the tests need"
    );
    std::process::Command::new(name)
}

/// Runs the `congvan` command-line tool.
pub fn congvan(args: &[&str]) -> std::process::Output {
    congvan_with(args, &[])
}

/// Runs the `congvan` command-line tool as on a PC without LibreOffice.
pub fn congvan_without_libreoffice(args: &[&str]) -> std::process::Output {
    congvan_with(args, &[("CONGVAN_SOFFICE", "")])
}

/// Runs the `congvan` command-line tool with `env` set.
pub fn congvan_with(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    // The app's data folder is an empty one of the tests', never the machine's own: a
    // profile saved there would change what the tool drafts.
    std::process::Command::new(tool())
        .args(args)
        .envs(env.iter().copied())
        .env("CONGVAN_DATA_DIR", {
            static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            fresh_dir(&format!("app-data-{n}"))
        })
        .output()
        .unwrap()
}

/// The record of `seeds/truth.jsonl` whose id starts with `prefix`.
pub fn truth(prefix: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(seeds().join("truth.jsonl")).unwrap();
    text.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["id"].as_str().unwrap().starts_with(prefix))
        .unwrap()
}

/// The letter fixtures, as (name, path), sorted.
pub fn fixtures() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(root().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    assert!(out.len() >= 4, "the four seed letters are fixtures");
    out
}

/// Renders a fixture to .docx bytes.
pub fn render_fixture(path: &Path) -> Vec<u8> {
    let letter = congvan::Letter::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    congvan::render::letter_docx(&letter).unwrap()
}

/// One entry of a .docx package.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The text of a .docx as Word shows it, by place.
#[derive(Debug, Default)]
pub struct DocxText {
    /// Paragraphs of the first table (the header), in order.
    pub header: Vec<String>,
    /// Top-level paragraphs between the tables, empty ones left out.
    pub paras: Vec<String>,
    /// Paragraphs of the last table (Nơi nhận and signature).
    pub tail: Vec<String>,
    /// Footnote texts, from note 1.
    pub notes: Vec<String>,
}

/// Reads the text of a .docx; footnote references read as superscript digits.
pub fn read_docx(docx: &[u8]) -> DocxText {
    let mut out = DocxText::default();
    let body = paragraphs(&part(docx, "word/document.xml"));
    let last_table = body.iter().filter_map(|(t, _)| *t).max().unwrap_or(0);
    for (table, text) in body {
        match table {
            Some(0) => out.header.push(text),
            Some(t) if t == last_table => out.tail.push(text),
            Some(_) => panic!("a table between header and signature: {text}"),
            None if text.trim().is_empty() => {}
            None => out.paras.push(text),
        }
    }
    out.notes = paragraphs(&part(docx, "word/footnotes.xml"))
        .into_iter()
        .map(|(_, t)| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    out
}

/// Every paragraph's text, with the index of the top-level table it stands in, if any.
fn paragraphs(xml: &str) -> Vec<(Option<usize>, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut tables = 0;
    let mut depth = 0;
    let mut current: Option<String> = None;
    let mut in_text = false;
    let table = |depth: usize, tables: usize| (depth > 0).then(|| tables - 1);
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:footnoteReference" => {
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"w:id")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .unwrap();
                if let Some(p) = current.as_mut() {
                    p.push_str(&superscript(&id));
                }
            }
            Event::Start(e) => match e.name().as_ref() {
                b"w:tbl" => {
                    if depth == 0 {
                        tables += 1;
                    }
                    depth += 1;
                }
                b"w:p" => current = Some(String::new()),
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => out.push((table(depth, tables), String::new())),
                b"w:tab" => current.get_or_insert_with(String::new).push('\t'),
                b"w:br" => current.get_or_insert_with(String::new).push('\n'),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:tbl" => depth -= 1,
                b"w:p" => out.push((table(depth, tables), current.take().unwrap_or_default())),
                b"w:t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.decode().unwrap();
                current.get_or_insert_with(String::new).push_str(&s);
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().unwrap();
                let c = match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                current.get_or_insert_with(String::new).push_str(c);
            }
            _ => {}
        }
    }
    out
}

fn superscript(digits: &str) -> String {
    digits
        .chars()
        .map(|c| match c {
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '0' => '⁰',
            d => char::from_u32(0x2070 + d.to_digit(10).unwrap()).unwrap(),
        })
        .collect()
}

/// What the reader must get back from a letter the writer made: every field the letter
/// has, as the writer printed it. Returns the differences.
pub fn read_back_differences(
    letter: &congvan::Letter,
    d: &congvan::read::parse::Directive,
) -> Vec<String> {
    let upper = |s: &str| Some(s.to_uppercase()).filter(|s| !s.is_empty());
    let items = |v: &[String]| {
        v.iter()
            .map(|s| {
                s.trim_start_matches("- ")
                    .trim_end_matches([';', '.'])
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    let mut diffs = Vec::new();
    let mut eq = |what: &str, want: String, got: String| {
        if want != got {
            diffs.push(format!("{what}: want {want:?}, got {got:?}"));
        }
    };
    eq(
        "doc_type",
        letter.doc_type.name().into(),
        d.doc_type.as_ref().map_or("", |k| k.name()).to_string(),
    );
    eq(
        "number",
        format!("{:?}", letter.number.map(congvan::wording::two_digit)),
        format!("{:?}", d.number),
    );
    eq(
        "symbol",
        letter.symbol.clone(),
        d.symbol.clone().unwrap_or_default(),
    );
    eq(
        "issuer",
        format!("{:?}", upper(&letter.issuer)),
        format!("{:?}", d.issuer),
    );
    eq(
        "parent_body",
        format!("{:?}", upper(&letter.parent_body)),
        format!("{:?}", d.parent_body),
    );
    eq(
        "place",
        letter.place.clone(),
        d.place.clone().unwrap_or_default(),
    );
    eq(
        "date",
        letter.date.to_string(),
        d.date.map(|x| x.to_string()).unwrap_or_default(),
    );
    eq(
        "subject",
        congvan::wording::strip_vv(&letter.subject).into(),
        d.subject.clone().unwrap_or_default(),
    );
    let recipients = Some(items(&letter.recipients)).filter(|r| !r.is_empty());
    eq(
        "recipients",
        format!("{recipients:?}"),
        format!("{:?}", d.recipients),
    );
    eq(
        "distribution",
        format!("{:?}", items(&letter.distribution)),
        format!("{:?}", d.distribution),
    );
    let s = &letter.signature;
    let lines = d.signer.authority_lines();
    eq(
        "authority",
        format!("{:?}", s.authority.as_deref().map(str::to_uppercase)),
        format!("{:?}", lines.first()),
    );
    eq(
        "on_behalf",
        format!("{:?}", s.on_behalf.as_deref().map(str::to_uppercase)),
        format!("{:?}", lines.get(1)),
    );
    eq(
        "title",
        format!("{:?}", Some(s.title.to_uppercase())),
        format!("{:?}", d.signer.title),
    );
    eq(
        "name",
        format!("{:?}", s.name),
        format!("{:?}", d.signer.name),
    );
    diffs
}

/// A `width`×`height` PNG of `rgb` strokes on a transparent background (every other row),
/// the same bytes every time.
pub fn transparent_png(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().unwrap();
    let mut data = vec![0u8; (width * height * 4) as usize];
    for (i, px) in data.chunks_exact_mut(4).enumerate() {
        if (i as u32 / width).is_multiple_of(2) {
            px.copy_from_slice(&[rgb[0], rgb[1], rgb[2], 255]);
        }
    }
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}

/// A signature (blue) and a seal (red) that pass the app's checks.
pub fn images() -> congvan::render::images::Images {
    use congvan::render::images::Png;
    congvan::render::images::Images {
        signature: Some(Png::read(&transparent_png(60, 30, [20, 40, 180]), "chữ ký").unwrap()),
        seal: Some(Png::read(&transparent_png(50, 50, [220, 20, 30]), "con dấu").unwrap()),
    }
}

/// The names of a .docx package's entries, in order.
pub fn entries(docx: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    zip.file_names().map(str::to_string).collect()
}

/// Runs `congvan sao-y RECEIVED --signed-on DAY -o OUT --db DB` with `more` options.
pub fn sao_y(
    received: &Path,
    day: &str,
    out: &Path,
    db: &Path,
    more: &[&str],
) -> std::process::Output {
    let office = office();
    let (received, out, db) = (
        received.to_string_lossy(),
        out.to_string_lossy(),
        db.to_string_lossy(),
    );
    let mut args = vec![
        "sao-y",
        "--profile",
        &office,
        &received,
        "--signed-on",
        day,
        "-o",
        &out,
        "--db",
        &db,
    ];
    args.extend_from_slice(more);
    congvan(&args)
}

/// Fails with the command's standard error unless it succeeded.
pub fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
