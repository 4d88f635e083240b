type Json = Record<string, unknown>;
const LANGUAGE_MAPS = ['name', 'description'];

/**
 * Merges an activity definition into what the LRS knows (xAPI 1.0.3 Communication 2.5: the LRS
 * may update its canonical definition): language maps gain languages, other properties are replaced.
 */
export function mergeDefinition(known: Json, incoming: Json): Json {
  const merged: Json = { ...known, ...incoming };
  for (const key of LANGUAGE_MAPS) {
    if (known[key] && incoming[key]) merged[key] = { ...(known[key] as Json), ...(incoming[key] as Json) };
  }
  if (known.extensions && incoming.extensions)
    merged.extensions = { ...(known.extensions as Json), ...(incoming.extensions as Json) };
  return merged;
}
