//! The four seed letters (000–003), written as `Letter` fixtures, render to .docx whose
//! text read back equals the seed text, apart from the header lines the seed text omits.
//!
//! The body must match word for word. Every other line of the seed must stand in the
//! .docx's header or signature block, and every line there must stand in the seed, except
//! the lines the seed's text form lacks (the two body names, Quốc hiệu and Tiêu ngữ).
//! Normalisation, the same on both sides: Unicode NFC, white space folded, Markdown
//! markers of the seed text removed, "./." read as "." (the writer closes every body with
//! "./.", seed 002 ends with "."), and for header and signature lines only: list dashes,
//! closing ";"/".", the space of a handwritten "261 /LĐLĐ" and stray quotes around a line
//! (seed 002's V/v) are ignored, since the writer adds or drops exactly these.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

use congvan::render::document::Recipients;
use congvan::{layout, Document, Letter};
use unicode_normalization::UnicodeNormalization;

const SUPERSCRIPTS: &[char] = &['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'];

fn norm(s: &str) -> String {
    let s: String = s.nfc().collect();
    let s = s.replace(['*', '#'], "").replace("./.", ".");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn loose(s: &str) -> String {
    let s = norm(s).replace(" /", "/");
    let s = s.trim_matches(['“', '”', '"', ' ']);
    let s = s.trim_end_matches([';', '.']);
    s.split_whitespace()
        .filter(|w| *w != "-")
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(s: &str) -> Vec<String> {
    norm(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

fn check_seed(fixture: &str, seed_prefix: &str) {
    let path = common::root()
        .join("tests/fixtures")
        .join(format!("{fixture}.json"));
    let letter = Letter::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let doc = Document::from_letter(&letter);
    let text = common::read_docx(&common::render_fixture(&path));

    let seed_path = std::fs::read_dir(common::seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(seed_prefix)
        })
        .expect("seed file");
    let seed = std::fs::read_to_string(seed_path).unwrap();
    let (notes, lines): (Vec<&str>, Vec<&str>) = seed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .partition(|l| l.starts_with(SUPERSCRIPTS));

    // The paragraphs before the body: the named type's title, then Kính gửi.
    let pre = usize::from(doc.heading.is_some()) * 2
        + match &doc.recipients {
            Recipients::None => 0,
            Recipients::One(_) => 1,
            Recipients::Many { lines, .. } => 1 + lines.len(),
        };
    let (pre_paras, body_paras) = text.paras.split_at(pre);
    let body = words(&body_paras.join(" "));

    // Find the body in the seed by its first and last words, then compare word for word.
    let start = lines
        .iter()
        .position(|l| words(l).starts_with(&body[..6]))
        .unwrap_or_else(|| panic!("{fixture}: body start not found in the seed"));
    let end = lines
        .iter()
        .rposition(|l| words(l).ends_with(&body[body.len() - 3..]))
        .unwrap_or_else(|| panic!("{fixture}: body end not found in the seed"));
    let seed_body = words(&lines[start..=end].join(" "));
    if seed_body != body {
        let at = seed_body
            .iter()
            .zip(&body)
            .position(|(a, b)| a != b)
            .unwrap_or(body.len().min(seed_body.len()));
        panic!(
            "{fixture}: body differs at word {at}: seed {:?} vs docx {:?}",
            &seed_body[at.saturating_sub(3)..(at + 5).min(seed_body.len())],
            &body[at.saturating_sub(3)..(at + 5).min(body.len())]
        );
    }

    // Header and signature lines, both ways.
    let omitted: Vec<String> = [&letter.parent_body, &letter.issuer]
        .into_iter()
        .map(|s| s.to_uppercase())
        .chain([layout::QUOC_HIEU.to_string(), layout::TIEU_NGU.to_string()])
        .map(|s| loose(&s))
        .collect();
    let docx_head: Vec<&String> = text.header.iter().chain(pre_paras).collect();
    let both_ways = |seed_lines: &[&str], docx_lines: &[&String], part: &str| {
        let docx_all = loose(
            &docx_lines
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        let seed_all = loose(&seed_lines.join(" "));
        for l in seed_lines
            .iter()
            .map(|l| loose(l))
            .filter(|l| !l.is_empty())
        {
            assert!(
                docx_all.contains(&l),
                "{fixture}: seed {part} line not in the .docx: {l:?}\nin {docx_all:?}"
            );
        }
        for l in docx_lines
            .iter()
            .map(|l| loose(l))
            .filter(|l| !l.is_empty() && !omitted.contains(l))
        {
            assert!(
                seed_all.contains(&l),
                "{fixture}: .docx {part} line not in the seed: {l:?}\nin {seed_all:?}"
            );
        }
    };
    both_ways(&lines[..start], &docx_head, "header");
    let tail: Vec<&String> = text.tail.iter().collect();
    both_ways(&lines[end + 1..], &tail, "signature");

    // Footnotes: the seed's text form cuts the last one at a page break, so it is a prefix.
    assert_eq!(notes.len(), text.notes.len(), "{fixture}: footnote count");
    for (seed_note, docx_note) in notes.iter().zip(&text.notes) {
        let seed_note = norm(seed_note.trim_start_matches(SUPERSCRIPTS));
        assert!(
            norm(docx_note).starts_with(&seed_note),
            "{fixture}: footnote {seed_note:?} vs {docx_note:?}"
        );
    }
}

#[test]
fn seed_000_cong_van_165() {
    check_seed("seed-000-cong-van-165", "000_");
}

#[test]
fn seed_001_cong_van_183_with_footnotes() {
    check_seed("seed-001-cong-van-183", "001_");
}

#[test]
fn seed_002_cong_van_261() {
    check_seed("seed-002-cong-van-261", "002_");
}

#[test]
fn seed_003_ke_hoach_73() {
    check_seed("seed-003-ke-hoach-73", "003_");
}
