import { cmi5Kind } from './cmi5-kind.js';
import type { PackageKindHandler } from './package-kinds.js';
import { praxisKind } from './praxis-kind.js';
import { scormKind } from './scorm/scorm-kind.js';

/** The kinds of package Praxis imports; SCORM adds its handler here. */
export const PACKAGE_KINDS: readonly PackageKindHandler[] = [cmi5Kind, praxisKind, scormKind];
