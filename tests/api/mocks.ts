/** Shared state for the mocked session; the vi.mock calls live in each test file (they are hoisted there). */
import type { Viewer } from "../../lib/permissions";

export const session: { viewer: Viewer } = { viewer: null };

export class Redirect extends Error {
  constructor(public url: string) {
    super(`redirect:${url}`);
  }
}
