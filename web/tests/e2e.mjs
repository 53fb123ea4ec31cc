// End-to-end test of the room's web page in a real Chromium (issue 15, "Tests").
//
//   PARLEY_BIN=build/parley PARLEY_WEB_DIR=build/web PARLEY_EXAMPLES=examples \
//   SCREENSHOT_DIR=build/web-shots node web/tests/e2e.mjs
//
// Starts `parley serve --web` on a fresh database and drives the page as a mediator and two
// parties in separate browser contexts. Exit 0: pass; 1: failure (with the reason); 77: skipped
// because Chromium or node_modules (playwright-core) are missing.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const SKIP = 77;
const env = process.env;
const BIN = path.resolve(env.PARLEY_BIN ?? "build/parley");
const WEB = path.resolve(env.PARLEY_WEB_DIR ?? "build/web");
const CHROMIUM = env.CHROMIUM ?? "/usr/bin/chromium";
const EXAMPLES = path.resolve(env.PARLEY_EXAMPLES ?? "examples");
const SHOTS = path.resolve(env.SCREENSHOT_DIR ?? "build/web-shots");
const TIMEOUT = 30_000; // generous: CI runs this beside sanitizer builds on two cores

let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  console.log("SKIP: playwright-core is not installed (run npm ci in web/)");
  process.exit(SKIP);
}
if (!existsSync(CHROMIUM)) {
  console.log(`SKIP: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);
  process.exit(SKIP);
}
for (const [what, p] of [["PARLEY_BIN", BIN], ["PARLEY_WEB_DIR/index.html", path.join(WEB, "index.html")], ["PARLEY_EXAMPLES/ceasefire.json", path.join(EXAMPLES, "ceasefire.json")]]) {
  if (!existsSync(p)) {
    console.error(`FAIL: ${what} not found at ${p}`);
    process.exit(1);
  }
}

class Failure extends Error {}
function check(cond, message) {
  if (!cond) throw new Failure(message);
}

const tmp = mkdtempSync(path.join(tmpdir(), "parley-e2e-"));
const children = [];
let browser;

async function start_server() {
  const help = spawnSync(BIN, ["serve", "--help"], { encoding: "utf8" }).stdout ?? "";
  const hasWeb = help.includes("--web");
  // Until `parley serve --web` exists, PARLEY_E2E_PROXY=1 puts a small static server with a proxy
  // to the API in front of it, for developing the page; without it the test requires --web.
  if (!hasWeb && env.PARLEY_E2E_PROXY !== "1") throw new Failure(`${BIN} serve has no --web option`);
  const args = ["serve", "--db", path.join(tmp, "rooms.sqlite"), "--listen", "127.0.0.1:0", "--quiet"];
  if (hasWeb) args.push("--web", WEB);
  const child = spawn(BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Failure(`parley serve did not say where it listens within 20 s; stderr: ${stderr}`)), 20_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Failure(`parley serve exited with ${code}: ${stderr}`)));
  });
  return hasWeb ? url.replace(/\/?$/, "/") : await proxy(url);
}

async function proxy(api) {
  const target = new URL(api);
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
  const server = createServer(async (req, res) => {
    if (req.url.startsWith("/v1/")) {
      const up = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
      return;
    }
    const file = path.join(WEB, path.normalize(req.url.split(/[?#]/)[0] === "/" ? "/index.html" : req.url.split(/[?#]/)[0]));
    let content;
    try {
      content = await readFile(file);
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" }).end(content);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  children.push({ kill: () => server.close() });
  return `http://127.0.0.1:${server.address().port}/`;
}

let shotCount = 0;
const pages = {}; // name -> page, for screenshots and visible errors when a step fails
async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  shotCount++;
  await page.screenshot({ path: path.join(SHOTS, `${String(shotCount).padStart(2, "0")}-${name}.png`), fullPage: true });
}

/** Everything a page shows or receives, kept for the privacy check. */
function watch(page, name, tokens) {
  const seen = { name, bodies: [], urls: [], console: [] };
  page.on("request", (r) => seen.urls.push(r.url()));
  page.on("console", (m) => seen.console.push(m.text()));
  page.on("response", async (r) => {
    if (!r.url().includes("/v1/")) return;
    if ((r.headers()["content-type"] ?? "").includes("text/event-stream")) return; // never ends; /log holds the same entries
    try {
      seen.bodies.push(await r.text());
    } catch {
      // A response cut by a navigation: nothing to read.
    }
  });
  page.on("pageerror", (e) => seen.console.push(`page error: ${e.message}`));
  seen.tokens = tokens;
  return seen;
}

// Party B's priorities: distinctive numbers (primes above 40) that party A never uses and the page
// never prints for other reasons, so finding one on A's pages means a leak.
const B_POINTS = {
  ceasefire_days: 89, monitoring: 83, rearmament: 47, transit_revenue: 79, r3: 71, r4: 73,
  plant_nuclear: 59, plant_thermal: 43, r1: 41, r2: 53, r7: 61, r8: 67, prisoner_exchange: 97, energy_strikes: 0, r5: 0, r6: 0,
};
const A_POINTS = {
  ceasefire_days: 10, monitoring: 5, rearmament: 14, transit_revenue: 6, r1: 12, r2: 12, r3: 6, r4: 5, r5: 3, r6: 3,
  plant_nuclear: 14, plant_thermal: 5, prisoner_exchange: 3, energy_strikes: 2, r7: 0, r8: 0,
};

async function enter_priorities(page, points, extra) {
  await page.getByRole("heading", { name: "Your priorities" }).waitFor({ timeout: TIMEOUT });
  for (const [issue, p] of Object.entries(points)) await page.locator(`#w-${issue}`).fill(String(p));
  const total = Object.values(points).reduce((a, b) => a + b, 0);
  await page.getByText(`Total: ${total} points.`).waitFor({ timeout: TIMEOUT });
  await extra(page);
  await page.getByRole("button", { name: "Save my priorities" }).click();
  await page.getByText("Your priorities are saved.").waitFor({ timeout: TIMEOUT });
}

async function answer(page, n, response, comment) {
  const card = page.locator(`article[data-proposal="${n}"]`);
  await card.waitFor({ timeout: TIMEOUT }); // arrives through the events stream, without a reload
  await card.locator(".utility").getByText("of what you value").waitFor({ timeout: TIMEOUT });
  if (comment) await card.getByLabel(/A comment/).fill(comment);
  await card.getByRole("button", { name: `${response === "accept" ? "Accept" : "Reject"} proposal ${n}` }).click();
  await card.getByText(`You ${response}ed this proposal.`).waitFor({ timeout: TIMEOUT });
}

async function wait_answers(page, n, expected) {
  for (const [party, word] of Object.entries(expected)) {
    await page.locator(`td[data-proposal="${n}"] li[data-party="${party}"]`).getByText(word).waitFor({ timeout: TIMEOUT });
  }
}

async function main() {
  const base = await start_server();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  const context = () => browser.newContext({ viewport: { width: 1280, height: 900 } });

  // The mediator creates the room through the start page.
  const mediator = await (await context()).newPage();
  mediator.setDefaultTimeout(TIMEOUT);
  const mSeen = watch(mediator, "mediator", []);
  pages.mediator = mediator;
  await mediator.goto(base);
  await mediator.locator("#scenario").setInputFiles(path.join(EXAMPLES, "ceasefire.json"));
  await mediator.getByText("Party A, Party B").waitFor();
  check(await mediator.locator("#drop").isChecked(), "the start page should leave the file's priorities out by default");
  await shot(mediator, "start-page");
  await mediator.getByRole("button", { name: "Create the room" }).click();
  await mediator.getByRole("heading", { name: /Room created/ }).waitFor();
  const link = async (role) => mediator.locator(`tr[data-role="${role}"] input.link`).inputValue();
  const links = { mediator: await link("mediator"), a: await link("a"), b: await link("b"), observer: await link("observer") };
  const token = (l) => new URLSearchParams(new URL(l).hash.slice(1)).get("token");
  const tokens = Object.fromEntries(Object.entries(links).map(([k, l]) => [k, token(l)]));
  for (const [k, t] of Object.entries(tokens)) check(t && /^[0-9a-f]{32,}$/.test(t), `the ${k} link has no token in its fragment: ${links[k]}`);
  await shot(mediator, "links");
  await mediator.goto(links.mediator);
  await mediator.getByText("You are in this room as the mediator.").waitFor();

  // Two parties open their links in their own browser contexts.
  const partyA = await (await context()).newPage();
  const partyB = await (await context()).newPage();
  const aSeen = watch(partyA, "party A", [tokens.mediator, tokens.b, tokens.observer]);
  const bSeen = watch(partyB, "party B", [tokens.mediator, tokens.a, tokens.observer]);
  for (const p of [partyA, partyB]) p.setDefaultTimeout(TIMEOUT);
  Object.assign(pages, { "party-a": partyA, "party-b": partyB });
  await partyA.goto(links.a);
  await partyB.goto(links.b);
  await partyA.getByText("You are in this room as Party A.").waitFor();
  await partyB.getByText("You are in this room as Party B.").waitFor();

  await enter_priorities(partyA, A_POINTS, async (p) => {
    await p.locator("#v-monitoring-none").fill("100");
    await p.locator("#v-monitoring-un_mission").fill("0");
    await p.locator("#v-rearmament-none").fill("100");
    await p.locator("#v-rearmament-unrestricted").fill("0");
    await p.locator("#red-r5").selectOption("own");
    await p.locator("#reservation").fill("30");
  });
  await shot(partyA, "party-a-priorities");
  await enter_priorities(partyB, B_POINTS, async (p) => {
    await p.locator("#v-monitoring-none").fill("0");
    await p.locator("#v-monitoring-un_mission").fill("100");
    await p.locator("#v-ceasefire_days-y0").fill("0");
    await p.locator("#v-ceasefire_days-y1").fill("100");
    await p.locator("#red-monitoring-none").uncheck();
    await p.locator("#red-ceasefire_days-min").fill("30");
    await p.locator("#reservation").fill("25");
    await p.locator("#share-weights").check(); // the mediator may see B's points; party A never
  });
  await shot(partyB, "party-b-priorities");

  // The mediator asks for a Nash proposal; party A rejects, party B accepts.
  await mediator.locator("#method").selectOption("nash");
  await mediator.getByRole("button", { name: "Propose", exact: true }).click();
  await mediator.getByText("Proposal 1 is made.").waitFor();
  await mediator.locator('[data-shared="b"]').getByText(`${B_POINTS.ceasefire_days} points`).waitFor();
  await answer(partyA, 1, "reject", "Too long a ceasefire for us.");
  await answer(partyB, 1, "accept");
  await shot(partyA, "party-a-proposal");
  await wait_answers(mediator, 1, { a: "rejected", b: "accepted" });
  await mediator.getByText("None can be locked now.").waitFor();
  await shot(mediator, "mediator-first-answers");

  // The room locks only terms every party has accepted in one proposal: the mediator amends the
  // package by hand (a bigger share of the revenue for party A), and both accept it.
  await mediator.locator("#hand-transit_revenue-a").fill("40");
  await mediator.locator("#hand-transit_revenue-b").fill("60");
  await mediator.getByRole("button", { name: "Propose this package" }).click();
  await mediator.getByText("Proposal 2 is made.").waitFor();
  await answer(partyA, 2, "accept");
  await answer(partyB, 2, "accept");
  await wait_answers(mediator, 2, { a: "accepted", b: "accepted" });

  // The mediator locks a term and proposes again; both accept.
  const lockMonitoring = mediator.locator('button[data-lock="monitoring"]');
  await lockMonitoring.waitFor();
  await shot(mediator, "mediator-lock");
  await lockMonitoring.click();
  await mediator.getByText(/Ceasefire monitoring is locked/).waitFor();
  await mediator.locator('li[data-agreed="monitoring"]').waitFor();
  await mediator.locator("#method").selectOption("nash");
  await mediator.getByRole("button", { name: "Propose", exact: true }).click();
  await mediator.getByText("Proposal 3 is made.").waitFor();
  await answer(partyA, 3, "accept");
  await answer(partyB, 3, "accept");

  // The agreement page shows the certificate, to the mediator and to each party.
  for (const [page, name] of [[mediator, "mediator"], [partyA, "party-a"], [partyB, "party-b"]]) {
    const agreement = page.locator("section.agreement");
    await agreement.getByRole("heading", { name: "The agreement (proposal 3)" }).waitFor();
    await agreement.locator('li[data-property="public_rules_hold"]').getByText("The scenario's rules and every locked term hold.").waitFor();
    check(await agreement.locator('li[data-property="pareto_optimal"]').count() === 1, `${name}: the certificate has no Pareto line`);
    if (name !== "mediator") await agreement.locator('li[data-property="utility"]').getByText(/This agreement gives you \d+(\.\d)?% of what you value/).waitFor();
    else check(await agreement.locator('li[data-property="utility"]').count() === 0, "the mediator's certificate shows a party's utility");
    await shot(page, `${name}-agreement`);
    await agreement.screenshot({ path: path.join(SHOTS, `${String(shotCount).padStart(2, "0")}-${name}-certificate.png`) });
  }
  const observer = await (await context()).newPage();
  await observer.goto(links.observer);
  await observer.getByText("You are in this room as an observer.").waitFor();
  check(await observer.getByRole("button", { name: "Propose", exact: true }).count() === 0, "the observer is offered the mediator's buttons");
  await shot(observer, "observer");

  // Privacy: nothing party A's pages showed or received holds party B's points.
  const bPairs = Object.entries(B_POINTS).filter(([, w]) => w > 0);
  const leaks = (seen, text) => bPairs.filter(([issue, w]) => new RegExp(`"${issue}"\\s*:\\s*${w}\\b`).test(text)).map(([i, w]) => `${i}: ${w}`);
  const domNumbers = async (page) => {
    const text = await page.evaluate(() => document.body.innerText + " " + [...document.querySelectorAll("input, select, textarea")].map((e) => e.value).join(" "));
    // Times and percentages are the page's own numbers; what remains may not be one of B's points.
    const rest = text.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/g, "").replace(/\d+(\.\d+)?%/g, "");
    return bPairs.map(([, w]) => w).filter((w) => new RegExp(`\\b${w}\\b`).test(rest));
  };
  check(aSeen.bodies.length >= 5, `party A's page received only ${aSeen.bodies.length} API answers`);
  for (const body of aSeen.bodies) {
    const found = leaks(aSeen, body);
    check(found.length === 0, `party A received party B's points (${found.join(", ")}) in: ${body.slice(0, 300)}`);
  }
  const inA = await domNumbers(partyA);
  check(inA.length === 0, `party A's page shows numbers from party B's points: ${inA.join(", ")}`);
  // The same checks do find B's points where they belong: on B's own page and in the mediator's (shared).
  check(bSeen.bodies.some((b) => leaks(bSeen, b).length === bPairs.length), "the privacy check cannot find B's points even in B's own answers");
  check((await domNumbers(partyB)).length >= 10, "the privacy check cannot find B's points on B's own page");
  check(mSeen.bodies.some((b) => leaks(mSeen, b).length === bPairs.length), "the mediator did not receive the points B shared");

  // The token travels only in the Authorization header: never in a URL asked for, never logged.
  for (const seen of [mSeen, aSeen, bSeen]) {
    for (const url of seen.urls) {
      const u = new URL(url);
      check(!Object.values(tokens).some((t) => (u.origin + u.pathname + u.search).includes(t)), `${seen.name} requested a URL with a token: ${url}`);
    }
    for (const line of seen.console) {
      check(!Object.values(tokens).some((t) => line.includes(t)), `${seen.name} logged a token to the console`);
      check(!line.startsWith("page error"), `${seen.name}: ${line}`);
    }
  }
  const stored = await partyA.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  check(!Object.values(tokens).some((t) => stored.includes(t)), "party A's page stored a token");

  // A scenario whose map is a separate GeoJSON file: the start page inlines it.
  const geo = await (await context()).newPage();
  await geo.goto(base);
  await geo.locator("#scenario").setInputFiles(path.join(EXAMPLES, "river-valley.json"));
  await geo.locator("#geojson").setInputFiles(path.join(EXAMPLES, "river-valley.geojson"));
  await geo.getByRole("button", { name: "Create the room" }).click();
  await geo.getByRole("heading", { name: /Room created/ }).waitFor();
  await geo.goto(await geo.locator('tr[data-role="mediator"] input.link').inputValue());
  const paths = geo.locator("figure.map svg path");
  await paths.first().waitFor();
  check(await paths.count() >= 5, `the river valley map drew ${await paths.count()} regions`);
  await shot(geo, "geojson-map");
  console.log(`PASS: room negotiated to an agreement in Chromium; ${shotCount} screenshots in ${SHOTS}`);
}

let code = 0;
try {
  await main();
} catch (e) {
  code = 1;
  console.error(`FAIL: ${e instanceof Failure ? e.message : e.stack ?? e}`);
  for (const [name, page] of Object.entries(pages)) {
    try {
      for (const t of await page.locator(".error").allInnerTexts()) console.error(`  ${name} shows: ${t}`);
      await shot(page, `failed-${name}`);
    } catch {
      // The page is gone: nothing more to show.
    }
  }
} finally {
  await browser?.close().catch(() => {});
  for (const c of children) c.kill();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
