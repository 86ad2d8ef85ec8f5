#!/usr/bin/env bash
# Deploys the order saga to AWS with the CDK app infra/aws: publishes functions/Serverless.Host with Native AOT for
# Linux, names the binary `bootstrap` (what the provided.al2023 runtime runs) and runs `cdk deploy`. `--dry-run`
# synthesizes the CloudFormation template only (`cdk synth`): no credentials, no AWS call, nothing published.
# Before `cdk deploy` switches the code, the replay check (infra/replay-check.sh) replays the in-flight orchestrations
# of the stack's DynamoDB table with the new code and stops the deploy if any would fail.
# Written to the documented CDK CLI commands; it cannot deploy where it is tested (no AWS account there).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: infra/aws/deploy.sh --region REGION [options]
       infra/aws/deploy.sh --dry-run [options]

Deploys the stack of infra/aws (Lambda, HTTP API, SQS, DynamoDB, schedules) and the host functions/Serverless.Host.

  -r, --region REGION      AWS region to deploy to, e.g. eu-west-1 (required unless --dry-run; dry run: us-east-1)
  -a, --account ID         AWS account id (default: the one the credentials belong to; dry run: 123456789012)
      --arch ARCH          x86_64 (default, publishes linux-x64) or arm64 (publishes linux-arm64)
      --prefix PREFIX      put in front of every queue name (Storage:Aws:QueuePrefix), default none
      --table NAME         the DynamoDB table (default serverless)
      --bootstrap-dir DIR  deploy this folder (holding an executable 'bootstrap') instead of publishing the host
      --allow-replay-failures
                           deploy even when the replay check fails: in-flight orchestrations this build does not
                           replay then fail as non-deterministic; needed on the first deploy (no table to read yet)
      --dry-run            synthesize the template into infra/aws/cdk.out (cdk synth) and stop: no credentials
                           needed, nothing published or deployed; without --bootstrap-dir a placeholder stands in
                           for the binary
  -h, --help               show this help

Needs: node and npm (the CDK CLI pinned in infra/aws/package.json is installed with npm ci), dotnet; for a deploy,
AWS credentials (the default chain: environment, profile, SSO) and a CDK-bootstrapped environment
(npx cdk bootstrap aws://ACCOUNT/REGION, once per account and region), and clang for the AOT publish.
Before cdk deploy, `Serverless.Host replay-check` (built from this working tree) reads the table with the same
credentials (dynamodb:Query and GetItem on it); the deploy stops when it exits non-zero (2: some in-flight
orchestration would fail on this build; 1: the table could not be read, as before the first deploy) unless
--allow-replay-failures is given.
EOF
}

fail() {
  echo "deploy.sh: $*" >&2
  exit 1
}

# Options that take a value fail clearly when it is missing.
need_value() {
  if [ $# -lt 2 ] || [ -z "$2" ]; then
    echo "deploy.sh: $1 needs a value" >&2
    exit 2
  fi
}

region=""
account=""
arch="x86_64"
prefix=""
table=""
bootstrap_dir=""
dry_run=false
allow_replay_failures=false

while [ $# -gt 0 ]; do
  case "$1" in
    -r | --region) need_value "$@"; region="$2"; shift 2 ;;
    -a | --account) need_value "$@"; account="$2"; shift 2 ;;
    --arch) need_value "$@"; arch="$2"; shift 2 ;;
    --prefix) need_value "$@"; prefix="$2"; shift 2 ;;
    --table) need_value "$@"; table="$2"; shift 2 ;;
    --bootstrap-dir) need_value "$@"; bootstrap_dir="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --allow-replay-failures) allow_replay_failures=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "deploy.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

case "$arch" in
  x86_64) rid="linux-x64" ;;
  arm64) rid="linux-arm64" ;;
  *) echo "deploy.sh: --arch must be x86_64 or arm64, not $arch" >&2; exit 2 ;;
esac

if [ "$dry_run" = false ] && [ -z "$region" ]; then
  echo "deploy.sh: --region is required (or --dry-run)" >&2
  usage >&2
  exit 2
fi

if [ -n "$bootstrap_dir" ] && [ ! -f "$bootstrap_dir/bootstrap" ]; then
  fail "no file 'bootstrap' in $bootstrap_dir"
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
project="$repo/functions/Serverless.Host"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The CDK CLI of package.json, installed on first use; CDK_CLI names another (the tests use a stand-in).
cdk="${CDK_CLI:-$here/node_modules/.bin/cdk}"
if [ -z "${CDK_CLI:-}" ] && [ ! -x "$cdk" ]; then
  command -v npm >/dev/null 2>&1 || fail "npm is not on PATH (needed to install the CDK CLI pinned in package.json)"
  echo "==> Installing the CDK CLI (npm ci in infra/aws)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# jsii (the CDK library's bridge to Node) warns about the running Node release; that warning is about the tools here,
# not the stack, so it is silenced for this Node's major version only.
if command -v node >/dev/null 2>&1; then
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="$(node -p 'process.versions.node.split(".")[0]')"
  export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION
fi
export CDK_DISABLE_CLI_TELEMETRY=true

context=(-c "architecture=$arch")
[ -z "$prefix" ] || context+=(-c "queuePrefix=$prefix")
[ -z "$table" ] || context+=(-c "tableName=$table")

if [ "$dry_run" = true ]; then
  if [ -z "$bootstrap_dir" ]; then
    bootstrap_dir="$work/placeholder"
    mkdir -p "$bootstrap_dir"
    printf '#!/bin/sh\necho "placeholder: deploy.sh --dry-run published nothing" >&2\nexit 1\n' \
      >"$bootstrap_dir/bootstrap"
    chmod +x "$bootstrap_dir/bootstrap"
  fi
  # No credentials: the account and region come from context, and nothing asks the instance metadata service.
  export AWS_EC2_METADATA_DISABLED=true
  echo "==> cdk synth (dry run: nothing is published or deployed)"
  (cd "$here" && "$cdk" synth --quiet \
    "${context[@]}" \
    -c "account=${account:-123456789012}" \
    -c "region=${region:-us-east-1}" \
    -c "bootstrapDir=$bootstrap_dir")
  echo "==> Template: $here/cdk.out/ServerlessOrders.template.json"
  echo "To compare with a deployed stack (needs credentials): cd infra/aws && npx cdk diff -c bootstrapDir=..."
  exit 0
fi

if [ -z "$bootstrap_dir" ]; then
  command -v dotnet >/dev/null 2>&1 || fail "dotnet is not on PATH (needed to publish $project; or pass --bootstrap-dir)"
  echo "==> Publishing $project (Native AOT, $rid)"
  dotnet publish "$project" --configuration Release --runtime "$rid" --output "$work/publish"
  [ -f "$work/publish/Serverless.Host" ] || fail "the publish produced no Serverless.Host binary"
  # provided.al2023 runs the file named bootstrap; host.json goes along (the host reads its settings from it).
  bootstrap_dir="$work/asset"
  mkdir -p "$bootstrap_dir"
  cp "$work/publish/Serverless.Host" "$bootstrap_dir/bootstrap"
  cp "$work/publish/host.json" "$bootstrap_dir/"
fi

# What-if for the code: the in-flight orchestrations in the stack's table replayed with the code about to replace
# theirs, read as the Lambda reads them (the stack's table, queue prefix and region).
replay_options=()
[ "$allow_replay_failures" = false ] || replay_options=(--allow-failures)
Serverless__Aws__TableName="${table:-serverless}" Serverless__Aws__QueuePrefix="$prefix" \
  Serverless__Aws__Region="$region" "$repo/infra/replay-check.sh" "${replay_options[@]}"

account_context=()
[ -z "$account" ] || account_context=(-c "account=$account")

echo "==> cdk deploy ($region)"
(cd "$here" && "$cdk" deploy \
  "${context[@]}" \
  "${account_context[@]}" \
  -c "region=$region" \
  -c "bootstrapDir=$bootstrap_dir" \
  --require-approval broadening \
  --outputs-file "$work/outputs.json")

echo "==> Done"
cat "$work/outputs.json"
echo "Tear down: cd infra/aws && npx cdk destroy -c bootstrapDir=$bootstrap_dir -c region=$region" \
  "(the table is retained, with deletion protection: delete it by hand if you mean to)"
