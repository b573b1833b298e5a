//! Speed of reading a scan through OCR, the page's picture taken out, read by Tesseract
//! and parsed: target under 10 s an A4 page on two cores. Scan g04 (300 dpi, 2480×3508,
//! the largest), g06 (200 dpi, JBIG2) and g02 (150 dpi, read enlarged to 300), and g06 as
//! a photo turned a quarter counter-clockwise (read three times: as it came, upside down,
//! then upright); and an A4 page at 300 dpi scanned 3° aslant turned level, what that adds
//! to its reading. Run with `cargo bench -p congvan --bench scan`; it needs the
//! `tesseract` program (scripts/setup test).

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let data = std::env::temp_dir().join(format!("congvan-bench-scan-{}", std::process::id()));
    std::env::set_var("CONGVAN_DATA_DIR", &data);
    let desk = congvan::desk::Desk::in_memory().unwrap();
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    for id in ["g04", "g06", "g02"] {
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
    // A page scanned aslant is turned level before the engine reads it: the slant found
    // and the page turned, on an A4 page at 300 dpi of lines of words 3° aslant.
    let aslant = lines_aslant(2480, 3508, 3.0);
    group.bench_function("turn an A4 page at 300 dpi scanned 3° aslant level", |b| {
        b.iter(|| congvan::read::picture::straightened(black_box(&aslant)).unwrap())
    });
    group.finish();
    let _ = std::fs::remove_dir_all(data);
}

/// A grey PNG page of `width` × `height` pixels, lines of words 60 pixels apart running
/// `slant` degrees aslant, in pixels of 0 and 255 with a grey edge (turned in bilinear).
fn lines_aslant(width: usize, height: usize, slant: f32) -> congvan::read::pdf::scan::PageImage {
    let slope = slant.to_radians().tan();
    let mut data = vec![255u8; width * height];
    let mut base = 300.0;
    while base < height as f32 - 300.0 {
        for x in 200..width - 200 {
            if x % 90 >= 70 {
                continue;
            }
            let y = (base + (x as f32 - width as f32 / 2.0) * slope).round() as usize;
            for dy in 0..4 {
                data[(y + dy) * width + x] = 0;
            }
            data[(y + 4) * width + x] = 128;
        }
        base += 60.0;
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width as u32, height as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&data)
        .unwrap();
    congvan::read::pdf::scan::PageImage {
        bytes,
        width: width as u32,
        height: height as u32,
        scale: 0.24,
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
