//! Copies of a received .docx (sao y, sao lục): the copy's parts are written after the
//! copied text under a full-width rule, its number comes from the copies' own series, the
//! rest of the received file is kept as it came, and signature and seal images go into the
//! package once with ids of their own.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

#[path = "../../tests/common/mod.rs"]
mod common;

use chrono::NaiveDate;
use congvan::desk::store::Store;
use congvan::issue::certified::{self, Order};
use congvan::render::images::Images;
use congvan::{DocKind, Letter, Profile};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 5, 20).unwrap()
}

/// A received document: seed 000's letter as the app writes it.
fn received() -> Vec<u8> {
    let mut letter = Letter::example();
    letter.number = Some(165);
    letter.date = congvan::LetterDate::full(NaiveDate::from_ymd_opt(2024, 5, 16).unwrap());
    congvan::render::letter_docx(&letter).unwrap()
}

#[test]
fn a_copy_goes_where_the_letter_goes_and_to_the_file() {
    let letter = Letter::example();
    let to = certified::distribution_for(&letter);
    assert_eq!(to.last().map(String::as_str), Some("Lưu: VT"));
    assert_eq!(&to[..to.len() - 1], letter.addressees().as_slice());
    assert!(!to
        .iter()
        .any(|d| d == "Như trên" || d.starts_with("Lưu: VT,")));
}

fn order(kind: &str) -> Order {
    Order {
        kind: DocKind::from_name(kind),
        signer: Profile::example().signers[0].clone(),
        distribution: vec!["Các công đoàn cơ sở trực thuộc".into(), "Lưu: VT".into()],
    }
}

/// Issues a copy of `file` in `store` and writes it with `images`.
fn copy(
    store: &mut Store,
    file: &[u8],
    kind: &str,
    images: &Images,
) -> (congvan::issue::register::Entry, Vec<u8>) {
    let copied = congvan::read::parse::read("nhan.docx", file).unwrap();
    let letter = certified::copy_letter(&copied, &Profile::example(), &order(kind), day());
    let entry = store.issue_copy(&letter, day(), file, 1).unwrap();
    let out = certified::certify(file, &entry.letter, images).unwrap();
    (entry, out)
}

#[test]
fn the_copy_follows_the_copied_text_under_a_full_width_rule() {
    let mut store = Store::in_memory().unwrap();
    let file = received();
    let (entry, out) = copy(&mut store, &file, "Bản sao y", &Images::default());
    assert_eq!(entry.number_and_symbol(), "01/SY-LĐLĐ");
    assert_eq!(entry.series, congvan::issue::register::COPY_SERIES);
    assert!(
        entry
            .subject
            .starts_with("Công văn số 165/LĐLĐ ngày 16/5/2024 của Liên đoàn"),
        "{}",
        entry.subject
    );

    let before = common::part(&file, "word/document.xml");
    let after = common::part(&out, "word/document.xml");
    // The copied text is untouched: the copy goes in just before the final section.
    let at = before.rfind("<w:sectPr").unwrap();
    assert!(after.starts_with(&before[..at]));
    assert!(after.ends_with(&before[at..]));
    let block = &after[at..after.len() - (before.len() - at)];
    for expected in [
        "SAO Y",
        "Số: 01/SY-LĐLĐ",
        "Dương Minh Châu, ngày 20 tháng 5 năm 2024",
        "Nơi nhận:",
        "- Các công đoàn cơ sở trực thuộc;",
        "- Lưu: VT.",
        "TM. BAN THƯỜNG VỤ",
    ] {
        assert!(
            block.contains(&format!(">{expected}<")),
            "{expected} in {block}"
        );
    }
    // The received file's styles (a Normal style with a first-line indent, Calibri, space
    // after) cannot reach the copy's parts: each paragraph and run says its own.
    for ppr in block.split("<w:pPr>").skip(1) {
        let ppr = ppr.split("</w:pPr>").next().unwrap();
        assert!(
            ppr.contains("w:line=") && ppr.contains("<w:ind ") && ppr.contains("<w:jc "),
            "{ppr}"
        );
    }
    assert_eq!(
        block
            .matches("<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\"")
            .count(),
        block.matches("<w:r>").count()
    );
    // No Quốc hiệu, V/v or body: the copy's parts only.
    assert!(
        !block.contains("CỘNG HÒA") && !block.contains("V/v"),
        "{block}"
    );
    // The rule: a paragraph with only a bottom border and no indent, before the copy's tables.
    let rule_end = block.find("<w:tbl>").unwrap();
    let rule = &block[..rule_end];
    assert!(rule.contains("<w:bottom w:val=\"single\""), "{rule}");
    assert!(
        rule.contains("w:left=\"0\"") && rule.contains("w:right=\"0\""),
        "{rule}"
    );
    assert!(rule.contains("<w:keepNext"), "{rule}");
    // Every other part of the received file is kept byte for byte.
    assert_eq!(common::entries(&out), common::entries(&file));
    for name in common::entries(&file)
        .iter()
        .filter(|n| *n != "word/document.xml")
    {
        assert_eq!(
            common::part(&out, name),
            common::part(&file, name),
            "{name}"
        );
    }
    // The same copy gives the same bytes.
    let again = certified::certify(&file, &entry.letter, &Images::default()).unwrap();
    assert_eq!(again, out);
}

#[test]
fn copies_run_in_one_series_apart_from_letters() {
    let mut store = Store::in_memory().unwrap();
    let file = received();
    let mut letter = Letter::example();
    letter.number = None;
    letter.signature.name = Some("Nguyễn Văn A".into());
    store.issue(&letter, day(), "chung", 1).unwrap();
    let (sy, _) = copy(&mut store, &file, "Bản sao y", &Images::default());
    let (sl, out) = copy(&mut store, &file, "Bản sao lục", &Images::default());
    assert_eq!(sy.number_and_symbol(), "01/SY-LĐLĐ");
    assert_eq!(sl.number_and_symbol(), "02/SL-LĐLĐ");
    assert!(common::part(&out, "word/document.xml").contains(">SAO LỤC<"));
    // The register keeps the file each copy was made from, and nothing for a letter.
    let lines = store.register(&Default::default()).unwrap();
    let letter_line = lines.iter().find(|l| l.series == "chung").unwrap();
    assert!(store.source(letter_line.id).unwrap().is_none());
    assert!(store.source(sy.id).unwrap().is_some_and(|s| s == file));
}

#[test]
fn a_copy_of_a_copy_gets_pictures_of_its_own() {
    let mut store = Store::in_memory().unwrap();
    let images = common::images();
    let (_, first) = copy(&mut store, &received(), "Bản sao y", &images);
    let (_, second) = copy(&mut store, &first, "Bản sao lục", &images);
    let names = common::entries(&second);
    for part in [
        "word/media/congvan-chu-ky.png",
        "word/media/congvan-con-dau.png",
        "word/media/congvan-chu-ky-2.png",
        "word/media/congvan-con-dau-2.png",
    ] {
        assert!(names.iter().any(|n| n == part), "{part} in {names:?}");
    }
    let rels = common::part(&second, "word/_rels/document.xml.rels");
    assert_eq!(rels.matches("relationships/image\"").count(), 4, "{rels}");
    let xml = common::part(&second, "word/document.xml");
    for id in ["rIdCongvan-chu-ky", "rIdCongvan-con-dau-2"] {
        assert!(xml.contains(&format!("r:embed=\"{id}\"")), "{id}");
    }
    // Drawing ids never repeat.
    let ids: Vec<&str> = xml
        .match_indices("<wp:docPr id=\"")
        .map(|(i, m)| xml[i + m.len()..].split('"').next().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((ids.len(), unique.len()), (4, 4), "{ids:?}");
    let types = common::part(&second, "[Content_Types].xml");
    assert_eq!(types.matches("Extension=\"png\"").count(), 1);
}

#[test]
fn files_that_cannot_be_copied_are_refused_before_a_number_is_taken() {
    let check = |bytes: &[u8], expected: &str| {
        let err = certified::check_received(bytes).unwrap_err().to_string();
        assert!(err.contains(expected), "{err}");
    };
    check(
        b"%PDF-1.4 ...",
        "chỉ sao y được văn bản nhận dưới dạng .docx",
    );
    check("Kế hoạch số 1".as_bytes(), "chỉ sao y được");
    assert_eq!(certified::check_received(&received()), Ok(()));

    let dir = common::fresh_dir("refused");
    let db = dir.join("congvan.db");
    let pdf = dir.join("nhan.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").unwrap();
    let out = common::sao_y(
        &pdf,
        "2024-05-20",
        &dir.join("sy.docx"),
        &db,
        &["--to", "Lưu: VT"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.join("sy.docx").exists());
    let store = Store::open(&db).unwrap();
    assert!(store.register(&Default::default()).unwrap().is_empty());
    let err = certified::prepare(
        "nhan.pdf",
        b"%PDF-1.4",
        &Profile::example(),
        &order("Bản sao y"),
        day(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("chỉ sao y được"), "{err}");
    let err = certified::prepare(
        "nhan.docx",
        &received(),
        &Profile::example(),
        &order("Bản trích sao"),
        day(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("không sao được: bản trích sao"), "{err}");
    // A trích sao re-creates the text: refused, with the reason.
    let copied = congvan::read::parse::read("nhan.docx", &received()).unwrap();
    let trs = certified::copy_letter(&copied, &Profile::example(), &order("Bản trích sao"), day());
    assert!(certified::refusal(&trs).unwrap().contains("trích sao"));
}

#[test]
fn the_cli_issues_and_writes_a_copy() {
    let dir = common::fresh_dir("cli");
    let file = dir.join("nhan.docx");
    std::fs::write(&file, received()).unwrap();
    let seal = dir.join("dau.png");
    std::fs::write(&seal, common::transparent_png(50, 50, [220, 20, 30])).unwrap();
    let out = dir.join("sy.docx");
    let db = dir.join("congvan.db");
    let done = common::sao_y(
        &file,
        "2024-05-20",
        &out,
        &db,
        &[
            "--to",
            "Các công đoàn cơ sở trực thuộc",
            "--to",
            "Lưu: VT",
            "--seal",
            &seal.to_string_lossy(),
            "--json",
        ],
    );
    common::ok(&done);
    let entry: serde_json::Value = serde_json::from_slice(&done.stdout).unwrap();
    assert_eq!(entry["symbol"], "SY-LĐLĐ");
    assert!(common::entries(&std::fs::read(&out).unwrap())
        .contains(&"word/media/congvan-con-dau.png".to_string()));
    // A seal without transparency is refused before the number.
    let opaque = dir.join("trang.png");
    let mut enc_out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut enc_out, 4, 4);
        enc.set_color(png::ColorType::Rgb);
        enc.write_header()
            .unwrap()
            .write_image_data(&[255; 48])
            .unwrap();
    }
    std::fs::write(&opaque, enc_out).unwrap();
    let refused = common::sao_y(
        &file,
        "2024-05-21",
        &dir.join("sy2.docx"),
        &db,
        &["--to", "Lưu: VT", "--seal", &opaque.to_string_lossy()],
    );
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("ảnh con dấu") && err.contains("nền trong suốt"),
        "{err}"
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(store.register(&Default::default()).unwrap().len(), 1);
}

#[test]
fn signed_copies_carry_the_images_once_with_ids_per_copy() {
    let mut letter = Letter::example();
    letter.number = Some(7);
    letter.date = congvan::LetterDate::full(day());
    let options = congvan::issue::register::CopyOptions {
        per_addressee: true,
        ..Default::default()
    };
    let docs = congvan::issue::register::copies(&letter, &options, &common::images());
    let docx = congvan::render::copies_docx(&docs).unwrap();
    let xml = common::part(&docx, "word/document.xml");
    assert_eq!(xml.matches("<wp:anchor").count(), docs.len() * 2);
    let ids: std::collections::BTreeSet<&str> = xml
        .match_indices("<wp:docPr id=\"")
        .map(|(i, m)| xml[i + m.len()..].split('"').next().unwrap())
        .collect();
    assert_eq!(ids.len(), docs.len() * 2);
    let names = common::entries(&docx);
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("word/media/"))
            .count(),
        2
    );
    // The preview shows the same images.
    let html = congvan::render::html(&docs[0]);
    assert_eq!(html.matches("src=\"data:image/png;base64,").count(), 2);
}

#[test]
fn a_copy_is_numbered_only_with_the_file_it_copies_and_previews_as_a_copy() {
    let mut store = Store::in_memory().unwrap();
    let copied = congvan::read::parse::read("nhan.docx", &received()).unwrap();
    let copy = certified::copy_letter(&copied, &Profile::example(), &order("Bản sao y"), day());
    let err = store.issue(&copy, day(), "SAO", 1).unwrap_err().to_string();
    assert!(err.contains("Sao y văn bản này"), "{err}");
    assert!(store.register(&Default::default()).unwrap().is_empty());
    // The preview shows what the .docx writes: the form where a letter has the Quốc hiệu.
    let html = congvan::render::letter_html(&congvan::issue::register::issued(&copy, 3, day()));
    assert!(
        html.contains(">SAO Y<") && html.contains("Số: 03/SY-LĐLĐ"),
        "{html}"
    );
    assert!(!html.contains("CỘNG HÒA"));
}
