// Azure resources of the Lab Innovation bot, in one resource group, by default in France Central:
// - App Service (Linux, Node.js 22) with two instances and a staging slot, running under a
//   user-assigned managed identity, integrated into a virtual network;
// - the Azure Bot registration (that identity) with its Teams channel;
// - a PostgreSQL flexible server reachable only through a private endpoint, Microsoft Entra login
//   only, TLS required, 35-day geo-redundant backups;
// - a Key Vault (private endpoint, RBAC) holding every secret, read by the Web App through Key Vault
//   references with the managed identity;
// - Log Analytics, Application Insights (availability test), diagnostic settings and alerts.
// Deployed by the arm/deploy step of m365agents.yml; the outputs are written back to
// env/.env.<environment> by the toolkit. test/unit/infra checks the invariants of this file; it is
// never compiled in this repository's tests: run `az bicep build --file infra/azure.bicep` after
// editing it. See docs/deployment.md.

@minLength(4)
@maxLength(20)
@description('Base of every resource name; must be globally unique (the toolkit appends RESOURCE_SUFFIX).')
param resourceBaseName string

@maxLength(42)
@description('Name of the bot in the Azure Bot registration.')
param botDisplayName string

// Regions inside the European Union where every resource below exists and that have a paired region
// for the geo-redundant backups (France Central pairs with France South). The data stays in the EU.
@allowed([
  'francecentral'
  'westeurope'
  'northeurope'
  'germanywestcentral'
  'swedencentral'
])
@description('Region of every regional resource. The Azure Bot registration and the alert rules are global.')
param location string = 'francecentral'

@description('Tags put on every resource (cost centre, owner…), as the landing zone requires.')
param tags object = {}

// Standard (S*) and Premium v3 plans have deployment slots and scale out; Basic has neither.
@allowed([
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
@description('App Service plan size: Standard or Premium v3, the tiers with deployment slots and several instances.')
param webAppSku string = 'P0v3'

@minValue(2)
@maxValue(10)
@description('Instances of the bot; two or more, so a restart or a platform update is no downtime.')
param webAppInstanceCount int = 2

@description('Azure Bot pricing tier; the Teams channel is a standard channel, free on F0.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('PostgreSQL compute size.')
param postgresSkuName string = 'Standard_B1ms'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@allowed([
  'Disabled'
  'SameZone'
  'ZoneRedundant'
])
@description('PostgreSQL high availability; a standby needs the GeneralPurpose or MemoryOptimized tier.')
param postgresHighAvailability string = 'Disabled'

@description('PostgreSQL storage, in GiB; it grows by itself when nearly full.')
param postgresStorageGb int = 32

@description('Object id of the Microsoft Entra group of the database administrators (the only PostgreSQL administrators).')
param postgresAdminGroupObjectId string

@description('Display name of that group: the PostgreSQL user name its members log in with.')
param postgresAdminGroupName string

@description('Name of the bot\'s database.')
param databaseName string = 'labbot'

@description('PostgreSQL role of the bot\'s managed identity (created once with `labbot database app-role`).')
param databaseRoleName string = 'labbot-app'

@description('Schema the bot creates and owns in its database.')
param databaseSchema string = 'labbot'

@description('Comma-separated Entra object ids of the Lab team (admins).')
param labAdminIds string = ''

@description('Key that signs the download links of exports; every instance must share it. Stored in Key Vault only.')
@secure()
@minLength(32)
param exportSigningKey string

@description('Teams channel id where the weekly Lab digest is posted (empty: sent to each Lab member).')
param labChannelId string = ''

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Client id of the Graph app registration (aadApp/create), named in the manifest\'s webApplicationInfo; empty: no channels, each team gets a thread in General.')
param graphClientId string = ''

@allowed([
  'keyVaultSecret'
  'federatedCredential'
])
@description('How the Graph app proves itself: its client secret, kept in Key Vault, or the bot\'s managed identity trusted as a federated credential of the app (no secret; add the credential as docs/deployment.md says).')
param graphAuthentication string = 'keyVaultSecret'

@description('Client secret of the Graph app (aadApp/create); stored in Key Vault only. Unused with a federated credential.')
@secure()
param graphClientSecret string = ''

@description('Address (or Entra object id) of the mailbox that organises the programmes\' meetings, e.g. a Lab shared mailbox; needs Calendars.ReadWrite restricted to it (docs/graph.md). Empty: no calendar, attendees get .ics cards.')
param graphMeetingOrganiser string = ''

@description('The Lab\'s mailbox messages go from by e-mail when Teams cannot deliver them; needs Mail.Send restricted to it (docs/graph.md). Empty: no e-mail, the reason is recorded.')
param graphMailSender string = ''

@description('Where the alerts go (the operations team\'s mailbox).')
param alertEmail string

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps the logs (HTTP logs hold client IP addresses: keep it short).')
param logRetentionDays int = 30

// Alert when the bot answers this many 5xx in 15 minutes: a handful is a deployment or a restart
// on one instance, more is an incident.
@description('5xx answers in 15 minutes that raise an alert.')
param http5xxAlertThreshold int = 10

@description('Address space of the bot\'s virtual network; change it to fit the organisation\'s IP plan.')
param vnetAddressPrefix string = '10.60.0.0/24'

@description('Subnet of the App Service integration (a /26 leaves room to scale out and swap slots).')
param appSubnetPrefix string = '10.60.0.0/26'

@description('Subnet of the private endpoints (PostgreSQL, Key Vault).')
param privateEndpointSubnetPrefix string = '10.60.0.64/27'

var baseName = toLower(resourceBaseName)
var tenantId = subscription().tenantId
var useGraph = !empty(graphClientId)
var graphSecretInVault = useGraph && graphAuthentication == 'keyVaultSecret'

// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------
// Identity and network

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-identity'
  location: location
  tags: tags
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${baseName}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          // Private endpoints need no way out to the internet.
          defaultOutboundAccess: false
        }
      }
    ]
  }
}

// Read from the deployed network, so everything placed in a subnet waits for it.
var appSubnetId = vnet.properties.subnets[0].id
var privateEndpointSubnetId = vnet.properties.subnets[1].id

resource postgresDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresDnsZone
  name: '${baseName}-vnet'
  location: 'global'
  properties: {
    virtualNetwork: {
      id: vnet.id
    }
    registrationEnabled: false
  }
}

resource vaultDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  tags: tags
}

resource vaultDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: vaultDnsZone
  name: '${baseName}-vnet'
  location: 'global'
  properties: {
    virtualNetwork: {
      id: vnet.id
    }
    registrationEnabled: false
  }
}

// ---------------------------------------------------------------------------------------------
// Secrets

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${baseName}-kv'
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Azure roles decide who reads secrets: only the bot's identity has a data role here.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // Reachable only through its private endpoint; the deployment writes secrets through Azure
    // Resource Manager, which the vault firewall does not block.
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
  }
}

resource exportSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'export-signing-key'
  properties: {
    value: exportSigningKey
    contentType: 'HMAC key of the export download links'
  }
}

resource graphClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (graphSecretInVault) {
  parent: vault
  name: 'graph-client-secret'
  properties: {
    value: graphClientSecret
    contentType: 'Client secret of the Graph app registration'
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      keyVaultSecretsUserRoleId
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: '${baseName}-kv-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: vault.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource vaultEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: vaultEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'vault'
        properties: {
          privateDnsZoneId: vaultDnsZone.id
        }
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${baseName}-pg'
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    // Microsoft Entra login only: no password exists for anyone, administrators included.
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenantId
    }
    storage: {
      storageSizeGB: postgresStorageGb
      autoGrow: 'Enabled'
    }
    // Decided at creation (it cannot be turned on later): 35 days, the longest retention, with a
    // copy in the paired region (France South for France Central).
    backup: {
      backupRetentionDays: 35
      geoRedundantBackup: 'Enabled'
    }
    highAvailability: {
      mode: postgresHighAvailability
    }
    // Encrypted at rest with service-managed keys (AES-256), backups included.
    dataEncryption: {
      type: 'SystemManaged'
    }
    // No public endpoint at all: the private endpoint below is the only way in.
    network: {
      publicNetworkAccess: 'Disabled'
    }
  }
}

// Operations on one server run one after the other (dependsOn chain): parallel ones fail
// intermittently with ServerBusy.
resource postgresEntraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: postgres
  name: postgresAdminGroupObjectId
  properties: {
    principalName: postgresAdminGroupName
    principalType: 'Group'
    tenantId: tenantId
  }
}

resource postgresRequireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
  dependsOn: [
    postgresEntraAdmin
  ]
}

resource postgresTlsVersion 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.2'
    source: 'user-override'
  }
  dependsOn: [
    postgresRequireTls
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    postgresTlsVersion
  ]
}

resource postgresEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: '${baseName}-pg-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'postgres'
        properties: {
          privateLinkServiceId: postgres.id
          groupIds: [
            'postgresqlServer'
          ]
        }
      }
    ]
  }
  // Approving the endpoint is one more operation on the server.
  dependsOn: [
    database
  ]
}

resource postgresEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: postgresEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'postgres'
        properties: {
          privateDnsZoneId: postgresDnsZone.id
        }
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// App Service

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${baseName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: webAppInstanceCount
  }
  properties: {
    // Required for a Linux plan.
    reserved: true
  }
}

var siteProperties = {
  serverFarmId: plan.id
  httpsOnly: true
  // Outbound traffic goes through the virtual network, where the private endpoints are; Linux
  // apps need all traffic routed there to resolve Key Vault references over a private endpoint.
  virtualNetworkSubnetId: appSubnetId
  vnetRouteAllEnabled: true
  keyVaultReferenceIdentity: identity.id
  clientAffinityEnabled: false
  siteConfig: {
    // On Linux the runtime comes from linuxFxVersion; WEBSITE_NODE_DEFAULT_VERSION only applies to Windows plans.
    linuxFxVersion: 'NODE|22-lts'
    appCommandLine: 'node dist/src/main.js'
    // The scheduler ticks in-process: an idle-unloaded app would miss its cron occurrences until the next request.
    alwaysOn: true
    healthCheckPath: '/healthz'
    ftpsState: 'Disabled'
    minTlsVersion: '1.2'
    scmMinTlsVersion: '1.2'
    http20Enabled: true
    vnetRouteAllEnabled: true
    keyVaultReferenceIdentity: identity.id
  }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: baseName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: siteProperties
}

// Receives each new version first; `az webapp deployment slot swap` then brings it to production
// once warmed up and healthy (docs/deployment.md), so a deployment is no downtime.
resource stagingSlot 'Microsoft.Web/sites/slots@2024-04-01' = {
  parent: webApp
  name: 'staging'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: siteProperties
}

// Deployments authenticate with Microsoft Entra (az webapp deploy), never with publishing passwords.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource stagingScmBasicAuth 'Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: stagingSlot
  name: 'scm'
  properties: {
    allow: false
  }
}

resource stagingFtpBasicAuth 'Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: stagingSlot
  name: 'ftp'
  properties: {
    allow: false
  }
}

// No password in it: the bot logs in as its role with a Microsoft Entra token, to a server whose
// certificate and host name it verifies.
var databaseUrl = 'postgres://${databaseRoleName}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'

// Every secret is a Key Vault reference, resolved by App Service with the managed identity.
var graphSettings = !useGraph
  ? {}
  : union(
      {
        GRAPH_TENANT_ID: tenantId
        GRAPH_CLIENT_ID: graphClientId
      },
      graphSecretInVault
        ? {
            // Built from the vault's address: the secret exists only in this mode (dependsOn below).
            GRAPH_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/graph-client-secret)'
          }
        : {
            GRAPH_MANAGED_IDENTITY_CLIENT_ID: identity.properties.clientId
          },
      // Each capability only when its mailbox is given: an empty setting would read as set.
      empty(graphMeetingOrganiser)
        ? {}
        : {
            GRAPH_MEETING_ORGANISER: graphMeetingOrganiser
          },
      empty(graphMailSender)
        ? {}
        : {
            GRAPH_MAIL_SENDER: graphMailSender
          }
    )

var baseSettings = {
  BOT_ID: identity.properties.clientId
  BOT_TENANT_ID: identity.properties.tenantId
  BOT_TYPE: 'UserAssignedMsi'
  DATABASE_URL: databaseUrl
  DATABASE_SCHEMA: databaseSchema
  DATABASE_MANAGED_IDENTITY_CLIENT_ID: identity.properties.clientId
  PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
  LAB_ADMIN_IDS: labAdminIds
  EXPORT_SIGNING_KEY: '@Microsoft.KeyVault(SecretUri=${exportSigningKeySecret.properties.secretUri})'
  LAB_CHANNEL_ID: labChannelId
  LOG_LEVEL: logLevel
  // PORT is left out on purpose: App Service sets it for the container and the bot listens on it.
  // The zip holds the sources without node_modules; the build on App Service installs the dependencies
  // on Linux, so native modules (better-sqlite3) match the server.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  ENABLE_ORYX_BUILD: 'true'
}

// Separate resources, so the settings can use the site's own host name; each replaces every app
// setting. They wait for the vault and the database to be reachable and readable by the identity.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(baseSettings, graphSettings)
  dependsOn: [
    graphClientSecretSecret
    vaultSecretsUser
    vaultEndpointDns
    postgresEndpointDns
    database
  ]
}

resource stagingAppSettings 'Microsoft.Web/sites/slots/config@2024-04-01' = {
  parent: stagingSlot
  name: 'appsettings'
  properties: union(baseSettings, graphSettings)
  dependsOn: [
    graphClientSecretSecret
    vaultSecretsUser
    vaultEndpointDns
    postgresEndpointDns
    database
  ]
}

// ---------------------------------------------------------------------------------------------
// Azure Bot

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: baseName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// ---------------------------------------------------------------------------------------------
// Monitoring

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

// Holds the availability test only: the bot ships no telemetry SDK, so no request URL (signed
// export links) or card content reaches it.
resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableIpMasking: false
  }
}

var logsToWorkspace = {
  workspaceId: workspace.id
  logs: [
    {
      categoryGroup: 'allLogs'
      enabled: true
    }
  ]
  metrics: [
    {
      category: 'AllMetrics'
      enabled: true
    }
  ]
}

// HTTP logs, the bot's console (the outbox health line), platform logs and metrics.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: logsToWorkspace
}

resource stagingDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: stagingSlot
  properties: logsToWorkspace
}

resource postgresDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: postgres
  properties: logsToWorkspace
  // One more operation on the server, after the others.
  dependsOn: [
    postgresEndpoint
  ]
}

// Every read of a secret, by whom.
resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource botDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: botService
  properties: logsToWorkspace
}

resource alertGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${baseName}-ops'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'labbot-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// The bot answers 5xx: crashes, database down, Teams turns failing.
resource http5xxAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${baseName}-http-5xx'
  location: 'global'
  tags: tags
  properties: {
    description: 'The bot answered ${http5xxAlertThreshold} or more 5xx in 15 minutes.'
    severity: 1
    enabled: true
    scopes: [
      webApp.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'http-5xx'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'Http5xx'
          operator: 'GreaterThanOrEqual'
          threshold: http5xxAlertThreshold
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [
      {
        actionGroupId: alertGroup.id
      }
    ]
  }
}

// Outbox messages given up on (failed) or refused by Teams (unreachable). The bot logs the count of
// each state every five minutes (`outbox.health`, src/jobs/create-outbox-health-job.ts); both only
// grow, so their growth over the window is the number of new ones.
resource outboxGivenUpAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${baseName}-outbox-given-up'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Outbox messages failed or unreachable'
    description: 'Proactive messages were given up on or refused by Teams in the last 15 minutes: see the unreachable list in the Lab digest and the bot logs.'
    severity: 2
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: '''
AppServiceConsoleLogs
| where ResultDescription has 'outbox.health'
| extend line = parse_json(ResultDescription)
| where tostring(line.event) == 'outbox.health'
| extend givenUp = toint(line.failed) + toint(line.unreachable)
| summarize newlyGivenUp = max(givenUp) - min(givenUp)
'''
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'newlyGivenUp'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertGroup.id
      ]
    }
  }
  dependsOn: [
    webAppDiagnostics
  ]
}

// No outbox.health line for 15 minutes: no instance runs its scheduled jobs (or they hang).
resource schedulerSilentAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${baseName}-scheduler-silent'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Bot scheduler silent'
    description: 'No instance logged the outbox health line for 15 minutes: reminders and digests are not going out.'
    severity: 1
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: '''
AppServiceConsoleLogs
| where ResultDescription has 'outbox.health'
| summarize lines = count()
'''
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'lines'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertGroup.id
      ]
    }
  }
  dependsOn: [
    webAppDiagnostics
  ]
}

// /healthz from three European test locations (Paris, Amsterdam, Dublin) every five minutes.
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${baseName}-healthz'
  location: location
  tags: union(tags, {
    'hidden-link:${appInsights.id}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${baseName}-healthz'
    Name: 'Bot health check'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      {
        Id: 'emea-fr-pra-edge'
      }
      {
        Id: 'emea-nl-ams-azr'
      }
      {
        Id: 'emea-gb-db3-azr'
      }
    ]
    Request: {
      RequestUrl: 'https://${webApp.properties.defaultHostName}/healthz'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${baseName}-healthz-failing'
  location: 'global'
  tags: tags
  properties: {
    description: 'The health check fails from two of the three test locations (database down, or the bot not answering).'
    severity: 1
    enabled: true
    scopes: [
      healthTest.id
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: appInsights.id
      failedLocationCount: 2
    }
    actions: [
      {
        actionGroupId: alertGroup.id
      }
    ]
  }
}

// Written to env/.env.<environment> by the toolkit; never put a secret here.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_MANAGED_IDENTITY_OBJECT_ID string = identity.properties.principalId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_APP_SERVICE_NAME string = webApp.name
output POSTGRES_SERVER_NAME string = postgres.name
output POSTGRES_SERVER_FQDN string = postgres.properties.fullyQualifiedDomainName
output KEY_VAULT_NAME string = vault.name
