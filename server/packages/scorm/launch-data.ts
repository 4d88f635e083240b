/**
 * The CMI values a SCO finds when it starts, as flattened element names that scorm-again loads
 * before Initialize (`loadFromFlattenedJSON`): identity, resume point, suspend data, statuses,
 * scores and what the manifest says about the item.
 */
import type { ScormCmi } from '../../store/store.js';
import { isoSeconds, timespan } from './cmi-time.js';
import type { ScormItem, ScormVersion } from './scorm-manifest.js';

export interface Learner {
  id: string;
  name: string;
}
export type LaunchMode = 'normal' | 'review';

const str = (n: number | null) => (n === null ? undefined : String(n));

function compact(values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** SCORM 1.2 wants "Last, First"; Praxis keeps one display name, given as it is. */
export function launchData(cmi: ScormCmi, version: ScormVersion, learner: Learner, item: ScormItem, mode: LaunchMode) {
  if (version === '1.2') {
    return compact({
      'cmi.core.student_id': learner.id,
      'cmi.core.student_name': learner.name,
      'cmi.core.lesson_location': cmi.location,
      // Left out while 'not attempted': loaded, scorm-again would take it as set by the SCO (and keep it on LMSFinish).
      'cmi.core.lesson_status': cmi.lessonStatus === 'not attempted' ? undefined : (cmi.lessonStatus ?? undefined),
      'cmi.core.entry': cmi.entry,
      'cmi.core.total_time': timespan(cmi.totalTime),
      'cmi.core.lesson_mode': mode === 'review' ? 'review' : 'normal',
      'cmi.core.credit': mode === 'review' ? 'no-credit' : 'credit',
      'cmi.core.score.raw': str(cmi.scoreRaw),
      'cmi.core.score.min': str(cmi.scoreMin),
      'cmi.core.score.max': str(cmi.scoreMax),
      'cmi.suspend_data': cmi.suspendData,
      'cmi.launch_data': item.dataFromLms ?? undefined,
      'cmi.student_data.mastery_score': str(item.masteryScore),
      'cmi.student_data.max_time_allowed': item.maxTimeAllowed ?? undefined,
      'cmi.student_data.time_limit_action': item.timeLimitAction ?? undefined,
    });
  }
  const primary = item.objectives.find((o) => o.primary && o.satisfiedByMeasure && o.minNormalizedMeasure !== null);
  return compact({
    'cmi.learner_id': learner.id,
    'cmi.learner_name': learner.name,
    'cmi.location': cmi.location,
    'cmi.completion_status': cmi.completionStatus === 'not attempted' ? undefined : cmi.completionStatus,
    'cmi.success_status': cmi.successStatus === 'unknown' ? undefined : cmi.successStatus,
    'cmi.entry': cmi.entry,
    'cmi.total_time': isoSeconds(cmi.totalTime),
    'cmi.mode': mode,
    'cmi.credit': mode === 'review' ? 'no-credit' : 'credit',
    'cmi.score.raw': str(cmi.scoreRaw),
    'cmi.score.min': str(cmi.scoreMin),
    'cmi.score.max': str(cmi.scoreMax),
    'cmi.score.scaled': str(cmi.scoreScaled),
    'cmi.progress_measure': str(cmi.progressMeasure),
    'cmi.suspend_data': cmi.suspendData,
    'cmi.launch_data': item.dataFromLms ?? undefined,
    'cmi.scaled_passing_score': str(primary?.minNormalizedMeasure ?? null),
    'cmi.completion_threshold': str(item.completionThreshold?.minProgressMeasure ?? null),
    'cmi.max_time_allowed': item.maxTimeAllowed ?? undefined,
    'cmi.time_limit_action': item.timeLimitAction ?? undefined,
  });
}
