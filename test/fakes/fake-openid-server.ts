import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** How the fake answers: its key set, an error, or nothing at all (a network that drops packets). */
export type OpenIdMode = 'serving' | 'failing' | 'hanging';

/**
 * The Bot Framework's OpenID metadata and signing keys on loopback, as documented: the metadata
 * names a `jwks_uri`; each RSA key carries a `kid` and the channels it endorses. It signs tokens
 * as the Bot Connector would, and counts the reads of its key set.
 */
export class FakeOpenIdServer {
  readonly keyId = 'fake-connector-key-1';
  mode: OpenIdMode = 'serving';
  keySetReads = 0;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private server: Server | undefined;
  private readonly hanging = new Set<() => void>();

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  private get base(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('fake OpenID server not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (this.mode === 'hanging') {
        this.hanging.add(() => response.destroy());
        return;
      }
      if (this.mode === 'failing') {
        response.statusCode = 503;
        response.end('upstream unavailable');
        return;
      }
      response.setHeader('content-type', 'application/json');
      if (request.url === '/v1/.well-known/openidconfiguration') {
        response.end(
          JSON.stringify({
            issuer: 'https://api.botframework.com',
            jwks_uri: `${this.base}/v1/keys`,
          }),
        );
      } else if (request.url === '/v1/keys') {
        this.keySetReads += 1;
        const jwk = this.publicKey.export({ format: 'jwk' });
        response.end(
          JSON.stringify({
            keys: [{ ...jwk, kid: this.keyId, use: 'sig', endorsements: ['msteams'] }],
          }),
        );
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  /** A token as the Bot Connector issues it, signed with this server's key unless told otherwise. */
  sign(
    claims: { audience: string; serviceUrl: string; expiresInSeconds?: number },
    signWith: KeyObject = this.privateKey,
  ): string {
    return jwt.sign({ serviceurl: claims.serviceUrl }, signWith, {
      algorithm: 'RS256',
      keyid: this.keyId,
      issuer: 'https://api.botframework.com',
      audience: claims.audience,
      expiresIn: claims.expiresInSeconds ?? 3600,
    });
  }

  async stop(): Promise<void> {
    for (const release of this.hanging) release();
    this.hanging.clear();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
