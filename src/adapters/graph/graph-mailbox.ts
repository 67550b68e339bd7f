import type { TokenCredential } from '@azure/identity';
import type { AddressBook, MailSender, OutgoingMail } from '../email/mail-ports';
import { GRAPH_BASE_URL } from './graph-channel-provisioner';
import { GraphRequestError, graphRequest, realSleep, type Sleep } from './graph-request';

/**
 * The application permissions of the e-mail fallback ("user: sendMail", "Get user"). Mail.Send
 * lets the app send as any mailbox of the tenant until an Exchange application access policy
 * narrows it to the Lab's mailbox (docs/graph.md says how); User.Read.All is the one "Get user"
 * already needs for people named by e-mail.
 */
export const GRAPH_MAIL_PERMISSIONS = {
  sendMail: 'Mail.Send',
  getUser: 'User.Read.All',
} as const;

/**
 * The Lab's mailbox through Microsoft Graph: sends an e-mail as `sender`
 * (`POST /users/{sender}/sendMail`, 202 Accepted) and finds a person's address by Entra id
 * (`GET /users/{id}?$select=mail`). A send is tried once: the e-mail worker waits for Graph's
 * Retry-After itself, so that a throttled mailbox holds no request open.
 */
export class GraphMailbox implements MailSender, AddressBook {
  private readonly baseUrl: string;
  private readonly sleep: Sleep;

  constructor(
    private readonly credential: TokenCredential,
    /** The Lab's mailbox: its address or user principal name (GRAPH_MAIL_SENDER). */
    readonly sender: string,
    options: { baseUrl?: string; sleep?: Sleep } = {},
  ) {
    this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
    this.sleep = options.sleep ?? realSleep;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await graphRequest(
      this.credential,
      'POST',
      `${this.baseUrl}/users/${encodeURIComponent(this.sender)}/sendMail`,
      {
        body: {
          message: {
            subject: mail.subject,
            body: { contentType: 'HTML', content: mail.html },
            toRecipients: [{ emailAddress: { address: mail.to } }],
          },
          // The bot keeps its own record (the e-mail fallback's table); the Lab's mailbox need not.
          saveToSentItems: false,
        },
        permission: GRAPH_MAIL_PERMISSIONS.sendMail,
        maxTries: 1,
      },
    );
  }

  async findEmail(aadId: string): Promise<string | undefined> {
    try {
      const { body } = await graphRequest(
        this.credential,
        'GET',
        `${this.baseUrl}/users/${encodeURIComponent(aadId)}?$select=id,mail`,
        { permission: GRAPH_MAIL_PERMISSIONS.getUser, sleep: this.sleep },
      );
      const mail = (body as { mail?: unknown }).mail;
      return typeof mail === 'string' && mail.includes('@') ? mail.toLowerCase() : undefined;
    } catch (error) {
      if (error instanceof GraphRequestError && error.status === 404) return undefined;
      throw error;
    }
  }
}
