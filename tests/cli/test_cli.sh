#!/usr/bin/env bash
# The CLI end to end on a temporary store: demo, apply (good, refused and malformed lines),
# state, audit by filter, check (including a damaged journal), key. Usage: test_cli.sh <path to subspace-cli>
set -euo pipefail
cli="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { grep -q -- "$2" <<<"$1" || fail "expected '$2' in: $1"; }

out=$("$cli" demo "$dir/store" --size small --seed 5 --time 1764000000000)
expect "$out" '"ok":true'
expect "$out" '"workspaces":5'

cat >"$dir/cmds.jsonl" <<'JSON'
{"type":"create_workspace","name":"CLI team","invites":[{"email":"Grace@Example.com","role":"developer"}]}

{"type":"create_workspace","name":"cli TEAM"}
this is not json
{"type":"invite_members","workspace":"seven","invites":[]}
{"type":"accept_invitation","workspace":1,"id":77,"actor":"nobody@example.com","time":1764000000000}
JSON
set +e
out=$("$cli" apply "$dir/store" "$dir/cmds.jsonl" --actor ada.quill@lumen.example --time 1764000000000)
rc=$?
set -e
[ "$rc" = 1 ] || fail "apply with refusals should exit 1, got $rc"
[ "$(wc -l <<<"$out")" = 5 ] || fail "one result per non-empty line: $out"
expect "$(sed -n 1p <<<"$out")" '"ok":true'
expect "$(sed -n 2p <<<"$out")" '"code":"name_taken"'
expect "$(sed -n 3p <<<"$out")" '"code":"invalid_json"'
expect "$(sed -n 4p <<<"$out")" '"code":"invalid_field"'
expect "$(sed -n 5p <<<"$out")" '"code":"unknown_actor"'

# A line from a newer format version is refused as such, not as an unknown field.
set +e
out=$(echo '{"type":"create_workspace","v":2,"name":"From the future","colour":"teal"}' |
  "$cli" apply "$dir/store" - --actor ada.quill@lumen.example)
rc=$?
set -e
[ "$rc" = 1 ] || fail "a newer line should be refused (exit 1), got $rc"
expect "$out" '"code":"unsupported_version"'
expect "$out" 'format version 2; this version of Subspace reads command format version 1'

state=$("$cli" state "$dir/store")
expect "$state" '"name":"CLI team"'
expect "$state" '"email":"grace@example.com"'

# The audit log by filter, one JSON line per entry, oldest first.
out=$("$cli" audit "$dir/store" --result refused)
[ "$(wc -l <<<"$out")" = 1 ] || fail "one refused attempt: $out"
expect "$out" '"code":"name_taken"'
expect "$out" '"actor":"ada.quill@lumen.example"'
out=$("$cli" audit "$dir/store" --actor ADA.QUILL --kind create_workspace --result accepted)
expect "$(tail -1 <<<"$out")" "\"detail\":\"created 'CLI team'"
out=$("$cli" audit "$dir/store" --workspace "cli TEAM")
[ "$(wc -l <<<"$out")" = 1 ] || fail "CLI team holds its creation only: $out"
expect "$out" '"type":"create_workspace"'
out=$("$cli" audit "$dir/store" --workspace "cli TEAM" --result refused)
[ -z "$out" ] || fail "nothing refused in CLI team: $out"
set +e
"$cli" audit "$dir/store" --kind teleport >/dev/null 2>&1; rc1=$?
"$cli" audit "$dir/store" --workspace "No such team" >/dev/null 2>&1; rc2=$?
"$cli" audit "$dir/store" --result maybe >/dev/null 2>&1; rc3=$?
set -e
[ "$rc1" = 2 ] && [ "$rc2" = 2 ] && [ "$rc3" = 2 ] || fail "bad audit filters should exit 2 ($rc1 $rc2 $rc3)"

out=$("$cli" check "$dir/store")
expect "$out" '"ok":true'

# Damage the journal's last record: check reports it, keeps the rest, quarantines the tail.
seg=$(ls "$dir/store"/jrnl-* | tail -1)
printf 'garbage without a newline' >>"$seg"
set +e
out=$("$cli" check "$dir/store")
rc=$?
set -e
[ "$rc" = 1 ] || fail "check of a damaged store should exit 1"
expect "$out" '"problem":'
ls "$dir/store"/quarantine-* >/dev/null || fail "no quarantine file"
out=$("$cli" check "$dir/store")
expect "$out" '"ok":true'
expect "$("$cli" state "$dir/store")" '"name":"CLI team"'

# A store written by a newer version: check says so, exit 1, and changes nothing.
mkdir "$dir/newer"
printf '#subspace-snapshot v2 seq=5 part=0 parts=1 crc=00000000 len=2\n{}' >"$dir/newer/snap-000000000005-0000.json"
set +e
out=$("$cli" check "$dir/newer")
rc=$?
set -e
[ "$rc" = 1 ] || fail "check of a newer store should exit 1, got $rc"
expect "$out" '"code":"unsupported_version"'
[ "$(ls "$dir/newer")" = "snap-000000000005-0000.json" ] || fail "check changed a newer store: $(ls "$dir/newer")"

key=$("$cli" key)
expect "$key" '"key":"sk_'
expect "$key" '"last4":'

set +e
"$cli" state "$dir/nothing-here" >/dev/null 2>&1; rc1=$?
"$cli" frobnicate >/dev/null 2>&1; rc2=$?
"$cli" demo "$dir/x" --size galactic >/dev/null 2>&1; rc3=$?
set -e
[ "$rc1" = 2 ] && [ "$rc2" = 2 ] && [ "$rc3" = 2 ] || fail "bad invocations should exit 2 ($rc1 $rc2 $rc3)"
echo "cli: all checks passed"
