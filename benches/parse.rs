//! Speed of the reader on a 30 KB directive (seed 004, the provincial plan): target under
//! 1 ms median; and on original files as they arrive, a Word 97 .doc and an e-office PDF
//! (`tests/data/files`). Run with `cargo bench -p congvan --bench parse`.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004_"))
        .unwrap();
    let bytes = std::fs::read(path).unwrap();
    let text = congvan::read::import::text("004.txt", &bytes).unwrap();
    assert!(text.len() > 30_000);
    c.bench_function("parse a 30 KB directive (seed 004)", |b| {
        b.iter(|| congvan::read::parse::parse(black_box(&text)))
    });
    c.bench_function("import and parse a 30 KB directive (seed 004)", |b| {
        b.iter(|| {
            congvan::read::parse::parse(
                &congvan::read::import::text("004.txt", black_box(&bytes)).unwrap(),
            )
        })
    });
    let files = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/files/docs");
    for name in ["f11.doc", "f01.pdf"] {
        let bytes = std::fs::read(format!("{files}/{name}")).unwrap();
        c.bench_function(&format!("read an original file ({name})"), |b| {
            b.iter(|| congvan::read::parse::read(name, black_box(&bytes)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
