/** The signed-in user's id is kept beside a session's data so "sign out everywhere" is one indexed delete. */
export function userIdOf(data: string): string | null {
  try {
    const user = (JSON.parse(data) as { passport?: { user?: unknown } }).passport?.user;
    return typeof user === 'string' ? user : null;
  } catch {
    return null;
  }
}
