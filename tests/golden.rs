//! Golden `word/document.xml` of each fixture, and byte-identical output for the same input.
//! After an intended layout change, rewrite the golden files with
//! `UPDATE_GOLDEN=1 cargo test -p congvan --test golden` and review the diff.

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

#[test]
fn document_xml_matches_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for (name, path) in common::fixtures() {
        let actual = readable(&common::part(
            &common::render_fixture(&path),
            "word/document.xml",
        ));
        let golden = common::root()
            .join("tests/golden")
            .join(format!("{name}.document.xml"));
        if update {
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!(
                "missing {}: run UPDATE_GOLDEN=1 cargo test -p congvan --test golden",
                golden.display()
            )
        });
        if expected != actual {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            stale.push(format!(
                "{name}: first difference at line {}:\n  golden: {}\n  now:    {}",
                line + 1,
                expected.lines().nth(line).unwrap_or(""),
                actual.lines().nth(line).unwrap_or("")
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "document.xml changed (UPDATE_GOLDEN=1 to accept):\n{}",
        stale.join("\n")
    );
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
