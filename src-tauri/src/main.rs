// No console window behind the app on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// The shell reads the clock once, for the first-paint figure (clippy.toml).
#![allow(clippy::disallowed_methods)]

fn main() {
    // Taken first, so the first-paint figure counts the whole start-up.
    let started = std::time::Instant::now();
    congvan_app_lib::run(started)
}
