/**
 * The one typed error of the application: a machine code, a Chinese sentence for the user and the HTTP
 * status it maps to. Services throw it (or return `fail(...)` results carrying its code); route handlers
 * (`lib/respond.ts`) and server actions (`server/action.ts`) turn it into a response in one place each, never
 * by reading the message.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  /** the public stats API without `?year=` (a code of its own since the API's first version) */
  year_required: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  /** a download with nothing to download yet (no reporting year) */
  no_data: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  /** a file that arrived whole but could not be read as a report */
  unreadable: 422,
  /** a readable report of another year than the one it is filed under */
  wrong_year: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
