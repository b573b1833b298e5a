//! Speed of the search across both registers (SQLite FTS5 over folded text): 10,000 lines
//! of the outgoing register and 10,000 of the incoming one, searched for words without
//! marks and for a number (target: at most 50 ms in release on the 2-core machine). Run with
//! `cargo bench -p congvan --bench search`.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

use congvan::desk::store::Store;
use congvan::desk::Incoming;
use congvan::Letter;

/// Subjects as the registers hold them, varied by a counter.
const TOPICS: &[&str] = &[
    "triển khai Kế hoạch phát động phong trào thi đua",
    "tổ chức Tháng Công nhân năm",
    "hướng dẫn tổ chức đại hội công đoàn cơ sở nhiệm kỳ",
    "báo cáo kết quả thực hiện Nghị quyết",
    "tăng cường công tác phòng, chống dịch bệnh",
    "chăm lo Tết cho đoàn viên, người lao động",
    "kiểm tra việc thu, nộp kinh phí công đoàn",
    "đề xuất khen thưởng tập thể, cá nhân",
];

fn filled() -> Store {
    let mut store = Store::in_memory().unwrap();
    let mut letter = Letter::example();
    letter.signature.name = Some("Nguyễn Văn A".into());
    for k in 0..10_000usize {
        letter.number = None;
        letter.subject = format!("{} {}", TOPICS[k % TOPICS.len()], 2000 + k % 25);
        let day = NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
        store.issue(&letter, day, "chung", 0).unwrap();
        let received = Incoming {
            received_on: NaiveDate::from_ymd_opt(2024, 1 + (k % 12) as u32, 1 + (k % 28) as u32)
                .unwrap(),
            author: format!("Sở Nội vụ tỉnh số {}", k % 63),
            number_symbol: format!("{}/KH-UBND", 1000 + k),
            doc_date: None,
            kind_and_subject: format!("Kế hoạch {}", TOPICS[(k + 3) % TOPICS.len()]),
            recipient: "Chủ tịch".into(),
            note: String::new(),
        };
        store.receive(&received, None, 0).unwrap();
    }
    store
}

fn bench(c: &mut Criterion) {
    let store = filled();
    c.bench_function("search 20,000 lines: words without marks", |b| {
        b.iter(|| {
            store
                .search(black_box("ke hoach thi dua"), None, None, 50)
                .unwrap()
        })
    });
    c.bench_function("search 20,000 lines: a number and ký hiệu", |b| {
        b.iter(|| {
            store
                .search(black_box("1062/KH-UBND"), None, None, 50)
                .unwrap()
        })
    });
    c.bench_function("search 20,000 lines: one common word", |b| {
        b.iter(|| {
            store
                .search(black_box("cong doan"), None, None, 50)
                .unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
