//! The core's modules depend one way: each uses only modules of its own layer or below
//! (the table of `src/lib.rs` and ARCHITECTURE.md), and no module reaches back round to
//! itself. Read from the `crate::…` and `super::…` paths of `src/`.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, from the bottom: a top-level module and the layer it is in.
const LAYERS: &[(&str, usize)] = &[
    ("error", 1),
    ("gazetteer", 1),
    ("gazetteer_table", 1),
    ("text", 1),
    ("metrics_table", 1),
    ("model", 2),
    ("markup", 2),
    ("layout", 2),
    ("wording", 3),
    ("casing", 3),
    ("pades", 3),
    ("read", 4),
    ("draft", 5),
    ("render", 6),
    ("check", 7),
    ("issue", 8),
    ("desk", 9),
];

/// Every module of the crate (as "read::parse::header") and the modules its code names.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = common::root().join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut out = BTreeMap::new();
    for file in &files {
        let me = module_of(&src, file);
        let text = std::fs::read_to_string(file).unwrap();
        let mut uses = BTreeSet::new();
        for path in paths(&text, &me) {
            // The longest module the path names: "render::document::Document" is in
            // "render::document".
            let segments: Vec<&str> = path.split("::").collect();
            // Past every module, an item of the crate's root (`crate::Letter`, re-exported).
            if let Some(found) = (0..=segments.len())
                .rev()
                .map(|n| segments[..n].join("::"))
                .find(|m| modules.contains(m))
            {
                // A module's use of its parent counts: a parent that re-exports its child
                // and a child that names its parent's items make a cycle.
                if found != me {
                    uses.insert(found);
                }
            }
        }
        // A child named by its own name (`header::read(…)`), without a `use`.
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        for child in modules.iter().filter(|m| is_child(m, &me)) {
            let name = child.rsplit("::").next().unwrap_or(child);
            let named = code.match_indices(&format!("{name}::")).any(|(i, _)| {
                let before = code[..i].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
            });
            if named {
                uses.insert(child.clone());
            }
        }
        out.insert(me, uses);
    }
    out
}

/// Whether `module` is a child of `parent` ("read::parse" of "read"; "text" of the root).
fn is_child(module: &str, parent: &str) -> bool {
    match parent {
        "" => !module.is_empty() && !module.contains("::"),
        _ => module
            .strip_prefix(parent)
            .and_then(|r| r.strip_prefix("::"))
            .is_some_and(|r| !r.contains("::")),
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// "src/read/parse/mod.rs" → "read::parse"; "src/lib.rs" → "".
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|p| p != "mod" && p != "lib")
        .collect();
    parts.join("::")
}

/// The module paths a file's code names, made absolute: `crate::a::b`, `super::c`, the
/// names inside `use crate::{a, b::c}`, and a child's items a `use` or `pub use` names
/// (`pub use child::Item`, a re-export).
fn paths(text: &str, me: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Unit tests (at the end of a file, `use super::*`) are not the module's code.
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for line in code.lines() {
        let line = line.trim_start();
        let line = ["pub(crate) ", "pub(super) ", "pub "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
            .unwrap_or(line);
        let Some(used) = line.strip_prefix("use ") else {
            continue;
        };
        let first = used.split("::").next().unwrap_or("");
        if !["crate", "super", "self", "std", "core", "alloc"].contains(&first)
            && first.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            let path = used
                .trim_end_matches(';')
                .split(['{', ' '])
                .next()
                .unwrap_or("");
            let whole = format!("{me}::{}", path.trim_end_matches(':'));
            out.push(whole.trim_start_matches("::").to_string());
        }
    }
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut at = 0;
        while let Some(i) = code[at..].find(start) {
            let i = at + i;
            at = i + start.len();
            if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
                continue;
            }
            let rest = &code[i..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let path = rest[..end].trim_end_matches(':');
            let absolute = if path == "crate" {
                String::new()
            } else if let Some(p) = path.strip_prefix("crate::") {
                p.to_string()
            } else {
                // super:: from "a::b::c" is "a::b", from a mod.rs "a::b" it is "a".
                let mut base: Vec<&str> = me.split("::").collect();
                let mut p = path;
                while let Some(rest) = p.strip_prefix("super::") {
                    base.pop();
                    p = rest;
                }
                let p = p.strip_prefix("super").unwrap_or(p);
                let mut all: Vec<&str> = base;
                all.extend(p.split("::").filter(|s| !s.is_empty()));
                all.join("::")
            };
            out.push(absolute.clone());
            // "use crate::{a, b::c}": the names in the braces.
            if rest[end..].starts_with('{') {
                let close = rest[end..].find('}').map_or(rest.len(), |c| end + c);
                for name in rest[end + 1..close].split(',') {
                    let name = name.trim().split("::").next().unwrap_or("").trim();
                    if !name.is_empty() && name != "self" {
                        out.push(
                            format!("{absolute}::{name}")
                                .trim_start_matches("::")
                                .to_string(),
                        );
                    }
                }
            }
        }
    }
    out
}

fn layer(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or("");
    LAYERS
        .iter()
        .find(|(m, _)| *m == top)
        .map(|(_, l)| *l)
        .unwrap_or_else(|| {
            panic!("module {top} is in no layer: add it to LAYERS and ARCHITECTURE.md")
        })
}

#[test]
fn every_module_uses_only_its_layer_and_those_below() {
    let mut wrong = Vec::new();
    for (me, uses) in edges() {
        if me.is_empty() {
            continue;
        }
        for used in uses {
            // The root's re-exports are for the tests: inside the crate, a module is named.
            if used.is_empty() {
                wrong.push(format!("{me} uses a re-export of the crate's root"));
            } else if layer(&used) > layer(&me) {
                wrong.push(format!(
                    "{me} (layer {}) uses {used} (layer {})",
                    layer(&me),
                    layer(&used)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_module_reaches_back_round_to_itself() {
    let graph = edges();
    // Depth-first search for a cycle; the path is reported when one is found.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(m) {
            Some(1) => {
                let from = path.iter().position(|p| p == m).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(m.to_string());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(m.to_string(), 1);
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, graph, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for m in graph.keys() {
        if let Some(cycle) = visit(m, &graph, &mut state, &mut Vec::new()) {
            cycles.push(cycle.join(" → "));
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_reader_of_edges_sees_what_a_file_names() {
    let text = "use crate::{model::Letter, wording};\nuse super::lines::Line;\n// crate::desk is a comment\nlet x = crate::render::document::Document::new();\npub use cells::Cell;\nuse super::Directive;\nuse chrono::NaiveDate;";
    let got = paths(text, "read::parse::header");
    for want in [
        "model",
        "wording",
        "read::parse::lines::Line",
        "render::document::Document::new",
        "read::parse::header::cells::Cell",
        "read::parse::Directive",
    ] {
        assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
    }
    assert!(!got.iter().any(|g| g.starts_with("desk")), "{got:?}");
}

/// The lines of each `#[tauri::command]`'s body in `text`, by the command's name.
fn command_bodies(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() != "#[tauri::command]" {
            continue;
        }
        let signature = lines[i + 1];
        let name = signature
            .split("fn ")
            .nth(1)
            .and_then(|s| s.split(['(', '<']).next())
            .unwrap_or(signature);
        let open = (i + 1..lines.len()).find(|&j| lines[j].ends_with('{'));
        let close = open.and_then(|o| (o..lines.len()).find(|&j| lines[j] == "}"));
        let (Some(open), Some(close)) = (open, close) else {
            panic!("{name}: no body found");
        };
        out.push((name.to_string(), close - open - 1));
    }
    out
}

#[test]
fn the_windows_commands_are_adapters_of_a_few_lines() {
    let text = std::fs::read_to_string(common::root().join("src-tauri/src/lib.rs")).unwrap();
    let bodies = command_bodies(&text);
    assert!(bodies.len() >= 30, "{bodies:?}");
    let long: Vec<_> = bodies.iter().filter(|(_, n)| *n > 10).collect();
    assert!(long.is_empty(), "commands over 10 lines: {long:?}");
    // The reader of bodies sees a long one.
    let long_one = format!("#[tauri::command]\nfn f() {{\n{}}}\n", "x;\n".repeat(11));
    assert_eq!(command_bodies(&long_one), vec![("f".to_string(), 11)]);
}

/// The `congvan::` paths a file names other than the desk's.
fn below_the_desk(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("congvan::") {
        let rest = &text[at + "congvan::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
            .collect();
        if name != "desk" {
            out.push(format!("congvan::{name}"));
        }
    }
    out
}

#[test]
fn the_window_and_the_tool_name_only_the_desk() {
    for file in [
        "src-tauri/src/lib.rs",
        "src-tauri/src/main.rs",
        "cli/src/main.rs",
    ] {
        let text = std::fs::read_to_string(common::root().join(file)).unwrap();
        assert_eq!(below_the_desk(&text), Vec::<String>::new(), "{file}");
    }
    // The reader of paths sees a module below, a re-export of the root and a group.
    assert_eq!(
        below_the_desk("use congvan::desk::Desk; use congvan::read::parse; congvan::Letter; use congvan::{desk};"),
        vec!["congvan::read", "congvan::Letter", "congvan::{desk"]
    );
}

#[test]
fn the_window_and_the_tool_work_through_the_desk() {
    for file in ["src-tauri/src/lib.rs", "cli/src/main.rs"] {
        let text = std::fs::read_to_string(common::root().join(file)).unwrap();
        for below in ["store::", "pdf::", "files::", "Command::new"] {
            assert!(
                !text.contains(below),
                "{file} reaches {below} itself, not through the desk"
            );
        }
    }
}
