// Only redirects signed-out visitors of staff areas to the login page; every page, action and handler
// checks the role and agency itself (lib/permissions.ts).
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = { matcher: ["/admin/:path*", "/workspace/:path*"] };
