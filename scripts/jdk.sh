# Sourced by Nebula's scripts: points JAVA_HOME at a JDK 25 or says clearly what is missing.
# GraalWasm's optimizing runtime needs JDK 21+, and the project targets 25; the machine's default java is 17.
nebula_jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(nebula_jdk_major "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(nebula_jdk_major "$JAVA_HOME")" != 25 ]; then
  echo "Nebula needs JDK 25 (found: ${JAVA_HOME:-no JAVA_HOME}). Install Temurin 25 and export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64" >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
