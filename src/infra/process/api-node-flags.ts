/**
 * The Node flags the API process runs with, wherever it is started: `npm start`, the Dockerfile,
 * docker-compose, the demo's `--serve`, the benches and the tests' spawned APIs (a test checks that
 * the first three carry them).
 *
 * A 32 MiB semi-space: a request's objects die young, and with V8's default young generation the API
 * scavenged several times a second under load (a tenth of its CPU per push). bench:intake: API CPU per
 * push 0.56 → 0.50 ms; the young generation can then hold up to about 3 × 32 MiB more.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
