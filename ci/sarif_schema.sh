#!/usr/bin/env bash
# Installs the official SARIF 2.1.0 JSON schema for the SARIF output test.
# No Debian package ships it; the npm package @microsoft/jest-sarif does
# (lib/schemas/sarif-2.1.0-rtm.5.json, the final 2.1.0 schema). Only that one
# file is taken from the tarball (no install, no scripts run), and its checksum
# is pinned so a changed file fails loudly instead of changing what we test.
set -euo pipefail

dest=${1:-/usr/local/share/ckptcheck/sarif-schema-2.1.0.json}
package=@microsoft/jest-sarif@1.0.0-beta.0
member=package/lib/schemas/sarif-2.1.0-rtm.5.json
sha256=2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8

if [ -f "$dest" ] && echo "$sha256  $dest" | sha256sum -c --status; then
  echo "sarif schema: $dest already installed"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" "$member"
echo "$sha256  $work/$member" | sha256sum -c --status || { echo "sarif schema: checksum mismatch in $package" >&2; exit 1; }
mkdir -p "$(dirname "$dest")"
install -m 0644 "$work/$member" "$dest"
echo "sarif schema: installed $dest"
