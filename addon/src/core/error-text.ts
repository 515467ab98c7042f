/** The message of anything thrown. Service errors may come from another realm, so instanceof Error is not relied on. */
export function errorText(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}
