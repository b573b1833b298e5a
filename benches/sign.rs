//! Speed of a digital signature, without the PIN entry: an issued seed letter laid out as
//! PDF with the signer's image in its room, signed (a 2048-bit RSA key in memory stands in
//! for the token, which adds its own time) and written (target: at most 1 s in release on
//! the 2-core machine); and a signed file verified. Run with
//! `cargo bench -p congvan --bench sign`.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};

use congvan::desk::{Desk, KeyFile, Role};
use congvan::Letter;

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn png(rgb: [u8; 3]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, 120, 60);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().unwrap();
    let pixels: Vec<u8> = (0..120 * 60)
        .flat_map(|i| {
            if (i / 120) % 2 == 0 {
                [rgb[0], rgb[1], rgb[2], 255]
            } else {
                [0; 4]
            }
        })
        .collect();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    out
}

fn bench(c: &mut Criterion) {
    let mut letter = Letter::from_json(&data("tests/fixtures/seed-000-cong-van-165.json")).unwrap();
    letter.number = Some(165);
    let dir = std::env::temp_dir().join(format!("congvan-bench-sign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut desk = Desk::in_memory().unwrap();
    let picture = dir.join("chu-ky.png");
    std::fs::write(&picture, png([20, 40, 180])).unwrap();
    desk.keep_image(&picture, Some(&letter.signature)).unwrap();
    let (key, cert, root) = (
        data("tests/data/signing/signer.key"),
        data("tests/data/signing/signer.pem"),
        data("tests/data/signing/root.pem"),
    );
    let mut signer = KeyFile::new(&key, &[&cert, &root]).unwrap();
    let out = dir.join("ky-so.pdf");
    c.bench_function(
        "issued letter signed with its image and written (seed 000)",
        |b| {
            b.iter(|| {
                desk.sign_letter(black_box(&letter), &out, Role::Signer, &mut signer)
                    .unwrap()
            })
        },
    );
    c.bench_function("signed letter verified", |b| {
        b.iter(|| desk.verify_file(black_box(&out), &[]).unwrap())
    });
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
