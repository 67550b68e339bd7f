import type { AccessToken, TokenCredential } from '@azure/identity';
import { INVOKE_BUDGET_MS } from '../../src/features/formation/formation-module';

/** The token the fake Graph accepts, and the only one the bot is given in tests. */
export const GRAPH_TOKEN = 'graph-app-token';
/** The tenant and the app registration the tests configure (placeholders, never real). */
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const GRAPH_APP = '0c8e4f2a-91b7-4d3e-a5c6-7f1b2d9e8a43';

/** The bot's Graph identity in tests: always the fake's token, valid for an hour. */
export const graphCredential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: GRAPH_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** The settings that turn Graph on, pointed at the fake on loopback. */
export function fakeGraphSettings(baseUrl: string): Record<string, string> {
  return {
    GRAPH_TENANT_ID: TENANT,
    GRAPH_CLIENT_ID: GRAPH_APP,
    GRAPH_CLIENT_SECRET: 'unused-the-test-gives-the-credential',
    GRAPH_BASE_URL: baseUrl,
  };
}

/**
 * The bot's options with the fake Graph: Graph's Retry-After and the pacing between member
 * additions are not waited for; the formation card's answer budget runs as in production.
 */
export function fakeGraphOptions() {
  return {
    graphCredential,
    graphSleep: () => Promise.resolve(),
    formationModule: {
      wait: (ms: number): Promise<void> =>
        ms === INVOKE_BUDGET_MS
          ? new Promise<void>((resolve) => setTimeout(resolve, ms))
          : Promise.resolve(),
    },
  };
}
