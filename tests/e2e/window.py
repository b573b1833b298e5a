#!/usr/bin/env python3
"""The desktop window, driven for real: WebKitGTK under Xvfb through tauri-driver (W3C
WebDriver), spoken to with plain HTTP so the test needs no package.

Usage: window.py APP_BINARY SCREENSHOT_DIR SEEDS_DIR   (scripts/e2e starts Xvfb and tauri-driver)
Prints one "test result:" line that scripts/test adds to its sum.
"""
import base64
import glob
import os
import zipfile
import http.client
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

DRIVER = "http://127.0.0.1:4444"
ELEMENT = "element-6066-11e4-a52e-4f735466cecc"


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    # tauri-driver now and then drops a request it forwards to WebKitWebDriver ("SendRequest")
    # and closes the connection without an answer; every call here is safe to send again.
    for attempt in range(4):
        req = urllib.request.Request(DRIVER + path, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.loads(resp.read() or b"{}").get("value")
        except (http.client.RemoteDisconnected, ConnectionResetError):
            if attempt == 3:
                raise
            time.sleep(0.2)
        except urllib.error.HTTPError as e:
            raise AssertionError(f"{method} {path}: {e.code} {e.read().decode(errors='replace')[:300]}") from None


class Window:
    def __init__(self, app):
        caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {"application": app}}}}
        self.sid = call("POST", "/session", caps)["sessionId"]

    def js(self, script, *args):
        return call("POST", f"/session/{self.sid}/execute/sync", {"script": script, "args": list(args)})

    def wait(self, script, what, timeout=15):
        end = time.time() + timeout
        while time.time() < end:
            if self.js(script):
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}")

    def screenshot(self, path):
        # One frame after a change, the screen may still show the previous one.
        time.sleep(0.3)
        with open(path, "wb") as f:
            f.write(base64.b64decode(call("GET", f"/session/{self.sid}/screenshot")))

    def close(self):
        call("DELETE", f"/session/{self.sid}")


def preview_has(text):
    return "return document.getElementById('preview').srcdoc.includes(%s)" % json.dumps(text)


def edit_letter(window, change):
    """Changes the letter's JSON in the editor as typing would, firing the input event."""
    letter = json.loads(window.js("return document.getElementById('letter').value"))
    change(letter)
    window.js(
        "const e = document.getElementById('letter'); e.value = arguments[0];"
        "e.dispatchEvent(new Event('input', {bubbles: true}));",
        json.dumps(letter, ensure_ascii=False, indent=2),
    )


def main():
    app, shots, seeds = sys.argv[1], sys.argv[2], sys.argv[3]
    passed, failed = 0, 0
    window = Window(app)
    tests = []

    def test(fn):
        tests.append(fn)
        return fn

    @test
    def the_window_opens_on_the_example_letter_and_its_preview():
        window.wait(preview_has("Số: 165/LĐLĐ"), "the preview of the example letter")
        window.wait(preview_has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "the Quốc hiệu in the preview")
        window.screenshot(f"{shots}/preview.png")

    @test
    def the_preview_follows_the_form_as_the_clerk_types():
        edit_letter(window, lambda l: l.update(subject="kiểm tra cửa sổ thật", number=7))
        window.wait(preview_has("V/v kiểm tra cửa sổ thật"), "the new V/v in the preview")
        window.wait(preview_has("Số: 07/LĐLĐ"), "the number with its zero")

    @test
    def a_bad_form_says_what_is_wrong_in_vietnamese():
        edit_letter(window, lambda l: l.pop("issuer"))
        window.wait("return document.getElementById('status').textContent.includes('thiếu trường \"issuer\"')", "the message")
        window.screenshot(f"{shots}/error.png")

    @test
    def seed_004_forwarded_edited_and_exported():
        seed = next(glob.glob(f"{seeds}/004_*.txt").__iter__())
        window.js("window.congvan.openPath(arguments[0]); return true", seed)
        window.wait(preview_has("Kế hoạch số 1062/KH-UBND ngày 11/4/2024"), "the forwarding letter citing seed 004")
        window.js(
            "const p = document.getElementById('template'); p.value = 'cong-van-trien-khai';"
            "p.dispatchEvent(new Event('change')); return true"
        )
        window.wait("return document.getElementById('problems').textContent.includes('cơ quan ban hành')", "the gap listed")
        edit_letter(window, lambda l: l.update(subject="triển khai kế hoạch thi đua quốc phòng năm 2024"))
        window.wait(preview_has("V/v triển khai kế hoạch thi đua quốc phòng năm 2024"), "the edited V/v in the preview")
        window.screenshot(f"{shots}/forward.png")
        out = f"{shots}/exported.docx"
        if os.path.exists(out):
            os.remove(out)
        window.js("window.congvan.exportTo(arguments[0]); return true", out)
        window.wait("return document.getElementById('status').textContent.startsWith('Đã xuất')", "the export")
        with zipfile.ZipFile(out) as z:
            xml = z.read("word/document.xml").decode()
        assert "1062/KH-UBND" in xml and "11/4/2024" in xml, "the exported letter cites seed 004"
        assert "V/v triển khai kế hoạch thi đua quốc phòng năm 2024" in xml, "the exported letter has the edited V/v"

    @test
    def a_draft_survives_the_app_being_killed_mid_edit():
        nonlocal window
        edit_letter(window, lambda l: l.update(issuer="Liên đoàn Lao động huyện Dương Minh Châu", subject="bản nháp phải còn"))
        window.wait("return document.getElementById('status').textContent === 'Đã lưu bản nháp'", "the autosave")
        # Killed, as by a crash or a power cut: no chance to save anything more.
        subprocess.run(["pkill", "-KILL", "-f", "^" + app], check=True)
        # The driver serves one session: end the dead one (it may say so), then start again.
        try:
            window.close()
        except Exception:
            pass
        window = Window(app)
        window.wait(preview_has("V/v bản nháp phải còn"), "the draft restored after the kill")
        window.screenshot(f"{shots}/restored.png")

    for fn in tests:
        try:
            fn()
            passed += 1
            print(f"ok   {fn.__name__}")
        except Exception as e:  # report every failure, then the sum
            failed += 1
            print(f"FAIL {fn.__name__}: {e}")
    try:
        window.close()
    except Exception:
        pass
    print(f"test result: {'ok' if failed == 0 else 'FAILED'}. {passed} passed; {failed} failed; 0 ignored (end-to-end window)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
