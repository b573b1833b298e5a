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
    /// The values the body needs, in the order the form asks for them.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Values used when the caller gives none.
    #[serde(default)]
    pub defaults: Map<String, Value>,
}

/// A line of the template picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateEntry {
    /// The template's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The kind of document it writes.
    pub doc_type: DocKind,
    /// When to use it.
    pub description: String,
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
        include_str!("../templates/cong-van-trien-khai.hbs"),
    ),
    ("ke-hoach", include_str!("../templates/ke-hoach.hbs")),
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
        Ok(Template {
            id: id.to_string(),
            meta,
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
    pub fn render_subject(&self, values: &Value) -> Result<String, Error> {
        self.plain
            .render("subject", values)
            .map_err(|e| Error::Template {
                template: self.id.clone(),
                message: format!("không điền được trích yếu: {}", e.reason()),
            })
    }

    /// The built-in template `id`, compiled alone.
    pub fn builtin(id: &str) -> Option<Template> {
        BUILTIN.iter().find(|(i, _)| *i == id).map(|(id, src)| {
            Template::parse(id, src).expect("built-in templates are checked by tests")
        })
    }

    /// The built-in templates as the template picker lists them.
    pub fn catalog() -> Vec<TemplateEntry> {
        Template::builtins()
            .into_iter()
            .map(|t| TemplateEntry {
                id: t.id,
                name: t.meta.name,
                doc_type: t.meta.doc_type,
                description: t.meta.description,
            })
            .collect()
    }

    /// The ids of the built-in templates.
    pub fn builtin_ids() -> Vec<&'static str> {
        BUILTIN.iter().map(|(id, _)| *id).collect()
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
        self.registry
            .render("body", &merged)
            .map_err(|e| fail(format!("không điền được nội dung: {}", e.reason())))
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
    fn builtins_parse_and_name_their_kind() {
        let all = Template::builtins();
        assert_eq!(all.len(), BUILTIN.len());
        assert!(all.iter().any(|t| t.meta.doc_type.is_cong_van()));
        assert!(all
            .iter()
            .any(|t| t.meta.doc_type == DocKind::from_name("Kế hoạch")));
    }
}
