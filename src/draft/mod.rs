//! The forwarding job: a parent directive, the office profile and a template, with "today"
//! passed in, give the letter the clerk will check. What the parent did not say stays a
//! visible "…" in the letter and is listed as a problem; nothing is invented.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub mod template;

use crate::casing;
use crate::draft::template::Template;
use crate::error::Error;
use crate::markup;
use crate::model::{DocKind, DocRef, Letter, LetterDate, Profile, Signature};
use crate::read::parse::{Directive, Problem};
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
    parent: Option<&Directive>,
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

/// Drafts the letter that forwards `parent`, or a new letter when there is none and the
/// template does not need one.
pub fn draft(
    parent: Option<&Directive>,
    profile: &Profile,
    template: &Template,
    today: NaiveDate,
    options: &Options,
) -> Result<Draft, Error> {
    if parent.is_none() && template.meta.needs_parent {
        return Err(Error::Template {
            template: template.meta.name.clone(),
            message: "mẫu này soạn từ văn bản cấp trên: mở văn bản cấp trên trước".into(),
        });
    }
    let problem = |field: &str, message: String| Problem {
        line: None,
        field: field.to_string(),
        message,
    };
    let mut unsaid = Vec::new();
    let mut values = values(parent, profile, &mut |f, m| unsaid.push(problem(f, m)));
    // What the parent does not say matters only when the letter cites it: a giấy mời
    // written while a parent is open does not.
    if parent.is_some() && !template.meta.needs_parent {
        let alone = self::values(None, profile, &mut |_, _| {});
        if template.render_body(&alone)? == template.render_body(&values)?
            && template.render_subject(&alone)? == template.render_subject(&values)?
        {
            unsaid.clear();
        }
    }
    let mut problems = unsaid;
    let mut gap = |field: &str, message: String| problems.push(problem(field, message));
    let kind = template.meta.doc_type.clone();
    let mut subject = template.render_subject(&values)?;
    // A V/v that would run past four lines of the header column names the parent by its
    // number instead; the citation in the body still carries its whole title.
    if kind.is_cong_van() {
        for short in ["topic_short", "topic_shortest"] {
            if fits_vv(&subject) {
                break;
            }
            let Some(topic) = values["parent"][short].as_str().map(str::to_string) else {
                break;
            };
            values["parent"]["topic"] = Value::String(topic);
            subject = template.render_subject(&values)?;
        }
    }
    let body = template.render_body(&values)?;
    if template.meta.subject.contains(GAP) && subject.contains(GAP) {
        gap(
            "subject",
            format!("mẫu để trống trích yếu: viết vào chỗ \"{GAP}\""),
        );
    }
    // A part the template leaves for the clerk ("… (các nội dung triển khai)") is a gap
    // like one the parent left: listed, and an error to the checker until filled.
    for text in template.meta.defaults.values().filter_map(Value::as_str) {
        let text = text.trim();
        if text.contains(GAP) && body.contains(text) {
            gap("body", format!("phần mẫu để trống, cần viết: \"{text}\""));
        }
    }

    let symbol = profile.symbol_for(&kind).unwrap_or_else(|| {
        gap(
            "symbol",
            format!("chưa biết chữ viết tắt của loại \"{kind}\": điền ký hiệu"),
        );
        GAP.to_string()
    });
    let recipients: Vec<String> = if kind.is_cong_van() {
        let r = template.render_recipients(&values)?.unwrap_or_else(|| {
            profile
                .recipients
                .first()
                .map(|g| g.entries.clone())
                .unwrap_or_default()
        });
        if r.is_empty() {
            gap(
                "recipients",
                "hồ sơ đơn vị chưa có nơi gửi (Kính gửi)".into(),
            );
        }
        if r.iter().any(|x| x.contains(GAP)) {
            gap(
                "recipients",
                format!(
                    "văn bản cấp trên không cho biết cơ quan gửi: điền Kính gửi thay chỗ \"{GAP}\""
                ),
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
    distribution.extend(template.meta.distribution.clone().unwrap_or_else(|| {
        profile
            .distribution
            .first()
            .map(|g| g.entries.clone())
            .unwrap_or_default()
    }));
    if distribution.iter().any(|d| d.contains(GAP)) {
        gap(
            "distribution",
            format!("mẫu để trống nơi nhận: viết vào chỗ \"{GAP}\""),
        );
    }
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
        answers: None,
    };
    Ok(Draft { letter, problems })
}

/// What becomes a placeholder when the clerk saves a letter as a template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TemplateChoices {
    /// The template's name in the library.
    pub name: String,
    /// One sentence on when to use it.
    pub description: String,
    /// The parent's citations (full and short) become the next parent's.
    pub parent: bool,
    /// The V/v follows the next parent's topic.
    pub subject: bool,
    /// The office's names become the profile's.
    pub office: bool,
    /// Kính gửi and Nơi nhận stay as in this letter instead of coming from the profile.
    pub keep_addressees: bool,
    /// Passages of the body to fill in each time; each keeps its text as the default.
    pub fields: Vec<CustomField>,
}

/// A passage of the body that becomes a field of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomField {
    /// The field's label in the form, e.g. "Hạn báo cáo".
    pub label: String,
    /// The passage as it stands in the body, e.g. "trước ngày 30/6/2024".
    pub text: String,
}

/// The template file that writes `letter` again for another parent: the passages the
/// clerk chose become placeholders, the rest stays as written. `parent` is the directive
/// the letter was drafted from, when there is one.
pub fn template_from(
    letter: &Letter,
    parent: Option<&Directive>,
    profile: &Profile,
    choices: &TemplateChoices,
) -> Result<String, Error> {
    let name = choices.name.trim();
    let fail = |message: String| Error::Template {
        template: name.to_string(),
        message,
    };
    if name.is_empty() {
        return Err(fail("chưa đặt tên mẫu".into()));
    }
    let values = parent.map(|p| values(Some(p), profile, &mut |_, _| {}));
    let mut body = Placeholders::default();
    let mut defaults = serde_json::Map::new();
    let mut fields = Vec::new();
    for (i, field) in choices.fields.iter().enumerate() {
        let (label, text) = (field.label.trim(), field.text.trim());
        if label.is_empty() || text.is_empty() {
            return Err(fail(format!("trường thứ {} cần có tên và đoạn văn", i + 1)));
        }
        let key = format!("truong_{}", i + 1);
        if !letter.body.contains(text) {
            return Err(fail(format!(
                "không thấy đoạn \"{text}\" trong nội dung công văn"
            )));
        }
        body.add(text, format!("{{{{{{{key}}}}}}}"));
        defaults.insert(key.clone(), Value::String(text.to_string()));
        fields.push(crate::draft::template::Field {
            name: key,
            label: label.to_string(),
        });
    }
    if let (true, Some(v)) = (choices.parent, &values) {
        let refs: Vec<DocRef> = serde_json::from_value(v["references"].clone()).unwrap_or_default();
        let cite = |r: &DocRef| markup::escape(&wording::citation_with_gaps(r));
        let short = |r: &DocRef| markup::escape(&wording::short_citation(r));
        if let [first, second] = refs.as_slice() {
            body.add(
                &format!("{}; {}", cite(first), cite(second)),
                "{{#each references}}{{citation this}}{{#unless @last}}; {{/unless}}{{/each}}"
                    .into(),
            );
            body.add(&short(second), "{{short_citation attachment}}".into());
        }
        if let Some(first) = refs.first() {
            body.add(&cite(first), "{{citation references.[0]}}".into());
            body.add(&short(first), "{{short_citation references.[0]}}".into());
        }
    }
    if choices.office {
        let mut names = vec![
            (profile.collective.as_str(), "{{office.collective}}"),
            (profile.name.as_str(), "{{office.name}}"),
            (profile.short_name.as_str(), "{{office.short_name}}"),
        ];
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        for (n, placeholder) in names {
            if !n.trim().is_empty() {
                body.add(&markup::escape(n), placeholder.into());
            }
        }
    }
    let mut subject = Placeholders::default();
    if let (true, Some(v)) = (choices.subject, &values) {
        // A V/v that names the parent by its number (its title too long for the column)
        // follows the next parent's topic the same way.
        for (key, placeholder) in [
            ("topic", "topic"),
            ("topic_short", "topic"),
            ("topic_shortest", "topic"),
            ("subject_lower", "subject_lower"),
        ] {
            if let Some(text) = v["parent"][key].as_str().filter(|t| !t.is_empty()) {
                subject.add(text, format!("{{{{parent.{placeholder}}}}}"));
            }
        }
    }
    let (recipients, distribution) = if choices.keep_addressees {
        let middle = letter
            .distribution
            .iter()
            .filter(|d| {
                let d = crate::text::fold_case(d);
                d != "như trên" && !d.starts_with("lưu")
            })
            .cloned()
            .collect();
        (Some(letter.recipients.clone()), Some(middle))
    } else {
        (None, None)
    };
    let meta = crate::draft::template::TemplateMeta {
        name: name.to_string(),
        doc_type: letter.doc_type.clone(),
        description: choices.description.trim().to_string(),
        subject: subject.fill(&letter.subject),
        needs_parent: values.is_some() && (choices.parent || choices.subject),
        recipients,
        distribution,
        fields,
        defaults,
    };
    let source = Template::source(&meta, &body.fill(&letter.body))?;
    // What is written must read back, and fill in for the parent it came from.
    let template = Template::parse(name, &source)?;
    if let Some(v) = &values {
        template.render_body(v)?;
        template.render_subject(v)?;
    }
    Ok(source)
}

/// Passages of a text and the Handlebars placeholders that replace them; the rest of the
/// text is kept literally (a "{{" in it is escaped).
#[derive(Default)]
struct Placeholders {
    swaps: Vec<(String, String)>,
}

impl Placeholders {
    /// Replaces `text` (when it occurs and is not empty) by `placeholder`; earlier swaps win.
    fn add(&mut self, text: &str, placeholder: String) {
        if !text.is_empty() {
            self.swaps.push((text.to_string(), placeholder));
        }
    }

    fn fill(&self, text: &str) -> String {
        // Marks from the private-use area hold each swap's place while the literal text
        // around them is escaped, so a placeholder is never escaped or matched again.
        let mut marked = text.to_string();
        for (i, (from, _)) in self.swaps.iter().enumerate() {
            marked = marked.replace(from.as_str(), &format!("\u{e000}{i}\u{e001}"));
        }
        let mut out = marked.replace("{{", "\\{{");
        for (i, (_, to)) in self.swaps.iter().enumerate() {
            out = out.replace(&format!("\u{e000}{i}\u{e001}"), to);
        }
        out
    }
}

/// What a template is filled in with: the parent (`parent.*`), its citations
/// (`references`, `attachment`, `forwarded`) and the office (`office.*`). Whatever the
/// parent does not say is reported through `gap`; without a parent, `parent` is null and
/// there are no citations.
fn values(
    parent: Option<&Directive>,
    profile: &Profile,
    gap: &mut dyn FnMut(&str, String),
) -> Value {
    let office = json!({
        "name": profile.name,
        "short_name": if profile.short_name.is_empty() { &profile.name } else { &profile.short_name },
        "collective": if profile.collective.is_empty() { &profile.name } else { &profile.collective },
    });
    let Some(parent) = parent else {
        return json!({
            "parent": null,
            "references": [],
            "attachment": null,
            "forwarded": null,
            "office": office,
        });
    };
    // The parent as its first citation will name it, its title in capitals as a sentence.
    let mut parent_ref = parent.as_citation();
    parent_ref.subject = parent_ref.subject.as_deref().map(casing::sentence_case);
    let parent_kind = parent_ref.doc_type.clone();
    let missing = [
        (parent.number.is_none(), "số"),
        (parent.symbol.is_none(), "ký hiệu"),
        (parent_ref.date.is_none(), "ngày ban hành"),
        (parent.issuer.is_none(), "cơ quan ban hành"),
        (parent.subject.is_none(), "trích yếu"),
    ];
    for (_, what) in missing.iter().filter(|(absent, _)| *absent) {
        gap(
            Letter::REFERENCES,
            format!(
                "văn bản cấp trên không cho biết {what}: điền vào chỗ \"{GAP}\" trong đoạn căn cứ"
            ),
        );
    }
    if parent.doc_type.is_none() {
        gap(
            Letter::REFERENCES,
            "chưa rõ loại văn bản cấp trên: sửa chữ \"Văn bản\" trong đoạn căn cứ".into(),
        );
    }

    // A công văn that forwards a plan: cite both, and attach the plan (spec §5 practice).
    // What it forwards is what it carries out or sends along ("Thực hiện Kế hoạch số …",
    // "kèm theo …"), else a document it rests on that is not a law or a decree; a law or
    // a decree is the basis of the parent, never what the office passes on.
    let forwardable = |r: &&DocRef| r.has_number() && !r.doc_type.is_law();
    let forwarded = parent_kind
        .is_cong_van()
        .then(|| {
            let refs = || parent.references.iter().filter(forwardable);
            refs().find(|r| r.carried).or_else(|| refs().next())
        })
        .flatten()
        .map(|r| DocRef {
            issuer: r.issuer.as_deref().map(wording::proper_name),
            subject: r.subject.as_deref().map(casing::sentence_case),
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
                gap(Letter::REFERENCES, format!("văn bản cấp trên không cho biết {what} của {short}: điền vào chỗ \"{GAP}\" trong đoạn căn cứ"));
            }
        }
    }
    let mut references = vec![parent_ref.clone()];
    references.extend(forwarded.clone());
    let forwarded_ref = forwarded.clone();
    let attachment = forwarded.unwrap_or_else(|| parent_ref.clone());

    let subject_of_parent = parent_ref
        .subject
        .as_deref()
        .map(wording::lower_first)
        .unwrap_or_else(|| GAP.to_string());
    // The parent named by kind, number and issuer, for a V/v its title would make too long.
    let named = parent_ref
        .has_number()
        .then(|| wording::short_citation(&parent_ref));
    let named_by = named.as_ref().and_then(|n| {
        parent_ref
            .issuer
            .as_deref()
            .map(|i| format!("{n} của {}", wording::short_body_name(i)))
    });
    json!({
        "parent": {
            "kind": parent_kind.name(),
            "kind_lower": parent_kind.name().to_lowercase(),
            "number": parent_ref.number,
            "symbol": parent_ref.symbol,
            "issuer": parent_ref.issuer.clone().unwrap_or_else(|| GAP.to_string()),
            "subject": parent.subject.clone().unwrap_or_else(|| GAP.to_string()),
            "subject_lower": subject_of_parent,
            "topic": topic(&parent_kind, &subject_of_parent),
            "topic_short": named_by.or_else(|| named.clone()),
            "topic_shortest": named,
        },
        "references": references,
        "attachment": attachment,
        "forwarded": forwarded_ref,
        "office": office,
    })
}

/// Whether "V/v <subject>" fits the header column in `layout::VV_MAX_LINES` lines.
fn fits_vv(subject: &str) -> bool {
    crate::layout::line_count(
        &wording::subject_line(subject),
        crate::layout::SIZE_VV,
        false,
        crate::layout::HEADER_LEFT,
    ) <= crate::layout::VV_MAX_LINES
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

    /// The letter forwarding the directive `text`, drafted on 1 November 2025.
    fn drafted(text: &str) -> Letter {
        let parent = crate::read::parse::parse(text);
        let today = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        draft_with(
            Some(&parent),
            &Profile::example(),
            "cong-van-trien-khai",
            today,
            &Options::default(),
        )
        .unwrap()
        .letter
    }

    /// The letter forwarding the directive `text`: its V/v and its reference paragraph.
    fn forwarded(text: &str) -> (String, String) {
        let letter = drafted(text);
        let first = letter.body.lines().next().unwrap_or_default().to_string();
        (letter.subject, first)
    }

    const PLAN: &str = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 170/KH-UBND\nNghệ An, ngày 02 tháng 10 năm 2025\nKẾ HOẠCH\n";

    #[test]
    fn a_title_in_capitals_is_forwarded_in_sentence_case() {
        let (vv, cite) = forwarded(&format!("{PLAN}PHÒNG, CHỐNG THIÊN TAI TRÊN ĐỊA BÀN TỈNH NGHỆ AN NĂM 2025\nCăn cứ Luật Phòng, chống thiên tai;"));
        assert_eq!(
            vv,
            "triển khai kế hoạch phòng, chống thiên tai trên địa bàn tỉnh Nghệ An năm 2025"
        );
        assert_eq!(cite, "Thực hiện Kế hoạch số 170/KH-UBND ngày 02/10/2025 của Ủy ban nhân dân tỉnh Nghệ An về phòng, chống thiên tai trên địa bàn tỉnh Nghệ An năm 2025.");
    }

    #[test]
    fn a_long_title_is_named_by_its_number_in_the_vv() {
        let title = "TRIỂN KHAI THỰC HIỆN ĐỀ ÁN TUYÊN TRUYỀN, PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT CHO NGƯỜI LAO ĐỘNG VÀ NGƯỜI SỬ DỤNG LAO ĐỘNG TRONG CÁC LOẠI HÌNH DOANH NGHIỆP GIAI ĐOẠN 2025 - 2030";
        let (vv, cite) = forwarded(&format!("{PLAN}{title}\nCăn cứ Luật Công đoàn;"));
        assert_eq!(
            vv,
            "triển khai Kế hoạch số 170/KH-UBND của UBND tỉnh Nghệ An"
        );
        assert!(cite.ends_with("về triển khai thực hiện đề án tuyên truyền, phổ biến, giáo dục pháp luật cho người lao động và người sử dụng lao động trong các loại hình doanh nghiệp giai đoạn 2025 - 2030."), "{cite}");
    }

    #[test]
    fn a_decision_about_something_is_cited_with_one_about() {
        let text = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 2862/QĐ-UBND\nNghệ An, ngày 02 tháng 10 năm 2025\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ PHỐI HỢP\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nCăn cứ Luật Tổ chức chính quyền địa phương;";
        let (vv, cite) = forwarded(text);
        assert_eq!(vv, "triển khai quyết định ban hành quy chế phối hợp");
        assert!(
            cite.ends_with("của Ủy ban nhân dân tỉnh Nghệ An về ban hành quy chế phối hợp."),
            "{cite}"
        );
        assert_eq!(cite.matches("về").count(), 1, "{cite}");
    }

    #[test]
    fn a_letter_forwards_the_first_document_it_cites_by_number() {
        let text = "LIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN\nSố: 464/LĐLĐ\nNghệ An, ngày 06 tháng 5 năm 2025\nV/v triển khai kế hoạch\nKính gửi: Các công đoàn cơ sở.\nCăn cứ Luật Công đoàn năm 2024; Kế hoạch số 1062/KH-UBND ngày 11/4/2025 của UBND tỉnh về phát động thi đua.";
        let (_, cite) = forwarded(text);
        assert!(
            cite.contains(
                "; Kế hoạch số 1062/KH-UBND ngày 11/4/2025 của UBND tỉnh về phát động thi đua."
            ),
            "{cite}"
        );
    }

    #[test]
    fn a_covering_letter_passes_on_what_it_carries_out_never_its_decree() {
        let text = "SỞ NỘI VỤ TỈNH NGHỆ AN\nSố: 88/SNV-TĐKT\nNghệ An, ngày 06 tháng 5 năm 2025\nV/v triển khai kế hoạch thi đua\nKính gửi: Các sở, ban, ngành.\nCăn cứ Nghị định số 137/2018/NĐ-CP ngày 08/10/2018 của Chính phủ; Thực hiện Kế hoạch số 12/KH-UBND ngày 01/4/2025 của UBND tỉnh về phát động thi đua, Sở Nội vụ đề nghị các đơn vị triển khai.";
        let body = drafted(text).body;
        assert!(body.contains("(Gửi kèm Kế hoạch số 12/KH-UBND)"), "{body}");
        assert!(!body.contains("137/2018/NĐ-CP"), "{body}");
    }

    #[test]
    fn a_new_letter_needs_no_parent_and_leaves_no_part_unmarked() {
        let today = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        let profile = Profile::example();
        for template in Template::builtins() {
            let d = draft(None, &profile, &template, today, &Options::default());
            if template.meta.needs_parent {
                let e = d.err().map(|e| e.to_string()).unwrap_or_default();
                assert!(
                    e.contains("mở văn bản cấp trên trước"),
                    "{}: {e}",
                    template.id
                );
                continue;
            }
            let d = d.unwrap();
            assert_eq!(d.letter.doc_type, template.meta.doc_type, "{}", template.id);
            assert!(!d.letter.body.contains("Thực hiện"), "{}", template.id);
            // Every part left for the clerk is a listed gap and an error of the checker.
            let fields: Vec<&str> = d.problems.iter().map(|p| p.field.as_str()).collect();
            assert!(
                fields.contains(&"subject") && fields.contains(&"body"),
                "{}: {fields:?}",
                template.id
            );
            let findings = crate::check::check_letter(&d.letter);
            assert!(
                findings
                    .iter()
                    .any(|f| f.severity == crate::check::Severity::Error),
                "{}",
                template.id
            );
        }
    }

    #[test]
    fn a_report_cites_the_parent_that_asked_for_it() {
        let parent = crate::read::parse::parse(PLAN);
        let today = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        let d = draft_with(
            Some(&parent),
            &Profile::example(),
            "bao-cao",
            today,
            &Options::default(),
        )
        .unwrap();
        let first = d.letter.body.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("Thực hiện Kế hoạch số 170/KH-UBND ngày 02/10/2025"),
            "{first}"
        );
        assert_eq!(d.letter.symbol, "BC-LĐLĐ");
        assert!(d.letter.recipients.is_empty());
        assert!(d.problems.iter().any(|p| p.field == "distribution"));
    }

    #[test]
    fn a_reply_goes_to_the_sender_and_answers_its_letter() {
        let text = "ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nSố: 2045/UBND-VX\nTây Ninh, ngày 02 tháng 5 năm 2024\nV/v góp ý dự thảo quy chế\nKính gửi: Liên đoàn Lao động huyện.\nĐề nghị góp ý.";
        let parent = crate::read::parse::parse(text);
        let today = NaiveDate::from_ymd_opt(2024, 5, 10).unwrap();
        let d = draft_with(
            Some(&parent),
            &Profile::example(),
            "phuc-dap",
            today,
            &Options::default(),
        )
        .unwrap();
        assert_eq!(d.letter.recipients, ["Ủy ban nhân dân tỉnh Tây Ninh"]);
        assert_eq!(d.letter.subject, "phúc đáp Công văn số 2045/UBND-VX");
        assert!(d.letter.body.starts_with("Phúc đáp Công văn số 2045/UBND-VX ngày 02/5/2024 của Ủy ban nhân dân tỉnh Tây Ninh về góp ý dự thảo quy chế,"), "{}", d.letter.body);
        assert_eq!(d.letter.distribution, ["Như trên", "Lưu: VT, VP"]);
        // The answer itself is the clerk's to write: a gap, listed.
        assert!(d
            .problems
            .iter()
            .any(|p| p.message.contains("phần mẫu để trống")));
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
