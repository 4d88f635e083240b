/**
 * A realistic, seeded programme written through the same services as the application: learners in
 * dozens of countries and every sector working through the courses over two years (with failures
 * and retries), Line Up Live Up completers certified as trainers by the completion hook, and the
 * sessions those trainers deliver.
 */
import { argon2Hasher } from '../../server/accounts/password.js';
import { certificateCompletionHook } from '../../server/certificates/certificate-hook.js';
import type { AppDeps } from '../../server/deps.js';
import { createLearningService } from '../../server/learning/learning-service.js';
import type { UserRecord } from '../../server/store/store.js';
import { createTrainingService } from '../../server/training/training-service.js';
import { learnerJourney } from './demo-journey.js';
import { learnerProfile } from './learner-profile.js';
import { seededRandom } from './random.js';

const LANG_OF: Record<string, string> = {
  BR: 'pt',
  PT: 'pt',
  AO: 'pt',
  MZ: 'pt',
  CO: 'es',
  MX: 'es',
  PE: 'es',
  ES: 'es',
  FR: 'fr',
  SN: 'fr',
  CI: 'fr',
  CM: 'fr',
  TN: 'fr',
  MA: 'fr',
  KG: 'ru',
  UZ: 'ru',
  TJ: 'ru',
  KZ: 'ru',
  MD: 'ru',
  RU: 'ru',
  LB: 'ar',
  PS: 'ar',
  JO: 'ar',
  EG: 'ar',
};
const FIRST = [
  'Amina',
  'Kofi',
  'Layla',
  'Ivan',
  'Maria',
  'Nurlan',
  'Ana',
  'Joao',
  'Fatima',
  'Chen',
  'Aigerim',
  'Carlos',
  'Grace',
  'Omar',
  'Siti',
  'Thabo',
];
const LAST = [
  'Diallo',
  'Mensah',
  'Haddad',
  'Petrov',
  'Silva',
  'Abdyldaev',
  'Gomez',
  'Santos',
  'Benali',
  'Wei',
  'Osei',
  'Nguyen',
  'Mwangi',
  'Rahman',
];

export interface DemoOptions {
  seed: number;
  learners: number;
  now: Date;
  log?: (msg: string) => void;
}
export const DEMO_PASSWORD = 'praxis demo 2025';
/** The programme manager's account (sees /stats and /stats/report). */
export const DEMO_MANAGER = { email: 'manager@demo.praxis.example', password: DEMO_PASSWORD };

export async function seedDemo(deps: AppDeps, opts: DemoOptions) {
  const { store } = deps;
  if ((await store.users.count()) > 0 || (await store.statements.count()) > 0)
    throw new Error('seed-demo fills an EMPTY database; this one already has users or statements.');
  const r = seededRandom(opts.seed);
  let simulated = opts.now;
  const clock = {
    set: (at: Date) => {
      simulated = at;
    },
    now: () => simulated,
  };
  const training = createTrainingService({ store, publicUrl: deps.config.PUBLIC_URL, clock: clock.now });
  const learning = createLearningService({
    store,
    catalogue: deps.catalogue,
    publicUrl: deps.config.PUBLIC_URL,
    log: deps.log,
    completionHooks: [
      certificateCompletionHook({
        publicUrl: deps.config.PUBLIC_URL,
        clock: clock.now,
        existing: (u, c) => store.certificates.findForUserCourse(u, c),
      }),
      training.certifyOnCompletion,
    ],
    clock: clock.now,
  });
  const sim: AppDeps = { ...deps, learning, training };
  const passwordHash = await argon2Hasher.hash(DEMO_PASSWORD);
  const end = opts.now;
  const start = new Date(end.getTime() - 730 * 86_400_000);

  const person = async (email: string, extra: Partial<UserRecord> & { createdAt?: Date } = {}) => {
    const profile = learnerProfile(r);
    return store.users.create({
      email,
      passwordHash,
      displayName: `${r.pick(FIRST)} ${r.pick(LAST)}`,
      ...profile,
      organisation: '',
      language: LANG_OF[profile.country] ?? 'en',
      ...extra,
    });
  };
  const admin = await person('admin@demo.praxis.example', {
    roles: ['learner', 'admin'],
    displayName: 'Demo Administrator',
  });
  const manager = await person(DEMO_MANAGER.email, {
    roles: ['learner', 'manager'],
    displayName: 'Demo Programme Manager',
  });
  const learner = await person('learner@demo.praxis.example', { displayName: 'Demo Learner', language: 'en' });

  const slugs = deps.courseSlugs.filter((s) => deps.catalogue.find(s));
  for (let i = 0; i < opts.learners; i++) {
    const isCoach = r.chance(0.3);
    const courses =
      isCoach && slugs.includes('line-up-live-up')
        ? ['line-up-live-up']
        : [r.pick(slugs.filter((s) => s !== 'line-up-live-up'))];
    if (r.chance(0.25)) courses.push(r.pick(slugs));
    const journeys = [...new Set(courses)].map((slug) => ({
      slug,
      at: new Date(start.getTime() + Math.floor(r.next() * (end.getTime() - start.getTime()) * 0.9)),
    }));
    // Registered a few days before their first enrolment, as an imported account keeps its date.
    const registeredAt = new Date(
      Math.min(...journeys.map((j) => j.at.getTime())) - Math.floor(r.next() * 7 * 86_400_000),
    );
    const u =
      i === 0
        ? learner
        : await person(`learner${i}@demo.praxis.example`, {
            ...(isCoach ? { sector: 'education-sport' } : {}),
            createdAt: registeredAt,
          });
    for (const { slug, at } of journeys) await learnerJourney(sim, r, clock, u, slug, at, end);
    if (i % 100 === 99) opts.log?.(`${i + 1} learners`);
  }

  // A few coaches trained in person are certified by an administrator, with a reason in the audit log.
  const coaches = await store.users.list({ search: 'learner1', limit: 5 });
  for (const c of coaches) {
    if (await store.training.trainer(c.id)) continue;
    clock.set(new Date(start.getTime() + r.int(30, 400) * 86_400_000));
    await training.certify(admin, c.email, 'Trained in person at a national workshop');
  }
  const trainers = await store.training.listTrainers({ limit: 10_000 });
  let sessions = 0;
  for (const t of trainers) {
    const user = (await store.users.findById(t.userId))!;
    let day = t.certifiedAt.getTime();
    for (let n = r.int(1, 8); n > 0; n--) {
      day += r.int(7, 60) * 86_400_000;
      if (day > end.getTime()) break;
      const girls = r.int(3, 15);
      const boys = r.int(3, 15);
      const other = r.chance(0.2) ? 1 : 0;
      const total = girls + boys + other;
      const under13 = r.int(0, Math.floor(total / 5));
      const over18 = r.int(0, Math.floor(total / 8));
      const from13to15 = Math.floor((total - under13 - over18) / 2);
      clock.set(new Date(day));
      const first = r.int(1, 8);
      await training.recordSession(user, {
        date: new Date(day).toISOString().slice(0, 10),
        country: user.country,
        town: 'Demo town',
        venue: r.pick(['School sports ground', 'Community pitch', 'Youth centre', '']),
        sessions: r.chance(0.5) ? [first] : [first, first + 1],
        girls,
        boys,
        other,
        under13,
        from13to15,
        from16to18: total - under13 - over18 - from13to15,
        over18,
        notes: '',
      });
      sessions++;
    }
  }
  const trainer = trainers[0] ? await store.users.findById(trainers[0].userId) : null;
  return {
    admin,
    manager,
    learner,
    trainer,
    trainers: trainers.length,
    sessions,
    statements: await store.statements.count(),
    users: await store.users.count(),
  };
}
