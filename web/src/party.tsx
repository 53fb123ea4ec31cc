// A party's view: their own priorities (an editor a non-expert can use), each proposal with what it
// is worth to them, and their answers. The room never sends another party's priorities, and this
// page never asks for them.
import { useState } from "preact/hooks";
import type { Api, Issue, Json, Preferences, Proposal, Room } from "./api";
import { MapPanel } from "./mediator";
import { AgreementView, Answers, History, OutcomeTable, type Loaded } from "./room";
import { humanise, issue_name, percent } from "./words";

interface Props { api: Api; data: Loaded; reload: () => Promise<unknown> }

export function PartyView({ api, data, reload }: Props) {
  const { room, log, agreement } = data;
  const hasPrefs = !!room.preferences;
  // The editor starts again from what the room stored after each save (its key), and moves below the
  // proposals after the first one; its message lives here so that "saved" survives both.
  const [message, setMessage] = useState<Message | null>(null);
  const editor = <PrioritiesEditor key={JSON.stringify(room.preferences ?? null)} api={api} room={room} reload={reload}
    message={message} setMessage={setMessage} />;
  return (
    <>
      {!hasPrefs && (
        <p class="note" role="status">
          First, tell parley what matters to you below. Only you and parley's engine see your priorities; the mediator and
          the other parties see them only if you choose to share.
        </p>
      )}
      {!hasPrefs && editor}
      {agreement && <AgreementView agreement={agreement} room={room} />}
      <ProposalList api={api} room={room} reload={reload} />
      <MapPanel room={room} agreementProposal={agreement?.proposal ?? null} />
      {hasPrefs && editor}
      <History log={log} parties={room.parties} />
    </>
  );
}

function me(room: Room): string {
  return room.me.party ?? "";
}

function utility_sentence(u: number | undefined, reservation: Preferences["reservation"]): string {
  if (u === undefined) return "Enter your priorities to see what this proposal is worth to you.";
  let s = `This proposal gives you ${percent(u)} of what you value.`;
  if (typeof reservation === "number") {
    s += u >= reservation
      ? ` That is at least your walk-away level (${percent(reservation)}).`
      : ` That is below your walk-away level (${percent(reservation)}): no agreement would be better for you.`;
  }
  return s;
}

function ProposalList({ api, room, reload }: { api: Api; room: Room; reload: () => Promise<unknown> }) {
  const proposals = [...room.proposals].reverse();
  return (
    <section class="panel" aria-labelledby="proposals-h">
      <h2 id="proposals-h">Proposals</h2>
      {proposals.length === 0 && <p>The mediator has not made a proposal yet. This page shows it as soon as they do.</p>}
      {proposals.map((p, k) => <ProposalCard key={p.proposal} api={api} room={room} proposal={p} latest={k === 0} reload={reload} />)}
    </section>
  );
}

function ProposalCard({ api, room, proposal, latest, reload }: {
  api: Api; room: Room; proposal: Proposal; latest: boolean; reload: () => Promise<unknown>;
}) {
  const mine = proposal.responses[me(room)];
  const [rating, setRating] = useState(mine?.rating !== null && mine?.rating !== undefined ? String(Math.round(mine.rating * 10)) : "");
  const [comment, setComment] = useState(mine?.comment ?? "");
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const final = room.parties.every((q) => proposal.responses[q.id]?.response === "accept");
  const u = room.utilities?.[String(proposal.proposal)];

  const answer = async (response: "accept" | "reject") => {
    setBusy(true);
    setMessage(null);
    try {
      const body: { response: "accept" | "reject"; rating?: number; comment?: string } = { response };
      if (rating !== "") body.rating = Number(rating) / 10;
      if (comment.trim()) body.comment = comment.trim();
      await api.respond(proposal.proposal, body);
      setMessage({ text: response === "accept" ? "You accepted this proposal." : "You rejected this proposal.", error: false });
      await reload();
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  const id = `p${proposal.proposal}`;
  return (
    <article class={`proposal ${latest ? "latest" : "older"}`} aria-labelledby={`${id}-h`} data-proposal={proposal.proposal}>
      <h3 id={`${id}-h`}>Proposal {proposal.proposal}{latest ? " (the latest)" : ""}</h3>
      <p class="utility" data-utility={u ?? ""}>{utility_sentence(u, room.preferences?.reservation)}</p>
      {u !== undefined && <div class="bar" aria-hidden="true"><span style={{ width: percent(u) }} /></div>}
      <details open={latest}>
        <summary>The terms</summary>
        <OutcomeTable issues={room.issues} parties={room.parties} outcome={proposal.outcome} agreed={room.agreed} caption={`Terms of proposal ${proposal.proposal}`} />
      </details>
      <Answers proposal={proposal} parties={room.parties} blind={room.blind} />
      {latest && !final && (
        <form class="respond" onSubmit={(e) => e.preventDefault()}>
          <p>
            <label for={`${id}-rating`}>How do you rate it? (optional) </label>
            <select id={`${id}-rating`} value={rating} onChange={(e) => setRating(e.currentTarget.value)}>
              <option value="">no rating</option>
              {Array.from({ length: 11 }, (_, k) => <option key={k} value={String(k)}>{k} out of 10</option>)}
            </select>
          </p>
          <p>
            <label for={`${id}-comment`}>A comment for the mediator and the other parties (optional)</label><br />
            <textarea id={`${id}-comment`} rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </p>
          <p>
            <button type="button" class="accept" disabled={busy} onClick={() => answer("accept")}>Accept proposal {proposal.proposal}</button>{" "}
            <button type="button" class="reject" disabled={busy} onClick={() => answer("reject")}>Reject proposal {proposal.proposal}</button>
          </p>
        </form>
      )}
      {latest && final && <p>Every party accepted this proposal: the answers are final.</p>}
      {message && <p class={message.error ? "error" : "done"} role={message.error ? "alert" : "status"}>{message.text}</p>}
    </article>
  );
}

// ---------------------------------------------------------------- the priorities editor

type ItemValues = { own: number; joint: number; neutral: number; other: number };
type RedLine =
  | { kind: "none" }
  | { kind: "owner"; owners: string[] }
  | { kind: "in"; options: string[] }
  | { kind: "range"; min: string; max: string }
  | { kind: "share"; min: string };

interface Form {
  points: Record<string, number>;
  items: Record<string, ItemValues>;
  choices: Record<string, Record<string, number>>;
  numbers: Record<string, [number, number][]>;
  red: Record<string, RedLine>;
  otherRedLines: Json[];
  reservation: number;
  reservationStatusQuo: boolean;
  share: string[];
  rest: Record<string, Json>;
}

const SHARE_FIELDS: [string, string][] = [
  ["weights", "how many points you gave each issue"],
  ["values", "your value tables"],
  ["reservation", "your walk-away level"],
  ["red_lines", "your red lines"],
  ["delay_cost", "what each period without agreement costs you"],
];

const pct = (x: unknown, fallback: number) => (typeof x === "number" ? Math.round(x * 100) : fallback);

function form_from(room: Room): Form {
  const p: Preferences = room.preferences ?? {};
  const values = (p.values ?? {}) as Record<string, Record<string, number> | [number, number][]>;
  const f: Form = {
    points: {}, items: {}, choices: {}, numbers: {}, red: {}, otherRedLines: [],
    reservation: typeof p.reservation === "number" ? Math.round(p.reservation * 100) : 0,
    reservationStatusQuo: p.reservation === "status_quo",
    share: p.share ?? [],
    rest: {},
  };
  for (const [k, v] of Object.entries(p)) {
    if (!["weights", "values", "reservation", "red_lines", "share"].includes(k) && v !== undefined) f.rest[k] = v;
  }
  for (const i of room.issues) {
    f.points[i.id] = p.weights ? (p.weights[i.id] ?? 0) : 10;
    const v = values[i.id];
    if (i.kind === "item" || i.kind === "region") {
      const o = (v && !Array.isArray(v) ? v : {}) as Record<string, number>;
      f.items[i.id] = { own: pct(o.own, 100), joint: pct(o.joint, 50), neutral: pct(o.neutral, 0), other: pct(o.other, 0) };
    } else if (i.kind === "choice") {
      const o = (v && !Array.isArray(v) ? v : {}) as Record<string, number>;
      f.choices[i.id] = Object.fromEntries((i.options ?? []).map((opt) => [opt, pct(o[opt], p.values ? 0 : 50)]));
    } else if (i.kind === "number") {
      f.numbers[i.id] = Array.isArray(v) && v.length
        ? v.map(([x, y]) => [Number(x), Math.round(Number(y) * 100)] as [number, number])
        : [[i.min ?? 0, 50], [i.max ?? 0, 50]];
    }
    f.red[i.id] = { kind: "none" };
  }
  for (const line of p.red_lines ?? []) {
    const l = line as Record<string, Json>;
    const issue = room.issues.find((i) => i.id === l.issue);
    const keys = Object.keys(l).sort().join(",");
    if (issue && keys === "issue,owner" && f.red[issue.id].kind === "none") {
      f.red[issue.id] = { kind: "owner", owners: Array.isArray(l.owner) ? (l.owner as string[]) : [String(l.owner)] };
    } else if (issue && keys === "in,issue" && f.red[issue.id].kind === "none") {
      f.red[issue.id] = { kind: "in", options: l.in as string[] };
    } else if (issue && issue.kind === "number" && /^(issue,max|issue,min|issue,max,min)$/.test(keys) && f.red[issue.id].kind === "none") {
      f.red[issue.id] = { kind: "range", min: l.min === undefined ? "" : String(l.min), max: l.max === undefined ? "" : String(l.max) };
    } else if (issue && issue.kind === "share" && keys === "issue,min,party" && l.party === me(room) && f.red[issue.id].kind === "none") {
      f.red[issue.id] = { kind: "share", min: String(Math.round(Number(l.min) * 100)) };
    } else {
      f.otherRedLines.push(line); // kept as written: the form shows only the simple kinds
    }
  }
  return f;
}

function preferences_from(f: Form, room: Room): { prefs: Preferences; problem: string | null } {
  const weights: Record<string, number> = {};
  const values: Record<string, Json> = {};
  const red: Json[] = [...f.otherRedLines];
  let problem: string | null = null;
  for (const i of room.issues) {
    if (f.points[i.id] > 0) weights[i.id] = f.points[i.id];
    if (i.kind === "item" || i.kind === "region") {
      const v = f.items[i.id];
      const o: Record<string, number> = { own: v.own / 100, other: v.other / 100 };
      if (i.joint) o.joint = v.joint / 100;
      if (i.neutral) o.neutral = v.neutral / 100;
      values[i.id] = o;
    } else if (i.kind === "choice") {
      values[i.id] = Object.fromEntries(Object.entries(f.choices[i.id]).map(([k, v]) => [k, v / 100]));
    } else if (i.kind === "number") {
      const points = [...f.numbers[i.id]].sort((a, b) => a[0] - b[0]);
      if (points.some((pt, k) => k > 0 && pt[0] === points[k - 1][0])) problem = `${issue_name(i)}: two points of the value table have the same ${i.unit ?? "number"}; keep one.`;
      values[i.id] = points.map(([x, y]) => [x, y / 100]);
    }
    const r = f.red[i.id];
    if (r.kind === "owner" && r.owners.length) red.push({ issue: i.id, owner: r.owners.length === 1 ? r.owners[0] : r.owners });
    if (r.kind === "in" && r.options.length < (i.options ?? []).length) {
      if (r.options.length === 0) problem = `${issue_name(i)}: a red line must leave at least one option acceptable.`;
      red.push({ issue: i.id, in: r.options });
    }
    if (r.kind === "range" && (r.min !== "" || r.max !== "")) {
      const c: Record<string, Json> = { issue: i.id };
      if (r.min !== "") c.min = Number(r.min);
      if (r.max !== "") c.max = Number(r.max);
      red.push(c);
    }
    if (r.kind === "share" && r.min !== "" && Number(r.min) > 0) red.push({ issue: i.id, party: me(room), min: Number(r.min) / 100 });
  }
  if (Object.keys(weights).length === 0) problem = "Give at least one issue some points: with no points nothing matters to you.";
  const prefs: Preferences = {
    ...f.rest,
    weights,
    values,
    reservation: f.reservationStatusQuo ? "status_quo" : f.reservation / 100,
    red_lines: red,
    share: f.share,
  };
  return { prefs, problem };
}

type Message = { text: string; error: boolean };

function PrioritiesEditor({ api, room, reload, message, setMessage }: {
  api: Api; room: Room; reload: () => Promise<unknown>; message: Message | null; setMessage: (m: Message | null) => void;
}) {
  const [f, setF] = useState<Form>(() => form_from(room));
  const [busy, setBusy] = useState(false);
  const total = Object.values(f.points).reduce((a, b) => a + b, 0);
  // A change after a save makes "saved" untrue until the next one.
  const update = (change: Partial<Form>) => {
    setF((prev) => ({ ...prev, ...change }));
    if (message && !message.error) setMessage(null);
  };
  const hasStatusQuo = !!room.scenario?.status_quo;

  const save = async (e: Event) => {
    e.preventDefault();
    const { prefs, problem } = preferences_from(f, room);
    if (problem) return setMessage({ text: problem, error: true });
    setBusy(true);
    setMessage(null);
    try {
      await api.put_preferences(prefs);
      setMessage({ text: "Your priorities are saved.", error: false });
      await reload();
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel editor" aria-labelledby="editor-h">
      <h2 id="editor-h">Your priorities</h2>
      <form onSubmit={save}>
        <h3>1. How much does each issue matter to you?</h3>
        <p>Move each slider: more points for what matters more. Only the proportions count.</p>
        <p class="total" data-total={total}>Total: {total} points.</p>
        <table class="points">
          <thead><tr><th scope="col">Issue</th><th scope="col">Points</th><th scope="col">Share of what you care about</th></tr></thead>
          <tbody>
            {room.issues.map((i) => (
              <tr key={i.id}>
                <th scope="row"><label for={`w-${i.id}`}>{issue_name(i)}</label></th>
                <td>
                  <input id={`w-${i.id}`} type="range" min={0} max={100} step={1} value={f.points[i.id]} data-issue={i.id}
                    onInput={(e) => update({ points: { ...f.points, [i.id]: Number(e.currentTarget.value) } })} />{" "}
                  <output for={`w-${i.id}`}>{f.points[i.id]}</output>
                </td>
                <td>{total > 0 ? percent(f.points[i.id] / total) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h3>2. How good is each possible outcome for you?</h3>
        <p>For each issue, 100 means "the best I could get" and 0 means "worth nothing to me".</p>
        <div class="values">
          {room.issues.map((i) => <ValueTable key={i.id} issue={i} room={room} f={f} update={update} />)}
        </div>

        <h3>3. Red lines</h3>
        <p>A red line is something you will never give up: parley will not propose a package that crosses it. Leave "no red line" where you can trade.</p>
        <div class="values">
          {room.issues.map((i) => <RedLineInput key={i.id} issue={i} room={room} f={f} update={update} />)}
          {f.otherRedLines.length > 0 && <p class="note">You also have {f.otherRedLines.length === 1 ? "one red line" : `${f.otherRedLines.length} red lines`} written in a form this page cannot edit; they are kept.</p>}
        </div>

        <h3>4. Your walk-away level</h3>
        <p>
          If talks fail, how good is your situation, compared with getting everything you value? parley treats any package
          below this level as worse for you than no agreement.
        </p>
        {hasStatusQuo && (
          <p>
            <input id="res-sq" type="checkbox" checked={f.reservationStatusQuo} onChange={(e) => update({ reservationStatusQuo: e.currentTarget.checked })} />{" "}
            <label for="res-sq">Things as they stand today (the status quo) are my walk-away level</label>
          </p>
        )}
        {!f.reservationStatusQuo && (
          <p>
            <label for="reservation">Walk-away level </label>
            <input id="reservation" type="range" min={0} max={100} step={1} value={f.reservation}
              onInput={(e) => update({ reservation: Number(e.currentTarget.value) })} />{" "}
            <output for="reservation">{f.reservation}%</output>
          </p>
        )}

        <h3>5. What the mediator may see</h3>
        <p>Nothing is shared unless you tick it. The other parties never see your priorities.</p>
        {SHARE_FIELDS.map(([k, label]) => (
          <p key={k}>
            <input id={`share-${k}`} type="checkbox" checked={f.share.includes(k)}
              onChange={(e) => update({ share: e.currentTarget.checked ? [...f.share, k] : f.share.filter((s) => s !== k) })} />{" "}
            <label for={`share-${k}`}>Share {label} with the mediator</label>
          </p>
        ))}
        <p><button type="submit" disabled={busy}>Save my priorities</button></p>
        {message && <p class={message.error ? "error" : "done"} role={message.error ? "alert" : "status"}>{message.text}</p>}
      </form>
    </section>
  );
}

type Sub = { issue: Issue; room: Room; f: Form; update: (c: Partial<Form>) => void };

function Percent({ id, label, value, onChange }: { id: string; label: string; value: number; onChange: (v: number) => void }) {
  return (
    <tr>
      <th scope="row"><label for={id}>{label}</label></th>
      <td><input id={id} type="number" min={0} max={100} step={1} value={value}
        onInput={(e) => onChange(Math.max(0, Math.min(100, Math.round(Number(e.currentTarget.value) || 0))))} /></td>
    </tr>
  );
}

function ValueTable({ issue: i, room, f, update }: Sub) {
  const others = room.parties.filter((p) => p.id !== me(room)).map((p) => p.name ?? p.id).join(" or ");
  if (i.kind === "share") {
    return <fieldset><legend>{issue_name(i)}</legend><p>Worth the part you receive: half of it is worth half.</p></fieldset>;
  }
  if (i.kind === "item" || i.kind === "region") {
    const v = f.items[i.id];
    const set = (k: keyof ItemValues) => (x: number) => update({ items: { ...f.items, [i.id]: { ...v, [k]: x } } });
    return (
      <fieldset><legend>{issue_name(i)}</legend>
        <table class="value-table"><tbody>
          <Percent id={`v-${i.id}-own`} label="You hold it" value={v.own} onChange={set("own")} />
          {i.joint && <Percent id={`v-${i.id}-joint`} label="Held jointly" value={v.joint} onChange={set("joint")} />}
          {i.neutral && <Percent id={`v-${i.id}-neutral`} label="Neutral (nobody holds it)" value={v.neutral} onChange={set("neutral")} />}
          <Percent id={`v-${i.id}-other`} label={`${others || "Another party"} holds it`} value={v.other} onChange={set("other")} />
        </tbody></table>
      </fieldset>
    );
  }
  if (i.kind === "choice") {
    const v = f.choices[i.id];
    return (
      <fieldset><legend>{issue_name(i)}</legend>
        <table class="value-table"><tbody>
          {(i.options ?? []).map((o) => (
            <Percent key={o} id={`v-${i.id}-${o}`} label={humanise(o)} value={v[o]} onChange={(x) => update({ choices: { ...f.choices, [i.id]: { ...v, [o]: x } } })} />
          ))}
        </tbody></table>
      </fieldset>
    );
  }
  const pts = f.numbers[i.id];
  const unit = i.unit ? ` ${i.unit}` : "";
  const setPts = (next: [number, number][]) => update({ numbers: { ...f.numbers, [i.id]: next } });
  return (
    <fieldset><legend>{issue_name(i)} ({i.min}–{i.max}{unit})</legend>
      <p class="note">Value at a few points; in between, it changes in a straight line.</p>
      <table class="value-table"><tbody>
        {pts.map(([x, y], k) => (
          <tr key={k}>
            <th scope="row">
              <label for={`v-${i.id}-x${k}`} class="sr-only">Point {k + 1}: {i.unit ?? "number"}</label>
              <input id={`v-${i.id}-x${k}`} type="number" min={i.min} max={i.max} step={i.step} value={x}
                onInput={(e) => setPts(pts.map((p, j) => (j === k ? [Number(e.currentTarget.value), p[1]] : p)))} />{unit}
            </th>
            <td>
              <label for={`v-${i.id}-y${k}`} class="sr-only">Value at point {k + 1}</label>
              <input id={`v-${i.id}-y${k}`} type="number" min={0} max={100} step={1} value={y}
                onInput={(e) => setPts(pts.map((p, j) => (j === k ? [p[0], Math.max(0, Math.min(100, Number(e.currentTarget.value) || 0))] : p)))} />{" "}
              {pts.length > 1 && <button type="button" onClick={() => setPts(pts.filter((_, j) => j !== k))} aria-label={`Remove point ${k + 1}`}>Remove</button>}
            </td>
          </tr>
        ))}
      </tbody></table>
      <button type="button" onClick={() => setPts([...pts, [i.max ?? 0, 50]])}>Add a point</button>
    </fieldset>
  );
}

function RedLineInput({ issue: i, room, f, update }: Sub) {
  const r = f.red[i.id];
  const set = (line: RedLine) => update({ red: { ...f.red, [i.id]: line } });
  const self = me(room);
  const id = `red-${i.id}`;
  if (i.kind === "item" || i.kind === "region") {
    const choices: [string, string, string[]][] = [["none", "no red line", []], ["own", "it must be mine", [self]]];
    if (i.joint) choices.push(["own-joint", "mine or held jointly", [self, "joint"]]);
    if (i.neutral) choices.push(["not-other", "no other party may hold it alone", [self, ...(i.joint ? ["joint"] : []), "neutral"]]);
    const current = r.kind === "owner" ? (choices.find((c) => c[2].length === r.owners.length && c[2].every((o) => r.owners.includes(o)))?.[0] ?? "none") : "none";
    return (
      <p><label for={id}>{issue_name(i)}: </label>
        <select id={id} value={current} onChange={(e) => {
          const c = choices.find((x) => x[0] === e.currentTarget.value)!;
          set(c[2].length ? { kind: "owner", owners: c[2] } : { kind: "none" });
        }}>
          {choices.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </select></p>
    );
  }
  if (i.kind === "choice") {
    const opts = i.options ?? [];
    const ok = r.kind === "in" ? r.options : opts;
    return (
      <fieldset><legend>{issue_name(i)}: options you can accept</legend>
        {opts.map((o) => (
          <span key={o} class="check">
            <input id={`${id}-${o}`} type="checkbox" checked={ok.includes(o)}
              onChange={(e) => {
                const next = e.currentTarget.checked ? opts.filter((x) => ok.includes(x) || x === o) : ok.filter((x) => x !== o);
                set(next.length === opts.length ? { kind: "none" } : { kind: "in", options: next });
              }} />{" "}
            <label for={`${id}-${o}`}>{humanise(o)}</label>
          </span>
        ))}
      </fieldset>
    );
  }
  if (i.kind === "number") {
    const cur = r.kind === "range" ? r : { kind: "range" as const, min: "", max: "" };
    return (
      <fieldset><legend>{issue_name(i)}: the range you can accept (leave empty for no limit)</legend>
        <label for={`${id}-min`}>at least </label>
        <input id={`${id}-min`} type="number" min={i.min} max={i.max} step={i.step} value={cur.min} onInput={(e) => set({ ...cur, min: e.currentTarget.value })} />{" "}
        <label for={`${id}-max`}>at most </label>
        <input id={`${id}-max`} type="number" min={i.min} max={i.max} step={i.step} value={cur.max} onInput={(e) => set({ ...cur, max: e.currentTarget.value })} />
        {i.unit ? ` ${i.unit}` : ""}
      </fieldset>
    );
  }
  const cur = r.kind === "share" ? r.min : "";
  return (
    <p><label for={id}>{issue_name(i)}: the least part you can accept, in percent (empty: no limit) </label>
      <input id={id} type="number" min={0} max={100} step={(i.step ?? 0.01) * 100} value={cur} onInput={(e) => set({ kind: "share", min: e.currentTarget.value })} /></p>
  );
}

