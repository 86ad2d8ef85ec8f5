// A Linux Flex Consumption plan and the Function App on it. The runtime (dotnet-isolated 10.0), scale and the
// deployment package's location live in `functionAppConfig`: Flex Consumption rejects the app settings that older
// plans used for them (FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE, ...).

@description('Name of the Function App (its host name is <name>.azurewebsites.net).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region (one that offers Flex Consumption).')
param location string

@description('Tags for the plan and the app.')
param tags object

@description('Tag azd looks for to find the app a service in azure.yaml deploys to.')
param azdServiceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Blob endpoint of the storage account holding the deployment container.')
param deploymentBlobEndpoint string

@description('Container the app package is deployed to and run from.')
param deploymentContainerName string

@description('App settings (name -> value). No value may be a key or a connection string with a credential.')
param appSettings object

@description('Functions runtime stack.')
param runtimeName string = 'dotnet-isolated'

@description('Runtime version of the stack.')
param runtimeVersion string = '10.0'

@description('Most instances the app scales out to (Flex Consumption allows 40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Always-ready instances per function group or function (`http`, `durable`, `function:<Name>`); empty: scale from zero.')
param alwaysReady alwaysReadyInstances[] = []

@export()
@description('An always-ready setting: a function group (`http`, `durable`, `blob`) or `function:<FunctionName>`, and how many instances stay warm.')
type alwaysReadyInstances = {
  @description('`http`, `durable`, `blob` or `function:<FunctionName>`.')
  name: string

  @description('Instances kept ready.')
  @minValue(0)
  instanceCount: int
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    // Key Vault reference app settings resolve as the app's user-assigned identity (not a system-assigned one).
    keyVaultReferenceIdentity: identityResourceId
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${deploymentBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReady
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// Basic-auth publishing (user name + password) off for FTP and for the SCM site: deployments authenticate with
// Microsoft Entra ID (azd and `az functionapp deployment source config-zip` both do).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the Function App.')
output name string = site.name

@description('Default host name, e.g. <name>.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName

@description('Name of the Flex Consumption plan.')
output planName string = plan.name
