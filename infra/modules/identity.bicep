// The user-assigned managed identity the Function App runs as. Every data-plane role the app needs is granted to
// this one principal, by the module that owns the resource it reaches (storage, Service Bus, monitoring).

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity (what the Function App and its deployment storage name).')
output resourceId string = identity.id

@description('Client (application) id: what the app\'s SDKs pass as `clientId` to pick this identity.')
output clientId string = identity.properties.clientId

@description('Object id of the identity\'s service principal: what role assignments name.')
output principalId string = identity.properties.principalId

@description('Name of the identity.')
output name string = identity.name
