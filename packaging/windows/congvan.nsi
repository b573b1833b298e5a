; The clerk's installer for Windows: for the user alone, without administrator rights, in
; Vietnamese. It installs the app, the command-line tool and the WebView2 loader, makes the
; "Công văn" shortcuts and the entry in the installed-programs list, and its uninstaller
; removes the program but never the clerk's data.
;
; Built by `scripts/package windows`, which passes the folder of the files to install and
; the version read from Cargo.toml:
;   makensis -DVERSION=0.1.0 -DFILES=<folder> -DOUTFILE=<installer.exe> congvan.nsi

Unicode true
; The app is 64-bit; a 64-bit installer runs under wine's default 64-bit prefix, and a
; 32-bit Windows is refused by Windows itself before any of this runs.
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true
RequestExecutionLevel user

!ifndef VERSION
  !error "thiếu -DVERSION: hãy dựng bằng scripts/package windows"
!endif
!ifndef FILES
  !error "thiếu -DFILES: hãy dựng bằng scripts/package windows"
!endif
!ifndef OUTFILE
  !error "thiếu -DOUTFILE: hãy dựng bằng scripts/package windows"
!endif

!define APP_NAME "Công văn"
; The identifier of the app: its data folder under %APPDATA% and its uninstall key.
!define APP_ID "vn.congdoan.congvan"
!define PUBLISHER "congvan"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; The Evergreen WebView2 runtime's client key, where its installed version is kept.
!define WEBVIEW2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME}"
Caption "Cài đặt ${APP_NAME} ${VERSION}"
UninstallCaption "Gỡ ${APP_NAME}"
BrandingText "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
; An ASCII folder name: some older tools the clerk may pair with it choke on others.
InstallDir "$LOCALAPPDATA\Programs\Cong van"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${APP_NAME}: soạn công văn triển khai theo Nghị định 30/2020"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT"

!define MUI_ICON "${FILES}\icon.ico"
!define MUI_UNICON "${FILES}\icon.ico"
!define MUI_ABORTWARNING
; Drawn by scripts/gen-icons.py, like the icon; beside this script (makensis works from its folder).
!define MUI_WELCOMEFINISHPAGE_BITMAP "welcome.bmp"
!define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài ${APP_NAME} ${VERSION} cho riêng tài khoản này, không cần quyền quản trị.$\r$\n$\r$\nNếu đang mở ${APP_NAME}, hãy đóng lại trước khi tiếp tục."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\congvan-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP_NAME}"
!define MUI_PAGE_CUSTOMFUNCTION_SHOW FinishShow
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

; Whether the WebView2 runtime the window draws with is installed: for all users (the
; 32-bit and 64-bit views of HKLM) or for this user alone. A version of 0.0.0.0 means it
; was removed.
Function HasWebView2
  Push $0
  SetRegView 32
  ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_KEY}" "pv"
  SetRegView 64
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
  Exch $0
FunctionEnd

; 1 when the WebView2 runtime was found missing: the window cannot open yet.
Var NoWebView2

; Without WebView2 the app would only fail to open: the finish page does not offer it.
Function FinishShow
  ${If} $NoWebView2 == 1
    SendMessage $mui.FinishPage.Run ${BM_SETCHECK} ${BST_UNCHECKED} 0
    EnableWindow $mui.FinishPage.Run 0
  ${EndIf}
FunctionEnd

Section "${APP_NAME}" Main
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${FILES}\congvan-app.exe"
  File "${FILES}\congvan.exe"
  File "${FILES}\WebView2Loader.dll"
  File "${FILES}\icon.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Per user: the shortcuts go to this user's Start menu and desktop.
  SetShellVarContext current
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\congvan-app.exe" "" "$INSTDIR\icon.ico"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\congvan-app.exe" "" "$INSTDIR\icon.ico"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ; The size the installed-programs list shows, in KB.
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  ; Said after the files are in, so a clerk without the runtime still gets the program
  ; and knows what to ask for; silent installs (/S) only log it.
  Call HasWebView2
  Pop $0
  ${If} $0 == ""
    StrCpy $NoWebView2 1
    DetailPrint "Chưa có Microsoft Edge WebView2 Runtime: cửa sổ ${APP_NAME} chưa mở được."
    MessageBox MB_OK|MB_ICONEXCLAMATION "Máy này chưa có Microsoft Edge WebView2 Runtime, phần mềm mà cửa sổ ${APP_NAME} dùng để hiển thị.$\r$\n$\r$\nWindows 10 (bản 21H2 trở lên) và Windows 11 đã có sẵn. Với máy khác, hãy nhờ bộ phận tin học cài $\"Microsoft Edge WebView2 Runtime (Evergreen)$\" của Microsoft, rồi mở lại ${APP_NAME}.$\r$\n$\r$\n${APP_NAME} đã được cài; công cụ dòng lệnh congvan.exe vẫn dùng được ngay." /SD IDOK
  ${EndIf}
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\congvan-app.exe"
  Delete "$INSTDIR\congvan.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\uninstall.exe"
  ; Only an empty folder goes: anything the clerk put there stays.
  RMDir "$INSTDIR"

  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"

  ; The register, drafts and profile are the office's records: they are never removed here.
  DetailPrint "Dữ liệu vẫn giữ nguyên ở $APPDATA\${APP_ID}"
  MessageBox MB_OK|MB_ICONINFORMATION "Đã gỡ ${APP_NAME}.$\r$\n$\r$\nSổ đăng ký, bản thảo và hồ sơ cơ quan vẫn giữ nguyên ở:$\r$\n$APPDATA\${APP_ID}$\r$\n$\r$\nCài lại ${APP_NAME} sẽ dùng tiếp dữ liệu này. Chỉ xóa thư mục đó khi đã sao lưu và chắc chắn không cần nữa." /SD IDOK
SectionEnd
