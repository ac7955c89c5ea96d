import "server-only";
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { audit } from "@/db/queries/audit";
import { revokeSession, sessionStands, type SessionClaims } from "@/db/queries/sessions";
import { userForSignIn } from "@/db/queries/users";
import type { Role } from "@/lib/permissions";
import { clientAddress } from "@/lib/auth/client-address";
import { loginThrottle } from "@/lib/auth/rate-limit";
import { sessionMaxAgeHours } from "@/lib/env";

const credentials = z.object({ login: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
// Compared against when the login is unknown, so timing does not reveal which logins exist.
let dummyHash: string | null = null;
const dummy = () => (dummyHash ??= bcrypt.hashSync("no-such-user", 11));

const maxAgeHours = sessionMaxAgeHours();
const maxAgeSec = Math.round(maxAgeHours * 3600);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const authOptions: NextAuthOptions = {
  // `jwt.maxAge` is the token's own expiry (next-auth's default is 30 days whatever the session says);
  // the jwt callback also ends a session maxAge after sign-in however often the token is renewed.
  session: { strategy: "jwt", maxAge: maxAgeSec },
  jwt: { maxAge: maxAgeSec },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: { login: { label: "用户名", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const { login, password } = parsed.data;
        const address = clientAddress(req?.headers ?? {});
        // refused before the password is looked at; the form turns the seconds into minutes
        let verdict = loginThrottle.check(login, address);
        if (verdict.ok && verdict.delayMs) {
          await sleep(verdict.delayMs);
          // asked again: parallel attempts that waited together must not slip past the first one's failure
          verdict = loginThrottle.check(login, address);
        }
        if (!verdict.ok) throw new Error(`RATE_LIMITED:${Math.ceil(verdict.retryAfterMs / 1000)}`);
        // from here to recording the outcome nothing awaits, so check and count cannot interleave
        const db = getDb();
        const user = userForSignIn(db, login);
        const ok = bcrypt.compareSync(password, user?.passwordHash ?? dummy());
        if (!user || !ok || user.disabled) {
          loginThrottle.failed(login, address);
          audit(
            db,
            { id: user?.id ?? null, login },
            { action: "auth.login.failed", entityType: "user", entityId: user?.id ?? null },
          );
          return null;
        }
        loginThrottle.succeeded(login, address);
        audit(db, { id: user.id, login: user.login }, { action: "auth.login", entityType: "user", entityId: user.id });
        return {
          id: String(user.id),
          name: user.name,
          login: user.login,
          role: user.role,
          agencyId: user.agencyId,
          sessionVersion: user.sessionVersion,
        } as never;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as {
          id: string;
          login: string;
          role: Role;
          agencyId: number | null;
          sessionVersion: number;
        };
        token.uid = Number(u.id);
        token.login = u.login;
        token.role = u.role;
        token.agencyId = u.agencyId;
        token.sv = u.sessionVersion;
        token.sid = randomUUID();
        token.authTime = Math.floor(Date.now() / 1000);
        return token;
      }
      // every request: a session ends on sign-out, a password/role/agency change or deactivation, and
      // maxAge after sign-in (db/queries/sessions.ts); an ended token carries no user
      if (token.ended || !sessionStands(getDb(), { claims: token as Partial<SessionClaims>, maxAgeSec }))
        return { ended: true };
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
  events: {
    async signOut({ token }) {
      if (token && !token.ended) revokeSession(getDb(), { claims: token as Partial<SessionClaims>, maxAgeSec });
    },
  },
  // Cookies: next-auth sets httpOnly + SameSite=Lax, and __Secure- prefixed secure cookies whenever
  // NEXTAUTH_URL is https; its CSRF token guards the sign-in POST.
};
