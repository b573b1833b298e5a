//! The body's Markdown subset and the paragraphs it reads into (`Para`, `Inline`, `Role`),
//! read with pulldown-cmark:
//! paragraphs, "1." / "-" / "+" list items (their labels kept as typed, since ND30
//! numbers are text), **bold**, *italic*, footnotes `[^1]`, and headings, either
//! written with `#` or recognised as "I. MỤC ĐÍCH, YÊU CẦU". Anything else keeps its text.

use std::collections::HashMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A body paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// Its role, which sets its style.
    pub role: Role,
    /// Its text, with any list label ("1.", "-", "a)") as the first run.
    pub inlines: Vec<Inline>,
}

/// The role of a body paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Ordinary text: justified, first line indented.
    Text,
    /// A part heading ("I. MỤC ĐÍCH, YÊU CẦU") or a khoản title: bold.
    Heading,
}

/// A piece of paragraph text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text with its emphasis.
    Text {
        /// The characters, NFC.
        text: String,
        /// Bold.
        bold: bool,
        /// Italic.
        italic: bool,
    },
    /// A line break inside the paragraph.
    Break,
    /// A reference to footnote n (from 1).
    Note(usize),
}

impl Inline {
    /// Plain text without emphasis.
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline::Text {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

/// Reads a body into paragraphs and footnotes (numbered from 1 in order of first reference).
pub fn parse(source: &str) -> (Vec<Para>, Vec<Vec<Inline>>) {
    let mut b = Builder {
        src: source,
        ..Builder::default()
    };
    for (event, range) in Parser::new_ext(source, Options::ENABLE_FOOTNOTES).into_offset_iter() {
        b.event(event, range.start);
    }
    b.flush();
    let notes = b
        .refs
        .iter()
        .map(|label| b.defs.remove(label).unwrap_or_default())
        .collect();
    (b.body, notes)
}

/// Escapes a value for insertion into a body, so that its characters stay text:
/// a trích yếu with `*` or `_` cannot turn bold, and a value cannot start a list or heading.
pub(crate) fn escape(value: &str) -> String {
    let one_line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one_line.len() + 8);
    // A value at the start of a line could open a block: "- ", "+ ", "# ", "> ", "1. ".
    let digits = one_line.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in one_line.char_indices() {
        let opens_block = i == 0 && matches!(c, '-' | '+' | '#' | '>' | '=')
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        if opens_block
            || matches!(
                c,
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '~' | '&' | '|' | '!'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Default)]
struct Builder<'s> {
    src: &'s str,
    body: Vec<Para>,
    defs: HashMap<String, Vec<Inline>>,
    refs: Vec<String>,
    current: Option<Para>,
    note: Option<String>,
    label: Option<String>,
    bold: u32,
    italic: u32,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(end) => self.end(end),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t)
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                let tag = t.trim().to_ascii_lowercase();
                if matches!(tag.as_str(), "<br>" | "<br/>" | "<br />") {
                    self.push(Inline::Break);
                } else {
                    self.text(t.trim_end_matches('\n'));
                }
            }
            Event::FootnoteReference(label) => {
                let n = match self.refs.iter().position(|l| **l == *label) {
                    Some(i) => i + 1,
                    None => {
                        self.refs.push(label.to_string());
                        self.refs.len()
                    }
                };
                self.push(Inline::Note(n));
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push(Inline::Break),
            Event::Rule => self.flush(),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock => self.open(Role::Text),
            Tag::Heading { .. } => self.open(Role::Heading),
            Tag::Item => {
                self.flush();
                self.label = Some(item_label(&self.src[offset..]));
            }
            Tag::List(_) | Tag::BlockQuote(_) => self.flush(),
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.note = Some(label.to_string());
            }
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Item => self.flush(),
            TagEnd::FootnoteDefinition => {
                self.flush();
                self.note = None;
            }
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            _ => {}
        }
    }

    /// Starts a paragraph; a pending list label becomes its first run.
    fn open(&mut self, role: Role) {
        self.flush();
        let mut inlines = Vec::new();
        if let Some(label) = self.label.take() {
            inlines.push(Inline::plain(format!("{label} ")));
        }
        self.current = Some(Para { role, inlines });
    }

    fn text(&mut self, text: &str) {
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        let para = self.para();
        // Adjacent text with the same emphasis is one run, however the parser split it.
        if let Some(Inline::Text {
            text: last,
            bold: b,
            italic: i,
        }) = para.inlines.last_mut()
        {
            if *b == bold && *i == italic {
                last.push_str(text);
                return;
            }
        }
        para.inlines.push(Inline::Text {
            text: text.to_string(),
            bold,
            italic,
        });
    }

    fn push(&mut self, inline: Inline) {
        self.para().inlines.push(inline);
    }

    /// The open paragraph; tight list items carry text without a paragraph of their own.
    fn para(&mut self) -> &mut Para {
        if self.current.is_none() {
            self.open(Role::Text);
        }
        self.current.as_mut().expect("opened above")
    }

    /// Closes the open paragraph into the body, or into the footnote being defined.
    fn flush(&mut self) {
        let Some(mut para) = self.current.take() else {
            return;
        };
        trim_ends(&mut para.inlines);
        if para.inlines.is_empty() {
            return;
        }
        if para.role == Role::Text && is_part_heading(&para.inlines) {
            para.role = Role::Heading;
        }
        match &self.note {
            Some(label) => {
                let note = self.defs.entry(label.clone()).or_default();
                if !note.is_empty() {
                    note.push(Inline::Break);
                }
                note.extend(para.inlines);
            }
            None => self.body.push(para),
        }
    }
}

/// The list marker at the start of an item's source: "1.", "2)", "-", "+", "*".
fn item_label(source: &str) -> String {
    let s = source.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        s[..digits + 1].to_string()
    } else {
        s.chars().next().map(String::from).unwrap_or_default()
    }
}

/// Removes leading and trailing spaces of the paragraph's text.
fn trim_ends(inlines: &mut Vec<Inline>) {
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text, .. }) = inlines.last_mut() {
        *text = text.trim_end().to_string();
    }
    inlines.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
}

/// "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG": a Roman numeral, a full stop, upper-case words.
fn is_part_heading(inlines: &[Inline]) -> bool {
    let text: String = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let Some((numeral, title)) = text.split_once(". ") else {
        return false;
    };
    !numeral.is_empty()
        && numeral.chars().all(|c| "IVXLC".contains(c))
        && title.chars().any(char::is_alphabetic)
        && !title.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Inline {
        Inline::plain(text)
    }

    fn b(text: &str) -> Inline {
        Inline::Text {
            text: text.into(),
            bold: true,
            italic: false,
        }
    }

    fn check(source: &str, expected: &[(Role, Vec<Inline>)]) {
        let (body, _) = parse(source);
        let actual: Vec<(Role, Vec<Inline>)> =
            body.into_iter().map(|p| (p.role, p.inlines)).collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn paragraphs_and_emphasis() {
        check(
            "Một **hai** *ba*\nbốn.\n\nHai.",
            &[
                (
                    Role::Text,
                    vec![
                        t("Một "),
                        b("hai"),
                        t(" "),
                        Inline::Text {
                            text: "ba".into(),
                            bold: false,
                            italic: true,
                        },
                        t(" bốn."),
                    ],
                ),
                (Role::Text, vec![t("Hai.")]),
            ],
        );
    }

    #[test]
    fn list_labels_are_kept_as_typed() {
        check(
            "1. Một.\n\n2. Hai.\n\n- Gạch.\n+ Cộng.",
            &[
                (Role::Text, vec![t("1. Một.")]),
                (Role::Text, vec![t("2. Hai.")]),
                (Role::Text, vec![t("- Gạch.")]),
                (Role::Text, vec![t("+ Cộng.")]),
            ],
        );
        check(
            "3. Ba.\n4. Bốn.",
            &[
                (Role::Text, vec![t("3. Ba.")]),
                (Role::Text, vec![t("4. Bốn.")]),
            ],
        );
        check("a) Điểm a.", &[(Role::Text, vec![t("a) Điểm a.")])]);
    }

    #[test]
    fn headings() {
        check(
            "I. MỤC ĐÍCH, YÊU CẦU",
            &[(Role::Heading, vec![t("I. MỤC ĐÍCH, YÊU CẦU")])],
        );
        check(
            "### **1. Công tác phối hợp**",
            &[(Role::Heading, vec![b("1. Công tác phối hợp")])],
        );
        check("I. Mục đích", &[(Role::Text, vec![t("I. Mục đích")])]);
        check("VI. 2024", &[(Role::Text, vec![t("VI. 2024")])]);
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference() {
        let (body, notes) = parse("Một[^b] hai[^a] ba[^b].\n\n[^a]: Chú A.\n[^b]: Chú B.");
        assert_eq!(
            body[0].inlines,
            vec![
                t("Một"),
                Inline::Note(1),
                t(" hai"),
                Inline::Note(2),
                t(" ba"),
                Inline::Note(1),
                t(".")
            ]
        );
        assert_eq!(notes, vec![vec![t("Chú B.")], vec![t("Chú A.")]]);
    }

    #[test]
    fn breaks_and_html() {
        check(
            "a<br>b  \nc",
            &[(
                Role::Text,
                vec![t("a"), Inline::Break, t("b"), Inline::Break, t("c")],
            )],
        );
        check("x <b> y", &[(Role::Text, vec![t("x <b> y")])]);
    }

    #[test]
    fn escaped_values_stay_text() {
        let hostile = "*đậm* _nghiêng_ [^1] <br> \\ `m` 1. - # & | ! ~";
        check(&escape(hostile), &[(Role::Text, vec![t(hostile)])]);
        for start in [
            "- gạch",
            "+ cộng",
            "# tiêu đề",
            "> trích",
            "12. mục",
            "3) điểm",
            "=== x",
        ] {
            check(&escape(start), &[(Role::Text, vec![t(start)])]);
        }
        assert_eq!(escape("dòng một\ndòng hai"), "dòng một dòng hai");
    }
}
