// Preloaded by `npm start` into the Next.js server (node --require): stamps every request with the
// socket's address under a per-process secret, overwriting anything a client sent, so the login
// throttle knows the real client address (lib/auth/client-address.ts).
const http = require("node:http");
const crypto = require("node:crypto");

const nonce = crypto.randomBytes(18).toString("base64url");
globalThis[Symbol.for("xxgk.peerNonce")] = nonce;
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req) {
  if (event === "request" && req && req.headers)
    req.headers["x-xxgk-peer"] = `${nonce} ${(req.socket && req.socket.remoteAddress) || ""}`;
  return emit.apply(this, arguments);
};
