import type { Clock } from '../../src/core/ports/clock';
import type { Notice, NoticeRecipient, Notifier } from '../../src/core/ports/notifier';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}

/** One call to the notifier, as a test sees it. */
export interface NotifiedCall {
  key: string;
  recipient: NoticeRecipient;
  notice: Notice;
  notBefore: Date | undefined;
}

/** Records notices like the outbox would: a key already seen changes nothing. */
export class RecordingNotifier implements Notifier {
  readonly calls: NotifiedCall[] = [];

  notify(key: string, recipient: NoticeRecipient, notice: Notice, notBefore?: Date): Promise<void> {
    if (!this.calls.some((call) => call.key === key)) {
      this.calls.push({ key, recipient, notice, notBefore });
    }
    return Promise.resolve();
  }

  /** The calls, under the name the candidacy tests use. */
  get notices(): NotifiedCall[] {
    return this.calls;
  }

  ofKind(kind: string): NotifiedCall[] {
    return this.calls.filter((call) => call.notice.kind === kind);
  }
}
