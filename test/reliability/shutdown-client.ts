import { Agent, request } from "node:http";
import { connect } from "node:net";

export interface GatedAnswer {
  status: number;
  body: string;
  connection: string | undefined;
}

/** One GET; a failure is an answer with status 0, so that a batch always settles. */
export function get(url: string, agent: Agent): Promise<GatedAnswer> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), connection: res.headers.connection }));
    });
    req.on("error", (error) => resolve({ status: 0, body: String(error), connection: undefined }));
    req.end();
  });
}

/** Sends `count` gated requests at once, each on its own keep-alive socket. */
export function sendGated(baseUrl: string, count: number): { answers: Promise<GatedAnswer[]>; agent: Agent } {
  const agent = new Agent({ keepAlive: true, maxSockets: count });
  const answers = Promise.all(Array.from({ length: count }, (_, i) => get(`${baseUrl}/gated/${i}`, agent)));
  return { answers, agent };
}

/** Which of the answers are not `200 done <i>`, as readable lines. */
export function wrongAnswers(answers: GatedAnswer[]): string[] {
  return answers.flatMap(({ status, body }, i) => (status === 200 && body === `done ${i}` ? [] : [`${i}: ${status} ${body}`]));
}

/** Opens a fresh TCP connection to `port`: "connected", or the error code (ECONNREFUSED). */
export function probeConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
  });
}

/**
 * Leaves one idle keep-alive connection open to the server (after a `GET /ping`);
 * `closed` settles when the server closes it.
 */
export async function idleConnection(baseUrl: string): Promise<{ closed: Promise<void>; agent: Agent }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  // Wrapped in an object: a promise resolved with a promise would wait for it.
  const { closed } = await new Promise<{ closed: Promise<void> }>((resolve, reject) => {
    const req = request(`${baseUrl}/ping`, { agent }, (res) => {
      const closed = new Promise<void>((done) => res.socket.once("close", () => done()));
      res.resume();
      res.on("end", () => resolve({ closed }));
    });
    req.on("error", reject);
    req.end();
  });
  return { closed, agent };
}

/** Whether `work` settles within `ms`, and after how long. */
export async function timed<T>(work: Promise<T>, ms: number): Promise<{ value: T; afterMs: number } | undefined> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  const outcome = await Promise.race([work.then((value) => ({ value, afterMs: Math.round(performance.now() - started) })), late]);
  clearTimeout(timer);
  return outcome;
}
