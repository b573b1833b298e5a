//! The reader against `tests/data/seeds/truth.jsonl`: the share of filled fields it gets
//! right, printed, and failing below 95 %.
//!
//! Fields: every non-null key of a truth record (doc_type, number, symbol, issuer,
//! parent_body, place, date, subject, recipients, distribution, and the signer's authority,
//! title and name), and each reference. References count against the longer of the two
//! lists, so a reference the reader invents costs as much as one it misses.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

use serde_json::Value;

const FIELDS: &[&str] = &[
    "doc_type",
    "number",
    "symbol",
    "issuer",
    "parent_body",
    "place",
    "date",
    "subject",
    "recipients",
    "distribution",
];

/// (right, total, what went wrong) for one seed.
fn score(truth: &Value, got: &Value) -> (usize, usize, Vec<String>) {
    let mut right = 0;
    let mut total = 0;
    let mut wrong = Vec::new();
    let mut check = |name: String, want: &Value, have: &Value| {
        if want.is_null() {
            return;
        }
        total += 1;
        if want == have {
            right += 1;
        } else {
            wrong.push(format!("{name}: want {want}, got {have}"));
        }
    };
    for f in FIELDS {
        check(f.to_string(), &truth[f], &got[f]);
    }
    for f in ["authority", "title", "name"] {
        check(
            format!("signer.{f}"),
            &truth["signer"][f],
            &got["signer"][f],
        );
    }
    let want = truth["references"].as_array().cloned().unwrap_or_default();
    let have = got["references"].as_array().cloned().unwrap_or_default();
    let same = |w: &Value, h: &Value| {
        ["doc_type", "number", "symbol", "date", "issuer"]
            .iter()
            .all(|k| w[k] == h[k])
    };
    let matched = want
        .iter()
        .filter(|w| have.iter().any(|h| same(w, h)))
        .count();
    total += want.len().max(have.len());
    right += matched;
    for w in want.iter().filter(|w| !have.iter().any(|h| same(w, h))) {
        wrong.push(format!("reference missed: {w}"));
    }
    for h in have.iter().filter(|h| !want.iter().any(|w| same(w, h))) {
        wrong.push(format!("reference not in truth: {}", serde_json::json!({"doc_type": h["doc_type"], "number": h["number"], "symbol": h["symbol"], "date": h["date"], "issuer": h["issuer"]})));
    }
    (right, total, wrong)
}

#[test]
fn the_reader_gets_95_percent_of_the_seed_fields_right() {
    let truth = std::fs::read_to_string(common::seeds().join("truth.jsonl")).unwrap();
    let (mut right, mut total) = (0, 0);
    let mut report = Vec::new();
    for line in truth.lines() {
        let t: Value = serde_json::from_str(line).unwrap();
        let id = t["id"].as_str().unwrap();
        let bytes = std::fs::read(common::seeds().join(format!("{id}.txt"))).unwrap();
        let text = congvan::read::import::text(&format!("{id}.txt"), &bytes).unwrap();
        let got = serde_json::to_value(congvan::read::parse::parse(&text)).unwrap();
        let (r, n, wrong) = score(&t, &got);
        right += r;
        total += n;
        report.push(format!("{id}: {r}/{n}"));
        report.extend(wrong.into_iter().map(|w| format!("    {w}")));
    }
    let share = right as f64 / total as f64;
    println!(
        "reader on seeds/truth.jsonl: {right}/{total} fields right ({:.1} %)",
        share * 100.0
    );
    println!("{}", report.join("\n"));
    assert!(
        share >= 0.95,
        "{right}/{total} = {:.1} % < 95 %\n{}",
        share * 100.0,
        report.join("\n")
    );
}
