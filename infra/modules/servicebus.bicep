// The Service Bus namespace for integration events: the `order-events` topic (duplicate detection on, so a message
// re-sent with the same MessageId after a retry is dropped) and one subscription. Local (SAS) authentication is off;
// the app sends with its managed identity, which may only send, and only to this topic.

@description('Name of the Service Bus namespace (6-50 characters, globally unique).')
@minLength(6)
@maxLength(50)
param name string

@description('Azure region.')
param location string

@description('Tags for the namespace.')
param tags object

@description('Name of the topic the app publishes integration events to.')
param topicName string

@description('Name of the topic\'s subscription.')
param subscriptionName string

@description('How long the topic remembers MessageIds for duplicate detection (ISO 8601 duration).')
param duplicateDetectionWindow string = 'PT10M'

@description('Object id of the managed identity that gets Azure Service Bus Data Sender on the topic.')
param senderPrincipalId string

// Built-in role id (the same in every tenant).
var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'

// Standard is the smallest tier with topics.
resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    supportOrdering: true
  }
}

resource subscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: subscriptionName
  properties: {
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
  }
}

resource topicSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, senderPrincipalId, serviceBusDataSender)
  scope: topic
  properties: {
    principalId: senderPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
  }
}

@description('Name of the namespace.')
output name string = namespace.name

@description('Fully qualified namespace (<name>.servicebus.windows.net in the public cloud), from the endpoint Azure reports.')
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

@description('Name of the topic.')
output topicName string = topic.name

@description('Name of the subscription.')
output subscriptionName string = subscription.name
