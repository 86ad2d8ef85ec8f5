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

// The payment gateway: the simulator unless PAYMENT_GATEWAY=Card (`azd env set PAYMENT_GATEWAY Card`), which needs the
// provider's API root and currency too; the API key goes into the Key Vault the template then deploys (docs/azure.md).
param paymentGateway = readEnvironmentVariable('PAYMENT_GATEWAY', 'Simulator')

param cardPaymentsBaseUrl = readEnvironmentVariable('CARD_PAYMENTS_BASE_URL', '')

param cardPaymentsCurrency = readEnvironmentVariable('CARD_PAYMENTS_CURRENCY', '')

// The deploying user's object id, which azd sets: read access for the replay check before each deploy (docs/azure.md).
param deployerPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
