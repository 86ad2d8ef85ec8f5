// A Key Vault for the app's secrets: the card-payments provider's API key, read by the Function App through a Key Vault
// reference app setting. Authorisation is Azure RBAC (no access policies): the app's identity may read secrets (Key
// Vault Secrets User) on this vault and nothing else. The template creates no secret and passes none: an operator sets
// it once after the deployment (docs/azure.md), so its value never appears in a deployment's parameters or history.

@description('Name of the Key Vault (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object

@description('Object id of the managed identity that gets Key Vault Secrets User on the vault.')
param readerPrincipalId string

// Built-in role id (the same in every tenant).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('URI of the vault (https://<name>.vault.azure.net/), what secret URIs start with.')
output uri string = vault.properties.vaultUri
