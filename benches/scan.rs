//! Speed of reading a scan through OCR, the page's picture taken out, read by Tesseract
//! and parsed: target under 10 s an A4 page on two cores. Scan g04 (300 dpi, 2480×3508,
//! the largest) and g06 (200 dpi, JBIG2), and g06 as a photo turned a quarter
//! counter-clockwise (read three times: as it came, upside down, then upright). Run with
//! `cargo bench -p congvan --bench scan`; it needs the `tesseract` program (scripts/setup
//! test).

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let data = std::env::temp_dir().join(format!("congvan-bench-scan-{}", std::process::id()));
    std::env::set_var("CONGVAN_DATA_DIR", &data);
    let desk = congvan::desk::Desk::in_memory().unwrap();
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    for id in ["g04", "g06"] {
        let name = format!("{id}.pdf");
        let path = format!("{}/tests/data/scanned/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).unwrap();
        group.bench_function(format!("read scan {id} (one A4 page) through OCR"), |b| {
            b.iter(|| {
                desk.read_bytes(&name, black_box(&bytes), &mut Default::default())
                    .unwrap()
            })
        });
    }
    // The worst way up: read as it came, upside down, then a quarter clockwise.
    let bytes = std::fs::read(format!(
        "{}/tests/data/scanned/g06.pdf",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let page = &congvan::read::import::scan_pages(&bytes).unwrap().pages[0];
    let sideways = congvan::read::picture::turned(page, 3).unwrap().bytes;
    group.bench_function("read photo g06 turned a quarter through OCR", |b| {
        b.iter(|| {
            desk.read_bytes("g06.png", black_box(&sideways), &mut Default::default())
                .unwrap()
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(data);
}

criterion_group!(benches, bench);
criterion_main!(benches);
