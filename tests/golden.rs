//! Golden `word/document.xml` of each fixture, and byte-identical output for the same input.
//! After an intended layout change, rewrite the golden files with
//! `UPDATE_GOLDEN=1 cargo test -p congvan --test golden` and review the diff.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

/// document.xml with a line break before each paragraph, row and cell, so diffs are readable.
fn readable(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + xml.len() / 20);
    for (i, piece) in xml.split('<').enumerate() {
        if i > 0 {
            if [
                "w:p>", "w:p ", "w:tbl>", "w:tr>", "w:tr ", "w:tc>", "w:sectPr",
            ]
            .iter()
            .any(|t| piece.starts_with(t))
            {
                out.push('\n');
            }
            out.push('<');
        }
        out.push_str(piece);
    }
    out.push('\n');
    out
}

/// Compares `actual` with the golden file `name`, or rewrites it under UPDATE_GOLDEN;
/// gives the first difference.
fn compare(name: &str, actual: &str) -> Option<String> {
    let golden = common::root()
        .join("tests/golden")
        .join(format!("{name}.document.xml"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|_| {
        panic!(
            "missing {}: run UPDATE_GOLDEN=1 cargo test -p congvan --test golden",
            golden.display()
        )
    });
    (expected != actual).then(|| {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        format!(
            "{name}: first difference at line {}:\n  golden: {}\n  now:    {}",
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or("")
        )
    })
}

#[test]
fn document_xml_matches_the_golden_files() {
    let stale: Vec<String> = common::fixtures()
        .into_iter()
        .filter_map(|(name, path)| {
            let actual = readable(&common::part(
                &common::render_fixture(&path),
                "word/document.xml",
            ));
            compare(&name, &actual)
        })
        .collect();
    assert!(
        stale.is_empty(),
        "document.xml changed (UPDATE_GOLDEN=1 to accept):\n{}",
        stale.join("\n")
    );
}

/// Seed 000's letter as received, with a sao y of it signed with images: the copy's parts
/// after the letter.
fn certified_copy() -> Vec<u8> {
    let (_, path) = &common::fixtures()[0];
    let received = common::render_fixture(path);
    let profile = congvan::Profile::example();
    let order = congvan::issue::certified::Order {
        kind: congvan::DocKind::from_name("Bản sao y"),
        signer: profile.signers[0].clone(),
        distribution: vec!["Các công đoàn cơ sở trực thuộc".into(), "Lưu: VT".into()],
    };
    let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
    let copied = congvan::read::parse::read("nhan.docx", &received).unwrap();
    let copy = congvan::issue::certified::copy_letter(&copied, &profile, &order, day);
    let issued = congvan::issue::register::issued(&copy, 5, day);
    congvan::issue::certified::certify(&received, &issued, &common::images()).unwrap()
}

#[test]
fn a_certified_copy_matches_its_golden_file() {
    let actual = readable(&common::part(&certified_copy(), "word/document.xml"));
    let stale = compare("sao-y-seed-000", &actual);
    assert!(stale.is_none(), "{}", stale.unwrap_or_default());
    assert!(certified_copy() == certified_copy(), "two copies differ");
}

#[test]
fn the_same_letter_gives_the_same_bytes() {
    for (name, path) in common::fixtures() {
        let first = common::render_fixture(&path);
        let second = common::render_fixture(&path);
        let other_thread = std::thread::spawn({
            let path = path.clone();
            move || common::render_fixture(&path)
        })
        .join()
        .unwrap();
        assert!(first == second, "{name}: two renders differ");
        assert!(
            first == other_thread,
            "{name}: a render on another thread differs"
        );
    }
}

#[test]
fn the_package_is_deflated_and_dated_1980() {
    let (_, path) = &common::fixtures()[0];
    let bytes = common::render_fixture(path);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            f.name()
        );
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
    }
}
