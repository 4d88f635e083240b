import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log.js';

const GIVEN_ID = /^[\w.-]{1,100}$/;

/**
 * One compact line per request, written when the response is done: request id (a proxy's `X-Request-Id`
 * when it is sane, else a new one, echoed in the response), method, URL, status and milliseconds; never
 * headers, cookies or tokens. Plain fields on the base logger, where pino-http made a child logger per
 * request: a tenth of the work for the same line (docs/operations.md, "Throughput").
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    const start = performance.now();
    res.once('close', () => {
      const line = {
        req: { id, method: req.method, url: req.originalUrl },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - start),
      };
      if (!res.writableFinished) log.warn(line, 'request aborted');
      else if (res.statusCode >= 500) log.error(line, 'request errored');
      else log.info(line, 'request completed');
    });
    next();
  };
}
