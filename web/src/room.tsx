// One room, as seen through one link: loads the room, follows its events, and shows the view
// for the link's role.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Agreement, Api, Issue, LogEntry, Outcome, Party, Proposal, Room } from "./api";
import { MediatorView } from "./mediator";
import { PartyView } from "./party";
import { humanise, issue_name, party_name, percent, value_text } from "./words";

export interface Loaded {
  room: Room;
  log: LogEntry[];
  agreement: Agreement | null;
}

export function RoomPage({ api }: { api: Api }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState("");
  const pending = useRef<number | null>(null);

  const load = useCallback(async () => {
    try {
      const room = await api.room_state();
      const [log, agreement] = await Promise.all([api.log(), room.status === "agreed" ? api.agreement() : Promise.resolve(null)]);
      setData({ room, log, agreement });
      setError("");
      return room;
    } catch (e) {
      setError((e as Error).message);
      return null;
    }
  }, [api]);

  // Several events arrive together (a response and the agreement it made): one reload for all,
  // which also keeps the page well under the server's 20 requests a second.
  const refresh = useCallback(() => {
    if (pending.current !== null) return;
    pending.current = window.setTimeout(() => {
      pending.current = null;
      void load();
    }, 250);
  }, [load]);

  useEffect(() => {
    let stop = () => {};
    let cancelled = false;
    void load().then((room) => {
      if (room && !cancelled) stop = api.follow(room.log_head?.seq ?? 0, refresh);
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [api, load, refresh]);

  useEffect(() => {
    if (data) document.title = `${data.room.title ?? "Room"} (${role_word(data.room)}): parley`;
  }, [data]);

  if (!data) {
    return <main>{error ? <p class="error" role="alert">{error}</p> : <p>Opening the room…</p>}</main>;
  }
  const { room } = data;
  return (
    <main>
      <header class="room-head">
        <h1>{room.title ?? "Negotiation room"}</h1>
        <p class="role">
          You are in this room as <strong>{role_word(room)}</strong>. {status_sentence(room)}
        </p>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      {room.me.role === "party" ? <PartyView api={api} data={data} reload={load} /> : <MediatorView api={api} data={data} reload={load} />}
    </main>
  );
}

function role_word(room: Room): string {
  if (room.me.role === "party") return party_name(room.parties, room.me.party ?? "");
  return room.me.role === "mediator" ? "the mediator" : "an observer";
}

function status_sentence(room: Room): string {
  const n = room.proposals.length;
  const made = n === 0 ? "No proposal has been made yet." : `${n === 1 ? "One proposal has" : `${n} proposals have`} been made.`;
  return room.status === "agreed" ? `Every party has accepted a proposal: there is an agreement. ${made}` : `The negotiation is open. ${made}`;
}

/** The outcome, issue by issue; terms already agreed are marked. */
export function OutcomeTable({ issues, parties, outcome, agreed, caption }: {
  issues: Issue[]; parties: Party[]; outcome: Outcome; agreed: Outcome; caption: string;
}) {
  return (
    <table class="outcome">
      <caption>{caption}</caption>
      <thead><tr><th scope="col">Issue</th><th scope="col">Term</th></tr></thead>
      <tbody>
        {issues.map((i) => (
          <tr key={i.id} data-issue={i.id}>
            <th scope="row">{issue_name(i)}{i.id in agreed && <span class="tag">agreed</span>}</th>
            <td>{value_text(i, parties, outcome[i.id])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each party's answer to a proposal, as far as the room reveals it. */
export function Answers({ proposal, parties, blind }: { proposal: Proposal; parties: Party[]; blind?: boolean }) {
  return (
    <ul class="answers">
      {parties.map((p) => {
        const a = proposal.responses[p.id];
        const answered = proposal.answered?.includes(p.id);
        let text: string;
        if (a) {
          text = a.response === "accept" ? "accepted" : "rejected";
          if (a.rating !== null && a.rating !== undefined) text += `, rating ${Math.round(a.rating * 10)} out of 10`;
          if (a.comment) text += `: “${a.comment}”`;
        } else if (answered) {
          text = blind ? "has answered (hidden until everyone accepts the same proposal)" : "has answered";
        } else {
          text = "has not answered yet";
        }
        return <li key={p.id} data-party={p.id} class={a ? a.response : ""}><strong>{party_name(parties, p.id)}</strong> {text}</li>;
      })}
    </ul>
  );
}

const PROPERTY_WORDS: Record<string, [string, string]> = {
  pareto_optimal: ["No other package is at least as good for every party and better for one (Pareto optimal).", "Another package would be at least as good for every party and better for one."],
  public_rules_hold: ["The scenario's rules and every locked term hold.", "A rule of the scenario or a locked term does not hold."],
  individually_rational: ["It is at least as good for you as your walk-away level.", "It is below your walk-away level."],
  red_lines_hold: ["None of your red lines is crossed.", "One of your red lines is crossed."],
  envy_free: ["By your own values, you would not trade your part for anyone else's.", "By your own values, you would rather have someone else's part."],
  proportional: ["By your own values, you get at least your fair share.", "By your own values, you get less than your fair share."],
  mms: ["You get at least your maximin share (what you could guarantee yourself by dividing and choosing last).", "You get less than your maximin share."],
};

function property_line(key: string, v: unknown) {
  const words = PROPERTY_WORDS[key];
  if (v === null) return `${words ? words[0].replace(/\.$/, "") : humanise(key)}: not proven within the time limit.`;
  if (!words) return `${humanise(key)}: ${v ? "yes" : "no"}.`;
  return v ? words[0] : words[1];
}

export function AgreementView({ agreement, room }: { agreement: Agreement; room: Room }) {
  const c = agreement.certificate;
  const own = c.own;
  return (
    <section class="panel agreement" aria-labelledby="agreement-h">
      <h2 id="agreement-h">The agreement (proposal {agreement.proposal})</h2>
      <OutcomeTable issues={room.issues} parties={room.parties} outcome={agreement.outcome} agreed={room.agreed} caption="Agreed terms" />
      <h3>Certificate</h3>
      <p>These properties were checked by parley's independent verifier.</p>
      <ul class="certificate">
        {Object.entries(c.properties).map(([k, v]) => <li key={k} data-property={k} class={v ? "ok" : "bad"}>{property_line(k, v)}</li>)}
        {own && <li data-property="utility">This agreement gives you {percent(own.utility)} of what you value.</li>}
        {own && Object.entries(own).filter(([k]) => k !== "party" && k !== "utility").map(([k, v]) => (
          <li key={k} data-property={k} class={v ? "ok" : "bad"}>{property_line(k, v)}</li>
        ))}
      </ul>
    </section>
  );
}

function log_sentence(e: LogEntry, parties: Party[]): string {
  const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?”"]$/.test(text) ? "" : "."}`;
  // The room's own entries (its creation, an agreement) are sentences already.
  if (e.actor === "room" || e.actor === "creator") return sentence(e.detail);
  const quote = (c: unknown) => (c ? `: “${String(c)}”` : "");
  const who = e.actor.startsWith("party:") ? party_name(parties, e.actor.slice(6)) : e.actor === "room" ? "The room" : e.actor === "creator" ? "The room's creator" : "The mediator";
  let d: Record<string, unknown> | null = null;
  try {
    const parsed = JSON.parse(e.detail);
    // A party's own entries come wrapped with the sentence others see.
    d = typeof parsed?.detail === "string" && "redacted" in parsed ? JSON.parse(parsed.detail) : parsed;
  } catch {
    d = null;
  }
  switch (e.action) {
    case "proposal":
      return d ? `${who} proposed package ${d.proposal}${d.method ? ` (method: ${d.method})` : " (by hand)"}.` : `${who}: ${e.detail}`;
    case "response":
      if (d && typeof d.response === "string") return sentence(`${who} ${d.response === "accept" ? "accepted" : "rejected"} proposal ${d.proposal}${quote(d.comment)}`);
      return `${who}: ${e.detail}.`;
    case "preferences":
      return `${who} updated their priorities.`;
    case "agreed":
      return d ? `${who} locked the term ${humanise(String(d.issue))}.` : `${who}: ${e.detail}.`;
    default:
      return `${who}: ${sentence(e.detail)}`;
  }
}

export function History({ log, parties }: { log: LogEntry[]; parties: Party[] }) {
  return (
    <section class="panel" aria-labelledby="history-h">
      <h2 id="history-h">History</h2>
      <ol class="history">
        {log.map((e) => (
          <li key={e.seq}><time dateTime={e.time}>{e.time.replace("T", " ").slice(0, 19)}</time> {log_sentence(e, parties)}</li>
        ))}
      </ol>
    </section>
  );
}
