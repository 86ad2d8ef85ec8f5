// Parameters for main.bicep. azd sets AZURE_ENV_NAME in the environment it builds this file in, and
// infra/deploy.sh does too. `location` is left to main.bicep's default, the resource group's region.
using './main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'orders-dev')

// Scale: at most 40 instances of 2 GB; nothing kept warm, so compute costs nothing while no request arrives (the
// timers, reconciliationSchedule every 5 minutes and the hourly purge, stay inside the monthly free grant).
param maximumInstanceCount = 40

param instanceMemoryMB = 2048

param alwaysReady = []

param taskHubName = 'orders'
