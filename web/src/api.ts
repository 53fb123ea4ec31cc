// Talking to `parley serve` (room-api.md). The token is kept in this module's memory only: it is
// sent as `Authorization: Bearer`, never in a URL, never stored, never logged.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Outcome = Record<string, Json>;

export interface Party { id: string; name?: string }
export interface Issue {
  id: string;
  kind: "item" | "region" | "share" | "choice" | "number";
  name?: string;
  description?: string;
  joint?: boolean;
  neutral?: boolean;
  step?: number;
  options?: string[];
  min?: number;
  max?: number;
  unit?: string;
}
export interface Answer { response: "accept" | "reject"; rating: number | null; comment: string | null }
export interface Proposal {
  proposal: number;
  outcome: Outcome;
  method: string | null;
  time: string;
  responses: Record<string, Answer | null>;
  answered?: string[];
}
export interface Preferences {
  weights?: Record<string, number>;
  values?: Record<string, Json>;
  reservation?: number | "status_quo";
  red_lines?: Json[];
  share?: string[];
  [key: string]: Json | undefined;
}
export interface Room {
  room: string;
  title?: string;
  parties: Party[];
  issues: Issue[];
  agreed: Outcome;
  status: "open" | "agreed";
  round: number;
  blind?: boolean;
  proposals: Proposal[];
  me: { role: "mediator" | "party" | "observer"; party: string | null };
  scenario?: { map?: MapSpec; status_quo?: Outcome; [key: string]: unknown };
  preferences?: Preferences | null;
  utilities?: Record<string, number>;
  shared?: Record<string, Record<string, Json>>;
  shared_utilities?: Record<string, Record<string, number>>;
  log_head?: { seq: number; hash: string };
}
export interface MapSpec {
  adjacency?: [string, string][];
  geojson_data?: GeoJSON.FeatureCollection;
  region_key?: string;
}
export interface LogEntry { seq: number; time: string; actor: string; action: string; detail: string }
export interface Agreement {
  proposal: number;
  outcome: Outcome;
  certificate: {
    properties: Record<string, boolean | null>;
    own: ({ party: string; utility: number } & Record<string, Json>) | null;
    utilities: Record<string, number>;
  };
}
export interface Created {
  room: string;
  links: Record<string, string>;
}

/** A failed request, with the server's own sentence (and pointers) turned into plain words. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const STATUS_WORDS: Record<number, string> = {
  400: "The server could not read the request.",
  401: "This link is not valid for this room (or the room does not exist). Check that you opened the whole link.",
  403: "Your role in this room does not allow this.",
  404: "The server does not know this room or proposal.",
  409: "This cannot be done in the room's present state.",
  413: "The file is too large for the server (at most 4 MiB).",
  422: "The server did not accept what was sent.",
  429: "Too many requests at once: please wait a moment and try again.",
  503: "The server is busy right now: please try again in a few seconds.",
};

async function failure(res: Response): Promise<ApiError> {
  let sentence = "";
  try {
    const body = (await res.json()) as { error?: string; errors?: { pointer: string; message: string }[] };
    const details = (body.errors ?? []).map((e) => (e.pointer ? `${e.pointer}: ${e.message}` : e.message));
    sentence = [body.error, ...details.filter((d) => !body.error?.includes(d))].filter(Boolean).join("; ");
  } catch {
    // No JSON body (a proxy or a cut connection): the status alone must speak.
  }
  const general = STATUS_WORDS[res.status] ?? `The server answered with status ${res.status}.`;
  const text = sentence ? `${general} The server says: ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.` : general;
  return new ApiError(res.status, text.replace(/\.\.$/, "."));
}

export class Api {
  readonly #token: string;
  constructor(readonly room: string, token: string) {
    this.#token = token;
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.#token}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(`v1/rooms/${encodeURIComponent(this.room)}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
        referrerPolicy: "no-referrer",
      });
    } catch {
      throw new ApiError(0, "The server cannot be reached. Check the connection and try again.");
    }
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  }

  room_state = () => this.#call<Room>("GET", "");
  log = () => this.#call<LogEntry[]>("GET", "/log");
  agreement = async (): Promise<Agreement | null> => {
    try {
      return await this.#call<Agreement>("GET", "/agreement");
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  };
  put_preferences = (p: Preferences) => this.#call<unknown>("PUT", "/preferences", p);
  propose = (body: { outcome: Outcome } | { method: string }) =>
    this.#call<{ proposal: number; outcome: Outcome }>("POST", "/proposals", body);
  respond = (n: number, body: { response: "accept" | "reject"; rating?: number; comment?: string }) =>
    this.#call<unknown>("POST", `/proposals/${n}/responses`, body);
  lock = (issue: string, value: Json) => this.#call<unknown>("POST", "/agreed", { issue, value });
  improve = () => this.#call<{ proposal: number | null }>("POST", "/improve", {});
  events_after = (seq: number) => this.#call<LogEntry[]>("GET", `/events?after=${seq}`);

  /**
   * Calls `changed` whenever the room's log grows. EventSource cannot send the Authorization header,
   * so the stream is read through fetch; when streaming is refused (503: too many streams) or cut,
   * the page polls `events?after=SEQ` instead.
   */
  follow(after: number, changed: (seq: number) => void): () => void {
    let seq = after;
    let stopped = false;
    const control = new AbortController();
    const seen = (n: number) => {
      if (n > seq) {
        seq = n;
        changed(seq);
      }
    };
    const poll = async () => {
      while (!stopped) {
        await new Promise((r) => setTimeout(r, 3000));
        if (stopped) return;
        try {
          for (const e of await this.events_after(seq)) seen(e.seq);
        } catch {
          // A busy or unreachable server: try again at the next tick.
        }
      }
    };
    const stream = async () => {
      try {
        const res = await fetch(`v1/rooms/${encodeURIComponent(this.room)}/events?after=${seq}`, {
          headers: { Authorization: `Bearer ${this.#token}`, Accept: "text/event-stream" },
          cache: "no-store",
          referrerPolicy: "no-referrer",
          signal: control.signal,
        });
        if (!res.ok || !res.body) throw new Error("no stream");
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const id = /^id: *(\d+)/m.exec(frame);
            if (id) seen(Number(id[1]));
          }
        }
      } catch {
        // Falls through to polling below.
      }
      if (!stopped) void poll();
    };
    void stream();
    return () => {
      stopped = true;
      control.abort();
    };
  }
}

/** `POST /v1/rooms`: the one request without a token. */
export async function create_room(scenario: unknown, blind: boolean): Promise<Created> {
  let res: Response;
  try {
    res = await fetch("v1/rooms", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(blind ? { scenario, blind: true } : { scenario }),
      referrerPolicy: "no-referrer",
    });
  } catch {
    throw new ApiError(0, "The server cannot be reached. Check the connection and try again.");
  }
  if (!res.ok) throw await failure(res);
  return (await res.json()) as Created;
}
