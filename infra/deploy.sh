#!/usr/bin/env bash
# Deploys the order saga to Azure with the az CLI alone (for people without azd): creates the resource group,
# deploys infra/main.bicep with infra/main.bicepparam, publishes functions/Serverless.Functions and zip-deploys it to
# the Flex Consumption Function App. Before the code is switched, the replay check (infra/replay-check.sh) replays the
# live task hub's in-flight orchestrations with the new code and stops the deploy if any would fail. `--what-if`
# previews the template's changes and changes nothing.
# Written to the documented az CLI commands; it cannot run where it is tested (no cloud there).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: infra/deploy.sh --resource-group NAME --location REGION [options]

Deploys infra/main.bicep into one resource group and the Function App functions/Serverless.Functions onto it.

  -g, --resource-group NAME  resource group to create (or reuse) and deploy into (required)
  -l, --location REGION      Azure region offering Flex Consumption, e.g. westeurope (required)
  -e, --env NAME             environment name: part of the resource names' unique suffix (default: the group name)
      --what-if              preview what the deployment would change (az deployment group what-if); creates,
                             changes and deploys nothing. The resource group must exist for a preview of the
                             resources; when it does not, the script says so and stops.
      --package ZIP          deploy this zip instead of publishing functions/Serverless.Functions
      --skip-app             deploy the infrastructure only
      --allow-replay-failures
                             deploy the app even when the replay check fails: in-flight orchestrations this build
                             does not replay (named by the check) then fail as non-deterministic
  -h, --help                 show this help

Needs: az (logged in: az login), and dotnet + zip unless --package or --skip-app is given.
Before the zip deploy, `Serverless.Host replay-check --task-hub HUB` (built from this working tree, whatever --package
says) reads the live task hub with the az login's identity, which needs the Storage Table Data Reader and Storage Blob
Data Reader roles on the storage account (the template grants them to AZURE_PRINCIPAL_ID when it is set:
export AZURE_PRINCIPAL_ID=$(az ad signed-in-user show --query id -o tsv)); the deploy stops when it exits non-zero
(2: some in-flight orchestration would fail on this build) unless --allow-replay-failures is given.
The zip deploy is retried while storage refuses it with 403 (the new role assignments propagating): 8 attempts,
15 s apart at first, doubling to 2 min; DEPLOY_ZIP_ATTEMPTS and DEPLOY_ZIP_FIRST_DELAY (seconds) change that.
EOF
}

fail() {
  echo "deploy.sh: $*" >&2
  exit 1
}

resource_group=""
location=""
env_name=""
what_if=false
package=""
skip_app=false
allow_replay_failures=false

# Options that take a value fail clearly when it is missing.
need_value() {
  if [ $# -lt 2 ] || [ -z "$2" ]; then
    echo "deploy.sh: $1 needs a value" >&2
    exit 2
  fi
}

while [ $# -gt 0 ]; do
  case "$1" in
    -g | --resource-group) need_value "$@"; resource_group="$2"; shift 2 ;;
    -l | --location) need_value "$@"; location="$2"; shift 2 ;;
    -e | --env) need_value "$@"; env_name="$2"; shift 2 ;;
    --what-if) what_if=true; shift ;;
    --package) need_value "$@"; package="$2"; shift 2 ;;
    --skip-app) skip_app=true; shift ;;
    --allow-replay-failures) allow_replay_failures=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "deploy.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [ -z "$resource_group" ] || [ -z "$location" ]; then
  echo "deploy.sh: --resource-group and --location are required" >&2
  usage >&2
  exit 2
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
template="$repo/infra/main.bicep"
parameters="$repo/infra/main.bicepparam"
project="$repo/functions/Serverless.Functions"
deployment="serverless-$(date -u +%Y%m%d%H%M%S)"

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not on PATH: https://learn.microsoft.com/cli/azure/install-azure-cli"
az account show --output none 2>/dev/null || fail "not logged in to Azure: run 'az login' (and 'az account set --subscription ...')"

# main.bicepparam reads the environment name with readEnvironmentVariable('AZURE_ENV_NAME').
export AZURE_ENV_NAME="${env_name:-$resource_group}"

if [ "$what_if" = true ]; then
  if [ "$(az group exists --name "$resource_group")" != "true" ]; then
    echo "Resource group '$resource_group' does not exist: a deployment would create it in '$location'"
    echo "with every resource in infra/main.bicep. Nothing was changed."
    exit 0
  fi
  az deployment group what-if \
    --resource-group "$resource_group" \
    --name "$deployment" \
    --template-file "$template" \
    --parameters "$parameters"
  exit 0
fi

if [ "$skip_app" = false ] && [ -z "$package" ]; then
  command -v dotnet >/dev/null 2>&1 || fail "dotnet is not on PATH (needed to publish $project; or pass --package ZIP)"
  command -v zip >/dev/null 2>&1 || fail "zip is not on PATH (needed to package the publish folder; or pass --package ZIP)"
  [ -d "$project" ] || fail "no Function App project at $project"
fi
if [ -n "$package" ] && [ ! -f "$package" ]; then
  fail "no package at $package"
fi

echo "==> Resource group $resource_group ($location)"
az group create --name "$resource_group" --location "$location" --tags "azd-env-name=$AZURE_ENV_NAME" --output none

echo "==> Deploying infra/main.bicep ($deployment)"
az deployment group create \
  --resource-group "$resource_group" \
  --name "$deployment" \
  --template-file "$template" \
  --parameters "$parameters" \
  --output none

# The template has just granted the storage roles; until they propagate (usually seconds, up to about ten minutes) the
# upload to the deployment container is refused with 403. Only that is retried, with back-off: 15 s, doubling to 2 min,
# 8 attempts (about 10 minutes) unless DEPLOY_ZIP_ATTEMPTS / DEPLOY_ZIP_FIRST_DELAY say otherwise.
zip_deploy() {
  local attempts="${DEPLOY_ZIP_ATTEMPTS:-8}" delay="${DEPLOY_ZIP_FIRST_DELAY:-15}" attempt=1 result
  while true; do
    if result="$(az functionapp deployment source config-zip \
      --resource-group "$resource_group" \
      --name "$app_name" \
      --src "$package" 2>&1)"; then
      [ -z "$result" ] || echo "$result"
      return 0
    fi
    echo "$result" >&2
    if ! grep -Eiq 'AuthorizationPermissionMismatch|AuthorizationFailure|Forbidden|\b403\b' <<<"$result"; then
      fail "the zip deploy failed (not an authorization failure, so not retried)"
    fi
    if [ "$attempt" -ge "$attempts" ]; then
      fail "storage still refused the zip deploy after $attempts attempts: check the app identity's role assignments"
    fi
    echo "==> Storage refused the upload (role assignments still propagating?); retrying in ${delay} s" \
      "(attempt $((attempt + 1)) of $attempts)"
    sleep "$delay"
    attempt=$((attempt + 1))
    delay=$((delay * 2 > 120 ? 120 : delay * 2))
  done
}

output() {
  az deployment group show --resource-group "$resource_group" --name "$deployment" \
    --query "properties.outputs.$1.value" --output tsv
}
app_name="$(output AZURE_FUNCTION_APP_NAME)"
app_url="$(output AZURE_FUNCTION_APP_URL)"
[ -n "$app_name" ] || fail "the deployment returned no AZURE_FUNCTION_APP_NAME output"

if [ "$skip_app" = false ]; then
  # What-if for the code: the in-flight orchestrations of the live task hub replayed with the code about to replace
  # theirs. A first deploy has no task hub yet, which reads as none in flight.
  storage_account="$(output AZURE_STORAGE_ACCOUNT_NAME)"
  task_hub="$(output AZURE_TASK_HUB_NAME)"
  replay_options=()
  [ "$allow_replay_failures" = false ] || replay_options=(--allow-failures)
  AzureWebJobsStorage__accountName="$storage_account" \
    "$repo/infra/replay-check.sh" "${replay_options[@]}" -- --task-hub "$task_hub"

  if [ -z "$package" ]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    echo "==> Publishing $project"
    # ReadyToRun for linux-x64 on any machine: the project sets PublishRuntimeIdentifier (azd publishes the same way).
    dotnet publish "$project" --configuration Release --output "$work/publish"
    (cd "$work/publish" && zip -qr "$work/app.zip" .)
    package="$work/app.zip"
  fi
  # On Flex Consumption, config-zip uploads the package to the app's deployment container (one deploy) and
  # restarts the app; the caller authenticates with Microsoft Entra ID, so basic-auth publishing stays off.
  echo "==> Deploying $package to $app_name"
  zip_deploy
fi

echo "==> Done"
echo "Function App: $app_name"
echo "Base URL:     $app_url"
echo "Function key: az functionapp keys list --resource-group $resource_group --name $app_name --query functionKeys.default --output tsv"
echo "Tear down:    az group delete --name $resource_group --yes"
