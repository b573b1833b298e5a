//! The other programs the desk runs (LibreOffice, Tesseract): waited for within a limit.

/// Waits for `child` to end, at most `limit`; past it the program is stopped and the
/// answer is none.
pub(super) fn wait_within(
    child: &mut std::process::Child,
    limit: std::time::Duration,
) -> std::io::Result<Option<std::process::ExitStatus>> {
    let started = std::time::Instant::now();
    loop {
        match child.try_wait()? {
            Some(status) => return Ok(Some(status)),
            None if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Ok(None);
            }
            None => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}
