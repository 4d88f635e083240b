import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { app: 'praxis' }, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    destination as never,
  );
}
