#!/usr/bin/env python3
"""The Windows installer under wine, as a clerk's computer would run it silently.

    install.py SETUP.exe LINUX_CONGVAN SEED.txt VERSION

Installs with /S, checks the files, shortcuts and uninstall entry; has the installed
congvan.exe forward the seed and compares the .docx with the Linux tool's byte for byte;
keeps a record in the default data folder; uninstalls with /S and checks that the program
is gone and the data kept. WINEPREFIX and the other wine settings come from scripts/wine.
Prints one "test result:" line that scripts/test adds to its sum.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

APP_ID = "vn.congdoan.congvan"
KEY = rf"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}"
SHORTCUT = "Công văn.lnk"

setup, linux_cli, seed, version = sys.argv[1:5]
# The office a number is issued for: the example office numbers nothing.
office = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "profiles", "duong-minh-chau.toml")


work = tempfile.mkdtemp(prefix="congvan-wine-")


def wine(*args, check=True):
    """Runs a Windows program under wine and waits for every process it started."""
    out = subprocess.run(["wine", *args], capture_output=True, timeout=300)
    subprocess.run(["wineserver", "-w"], timeout=300)
    if check and out.returncode != 0:
        raise AssertionError(
            f"wine {' '.join(args)}: exit {out.returncode}\n{out.stderr.decode(errors='replace')}"
        )
    return out


def unix(windows_path):
    """The Unix path of a Windows path in the prefix."""
    out = subprocess.run(["winepath", "-u", windows_path], capture_output=True, check=True)
    return out.stdout.decode().strip()


def folder(variable):
    """The Unix path of a Windows folder variable such as LOCALAPPDATA."""
    out = wine("cmd", "/c", f"echo %{variable}%")
    return unix(out.stdout.decode(errors="replace").strip())


def registry(name):
    """The uninstall entry's value `name` (a string, or a number as "dword:…"), or None
    when the entry or value is absent. Read from `reg export`, which writes UTF-16;
    `reg query` prints in the console's code page, which has no "ă"."""
    exported = os.path.join(work, "entry.reg")
    # wine's `reg export` now and then fails while the installer's writes settle (the
    # same read a moment later gives the value): tried three times.
    for _ in range(3):
        if os.path.exists(exported):
            os.remove(exported)
        out = wine("reg", "export", KEY, exported, "/y", check=False)
        if out.returncode == 0 and os.path.exists(exported):
            break
        time.sleep(1)
    else:
        return None
    with open(exported, encoding="utf-16") as f:
        for line in f:
            key, _, value = line.strip().partition("=")
            if key != f'"{name}"':
                continue
            if value.startswith('"'):
                return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            return value  # a number, "dword:0000abcd"
    return None


installed = os.path.join(folder("LOCALAPPDATA"), "Programs", "Cong van")
data = os.path.join(folder("APPDATA"), APP_ID)
start_menu = os.path.join(folder("APPDATA"), "Microsoft", "Windows", "Start Menu", "Programs")
desktop = folder("USERPROFILE") + "/Desktop"

# A clean start: nothing left from an earlier run.
for leftover in (installed, data):
    shutil.rmtree(leftover, ignore_errors=True)
wine("reg", "delete", KEY, "/f", check=False)

tests = []


def test(f):
    tests.append(f)
    return f


@test
def a_silent_install_puts_the_program_shortcuts_and_entry_in_place():
    wine(setup, "/S")
    for name in ("congvan-app.exe", "congvan.exe", "WebView2Loader.dll", "uninstall.exe"):
        assert os.path.isfile(os.path.join(installed, name)), f"{name} not in {installed}"
    for place in (start_menu, desktop):
        assert os.path.isfile(os.path.join(place, SHORTCUT)), f"no {SHORTCUT} in {place}"
    name, shown = registry("DisplayName"), registry("DisplayVersion")
    assert name == "Công văn", name
    assert shown == version, (shown, version)
    assert (registry("QuietUninstallString") or "").endswith("uninstall.exe\" /S")
    size = registry("EstimatedSize") or ""
    assert size.startswith("dword:") and int(size[6:], 16) > 10_000, size


@test
def the_installed_tool_writes_the_letter_linux_writes():
    windows_docx = os.path.join(work, "windows.docx")
    linux_docx = os.path.join(work, "linux.docx")
    args = ["forward", seed, "--today", "2024-05-10", "-o"]
    wine(os.path.join(installed, "congvan.exe"), *args, windows_docx)
    subprocess.run([linux_cli, *args, linux_docx], check=True, capture_output=True)
    with open(windows_docx, "rb") as w, open(linux_docx, "rb") as l:
        assert w.read() == l.read(), "the Windows tool's .docx differs from the Linux tool's"


@test
def the_installed_tool_copies_a_received_letter_as_linux_does():
    # A sao y copies most of the received package's entries raw: those must say they were
    # made where the written ones say, on both systems.
    received = os.path.join(work, "linux.docx")
    copies = {}
    for system, run in (("windows", [os.path.join(installed, "congvan.exe")]), ("linux", [linux_cli])):
        out = os.path.join(work, f"sao-y-{system}.docx")
        db = os.path.join(work, f"{system}.db")
        args = ["sao-y", received, "--signed-on", "2024-05-20", "--to", "Như trên", "--db", db,
                "--profile", office, "-o", out]
        if system == "windows":
            wine(*run, *args)
        else:
            subprocess.run([*run, *args], check=True, capture_output=True)
        with open(out, "rb") as f:
            copies[system] = f.read()
    assert copies["windows"] == copies["linux"], "the Windows tool's sao y differs from the Linux tool's"


@test
def the_installed_tool_keeps_its_register_in_appdata():
    wine(os.path.join(installed, "congvan.exe"), "receive", seed, "--received-on", "2024-05-09")
    assert os.path.isfile(os.path.join(data, "congvan.db")), f"no congvan.db in {data}"


@test
def a_silent_uninstall_removes_the_program_and_keeps_the_data():
    wine(os.path.join(installed, "uninstall.exe"), "/S")
    assert not os.path.exists(installed), f"{installed} is still there: {os.listdir(installed)}"
    for place in (start_menu, desktop):
        assert not os.path.exists(os.path.join(place, SHORTCUT)), f"{SHORTCUT} left in {place}"
    assert registry("DisplayName") is None, "the uninstall entry is still there"
    assert os.path.isfile(os.path.join(data, "congvan.db")), "the uninstaller removed the data"


passed = failed = 0
for t in tests:
    try:
        t()
        print(f"test {t.__name__} ... ok", flush=True)
        passed += 1
    except Exception:
        print(f"test {t.__name__} ... FAILED", flush=True)
        traceback.print_exc()
        failed += 1
shutil.rmtree(work, ignore_errors=True)
shutil.rmtree(data, ignore_errors=True)
print(f"test result: {'ok' if failed == 0 else 'FAILED'}. {passed} passed; {failed} failed; 0 ignored (Windows installer under wine)")
sys.exit(1 if failed else 0)
