//! Every fixture the writer renders reads back, through the .docx importer and the parser,
//! as the letter it was made from: header names, number, date, V/v, Kính gửi, Nơi nhận, signer.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

#[test]
fn every_rendered_fixture_reads_back_as_its_letter() {
    let mut failures = Vec::new();
    for (name, path) in common::fixtures() {
        let letter = congvan::Letter::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = congvan::read::import::text("x.docx", &common::render_fixture(&path)).unwrap();
        let diffs = common::read_back_differences(&letter, &congvan::read::parse::parse(&text));
        failures.extend(diffs.into_iter().map(|d| format!("{name}: {d}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
