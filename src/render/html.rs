//! Writes a `Document` as one self-contained HTML page: an A4 sheet in the same sizes as
//! the .docx, for the live preview and for printing (its print stylesheet is the page).

use std::fmt::Write;

use crate::layout::*;
use crate::markup::{Inline, Para, Role};
use crate::render::document::{Document, Recipients, KINH_GUI};

/// The preview page. Text is escaped; the page loads nothing from outside.
pub fn html(doc: &Document) -> String {
    let mut h = String::with_capacity(16 * 1024);
    let _ = write!(
        h,
        concat!(
            "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">",
            "<title>{title}</title><style>{css}</style></head><body><div class=\"page\">\n"
        ),
        title = esc(&doc.properties.title),
        css = css()
    );
    if doc.certified.is_some() {
        // A copy's parts start under a full-width rule (nd30-spec.md §7).
        h.push_str(&rule(TEXT_WIDTH));
    }
    if let Some(mark) = &doc.copy_mark {
        let _ = writeln!(h, "<p class=\"mark\">{}</p>", esc(mark));
    }
    header(&mut h, doc);
    if let Some(heading) = &doc.heading {
        let _ = writeln!(
            h,
            "<p class=\"kind\">{}</p><p class=\"title\">{}</p>{}",
            esc(&heading.kind),
            esc(&heading.subject),
            rule(heading.rule)
        );
    }
    recipients(&mut h, &doc.recipients);
    for para in &doc.body {
        body_paragraph(&mut h, para);
    }
    signature(&mut h, doc);
    if !doc.notes.is_empty() {
        h.push_str("<div class=\"notes\">");
        for (i, note) in doc.notes.iter().enumerate() {
            let _ = write!(h, "<p><sup>{}</sup> ", i + 1);
            inlines(&mut h, note, false);
            h.push_str("</p>");
        }
        h.push_str("</div>\n");
    }
    h.push_str("</div></body></html>\n");
    h
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Twips as CSS millimetres.
fn mm(twips: u32) -> String {
    format!("{:.2}mm", f64::from(twips) * 25.4 / 1440.0)
}

/// Half-points as CSS points.
fn pt(half_points: usize) -> String {
    format!("{}pt", half_points as f64 / 2.0)
}

fn rule(len: u32) -> String {
    format!("<div class=\"rule\" style=\"width:{}\"></div>", mm(len))
}

fn css() -> String {
    format!(
        concat!(
            "@page{{size:A4;margin:{mt} {mr} {mb} {ml}}}",
            "html{{background:#e9e6df}}body{{margin:0;padding:12px 0}}",
            ".page{{box-sizing:border-box;width:{pw};min-height:{ph};margin:0 auto;padding:{mt} {mr} {mb} {ml};",
            "background:#fff;color:#000;box-shadow:0 1px 6px rgba(0,0,0,.25);",
            "font-family:'Times New Roman','Liberation Serif',Tinos,serif;font-size:{text};line-height:1.15}}",
            "p{{margin:0}}table{{border-collapse:collapse;table-layout:fixed}}td{{padding:0;vertical-align:top}}",
            ".c{{text-align:center}}.b{{font-weight:bold}}.i{{font-style:italic}}.pre{{white-space:pre-wrap}}",
            ".rule{{border-bottom:0.75pt solid #000;margin:1pt auto 0}}",
            ".mark{{text-align:right;font-style:italic;font-size:11pt;margin:0}}",
            ".kind{{text-align:center;font-weight:bold;font-size:{title};margin-top:12pt}}",
            ".title{{text-align:center;font-weight:bold;font-size:{title}}}",
            ".kg{{margin-top:12pt}}",
            ".body{{text-align:justify;text-indent:{indent};margin-top:6pt}}.heading{{font-weight:bold}}",
            ".sign td{{padding-top:12pt}}.noinhan{{font-size:{nn};font-weight:bold;font-style:italic}}",
            ".nnitem{{font-size:{nni}}}.signline{{font-size:{sig};font-weight:bold;text-align:center}}",
            ".notes{{margin-top:18pt;border-top:0.75pt solid #000;width:40%;padding-top:3pt}}",
            ".notes p{{font-size:{note};text-align:justify;width:250%}}",
            "@media print{{html,body{{background:none;padding:0}}.page{{width:auto;min-height:0;padding:0;box-shadow:none}}}}"
        ),
        mt = mm(MARGIN_TOP),
        mr = mm(MARGIN_RIGHT),
        mb = mm(MARGIN_BOTTOM),
        ml = mm(MARGIN_LEFT),
        pw = mm(PAGE_WIDTH),
        ph = mm(PAGE_HEIGHT),
        text = pt(SIZE_TEXT),
        title = pt(SIZE_TITLE),
        indent = mm(BODY_FIRST_LINE as u32),
        nn = pt(SIZE_NOI_NHAN),
        nni = pt(SIZE_NOI_NHAN_ITEM),
        sig = pt(SIZE_SIGNATURE),
        note = pt(SIZE_FOOTNOTE),
    )
}

/// The same two-column header as the .docx: names | Quốc hiệu, Số | date, V/v.
fn header(h: &mut String, doc: &Document) {
    let _ = write!(
        h,
        "<table class=\"header\" style=\"width:{}\"><colgroup><col style=\"width:{}\"><col style=\"width:{}\"></colgroup><tr><td class=\"c\">",
        mm(TEXT_WIDTH),
        mm(HEADER_LEFT),
        mm(HEADER_RIGHT)
    );
    if let Some(parent) = &doc.parent_body {
        let _ = write!(
            h,
            "<p style=\"font-size:{}\">{}</p>",
            pt(SIZE_BODY_NAME),
            esc(parent)
        );
    }
    let _ = write!(
        h,
        "<p class=\"b\" style=\"font-size:{}\">{}</p>{}</td><td class=\"c\">",
        pt(SIZE_BODY_NAME),
        esc(&doc.issuer),
        rule(doc.issuer_rule)
    );
    match &doc.certified {
        Some(form) => {
            let _ = write!(
                h,
                "<p class=\"b\" style=\"font-size:{}\">{}</p></td></tr>",
                pt(SIZE_COPY_FORM),
                esc(form)
            );
        }
        None => {
            let _ = write!(
                h,
                "<p class=\"b\" style=\"font-size:{}\">{}</p><p class=\"b\" style=\"font-size:{}\">{}</p>{}</td></tr>",
                pt(SIZE_QUOC_HIEU),
                QUOC_HIEU,
                pt(SIZE_TIEU_NGU),
                TIEU_NGU,
                rule(doc.motto_rule)
            );
        }
    }
    let _ = write!(
        h,
        "<tr><td class=\"c\"><p class=\"pre\" style=\"font-size:{};margin-top:6pt\">{}</p>",
        pt(SIZE_NUMBER),
        esc(&doc.number_line)
    );
    if let Some(vv) = &doc.subject_line {
        let _ = write!(
            h,
            "<p style=\"font-size:{};margin-top:6pt\">{}</p>",
            pt(SIZE_VV),
            esc(vv)
        );
    }
    let _ = writeln!(
        h,
        "</td><td class=\"c\"><p class=\"i pre\" style=\"font-size:{};margin-top:6pt\">{}</p></td></tr></table>",
        pt(doc.date_size),
        esc(&doc.place_date)
    );
}

fn recipients(h: &mut String, r: &Recipients) {
    let first = mm(KINH_GUI_INDENT);
    match r {
        Recipients::None => {}
        Recipients::One(name) => {
            let _ = writeln!(
                h,
                "<p class=\"kg\" style=\"margin-left:{first}\">{KINH_GUI} {}</p>",
                esc(name)
            );
        }
        Recipients::Many { lines, dash_indent } => {
            let _ = write!(
                h,
                "<p class=\"kg\" style=\"margin-left:{first}\">{KINH_GUI}</p>"
            );
            for line in lines {
                let _ = write!(
                    h,
                    "<p style=\"margin-left:{}\">{}</p>",
                    mm(*dash_indent),
                    esc(line)
                );
            }
            h.push('\n');
        }
    }
}

fn body_paragraph(h: &mut String, para: &Para) {
    let class = if para.role == Role::Heading {
        "body heading"
    } else {
        "body"
    };
    let _ = write!(h, "<p class=\"{class}\">");
    inlines(h, &para.inlines, para.role == Role::Heading);
    h.push_str("</p>\n");
}

fn inlines(h: &mut String, list: &[Inline], bold_all: bool) {
    for inline in list {
        match inline {
            Inline::Text { text, bold, italic } => {
                let (b, i) = (*bold || bold_all, *italic);
                match (b, i) {
                    (false, false) => h.push_str(&esc(text)),
                    _ => {
                        let _ = write!(
                            h,
                            "<span class=\"{}{}\">{}</span>",
                            if b { "b " } else { "" },
                            if i { "i" } else { "" },
                            esc(text)
                        );
                    }
                }
            }
            Inline::Break => h.push_str("<br>"),
            Inline::Note(n) => {
                let _ = write!(h, "<sup>{n}</sup>");
            }
        }
    }
}

/// The room for the signature, with its images where the .docx puts them.
fn room(h: &mut String, images: &[crate::render::images::Placed]) {
    use base64::Engine as _;
    let _ = write!(
        h,
        "<div style=\"height:{};position:relative\">",
        mm(SIGNATURE_GAP)
    );
    let mm_signed = |twips: i32| format!("{:.2}mm", f64::from(twips) * 25.4 / 1440.0);
    for p in images {
        let _ = write!(
            h,
            "<img alt=\"{}\" style=\"position:absolute;left:{};top:{};width:{};height:{}\" src=\"data:image/png;base64,{}\">",
            p.name,
            mm_signed(p.left),
            mm_signed(p.top),
            mm(p.width),
            mm(p.height),
            base64::engine::general_purpose::STANDARD.encode(p.png.bytes())
        );
    }
    h.push_str("</div>");
}

/// Nơi nhận | signature, side by side and level, as in the .docx.
fn signature(h: &mut String, doc: &Document) {
    let _ = write!(
        h,
        "<table class=\"sign\" style=\"width:{}\"><colgroup><col style=\"width:{}\"><col style=\"width:{}\"></colgroup><tr><td>",
        mm(TEXT_WIDTH),
        mm(SIGN_LEFT),
        mm(SIGN_RIGHT)
    );
    if !doc.distribution.is_empty() {
        h.push_str("<p class=\"noinhan\">Nơi nhận:</p>");
        for line in &doc.distribution {
            let _ = write!(h, "<p class=\"nnitem\">{}</p>", esc(line));
        }
    }
    h.push_str("</td><td>");
    for line in &doc.signature {
        let _ = write!(h, "<p class=\"signline\">{}</p>", esc(line));
    }
    room(h, &doc.images);
    if let Some(name) = &doc.signer_name {
        let _ = write!(h, "<p class=\"signline\">{}</p>", esc(name));
    }
    h.push_str("</td></tr></table>\n");
}
