// Plain-word text for outcomes, parties and numbers, shared by every view.
import type { Issue, Json, Party } from "./api";

export function party_name(parties: Party[], id: string): string {
  return parties.find((p) => p.id === id)?.name ?? id;
}

export function issue_name(issue: Issue): string {
  return issue.name ?? humanise(issue.id);
}

/** `third_party` reads "third party": option ids are written for files, not for people. */
export function humanise(id: string): string {
  return id.replace(/[_-]+/g, " ");
}

/** A fraction in [0, 1] as a whole percentage ("62%"), or with one decimal when that matters. */
export function percent(x: number): string {
  const p = x * 100;
  const whole = Math.round(p);
  return Math.abs(p - whole) < 0.05 ? `${whole}%` : `${(Math.round(p * 10) / 10).toString()}%`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Who holds an item or region, in words. */
export function holder(parties: Party[], v: Json): string {
  if (v === "joint") return "held jointly";
  if (v === "neutral") return "neutral (held by no party)";
  if (typeof v === "string") return party_name(parties, v);
  return "not settled";
}

export function value_text(issue: Issue, parties: Party[], v: Json | undefined): string {
  if (v === undefined || v === null) return "open";
  switch (issue.kind) {
    case "item":
    case "region":
      return holder(parties, v);
    case "choice":
      return typeof v === "string" ? humanise(v) : String(v);
    case "number":
      return `${v}${issue.unit ? " " + issue.unit : ""}`;
    case "share": {
      if (typeof v !== "object" || Array.isArray(v)) return String(v);
      const parts = Object.entries(v)
        .filter(([, x]) => typeof x === "number" && x > 0)
        .map(([p, x]) => `${party_name(parties, p)} ${percent(x as number)}`);
      return parts.length ? parts.join(", ") : "nobody";
    }
  }
}

/** Outcome values compared by content: a share's parties may come in any order. */
export function same(a: Json | undefined, b: Json | undefined): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: Json | undefined): string {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    return JSON.stringify(Object.keys(v).sort().map((k) => [k, v[k]]));
  }
  return JSON.stringify(v ?? null);
}
