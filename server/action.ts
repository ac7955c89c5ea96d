import "server-only";
/**
 * The one wrapper of server actions: it reads the session, checks the permission in the one table
 * (lib/permissions.ts), parses the form's fields with a zod schema, runs the action, and turns an AppError
 * thrown below it into the Result a form renders inline. `redirect()` and unexpected errors pass through
 * (to Next and to error.tsx). The commands an action calls still check role and agency themselves.
 */
import type { z } from "zod";
import { getViewer } from "@/server/auth/viewer";
import { AppError } from "@/lib/errors";
import { can, type Permission, type Viewer } from "@/lib/permissions";
import { failOf, forbidden, signInFirst, zodFail, type Fail } from "@/lib/upload/result";

export type SignedIn = NonNullable<Viewer>;

/** A form's text fields (files are read by the action itself from `fd`). */
export const formFields = (fd: FormData): Record<string, string> =>
  Object.fromEntries([...fd.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));

/** What a form renders: every action's state has room for a failure (its message and field errors). */
export interface FormResult {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
}

export function action<S extends z.ZodType = z.ZodType<Record<string, string>>, R extends FormResult = FormResult>(
  spec: { input?: S; permission?: Permission },
  run: (a: { input: z.output<S>; viewer: SignedIn; fd: FormData }) => Promise<R | Fail> | R | Fail,
): (prev: unknown, fd: FormData) => Promise<R> {
  // a Fail is a FormResult, so it fits every state R a form declares
  const refuse = (f: Fail) => f as unknown as R;
  return async (_prev, fd) => {
    const viewer = await getViewer();
    if (!viewer) return refuse(signInFirst());
    if (spec.permission && !can(viewer, spec.permission)) return refuse(forbidden());
    const fields = formFields(fd);
    let input = fields as z.output<S>;
    if (spec.input) {
      const parsed = spec.input.safeParse(fields);
      if (!parsed.success) return refuse(zodFail(parsed.error));
      input = parsed.data;
    }
    try {
      return (await run({ input, viewer, fd })) as R;
    } catch (e) {
      if (e instanceof AppError) return refuse(failOf(e));
      throw e;
    }
  };
}
