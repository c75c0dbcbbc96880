#!/bin/sh
# Put kicktimer in the desktop's application menu for this user: the .desktop file and the icons.
# Run after `pip install kicktimer` (or with the frozen app's folder on PATH). Undo with --remove.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
id=io.github.kicktimer.KickTimer
data=${XDG_DATA_HOME:-$HOME/.local/share}
icons=$(python3 -c 'import kicktimer, pathlib; print(pathlib.Path(kicktimer.__file__).parent / "resources" / "icons")' 2>/dev/null \
        || echo "$here/../kicktimer/resources/icons")
if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/$id.desktop" "$data"/icons/hicolor/*/apps/"$id".png "$data/icons/hicolor/scalable/apps/$id.svg"
  echo "removed the kicktimer menu entry"
  exit 0
fi
install -D -m 644 "$here/$id.desktop" "$data/applications/$id.desktop"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "$icons/kicktimer-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$id.png"
done
install -D -m 644 "$icons/kicktimer.svg" "$data/icons/hicolor/scalable/apps/$id.svg"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "kicktimer is in the application menu (Utility); the icon may need a new login to show"
