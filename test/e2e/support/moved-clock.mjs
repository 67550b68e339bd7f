// Preloaded into the bot (`node --import <this file> dist/src/main.js`) by an end-to-end suite that
// needs the bot's days to pass faster than the test's minutes: a Lab session's hot debrief comes
// at the end of a day chosen at least four weeks ahead, and a card to a person waits for their
// working hours. The bot then reads its time as the real time plus an offset in milliseconds,
// written as text in the file named by E2E_CLOCK_FILE; the test moves the clock by rewriting the
// file, read again at most every 100 ms (real time). Timers keep real time: a job that ticks
// every minute still ticks every real minute, and then sees the moved clock.
import { readFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.E2E_CLOCK_FILE;
/** How often the file is read again, in real milliseconds. */
const REREAD_MS = 100;

if (file !== undefined && file !== '') {
  const RealDate = Date;
  const realNow = () => RealDate.now();
  let offset = 0;
  let readAt = Number.NEGATIVE_INFINITY;

  const movedNow = () => {
    const now = realNow();
    if (now - readAt >= REREAD_MS) {
      readAt = now;
      try {
        const text = readFileSync(file, 'utf8').trim();
        // An empty file is one being rewritten: the last offset read stays.
        if (text !== '' && Number.isFinite(Number(text))) offset = Number(text);
      } catch {
        // Replaced right now: the last offset read stays.
      }
    }
    return now + offset;
  };

  class MovedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(movedNow());
      else super(...args);
    }

    static now() {
      return movedNow();
    }
  }

  globalThis.Date = MovedDate;
  movedNow();
}
