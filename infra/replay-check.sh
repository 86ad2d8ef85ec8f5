#!/usr/bin/env bash
# The pre-deploy replay check (docs/orchestrations.md): runs `Serverless.Host replay-check` of the code about to be
# deployed against the store of the code it replaces, and stops the deploy when an in-flight instance would fail on
# the new code. Called by infra/deploy.sh, infra/aws/deploy.sh and azd's predeploy hook (azure.yaml), with the
# replay-check options after `--` and the store's settings in the environment (AzureWebJobsStorage__accountName,
# Serverless__Aws__TableName, ...).
#
#   infra/replay-check.sh [--allow-failures] [--] [replay-check options]
#
# Exit 0 when every in-flight instance replays, or when --allow-failures (or REPLAY_CHECK_ALLOW_FAILURES=true) is
# given; otherwise the check's own code: 2 some instance would fail, 1 the store could not be read, 78 a bad setting.
# REPLAY_CHECK names the command that runs the host (the tests use a stand-in); by default the host is built from this
# working tree with dotnet run.
set -euo pipefail

allow="${REPLAY_CHECK_ALLOW_FAILURES:-false}"
if [ "${1:-}" = "--allow-failures" ]; then
  allow=true
  shift
fi
[ "${1:-}" != "--" ] || shift

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${REPLAY_CHECK:-}" ]; then
  read -r -a check <<<"$REPLAY_CHECK"
else
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "replay-check.sh: dotnet is not on PATH (needed to build the host)" >&2
    exit 1
  fi
  check=(dotnet run --project "$repo/functions/Serverless.Host" --configuration Release --no-launch-profile --)
fi

echo "==> Replay check: do the in-flight instances replay on this build?"
status=0
"${check[@]}" replay-check "$@" || status=$?

case "$status" in
  0) echo "==> Replay check passed"; exit 0 ;;
  2) what="in-flight instances this build would fail (named above): deploying now fails them as non-deterministic" ;;
  78) what="a setting it needs is missing or wrong (the line above names it)" ;;
  *) what="the check failed (exit code $status): the store could not be read, or the host did not build" ;;
esac

if [ "$allow" = true ]; then
  echo "==> Replay check: $what; deploying anyway (--allow-replay-failures)" >&2
  exit 0
fi
echo "replay-check.sh: stopped before deploying code: $what." >&2
echo "replay-check.sh: version the change (docs/orchestrations.md), or pass --allow-replay-failures" \
  "(REPLAY_CHECK_ALLOW_FAILURES=true for azd) to deploy anyway." >&2
exit "$status"
