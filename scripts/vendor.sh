#!/usr/bin/env bash
# Refresh the third-party browser files the site and its tests serve locally (the site
# loads nothing from the network). Pinned versions; run by hand after changing one:
#   bash scripts/vendor.sh
# Needs npm. Only the files the site uses are kept, each package with its licence.
# (MathJax is not vendored: it runs at build time, from scripts/mathjax/ via `npm ci`.)
set -euo pipefail
IFRAME_WORKER=1.0.4
AXE=4.10.3
TS_FSRS=5.4.2

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "iframe-worker@$IFRAME_WORKER" "axe-core@$AXE" "ts-fsrs@$TS_FSRS" >/dev/null
for tgz in *.tgz; do mkdir -p "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"; done

iw="$root/overrides/assets/vendor/iframe-worker"
rm -rf "$iw" && mkdir -p "$iw"
cp "iframe-worker-$IFRAME_WORKER/package/shim/index.js" "$iw/shim.js"
cp "iframe-worker-$IFRAME_WORKER/package/LICENSE" "$iw/LICENSE"
echo "iframe-worker $IFRAME_WORKER (npm), shim/index.js" > "$iw/VERSION"

axe="$root/tests/vendor/axe-core"
rm -rf "$axe" && mkdir -p "$axe"
cp "axe-core-$AXE/package/axe.min.js" "axe-core-$AXE/package/LICENSE" "$axe/"
echo "axe-core $AXE (npm), axe.min.js" > "$axe/VERSION"
# The practice page's scheduler: the UMD build (a classic script defining window.FSRS),
# without its source-map comment (the map is not shipped).
fs="$root/overrides/assets/vendor/ts-fsrs"
rm -rf "$fs" && mkdir -p "$fs"
sed '/^\/\/# sourceMappingURL=/d' "ts-fsrs-$TS_FSRS/package/dist/index.umd.js" > "$fs/ts-fsrs.umd.js"
cp "ts-fsrs-$TS_FSRS/package/LICENSE" "$fs/LICENSE"
echo "ts-fsrs $TS_FSRS (npm), dist/index.umd.js" > "$fs/VERSION"
echo "vendored: iframe-worker $IFRAME_WORKER, axe-core $AXE, ts-fsrs $TS_FSRS"
