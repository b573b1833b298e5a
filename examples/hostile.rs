//! Writes the hostile files of `cli/tests/hostile/files.rs` into a folder, to measure the
//! release tool on them: `cargo run --release --example hostile -- DIR`, then
//! `scripts/hostile DIR` (time and peak memory of each, with `/usr/bin/time -v`).

// An example writes its files (clippy.toml).
#![allow(clippy::disallowed_methods)]

#[path = "../cli/tests/hostile/files.rs"]
#[allow(dead_code)]
mod files;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(
        std::env::args_os()
            .nth(1)
            .unwrap_or("target/hostile".into()),
    );
    std::fs::create_dir_all(&dir)?;
    for case in files::all() {
        std::fs::write(dir.join(case.file), &case.bytes)?;
        println!("{}\t{}\t{:?}", case.file, case.name, case.uses);
    }
    std::fs::write(dir.join("plan.docx"), files::plan_docx())?;
    Ok(())
}
