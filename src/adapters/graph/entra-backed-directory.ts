import type { Directory, DirectoryEntry } from '../../core/ports/directory';
import type { EntraUserFinder } from './graph-user-reach';

/**
 * The people the bot has met first, then Microsoft Entra through Graph: a manager named by e-mail
 * who never talked to the bot is found by their address. An address Entra does not know, or a
 * failing Graph, leaves the person unknown (as without Graph), with the reason logged.
 */
export class EntraBackedDirectory implements Directory {
  constructor(
    private readonly local: Directory,
    private readonly entra: EntraUserFinder,
    private readonly log: (message: string, details: Record<string, unknown>) => void,
  ) {}

  async findByEmail(email: string): Promise<DirectoryEntry | undefined> {
    const known = await this.local.findByEmail(email);
    if (known !== undefined) return known;
    try {
      const found = await this.entra.findUserByEmail(email);
      if (found === undefined) {
        this.log('person named by e-mail not found in Microsoft Entra', { reason: 'not found' });
      }
      return found;
    } catch (error) {
      this.log('person named by e-mail not looked up in Microsoft Entra', {
        reason: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }
}
