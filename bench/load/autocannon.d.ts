/** The little of autocannon's API the load worker uses (the package ships no types). */
declare module 'autocannon' {
  interface Client {
    setHeaders(headers: Record<string, string>): void;
    setBody(body: string): void;
  }
  interface Histogram {
    p50: number;
    p90: number;
    p99: number;
    max: number;
    average: number;
  }
  interface Result {
    requests: { total: number; average: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches: number;
  }
  interface Options {
    /** One address, or several sharing the connections. */
    url: string | string[];
    method?: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    setupClient?: (client: Client) => void;
    verifyBody?: (body: string) => boolean;
  }
  function autocannon(options: Options, done: (error: Error | null, result: Result) => void): { stop(): void };
  export default autocannon;
}
