// The scenario's map, each region coloured by who holds it in one outcome. A GeoJSON map is drawn
// with d3-geo; a map given only as adjacency is drawn as a diagram of touching regions.
import { geoIdentity, geoPath } from "d3-geo";
import type { Issue, Json, MapSpec, Outcome, Party } from "./api";
import { holder, issue_name } from "./words";

// Light fills under dark text: every label keeps a contrast ratio above 7:1 (WCAG AA needs 4.5).
const FILLS = ["#a9c9f5", "#f7c58b", "#aee0a6", "#d5bdf5", "#f5b3c6", "#b9e6e6"];
const OPEN_FILL = "#e6e6e6";
const NEUTRAL_FILL = "#ffffff";

export function party_fill(parties: Party[], owner: Json | undefined): string {
  if (owner === "joint") return "url(#joint)";
  if (owner === "neutral") return NEUTRAL_FILL;
  const i = parties.findIndex((p) => p.id === owner);
  return i >= 0 ? FILLS[i % FILLS.length] : OPEN_FILL;
}

interface Props {
  map: MapSpec;
  issues: Issue[];
  parties: Party[];
  outcome: Outcome;
  label: string;
}

export function RegionMap({ map, issues, parties, outcome, label }: Props) {
  const regions = issues.filter((i) => i.kind === "region");
  const width = 640;
  const height = 380;
  const name = (id: string) => {
    const issue = regions.find((r) => r.id === id);
    return issue ? issue_name(issue) : id;
  };
  const summary = regions.map((r) => `${issue_name(r)}: ${holder(parties, outcome[r.id] ?? null)}`).join("; ");
  let body;
  if (map.geojson_data) {
    const key = map.region_key ?? "id";
    // Planar projection: the regions are small, and a planar fit ignores polygon winding, which
    // d3's spherical projections would read as "the whole globe but this region".
    const projection = geoIdentity().reflectY(true).fitExtent([[10, 10], [width - 10, height - 10]], map.geojson_data);
    const path = geoPath(projection);
    body = map.geojson_data.features.map((f, i) => {
      const id = String(f.properties?.[key] ?? "");
      const [cx, cy] = path.centroid(f);
      const roomy = path.area(f) > 2500; // a small enclave's name would cover its neighbour's
      return (
        <g key={i}>
          <path d={path(f) ?? ""} fill={party_fill(parties, outcome[id])} stroke="#333" stroke-width={1.2} />
          <title>{`${name(id)}: ${holder(parties, outcome[id] ?? null)}`}</title>
          {roomy && <text x={cx} y={cy} text-anchor="middle" class="map-label">{name(id)}</text>}
          {roomy && <text x={cx} y={cy + 14} text-anchor="middle" class="map-owner">{short_holder(parties, outcome[id])}</text>}
        </g>
      );
    });
  } else {
    const ids = regions.map((r) => r.id);
    const edges = (map.adjacency ?? []).filter(([a, b]) => ids.includes(a) && ids.includes(b));
    const pos = layout(ids, edges, width, height);
    body = (
      <>
        {edges.map(([a, b]) => (
          <line key={a + b} x1={pos[a][0]} y1={pos[a][1]} x2={pos[b][0]} y2={pos[b][1]} stroke="#555" stroke-width={2} />
        ))}
        {ids.map((id) => (
          <g key={id}>
            <rect x={pos[id][0] - 78} y={pos[id][1] - 22} width={156} height={44} rx={8}
              fill={party_fill(parties, outcome[id])} stroke="#333" stroke-width={1.2} />
            <text x={pos[id][0]} y={pos[id][1] - 4} text-anchor="middle" class="map-label">{clip(name(id))}</text>
            <text x={pos[id][0]} y={pos[id][1] + 13} text-anchor="middle" class="map-owner">{short_holder(parties, outcome[id])}</text>
          </g>
        ))}
      </>
    );
  }
  return (
    <figure class="map">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${label}. ${summary}`}>
        <defs>
          <pattern id="joint" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill={FILLS[0]} />
            <rect width="4" height="8" fill={FILLS[1]} />
          </pattern>
        </defs>
        {body}
      </svg>
      <figcaption>
        {label}.{" "}
        {parties.map((p, i) => (
          <span key={p.id} class="legend"><span class="swatch" style={{ background: FILLS[i % FILLS.length] }} />{p.name ?? p.id}</span>
        ))}
        <span class="legend"><span class="swatch joint" />held jointly</span>
        <span class="legend"><span class="swatch" style={{ background: NEUTRAL_FILL }} />neutral</span>
        <span class="legend"><span class="swatch" style={{ background: OPEN_FILL }} />open</span>
      </figcaption>
    </figure>
  );
}

function short_holder(parties: Party[], v: Json | undefined): string {
  if (v === "neutral") return "neutral";
  return holder(parties, v ?? null);
}

function clip(text: string): string {
  return text.length > 24 ? text.slice(0, 23) + "…" : text;
}

/**
 * A force layout with a fixed number of steps from a fixed start, so the same map is always drawn
 * the same way: touching regions pull together, all regions push apart.
 */
function layout(ids: string[], edges: [string, string][], width: number, height: number): Record<string, [number, number]> {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const x = ids.map((_, i) => Math.cos((2 * Math.PI * i) / Math.max(n, 1)));
  const y = ids.map((_, i) => Math.sin((2 * Math.PI * i) / Math.max(n, 1)));
  const k = 1.6 / Math.sqrt(Math.max(n, 1));
  for (let step = 0; step < 400; step++) {
    const dx = new Array<number>(n).fill(0);
    const dy = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const ex = x[i] - x[j];
        const ey = y[i] - y[j];
        const d2 = Math.max(ex * ex + ey * ey, 1e-4);
        dx[i] += (ex * k * k) / d2;
        dy[i] += (ey * k * k) / d2;
      }
    }
    for (const [a, b] of edges) {
      const i = index.get(a)!;
      const j = index.get(b)!;
      const ex = x[i] - x[j];
      const ey = y[i] - y[j];
      const d = Math.max(Math.sqrt(ex * ex + ey * ey), 1e-3);
      const f = d / k;
      dx[i] -= ex * f;
      dy[i] -= ey * f;
      dx[j] += ex * f;
      dy[j] += ey * f;
    }
    const t = 0.1 * (1 - step / 400) + 0.005;
    for (let i = 0; i < n; i++) {
      const d = Math.max(Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 1e-9);
      x[i] += (dx[i] / d) * Math.min(d, t);
      y[i] += (dy[i] / d) * Math.min(d, t);
    }
  }
  const [x0, x1] = [Math.min(...x), Math.max(...x)];
  const [y0, y1] = [Math.min(...y), Math.max(...y)];
  const out: Record<string, [number, number]> = {};
  const px = x.map((v) => 85 + ((v - x0) / Math.max(x1 - x0, 1e-9)) * (width - 170));
  const py = y.map((v) => 30 + ((v - y0) / Math.max(y1 - y0, 1e-9)) * (height - 60));
  // The boxes are wide: push apart any two that overlap, along the axis where they overlap least.
  const [bw, bh] = [164, 50];
  for (let round = 0; round < 100; round++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ox = bw - Math.abs(px[i] - px[j]);
        const oy = bh - Math.abs(py[i] - py[j]);
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        if (ox / bw < oy / bh) {
          const s = (px[i] < px[j] ? -1 : 1) * (ox / 2 + 0.5);
          px[i] += s;
          px[j] -= s;
        } else {
          const s = (py[i] < py[j] ? -1 : 1) * (oy / 2 + 0.5);
          py[i] += s;
          py[j] -= s;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      px[i] = Math.min(Math.max(px[i], 80), width - 80);
      py[i] = Math.min(Math.max(py[i], 24), height - 24);
    }
    if (!moved) break;
  }
  ids.forEach((id, i) => (out[id] = [px[i], py[i]]));
  return out;
}
