//! No input makes the reader panic: random bytes through the importer (as text, .docx and
//! .pdf), and seed texts mangled by random cuts and insertions of the very things real
//! copies carry (broken header lines, pipes, HTML, legacy letters) through the parser.
//! Each case must also finish well inside a second, which catches a blow-up, not speed
//! (speed is measured by `cargo bench --bench parse`).

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

use std::time::{Duration, Instant};

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Số:",
    "Số: 12/",
    "/KH-",
    "ngày",
    "tháng",
    "năm 2024",
    ", ngày 05 tháng 3",
    "Kính gửi:",
    "Kinh gui",
    "- ",
    ";",
    "./.",
    "\n",
    "\n\n",
    "|",
    "<br>",
    "&amp;",
    "&#",
    "V/v",
    "“",
    "”",
    "TM.",
    "KT. CHỦ TỊCH",
    "Nơi nhận:",
    "Căn cứ",
    "Thực hiện",
    "theo",
    "của",
    "về",
    "Kế hoạch số ",
    "C«ng v¨n",
    "Coâng vaên",
    "e\u{301}",
    "\u{200b}",
    "\u{feff}",
    "ẻ",
    "Đ",
    "**",
    "#",
    "[^1]",
    "0",
    "99999999999",
    "2024-",
];

fn seed_texts() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(common::seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    out.sort();
    out
}

fn within_a_second<T>(f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "took {:?}",
        start.elapsed()
    );
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000), kind in 0..3usize) {
        let (name, bytes) = match kind {
            0 => ("x.txt", bytes),
            1 => ("x.docx", [b"PK\x03\x04".as_slice(), &bytes].concat()),
            _ => ("x.pdf", [b"%PDF-1.4\n".as_slice(), &bytes].concat()),
        };
        within_a_second(|| {
            if let Ok(text) = congvan::read::import::text(name, &bytes) {
                let _ = congvan::read::parse::parse(&text);
            }
        });
    }

    #[test]
    fn mangled_seeds_never_panic(
        seed in 0..5usize,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0..40usize, 0..PIECES.len(), any::<bool>()), 1..40),
    ) {
        let texts = seed_texts();
        let mut chars: Vec<char> = texts[seed % texts.len()].chars().collect();
        for (at, len, piece, insert) in edits {
            let i = at.index(chars.len() + 1);
            if insert {
                chars.splice(i..i, PIECES[piece].chars());
            } else {
                let end = (i + len).min(chars.len());
                chars.drain(i..end);
            }
        }
        let text: String = chars.into_iter().collect();
        within_a_second(|| {
            let d = congvan::read::parse::parse(&text);
            let _ = congvan::read::parse::summary(&d);
            let cleaned = congvan::read::import::clean(&text);
            let _ = congvan::read::parse::parse(&cleaned);
        });
    }
}
