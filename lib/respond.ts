/**
 * Route handlers' one mapping from an error to a response: the status comes from the error's code
 * (lib/errors.ts), never from its message. A public API error is `{ code, message }`; a refused upload keeps
 * the Result shape its form reads (`{ ok: false, code, message, fieldErrors }`). Errors are never cached.
 */
import { AppError, ERROR_STATUS } from "./errors";
import type { Fail } from "./upload/result";

export function errorResponse(e: AppError | Fail, headers: Record<string, string> = {}): Response {
  const body =
    e instanceof AppError
      ? { code: e.code, message: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) }
      : e;
  return Response.json(body, { status: ERROR_STATUS[e.code], headers: { "Cache-Control": "no-store", ...headers } });
}

/** Wraps a route handler so an AppError thrown anywhere below it becomes its response; anything else is a 500. */
export function handleErrors<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      if (e instanceof AppError) return errorResponse(e);
      throw e;
    }
  };
}
