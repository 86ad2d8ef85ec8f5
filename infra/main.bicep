// Deploys the Azure side of the order saga into one resource group: the Function App `Serverless.Functions` on a Linux
// Flex Consumption plan, its storage account (Functions host, Durable Functions task hub, the app's tables and queues,
// the deployment package), a Service Bus topic for integration events and Application Insights on Log Analytics;
// with paymentGateway 'Card', a Key Vault for the card-payments provider's API key.
// The app reaches all of them as one user-assigned managed identity; no key or connection string with a credential
// is created, stored or output. `azd up` (azure.yaml) and infra/deploy.sh both deploy this file.
targetScope = 'resourceGroup'

@description('Name of the environment (azd\'s AZURE_ENV_NAME): part of every resource name\'s unique suffix and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for every resource; must offer Flex Consumption. Defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Name of the Function App; empty: func-<unique suffix>.')
param functionAppName string = ''

@description('Most instances the Function App scales out to (Flex Consumption allows 40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances, e.g. [{ name: \'http\', instanceCount: 1 }]. Empty (the default) scales to zero: no compute cost at rest.')
param alwaysReady alwaysReadyInstances[] = []

@description('Durable Functions task hub name (3-45 letters and digits, starting with a letter); host.json reads it as %TaskHubName%.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'orders'

@description('How long finished orchestration instances are kept before the hourly PurgeHistory timer purges them (a .NET time span, d.hh:mm:ss); \'0\' turns retention off. Orders themselves are never purged.')
param retentionMaxAge string = '7.00:00:00'

@description('CRON schedule (with seconds) of the ReconcileOrders timer; each run is billed (docs/azure.md).')
param reconciliationSchedule string = '0 */5 * * * *'

@description('Name of the Service Bus subscription on the order-events topic.')
param serviceBusSubscriptionName string = 'fulfillment'

@description('Payment gateway: \'Simulator\' (the default: test tokens, no money moves) or \'Card\' (a card-payments provider; a Key Vault is deployed for its API key, docs/payments.md).')
@allowed([
  'Simulator'
  'Card'
])
param paymentGateway string = 'Simulator'

@description('With paymentGateway \'Card\': the provider\'s API root (https).')
param cardPaymentsBaseUrl string = ''

@description('With paymentGateway \'Card\': the ISO 4217 currency of every charge (e.g. EUR).')
param cardPaymentsCurrency string = ''

@description('Object id of the user who deploys (azd sets AZURE_PRINCIPAL_ID): gets read access to the storage tables and blobs so the deploy\'s replay check can read the live task hub. Empty (a pipeline\'s service principal, or deploy.sh without it) grants nothing.')
param deployerPrincipalId string = ''

import { alwaysReadyInstances } from 'modules/functionapp.bicep'

// The topic and the storage queue the app publishes to and triggers on: names the code uses, not choices.
var orderEventsTopicName = 'order-events'
var orderEventsQueueName = 'order-events'
// The secret an operator sets in the vault after deploying with paymentGateway 'Card' (docs/azure.md).
var cardApiKeySecretName = 'card-payments-api-key'
var cardPayments = paymentGateway == 'Card'

var resourceToken = toLower(uniqueString(resourceGroup().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var appName = empty(functionAppName) ? 'func-${resourceToken}' : functionAppName
// A blob container name allows no hyphen at the end or twice in a row: a cut app name can end in one.
var deploymentContainerSuffix = join(filter(split(toLower(take(appName, 32)), '-'), part => !empty(part)), '-')
var deploymentContainerName = 'app-package-${deploymentContainerSuffix}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    queueNames: [
      orderEventsQueueName
    ]
    principalId: identity.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'serviceBus'
  params: {
    name: 'sb-${resourceToken}'
    location: location
    tags: tags
    topicName: orderEventsTopicName
    subscriptionName: serviceBusSubscriptionName
    senderPrincipalId: identity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

// Only with the card gateway: the vault its API key lives in, readable by the app's identity.
module vault 'modules/keyvault.bicep' = if (cardPayments) {
  name: 'vault'
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    readerPrincipalId: identity.outputs.principalId
  }
}

// Every setting the Function App reads at start-up; infra/app-settings.json lists the same names and the infra tests
// check that the two agree. Connections are identity-based: <connection>__credential + __clientId pick the
// user-assigned identity, and there is no key to rotate or leak.
var appSettings = {
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  ServiceBus__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  ServiceBus__credential: 'managedidentity'
  ServiceBus__clientId: identity.outputs.clientId
  TaskHubName: taskHubName
  Durable__Retention__MaxAge: retentionMaxAge
  ReconcileOrdersSchedule: reconciliationSchedule
  // The payment gateway. Its API key is a Key Vault reference, resolved by App Service with the app's identity (the
  // Function App's keyVaultReferenceIdentity); with the simulator, the card settings are empty and unread.
  Orders__Payments__Gateway: paymentGateway
  Orders__Payments__Card__BaseUrl: cardPaymentsBaseUrl
  Orders__Payments__Card__Currency: cardPaymentsCurrency
  // A versionless secret URI: the reference follows the latest version of the secret.
  Orders__Payments__Card__ApiKey: cardPayments
    ? '@Microsoft.KeyVault(SecretUri=${vault!.outputs.uri}secrets/${cardApiKeySecretName})'
    : ''
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    name: appName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    azdServiceName: 'functions'
    identityResourceId: identity.outputs.resourceId
    deploymentBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    appSettings: appSettings
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReady: alwaysReady
  }
}

@description('Name of the Function App.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Base URL of the Function App; the API is under /api.')
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'

@description('Name of the resource group everything was deployed to.')
output AZURE_RESOURCE_GROUP string = resourceGroup().name

@description('Name of the storage account (host, task hub, tables, queues, deployment package).')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Name of the Durable Functions task hub (the replay check before a deploy reads it).')
output AZURE_TASK_HUB_NAME string = taskHubName

@description('Name of the Service Bus namespace.')
output AZURE_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name

@description('Name of the topic integration events are published to.')
output AZURE_SERVICE_BUS_TOPIC string = serviceBus.outputs.topicName

@description('Name of the topic\'s subscription.')
output AZURE_SERVICE_BUS_SUBSCRIPTION string = serviceBus.outputs.subscriptionName

@description('Name of the Application Insights component.')
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName

@description('Name of the Log Analytics workspace.')
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsName

@description('Name of the Key Vault holding the card-payments API key (secret card-payments-api-key); empty with the simulator.')
output AZURE_KEY_VAULT_NAME string = cardPayments ? vault!.outputs.name : ''

@description('Name of the managed identity the app runs as.')
output AZURE_MANAGED_IDENTITY_NAME string = identity.outputs.name
