import { type Json, jsonOrEmpty } from './statement.js';

const LANGUAGE_MAPS = ['name', 'description'];

/**
 * Merges an activity definition into what the LRS knows (xAPI 1.0.3 Communication 2.5: the LRS
 * may update its canonical definition): language maps gain languages, other properties are replaced.
 */
export function mergeDefinition(known: Json, incoming: Json): Json {
  const merged: Json = { ...known, ...incoming };
  for (const key of LANGUAGE_MAPS) {
    if (known[key] && incoming[key]) merged[key] = { ...jsonOrEmpty(known[key]), ...jsonOrEmpty(incoming[key]) };
  }
  if (known.extensions && incoming.extensions)
    merged.extensions = { ...jsonOrEmpty(known.extensions), ...jsonOrEmpty(incoming.extensions) };
  return merged;
}
