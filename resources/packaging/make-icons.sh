#!/usr/bin/env bash
# Regenerates the installers' icons from resources/icons/icon.svg (needs ImageMagick's `convert`).
set -euo pipefail
cd "$(dirname "$0")/../icons"
sizes=(16 24 32 48 64 128 256 512)
for s in "${sizes[@]}"; do
  convert -background none -density 384 icon.svg -resize "${s}x${s}" "png/${s}x${s}.png"
done
# Windows: one .ico holding every size up to 256 (the NSIS installer and the shortcut use it).
convert png/{16,24,32,48,64,128,256}x*.png icon.ico
