/** Verb and activity-type ids the platform writes and the stats projection reads (docs/xapi-vocabulary.md). */
export const ADL_VERB = 'http://adlnet.gov/expapi/verbs/';
export const ADL_ACTIVITY = 'http://adlnet.gov/expapi/activities/';

export const VERBS = {
  registered: `${ADL_VERB}registered`,
  completed: `${ADL_VERB}completed`,
  passed: `${ADL_VERB}passed`,
  failed: `${ADL_VERB}failed`,
  /** Activity Streams "host": the trainer hosted (delivered) a session. */
  hosted: 'http://activitystrea.ms/schema/1.0/host',
} as const;

/** Certificates: the certificates feature writes "earned"; both common registry ids are accepted. */
export const EARNED_VERBS: ReadonlySet<string> = new Set([
  'http://id.tincanapi.com/verb/earned',
  'https://w3id.org/xapi/dod-isd/verbs/earned',
]);

export const ACTIVITY_TYPES = {
  course: `${ADL_ACTIVITY}course`,
  module: `${ADL_ACTIVITY}module`,
  lesson: `${ADL_ACTIVITY}lesson`,
  assessment: `${ADL_ACTIVITY}assessment`,
  interaction: `${ADL_ACTIVITY}cmi.interaction`,
  meeting: `${ADL_ACTIVITY}meeting`,
} as const;

/** Context extension carrying the participant counts of a delivered session (aggregates only). */
export const participantsExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/participants`;
export const PARTICIPANTS_EXTENSION_SUFFIX = '/xapi/extensions/participants';

/** Context extension with the ISO country code where a session took place. */
export const countryExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/country`;
export const COUNTRY_EXTENSION_SUFFIX = '/xapi/extensions/country';

export const PLATFORM_ACCOUNT = 'praxis-platform';
