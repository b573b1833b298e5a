//! The forwarding job end to end: `congvan forward` on seed 004 with the example profile
//! says what seed 000 says, and every parent we have forwards to a letter that cites its
//! number, ký hiệu and date exactly and that `congvan check` passes.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

use congvan::read::parse::parse;
use congvan::{draft, draft::template::Template, Profile};
use serde_json::Value;

fn seed(prefix: &str) -> PathBuf {
    std::fs::read_dir(common::seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with(prefix)
                && p.extension().is_some_and(|e| e == "txt")
        })
        .unwrap()
}

#[test]
fn forwarding_seed_004_says_what_seed_000_says() {
    let dir = common::fresh_dir("004");
    let out = dir.join("out.docx");
    let run = common::congvan(&[
        "forward",
        seed("004_").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--today",
        "2024-05-10",
        "--json",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: Value = serde_json::from_slice(&run.stdout).unwrap();
    let letter: congvan::Letter = serde_json::from_value(json["letter"].clone()).unwrap();
    // What seed 000 says, as its truth record gives it.
    let seed000 = common::truth("000_");

    // Header: the office's two names, "Số:      /LĐLĐ" until signing, "tháng 5 năm 2024".
    assert_eq!(letter.parent_body, "LĐLĐ TỈNH TÂY NINH");
    assert_eq!(
        letter.issuer.to_uppercase(),
        "LIÊN ĐOÀN LAO ĐỘNG HUYỆN DƯƠNG MINH CHÂU"
    );
    assert_eq!(letter.symbol, seed000["symbol"]);
    assert_eq!(letter.number, None);
    assert_eq!(letter.date.to_string(), seed000["date"]);
    // V/v: the plan's title would run to five lines of the header column, so the V/v
    // names the plan by its number (issue 11: at most four lines), and the citation below
    // carries the title in seed 000's words.
    let vv = seed000["subject"].as_str().unwrap();
    assert_eq!(letter.subject, "triển khai Kế hoạch số 1062/KH-UBND");
    // Kính gửi.
    assert_eq!(
        serde_json::to_value(&letter.recipients).unwrap(),
        seed000["recipients"]
    );
    // The reference paragraph cites the plan with its number, ký hiệu and date.
    let first = letter.body.lines().next().unwrap();
    assert!(
        first.starts_with("Thực hiện Kế hoạch số 1062/KH-UBND ngày 11/4/2024 của "),
        "{first}"
    );
    assert!(
        first.ends_with(&format!(
            "{}.",
            vv.trim_start_matches("triển khai kế hoạch ")
        )),
        "{first}"
    );
    assert!(letter.body.contains("(Gửi kèm Kế hoạch số 1062/KH-UBND)"));
    // Nơi nhận: as seed 000, with the "Lưu" line in its ND30 form "Lưu: VT, VP".
    let want: Vec<String> = serde_json::from_value(seed000["distribution"].clone()).unwrap();
    assert_eq!(
        letter.distribution[..want.len() - 1],
        want[..want.len() - 1]
    );
    assert_eq!(letter.distribution.last().unwrap(), "Lưu: VT, VP");
    // Signature block.
    assert_eq!(
        letter.signature.authority.as_deref(),
        seed000["signer"]["authority"].as_str()
    );
    assert_eq!(
        letter.signature.title,
        seed000["signer"]["title"].as_str().unwrap()
    );
    // The parent's text names no issuer: the gap is shown and listed, not filled by a guess.
    assert!(first.contains("của …"), "{first}");
    assert!(json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["message"].as_str().unwrap().contains("cơ quan ban hành")));
    // And the exported file reads back as this letter.
    let text = congvan::read::import::text("out.docx", &std::fs::read(&out).unwrap()).unwrap();
    assert!(common::read_back_differences(&letter, &parse(&text)).is_empty());
}

/// Every parent we have: the five seeds, and every fixture letter as its .docx.
fn parents() -> Vec<(String, Vec<u8>, String)> {
    let mut out: Vec<(String, Vec<u8>, String)> = ["000_", "001_", "002_", "003_", "004_"]
        .iter()
        .map(|p| {
            (
                p.to_string(),
                std::fs::read(seed(p)).unwrap(),
                "x.txt".to_string(),
            )
        })
        .collect();
    for (name, path) in common::fixtures() {
        out.push((name, common::render_fixture(&path), "x.docx".to_string()));
    }
    out
}

#[test]
fn every_parent_forwards_to_a_letter_that_cites_it_exactly_and_passes_the_checker() {
    let profile = Profile::example();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 12, 2).unwrap();
    // The templates of a letter of its own (báo cáo, giấy mời…) need not cite the parent.
    for template in Template::builtins()
        .into_iter()
        .filter(|t| t.meta.needs_parent)
    {
        for (name, bytes, file) in parents() {
            let parent = parse(&congvan::read::import::text(&file, &bytes).unwrap());
            let d = draft::draft(
                Some(&parent),
                &profile,
                &template,
                today,
                &draft::Options::default(),
            )
            .unwrap();
            let id = congvan::wording::doc_id(
                parent.number.as_deref().unwrap_or(""),
                parent.symbol.as_deref().unwrap_or(""),
            );
            // Seeds 000, 001 and 003 are copies made before signing, with the day blank:
            // their citation shows the gap, which the problems list.
            let date = match parent.date.and_then(congvan::LetterDate::to_naive) {
                Some(d) => congvan::wording::short_date(d),
                None => {
                    assert!(
                        d.problems
                            .iter()
                            .any(|p| p.message.contains("ngày ban hành")),
                        "{name}"
                    );
                    congvan::wording::GAP.to_string()
                }
            };
            let cite = format!(
                "{} số {id} ngày {date}",
                parent.doc_type.as_ref().unwrap().name()
            );
            assert!(
                d.letter.body.contains(&cite),
                "{name} / {}: {cite:?} not in\n{}",
                template.id,
                d.letter.body
            );
            // The only errors left are the gaps the parent did not fill, and each is listed.
            for f in congvan::check::check_letter(&d.letter) {
                if f.severity == congvan::check::Severity::Error {
                    assert!(
                        f.message.contains('…') && !d.problems.is_empty(),
                        "{name} / {}: {f:?}",
                        template.id
                    );
                }
            }
            let docx = congvan::render::letter_docx(&d.letter).unwrap();
            // The .docx checker leaves the body to the letter's; a gap outside it (a
            // reply's Kính gửi when the parent did not say who sent it) is its only error.
            let findings = congvan::check::check_docx(&docx).unwrap();
            assert!(
                findings
                    .iter()
                    .filter(|f| f.severity == congvan::check::Severity::Error)
                    .all(|f| f.message.contains('…') && !d.problems.is_empty()),
                "{name} / {}: {findings:#?}",
                template.id
            );
        }
    }
}

#[test]
fn forward_and_check_on_the_command_line() {
    let dir = common::fresh_dir("cli");
    let out = dir.join("a.docx");
    let parent = seed("001_");
    let ok = common::congvan(&[
        "forward",
        parent.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--today",
        "2024-06-03",
        "--dated",
    ]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        String::from_utf8_lossy(&ok.stderr).contains("cần điền"),
        "the gaps are reported"
    );
    let check = common::congvan(&["check", out.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // A letter that breaks rules fails the check, each finding with its rule.
    let mut bad = congvan::Letter::example();
    bad.distribution = vec!["Ban Dân vận HU".into()];
    bad.signature.authority = Some("THAY MẶT BAN THƯỜNG VỤ".into());
    let json = dir.join("bad.json");
    std::fs::write(&json, bad.to_json()).unwrap();
    let check = common::congvan(&["check", json.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    for expected in [
        "\"Như trên\"",
        "\"Lưu: VT, …\"",
        "TM., KT., Q., TL. hoặc TUQ.",
        "[nd30-spec.md §3 (ND30 Điều 13)]",
    ] {
        assert!(stderr.contains(expected), "{expected} not in {stderr}");
    }
    // Usage and bad input.
    assert_eq!(
        common::congvan(&["forward", parent.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        common::congvan(&[
            "forward",
            parent.to_str().unwrap(),
            "-o",
            "x.docx",
            "--template",
            "nope"
        ])
        .status
        .code(),
        Some(2)
    );
    let profile = dir.join("p.toml");
    std::fs::write(&profile, "name = \"x\"\nabbreviation = 5\n").unwrap();
    let r = common::congvan(&[
        "forward",
        parent.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--profile",
        profile.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("dòng 2"));
}

#[test]
fn the_tool_drafts_with_the_office_the_window_saved() {
    let data = common::fresh_dir("saved-profile");
    let mut profile = Profile::example();
    profile.name = "Công đoàn Viên chức huyện Tân Châu".into();
    profile.place = "Tân Châu".into();
    let mut desk = congvan::desk::Desk::open(&data.join("congvan.db")).unwrap();
    desk.save_profile(&profile).unwrap();
    drop(desk);
    let out = data.join("out.docx");
    let forward = std::process::Command::new(common::tool())
        .args([
            "forward",
            seed("004").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--today",
            "2024-05-10",
            "--json",
        ])
        .env("CONGVAN_DATA_DIR", &data)
        .output()
        .unwrap();
    let drafted: Value = serde_json::from_slice(&forward.stdout).unwrap();
    assert_eq!(
        drafted["letter"]["issuer"],
        "Công đoàn Viên chức huyện Tân Châu"
    );
    assert_eq!(drafted["letter"]["place"], "Tân Châu");
}
