import bcrypt from "bcryptjs";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../../db/client";
import { audit } from "../../db/queries/audit";
import type { Role } from "../permissions";
import { clearFailures, isLocked, recordFailure } from "./rate-limit";

const credentials = z.object({ login: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
// Compared against when the login is unknown, so timing does not reveal which logins exist.
let dummyHash: string | null = null;
const dummy = () => (dummyHash ??= bcrypt.hashSync("no-such-user", 11));

const maxAgeHours = Number(process.env.SESSION_MAX_AGE_HOURS ?? 8) || 8;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: maxAgeHours * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: { login: { label: "用户名", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const { login, password } = parsed.data;
        const fwd = (req?.headers?.["x-forwarded-for"] as string | undefined)?.split(",")[0]?.trim() ?? "local";
        const key = `${login.toLowerCase()}|${fwd}`;
        if (isLocked(key) || isLocked(`login|${login.toLowerCase()}`)) {
          throw new Error("RATE_LIMITED");
        }
        const db = getDb();
        const user = db.$client.prepare("select id, login, name, password_hash, role, agency_id, disabled from users where login = ?").get(login) as
          | { id: number; login: string; name: string; password_hash: string; role: Role; agency_id: number | null; disabled: number }
          | undefined;
        const ok = bcrypt.compareSync(password, user?.password_hash ?? dummy());
        if (!user || !ok || user.disabled) {
          recordFailure(key);
          recordFailure(`login|${login.toLowerCase()}`);
          audit(db, { id: user?.id ?? null, login }, "auth.login.failed", "user", user?.id ?? null);
          return null;
        }
        clearFailures(key);
        audit(db, { id: user.id, login: user.login }, "auth.login", "user", user.id);
        return { id: String(user.id), name: user.name, login: user.login, role: user.role, agencyId: user.agency_id } as never;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; login: string; role: Role; agencyId: number | null };
        token.uid = Number(u.id);
        token.login = u.login;
        token.role = u.role;
        token.agencyId = u.agencyId;
      }
      return token;
    },
    async session({ session, token }) {
      (session as unknown as { user: Record<string, unknown> }).user = {
        name: token.name,
        id: token.uid,
        login: token.login,
        role: token.role,
        agencyId: token.agencyId,
      };
      return session;
    },
  },
  // Cookies: next-auth sets httpOnly + SameSite=Lax, and __Secure- prefixed secure cookies whenever
  // NEXTAUTH_URL is https; its CSRF token guards the sign-in POST.
};
