//! The `congvan` command-line tool: the core's functions over files, for tests and batch use.
//! Exit status: 0 done, 1 the input is bad (one line says what and where), 2 usage.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use congvan::{render, Letter};

const USAGE: &str = "\
Cách dùng:
  congvan parse FILE [--json]
  congvan forward PARENT [--profile P.toml] [--template T] -o OUT.docx [--json] [--today YYYY-MM-DD] [--dated]
  congvan render LETTER.json -o OUT.docx [--html OUT.html]
  congvan check LETTER.json|FILE.docx [--json]
  congvan issue LETTER.json --signed-on YYYY-MM-DD -o OUT.docx [--pdf] [--copies] [--mark]
                [--drafter MÃ] [--signature CK.png] [--seal DAU.png] [--profile P.toml]
                [--db CSDL] [--json]
  congvan sao-y RECEIVED.docx --signed-on YYYY-MM-DD -o OUT.docx --to NƠI_NHẬN [--to …]
                [--sao-luc] [--signer N] [--signature CK.png] [--seal DAU.png] [--pdf]
                [--profile P.toml] [--db CSDL] [--json]
  congvan register list [--year NĂM] [--kind LOẠI] [--text CHỮ] [--db CSDL] [--json]
  congvan register export -o SO.xlsx [--year NĂM] [--kind LOẠI] [--text CHỮ] [--db CSDL]
  congvan register cancel DÒNG --reason LÝ_DO [--on YYYY-MM-DD] [--db CSDL]

  parse    Đọc văn bản cấp trên (.txt, .md, .docx, .pdf): loại, số, ký hiệu, ngày, trích yếu,
           văn bản căn cứ, nơi nhận, người ký, và những gì chưa đọc được.
  forward  Soạn công văn triển khai văn bản cấp trên theo hồ sơ đơn vị (mặc định: hồ sơ mẫu) và mẫu
           (mặc định: cong-van-trien-khai; hoặc ke-hoach, hoặc một tệp .hbs), kiểm tra rồi xuất .docx.
           Ngày để trống đến khi ký, trừ khi có --dated.
  render   Xuất công văn (JSON) ra .docx theo Nghị định 30/2020, và bản xem trước HTML nếu cần.
  check    Kiểm tra thể thức; thoát với mã 1 nếu có lỗi.
  issue    Cấp số khi lãnh đạo đã ký: lấy số tiếp theo của sổ văn bản đi trong năm, điền số và
           ngày ký, ghi vào sổ, xuất bản đã ký (.docx; --pdf qua LibreOffice). --copies: mỗi
           nơi nhận một bản và một bản lưu; --mark ghi tên nơi nhận trên bản của nơi đó;
           --drafter thêm ký hiệu người soạn thảo và số lượng bản vào dòng Lưu; --signature,
           --seal in ảnh chữ ký và con dấu (PNG nền trong suốt, dấu trùm 1/3 chữ ký bên trái).
  sao-y    Sao y văn bản nhận được (.docx): lấy số tiếp theo của sổ bản sao (…/SY-…), ghi vào
           sổ, rồi viết phần sao y (SAO Y, tên đơn vị, số, ngày, người ký thứ N của hồ sơ, nơi
           nhận) ngay sau văn bản, dưới một đường kẻ suốt chiều ngang. --sao-luc: bản sao lục.
  register Sổ văn bản đi: xem (list), xuất .xlsx (export), hủy số (cancel, ghi lại lý do).
           CSDL mặc định là của ứng dụng (hoặc $CONGVAN_DATA_DIR/congvan.db).";

/// A usage mistake, reported with the usage text and exit status 2.
#[derive(Debug)]
struct Usage(String);

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => match e.downcast_ref::<Usage>() {
            Some(Usage(msg)) => {
                eprintln!("congvan: {msg}\n\n{USAGE}");
                ExitCode::from(2)
            }
            None => {
                eprintln!("congvan: {e:#}");
                ExitCode::from(1)
            }
        },
    }
}

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow!(Usage(msg.into()))
}

fn run(args: &[OsString]) -> Result<()> {
    let Some(command) = args.first() else {
        return Err(usage("thiếu lệnh"));
    };
    match command.to_str() {
        Some("render") => render_command(&args[1..]),
        Some("parse") => parse_command(&args[1..]),
        Some("forward") => forward_command(&args[1..]),
        Some("check") => check_command(&args[1..]),
        Some("issue") => issue_command(&args[1..]),
        Some("register") => register_command(&args[1..]),
        Some("sao-y") => copy_command(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(usage(format!(
            "lệnh không có: {}",
            command.to_string_lossy()
        ))),
    }
}

/// Options of a command: one input file and named outputs.
struct Options {
    input: PathBuf,
    output: Option<PathBuf>,
    html: Option<PathBuf>,
    json: bool,
    profile: Option<PathBuf>,
    template: Option<String>,
    today: Option<String>,
    dated: bool,
}

fn options(args: &[OsString]) -> Result<Options> {
    let mut input = None;
    let mut output = None;
    let mut html = None;
    let mut json = false;
    let mut profile = None;
    let mut template = None;
    let mut today = None;
    let mut dated = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .map(PathBuf::from)
                .ok_or_else(|| usage(format!("{name} cần một tên tệp")))
        };
        match arg.to_str() {
            Some("-o" | "--output") => output = Some(value("-o")?),
            Some("--html") => html = Some(value("--html")?),
            Some("--json") => json = true,
            Some("--dated") => dated = true,
            Some("--profile") => profile = Some(value("--profile")?),
            Some("--template") => {
                template = Some(value("--template")?.to_string_lossy().into_owned())
            }
            Some("--today") => today = Some(value("--today")?.to_string_lossy().into_owned()),
            Some(flag) if flag.starts_with('-') && flag.len() > 1 => {
                return Err(usage(format!("tùy chọn không có: {flag}")))
            }
            _ if input.is_none() => input = Some(PathBuf::from(arg)),
            _ => return Err(usage(format!("thừa đối số: {}", arg.to_string_lossy()))),
        }
    }
    Ok(Options {
        input: input.ok_or_else(|| usage("thiếu tệp đầu vào"))?,
        output,
        html,
        json,
        profile,
        template,
        today,
        dated,
    })
}

fn render_command(args: &[OsString]) -> Result<()> {
    let opts = options(args)?;
    let output = opts.output.ok_or_else(|| usage("thiếu -o OUT.docx"))?;
    let text = read_text(&opts.input)?;
    let letter = Letter::from_json(&text).with_context(|| opts.input.display().to_string())?;
    write_atomic(&output, &render::letter_docx(&letter)?)?;
    if let Some(html) = opts.html {
        write_atomic(&html, render::letter_html(&letter).as_bytes())?;
    }
    Ok(())
}

fn parse_command(args: &[OsString]) -> Result<()> {
    let opts = options(args)?;
    let directive = read_parent(&opts.input)?;
    if opts.json {
        println!("{}", serde_json::to_string_pretty(&directive)?);
    } else {
        print!("{}", congvan::read::parse::summary(&directive));
    }
    Ok(())
}

fn forward_command(args: &[OsString]) -> Result<()> {
    let opts = options(args)?;
    let output = opts
        .output
        .clone()
        .ok_or_else(|| usage("thiếu -o OUT.docx"))?;
    let today = match &opts.today {
        Some(t) => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| usage(format!("--today cần dạng YYYY-MM-DD: {t}")))?,
        None => chrono::Local::now().date_naive(),
    };
    let profile = match &opts.profile {
        Some(p) => {
            congvan::Profile::from_toml(&read_text(p)?).with_context(|| p.display().to_string())?
        }
        None => congvan::Profile::example(),
    };
    let template = load_template(opts.template.as_deref())?;
    let parent = read_parent(&opts.input)?;
    let options = congvan::draft::Options {
        dated: opts.dated,
        signer: 0,
    };
    let draft = congvan::draft::draft(&parent, &profile, &template, today, &options)?;
    let findings = congvan::check::check_letter(&draft.letter);
    write_atomic(&output, &render::letter_docx(&draft.letter)?)?;
    if opts.json {
        let out = serde_json::json!({"letter": draft.letter, "problems": draft.problems, "findings": findings});
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for p in &draft.problems {
            eprintln!("cần điền: {}", p.message);
        }
        report(&findings);
    }
    Ok(())
}

/// A built-in template by its id, or a template file by its path.
fn load_template(choice: Option<&str>) -> Result<congvan::draft::template::Template> {
    let id = choice.unwrap_or("cong-van-trien-khai");
    if let Some(t) = congvan::draft::template::Template::builtins()
        .into_iter()
        .find(|t| t.id == id)
    {
        return Ok(t);
    }
    let path = Path::new(id);
    if !path.exists() {
        let ids: Vec<String> = congvan::draft::template::Template::builtins()
            .into_iter()
            .map(|t| t.id)
            .collect();
        return Err(usage(format!(
            "không có mẫu \"{id}\" (mẫu có sẵn: {})",
            ids.join(", ")
        )));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(congvan::draft::template::Template::parse(
        &stem,
        &read_text(path)?,
    )?)
}

fn check_command(args: &[OsString]) -> Result<()> {
    let opts = options(args)?;
    let bytes = std::fs::read(&opts.input)
        .with_context(|| format!("không đọc được {}", opts.input.display()))?;
    let findings = if bytes.starts_with(b"PK\x03\x04") {
        congvan::check::check_docx(&bytes).with_context(|| opts.input.display().to_string())?
    } else {
        let text = read_text(&opts.input)?;
        let letter = Letter::from_json(&text).with_context(|| opts.input.display().to_string())?;
        congvan::check::check_letter(&letter)
    };
    if opts.json {
        println!("{}", serde_json::to_string_pretty(&findings)?);
    } else {
        report(&findings);
    }
    if congvan::check::has_errors(&findings) {
        let n = findings
            .iter()
            .filter(|f| f.severity == congvan::check::Severity::Error)
            .count();
        return Err(anyhow!("{}: {n} lỗi thể thức", opts.input.display()));
    }
    Ok(())
}

/// The checker's findings, one per line on standard error.
fn report(findings: &[congvan::check::Finding]) {
    for f in findings {
        let label = match f.severity {
            congvan::check::Severity::Error => "lỗi",
            congvan::check::Severity::Warning => "lưu ý",
        };
        eprintln!("{label}: {} [{}]", f.message, f.rule);
    }
}

/// A parent directive from its file: imported (any kind the clerk receives), then read.
fn read_parent(path: &Path) -> Result<congvan::read::parse::Directive> {
    let bytes =
        std::fs::read(path).with_context(|| format!("không đọc được {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    congvan::read::parse::read(&name, &bytes).with_context(|| path.display().to_string())
}

fn read_text(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).with_context(|| format!("không đọc được {}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "{}: tệp không phải văn bản UTF-8 (byte lạ ở vị trí {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Writes through a temporary file and a rename (the store's `write_atomic`).
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(congvan::desk::store::write_atomic(path, bytes)?)
}

/// The named options of `issue` and `register`: `--name value` pairs, flags and positionals.
struct Named {
    values: Vec<(String, OsString)>,
    flags: Vec<String>,
    positional: Vec<OsString>,
}

impl Named {
    fn parse(args: &[OsString], with_value: &[&str], flags: &[&str]) -> Result<Named> {
        let mut named = Named {
            values: Vec::new(),
            flags: Vec::new(),
            positional: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let text = arg.to_string_lossy();
            let key = if text == "-o" { "--output" } else { &text };
            if with_value.contains(&key) {
                let value = it
                    .next()
                    .ok_or_else(|| usage(format!("{text} cần một giá trị")))?;
                named.values.push((key.to_string(), value.clone()));
            } else if flags.contains(&key) {
                named.flags.push(key.to_string());
            } else if text.starts_with('-') && text.len() > 1 {
                return Err(usage(format!("tùy chọn không có: {text}")));
            } else {
                named.positional.push(arg.clone());
            }
        }
        Ok(named)
    }

    fn value(&self, name: &str) -> Option<&OsString> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// Every value of an option that may be given more than once, in order.
    fn texts(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.to_string_lossy().into_owned())
            .collect()
    }

    /// The profile: `--profile`, else the one the store keeps, else the example.
    fn profile(&self, store: &congvan::desk::store::Store) -> Result<congvan::Profile> {
        match self.value("--profile") {
            Some(p) => {
                let p = PathBuf::from(p);
                Ok(congvan::Profile::from_toml(&read_text(&p)?)
                    .with_context(|| p.display().to_string())?)
            }
            None => Ok(store.profile()?.unwrap_or_else(congvan::Profile::example)),
        }
    }

    /// LibreOffice when `--pdf` asks for a PDF: found before a number is taken, so that
    /// without it no number is spent.
    fn soffice(&self) -> Result<Option<PathBuf>> {
        match self.flag("--pdf") {
            true => Ok(Some(
                congvan::desk::pdf::find_soffice()
                    .ok_or_else(|| anyhow!(congvan::desk::pdf::MISSING))?,
            )),
            false => Ok(None),
        }
    }

    /// The signature and seal images named by `--signature` and `--seal`.
    fn images(&self) -> Result<congvan::render::images::Images> {
        let read = |option: &str, what: &str| -> Result<Option<congvan::render::images::Png>> {
            let Some(path) = self.value(option).map(PathBuf::from) else {
                return Ok(None);
            };
            let bytes = std::fs::read(&path)
                .with_context(|| format!("không đọc được {}", path.display()))?;
            Ok(Some(congvan::render::images::Png::read(
                &bytes,
                &format!("{what} {}", path.display()),
            )?))
        };
        Ok(congvan::render::images::Images {
            signature: read("--signature", "ảnh chữ ký")?,
            seal: read("--seal", "ảnh con dấu")?,
        })
    }

    fn text(&self, name: &str) -> Option<String> {
        self.value(name).map(|v| v.to_string_lossy().into_owned())
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    fn date(&self, name: &str) -> Result<Option<chrono::NaiveDate>> {
        self.text(name)
            .map(|t| {
                chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
                    .map_err(|_| usage(format!("{name} cần dạng YYYY-MM-DD: {t}")))
            })
            .transpose()
    }

    /// The database: `--db`, else the app's own (so the tool and the window share one register).
    fn store(&self) -> Result<congvan::desk::store::Store> {
        let path = match self.value("--db") {
            Some(p) => PathBuf::from(p),
            None => app_data_dir()?.join("congvan.db"),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("không tạo được thư mục {}", dir.display()))?;
        }
        Ok(congvan::desk::store::Store::open(&path)?)
    }

    fn filter(&self) -> Result<congvan::issue::register::Filter> {
        Ok(congvan::issue::register::Filter {
            year: self
                .text("--year")
                .map(|y| {
                    y.parse()
                        .map_err(|_| usage(format!("--year cần một năm: {y}")))
                })
                .transpose()?,
            kind: self.text("--kind"),
            text: self.text("--text"),
        })
    }
}

/// The folder the desktop app keeps its database in (Tauri's app data folder for the app's
/// identifier), or `CONGVAN_DATA_DIR`.
fn app_data_dir() -> Result<PathBuf> {
    const ID: &str = "vn.congdoan.congvan";
    if let Some(dir) = std::env::var_os("CONGVAN_DATA_DIR") {
        return Ok(dir.into());
    }
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        var("APPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        var("XDG_DATA_HOME").or_else(|| var("HOME").map(|h| h.join(".local/share")))
    };
    base.map(|b| b.join(ID))
        .ok_or_else(|| anyhow!("không biết thư mục dữ liệu của ứng dụng: hãy dùng --db"))
}

fn issue_command(args: &[OsString]) -> Result<()> {
    let named = Named::parse(
        args,
        &[
            "--signed-on",
            "--output",
            "--profile",
            "--db",
            "--drafter",
            "--signature",
            "--seal",
        ],
        &["--pdf", "--copies", "--mark", "--json"],
    )?;
    let [input] = named.positional.as_slice() else {
        return Err(usage("cần đúng một tệp công văn (JSON)"));
    };
    let input = PathBuf::from(input);
    let signed_on = named
        .date("--signed-on")?
        .ok_or_else(|| usage("thiếu --signed-on YYYY-MM-DD (ngày lãnh đạo ký)"))?;
    let output = named
        .value("--output")
        .map(PathBuf::from)
        .ok_or_else(|| usage("thiếu -o OUT.docx"))?;
    let letter =
        Letter::from_json(&read_text(&input)?).with_context(|| input.display().to_string())?;
    let soffice = named.soffice()?;
    // Images are checked before a number is taken, so a bad image spends none.
    let images = named.images()?;
    let mut store = named.store()?;
    let profile = named.profile(&store)?;
    let series = congvan::issue::register::series(&profile, &letter.doc_type);
    let entry = store
        .issue(&letter, signed_on, &series, now())
        .with_context(|| input.display().to_string())?;
    let options = congvan::issue::register::CopyOptions {
        per_addressee: named.flag("--copies"),
        mark: named.flag("--mark"),
        drafter: named.text("--drafter"),
        images: !images.is_empty(),
    };
    let issued = format!(
        "đã cấp số {} ngày {}",
        entry.number_and_symbol(),
        entry.signed_on.format("%d/%m/%Y")
    );
    let docs = congvan::issue::register::copies(&entry.letter, &options, &images);
    let bytes = render::copies_docx(&docs).with_context(|| issued.clone())?;
    deliver(&output, &bytes, soffice, &issued)?;
    if named.flag("--json") {
        println!("{}", serde_json::to_string_pretty(&entry)?);
    } else {
        eprintln!("{issued}, {} bản", docs.len());
    }
    Ok(())
}

fn copy_command(args: &[OsString]) -> Result<()> {
    let named = Named::parse(
        args,
        &[
            "--signed-on",
            "--output",
            "--to",
            "--signer",
            "--signature",
            "--seal",
            "--profile",
            "--db",
        ],
        &["--sao-luc", "--pdf", "--json"],
    )?;
    let [input] = named.positional.as_slice() else {
        return Err(usage("cần đúng một tệp .docx nhận được"));
    };
    let input = PathBuf::from(input);
    let signed_on = named
        .date("--signed-on")?
        .ok_or_else(|| usage("thiếu --signed-on YYYY-MM-DD (ngày ký bản sao)"))?;
    let output = named
        .value("--output")
        .map(PathBuf::from)
        .ok_or_else(|| usage("thiếu -o OUT.docx"))?;
    let distribution = named.texts("--to");
    if distribution.is_empty() {
        return Err(usage("thiếu --to (nơi nhận của bản sao, mỗi nơi một --to)"));
    }
    let received =
        std::fs::read(&input).with_context(|| format!("không đọc được {}", input.display()))?;
    let name = input.display().to_string();
    let soffice = named.soffice()?;
    let images = named.images()?;
    let mut store = named.store()?;
    let profile = named.profile(&store)?;
    let index: usize = match named.text("--signer") {
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| usage(format!("--signer cần số thứ tự người ký (từ 1): {n}")))?,
        None => 1,
    };
    let signer = profile.signers.get(index - 1).cloned().ok_or_else(|| {
        anyhow!(
            "hồ sơ đơn vị không có người ký thứ {index} (có {})",
            profile.signers.len()
        )
    })?;
    let kind = congvan::DocKind::from_name(if named.flag("--sao-luc") {
        "Bản sao lục"
    } else {
        "Bản sao y"
    });
    let order = congvan::issue::certified::Order {
        kind,
        signer,
        distribution,
    };
    let copy = congvan::issue::certified::prepare(&name, &received, &profile, &order, signed_on)
        .with_context(|| name.clone())?;
    let entry = store
        .issue_copy(&copy, signed_on, &received, now())
        .with_context(|| name.clone())?;
    let issued = format!(
        "đã cấp số bản sao {} ngày {}",
        entry.number_and_symbol(),
        entry.signed_on.format("%d/%m/%Y")
    );
    let bytes = congvan::issue::certified::certify(&received, &entry.letter, &images)
        .with_context(|| issued.clone())?;
    deliver(&output, &bytes, soffice, &issued)?;
    if named.flag("--json") {
        println!("{}", serde_json::to_string_pretty(&entry)?);
    } else {
        eprintln!("{issued}");
    }
    Ok(())
}

/// Writes what was issued to `output`, and its PDF beside it through `soffice` when asked;
/// a failure names the number already taken (`issued`), which the register keeps.
fn deliver(output: &Path, bytes: &[u8], soffice: Option<PathBuf>, issued: &str) -> Result<()> {
    write_atomic(output, bytes).with_context(|| issued.to_string())?;
    if let Some(soffice) = soffice {
        congvan::desk::pdf::convert(&soffice, &[output.to_path_buf()])
            .with_context(|| issued.to_string())?;
    }
    Ok(())
}

/// Seconds since 1970, the time a register line records.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn register_command(args: &[OsString]) -> Result<()> {
    let Some((action, rest)) = args.split_first() else {
        return Err(usage("register cần list, export hoặc cancel"));
    };
    let named = Named::parse(
        rest,
        &[
            "--year", "--kind", "--text", "--db", "--output", "--reason", "--on",
        ],
        &["--json"],
    )?;
    match action.to_str() {
        Some("list") => {
            let entries = named.store()?.register(&named.filter()?)?;
            if named.flag("--json") {
                println!("{}", serde_json::to_string_pretty(&entries)?);
            } else {
                for e in &entries {
                    let cancelled = e
                        .cancelled
                        .as_ref()
                        .map(|c| format!("  [ĐÃ HỦY {}: {}]", c.on.format("%d/%m/%Y"), c.reason))
                        .unwrap_or_default();
                    println!(
                        "{}\t{}\t{}\t{}\t{}{cancelled}",
                        e.id,
                        e.number_and_symbol(),
                        e.signed_on.format("%d/%m/%Y"),
                        e.kind_and_subject(),
                        e.signer
                    );
                }
            }
            Ok(())
        }
        Some("export") => {
            let output = named
                .value("--output")
                .map(PathBuf::from)
                .ok_or_else(|| usage("thiếu -o SO.xlsx"))?;
            let filter = named.filter()?;
            let entries = named.store()?.register(&filter)?;
            write_atomic(
                &output,
                &congvan::issue::register::xlsx(&entries, filter.year)?,
            )
        }
        Some("cancel") => {
            let [id] = named.positional.as_slice() else {
                return Err(usage(
                    "cancel cần số dòng trong sổ (cột đầu của register list)",
                ));
            };
            let id: i64 = id
                .to_string_lossy()
                .parse()
                .map_err(|_| usage(format!("số dòng không hợp lệ: {}", id.to_string_lossy())))?;
            let reason = named
                .text("--reason")
                .ok_or_else(|| usage("thiếu --reason (lý do hủy số)"))?;
            let on = named
                .date("--on")?
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            Ok(named.store()?.cancel(id, on, &reason)?)
        }
        _ => Err(usage(format!(
            "register không có việc {}",
            action.to_string_lossy()
        ))),
    }
}
