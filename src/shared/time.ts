/** Current time as the fixed-width ISO-8601 UTC string the database stores. */
export function isoNow(): string {
  return new Date().toISOString();
}

/** Shifts an ISO time by a number of hours (negative for the past). */
export function isoHoursFrom(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}
