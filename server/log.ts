import { pino, type Logger } from 'pino';

export type { Logger };

export interface LogOptions {
  /** auto: readable lines when stdout is a terminal, compact JSON otherwise. */
  format?: 'auto' | 'json' | 'pretty';
  /** Write JSON here instead (tests; command-line tools send it to stderr, keeping stdout for their answer). */
  destination?: NodeJS.WritableStream;
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie'];

export function createLogger(level: string, options: LogOptions = {}): Logger {
  const base = { level, base: { app: 'praxis' }, redact: REDACT };
  if (options.destination) return pino(base, options.destination as never);
  const format = options.format ?? 'auto';
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  // Written asynchronously: under load many lines go out in one write instead of one write per line;
  // pino flushes what is left when the process exits.
  if (!pretty) return pino(base, pino.destination({ dest: 1, sync: false }));
  // pino-pretty formats in a worker thread, so a developer's terminal output costs requests nothing.
  return pino(
    base,
    pino.transport({
      target: 'pino-pretty',
      options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app', singleLine: false },
    }),
  );
}
