// The mediator's view (and, without the buttons, the observer's): issues, map, proposals and
// answers, proposing by hand or by method, locking agreed terms, improving a deal, the history.
import { useState } from "preact/hooks";
import type { Api, Issue, Json, Outcome, Party, Proposal, Room } from "./api";
import { RegionMap } from "./map";
import { AgreementView, Answers, History, type Loaded } from "./room";
import { humanise, issue_name, party_name, percent, same, value_text } from "./words";

const METHODS: [string, string][] = [
  ["nash", "Nash bargaining: the largest product of gains"],
  ["ks", "Kalai–Smorodinsky: equal shares of each party's best"],
  ["egalitarian", "Egalitarian: the worst-off party as well off as possible"],
  ["utilitarian", "Utilitarian: the largest total"],
  ["leximin", "Leximin: the worst-off first, then the next"],
  ["mnw", "Maximum Nash welfare"],
  ["aw", "Adjusted winner"],
  ["round-robin", "Round robin"],
  ["envy-cycle", "Envy cycle"],
  ["alternating", "Alternating offers"],
];

interface Props { api: Api; data: Loaded; reload: () => Promise<unknown> }

export function MediatorView({ api, data, reload }: Props) {
  const { room, log, agreement } = data;
  const mediator = room.me.role === "mediator";
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      const text = await what();
      setMessage({ text, error: false });
      await reload();
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {message && <p class={message.error ? "error" : "done"} role={message.error ? "alert" : "status"}>{message.text}</p>}
      <div class="columns">
        <IssuesPanel room={room} />
        <MapPanel room={room} agreementProposal={agreement?.proposal ?? null} />
      </div>
      <ProposalsPanel room={room} />
      {Object.keys(room.shared ?? {}).length > 0 && <SharedPanel room={room} />}
      {mediator && (
        <div class="columns">
          <MethodPanel busy={busy} act={act} api={api} />
          <LockPanel room={room} busy={busy} act={act} api={api} />
        </div>
      )}
      {/* Keyed by the latest proposal and the locked terms: the form starts again from them when they change. */}
      {mediator && <HandPanel key={`${room.proposals.length} ${JSON.stringify(room.agreed)}`} room={room} busy={busy} act={act} api={api} />}
      {agreement && <AgreementView agreement={agreement} room={room} />}
      {mediator && room.status === "agreed" && (
        <section class="panel" aria-labelledby="improve-h">
          <h2 id="improve-h">Look for an improvement</h2>
          <p>parley can look for a package that every party prefers to the agreement (using their private priorities) and propose it.</p>
          <button type="button" disabled={busy} onClick={() => act(async () => {
            const r = await api.improve();
            return r.proposal === null ? "No package is better for every party than the agreement: it stands as it is." : `Proposal ${r.proposal} is better for every party than the agreement; it is now open for answers.`;
          })}>Look for an improvement</button>
        </section>
      )}
      <History log={log} parties={room.parties} />
    </>
  );
}

type Act = (what: () => Promise<string>) => Promise<void>;

function IssuesPanel({ room }: { room: Room }) {
  const agreed = room.issues.filter((i) => i.id in room.agreed);
  const open = room.issues.filter((i) => !(i.id in room.agreed));
  return (
    <section class="panel" aria-labelledby="issues-h">
      <h2 id="issues-h">Issues</h2>
      <h3>Agreed ({agreed.length})</h3>
      {agreed.length ? (
        <ul>{agreed.map((i) => <li key={i.id} data-agreed={i.id}>{issue_name(i)}: <strong>{value_text(i, room.parties, room.agreed[i.id])}</strong></li>)}</ul>
      ) : <p>No term is agreed yet.</p>}
      <h3>Open ({open.length})</h3>
      <ul>{open.map((i) => <li key={i.id} title={i.description}>{issue_name(i)}</li>)}</ul>
    </section>
  );
}

export function MapPanel({ room, agreementProposal }: { room: Room; agreementProposal: number | null }) {
  const map = room.scenario?.map;
  const statusQuo = room.scenario?.status_quo;
  const choices: [string, string, Outcome][] = [];
  if (statusQuo) choices.push(["sq", "Today's holdings (status quo)", { ...statusQuo, ...room.agreed }]);
  for (const p of room.proposals) choices.push([`p${p.proposal}`, `Proposal ${p.proposal}${p.proposal === agreementProposal ? " (the agreement)" : ""}`, p.outcome]);
  const [chosen, setChosen] = useState<string | null>(null);
  if (!map || !room.issues.some((i) => i.kind === "region")) return null;
  const pick = choices.find((c) => c[0] === chosen) ?? choices[choices.length - 1] ?? ["none", "Agreed terms", room.agreed];
  return (
    <section class="panel" aria-labelledby="map-h">
      <h2 id="map-h">Map</h2>
      {choices.length > 0 && (
        <p>
          <label for="map-by">Colour the regions by </label>
          <select id="map-by" value={pick[0]} onChange={(e) => setChosen(e.currentTarget.value)}>
            {choices.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </p>
      )}
      <RegionMap map={map} issues={room.issues} parties={room.parties} outcome={pick[2]} label={pick[1]} />
    </section>
  );
}

function ProposalsPanel({ room }: { room: Room }) {
  // The newest first: the one the parties are answering now.
  const proposals = [...room.proposals].reverse();
  return (
    <section class="panel" aria-labelledby="proposals-h">
      <h2 id="proposals-h">Proposals</h2>
      {proposals.length === 0 && <p>No proposal yet.</p>}
      {proposals.length > 0 && (
        <div class="scroll">
          <table class="compare">
            <thead>
              <tr><th scope="col">Issue</th>{proposals.map((p) => <th scope="col" key={p.proposal}>Proposal {p.proposal}<br /><span class="method">{p.method ? humanise(p.method) : "by hand"}</span></th>)}</tr>
            </thead>
            <tbody>
              {room.issues.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{issue_name(i)}</th>
                  {proposals.map((p, k) => {
                    const older = proposals[k + 1];
                    const changed = older && !same(older.outcome[i.id], p.outcome[i.id]);
                    return <td key={p.proposal} class={changed ? "changed" : ""}>{value_text(i, room.parties, p.outcome[i.id])}</td>;
                  })}
                </tr>
              ))}
              <tr class="answers-row">
                <th scope="row">Answers</th>
                {proposals.map((p) => <td key={p.proposal} data-proposal={p.proposal}><Answers proposal={p} parties={room.parties} blind={room.blind} /></td>)}
              </tr>
              {Object.keys(room.shared ?? {}).length > 0 && <SharedRows room={room} proposals={proposals} />}
            </tbody>
          </table>
        </div>
      )}
      {proposals.length > 1 && <p class="note">Shaded cells changed from the proposal before.</p>}
    </section>
  );
}

/** What parties chose to share with the mediator: their utility of each proposal, when the room sends it. */
function SharedRows({ room, proposals }: { room: Room; proposals: Proposal[] }) {
  const su = room.shared_utilities ?? {};
  return (
    <>
      {Object.keys(su).map((party) => (
        <tr key={party}>
          <th scope="row">{party_name(room.parties, party)}'s value (shared)</th>
          {proposals.map((p) => <td key={p.proposal}>{su[party][String(p.proposal)] !== undefined ? percent(su[party][String(p.proposal)]) : ""}</td>)}
        </tr>
      ))}
    </>
  );
}

/** What each party chose to share with the mediator, and nothing else. */
function SharedPanel({ room }: { room: Room }) {
  return (
    <section class="panel" aria-labelledby="shared-h">
      <h2 id="shared-h">What the parties shared with you</h2>
      {Object.entries(room.shared ?? {}).map(([party, fields]) => {
        const weights = fields.weights as Record<string, number> | undefined;
        const total = weights ? Object.values(weights).reduce((a, b) => a + b, 0) : 0;
        return (
          <div key={party} data-shared={party}>
            <h3>{party_name(room.parties, party)}</h3>
            {weights && total > 0 && (
              <table class="points">
                <caption>Points {party_name(room.parties, party)} gave each issue</caption>
                <tbody>
                  {room.issues.filter((i) => (weights[i.id] ?? 0) > 0).map((i) => (
                    <tr key={i.id}><th scope="row">{issue_name(i)}</th><td>{weights[i.id]} points</td><td>{percent(weights[i.id] / total)}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
            {typeof fields.reservation === "number" && <p>Walk-away level: {percent(fields.reservation)}.</p>}
            {fields.reservation === "status_quo" && <p>Walk-away level: things as they stand today.</p>}
            {Array.isArray(fields.red_lines) && <p>{fields.red_lines.length === 1 ? "One red line" : `${fields.red_lines.length} red lines`}: {fields.red_lines.map((l) => JSON.stringify(l)).join("; ")}</p>}
            {typeof fields.delay_cost === "number" && <p>Each period without agreement costs them {percent(fields.delay_cost)} of what they value.</p>}
            {fields.values !== undefined && <p>Their value tables are shared too: {JSON.stringify(fields.values)}</p>}
          </div>
        );
      })}
    </section>
  );
}

function MethodPanel({ busy, act, api }: { busy: boolean; act: Act; api: Api }) {
  const [method, setMethod] = useState("nash");
  return (
    <section class="panel" aria-labelledby="method-h">
      <h2 id="method-h">Propose by method</h2>
      <p>parley computes a package from every party's private priorities; nobody's priorities are shown to you.</p>
      <form onSubmit={(e) => { e.preventDefault(); void act(async () => `Proposal ${(await api.propose({ method })).proposal} is made.`); }}>
        <label for="method">Method </label>
        <select id="method" value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
          {METHODS.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </select>{" "}
        <button type="submit" disabled={busy}>Propose</button>
      </form>
    </section>
  );
}

/** Terms that every party has accepted in some proposal and that are not locked yet. */
function lockable(room: Room): [Issue, Json][] {
  const out: [Issue, Json][] = [];
  for (const p of room.proposals) {
    const all = room.parties.every((q) => p.responses[q.id]?.response === "accept");
    if (!all) continue;
    for (const i of room.issues) {
      const v = p.outcome[i.id];
      if (v === undefined || i.id in room.agreed || out.some(([j, w]) => j.id === i.id && same(w, v))) continue;
      out.push([i, v]);
    }
  }
  return out;
}

function LockPanel({ room, busy, act, api }: { room: Room; busy: boolean; act: Act; api: Api }) {
  const terms = lockable(room);
  return (
    <section class="panel" aria-labelledby="lock-h">
      <h2 id="lock-h">Lock an agreed term</h2>
      {terms.length === 0 ? (
        <p>A term can be locked once every party has accepted a proposal that holds it. None can be locked now.</p>
      ) : (
        <>
          <p>Every party accepted these terms in some proposal. A locked term stays in every later proposal.</p>
          <ul class="lock-list">
            {terms.map(([i, v]) => (
              <li key={i.id + JSON.stringify(v)}>
                {issue_name(i)}: <strong>{value_text(i, room.parties, v)}</strong>{" "}
                <button type="button" disabled={busy} data-lock={i.id}
                  onClick={() => act(async () => { await api.lock(i.id, v); return `${issue_name(i)} is locked: ${value_text(i, room.parties, v)}.`; })}>
                  Lock
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function start_outcome(room: Room): Outcome {
  const last = room.proposals[room.proposals.length - 1];
  return { ...(room.scenario?.status_quo ?? {}), ...(last?.outcome ?? {}), ...room.agreed };
}

function HandPanel({ room, busy, act, api }: { room: Room; busy: boolean; act: Act; api: Api }) {
  const [outcome, setOutcome] = useState<Outcome>(() => start_outcome(room));
  const set = (id: string, v: Json) => setOutcome({ ...outcome, [id]: v });
  const merged = { ...outcome, ...room.agreed };
  return (
    <section class="panel" aria-labelledby="hand-h">
      <h2 id="hand-h">Propose by hand</h2>
      <p>Agreed terms are filled in and cannot be changed here. The form starts from the latest proposal.</p>
      <form onSubmit={(e) => { e.preventDefault(); void act(async () => `Proposal ${(await api.propose({ outcome: merged })).proposal} is made.`); }}>
        <div class="hand-grid">
          {room.issues.map((i) => (
            <IssueInput key={i.id} issue={i} parties={room.parties} value={merged[i.id]} locked={i.id in room.agreed} onChange={(v) => set(i.id, v)} />
          ))}
        </div>
        <p><button type="submit" disabled={busy}>Propose this package</button>{" "}
          <button type="button" onClick={() => setOutcome(start_outcome(room))}>Start again from the latest proposal</button></p>
      </form>
    </section>
  );
}

function IssueInput({ issue, parties, value, locked, onChange }: {
  issue: Issue; parties: Party[]; value: Json | undefined; locked: boolean; onChange: (v: Json) => void;
}) {
  const id = `hand-${issue.id}`;
  const label = <label for={id}>{issue_name(issue)}{locked && <span class="tag">agreed</span>}</label>;
  if (issue.kind === "share") {
    const shares = (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<string, number>;
    const step = issue.step ?? 0.01;
    return (
      <fieldset class="hand-item" disabled={locked}>
        <legend>{issue_name(issue)} (percent for each; together 100){locked && <span class="tag">agreed</span>}</legend>
        {parties.map((p) => (
          <span key={p.id} class="share-input">
            <label for={`${id}-${p.id}`}>{p.name ?? p.id}</label>{" "}
            <input id={`${id}-${p.id}`} type="number" min={0} max={100} step={step * 100}
              value={Math.round((shares[p.id] ?? 0) * 10000) / 100}
              onInput={(e) => onChange({ ...shares, [p.id]: Number(e.currentTarget.value) / 100 })} />%
          </span>
        ))}
      </fieldset>
    );
  }
  let options: [string, string][] = [];
  if (issue.kind === "item" || issue.kind === "region") {
    options = parties.map((p) => [p.id, p.name ?? p.id]);
    if (issue.joint) options.push(["joint", "held jointly"]);
    if (issue.neutral) options.push(["neutral", "neutral"]);
  } else if (issue.kind === "choice") {
    options = (issue.options ?? []).map((o) => [o, humanise(o)]);
  } else if (issue.kind === "number") {
    const { min = 0, max = 0, step = 1 } = issue;
    for (let k = 0; min + k * step <= max + 1e-9; k++) {
      const x = Math.round((min + k * step) * 1e9) / 1e9;
      options.push([String(x), `${x}${issue.unit ? " " + issue.unit : ""}`]);
    }
  }
  const current = value === undefined || value === null ? "" : String(value);
  return (
    <div class="hand-item">
      {label}
      <select id={id} disabled={locked} value={current}
        onChange={(e) => onChange(issue.kind === "number" ? Number(e.currentTarget.value) : e.currentTarget.value)}>
        {current === "" && <option value="">(choose)</option>}
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </div>
  );
}
