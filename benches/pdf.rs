//! Speed of the in-process PDF: one seed letter from its form to PDF bytes (target: at most
//! 100 ms in release on the 2-core machine), the same with its five signed copies, and the
//! fonts checked and loaded. Run with `cargo bench -p congvan --bench pdf`; the whole
//! process against LibreOffice's is `scripts/versus-libreoffice`.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};

use congvan::render::pdf::{self, Fonts};
use congvan::{Document, Letter};

fn seed_letter() -> Letter {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-000-cong-van-165.json"
    );
    Letter::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn faces() -> [Vec<u8>; 4] {
    ["Regular", "Bold", "Italic", "BoldItalic"].map(|name| {
        std::fs::read(format!(
            "{}/resources/fonts/LiberationSerif-{name}.ttf",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    })
}

fn bench(c: &mut Criterion) {
    let letter = seed_letter();
    let fonts = Fonts::new(faces()).unwrap();
    c.bench_function("letter to pdf bytes (seed 000)", |b| {
        b.iter(|| pdf::pdf(&Document::from_letter(black_box(&letter)), &fonts).unwrap())
    });
    let copies: Vec<Document> = (0..5).map(|_| Document::from_letter(&letter)).collect();
    c.bench_function("five signed copies to one pdf (seed 000)", |b| {
        b.iter(|| pdf::copies_pdf(black_box(&copies), &fonts).unwrap())
    });
    let files = faces();
    c.bench_function("fonts checked and loaded", |b| {
        b.iter(|| Fonts::new(black_box(files.clone())).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
