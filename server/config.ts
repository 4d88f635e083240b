import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ConfigSchema = z.object({
  /** Production unless told otherwise: `npm start` is production-grade, `npm run dev` asks for development. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z
    .url()
    .default('http://localhost:3000')
    .transform((u) => u.replace(/\/+$/, '')),
  MONGODB_URI: z.string().startsWith('mongodb', 'must start with mongodb:// or mongodb+srv://').optional(),
  SQLITE_FILE: z.string().min(1).default('data/praxis.db'),
  DATA_DIR: z.string().min(1).default('data'),
  COURSES_DIR: z.string().min(1).default('courses'),
  SESSION_SECRET: z.string().min(32, 'use at least 32 random characters').optional(),
  /** Signs the learner's short-lived LRS tokens; unset: derived from SESSION_SECRET. */
  XAPI_TOKEN_SECRET: z.string().min(32, 'use at least 32 random characters').optional(),
  XAPI_TOKEN_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines on a terminal, one JSON object per line otherwise (files, journald, log shippers). */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** Worker processes `npm start` runs (server/cluster.ts); unset: one per CPU core. 1: a single process. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Passwords hashed at once (argon2id, 19 MiB each); unset: one per CPU core. */
  HASH_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /** Sign-ins waiting for a hashing slot; one more is answered 503 with Retry-After. Unset: 32 per slot. */
  HASH_QUEUE: z.coerce.number().int().min(0).max(100_000).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Praxis <no-reply@localhost>'),
  RATE_LIMIT: bool.default(true),
  /** Seconds an anonymous visitor's copy of the home page, catalogue or a course page is reused; 0 never (docs/operations.md). */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** An installed ADL LRS conformance suite, for `npm run conformance` only (never part of the repository). */
  LRS_CONFORMANCE_DIR: z.string().min(1).optional(),
  /** The xAPI versions the LRS speaks, comma-separated: 2.0.0 and/or 1.0.3 (a 1.0.3-only LRS refuses 2.0 clients). */
  XAPI_VERSIONS: z
    .string()
    .default('2.0.0,1.0.3')
    .transform((v, ctx) => {
      const list = [...new Set(v.split(/[,\s]+/).filter(Boolean))];
      const ok = list.length > 0 && list.every((x) => x === '2.0.0' || x === '1.0.3');
      if (!ok) ctx.addIssue({ code: 'custom', message: 'list 2.0.0 and/or 1.0.3' });
      return list
        .filter((x): x is '2.0.0' | '1.0.3' => x === '2.0.0' || x === '1.0.3')
        .sort()
        .reverse();
    }),
  /** LRS limits for a learner's lesson-page token (docs/xapi-lrs.md, "Limits"). */
  XAPI_LEARNER_BODY_KB: z.coerce.number().int().min(1).default(512),
  XAPI_LEARNER_STATEMENT_KB: z.coerce.number().int().min(1).default(16),
  XAPI_LEARNER_BATCH: z.coerce.number().int().min(1).default(200),
  XAPI_LEARNER_PER_MINUTE: z.coerce.number().int().min(0).default(120),
  /** Default LRS limits for LRS clients; each client may have its own (admin page "LRS clients"). */
  XAPI_CLIENT_BODY_MB: z.coerce.number().int().min(1).max(1024).default(20),
  XAPI_CLIENT_STATEMENT_KB: z.coerce.number().int().min(1).default(1024),
  XAPI_CLIENT_BATCH: z.coerce.number().int().min(1).default(1000),
  XAPI_CLIENT_PER_MINUTE: z.coerce.number().int().min(0).default(0),
  PROGRAMME_NAME: z.string().min(1).default('Praxis eLearning Programme'),
  /** Largest course package upload, in megabytes (docs/packages.md). */
  PACKAGE_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Serve package content from this separate origin (recommended in production), e.g. https://content.example.org */
  CONTENT_ORIGIN: z
    .url()
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** Minutes after which a cmi5 session with no activity is abandoned (docs/packages.md); 0 never. */
  CMI5_SESSION_TIMEOUT: z.coerce.number().int().min(0).max(10_080).default(120),
  /** Ed25519 private key that signs Open Badges credentials: a JWK (JSON) or a PKCS#8 PEM. */
  CERTIFICATE_SIGNING_KEY: z.string().min(1).optional(),
  /** Or a file holding that JWK or PEM. With neither, a key is generated into DATA_DIR on first start. */
  CERTIFICATE_SIGNING_KEY_FILE: z.string().min(1).optional(),
});

/** SESSION_SECRET is always set once loaded: from the environment, or from `secretFor` (`sessionSecretGenerated`). */
export type Config = Readonly<Omit<z.infer<typeof ConfigSchema>, 'SESSION_SECRET'>> & {
  readonly SESSION_SECRET: string;
  readonly sessionSecretGenerated: boolean;
};

export interface LoadOptions {
  /** Supplies a session secret when SESSION_SECRET is unset; the server keeps one in DATA_DIR (session-secret.ts). */
  secretFor?: (dataDir: string) => string;
  /** Defaults that the environment overrides, e.g. NODE_ENV=development for `npm run dev`. */
  defaults?: Record<string, string>;
}

/** The only reader of process.env. Every problem is listed at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  const raw = { ...options.defaults, ...blankToUndefined(env) };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${issues.join('\n')}`);
  }
  const data = parsed.data;
  return Object.freeze({
    ...data,
    SESSION_SECRET: data.SESSION_SECRET ?? (options.secretFor ?? randomSecret)(data.DATA_DIR),
    sessionSecretGenerated: !data.SESSION_SECRET,
  });
}

/** express's `trust proxy` accepts booleans, hop counts and address lists. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

export function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}
