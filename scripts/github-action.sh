#!/usr/bin/env bash
# The body of the ztmm GitHub Action (action.yml): one scan that writes SARIF, JSON and Markdown,
# prints the text report to the log, appends the Markdown to the step summary, sets the step
# outputs, then exits with ztmm's own exit code (0 gate holds, 1 gate fails, 2 usage or
# configuration error). The outputs are written before the exit so that later steps guarded by
# `if: always()` (the SARIF upload) still find them.
#
# Inputs arrive only through the environment (INPUT_PATHS, INPUT_PROFILE, ...), never as shell
# text, so no input can inject commands. The tool itself is installed by a separate step; this
# script never installs anything. It also runs outside GitHub Actions: without GITHUB_OUTPUT or
# GITHUB_STEP_SUMMARY those parts are skipped.
set -euo pipefail
set -f # nothing here needs pathname expansion: a "*" in an input stays a "*"

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
action_path=${GITHUB_ACTION_PATH:-"$script_dir/.."}
ztmm_bin="$action_path/bin/ztmm.js"

paths_input=${INPUT_PATHS:-.}
profile=${INPUT_PROFILE:-ztmm}
fail_under=${INPUT_FAIL_UNDER:-}
min_stage=${INPUT_MIN_STAGE:-}
args_input=${INPUT_ARGS:-}
sarif_file=${INPUT_SARIF_FILE:-ztmm.sarif}
json_file=${INPUT_JSON_FILE:-ztmm.json}
markdown_file=${INPUT_MARKDOWN_FILE:-}
summary=${INPUT_SUMMARY:-true}
working_directory=${INPUT_WORKING_DIRECTORY:-.}

# GitHub refuses a step summary above 1 MiB; ztmm's Markdown report stays far below (it is capped
# at 65,000 characters), so this is only a guard.
readonly SUMMARY_LIMIT=1000000

# name=value to $GITHUB_OUTPUT (the heredoc form when the value holds a newline).
set_output() {
  local name=$1 value=$2
  [[ -n ${GITHUB_OUTPUT:-} ]] || return 0
  if [[ $value == *$'\n'* ]]; then
    local delimiter="ztmm_${RANDOM}${RANDOM}${RANDOM}"
    printf '%s<<%s\n%s\n%s\n' "$name" "$delimiter" "$value" "$delimiter" >>"$GITHUB_OUTPUT"
  else
    printf '%s=%s\n' "$name" "$value" >>"$GITHUB_OUTPUT"
  fi
}

# An error annotation; %, CR and LF are escaped so a message cannot start another command.
annotate_error() {
  local message=$1
  message=${message//'%'/%25}
  message=${message//$'\r'/%0D}
  message=${message//$'\n'/%0A}
  printf '::error title=ztmm::%s\n' "$message"
}

# A problem with the action's own inputs: an annotation, exit-code=2, exit 2 (ztmm's usage code).
fail_usage() {
  annotate_error "$1"
  set_output exit-code 2
  exit 2
}

# Portable to bash 3.2 (macOS): no namerefs, no ${x,,}, no mapfile; empty arrays expanded with
# ${a[@]+"${a[@]}"} because `set -u` rejects "${a[@]}" on an empty array before bash 4.4.
case $(printf '%s' "$summary" | tr '[:upper:]' '[:lower:]') in
  true | yes | 1 | on) summary=true ;;
  false | no | 0 | off | '') summary=false ;;
  *) fail_usage "input summary must be true or false, not \"$summary\"" ;;
esac

[[ -f $ztmm_bin ]] || fail_usage "ztmm is not installed at $ztmm_bin (the action's install step did not run)"
[[ -d $working_directory ]] || fail_usage "working-directory \"$working_directory\" is not a folder"
cd -- "$working_directory"

# A path as later steps see it: they start in the workspace, not in working-directory.
from_step_start() {
  if [[ $1 == /* || $working_directory == . ]]; then printf '%s' "$1"; else printf '%s/%s' "${working_directory%/}" "$1"; fi
}

if [[ -z $markdown_file ]]; then
  markdown_file="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ztmm-XXXXXX")/ztmm.md"
fi

# Inputs split on spaces, tabs and newlines and taken literally: read does no pathname
# expansion, no quote removal and no $(...) (and set -f is on anyway).
paths=()
extra_args=()
read -r -d '' -a paths <<<"$paths_input" || true
read -r -d '' -a extra_args <<<"$args_input" || true
((${#paths[@]})) || paths=(.)

# The extra args come first: an `-o report.html` among them then takes its format from its
# extension instead of pairing with one of the -f below. The text report (no -o) goes to the log.
cli_args=(scan ${extra_args[@]+"${extra_args[@]}"})
cli_args+=(-f sarif -o "$sarif_file" -f json -o "$json_file" -f markdown -o "$markdown_file")
[[ -z $profile ]] || cli_args+=(--profile "$profile")
[[ -z $fail_under ]] || cli_args+=(--fail-under "$fail_under")
[[ -z $min_stage ]] || cli_args+=(--min-stage "$min_stage")
if [[ -n ${GITHUB_SERVER_URL:-} && -n ${GITHUB_REPOSITORY:-} && -n ${GITHUB_SHA:-} ]]; then
  cli_args+=(--link-base "${GITHUB_SERVER_URL%/}/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/")
fi
# `--` ends the options: a path that starts with "-" is still a path.
cli_args+=(-f text -- "${paths[@]}")

# Nothing stale from an earlier run on a reused runner may pass for this run's result.
rm -f -- "$sarif_file" "$json_file" "$markdown_file"

# The report quotes file names and contents of the scanned tree: while it prints, workflow
# commands (::error::, ::add-mask::, ...) are switched off with a token nobody can predict.
token=''
if [[ -n ${GITHUB_ACTIONS:-} ]]; then
  token=$(node -e 'process.stdout.write(require("node:crypto").randomUUID())')
  printf '::stop-commands::%s\n' "$token"
fi
status=0
node "$ztmm_bin" "${cli_args[@]}" || status=$?
[[ -z $token ]] || printf '::%s::\n' "$token"

stage=''
score=''
if [[ -s $json_file ]]; then
  # shellcheck disable=SC2016 # a JavaScript template literal, not a shell expansion
  summary_line=$(ZTMM_RESULT="$json_file" node -e '
    const { summary } = JSON.parse(require("node:fs").readFileSync(process.env.ZTMM_RESULT, "utf8"));
    process.stdout.write(`${summary.stage} ${summary.score}`);
  ') || summary_line=''
  read -r stage score <<<"$summary_line" || true
fi

if [[ $summary == true && -n ${GITHUB_STEP_SUMMARY:-} && -s $markdown_file ]]; then
  size=$(wc -c <"$markdown_file")
  if ((size <= SUMMARY_LIMIT)); then
    cat -- "$markdown_file" >>"$GITHUB_STEP_SUMMARY"
  else
    printf '## ztmm\n\nThe report (%s bytes) is too large for the step summary; see %s.\n' "$size" "$(from_step_start "$json_file")" >>"$GITHUB_STEP_SUMMARY"
  fi
fi

if [[ $summary == true && -n ${GITHUB_STEP_SUMMARY:-} && ! -s $markdown_file ]]; then
  printf '## ztmm\n\nztmm stopped with exit code %s before writing its report; see the log of this step.\n' "$status" >>"$GITHUB_STEP_SUMMARY"
fi

set_output stage "$stage"
set_output score "$score"
set_output sarif-file "$(from_step_start "$sarif_file")"
set_output json-file "$(from_step_start "$json_file")"
set_output markdown-file "$(from_step_start "$markdown_file")"
set_output exit-code "$status"

case $status in
  0) ;;
  1) annotate_error "the maturity gate fails: overall ${stage:-?}, score ${score:-?}/100" ;;
  *) annotate_error "ztmm stopped with exit code $status (usage, configuration or rule-pack error; see the log above)" ;;
esac
exit "$status"
