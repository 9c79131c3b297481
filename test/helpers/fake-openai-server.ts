// A real OpenAI-compatible HTTP server on 127.0.0.1:0 for the LLM classifier's tests: it implements
// POST /v1/chat/completions in the published response format, records every request, and answers
// whatever the test's handler says.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: ChatRequestBody;
}

/** The parts of a chat-completions request the tests look at. */
export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: Record<string, unknown>; strict?: boolean } };
  temperature?: number;
  [key: string]: unknown;
}

/** What to answer: the assistant's message content, or an HTTP error, or a raw body. */
export type FakeReply =
  | { content: string; delayMs?: number }
  | { status: number; error: string; headers?: Record<string, string> }
  | { raw: unknown };

export type FakeHandler = (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAi {
  /** The base URL to give the client, ending in /v1. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** The most requests the server was handling at once. */
  maxInFlight: number;
  handler: FakeHandler;
  close(): Promise<void>;
}

/** An answer in the classifier's schema, serialised as the model would send it. */
export function answer(fields: Partial<Record<'category' | 'risk' | 'confidence' | 'rationale' | 'tags' | 'ambiguous', unknown>> = {}): FakeReply {
  return {
    content: JSON.stringify({
      category: 'Write',
      risk: 'High',
      confidence: 0.9,
      rationale: 'The model says so.',
      tags: [],
      ambiguous: false,
      ...fields,
    }),
  };
}

export async function startFakeOpenAi(handler: FakeHandler): Promise<FakeOpenAi> {
  let inFlight = 0;
  const state: FakeOpenAi = {
    baseUrl: '',
    requests: [],
    maxInFlight: 0,
    handler,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        inFlight += 1;
        state.maxInFlight = Math.max(state.maxInFlight, inFlight);
        try {
          if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
            res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
            return;
          }
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
          const recorded: RecordedRequest = { method: req.method, path: req.url, headers: req.headers, body };
          state.requests.push(recorded);
          const reply = await state.handler(recorded, state.requests.length - 1);
          if ('status' in reply) {
            res
              .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
              .end(JSON.stringify({ error: { message: reply.error, type: 'server_error', param: null, code: null } }));
            return;
          }
          if ('delayMs' in reply && reply.delayMs !== undefined) await new Promise((r) => setTimeout(r, reply.delayMs));
          const payload = 'raw' in reply ? reply.raw : completion(body.model, reply.content);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
        } catch (error) {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
        } finally {
          inFlight -= 1;
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}/v1`;
  return state;
}

/** A chat.completion object as the API documents it. */
function completion(model: string, content: string) {
  return {
    id: `chatcmpl-test${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: 'fp_test',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 100, completion_tokens: 30, total_tokens: 130 },
  };
}
