//! The built-in templates fill in a body that the writer lays out: the forwarding letter of
//! seed 000 and the plan of seed 003, from their metadata in `seeds/truth.jsonl`.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

use congvan::draft::template::Template;
use congvan::{render, Document, Letter};
use serde_json::{json, Value};

fn template(id: &str) -> Template {
    Template::builtins()
        .into_iter()
        .find(|t| t.id == id)
        .unwrap()
}

/// The references of a truth record, with the trích yếu a full first citation needs.
fn references(record: &Value, subject: &str) -> Value {
    let mut refs = record["references"].clone();
    for r in refs.as_array_mut().unwrap() {
        r["subject"] = json!(subject);
    }
    refs
}

fn render_with_body(fixture: &str, body: String) -> common::DocxText {
    let path = common::root()
        .join("tests/fixtures")
        .join(format!("{fixture}.json"));
    let mut letter = Letter::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    letter.body = body;
    common::read_docx(&render::docx(&Document::from_letter(&letter)).unwrap())
}

#[test]
fn cong_van_trien_khai_cites_the_parent_and_its_plan_in_full() {
    let seed = common::truth("000_");
    let body = template("cong-van-trien-khai")
        .render_body(&json!({
            "references": [references(&seed, "phát động Phong trào thi đua năm 2024")[0].clone()],
            "request": "Ban Thường vụ Liên đoàn Lao động huyện đề nghị các công đoàn cơ sở triển khai thực hiện một số nội dung sau:",
            "items": ["Phối hợp chuyên môn cùng cấp triển khai Kế hoạch.", "Đẩy mạnh công tác **tuyên truyền**."],
            "attachment": seed["references"][1],
            "office": {"name": "Liên đoàn Lao động huyện Dương Minh Châu", "short_name": "Liên đoàn Lao động huyện", "collective": "Ban Thường vụ Liên đoàn Lao động huyện"},
        }))
        .unwrap();
    let text = render_with_body("seed-000-cong-van-165", body);
    assert_eq!(
        text.paras[1..],
        [
            "Thực hiện Công văn số 464/LĐLĐ ngày 06/5/2024 của Ban Thường vụ Liên đoàn Lao động tỉnh về phát động Phong trào thi đua năm 2024.",
            "Ban Thường vụ Liên đoàn Lao động huyện đề nghị các công đoàn cơ sở triển khai thực hiện một số nội dung sau:",
            "1. Phối hợp chuyên môn cùng cấp triển khai Kế hoạch.",
            "2. Đẩy mạnh công tác tuyên truyền.",
            "(Gửi kèm Kế hoạch số 1062/KH-UBND).",
            "Đề nghị các đơn vị triển khai thực hiện tốt các nội dung trên./.",
        ]
    );
}

#[test]
fn ke_hoach_has_its_three_parts_as_headings() {
    let seed = common::truth("003_");
    let body = template("ke-hoach")
        .render_body(&json!({
            "references": references(&seed, "phối hợp tham gia làm công tác dân vận đợt II/2024"),
            "introduction": "Ban Thường vụ Liên đoàn Lao động huyện xây dựng kế hoạch như sau:",
            "aims": "Nhằm phát huy sức mạnh tổng hợp.",
            "content": "1. Công tác tuyên truyền\n\n- Tập trung tuyên truyền.",
            "organisation": "Các công đoàn cơ sở báo cáo kết quả.",
            "office": {"collective": "Ban Thường vụ Liên đoàn Lao động huyện"},
        }))
        .unwrap();
    let (paras, _) = congvan::markup::parse(&body);
    let headings: Vec<String> = paras
        .iter()
        .filter(|p| p.role == congvan::markup::Role::Heading)
        .map(|p| match &p.inlines[0] {
            congvan::markup::Inline::Text { text, .. } => text.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        headings,
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. NỘI DUNG",
            "III. TỔ CHỨC THỰC HIỆN"
        ]
    );
    let text = render_with_body("seed-003-ke-hoach-73", body);
    assert!(text.paras[2].starts_with(
        "Căn cứ Kế hoạch số 132/KH-LĐLĐ ngày 25/11/2024 của Ban Thường vụ Liên đoàn Lao động tỉnh về phối hợp"
    ));
    assert!(text.paras[2].contains("; Kế hoạch số 275-KH/BCĐ ngày 19/11/2024 của Ban chỉ đạo"));
}

/// The directive a seed reads as.
fn seed_directive(prefix: &str) -> congvan::read::parse::Directive {
    let path = std::fs::read_dir(common::seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    congvan::read::parse::read(&path.to_string_lossy(), &std::fs::read(&path).unwrap()).unwrap()
}

#[test]
fn a_letter_saved_as_a_template_writes_the_next_parents_letter() {
    use congvan::draft::{draft, draft_with, template_from, CustomField, TemplateChoices};
    let profile = congvan::Profile::example();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 5, 10).unwrap();
    let first = seed_directive("004_");
    let mut letter = draft_with(
        Some(&first),
        &profile,
        "cong-van-trien-khai",
        today,
        &Default::default(),
    )
    .unwrap()
    .letter;
    letter.body = letter.body.replace(
        "Báo cáo kết quả thực hiện",
        "Báo cáo kết quả thực hiện trước ngày 30/6/2024",
    ) + "\nGhi chú: {{không phải mẫu}}.\n";
    letter.recipients = vec!["Các công đoàn cơ sở khối doanh nghiệp".into()];
    let choices = TemplateChoices {
        name: "Chuyển kế hoạch cho khối doanh nghiệp".into(),
        description: "Kính gửi cố định".into(),
        parent: true,
        subject: true,
        office: true,
        keep_addressees: true,
        fields: vec![CustomField {
            label: "Hạn báo cáo".into(),
            text: "trước ngày 30/6/2024".into(),
        }],
    };
    let source = template_from(&letter, Some(&first), &profile, &choices).unwrap();
    assert!(source.contains("{{citation references.[0]}}"), "{source}");
    assert!(source.contains("{{{truong_1}}}"), "{source}");
    assert!(source.contains("\\{{không phải mẫu}}"), "{source}");
    let template = Template::parse("rieng", &source).unwrap();

    // For the parent it came from, the template writes the same letter again.
    let again = draft(
        Some(&first),
        &profile,
        &template,
        today,
        &Default::default(),
    )
    .unwrap();
    assert_eq!(again.letter, letter);

    // For another parent, its citation, its topic and the fixed Kính gửi.
    let next = seed_directive("003_");
    let other = draft(Some(&next), &profile, &template, today, &Default::default())
        .unwrap()
        .letter;
    let number = next.number.clone().unwrap();
    assert!(
        other.body.contains(&format!("số {number}/")),
        "{}",
        other.body
    );
    assert!(!other.body.contains("1062"), "{}", other.body);
    assert!(other.body.contains("trước ngày 30/6/2024"));
    assert_ne!(other.subject, letter.subject);
    assert_eq!(other.recipients, letter.recipients);
    assert_eq!(other.distribution, letter.distribution);

    // A passage that is not in the body, or a template without a name, is refused.
    let missing = TemplateChoices {
        fields: vec![CustomField {
            label: "x".into(),
            text: "không có trong thư".into(),
        }],
        ..choices.clone()
    };
    let err = template_from(&letter, Some(&first), &profile, &missing).unwrap_err();
    assert!(err.to_string().contains("không thấy đoạn"), "{err}");
    let unnamed = TemplateChoices {
        name: " ".into(),
        ..choices
    };
    let err = template_from(&letter, None, &profile, &unnamed).unwrap_err();
    assert!(err.to_string().contains("chưa đặt tên"), "{err}");
}
