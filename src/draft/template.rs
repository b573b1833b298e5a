//! Saved templates: one file each, a TOML front matter between `+++` lines (name, kind,
//! the fields it needs, defaults) and a Handlebars body that fills in the letter's body.
//! Rendering is strict (a missing value is an error, never an empty gap) and escapes
//! every inserted value for the body's Markdown, so `{{subject}}` cannot turn text bold;
//! triple braces `{{{items}}}` insert the clerk's own Markdown as it is.

use handlebars::Handlebars;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::markup;
use crate::model::DocKind;

/// A template ready to fill in.
pub struct Template {
    /// The file name without its extension, e.g. "cong-van-trien-khai".
    pub id: String,
    /// What the front matter says.
    pub meta: TemplateMeta,
    body: String,
    registry: Handlebars<'static>,
    plain: Handlebars<'static>,
}

/// The front matter of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateMeta {
    /// The name shown in the template library.
    pub name: String,
    /// The kind of document it writes.
    pub doc_type: DocKind,
    /// One sentence on when to use it.
    #[serde(default)]
    pub description: String,
    /// The trích yếu a draft gets, as a Handlebars pattern over `parent` (`kind`,
    /// `kind_lower`, `number`, `symbol`, `issuer`, `subject`, `subject_lower`, `topic`),
    /// e.g. "triển khai {{parent.topic}}".
    #[serde(default)]
    pub subject: String,
    /// False for a letter written without a parent ("Văn bản mới"): it may still cite one
    /// when there is one, but drafts without.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub needs_parent: bool,
    /// Kính gửi as the template fixes it; none takes the profile's first group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<String>>,
    /// Nơi nhận between "Như trên" and "Lưu"; none takes the profile's first group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Vec<String>>,
    /// The values the body needs, in the order the form asks for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// Values used when the caller gives none.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub defaults: Map<String, Value>,
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

/// A line of the template picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateEntry {
    /// The template's id.
    pub id: String,
    /// True for a template shipped with the app, which the clerk cannot rename or delete.
    pub builtin: bool,
    /// Its name.
    pub name: String,
    /// The kind of document it writes.
    pub doc_type: DocKind,
    /// When to use it.
    pub description: String,
    /// True when it drafts from a parent directive and cannot draft without one.
    pub needs_parent: bool,
}

/// One value a template needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The name used in the body, e.g. "references".
    pub name: String,
    /// The Vietnamese label of the form field.
    pub label: String,
}

/// The templates shipped with the app, from `templates/`.
const BUILTIN: &[(&str, &str)] = &[
    (
        "cong-van-trien-khai",
        include_str!("../../templates/cong-van-trien-khai.hbs"),
    ),
    ("ke-hoach", include_str!("../../templates/ke-hoach.hbs")),
    ("phuc-dap", include_str!("../../templates/phuc-dap.hbs")),
    ("cong-van", include_str!("../../templates/cong-van.hbs")),
    ("bao-cao", include_str!("../../templates/bao-cao.hbs")),
    ("thong-bao", include_str!("../../templates/thong-bao.hbs")),
    ("giay-moi", include_str!("../../templates/giay-moi.hbs")),
];

/// The helpers templates may call; the macro makes public types, kept in this private module.
mod helpers {
    use handlebars::handlebars_helper;
    use serde_json::Value;

    use crate::model::DocRef;
    use crate::wording;

    handlebars_helper!(inc: |i: u64| i + 1);
    handlebars_helper!(citation: |r: Json| doc_ref(r).map(|r| wording::citation_with_gaps(&r)).unwrap_or_default());
    handlebars_helper!(short_citation: |r: Json| doc_ref(r).map(|r| wording::short_citation(&r)).unwrap_or_default());
    handlebars_helper!(short_date: |d: str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map(wording::short_date).unwrap_or_else(|_| d.to_string()));

    fn doc_ref(v: &Value) -> Option<DocRef> {
        serde_json::from_value(v.clone()).ok()
    }
}

impl Template {
    /// Reads a template file; `id` names it in errors.
    pub fn parse(id: &str, source: &str) -> Result<Template, Error> {
        let fail = |message: String| Error::Template {
            template: id.to_string(),
            message,
        };
        let source = source
            .strip_prefix('\u{feff}')
            .unwrap_or(source)
            .replace("\r\n", "\n");
        let rest = source
            .strip_prefix("+++\n")
            .ok_or_else(|| fail("thiếu phần khai báo đầu tệp (dòng \"+++\" đầu tiên)".into()))?;
        let (front, body) = rest
            .split_once("\n+++\n")
            .ok_or_else(|| fail("phần khai báo đầu tệp chưa đóng bằng dòng \"+++\"".into()))?;
        let meta: TemplateMeta = toml::from_str(front).map_err(|e| {
            fail(format!(
                "phần khai báo: {}",
                crate::error::translate_serde(e.message())
            ))
        })?;
        if body.len() > MAX_SOURCE_BYTES {
            return Err(fail(format!(
                "nội dung mẫu dài quá {} KB",
                MAX_SOURCE_BYTES >> 10
            )));
        }
        let recipients = meta.recipients.clone().unwrap_or_default();
        if recipients.len() > MAX_RECIPIENTS {
            return Err(fail(format!("Kính gửi có quá {MAX_RECIPIENTS} nơi")));
        }
        let parts = [
            ("nội dung mẫu", body),
            ("mẫu trích yếu", meta.subject.as_str()),
        ]
        .into_iter()
        .chain(recipients.iter().map(|r| ("Kính gửi", r.as_str())));
        for (part, text) in parts {
            let compiled = handlebars::Template::compile(text)
                .map_err(|e| fail(format!("{part} sai cú pháp: {e}")))?;
            shape(&compiled, 0, 0).map_err(|e| fail(format!("{part} {e}")))?;
        }
        check_lists(&Value::Object(meta.defaults.clone()))
            .map_err(|e| fail(format!("phần giá trị mặc định: {e}")))?;
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(markup::escape);
        registry.register_helper("inc", Box::new(helpers::inc));
        registry.register_helper("citation", Box::new(helpers::citation));
        registry.register_helper("short_citation", Box::new(helpers::short_citation));
        registry.register_helper("short_date", Box::new(helpers::short_date));
        registry
            .register_template_string("body", body)
            .map_err(|e| fail(format!("nội dung mẫu sai cú pháp: {e}")))?;
        // The trích yếu is plain text, not Markdown: it is rendered without escaping.
        let mut plain = Handlebars::new();
        plain.set_strict_mode(true);
        plain.register_escape_fn(handlebars::no_escape);
        plain
            .register_template_string("subject", &meta.subject)
            .map_err(|e| fail(format!("mẫu trích yếu sai cú pháp: {e}")))?;
        // Kính gửi may name the parent's sender ("{{parent.issuer}}"), for a reply.
        for (i, r) in recipients.iter().enumerate() {
            plain
                .register_template_string(&format!("recipient-{i}"), r)
                .map_err(|e| fail(format!("Kính gửi sai cú pháp: {e}")))?;
        }
        Ok(Template {
            id: id.to_string(),
            meta,
            body: body.to_string(),
            registry,
            plain,
        })
    }

    /// The templates shipped with the app.
    pub fn builtins() -> Vec<Template> {
        BUILTIN
            .iter()
            .map(|(id, src)| {
                Template::parse(id, src).expect("built-in templates are checked by tests")
            })
            .collect()
    }

    /// The trích yếu for `values` (which hold `parent`), from the front matter's pattern.
    pub(crate) fn render_subject(&self, values: &Value) -> Result<String, Error> {
        render_bounded(&self.plain, "subject", values, MAX_SUBJECT_BYTES).map_err(|e| {
            Error::Template {
                template: self.id.clone(),
                message: format!("không điền được trích yếu: {e}"),
            }
        })
    }

    /// Kính gửi as the template fixes it, filled from `values` (a reply names the parent's
    /// sender); none when the template leaves it to the profile.
    pub(crate) fn render_recipients(&self, values: &Value) -> Result<Option<Vec<String>>, Error> {
        let Some(recipients) = &self.meta.recipients else {
            return Ok(None);
        };
        (0..recipients.len())
            .map(|i| {
                render_bounded(
                    &self.plain,
                    &format!("recipient-{i}"),
                    values,
                    MAX_SUBJECT_BYTES,
                )
                .map(|r| r.trim().to_string())
                .map_err(|e| Error::Template {
                    template: self.id.clone(),
                    message: format!("không điền được Kính gửi: {e}"),
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// The built-in template `id`, compiled alone.
    pub fn builtin(id: &str) -> Option<Template> {
        BUILTIN.iter().find(|(i, _)| *i == id).map(|(id, src)| {
            Template::parse(id, src).expect("built-in templates are checked by tests")
        })
    }

    /// The built-in templates as the template picker lists them.
    pub fn catalog() -> Vec<TemplateEntry> {
        Template::builtins().iter().map(Template::entry).collect()
    }

    /// The template as the template picker lists it.
    pub fn entry(&self) -> TemplateEntry {
        TemplateEntry {
            id: self.id.clone(),
            builtin: BUILTIN.iter().any(|(id, _)| *id == self.id),
            name: self.meta.name.clone(),
            doc_type: self.meta.doc_type.clone(),
            description: self.meta.description.clone(),
            needs_parent: self.meta.needs_parent,
        }
    }

    /// The built-in templates, then the clerk's own (`user`: id and source, as the store
    /// keeps them), as the template library lists them. A file of the clerk's that no longer
    /// reads is listed with the reason, so it can be deleted.
    pub fn library(user: &[(String, String)]) -> Vec<TemplateEntry> {
        let mut all = Template::catalog();
        for (id, source) in user {
            all.push(match Template::parse(id, source) {
                Ok(t) => t.entry(),
                Err(e) => TemplateEntry {
                    id: id.clone(),
                    builtin: false,
                    name: id.clone(),
                    doc_type: DocKind::CONG_VAN,
                    description: e.to_string(),
                    needs_parent: true,
                },
            });
        }
        all
    }

    /// The template `id`: the clerk's own first, then the built-ins.
    pub fn find(id: &str, user: &[(String, String)]) -> Result<Template, Error> {
        match user.iter().find(|(i, _)| i == id) {
            Some((id, source)) => Template::parse(id, source),
            None => Template::builtin(id).ok_or_else(|| Error::Template {
                template: id.to_string(),
                message: "không có mẫu này".into(),
            }),
        }
    }

    /// An id for a new template named `name`: its letters without accents, not one of
    /// `taken` nor a built-in's ("Chuyển kế hoạch" → "chuyen-ke-hoach").
    pub(crate) fn new_id(name: &str, taken: &[String]) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut slug = String::new();
        for c in name.nfd() {
            let c = match c {
                'đ' | 'Đ' => 'd',
                c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
                c if unicode_normalization::char::is_combining_mark(c) => continue,
                _ => '-',
            };
            if c != '-' || !(slug.is_empty() || slug.ends_with('-')) {
                slug.push(c);
            }
        }
        let base = match slug.trim_end_matches('-') {
            "" => "mau".to_string(),
            s => s.to_string(),
        };
        let free =
            |id: &str| !taken.iter().any(|t| t == id) && !BUILTIN.iter().any(|(b, _)| *b == id);
        (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|id| free(id))
            .expect("some suffix is free")
    }

    /// The template's file, with the name `name` instead of its own (renaming keeps the id).
    pub(crate) fn renamed(&self, name: &str) -> Result<String, Error> {
        if name.trim().is_empty() {
            return Err(Error::Template {
                template: self.id.clone(),
                message: "chưa đặt tên mẫu".into(),
            });
        }
        let meta = TemplateMeta {
            name: name.trim().to_string(),
            ..self.meta.clone()
        };
        Template::source(&meta, &self.body)
    }

    /// The template as a file again, e.g. to share it.
    pub fn to_source(&self) -> Result<String, Error> {
        Template::source(&self.meta, &self.body)
    }

    /// Writes a template file from its front matter and Handlebars body; the file reads
    /// back with `parse` to the same template.
    pub fn source(meta: &TemplateMeta, body: &str) -> Result<String, Error> {
        let front = toml::to_string(meta).map_err(|e| Error::Template {
            template: meta.name.clone(),
            message: format!("không ghi được phần khai báo: {e}"),
        })?;
        Ok(format!("+++\n{front}+++\n{body}"))
    }

    /// Fills in the body: `values` over the template's defaults. A needed field that is
    /// missing is an error that names it, in Vietnamese.
    pub fn render_body(&self, values: &Value) -> Result<String, Error> {
        let fail = |message: String| Error::Template {
            template: self.id.clone(),
            message,
        };
        let mut merged = self.meta.defaults.clone();
        match values {
            Value::Object(map) => merged.extend(map.clone()),
            Value::Null => {}
            _ => {
                return Err(fail(
                    "giá trị điền vào mẫu phải là một đối tượng JSON".into(),
                ))
            }
        }
        for field in &self.meta.fields {
            if merged.get(&field.name).is_none_or(Value::is_null) {
                return Err(fail(format!(
                    "thiếu giá trị \"{}\" ({})",
                    field.label, field.name
                )));
            }
        }
        let merged = Value::Object(merged);
        check_lists(&merged).map_err(|e| fail(format!("giá trị điền vào mẫu: {e}")))?;
        render_bounded(&self.registry, "body", &merged, MAX_OUTPUT_BYTES)
            .map_err(|e| fail(format!("không điền được nội dung: {e}")))
    }
}

/// The longest template body: a letter's body is a few kilobytes.
pub(crate) const MAX_SOURCE_BYTES: usize = 256 * 1024;
/// The most a template's body may fill in to.
pub(crate) const MAX_OUTPUT_BYTES: usize = 1024 * 1024;
/// The most a trích yếu pattern may fill in to.
const MAX_SUBJECT_BYTES: usize = 4 * 1024;
/// The most Kính gửi lines a template may fix.
const MAX_RECIPIENTS: usize = 50;
/// The most `#each` blocks inside one another: a list in a list.
pub(crate) const MAX_LOOPS: usize = 2;
/// The most blocks inside one another.
const MAX_BLOCKS: usize = 16;
/// The longest list a template is given or keeps among its defaults.
pub(crate) const MAX_LIST: usize = 1000;

/// Refuses a template whose rendering could run away: one that calls templates (`{{> …}}`,
/// which can call each other for ever) or defines them (`{{#*inline …}}`), or nests
/// `#each` more than `MAX_LOOPS` deep (each level multiplies the rounds) or blocks more
/// than `MAX_BLOCKS`.
fn shape(t: &handlebars::Template, loops: usize, depth: usize) -> Result<(), String> {
    use handlebars::template::TemplateElement as E;
    if depth > MAX_BLOCKS {
        return Err(format!("lồng quá {MAX_BLOCKS} khối"));
    }
    for element in &t.elements {
        match element {
            E::PartialExpression(_) | E::PartialBlock(_) => {
                return Err("gọi mẫu con ({{> …}}), điều mẫu công văn không được dùng".into())
            }
            E::DecoratorExpression(_) | E::DecoratorBlock(_) => {
                return Err(
                    "dùng {{* …}} (khai báo mẫu con), điều mẫu công văn không được dùng".into(),
                )
            }
            E::HelperBlock(h) => {
                let loops = loops + usize::from(h.name.as_name() == Some("each"));
                if loops > MAX_LOOPS {
                    return Err(format!("lồng quá {MAX_LOOPS} vòng {{{{#each}}}}"));
                }
                for inner in [&h.template, &h.inverse].into_iter().flatten() {
                    shape(inner, loops, depth + 1)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Refuses a value holding a list longer than `MAX_LIST`.
fn check_lists(value: &Value) -> Result<(), String> {
    match value {
        Value::Array(items) if items.len() > MAX_LIST => Err(format!(
            "có danh sách {} mục, quá giới hạn {MAX_LIST}",
            items.len()
        )),
        Value::Array(items) => items.iter().try_for_each(check_lists),
        Value::Object(map) => map.values().try_for_each(check_lists),
        _ => Ok(()),
    }
}

/// Renders `name` with `data`, stopping as soon as it writes more than `limit` bytes.
fn render_bounded(
    registry: &Handlebars<'static>,
    name: &str,
    data: &Value,
    limit: usize,
) -> Result<String, String> {
    /// A buffer that refuses to grow past its limit, and says that it did.
    struct Bounded {
        out: Vec<u8>,
        limit: usize,
        full: bool,
    }
    impl std::io::Write for Bounded {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.out.len() + buf.len() > self.limit {
                self.full = true;
                return Err(std::io::Error::other("quá dài"));
            }
            self.out.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Bounded {
        out: Vec::new(),
        limit,
        full: false,
    };
    match registry.render_to_write(name, data, &mut out) {
        Ok(()) => String::from_utf8(out.out).map_err(|e| e.to_string()),
        Err(_) if out.full => Err(format!("điền ra dài quá {} KB", limit >> 10)),
        Err(e) => Err(e.reason().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(template: &str, values: Value, expected: &str) {
        let t = Template::parse("thử", template).unwrap();
        assert_eq!(t.render_body(&values).unwrap(), expected);
    }

    const SMALL: &str = "+++\nname = \"Thử\"\ndoc_type = \"Công văn\"\n[[fields]]\nname = \"subject\"\nlabel = \"Trích yếu\"\n[defaults]\nverb = \"Thực hiện\"\n+++\n{{verb}}: {{subject}} / {{{items}}}";

    #[test]
    fn values_are_escaped_and_raw_markup_is_not() {
        check(
            SMALL,
            json!({"subject": "a*b*_c_", "items": "**đậm**"}),
            "Thực hiện: a\\*b\\*\\_c\\_ / **đậm**",
        );
        check(
            SMALL,
            json!({"subject": "x", "verb": "Căn cứ", "items": ""}),
            "Căn cứ: x / ",
        );
    }

    /// The reason `Template::parse` refuses the body `body` with `defaults`.
    fn refused(body: &str, defaults: &str, expected: &str) {
        let source = format!(
            "+++\nname = \"Thử\"\ndoc_type = \"Công văn\"\n[defaults]\n{defaults}\n+++\n{body}"
        );
        let err = Template::parse("thử", &source).err().map(|e| e.to_string());
        assert!(
            err.as_deref().is_some_and(|e| e.contains(expected)),
            "{body}: {err:?} lacks {expected:?}"
        );
    }

    #[test]
    fn templates_that_could_run_away_are_refused() {
        refused("{{> a}}", "", "gọi mẫu con");
        refused("{{#*inline \"a\"}}x{{/inline}}", "", "khai báo mẫu con");
        refused(
            "{{#each a}}{{#each b}}{{#each c}}x{{/each}}{{/each}}{{/each}}",
            "",
            "lồng quá 2 vòng",
        );
        refused(&"{{#if a}}".repeat(20), "", "sai cú pháp");
        refused(
            &format!("{}x{}", "{{#if a}}".repeat(20), "{{/if}}".repeat(20)),
            "",
            "lồng quá 16 khối",
        );
        refused(
            "x",
            &format!("a = [{}]", vec!["1"; 1001].join(",")),
            "1001 mục",
        );
        refused(&"x".repeat(300 * 1024), "", "dài quá 256 KB");
        // Two loops, one inside the other, are what a list of lists needs.
        check(
            "+++\nname = \"Thử\"\ndoc_type = \"Công văn\"\n+++\n{{#each a}}{{#each this}}{{this}}{{/each}}{{/each}}",
            json!({"a": [[1, 2], [3]]}),
            "123",
        );
    }

    #[test]
    fn what_a_template_fills_in_is_bounded() {
        let t = Template::parse(
            "thử",
            "+++\nname = \"Thử\"\ndoc_type = \"Công văn\"\n+++\n{{#each a}}{{#each @root.a}}{{@root.text}}{{/each}}{{/each}}",
        )
        .unwrap();
        let items: Vec<u32> = (0..1000).collect();
        let err = t
            .render_body(&json!({"a": items, "text": "x".repeat(100)}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("dài quá 1024 KB"), "{err}");
        let err = t
            .render_body(&json!({"a": vec![0; 1001], "text": ""}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("1001 mục"), "{err}");
    }

    #[test]
    fn a_missing_field_is_named() {
        let t = Template::parse("thử", SMALL).unwrap();
        let err = t
            .render_body(&json!({"items": ""}))
            .unwrap_err()
            .to_string();
        assert_eq!(err, "mẫu \"thử\": thiếu giá trị \"Trích yếu\" (subject)");
        // A value the body uses but the front matter does not list is still caught, by strict mode.
        let err = t
            .render_body(&json!({"subject": "x"}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("items"), "{err}");
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let err = |src: &str| Template::parse("hỏng", src).err().unwrap().to_string();
        assert!(err("name = 1").contains("\"+++\" đầu tiên"));
        assert!(err("+++\nname = \"x\"\n").contains("chưa đóng"));
        assert!(err("+++\nname = \"x\"\n+++\nbody").contains("thiếu trường \"doc_type\""));
        assert!(
            err("+++\nname = \"x\"\ndoc_type = \"Công văn\"\n+++\n{{#if}}").contains("sai cú pháp")
        );
    }

    #[test]
    fn helpers_write_citations_and_dates() {
        let src = "+++\nname = \"x\"\ndoc_type = \"Công văn\"\n+++\n{{#each refs}}{{inc @index}}. {{citation this}} ({{short_citation this}}, {{short_date this.date}})\n{{/each}}";
        check(
            src,
            json!({"refs": [{"doc_type": "Kế hoạch", "number": "1062", "symbol": "KH-UBND", "date": "2024-04-11", "issuer": "Ủy ban nhân dân tỉnh"}]}),
            "1. Kế hoạch số 1062/KH-UBND ngày 11/4/2024 của Ủy ban nhân dân tỉnh về … (Kế hoạch số 1062/KH-UBND, 11/4/2024)\n",
        );
    }

    #[test]
    fn new_ids_are_plain_and_free() {
        let taken = vec!["chuyen-ke-hoach".to_string()];
        assert_eq!(
            Template::new_id("Chuyển kế hoạch", &taken),
            "chuyen-ke-hoach-2"
        );
        assert_eq!(Template::new_id("  Đề nghị (gấp)! ", &[]), "de-nghi-gap");
        assert_eq!(Template::new_id("…", &[]), "mau");
        assert_eq!(Template::new_id("Kế hoạch", &[]), "ke-hoach-2");
    }

    #[test]
    fn a_renamed_template_keeps_its_body() {
        let t = Template::parse("thử", SMALL).unwrap();
        let again = Template::parse("thử", &t.renamed("Mẫu mới").unwrap()).unwrap();
        assert_eq!(again.meta.name, "Mẫu mới");
        assert_eq!(again.body, t.body);
        assert_eq!(again.meta.defaults, t.meta.defaults);
        assert!(t.renamed(" ").is_err());
        let user = vec![
            ("thu".to_string(), SMALL.to_string()),
            ("hong".into(), "x".into()),
        ];
        let library = Template::library(&user);
        assert_eq!(library.len(), BUILTIN.len() + 2);
        assert!(library[..BUILTIN.len()].iter().all(|e| e.builtin));
        assert_eq!(library[BUILTIN.len()].name, "Thử");
        assert!(library[BUILTIN.len() + 1].description.contains("+++"));
        assert_eq!(Template::find("thu", &user).unwrap().meta.name, "Thử");
        assert!(Template::find("ke-hoach", &user).is_ok());
        assert!(Template::find("khong-co", &user).is_err());
    }

    #[test]
    fn builtins_parse_and_name_their_kind() {
        let all = Template::builtins();
        assert_eq!(all.len(), BUILTIN.len());
        assert!(all.iter().any(|t| t.meta.doc_type.is_cong_van()));
        assert!(all
            .iter()
            .any(|t| t.meta.doc_type == DocKind::from_name("Kế hoạch")));
    }
}
