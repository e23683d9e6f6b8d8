#!/usr/bin/env bash
# Seeds the local Maven repository with the Node.js archive that frontend-maven-plugin
# (1.15.x) installs for web/, for machines that reach the npm registry but not nodejs.org.
#
# The plugin caches Node as the artifact com.github.eirslett:node:<version>:tar.gz:<platform>
# and skips its download when that file exists. This script builds the same archive from the
# npm registry package node-<platform>@<version>, whose bin/node is the official binary,
# repacked under the top folder node-v<version>-<platform>/ that the plugin extracts from.
# npm itself is not needed inside the archive because web/pom.xml sets npmVersion, and the
# plugin fetches that npm from the npm registry.
#
# Usage: deploy/seed-node-cache.sh [extra mvn options, such as -Dmaven.repo.local=DIR]
# Environment: NODE_VERSION (default: the node.version property of web/pom.xml).
# It does nothing when the archive is already in the local repository.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
web_pom="$script_dir/../web/pom.xml"
work_dir=""
trap 'if [[ -n "$work_dir" ]]; then rm -rf "$work_dir"; fi' EXIT

log() {
  echo "seed-node-cache: $*" >&2
}

fail() {
  log "$*"
  exit 1
}

# Runs mvn quietly and shows its output only when it fails.
run_mvn() {
  local output
  if ! output="$(mvn -B -q "$@" 2>&1)"; then
    printf '%s\n' "$output" >&2
    fail "mvn $* failed"
  fi
}

read_pom_node_version() {
  sed -n 's:.*<node.version>v\{0,1\}\([0-9][0-9.]*\)</node.version>.*:\1:p' "$web_pom" | head -n 1
}

detect_platform() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) fail "unsupported operating system $(uname -s); install Node.js archives by hand" ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) fail "unsupported processor $(uname -m); install Node.js archives by hand" ;;
  esac
  echo "$os-$arch"
}

# Prints the local repository folder that mvn uses with the given options.
find_local_repository() {
  # Evaluated in the scratch folder, outside the project, so that no module pom is read. The
  # value goes to a file because Maven 3.8 wraps standard output in colour codes even in batch mode.
  (cd "$work_dir" && run_mvn "$@" \
    org.apache.maven.plugins:maven-help-plugin:3.5.1:evaluate \
    -Dexpression=settings.localRepository -Doutput="$work_dir/repository.txt")
  cat "$work_dir/repository.txt"
}

main() {
  local version platform repository archive_name target
  version="${NODE_VERSION:-$(read_pom_node_version)}"
  [[ -n "$version" ]] || fail "no node.version property found in $web_pom; set NODE_VERSION"
  version="${version#v}"
  platform="$(detect_platform)"

  command -v mvn >/dev/null || fail "mvn is missing; install Maven first"
  work_dir="$(mktemp -d)"
  repository="$(find_local_repository "$@")"
  [[ -d "$repository" ]] || mkdir -p "$repository"
  archive_name="node-$version-$platform.tar.gz"
  target="$repository/com/github/eirslett/node/$version/$archive_name"

  if [[ -s "$target" ]] && gzip -t "$target" 2>/dev/null; then
    log "$target is already present; nothing to do"
    return 0
  fi

  command -v npm >/dev/null || fail "npm is missing; install Node.js and npm first"
  local work="$work_dir"

  log "fetching node-$platform@$version from the npm registry"
  local package_file
  package_file="$(cd "$work" && npm pack --loglevel=error "node-$platform@$version")" ||
    fail "npm pack node-$platform@$version failed; check that this Node version exists and that the npm registry is reachable"
  [[ -f "$work/$package_file" ]] || fail "npm pack did not write node-$platform@$version into $work"

  local top="node-v$version-$platform"
  mkdir "$work/unpacked"
  tar -xzf "$work/$package_file" -C "$work/unpacked"
  mv "$work/unpacked/package" "$work/$top"
  [[ -x "$work/$top/bin/node" ]] || fail "node-$platform@$version has no executable bin/node"

  # Only a binary for this machine can run here, and it must report the requested version.
  local reported
  reported="$("$work/$top/bin/node" --version)"
  [[ "$reported" == "v$version" ]] || fail "bin/node reports $reported, expected v$version"

  tar -czf "$work/$archive_name" -C "$work" "$top"

  log "installing $archive_name into $repository"
  run_mvn "$@" org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file \
    -Dfile="$work/$archive_name" \
    -DgroupId=com.github.eirslett -DartifactId=node -Dversion="$version" \
    -Dclassifier="$platform" -Dpackaging=tar.gz -DgeneratePom=true

  [[ -s "$target" ]] || fail "mvn install-file finished but $target is missing"
  log "installed $target"
}

main "$@"
