#!/usr/bin/env python3
"""The app the .deb installed opens its window: the release build, its pages served from
inside the binary, under Xvfb through tauri-driver (as tests/e2e/window.py drives it).

Usage: installed.py APP_BINARY SCREENSHOT   (scripts/e2e installed starts Xvfb and tauri-driver)
Prints one "test result:" line that scripts/test adds to its sum.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from window import Window, preview_has  # noqa: E402


def main():
    app, shot = sys.argv[1:3]
    failed = 0
    window = None
    try:
        window = Window(app)
        window.wait("return document.getElementById('f-subject') !== null", "the form")
        window.wait(preview_has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "the A4 preview")
        title = window.js("return document.title")
        assert "Công văn" in title, title
        window.screenshot(shot)
        print("ok   the_installed_app_opens_its_window_with_the_form_and_preview")
    except Exception as e:  # report the failure, then the sum
        failed = 1
        print(f"FAIL the_installed_app_opens_its_window_with_the_form_and_preview: {e}")
    finally:
        if window is not None:
            try:
                window.close()
            except Exception:
                pass
    print(f"test result: {'ok' if failed == 0 else 'FAILED'}. {1 - failed} passed; {failed} failed; 0 ignored (the installed .deb's window)")
    sys.exit(failed)


if __name__ == "__main__":
    main()
