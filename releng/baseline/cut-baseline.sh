#!/usr/bin/env bash
# Cuts a new API baseline from a released commit (docs/ARCHITECTURE.md, "API versions and the baseline").
#
#   releng/baseline/cut-baseline.sh <commit> [version]
#
# Builds the bundles of <commit> (a clean export of it, not the work tree) and writes, for every bundle that
# exports packages, a jar holding its manifest and the classes of its exported packages only to
#   releng/baseline/repository/org/steward/baseline/<bundle>/<version>/<bundle>-<version>.jar
# (a plain Maven repository layout with .sha1 files), then sets steward.baseline.version in the parent pom.xml.
# <version> defaults to 0.1.0-<short commit>. A version already in the repository is refused: Maven caches
# released artifacts in ~/.m2 and never looks again, so a baseline version must never be reused.
# Commit the result together with the release (and git rm the previous version's directories).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
commit=${1:?usage: releng/baseline/cut-baseline.sh <commit> [version]}
sha=$(git -C "$root" rev-parse --short=7 "$commit^{commit}")
version=${2:-0.1.0-$sha}
repo="$root/releng/baseline/repository/org/steward/baseline"

if compgen -G "$repo/*/$version" > /dev/null; then
    echo "baseline version $version already exists in $repo: choose a new version" >&2
    exit 1
fi

JAVA_HOME=$("$root/releng/java-home.sh")
export JAVA_HOME
jar="$JAVA_HOME/bin/jar"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src="$work/src"
mkdir -p "$src"
git -C "$root" archive "$sha" | tar -x -C "$src"
# Entries dated and bundles qualified by the commit's time, so that cutting the same commit again (with the same
# JDK) gives the same bytes
date=$(git -C "$root" show -s --format=%cI "$sha")
qualifier=$(TZ=UTC git -C "$root" show -s --date=format-local:%Y%m%d%H%M --format=%cd "$sha")

# The bundles that export packages (test bundles and the product's own bundles export none).
bundles=()
for manifest in "$src"/bundles/*/META-INF/MANIFEST.MF; do
    if grep -q '^Export-Package:' "$manifest"; then
        bundles+=("bundles/$(basename "$(dirname "$(dirname "$manifest")")")")
    fi
done
list=$(IFS=,; echo "${bundles[*]}")
echo "Building ${#bundles[@]} API bundles of $sha: $list"
(cd "$src" && ./mvnw -B -q package -DskipTests -Dbnd.baseline.skip=true -Dsteward.versions.check.skip=true \
    -DforceContextQualifier="$qualifier" -pl "$list" -am)

for b in "${bundles[@]}"; do
    bsn=$(basename "$b")
    built=$(ls "$src/$b"/target/"$bsn"-*.jar | grep -v -- '-sources.jar$' | head -1)
    x="$work/x/$bsn"
    mkdir -p "$x" && (cd "$x" && "$jar" xf "$built")
    # Packages named in Export-Package (the manifest may fold lines: join them first)
    pkgs=$(sed -e ':a' -e 'N' -e '$!ba' -e 's/\r//g' -e 's/\n //g' "$x/META-INF/MANIFEST.MF" \
        | sed -n 's/^Export-Package: //p' | sed -e 's/"[^"]*"//g' | tr ',' '\n' | cut -d';' -f1 | tr -d ' ')
    files=()
    for p in $pkgs; do
        dir=${p//.//}
        for f in "$x/$dir"/*.class; do
            [ -e "$f" ] && files+=("-C" "$x" "${f#"$x"/}")
        done
    done
    out="$repo/$bsn/$version"
    mkdir -p "$out"
    "$jar" --create --date="$date" --file "$out/$bsn-$version.jar" --manifest "$x/META-INF/MANIFEST.MF" "${files[@]}"
    cat > "$out/$bsn-$version.pom" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.steward.baseline</groupId>
  <artifactId>$bsn</artifactId>
  <version>$version</version>
  <description>API baseline of $bsn: its exported packages as built from commit $sha</description>
</project>
EOF
    for f in "$out/$bsn-$version.jar" "$out/$bsn-$version.pom"; do
        sha1sum "$f" | cut -d' ' -f1 | tr -d '\n' > "$f.sha1"
    done
    echo "  $bsn: $(( ${#files[@]} / 3 )) classes -> ${out#"$root"/}"
done

sed -i "s|<steward.baseline.version>[^<]*</steward.baseline.version>|<steward.baseline.version>$version</steward.baseline.version>|" \
    "$root/pom.xml"
echo "steward.baseline.version is now $version (pom.xml). Remove the previous baseline's directories."
