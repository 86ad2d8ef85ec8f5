// Log Analytics and a workspace-based Application Insights resource with local (instrumentation-key) authentication
// disabled: telemetry is accepted only with a Microsoft Entra token, which the app gets with its managed identity
// (Monitoring Metrics Publisher on this component, APPLICATIONINSIGHTS_AUTHENTICATION_STRING in the app).

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Tags for both resources.')
param tags object

@description('Days Log Analytics keeps data (30 is the free retention of the pay-as-you-go tier).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Object id of the managed identity that gets Monitoring Metrics Publisher on the component.')
param publisherPrincipalId string

// Built-in role id (the same in every tenant).
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, publisherPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

// The connection string names the ingestion endpoint and the component (its instrumentation key is an identifier,
// not a credential, once local authentication is off). It goes to the app's settings only and is never an output
// of main.bicep.
@description('Application Insights connection string (endpoint + component id; not a credential with local auth off).')
output connectionString string = applicationInsights.properties.ConnectionString

@description('Name of the Log Analytics workspace.')
output logAnalyticsName string = workspace.name
