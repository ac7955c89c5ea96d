"use client";
import { signOut } from "next-auth/react";

/**
 * Signs out, then goes to the home page of the address the user is on. next-auth's own redirect would use
 * NEXTAUTH_URL (http://localhost:PORT by default), not the LAN address or domain the user came from.
 */
export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={async () => {
        await signOut({ redirect: false });
        window.location.assign("/");
      }}
    >
      退出
    </button>
  );
}
