#!/usr/bin/env bash
# Vendors the precompiled GOV.UK Frontend and MOJ Frontend into
# internal/web/assets/vendor, where the web package embeds them.
#
# Only the built CSS and JavaScript, the images that CSS refers to and the
# licences are copied: no Nunjucks templates, Sass sources or source maps.
#
# Two changes are made to the upstream files (see docs/web.md):
#   - GOV.UK Frontend's @font-face rules are removed. The GDS Transport font is
#     licensed for GOV.UK only, so Waymark falls back to Arial, as the Design
#     System asks of services that are not on GOV.UK.
#   - url(/assets/...) becomes url(assets/...), so that images resolve beside
#     each stylesheet under Waymark's versioned /assets/<hash>/ path.
#
# Usage: scripts/refresh-frontend.sh   (then run the web tests and commit)
set -euo pipefail

GOVUK_FRONTEND_VERSION=6.6.0
MOJ_FRONTEND_VERSION=11.1.0

root=$(cd "$(dirname "$0")/.." && pwd)
vendor=$root/internal/web/assets/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent \
	"govuk-frontend@$GOVUK_FRONTEND_VERSION" \
	"@ministryofjustice/frontend@$MOJ_FRONTEND_VERSION" >/dev/null)
mkdir "$tmp/govuk" "$tmp/moj"
tar -xzf "$tmp/govuk-frontend-$GOVUK_FRONTEND_VERSION.tgz" -C "$tmp/govuk" --strip-components=1
tar -xzf "$tmp/ministryofjustice-frontend-$MOJ_FRONTEND_VERSION.tgz" -C "$tmp/moj" --strip-components=1

fail() {
	echo "refresh-frontend: $*" >&2
	exit 1
}

# The npm packages ship no licence file, only the licence's name, so the
# script checks that name and writes the text from the upstream repositories.
require_mit() {
	node -e 'process.exit(require(process.argv[1]).license === "MIT" ? 0 : 1)' "$1/package.json" ||
		fail "$1 is no longer MIT-licensed: read its licence before vendoring it"
}

mit_licence() {
	cat <<LICENCE
MIT License

Copyright (c) $1

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENCE
}

# vendor_package SRC_DIR SRC_ASSETS DEST NAME: copies NAME.min.css and
# NAME.min.js from SRC_DIR and the images the CSS refers to from SRC_ASSETS.
vendor_package() {
	local src=$1 assets=$2 dest=$3 name=$4
	mkdir -p "$dest"
	sed -E \
		-e 's/@font-face\{[^}]*\}//g' \
		-e 's#/\*! Copyright \(c\) 2011 by Margaret Calvert[^*]*\*/##g' \
		-e 's#url\(/assets/#url(assets/#g' \
		-e 's#/\*\# sourceMappingURL=[^*]*\*/##' \
		"$src/$name.min.css" >"$dest/$name.min.css"
	sed -E 's#//\# sourceMappingURL=.*$##' "$src/$name.min.js" >"$dest/$name.min.js"

	grep -q '@font-face' "$dest/$name.min.css" && fail "$name.min.css still loads a font"
	grep -q 'url(/' "$dest/$name.min.css" && fail "$name.min.css has a root-relative url()"

	local ref
	grep -oE 'url\(assets/[^)]+\)' "$dest/$name.min.css" | sed -E 's/^url\(assets\/(.*)\)$/\1/' | sort -u |
		while read -r ref; do
			# The crest is the Crown copyright logo, which only the GOV.UK
			# footer's copyright link shows; Waymark is not Crown copyright.
			[ "$ref" = images/govuk-crest.svg ] && continue
			[ -f "$assets/$ref" ] || fail "$name.min.css refers to $ref, which the package lacks"
			mkdir -p "$(dirname "$dest/assets/$ref")"
			cp "$assets/$ref" "$dest/assets/$ref"
		done
}

require_mit "$tmp/govuk"
require_mit "$tmp/moj"

rm -rf "$vendor"
vendor_package "$tmp/govuk/dist/govuk" "$tmp/govuk/dist/govuk/assets" "$vendor/govuk-frontend" govuk-frontend
vendor_package "$tmp/moj/moj" "$tmp/moj/moj/assets" "$vendor/moj-frontend" moj-frontend
mit_licence "2017 Crown Copyright (Government Digital Service)" >"$vendor/govuk-frontend/LICENCE.txt"
mit_licence "2019 Ministry of Justice" >"$vendor/moj-frontend/LICENCE.txt"

du -sh "$vendor"
