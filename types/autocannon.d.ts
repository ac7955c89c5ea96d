// autocannon ships no types; only the parts bench-load uses.
declare module "autocannon" {
  interface Result {
    requests: { average: number; total: number };
    latency: Record<string, number>;
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  function autocannon(opts: { url: string; connections: number; duration: number; pipelining?: number }): Promise<Result>;
  export default autocannon;
}
