#!/usr/bin/env bash
# Install the Debian packages kicktimer needs when they are missing (called by `make`; root uses apt-get).
#   Qt offscreen/xcb runtime, PortAudio for sounddevice, PulseAudio + sox for the loopback audio tests,
#   Xvfb for real-window screenshots, espeak-ng for optional voice, desktop-file-validate for the menu entry,
#   fonts beyond DejaVu so athletes' names show as letters, not boxes, in any script (tests/ui/test_fonts.py).
#   DejaVu has Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic and Lao; then one font per script:
#   Droid fallback (Han, kana), Nanum (Hangul), Lohit (Indian scripts), LKLUG (Sinhala), Loma (Thai), Khmer OS,
#   Padauk (Myanmar), Abyssinica (Ethiopic: Amharic, Tigrinya). Not fonts-noto-core: it makes Noto Sans the
#   system's sans-serif, and every window's text then changes size.
set -euo pipefail
packages=(
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
  fonts-droid-fallback fonts-nanum fonts-lohit-deva fonts-lohit-beng-bengali fonts-lohit-taml fonts-lohit-telu
  fonts-lohit-gujr fonts-lohit-guru fonts-lohit-mlym fonts-lklug-sinhala fonts-tlwg-loma-otf fonts-khmeros
  fonts-sil-padauk fonts-sil-abyssinica
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins alsa-utils sox
  xvfb xauth espeak-ng desktop-file-utils
)
command -v dpkg-query >/dev/null || { echo "sysdeps: not a Debian system; install the equivalents of: ${packages[*]}"; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "sysdeps: missing Debian packages (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "sysdeps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
