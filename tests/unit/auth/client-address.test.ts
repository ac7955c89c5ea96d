import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";

const N = "secret-nonce";
describe("client address", () => {
  it("uses the socket address stamped by the preload, ignoring a forged X-Forwarded-For", () => {
    expect(clientAddress({ "x-xxgk-peer": `${N} 198.51.100.4`, "x-forwarded-for": "1.2.3.4" }, N)).toBe("198.51.100.4");
    expect(clientAddress({ "x-xxgk-peer": `${N} ::ffff:198.51.100.4` }, N)).toBe("198.51.100.4");
  });
  it("refuses a stamp without the process's secret", () => {
    expect(clientAddress({ "x-xxgk-peer": "guess 127.0.0.1", "x-forwarded-for": "9.9.9.9" }, N)).toBe("9.9.9.9");
    expect(clientAddress(new Headers({ "x-xxgk-peer": `${N} 198.51.100.4` }), N)).toBe("198.51.100.4");
  });
  it("believes only the last X-Forwarded-For entry, and only from a proxy on this machine", () => {
    expect(clientAddress({ "x-xxgk-peer": `${N} 127.0.0.1`, "x-forwarded-for": "6.6.6.6, 203.0.113.8" }, N)).toBe(
      "203.0.113.8",
    );
    expect(clientAddress({ "x-xxgk-peer": `${N} ::1`, "x-forwarded-for": "203.0.113.8" }, N)).toBe("203.0.113.8");
    expect(clientAddress({ "x-xxgk-peer": `${N} 127.0.0.1` }, N)).toBe("127.0.0.1");
  });
});
