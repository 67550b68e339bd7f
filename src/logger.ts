import pino from 'pino';

/** Structured JSON logs. Personal data (names, emails, message text) is only ever logged at debug level. */
export type Logger = pino.Logger;

/** Creates the process logger; secrets that could reach a log line are redacted by path. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'innovation-lab-bot' },
      redact: {
        paths: [
          'password',
          '*.password',
          'authorization',
          '*.authorization',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
