//! What other readers make of the generated files: every fixture validates against the
//! OOXML schema with `openxml-audit` (modelled on the Open XML SDK validator, as strict as
//! Word), loads in python-docx, and converts in LibreOffice to an A4 PDF whose text keeps
//! the Vietnamese intact and reads back, through the PDF importer, as the letter. These tools are installed by `scripts/test`; a missing one fails
//! the test with that advice, since a skipped check would pass without checking anything.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(name: &str) -> Command {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{name} is not installed: run scripts/test, which installs what the tests need"
    );
    Command::new(name)
}

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

#[test]
fn every_fixture_validates_against_the_ooxml_schema() {
    let (_, files) = rendered("audit");
    for file in &files {
        // One process per file: with several files in one run (--recursive), openxml-audit
        // 0.8 carries footnote ids over from one file to the next and reports, about one
        // run in five, a footnote "not found" in a file that is valid on its own.
        let mut cmd = tool("openxml-audit");
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
    let mut cmd = tool("python3");
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
    let profile = dir.join("lo-profile");
    let mut cmd = tool("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--convert-to", "pdf", "--outdir"])
    .arg(&dir)
    .args(&files);
    run(cmd);
    for (file, (_, fixture)) in files.iter().zip(common::fixtures()) {
        let pdf = file.with_extension("pdf");
        assert!(
            pdf.exists(),
            "LibreOffice made no PDF of {}",
            file.display()
        );
        let info = run({
            let mut c = tool("pdfinfo");
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
        let parsed = congvan::parse::parse(
            &congvan::import::text("x.pdf", &std::fs::read(&pdf).unwrap()).unwrap(),
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
        let parent = congvan::parse::parse(
            &congvan::import::text("x.txt", &std::fs::read(&path).unwrap()).unwrap(),
        );
        for template in congvan::template::Template::builtins() {
            let d = congvan::draft::draft(
                &parent,
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
    assert_eq!(files.len(), 10);
    let mut cmd = tool("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    ))
    .args(["--headless", "--convert-to", "pdf", "--outdir"])
    .arg(&dir)
    .args(&files);
    run(cmd);
    for file in &files {
        let pdf = file.with_extension("pdf");
        let mut c = tool("pdfinfo");
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
    let mut c = tool("pdftotext");
    c.arg(pdf).arg("-");
    run(c).split_whitespace().collect::<Vec<_>>().join(" ")
}
