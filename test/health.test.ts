// GET /health: 200 while the process and its database answer, 503 once the database does not.
import { expect, it } from "vitest";
import { startTestApp } from "./support/harness.ts";

it("reports the database's state", async () => {
  const t = await startTestApp();
  try {
    const up = await fetch(`${t.url}/health`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ ok: true, database: "ok" });
    await t.testDb.stopServer?.();
    const down = await fetch(`${t.url}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, database: "unreachable" });
  } finally {
    await t.stop().catch(() => undefined);
  }
});
