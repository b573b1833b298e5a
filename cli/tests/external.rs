//! What other readers make of the generated files: every fixture validates against the
//! OOXML schema with `openxml-audit` (modelled on the Open XML SDK validator, as strict as
//! Word), loads in python-docx, and converts in LibreOffice to an A4 PDF whose text keeps
//! the Vietnamese intact and reads back, through the PDF importer, as the letter. These tools are installed by `scripts/test`; a missing one fails
//! the test with that advice, since a skipped check would pass without checking anything.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]
// Checks the output with Linux tools (LibreOffice, poppler, python-docx, openxml-audit):
// Linux only (README).
#![cfg(not(windows))]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Renders every fixture into a fresh folder; returns the folder and the files.
fn rendered(name: &str) -> (PathBuf, Vec<PathBuf>) {
    let dir = common::fresh_dir(name);
    let files = common::fixtures()
        .into_iter()
        .map(|(name, path)| {
            let out = dir.join(format!("{name}.docx"));
            std::fs::write(&out, common::render_fixture(&path)).unwrap();
            out
        })
        .collect();
    (dir, files)
}

fn run(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// Converts `files` with LibreOffice to `format` into `dir`, with a private profile there.
fn soffice(dir: &Path, format: &str, files: &[PathBuf]) {
    let mut cmd = common::program("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    ))
    .args(["--headless", "--convert-to", format, "--outdir"])
    .arg(dir)
    .args(files);
    run(cmd);
}

#[test]
fn every_fixture_validates_against_the_ooxml_schema() {
    let (_, files) = rendered("audit");
    for file in &files {
        // One process per file: with several files in one run (--recursive), openxml-audit
        // 0.8 carries footnote ids over from one file to the next and reports, about one
        // run in five, a footnote "not found" in a file that is valid on its own.
        let mut cmd = common::program("openxml-audit");
        cmd.args(["--output", "json", "--max-errors", "0"])
            .arg(file);
        let report: serde_json::Value = serde_json::from_str(&run(cmd)).unwrap();
        let r = &report.as_array().unwrap()[0];
        assert_eq!(
            r["error_count"],
            0,
            "{}",
            serde_json::to_string_pretty(r).unwrap()
        );
        assert_eq!(r["valid"], true);
    }
}

#[test]
fn every_fixture_loads_in_python_docx() {
    let (_, files) = rendered("python-docx");
    let script = r#"
import sys, docx
for path in sys.argv[1:]:
    d = docx.Document(path)
    header = d.tables[0].cell(0, 1).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header, (path, header)
    assert d.core_properties.title and d.core_properties.author, path
    sec = d.sections[0]
    assert (sec.page_width, sec.page_height) == (docx.shared.Twips(11906), docx.shared.Twips(16838)), path
    assert sec.different_first_page_header_footer, path
    print(path, len(d.paragraphs), d.core_properties.title)
"#;
    let mut cmd = common::program("python3");
    let has_docx = Command::new("python3")
        .args(["-c", "import docx"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        has_docx,
        "python-docx is not installed: run scripts/test, which installs it in target/pyenv"
    );
    cmd.arg("-c").arg(script).args(&files);
    let out = run(cmd);
    assert_eq!(out.lines().count(), files.len(), "{out}");
}

#[test]
fn libreoffice_prints_every_fixture_on_a4_with_the_vietnamese_intact() {
    let (dir, files) = rendered("pdf");
    soffice(&dir, "pdf", &files);
    for (file, (_, fixture)) in files.iter().zip(common::fixtures()) {
        let pdf = file.with_extension("pdf");
        assert!(
            pdf.exists(),
            "LibreOffice made no PDF of {}",
            file.display()
        );
        let info = run({
            let mut c = common::program("pdfinfo");
            c.arg(&pdf);
            c
        });
        assert!(info.contains("(A4)"), "{}: not A4:\n{info}", pdf.display());
        let text = pdf_text(&pdf);
        let letter: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
        for s in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Nơi nhận:",
        ] {
            assert!(
                text.contains(s),
                "{}: {s:?} not in the PDF text",
                pdf.display()
            );
        }
        // The PDF's text layer reads back as the letter, header columns and all.
        let parsed = congvan::read::parse::parse(
            &congvan::read::import::text("x.pdf", &std::fs::read(&pdf).unwrap()).unwrap(),
        );
        let original =
            congvan::Letter::from_json(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
        let diffs = common::read_back_differences(&original, &parsed);
        assert!(
            diffs.is_empty(),
            "{}: the PDF reads back differently:\n{}",
            pdf.display(),
            diffs.join("\n")
        );
        for key in ["issuer", "subject"] {
            let words = letter[key]
                .as_str()
                .unwrap()
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            let words = if key == "issuer" {
                words.to_uppercase()
            } else {
                words
            };
            assert!(
                text.contains(&words),
                "{}: {key} {words:?} not in the PDF text",
                pdf.display()
            );
        }
    }
}

#[test]
fn forwarded_letters_open_in_libreoffice_on_a4() {
    // Every seed parent forwarded with each built-in template, converted in one call.
    let dir = common::fresh_dir("forward");
    let today = chrono::NaiveDate::from_ymd_opt(2024, 12, 2).unwrap();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(common::seeds()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let parent = congvan::read::parse::parse(
            &congvan::read::import::text("x.txt", &std::fs::read(&path).unwrap()).unwrap(),
        );
        for template in congvan::draft::template::Template::builtins() {
            let d = congvan::draft::draft(
                Some(&parent),
                &congvan::Profile::example(),
                &template,
                today,
                &Default::default(),
            )
            .unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy();
            let out = dir.join(format!("{stem}-{}.docx", template.id));
            std::fs::write(&out, congvan::render::letter_docx(&d.letter).unwrap()).unwrap();
            files.push(out);
        }
    }
    // And each template of a letter of its own, without a parent.
    let builtins = congvan::draft::template::Template::builtins();
    let alone: Vec<_> = builtins.iter().filter(|t| !t.meta.needs_parent).collect();
    for template in &alone {
        let d = congvan::draft::draft(
            None,
            &congvan::Profile::example(),
            template,
            today,
            &Default::default(),
        )
        .unwrap();
        let out = dir.join(format!("moi-{}.docx", template.id));
        std::fs::write(&out, congvan::render::letter_docx(&d.letter).unwrap()).unwrap();
        files.push(out);
    }
    // Each of the five seeds with each built-in template, and the new letters.
    assert!(alone.len() >= 4);
    assert_eq!(files.len(), 5 * builtins.len() + alone.len());
    soffice(&dir, "pdf", &files);
    for file in &files {
        let pdf = file.with_extension("pdf");
        let mut c = common::program("pdfinfo");
        c.arg(&pdf);
        assert!(run(c).contains("(A4)"), "{}", pdf.display());
        assert!(
            pdf_text(&pdf).contains("LIÊN ĐOÀN LAO ĐỘNG HUYỆN DƯƠNG MINH CHÂU"),
            "{}",
            pdf.display()
        );
    }
}

/// The PDF's text with white space folded, so that line wrapping does not matter.
fn pdf_text(pdf: &Path) -> String {
    let mut c = common::program("pdftotext");
    c.arg(pdf).arg("-");
    run(c).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Seed 000's letter as drafted (no number, the day blank), in a file of `dir`.
/// A letter the app wrote, numbered 165 on 16 May 2024, received as `nhan.docx` in `dir`.
fn received_letter(dir: &Path) -> PathBuf {
    let mut letter = congvan::Letter::example();
    letter.number = Some(165);
    letter.date = congvan::LetterDate::full(chrono::NaiveDate::from_ymd_opt(2024, 5, 16).unwrap());
    let path = dir.join("nhan.docx");
    std::fs::write(&path, congvan::render::letter_docx(&letter).unwrap()).unwrap();
    path
}

fn unsigned_letter(dir: &Path) -> (PathBuf, usize) {
    let letter = common::drafted();
    let path = dir.join("letter.json");
    std::fs::write(&path, letter.to_json()).unwrap();
    (path, letter.addressees().len())
}

#[test]
fn an_issued_letter_with_a_copy_per_addressee_validates_and_prints_on_a4() {
    let dir = common::fresh_dir("issued");
    let (letter, addressees) = unsigned_letter(&dir);
    let out = dir.join("ban-ky.docx");
    let done = common::congvan(&[
        "issue",
        "--profile",
        &common::office(),
        &letter.to_string_lossy(),
        "--signed-on",
        "2024-05-20",
        "-o",
        &out.to_string_lossy(),
        "--db",
        &dir.join("congvan.db").to_string_lossy(),
        "--copies",
        "--mark",
        "--drafter",
        "nva",
        "--pdf",
    ]);
    common::ok(&done);
    // The sections, one per copy, are valid OOXML.
    let mut cmd = common::program("openxml-audit");
    cmd.args(["--output", "json", "--max-errors", "0"])
        .arg(&out);
    let report: serde_json::Value = serde_json::from_str(&run(cmd)).unwrap();
    assert_eq!(report[0]["error_count"], 0, "{report}");
    // The PDF: A4, the number and the day filled in, one copy per addressee and the file's.
    let pdf = out.with_extension("pdf");
    let mut info = common::program("pdfinfo");
    info.arg(&pdf);
    let info = run(info);
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let mut text = common::program("pdftotext");
    text.args(["-layout"]).arg(&pdf).arg("-");
    let text = run(text);
    assert_eq!(
        text.matches("Số: 01/LĐLĐ").count(),
        addressees + 1,
        "{text}"
    );
    assert_eq!(
        text.matches("ngày 20 tháng 5 năm 2024").count(),
        addressees + 1
    );
    assert_eq!(text.matches("Bản gửi:").count(), addressees);
    assert!(
        pages > addressees,
        "{pages} pages for {} copies",
        addressees + 1
    );
}

#[test]
fn the_register_export_opens_in_libreoffice_calc_with_its_columns() {
    let dir = common::fresh_dir("register-xlsx");
    let (letter, _) = unsigned_letter(&dir);
    let db = dir.join("congvan.db");
    for day in ["2024-05-20", "2024-05-21"] {
        let out = common::congvan(&[
            "issue",
            "--profile",
            &common::office(),
            &letter.to_string_lossy(),
            "--signed-on",
            day,
            "-o",
            &dir.join(format!("{day}.docx")).to_string_lossy(),
            "--db",
            &db.to_string_lossy(),
        ]);
        assert!(out.status.success());
    }
    let xlsx = dir.join("so-van-ban-di.xlsx");
    let out = common::congvan(&[
        "register",
        "export",
        "-o",
        &xlsx.to_string_lossy(),
        "--year",
        "2024",
        "--db",
        &db.to_string_lossy(),
    ]);
    assert!(out.status.success());
    soffice(
        &dir,
        "csv:Text - txt - csv (StarCalc):44,34,76",
        std::slice::from_ref(&xlsx),
    );
    let csv = std::fs::read_to_string(xlsx.with_extension("csv")).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].contains("SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2024"), "{csv}");
    let header = rows.iter().find(|r| r.contains("Số, ký hiệu")).unwrap();
    for c in congvan::issue::register::COLUMNS {
        assert!(header.contains(c), "{c} in {header}");
    }
    assert!(csv.contains("01/LĐLĐ") && csv.contains("02/LĐLĐ"), "{csv}");
    assert!(csv.contains("20/05/2024"), "{csv}");
}

/// The pages of a PDF as text, one string per page.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let mut text = common::program("pdftotext");
    text.args(["-layout"]).arg(pdf).arg("-");
    run(text).split('\u{c}').map(str::to_string).collect()
}

/// openxml-audit's errors for a file, as their descriptions.
fn audit_errors(file: &Path) -> Vec<String> {
    let mut cmd = common::program("openxml-audit");
    cmd.args(["--output", "json", "--max-errors", "0"])
        .arg(file);
    // It exits with 1 when it finds errors; the report is what is compared.
    let out = cmd.output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    report[0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["description"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_sao_y_prints_on_the_sheet_of_the_copied_letter_and_validates() {
    let dir = common::fresh_dir("sao-y");
    let mut letter = congvan::Letter::example();
    letter.number = Some(165);
    letter.date = congvan::LetterDate::full(chrono::NaiveDate::from_ymd_opt(2024, 5, 16).unwrap());
    let received = dir.join("cv-165.docx");
    std::fs::write(&received, congvan::render::letter_docx(&letter).unwrap()).unwrap();
    let (signature, seal) = (dir.join("chu-ky.png"), dir.join("dau.png"));
    std::fs::write(&signature, common::transparent_png(120, 60, [20, 40, 180])).unwrap();
    std::fs::write(&seal, common::transparent_png(100, 100, [220, 20, 30])).unwrap();
    let out = dir.join("sao-y.docx");
    let done = common::sao_y(
        &received,
        "2024-05-20",
        &out,
        &dir.join("congvan.db"),
        &[
            "--to",
            "Các công đoàn cơ sở trực thuộc",
            "--to",
            "Lưu: VT",
            "--signature",
            &signature.to_string_lossy(),
            "--seal",
            &seal.to_string_lossy(),
            "--pdf",
        ],
    );
    common::ok(&done);
    assert_eq!(audit_errors(&out), Vec::<String>::new());
    let pdf = out.with_extension("pdf");
    let mut info = common::program("pdfinfo");
    info.arg(&pdf);
    assert!(run(info).contains("(A4)"));
    // The copy's parts are on the sheet where the copied letter ends (its Nơi nhận).
    let pages = pdf_pages(&pdf);
    let page_of = |text: &str| pages.iter().position(|p| p.contains(text));
    let copy_page = page_of("SAO Y").expect("SAO Y printed");
    assert_eq!(page_of("Nơi nhận:"), Some(copy_page), "{pages:#?}");
    for expected in ["Số: 01/SY-LĐLĐ", "ngày 20 tháng 5 năm 2024", "- Lưu: VT."] {
        assert!(
            pages[copy_page].contains(expected),
            "{expected} in {}",
            pages[copy_page]
        );
    }
}

#[test]
fn a_sao_y_of_a_file_libreoffice_wrote_adds_no_schema_error() {
    let dir = common::fresh_dir("sao-y-lo");
    let seed = std::fs::read_dir(common::seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004_"))
        .unwrap();
    let txt = dir.join("ke-hoach.txt");
    std::fs::copy(&seed, &txt).unwrap();
    // LibreOffice writes the received .docx, as another office's word processor would.
    soffice(&dir, "docx", &[txt]);
    let received = dir.join("ke-hoach.docx");
    let out = dir.join("sao-y.docx");
    let done = common::sao_y(
        &received,
        "2024-05-20",
        &out,
        &dir.join("congvan.db"),
        &["--to", "Lưu: VT"],
    );
    common::ok(&done);
    assert_eq!(audit_errors(&out), audit_errors(&received));
    let xml = common::part(&std::fs::read(&out).unwrap(), "word/document.xml");
    assert!(xml.contains(">SAO Y<") && xml.contains("Số: 01/SY-LĐLĐ"));
}

#[test]
fn a_years_archive_validates_with_its_pdfs_and_index() {
    let dir = common::fresh_dir("archive");
    let db = dir.join("congvan.db");
    let db_s = db.to_string_lossy().into_owned();
    let (letter, _) = unsigned_letter(&dir);
    let letter = letter.to_string_lossy().into_owned();
    for day in ["2024-05-20", "2024-05-21"] {
        let out = dir.join(format!("ban-{day}.docx"));
        common::ok(&common::congvan(&[
            "issue",
            "--profile",
            &common::office(),
            &letter,
            "--signed-on",
            day,
            "-o",
            &out.to_string_lossy(),
            "--db",
            &db_s,
        ]));
    }
    common::ok(&common::congvan(&[
        "register",
        "cancel",
        "2",
        "--reason",
        "ký nhầm",
        "--on",
        "2024-05-22",
        "--db",
        &db_s,
    ]));
    let received = received_letter(&dir);
    common::ok(&common::sao_y(
        &received,
        "2024-05-23",
        &dir.join("sao-y.docx"),
        &db,
        &["--to", "Các công đoàn cơ sở"],
    ));
    let folder = dir.join("luu-tru");
    common::ok(&common::congvan(&[
        "register",
        "archive",
        "--year",
        "2024",
        "-o",
        &folder.to_string_lossy(),
        "--db",
        &db_s,
    ]));
    let mut docx = Vec::new();
    let mut pdfs = 0;
    for entry in std::fs::read_dir(&folder).unwrap().flatten() {
        let path = entry.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("docx") => docx.push(path),
            Some("pdf") => pdfs += 1,
            _ => {}
        }
    }
    // The letter, the copy, the file it copies, and the index.
    assert_eq!(docx.len(), 4, "{docx:?}");
    // A PDF of each letter of the office and of the index (LibreOffice is installed here).
    assert_eq!(pdfs, 3);
    for file in &docx {
        assert_eq!(
            audit_errors(file),
            Vec::<String>::new(),
            "{}",
            file.display()
        );
    }
    let index = pdf_text(&folder.join("muc-luc-van-ban.pdf"));
    for (a, b) in [("01/LĐLĐ", "02/LĐLĐ"), ("02/LĐLĐ", "01/SY-LĐLĐ")] {
        let (a_at, b_at) = (index.find(a), index.find(b));
        assert!(a_at.is_some() && a_at < b_at, "{a} before {b} in {index}");
    }
    assert!(index.contains("MỤC LỤC VĂN BẢN"), "{index}");
}

#[test]
fn the_printed_books_repeat_their_columns_on_every_page_and_validate() {
    use congvan::desk::{Desk, ImageSource};
    use congvan::issue::books::Book;
    let dir = common::fresh_dir("books");
    let mut desk = Desk::open(&dir.join("congvan.db"))
        .unwrap()
        .with_profile(congvan::Profile::example());
    let letter = common::drafted();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2024, 5, d).unwrap();
    // Enough lines for the table to run over several pages.
    for n in 0..30 {
        let order = desk
            .prepare_issue(letter.clone(), day(1 + n % 28), &ImageSource::None, false)
            .unwrap();
        desk.issue(order, None).unwrap();
    }
    desk.cancel(3, "ký nhầm", None).unwrap();
    let received = dir.join("nhan.txt");
    std::fs::write(
        &received,
        "ỦY BAN NHÂN DÂN TỈNH TÂY NINH\nSố: 1062/KH-UBND\nTây Ninh, ngày 11 tháng 4 năm 2024\nKẾ HOẠCH\nPhát động thi đua\nNội dung.",
    )
    .unwrap();
    for n in 0..25 {
        desk.receive_file(&received, Some(day(1 + n % 28)), "Văn phòng")
            .unwrap();
    }
    let cut = regex::Regex::new(r"^[0-9]{2}/[0-9]{2}/[0-9]{0,3}$").unwrap();
    for book in [Book::Outgoing, Book::Incoming] {
        let path = dir.join(book.file_name(2024));
        desk.book(book, 2024, &path, false).unwrap();
        assert_eq!(
            audit_errors(&path),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        soffice(&dir, "pdf", std::slice::from_ref(&path));
        let pages = pdf_pages(&path.with_extension("pdf"));
        let pages: Vec<&String> = pages.iter().filter(|p| !p.trim().is_empty()).collect();
        assert!(
            pages.len() >= 3,
            "a cover and the table over pages: {}",
            pages.len()
        );
        assert!(
            pages[0].contains(book.title()) && pages[0].contains("Quyển số: 01"),
            "{}",
            pages[0]
        );
        // Every page of the table has every column's heading, in order (a heading wraps
        // over lines, so its first word is looked for).
        for (i, page) in pages[1..].iter().enumerate() {
            let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut at = 0;
            for column in book.columns() {
                let first = column.split_whitespace().next().unwrap();
                let found = flat[at..].find(first).unwrap_or_else(|| {
                    panic!(
                        "{column:?} missing on page {} of {}: {flat}",
                        i + 2,
                        path.display()
                    )
                });
                at += found + first.len();
            }
            // No word of a heading and no day is broken over two lines ("Số lượn g
            // bản", "22/05/2 024").
            let words: std::collections::HashSet<&str> = page.split_whitespace().collect();
            for word in book.columns().iter().flat_map(|c| c.split_whitespace()) {
                assert!(
                    words.contains(word),
                    "{word:?} broken on page {} of {}: {page}",
                    i + 2,
                    path.display()
                );
            }
            assert!(
                !words.iter().any(|w| cut.is_match(w)),
                "a day broken on page {} of {}: {page}",
                i + 2,
                path.display()
            );
        }
    }
    let outgoing = pdf_text(
        &dir.join(Book::Outgoing.file_name(2024))
            .with_extension("pdf"),
    );
    assert!(outgoing.contains("ký nhầm"), "the cancelled number kept");
    // The envelopes: one page for each addressee, each 229 × 162 mm.
    let issued = desk.issued_letter(1).unwrap();
    let envelopes = dir.join("bi.docx");
    desk.envelopes(
        &issued,
        congvan::issue::envelope::Size::C5,
        &envelopes,
        false,
    )
    .unwrap();
    assert_eq!(audit_errors(&envelopes), Vec::<String>::new());
    soffice(&dir, "pdf", std::slice::from_ref(&envelopes));
    let mut cmd = common::program("pdfinfo");
    cmd.arg(envelopes.with_extension("pdf"));
    let info = run(cmd);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse::<usize>().ok());
    assert_eq!(pages, Some(issued.addressees().len()), "{info}");
    assert!(info.contains("649.") && info.contains("x 459."), "{info}");
}

/// The words of a PDF with their boxes in points: page (from 1), left, top, right, bottom.
fn word_boxes(pdf: &Path) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let mut cmd = common::program("pdftotext");
    cmd.arg("-bbox").arg(pdf).arg("-");
    let text = run(cmd);
    let mut out = Vec::new();
    for (page, body) in text.split("<page ").skip(1).enumerate() {
        for word in body.split("<word ").skip(1) {
            let num = |key: &str| -> f32 {
                let at = word.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
                word[at..].split('"').next().unwrap().parse().unwrap()
            };
            let text = word
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("");
            out.push((
                page + 1,
                num("xMin"),
                num("yMin"),
                num("xMax"),
                num("yMax"),
                text.to_string(),
            ));
        }
    }
    out
}

/// Every font of `pdf` is embedded, and its page size is `size` ("A4" or points).
fn embedded_on(pdf: &Path, size: &str) {
    let mut fonts = common::program("pdffonts");
    fonts.arg(pdf);
    let fonts = run(fonts);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{}: no fonts", pdf.display());
    for row in rows {
        // name, type, (type), encoding, emb, sub, uni, object, generation.
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            cols[cols.len() - 5],
            "yes",
            "{} not embedded: {row}",
            pdf.display()
        );
    }
    let mut info = common::program("pdfinfo");
    info.arg(pdf);
    let info = run(info);
    assert!(info.contains(size), "{}: {info}", pdf.display());
}

/// Millimetres in points.
fn mm(n: f32) -> f32 {
    n * 72.0 / 25.4
}

#[test]
fn without_libreoffice_every_pdf_is_written_with_its_fonts_inside_the_margins() {
    let dir = common::fresh_dir("no-libreoffice");
    let db = dir.join("congvan.db");
    let db_s = db.to_string_lossy().into_owned();
    let (letter, _) = unsigned_letter(&dir);
    let letter_s = letter.to_string_lossy().into_owned();
    let run = |args: &[&str]| common::ok(&common::congvan_without_libreoffice(args));
    let issued = dir.join("ban-ky.docx");
    let office = common::office();
    run(&[
        "issue",
        "--profile",
        &office,
        &letter_s,
        "--signed-on",
        "2024-05-20",
        "-o",
        &issued.to_string_lossy(),
        "--db",
        &db_s,
        "--copies",
        "--mark",
        "--pdf",
    ]);
    let exported = dir.join("cong-van.docx");
    run(&["render", &letter_s, "-o", &exported.to_string_lossy()]);
    run(&[
        "pdf",
        &exported.to_string_lossy(),
        "-o",
        &dir.join("cong-van.pdf").to_string_lossy(),
    ]);
    run(&[
        "register",
        "book",
        "--outgoing",
        "--year",
        "2024",
        "-o",
        &dir.join("so.docx").to_string_lossy(),
        "--pdf",
        "--db",
        &db_s,
    ]);
    run(&[
        "envelope",
        &letter_s,
        "-o",
        &dir.join("bi.docx").to_string_lossy(),
        "--size",
        "C5",
        "--pdf",
        "--profile",
        &office,
    ]);
    let received_path = received_letter(&dir);
    let out = common::congvan_with(
        &[
            "sao-y",
            &received_path.to_string_lossy(),
            "--signed-on",
            "2024-05-23",
            "-o",
            &dir.join("sao-y.docx").to_string_lossy(),
            "--to",
            "Các công đoàn cơ sở",
            "--profile",
            &office,
            "--db",
            &db_s,
            "--pdf",
        ],
        &[("CONGVAN_SOFFICE", "")],
    );
    common::ok(&out);
    let folder = dir.join("luu-tru");
    run(&[
        "register",
        "archive",
        "--year",
        "2024",
        "-o",
        &folder.to_string_lossy(),
        "--db",
        &db_s,
    ]);

    for name in ["ban-ky.pdf", "cong-van.pdf", "sao-y.pdf"] {
        let pdf = dir.join(name);
        embedded_on(&pdf, "(A4)");
        // The ND30 margins: left 30 ± 2 mm, right at least 15 mm, top at least 20 mm; the
        // page number stands in the top margin.
        let words: Vec<_> = word_boxes(&pdf)
            .into_iter()
            .filter(|w| !w.5.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let left = words.iter().map(|w| w.1).fold(f32::MAX, f32::min);
        let top = words.iter().map(|w| w.2).fold(f32::MAX, f32::min);
        let right = words.iter().map(|w| w.3).fold(0.0, f32::max);
        assert!((left - mm(30.0)).abs() <= mm(2.0), "{name}: left {left}");
        assert!(right <= mm(210.0 - 15.0), "{name}: right {right}");
        assert!(top >= mm(20.0) - 1.0, "{name}: top {top}");
    }
    assert!(pdf_text(&dir.join("sao-y.pdf")).contains("SAO Y"));
    embedded_on(&dir.join("so.pdf"), "(A4)");
    embedded_on(&dir.join("bi.pdf"), "649");
    let pdfs: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.path())
        .collect();
    // The letter, the copy of a letter the app wrote, and the mục lục.
    assert_eq!(pdfs.len(), 3, "{pdfs:?}");
    for pdf in &pdfs {
        embedded_on(pdf, "(A4)");
    }
}
