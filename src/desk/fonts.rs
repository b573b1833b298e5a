//! The serif the PDFs embed: Times New Roman where Windows has it installed, else the
//! Liberation Serif the app carries (`resources/fonts`, OFL 1.1), which has Times New
//! Roman's advance widths for every Vietnamese letter, so lines break in the same places.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::render::pdf::Fonts;

/// Liberation Serif 2.1.5: regular, bold, italic, bold italic.
const CARRIED: [&[u8]; 4] = [
    include_bytes!("../../resources/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../resources/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../resources/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../resources/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Times New Roman's four files, as Windows names them in its Fonts folder.
const TIMES: [&str; 4] = ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"];

/// The fonts the app carries.
pub(crate) fn carried() -> Result<Fonts, Error> {
    Fonts::new(CARRIED.map(<[u8]>::to_vec))
}

/// Times New Roman from `folder` when all four faces are there and usable, else the fonts
/// the app carries.
pub(crate) fn from_folder(folder: Option<&Path>) -> Result<Fonts, Error> {
    let installed = folder.and_then(|dir| {
        let mut files = Vec::with_capacity(4);
        for name in TIMES {
            files.push(std::fs::read(dir.join(name)).ok()?);
        }
        let files: [Vec<u8>; 4] = files.try_into().ok()?;
        Fonts::new(files).ok()
    });
    match installed {
        Some(fonts) => Ok(fonts),
        None => carried(),
    }
}

/// Windows' Fonts folder, on Windows.
pub(crate) fn system_folder() -> Option<PathBuf> {
    if !cfg!(windows) {
        return None;
    }
    std::env::var_os("WINDIR")
        .or_else(|| std::env::var_os("SystemRoot"))
        .map(|w| PathBuf::from(w).join("Fonts"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_carried_fonts_have_every_vietnamese_letter() {
        assert!(carried().is_ok());
    }

    #[test]
    fn times_new_roman_in_the_folder_is_used() {
        use crate::render::pdf::Style;
        let dir = std::env::temp_dir().join(format!("congvan-times-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Fonts under Times New Roman's names, each told apart from the carried one by 4
        // bytes after its tables, which a font reader passes over.
        for (name, bytes) in TIMES.iter().zip(CARRIED) {
            std::fs::write(dir.join(name), [bytes, b"TNR!"].concat()).unwrap();
        }
        let found = from_folder(Some(&dir)).unwrap();
        std::fs::remove_file(dir.join(TIMES[3])).unwrap();
        // One face missing: the carried fonts, all four.
        let partial = from_folder(Some(&dir)).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let regular = |f: &Fonts| f.face(Style::Regular).data.len();
        assert_eq!(regular(&found), CARRIED[0].len() + 4);
        assert_eq!(regular(&partial), CARRIED[0].len());
    }

    #[test]
    fn a_folder_without_times_new_roman_gives_the_carried_fonts() {
        let dir = std::env::temp_dir().join(format!("congvan-fonts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // A file named like Times New Roman that is not a font is passed over.
        for name in TIMES {
            std::fs::write(dir.join(name), b"not a font").unwrap();
        }
        let fonts = from_folder(Some(&dir)).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(fonts.family(), carried().unwrap().family());
    }
}
