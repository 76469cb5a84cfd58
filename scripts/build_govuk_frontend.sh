#!/usr/bin/env bash
# Rebuild the vendored GOV.UK Frontend for Hedgerow (maintainers only; needs Node and npm).
# Usage: scripts/build_govuk_frontend.sh 6.6.0
set -euo pipefail
version=${1:?give the govuk-frontend version, e.g. 6.6.0}
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$repo/hedgerow/static/vendor/govuk-frontend
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm install --silent --no-audit --no-fund "govuk-frontend@$version" sass@1
cat > hedgerow-govuk.scss <<'SCSS'
// Hedgerow is not a GOV.UK service: Arial, not GDS Transport, and no font files.
$govuk-font-family: arial, sans-serif;
$govuk-include-default-font-face: false;
$govuk-assets-path: "assets/";
@import "node_modules/govuk-frontend/dist/govuk/index";
SCSS
node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps \
  --silence-deprecation=import hedgerow-govuk.scss "$out/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/"
python3 "$repo/scripts/strip_govuk_crest.py" "$out/govuk-frontend.min.css"
echo "GOV.UK Frontend $version built into $out; update hedgerow/static/vendor/README.md."
