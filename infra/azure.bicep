// Azure resources of the Lab Innovation bot: App Service (Linux, Node.js 22) running the bot under a
// user-assigned managed identity, the Azure Bot registration with its Teams channel, and a PostgreSQL
// flexible server shared by every instance. Deployed by the arm/deploy step of m365agents.yml; the
// outputs are written back to env/.env.<environment> by the toolkit.

@minLength(4)
@maxLength(20)
@description('Base of every resource name; must be globally unique (the toolkit appends RESOURCE_SUFFIX).')
param resourceBaseName string

@maxLength(42)
@description('Name of the bot in the Azure Bot registration.')
param botDisplayName string

@description('Region of the App Service, the identity and the database.')
param location string = resourceGroup().location

@description('App Service plan size; Always On needs Basic (B1) or above.')
param webAppSku string = 'B1'

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

@description('PostgreSQL storage, in GiB.')
param postgresStorageGb int = 32

@description('PostgreSQL administrator login; the bot connects with it and runs the migrations at start.')
param postgresAdminLogin string = 'labbotadmin'

@secure()
@minLength(8)
@description('PostgreSQL administrator password (SECRET_POSTGRES_ADMIN_PASSWORD in env/.env.<environment>.user).')
param postgresAdminPassword string

@description('Name of the bot\'s database.')
param databaseName string = 'labbot'

@description('Comma-separated Entra object ids of the Lab team (admins).')
param labAdminIds string = ''

@description('Key that signs the download links of exports; every instance must share it (32 characters or more).')
@secure()
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

@description('Optional Graph application used to create the teams\' channels; empty disables Graph.')
param graphTenantId string = ''
param graphClientId string = ''
@secure()
param graphClientSecret string = ''

var baseName = toLower(resourceBaseName)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-identity'
  location: location
}

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    // Required for a Linux plan.
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-01-01' = {
  name: baseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      // On Linux the runtime comes from linuxFxVersion; WEBSITE_NODE_DEFAULT_VERSION only applies to Windows plans.
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/main.js'
      // The scheduler ticks in-process: an idle-unloaded app would miss its cron occurrences until the next request.
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
    }
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${baseName}-pg'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: postgresStorageGb
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// The 0.0.0.0 rule is Azure's convention for "allow Azure services": App Service has no fixed outbound address on Basic plans.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

var databaseUrl = 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'

var graphSettings = empty(graphClientId) ? {} : {
  GRAPH_TENANT_ID: empty(graphTenantId) ? identity.properties.tenantId : graphTenantId
  GRAPH_CLIENT_ID: graphClientId
  GRAPH_CLIENT_SECRET: graphClientSecret
}

var baseSettings = {
  BOT_ID: identity.properties.clientId
  BOT_TENANT_ID: identity.properties.tenantId
  BOT_TYPE: 'UserAssignedMsi'
  DATABASE_URL: databaseUrl
  PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
  LAB_ADMIN_IDS: labAdminIds
  EXPORT_SIGNING_KEY: exportSigningKey
  LAB_CHANNEL_ID: labChannelId
  LOG_LEVEL: logLevel
  // PORT is left out on purpose: App Service sets it for the container and the bot listens on it.
  // The zip holds the sources without node_modules; the build on App Service installs the dependencies
  // on Linux, so native modules (better-sqlite3) match the server.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  ENABLE_ORYX_BUILD: 'true'
}

// A separate resource, so the settings can use the site's own host name; it replaces every app setting.
resource appSettings 'Microsoft.Web/sites/config@2023-01-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(baseSettings, graphSettings)
  dependsOn: [
    database
    allowAzureServices
  ]
}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: baseName
  location: 'global'
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

// Written to env/.env.<environment> by the toolkit; never put a secret here.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
