// The start page: a mediator creates a room from a scenario file and hands out the links.
import { useState } from "preact/hooks";
import { ApiError, create_room, type Created, type Party } from "./api";
import { party_name } from "./words";

type Scenario = { parties?: Party[]; map?: Record<string, unknown>; preferences?: unknown; title?: string };

async function read_json(file: File, what: string): Promise<unknown> {
  const text = await file.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`The ${what} ${file.name} is not valid JSON: ${(e as Error).message}`);
  }
}

export function StartPage() {
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [scenarioName, setScenarioName] = useState("");
  const [geojson, setGeojson] = useState<unknown>(null);
  const [blind, setBlind] = useState(false);
  const [dropPreferences, setDropPreferences] = useState(true);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  const mapPath = scenario && typeof scenario.map?.geojson === "string" ? (scenario.map.geojson as string) : null;

  const pickScenario = async (e: Event) => {
    setError("");
    setScenario(null);
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      const s = (await read_json(file, "scenario file")) as Scenario;
      if (!s || typeof s !== "object" || !Array.isArray(s.parties)) throw new Error(`${file.name} does not look like a parley scenario: it has no list of parties.`);
      setScenario(s);
      setScenarioName(file.name);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const pickMap = async (e: Event) => {
    setError("");
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return setGeojson(null);
    try {
      setGeojson(await read_json(file, "map file"));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const create = async (e: Event) => {
    e.preventDefault();
    if (!scenario) return setError("Choose a scenario file first.");
    if (mapPath && !geojson) return setError(`This scenario's map is in a separate file (${mapPath}): choose that file too.`);
    const body: Record<string, unknown> = { ...scenario };
    if (mapPath) {
      // A room never reads a path: the map travels inside the scenario.
      const { geojson: _path, ...rest } = scenario.map!;
      body.map = { ...rest, geojson_data: geojson };
    }
    if (dropPreferences) delete body.preferences;
    setBusy(true);
    setError("");
    try {
      setCreated(await create_room(body, blind));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (created && scenario) {
    const parties = scenario.parties ?? [];
    const rows: [string, string, string][] = [
      ["mediator", "Mediator", "Keep this one: it lets you make proposals and lock terms."],
      ...parties.map((p): [string, string, string] => [p.id, party_name(parties, p.id), `Send only to ${party_name(parties, p.id)}: whoever holds it speaks for them.`]),
      ["observer", "Observer", "Read only: sees what every party sees."],
    ];
    return (
      <main>
        <h1>Room created: {scenario.title ?? scenarioName}</h1>
        <p>
          Each link below opens the room in one role. The links are shown only this once: copy them now and send each one
          privately to its person. Anyone holding a link can act in that role.
        </p>
        <table class="links">
          <thead><tr><th scope="col">Role</th><th scope="col">Link</th><th scope="col">Note</th></tr></thead>
          <tbody>
            {rows.map(([key, label, note]) => {
              const url = new URL(created.links[key], location.href).href;
              return (
                <tr key={key} data-role={key}>
                  <th scope="row">{label}</th>
                  <td><input class="link" readOnly value={url} aria-label={`Link for ${label}`} onFocus={(e) => e.currentTarget.select()} />{" "}
                    <button type="button" onClick={() => navigator.clipboard?.writeText(url)}>Copy</button></td>
                  <td>{note}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p><a href={created.links.mediator}>Open the room as mediator</a></p>
      </main>
    );
  }

  return (
    <main>
      <h1>parley: start a negotiation room</h1>
      <p>
        A room holds one negotiation: the issues, the parties, a mediator, and everything proposed and answered. Each party
        enters their own priorities in the room; nobody else, the mediator included, sees them unless they choose to share.
      </p>
      <form onSubmit={create} class="panel">
        <p>
          <label for="scenario">Scenario file (JSON)</label><br />
          <input id="scenario" type="file" accept=".json,application/json" onChange={pickScenario} />
        </p>
        {scenario && (
          <p class="note">
            {scenario.title ?? scenarioName}: {scenario.parties?.map((p) => p.name ?? p.id).join(", ")}.
          </p>
        )}
        {mapPath && (
          <p>
            <label for="geojson">This scenario's map is in the file {mapPath}: choose it (GeoJSON)</label><br />
            <input id="geojson" type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={pickMap} />
          </p>
        )}
        {scenario?.preferences !== undefined && (
          <p>
            <input id="drop" type="checkbox" checked={dropPreferences} onChange={(e) => setDropPreferences(e.currentTarget.checked)} />{" "}
            <label for="drop">Leave out the priorities written in the file: each party enters their own in the room</label>
          </p>
        )}
        <p>
          <input id="blind" type="checkbox" checked={blind} onChange={(e) => setBlind(e.currentTarget.checked)} />{" "}
          <label for="blind">Blind answers: nobody sees how the others answered until every party accepts the same proposal</label>
        </p>
        <p><button type="submit" disabled={busy}>{busy ? "Creating…" : "Create the room"}</button></p>
        {error && <p class="error" role="alert">{error}</p>}
      </form>
    </main>
  );
}
