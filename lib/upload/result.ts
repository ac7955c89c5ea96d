/**
 * The one shape every server action, route handler and command returns for expected failures, so forms
 * can render the message and field errors inline (aria-live) without try/catch around each call. Its code
 * is the one of lib/errors.ts, so a route handler answers with the status the code names (lib/respond.ts).
 */
import type { z } from "zod";
import type { AppError, ErrorCode } from "../errors";

export interface Fail {
  ok: false;
  code: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string>;
}
export type Result<T extends object = object> = ({ ok: true } & T) | Fail;

/** An expected failure; the code says what kind (bad input unless told), the message says it in Chinese. */
export function fail(message: string, fieldErrors?: Record<string, string>, code: ErrorCode = "bad_request"): Fail {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

/** The viewer may not do this (403). */
export const forbidden = (message = FORBIDDEN): Fail => fail(message, undefined, "forbidden");
/** Nobody is signed in (401). */
export const signInFirst = (): Fail => fail(SIGN_IN, undefined, "unauthenticated");
/** A thrown AppError as the Result a form renders. */
export const failOf = (e: AppError): Fail => fail(e.message, e.fieldErrors, e.code);

/** A zod error as field errors keyed by the first path segment (the form field name). */
export function zodFail(error: z.ZodError, message = "输入有误，请检查标出的项目"): Fail {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_");
    fieldErrors[key] ??= issue.message;
  }
  return fail(message, fieldErrors);
}

export const FORBIDDEN = "没有权限执行此操作";
export const NOT_FOUND = "未找到该年报，或您无权查看";
export const SIGN_IN = "请先登录";
export const NO_FILE = "请选择要上传的文件";
/** A chosen file with no bytes: said as such, not "choose a file" (the user did choose one). */
export function oversizeMessage(size: number, max: number): string {
  return `文件过大（${(size / 1048576).toFixed(1)} MB），上限为 ${Math.round(max / 1048576)} MB`;
}

/** What is wrong with a file chosen in a form before it is sent (the server checks again), or null. */
export function chosenFileProblem(file: unknown, maxBytes: number): string | null {
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return NO_FILE;
  if (file.size === 0) return emptyFileMessage(file.name);
  if (file.size > maxBytes) return oversizeMessage(file.size, maxBytes);
  return null;
}

export function emptyFileMessage(name: string | null | undefined): string {
  return `所选文件${name ? `“${name}”` : ""}是空文件（0 字节），没有内容可读取，请检查后重新选择`;
}
