; Hubkeeper NSIS additions (electron-builder `nsis.include`): the `hubkeeper` command on PATH,
; as an option. The installer asks once (a silent install answers no); the uninstaller takes the
; entry out again, but not when it runs as part of an update (the new version keeps the choice).
!include "WordFunc.nsh"

!macro customInstall
  ${ifNot} ${isUpdated}
    MessageBox MB_YESNO|MB_ICONQUESTION "Add the hubkeeper command to PATH for this user?$\r$\n(Lets a terminal run: hubkeeper status https://hub-address)" /SD IDNO IDNO hk_skip_path
      ReadRegStr $0 HKCU "Environment" "Path"
      StrCmp $0 "" 0 hk_append
        WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR\resources\cli"
        Goto hk_remember
      hk_append:
        WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR\resources\cli"
      hk_remember:
      WriteRegStr HKCU "Software\Hubkeeper" "CliOnPath" "$INSTDIR\resources\cli"
      SendMessage ${HWND_BROADCAST} ${WM_WININICHANGE} 0 "STR:Environment" /TIMEOUT=5000
    hk_skip_path:
  ${endIf}
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    ReadRegStr $1 HKCU "Software\Hubkeeper" "CliOnPath"
    StrCmp $1 "" hk_un_done
      ReadRegStr $0 HKCU "Environment" "Path"
      ${WordReplace} "$0" ";$1" "" "+" $0
      ${WordReplace} "$0" "$1" "" "+" $0
      WriteRegExpandStr HKCU "Environment" "Path" "$0"
      DeleteRegValue HKCU "Software\Hubkeeper" "CliOnPath"
      SendMessage ${HWND_BROADCAST} ${WM_WININICHANGE} 0 "STR:Environment" /TIMEOUT=5000
    hk_un_done:
  ${endIf}
!macroend
