//! The forwarding job: a parent directive, the office profile and a template, with "today"
//! passed in, give the letter the clerk will check. What the parent did not say stays a
//! visible "…" in the letter and is listed as a problem; nothing is invented.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::json;

use crate::error::Error;
use crate::model::{DocKind, DocRef, Letter, LetterDate, Profile, Signature};
use crate::parse::{Directive, Problem};
use crate::template::Template;
use crate::wording::{self, GAP};

/// A drafted letter and what the clerk must still fill in or confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// The letter, ready for the form.
    pub letter: Letter,
    /// The gaps, each naming the field of the letter it leaves open.
    pub problems: Vec<Problem>,
}

/// Choices the clerk makes when drafting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Put today's day in the date line now, instead of leaving it blank until signing.
    pub dated: bool,
    /// Which of the profile's signers signs (0 is the first).
    pub signer: usize,
}

/// Drafts with the built-in template `template_id`.
pub fn draft_with(
    parent: &Directive,
    profile: &Profile,
    template_id: &str,
    today: NaiveDate,
    options: &Options,
) -> Result<Draft, Error> {
    let template = Template::builtin(template_id).ok_or_else(|| Error::Template {
        template: template_id.to_string(),
        message: "không có mẫu này".into(),
    })?;
    draft(parent, profile, &template, today, options)
}

/// Drafts the letter that forwards `parent`.
pub fn draft(
    parent: &Directive,
    profile: &Profile,
    template: &Template,
    today: NaiveDate,
    options: &Options,
) -> Result<Draft, Error> {
    let mut problems = Vec::new();
    let mut gap = |field: &str, message: String| {
        problems.push(Problem {
            line: None,
            field: field.to_string(),
            message,
        })
    };
    let kind = template.meta.doc_type.clone();

    // The parent as its first citation will name it.
    let parent_kind = parent
        .doc_type
        .clone()
        .unwrap_or_else(|| DocKind::from_name("Văn bản"));
    let parent_ref = DocRef {
        doc_type: parent_kind.clone(),
        number: parent.number.clone().unwrap_or_default(),
        symbol: parent.symbol.clone().unwrap_or_default(),
        date: parent.date.and_then(LetterDate::to_naive),
        issuer: parent.issuer.as_deref().map(wording::proper_name),
        subject: parent.subject.clone(),
    };
    let missing = [
        (parent.number.is_none(), "số"),
        (parent.symbol.is_none(), "ký hiệu"),
        (parent_ref.date.is_none(), "ngày ban hành"),
        (parent.issuer.is_none(), "cơ quan ban hành"),
        (parent.subject.is_none(), "trích yếu"),
    ];
    for (_, what) in missing.iter().filter(|(absent, _)| *absent) {
        gap(
            "body",
            format!(
                "văn bản cấp trên không cho biết {what}: điền vào chỗ \"{GAP}\" trong đoạn căn cứ"
            ),
        );
    }
    if parent.doc_type.is_none() {
        gap(
            "body",
            "chưa rõ loại văn bản cấp trên: sửa chữ \"Văn bản\" trong đoạn căn cứ".into(),
        );
    }

    // A công văn that forwards a plan: cite both, and attach the plan (spec §5 practice).
    let forwarded = parent_kind
        .is_cong_van()
        .then(|| parent.references.first())
        .flatten()
        .map(|r| DocRef {
            issuer: r.issuer.as_deref().map(wording::proper_name),
            ..r.clone()
        });
    if let Some(f) = &forwarded {
        let short = wording::short_citation(f);
        for (absent, what) in [
            (f.date.is_none(), "ngày ban hành"),
            (f.issuer.is_none(), "cơ quan ban hành"),
            (f.subject.is_none(), "trích yếu"),
        ] {
            if absent {
                gap("body", format!("văn bản cấp trên không cho biết {what} của {short}: điền vào chỗ \"{GAP}\" trong đoạn căn cứ"));
            }
        }
    }
    let mut references = vec![parent_ref.clone()];
    references.extend(forwarded.clone());
    let attachment = forwarded.unwrap_or_else(|| parent_ref.clone());

    let subject_of_parent = parent
        .subject
        .as_deref()
        .map(wording::lower_first)
        .unwrap_or_else(|| GAP.to_string());
    let values = json!({
        "parent": {
            "kind": parent_kind.name(),
            "kind_lower": parent_kind.name().to_lowercase(),
            "number": parent_ref.number,
            "symbol": parent_ref.symbol,
            "issuer": parent_ref.issuer.clone().unwrap_or_else(|| GAP.to_string()),
            "subject": parent.subject.clone().unwrap_or_else(|| GAP.to_string()),
            "subject_lower": subject_of_parent,
            "topic": topic(&parent_kind, &subject_of_parent),
        },
        "references": references,
        "attachment": attachment,
        "office": {
            "name": profile.name,
            "short_name": if profile.short_name.is_empty() { &profile.name } else { &profile.short_name },
            "collective": if profile.collective.is_empty() { &profile.name } else { &profile.collective },
        },
    });
    let subject = template.render_subject(&values)?;
    let body = template.render_body(&values)?;

    let symbol = profile.symbol_for(&kind).unwrap_or_else(|| {
        gap(
            "symbol",
            format!("chưa biết chữ viết tắt của loại \"{kind}\": điền ký hiệu"),
        );
        GAP.to_string()
    });
    let recipients: Vec<String> = if kind.is_cong_van() {
        let r = profile
            .recipients
            .first()
            .map(|g| g.entries.clone())
            .unwrap_or_default();
        if r.is_empty() {
            gap(
                "recipients",
                "hồ sơ đơn vị chưa có nơi gửi (Kính gửi)".into(),
            );
        }
        r
    } else {
        Vec::new()
    };
    // Nơi nhận: "Như trên" first when there is a Kính gửi, "Lưu: VT, <unit>" last (spec §3).
    let mut distribution = Vec::new();
    if !recipients.is_empty() {
        distribution.push("Như trên".to_string());
    }
    distribution.extend(
        profile
            .distribution
            .first()
            .map(|g| g.entries.clone())
            .unwrap_or_default(),
    );
    distribution.push(format!("Lưu: VT, {}", profile.drafting_unit));
    let signature = profile
        .signers
        .get(options.signer)
        .cloned()
        .unwrap_or_else(|| {
            gap("signature", "hồ sơ đơn vị chưa có người ký này".into());
            Signature {
                title: GAP.to_string(),
                ..Signature::default()
            }
        });

    let letter = Letter {
        doc_type: kind,
        parent_body: profile.parent_body.clone(),
        issuer: profile.name.clone(),
        number: None,
        symbol,
        place: profile.place.clone(),
        date: LetterDate {
            year: today.year(),
            month: today.month(),
            day: options.dated.then(|| today.day()),
        },
        subject,
        recipients,
        body,
        distribution,
        signature,
    };
    Ok(Draft { letter, problems })
}

/// What the letter carries on, for a trích yếu "triển khai <topic>": the parent's own
/// action when its trích yếu already is one ("triển khai thực hiện Chỉ thị …" goes on as
/// "thực hiện Chỉ thị …"), otherwise the parent named by kind ("kế hoạch phát động …").
fn topic(kind: &DocKind, subject: &str) -> String {
    if let Some(rest) = subject.strip_prefix("triển khai ") {
        return rest.to_string();
    }
    if subject.starts_with("thực hiện ") {
        return subject.to_string();
    }
    format!("{} {subject}", kind.name().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: &str, subject: &str, expected: &str) {
        assert_eq!(topic(&DocKind::from_name(kind), subject), expected);
    }

    #[test]
    fn the_topic_carries_the_parents_action_on() {
        check(
            "Kế hoạch",
            "phát động Phong trào thi đua năm 2024",
            "kế hoạch phát động Phong trào thi đua năm 2024",
        );
        check(
            "Công văn",
            "triển khai thực hiện Chỉ thị số 05/CT-TTg",
            "thực hiện Chỉ thị số 05/CT-TTg",
        );
        check(
            "Công văn",
            "thực hiện Kế hoạch số 119/KH-UBND",
            "thực hiện Kế hoạch số 119/KH-UBND",
        );
        check(
            "Công văn",
            "tăng cường công tác phòng cháy",
            "công văn tăng cường công tác phòng cháy",
        );
    }
}
