#!/usr/bin/env bash
# Prints a JDK home of version 21 or newer (the build and the Eclipse platform need it); the machines here default to
# Java 17 and carry a newer JDK under /usr/lib/jvm.
set -u
for home in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
  major="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
  if [ -n "$major" ] && [ "$major" -ge 21 ]; then
    echo "$home"
    exit 0
  fi
done
echo "No JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk" >&2
exit 1
