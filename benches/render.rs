//! Speed of the writer: one seed letter from its form to .docx bytes (target: under 1 ms
//! median in release on the 2-core machine), and to the HTML preview; and a sao y of that
//! letter as received, the copy's parts written after its text.
//! Run with `cargo bench -p congvan --bench render`.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

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
    let received = render::docx(&Document::from_letter(&letter)).unwrap();
    let profile = congvan::Profile::example();
    let order = congvan::issue::certified::Order {
        kind: congvan::DocKind::from_name("Bản sao y"),
        signer: profile.signers[0].clone(),
        distribution: vec!["Lưu: VT".into()],
    };
    let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
    let copied = congvan::read::parse::read("nhan.docx", &received).unwrap();
    let copy = congvan::issue::register::issued(
        &congvan::issue::certified::copy_letter(&copied, &profile, &order, day),
        5,
        day,
    );
    let images = congvan::render::images::Images::default();
    c.bench_function("sao y of a received docx (seed 000)", |b| {
        b.iter(|| congvan::issue::certified::certify(black_box(&received), &copy, &images).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
