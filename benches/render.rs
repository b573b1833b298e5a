//! Speed of the writer: one seed letter from its form to .docx bytes (target: under 1 ms
//! median in release on the 2-core machine), and to the HTML preview.
//! Run with `cargo bench -p congvan --bench render`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

use congvan::{render, Document, Letter};

fn seed_letter() -> Letter {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-000-cong-van-165.json"
    );
    Letter::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn bench(c: &mut Criterion) {
    let letter = seed_letter();
    c.bench_function("letter to docx bytes (seed 000)", |b| {
        b.iter(|| render::docx(&Document::from_letter(black_box(&letter))).unwrap())
    });
    c.bench_function("letter to html preview (seed 000)", |b| {
        b.iter(|| render::html(&Document::from_letter(black_box(&letter))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
