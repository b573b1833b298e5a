//! Scans and photos read through OCR (Tesseract with the Vietnamese model the app carries):
//! the eight scanned directives of `tests/data/scanned` (JPEG, CCITT G4, JBIG2 and deflated
//! bitmaps, handwritten numbers, seals and stamps) scored with `tests/tools`, a photo, and
//! a picture with no text refused. Each figure fails below what was reached.
// Tests read and write their own files (clippy.toml).
#![allow(clippy::disallowed_methods)]
// The scorer and the engine of the Linux test run (README).
#![cfg(not(windows))]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::process::Command;

fn tesseract() {
    let found = Command::new("tesseract").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "the OCR engine is missing: scripts/setup test installs tesseract-ocr"
    );
}

#[test]
fn the_scans_are_read_through_ocr_within_their_floors() {
    tesseract();
    let dir = common::root().join("tests/data/scanned");
    let out = Command::new("python3")
        .arg(common::root().join("tests/tools/score_reader.py"))
        .arg(common::tool())
        .arg(dir.join("truth.jsonl"))
        .arg(&dir)
        .args(["--min", "0", "--timeout", common::SCORER_TIMEOUT])
        .args(["--jobs", common::SCORER_JOBS])
        .env("CONGVAN_DATA_DIR", common::fresh_dir("scanned-data"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(out.status.success(), "{stdout}");
    assert!(!stdout.contains("CRASH"), "{stdout}");
    let share = |name: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().last())
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let total: f64 = stdout
        .lines()
        .find(|l| l.starts_with("reader field accuracy"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    // Numbers and days are written by hand or stamped on all eight: the engine reads none
    // of them, the digits read again give seven numbers and all eight dates.
    assert!(total >= 0.945, "accuracy {total}");
    for (field, floor) in [
        ("number", 0.85),
        ("date", 0.95),
        ("symbol", 0.95),
        ("doc_type", 0.87),
        ("subject", 0.95),
        ("place", 0.95),
        ("issuer", 0.87),
        ("parent_body", 0.95),
        ("distribution", 0.95),
        ("recipients", 0.95),
        ("references", 0.85),
        ("reference_date", 0.95),
        ("signer_authority", 0.8),
        ("signer_title", 0.85),
        ("signer_name", 0.85),
    ] {
        assert!(share(field) >= floor, "{field}: {} < {floor}", share(field));
    }
}

/// The page image of scan g05 as a PNG photo; and a white PNG.
fn photos(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let bytes = std::fs::read(common::root().join("tests/data/scanned/g05.pdf")).unwrap();
    let scan = congvan::read::import::scan_pages(&bytes).unwrap();
    let photo = dir.join("anh.png");
    std::fs::write(&photo, &scan.pages[0].bytes).unwrap();
    let mut white = Vec::new();
    let mut encoder = png::Encoder::new(&mut white, 400, 300);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[255u8; 400 * 300]).unwrap();
    drop(writer);
    let blank = dir.join("trang.png");
    std::fs::write(&blank, white).unwrap();
    (photo, blank)
}

#[test]
fn a_photo_is_read_and_a_picture_without_text_is_refused() {
    tesseract();
    let dir = common::fresh_dir("photos");
    let (photo, blank) = photos(&dir);
    let out = common::congvan(&["parse", photo.to_str().unwrap(), "--json"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    let d: serde_json::Value = serde_json::from_str(&said).unwrap();
    assert_eq!(d["doc_type"], "Thông báo");
    assert_eq!(d["symbol"], "TB-KCN");
    assert!(d["source"].as_str().unwrap().contains("bản quét"));
    assert_eq!(d["ocr"]["pages"], 1);
    assert_eq!(d["ocr"]["read"], serde_json::json!([1]));
    // How sure the engine was, field by field.
    assert!(
        d["ocr"]["fields"]["doc_type"]
            .as_u64()
            .is_some_and(|c| c <= 100),
        "{said}"
    );
    let out = common::congvan(&["parse", blank.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("trang.png") && err.contains("không nhận ra chữ"),
        "{err}"
    );
}

#[test]
fn a_date_line_printed_pale_is_read_again_made_dark() {
    tesseract();
    // Scan g04's first page with its place and date line ("Bắc Giang, ngày 06 tháng 11 năm
    // 2012", right of the number) made as pale as grey type: a third of its darkness.
    let bytes = std::fs::read(common::root().join("tests/data/scanned/g04.pdf")).unwrap();
    let scan = congvan::read::import::scan_pages(&bytes).unwrap();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(&scan.pages[0].bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut grey = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut grey).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let width = info.width as usize;
    for (k, p) in grey.iter_mut().enumerate() {
        if (1000..width).contains(&(k % width)) && (420..515).contains(&(k / width)) {
            *p = 255 - (255 - *p) / 3;
        }
    }
    let mut pale = Vec::new();
    let mut encoder = png::Encoder::new(&mut pale, info.width, info.height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&grey)
        .unwrap();
    let file = common::fresh_dir("pale").join("nhat.png");
    std::fs::write(&file, pale).unwrap();
    let out = common::congvan(&["parse", file.to_str().unwrap(), "--json"]);
    let said = String::from_utf8_lossy(&out.stdout);
    let d: serde_json::Value = serde_json::from_str(&said).unwrap();
    assert_eq!(
        (&d["place"], &d["date"]),
        (
            &serde_json::json!("Bắc Giang"),
            &serde_json::json!("2012-11-06")
        ),
        "{said}"
    );
}

/// What the engine read on scan g01 (`tesseract … -c tessedit_create_tsv=1`), kept so the
/// layout of its words is tested without the engine.
#[test]
fn a_line_the_engine_read_whole_stays_whole_beside_two_columns_below() {
    let bytes = std::fs::read(common::root().join("tests/data/scanned/g01.pdf")).unwrap();
    let scale = congvan::read::import::scan_pages(&bytes).unwrap().pages[0].scale;
    let tsv = std::fs::read_to_string(common::root().join("tests/data/scanned/g01.tsv")).unwrap();
    let words = congvan::read::pdf::scan::words_from_tsv(&tsv);
    let lines = congvan::read::pdf::scan::lines(&[(scale, words)]);
    let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).collect();
    let at = |start: &str| texts.iter().position(|t| t.starts_with(start));
    let last = at("Nhận được Giấy mời").expect("the body's last line");
    assert!(texts[last].ends_with("đúng thành"), "{:?}", texts[last]);
    assert!(at("- Như thành") > Some(last), "{texts:#?}");
}

/// A sheet fed upside down and a page photographed a quarter turned either way read as
/// the page upright: its number, ký hiệu and date.
#[test]
fn a_page_upside_down_or_sideways_is_turned_upright() {
    tesseract();
    let dir = common::fresh_dir("turned");
    let bytes = std::fs::read(common::root().join("tests/data/scanned/g06.pdf")).unwrap();
    let page = &congvan::read::import::scan_pages(&bytes).unwrap().pages[0];
    for quarters in [1, 2, 3] {
        let turned = congvan::read::picture::turned(page, quarters).unwrap();
        let path = dir.join(format!("trang-{quarters}.png"));
        std::fs::write(&path, &turned.bytes).unwrap();
        let out = common::congvan(&["parse", path.to_str().unwrap(), "--json"]);
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{said}");
        let d: serde_json::Value = serde_json::from_str(&said).unwrap();
        let got = (&d["number"], &d["symbol"], &d["date"]);
        assert_eq!(
            got,
            (&"1462".into(), &"QĐ-UBND".into(), &"2012-10-18".into()),
            "{quarters}"
        );
    }
}

/// A phone's JPEG whose EXIF says to show it a quarter turned is read turned so.
#[test]
fn a_photo_is_turned_as_its_exif_says() {
    let bytes = std::fs::read(common::root().join("tests/data/scanned/g08.pdf")).unwrap();
    let page = &congvan::read::import::scan_pages(&bytes).unwrap().pages[0];
    assert!(page.bytes.starts_with(b"\xff\xd8"));
    let (width, height) = (page.width, page.height);
    // An APP1 segment right after the JPEG's start: "Exif", then a TIFF whose one entry
    // is Orientation 6 (a quarter clockwise).
    let tiff = b"II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00";
    let mut app1 = b"\xff\xe1".to_vec();
    app1.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend(b"Exif\x00\x00");
    app1.extend(tiff);
    let mut photo = page.bytes[..2].to_vec();
    photo.extend(app1);
    photo.extend(&page.bytes[2..]);
    let turned = &congvan::read::import::scan_pages(&photo).unwrap().pages[0];
    assert_eq!((turned.width, turned.height), (height, width));
    let plain = &congvan::read::import::scan_pages(&page.bytes)
        .unwrap()
        .pages[0];
    assert_eq!((plain.width, plain.height), (width, height));
}
