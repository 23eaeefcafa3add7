// The function runtime-perf measures: answers at once, or after `sleepMs` (to keep 50 environments busy).
exports.handler = async (event) =>
  event?.sleepMs ? new Promise((r) => setTimeout(() => r({ ok: true }), event.sleepMs)) : { ok: true };
