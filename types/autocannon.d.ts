// autocannon ships no types; only the parts bench-load uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";
  namespace autocannon {
    interface Options {
      url: string;
      connections: number;
      duration: number;
      pipelining?: number;
    }
    interface Result {
      requests: { average: number; total: number };
      latency: Record<string, number>;
      errors: number;
      timeouts: number;
      non2xx: number;
    }
  }
  function autocannon(
    opts: autocannon.Options,
    cb: (err: Error | null, result: autocannon.Result) => void,
  ): EventEmitter;
  export default autocannon;
}
