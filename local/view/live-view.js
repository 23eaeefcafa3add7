const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const ms = (v) =>
  v < 1000 ? `${v.toFixed(0)} ms` : v < 60000 ? `${(v / 1000).toFixed(1)} s` : `${(v / 60000).toFixed(1)} min`;
const shortId = (id) => String(id).slice(0, 8);
// Managed Instances environments run many invocations at once: now, the most so far, and the limit.
const concurrencyText = (c) =>
  `${c.inFlight} in flight · peak ${c.peak} of ${c.max} · ${c.workers} worker${c.workers === 1 ? '' : 's'}`;
const lmiBadge =
  '<span class="lmi" title="Lambda Managed Instances: one environment serves many invocations at once">LMI</span>';

function bars(envs, fnColor) {
  if (!envs.length) return '<p class="empty">No environment yet: send a request.</p>';
  const rowH = 20,
    labelW = 190,
    width = 560,
    max = Math.max(1, ...envs.map((e) => e.invocations));
  const h = envs.length * rowH + 8;
  const rows = envs
    .map((e, i) => {
      const w = Math.max(1, (e.invocations / max) * (width - labelW - 50));
      const y = i * rowH + 4;
      return (
        `<g data-instance="${esc(e.id)}" data-invocations="${e.invocations}">` +
        `<text x="0" y="${y + 13}">${esc(e.shortName)} · ${esc(shortId(e.instanceId ?? e.id))}</text>` +
        `<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 6}" rx="2" fill="${e.endedAt ? 'var(--ended)' : fnColor(e.function)}"></rect>` +
        `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 13}">${e.invocations}${e.concurrency ? ` · ${e.concurrency.inFlight} now, peak ${e.concurrency.peak}` : ''}</text></g>`
      );
    })
    .join('');
  return `<svg width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="executions per instance">${rows}</svg>`;
}

function timeline(envs, now, fnColor) {
  if (!envs.length) return '<p class="empty">Nothing to show yet.</p>';
  const rowH = 16,
    labelW = 190,
    width = 560,
    t0 = Math.min(...envs.map((e) => e.createdAt)),
    span = Math.max(1000, now - t0);
  const x = (t) => labelW + ((t - t0) / span) * (width - labelW - 10);
  const h = envs.length * rowH + 22;
  const rows = envs
    .map((e, i) => {
      const y = i * rowH + 4,
        end = e.endedAt ?? now;
      return (
        `<g data-instance="${esc(e.id)}"><title>${esc(`${e.shortName} ${e.id}${e.endReason ? ` (${e.endReason})` : ''}`)}</title>` +
        `<text x="0" y="${y + 11}">${esc(e.shortName)} · ${esc(shortId(e.instanceId ?? e.id))}</text>` +
        `<rect x="${x(e.createdAt).toFixed(1)}" y="${y}" width="${Math.max(2, x(end) - x(e.createdAt)).toFixed(1)}" height="${rowH - 5}" rx="2" fill="${e.endedAt ? 'var(--ended)' : fnColor(e.function)}"></rect>` +
        e.ticks
          .map(
            (t) =>
              `<line class="tick ${esc(t.status)}" data-at="${t.at}" x1="${x(t.at).toFixed(1)}" x2="${x(t.at).toFixed(1)}" y1="${y}" y2="${y + rowH - 5}"></line>`,
          )
          .join('') +
        '</g>'
      );
    })
    .join('');
  const axis = `<text x="${labelW}" y="${h - 4}">${ms(0)}</text><text x="${width - 60}" y="${h - 4}">${ms(span)}</text>`;
  return `<svg width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="instance lifetimes">${rows}${axis}</svg>`;
}

function table(envs, now) {
  // Every environment, ended ones last and greyed, with why they ended.
  const alive = [...envs].sort((a, b) => (a.endedAt ? 1 : 0) - (b.endedAt ? 1 : 0));
  if (!alive.length) return '<p class="empty">No environment yet.</p>';
  // The concurrency column only when an LMI environment is listed: a classic stack's table is as it was.
  const lmi = alive.some((e) => e.concurrency);
  const head =
    '<table><thead><tr><th>function</th><th>environment</th><th>instanceId</th><th>state</th><th>invocations</th>' +
    `${lmi ? '<th>concurrency</th>' : ''}<th>age</th><th>idle for</th><th>peak memory</th></tr></thead><tbody>`;
  const concurrencyCell = (e) =>
    !lmi
      ? ''
      : e.concurrency
        ? `<td class="concurrency" data-in-flight="${e.concurrency.inFlight}" data-peak="${e.concurrency.peak}" data-max="${e.concurrency.max}" data-workers="${e.concurrency.workers}">${esc(concurrencyText(e.concurrency))}</td>`
        : '<td>–</td>';
  const rows = alive
    .map(
      (e) =>
        `<tr data-instance="${esc(e.id)}"${e.endedAt ? ' class="ended"' : ''}><td>${esc(e.shortName)}${e.concurrency ? ` ${lmiBadge}` : ''}</td><td title="${esc(e.id)}">${esc(shortId(e.id))}</td>` +
        `<td title="${esc(e.instanceId ?? '')}">${e.instanceId ? esc(shortId(e.instanceId)) : '–'}</td>` +
        `<td>${e.endedAt ? `<span class="state ended">ended · ${esc(e.endedBecause ?? '')}</span>` : `<span class="state ${esc(e.state)}">${esc(e.state)}</span>`}</td><td>${e.invocations}</td>${concurrencyCell(e)}` +
        `<td>${ms(now - e.createdAt)}</td><td>${e.lastUsedAt ? ms(now - e.lastUsedAt) : '–'}</td>` +
        `<td>${(e.peakMemoryMb ?? 0).toFixed(0)} MB</td></tr>`,
    )
    .join('');
  return `${head}${rows}</tbody></table>`;
}

async function refresh() {
  try {
    const res = await fetch('/_local/state', { cache: 'no-store' });
    const state = await res.json();
    const envs = state.environments;
    // Bars grouped by function, oldest instance first, so a function's instances sit together.
    const byFunction = [...envs].sort((a, b) => a.function.localeCompare(b.function) || a.createdAt - b.createdAt);
    // One colour per function, from its name (stable across runs), the same in the legend.
    const colors = Object.fromEntries(state.functions.map((f) => [f.name, f.color]));
    const fnColor = (f) => colors[f];
    document.getElementById('legend').innerHTML = `${state.functions
      .map(
        (f) =>
          `<span data-function="${esc(f.name)}"${f.managedInstances ? ' data-lmi="true"' : ''}><i style="background:${esc(f.color)}"></i>${esc(f.shortName)}${f.managedInstances ? ` ${lmiBadge}` : ''}</span>`,
      )
      .join('')}<span data-function=""><i style="background:var(--ended)"></i>ended</span>`;
    const alive = envs.filter((e) => !e.endedAt).length;
    const total = envs.reduce((n, e) => n + e.invocations, 0);
    const lmiLive = envs.filter((e) => !e.endedAt && e.concurrency);
    const inFlight = lmiLive.length
      ? ` · ${lmiLive.reduce((n, e) => n + e.concurrency.inFlight, 0)} in flight on Managed Instances`
      : '';
    document.getElementById('summary').textContent =
      `${alive} live environments · ${envs.length} seen · ${total} invocations${inFlight} · updated ${new Date(state.now).toLocaleTimeString()}`;
    document.getElementById('bars').innerHTML = bars(byFunction, fnColor);
    document.getElementById('timeline').innerHTML = timeline(envs, state.now, fnColor);
    document.getElementById('envs').innerHTML = table(envs, state.now);
  } catch (err) {
    document.getElementById('summary').textContent = `runtime not reachable: ${err.message}`;
  }
}
refresh();
setInterval(refresh, 500);
