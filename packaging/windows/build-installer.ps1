# Builds the Windows installer (NSIS, tandem-<version>-win64.exe) and a ZIP,
# each carrying its own Qt (windeployqt, run by the deploy script Qt generates
# at install), the vcpkg libraries, the PostgreSQL client library and OpenSSL.
# Not run by CI (it needs Windows). From an "x64 Native Tools Command Prompt for
# VS 2022" with PowerShell, in the repository's top folder:
#   vcpkg install libsodium qtkeychain-qt6 libqrencode libpq openssl --triplet x64-windows
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-installer.ps1 -QtDir C:\Qt\6.8.0\msvc2022_64
# Needs Qt >= 6.5 (qt_generate_deploy_app_script with OUTPUT_SCRIPT), NSIS 3
# (makensis on PATH) and, for -Generator WIX, the WiX Toolset 3.
param(
    [Parameter(Mandatory = $true)][string]$QtDir,
    [string]$VcpkgRoot = $env:VCPKG_ROOT,
    [string]$Generator = "NSIS;ZIP"
)
$ErrorActionPreference = "Stop"
if (-not $VcpkgRoot) { throw "Set VCPKG_ROOT or pass -VcpkgRoot" }
$root = Resolve-Path "$PSScriptRoot\..\.."
$build = "$root\build\windows"
$vcpkgBin = "$VcpkgRoot\installed\x64-windows\bin"

# What Qt loads at run time and windeployqt cannot see: libpq.dll, which Qt's
# PostgreSQL driver (qsqlpsql.dll) loads, and OpenSSL 3, which Qt's OpenSSL
# TLS backend loads (--tls-cert, HTTPS to a language model). The install step
# also copies what these DLLs link (cmake/TandemInstall.cmake).
$extra = @("$vcpkgBin\libpq.dll", "$vcpkgBin\libssl-3-x64.dll", "$vcpkgBin\libcrypto-3-x64.dll")
foreach ($dll in $extra) { if (-not (Test-Path $dll)) { throw "missing $dll (vcpkg install libpq openssl)" } }

cmake --preset release -B $build `
    "-DCMAKE_PREFIX_PATH=$QtDir" `
    "-DCMAKE_TOOLCHAIN_FILE=$VcpkgRoot\scripts\buildsystems\vcpkg.cmake" `
    "-DVCPKG_TARGET_TRIPLET=x64-windows" `
    "-DX_VCPKG_APPLOCAL_DEPS_INSTALL=ON" `
    "-DTANDEM_WINDOWS_EXTRA_DLLS=$($extra -join ';')"
if ($LASTEXITCODE -ne 0) { throw "configure failed" }
cmake --build $build --config Release
if ($LASTEXITCODE -ne 0) { throw "build failed" }
Push-Location $build
try {
    cpack -G $Generator -C Release
    if ($LASTEXITCODE -ne 0) { throw "cpack failed" }
} finally { Pop-Location }
Get-ChildItem "$build\tandem-*"
