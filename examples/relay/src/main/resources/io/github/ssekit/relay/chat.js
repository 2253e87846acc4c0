// The chat page of `ssekit web`: plain JS, no build step. Everything the model or OpenCode sends is shown as text
// (textContent, text nodes): never parsed as HTML.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const EVENT_TYPES = ['snapshot', 'turn', 'delta', 'part-text', 'tool', 'permission', 'permission-replied',
    'question', 'question-replied', 'status', 'done', 'notice'];
  // 'answered': answered elsewhere while the relay's OpenCode stream was down (how is not known)
  const REPLY_LABELS = {once: 'Allowed once', always: 'Always allowed', reject: 'Rejected', answered: 'Answered'};

  /** What the page knows; exposed read-only for tests and the curious as window.ssekitChat. */
  const chat = {
    session: null,
    lastEventId: '',
    turns: new Map(), // turn number -> {section, items: Map(part -> element parts), state}
    stats: {opens: 0, errors: 0, events: 0, snapshots: 0},
    source: null,
    reopenTimer: null,
  };
  window.ssekitChat = chat;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  async function api(path, body) {
    const init = body === undefined ? {} : {
      method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body),
    };
    const res = await fetch(path, init);
    let json = {};
    try {
      json = await res.json();
    } catch (e) {
      // no JSON body
    }
    if (!res.ok) {
      const error = new Error(json.error || ('HTTP ' + res.status));
      error.status = res.status;
      throw error;
    }
    return json;
  }

  function notice(level, message) {
    const line = el('div', 'notice ' + level, message);
    $('notices').append(line);
    while ($('notices').childElementCount > 5) $('notices').firstElementChild.remove();
    if (level !== 'error') setTimeout(() => line.remove(), 8000);
  }

  function setConnection(state, text) {
    const c = $('connection');
    c.dataset.state = state;
    c.textContent = text;
  }

  // ---- rendering ----

  function turnView(n) {
    const turn = chat.turns.get(n);
    if (!turn) throw new Error('unknown turn ' + n);
    return turn;
  }

  function renderTurn(t) {
    const section = el('section', 'turn');
    section.dataset.turn = t.turn;
    const user = el('div', 'user');
    user.append(el('div', 'who', 'You'), el('div', 'prompt', t.prompt));
    const assistant = el('div', 'assistant');
    const meta = el('div', 'meta');
    const model = el('span', 'model', t.model || 'default model');
    const state = el('span', 'state');
    const status = el('span', 'status');
    meta.append(el('span', 'who', 'OpenCode'), model, state, status);
    const items = el('div', 'items');
    const permissions = el('div', 'permissions');
    const error = el('div', 'error');
    error.hidden = true;
    const usage = el('div', 'usage');
    assistant.append(meta, items, permissions, error, usage);
    section.append(user, assistant);
    $('turns').append(section);
    const turn = {section, model, stateEl: state, statusEl: status, itemsEl: items, permissionsEl: permissions,
      errorEl: error, usageEl: usage, items: new Map(), permissions: new Map(), questions: new Map(),
      state: 'running'};
    chat.turns.set(t.turn, turn);
    for (const item of t.items || []) {
      if (item.kind === 'tool') updateTool(turn, item);
      else textItem(turn, item.part, item.kind).node.data = item.text;
    }
    for (const p of t.permissions || []) addPermission(turn, t.turn, p);
    for (const q of t.questions || []) addQuestion(turn, q);
    setStatus(turn, t.status, t.statusMessage);
    setState(turn, t.state || 'running', t.error, t.usage);
    scrollDown();
    return turn;
  }

  /** The element of a text or reasoning part: one text node that deltas are appended to. */
  function textItem(turn, part, kind) {
    let item = turn.items.get(part);
    if (item) return item;
    const node = document.createTextNode('');
    let root;
    if (kind === 'reasoning') {
      root = el('details', 'reasoning');
      root.open = turn.state === 'running';
      const summary = el('summary', null, 'Reasoning');
      summary.addEventListener('click', () => { item.touched = true; }); // the user's choice is kept
      const body = el('div', 'body');
      body.append(node);
      root.append(summary, body);
    } else {
      root = el('div', 'text');
      root.append(node);
    }
    root.dataset.part = part;
    turn.itemsEl.append(root);
    item = {kind, root, node, touched: false};
    turn.items.set(part, item);
    return item;
  }

  function updateTool(turn, t) {
    let item = turn.items.get(t.part);
    if (!item) {
      const root = el('div', 'tool');
      root.dataset.part = t.part;
      const head = el('div', 'tool-head');
      const name = el('span', 'tool-name');
      const status = el('span', 'tool-status');
      const title = el('span', 'tool-title');
      head.append(name, status, title);
      const details = el('details', 'tool-details');
      const input = el('pre', 'tool-input');
      const output = el('pre', 'tool-output');
      const error = el('pre', 'tool-error');
      details.append(el('summary', null, 'input and output'), input, output, error);
      root.append(head, details);
      turn.itemsEl.append(root);
      item = {kind: 'tool', root, name, status, title, input, output, error, callID: t.callID};
      turn.items.set(t.part, item);
    }
    item.root.dataset.status = t.status;
    item.name.textContent = t.tool;
    item.status.textContent = t.status;
    item.title.textContent = t.title || '';
    item.input.textContent = t.input || '';
    item.output.textContent = t.output || '';
    item.error.textContent = t.error || '';
    item.output.hidden = !t.output;
    item.error.hidden = !t.error;
  }

  function addPermission(turn, n, p) {
    if (turn.permissions.has(p.id)) return;
    const root = el('div', 'permission');
    root.dataset.id = p.id;
    const text = el('span', 'ask');
    text.append('OpenCode asks permission to run ', el('code', null, p.permission), ': ');
    text.append(el('code', null, (p.patterns || []).join(' ')));
    const buttons = el('span', 'buttons');
    for (const [reply, label] of [['once', 'Allow once'], ['always', 'Always'], ['reject', 'Reject']]) {
      const b = el('button', 'reply-' + reply, label);
      b.type = 'button';
      b.dataset.reply = reply;
      b.addEventListener('click', () => answerPermission(root, p.id, reply));
      buttons.append(b);
    }
    const answer = el('span', 'answer');
    root.append(text, buttons, answer);
    // next to the tool call that asks, when it is shown
    const tool = [...turn.items.values()].find((i) => i.kind === 'tool' && p.callID && i.callID === p.callID);
    (tool ? tool.root : turn.permissionsEl).append(root);
    turn.permissions.set(p.id, root);
    if (p.reply) permissionReplied(turn, p.id, p.reply);
  }

  async function answerPermission(root, id, reply) {
    root.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    root.querySelector('.answer').textContent = 'sending…';
    try {
      await api('/api/permission', {session: chat.session, id, reply});
    } catch (e) {
      root.querySelector('.answer').textContent = 'not sent: ' + e.message;
      root.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    }
  }

  function permissionReplied(turn, id, reply) {
    const root = turn.permissions.get(id);
    if (!root) return;
    root.dataset.reply = reply;
    root.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    root.querySelector('.answer').textContent = REPLY_LABELS[reply] || reply;
  }

  // A question of OpenCode's question tool: each question with its options (radio buttons, or check boxes when
  // several may be picked) and a free-text field where a typed answer is allowed; Send answers, Dismiss rejects.
  function addQuestion(turn, q) {
    if (turn.questions.has(q.id)) return;
    const root = el('div', 'question');
    root.dataset.id = q.id;
    const form = el('form', 'questions');
    (q.questions || []).forEach((info, i) => {
      const box = el('fieldset', 'one-question');
      const legend = el('legend', null, (info.header ? info.header + ': ' : '') + info.question);
      box.append(legend);
      for (const option of info.options || []) {
        const label = el('label', 'option');
        const input = el('input');
        input.type = info.multiple ? 'checkbox' : 'radio';
        input.name = 'q' + i;
        input.value = option.label;
        label.append(input, ' ', el('span', 'label', option.label));
        if (option.description) label.append(' ', el('span', 'description', option.description));
        box.append(label);
      }
      if (info.custom !== false) {
        const text = el('input', 'own-answer');
        text.type = 'text';
        text.name = 'text' + i;
        text.placeholder = 'or type your own answer';
        box.append(text);
      }
      form.append(box);
    });
    const buttons = el('span', 'buttons');
    const send = el('button', 'send-answer', 'Send');
    send.type = 'submit';
    const dismiss = el('button', 'dismiss', 'Dismiss');
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => answerQuestion(root, q.id, null));
    buttons.append(send, dismiss);
    form.append(buttons);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const answers = (q.questions || []).map((info, i) => {
        const text = form.elements['text' + i];
        if (text && text.value.trim()) return [text.value.trim()];
        return [...form.querySelectorAll('input[name="q' + i + '"]:checked')].map((input) => input.value);
      });
      answerQuestion(root, q.id, answers);
    });
    const answer = el('span', 'answer');
    root.append(form, answer);
    // next to the tool call that asks, when it is shown
    const tool = [...turn.items.values()].find((i) => i.kind === 'tool' && q.callID && i.callID === q.callID);
    (tool ? tool.root : turn.permissionsEl).append(root);
    turn.questions.set(q.id, root);
    if (q.answers || q.rejected) questionReplied(turn, q.id, q.answers, q.rejected);
  }

  async function answerQuestion(root, id, answers) {
    root.querySelectorAll('button, input').forEach((b) => { b.disabled = true; });
    root.querySelector('.answer').textContent = 'sending…';
    try {
      await api('/api/question', answers ? {session: chat.session, id, answers} : {session: chat.session, id, reject: true});
    } catch (e) {
      root.querySelector('.answer').textContent = 'not sent: ' + e.message;
      root.querySelectorAll('button, input').forEach((b) => { b.disabled = false; });
    }
  }

  function questionReplied(turn, id, answers, rejected) {
    const root = turn.questions.get(id);
    if (!root) return;
    root.dataset.answered = rejected ? 'rejected' : 'answered';
    root.querySelectorAll('button, input').forEach((b) => { b.disabled = true; });
    root.querySelector('.answer').textContent = rejected ? 'Dismissed'
      : (answers && answers.length) ? 'Answered: ' + answers.map((a) => a.join(', ')).join(' / ')
      : 'Answered'; // elsewhere, while the relay's OpenCode stream was down
  }

  function setStatus(turn, status, message) {
    turn.statusEl.textContent = status === 'retry' ? 'retrying: ' + (message || '') : '';
  }

  function setState(turn, state, error, usage) {
    turn.state = state;
    turn.section.dataset.state = state;
    const labels = {running: 'streaming…', done: '', failed: 'failed', aborted: 'aborted'};
    turn.stateEl.textContent = state in labels ? labels[state] : state;
    if (error) {
      turn.errorEl.hidden = false;
      turn.errorEl.textContent = (error.name || 'Error') + (error.statusCode ? ' ' + error.statusCode : '')
        + (error.message ? ': ' + error.message : '');
    }
    if (usage) {
      turn.usageEl.textContent = usage.total + ' tokens (' + usage.input + ' in, ' + usage.output + ' out)'
        + (usage.cost ? ', $' + Number(usage.cost).toFixed(4) : '');
    }
    if (state !== 'running') {
      for (const item of turn.items.values()) {
        if (item.kind === 'reasoning' && !item.touched) item.root.open = false;
      }
    }
    updateControls();
  }

  function updateControls() {
    const last = chat.turns.size ? chat.turns.get(chat.turns.size) : null;
    const running = !!last && last.state === 'running';
    $('send').disabled = running || !chat.session;
    $('abort').disabled = !running;
  }

  function scrollDown() {
    const nearBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 120;
    if (nearBottom) window.scrollTo(0, document.body.scrollHeight);
  }

  // ---- events ----

  const handlers = {
    'snapshot': (s) => {
      chat.stats.snapshots++;
      chat.turns.clear();
      $('turns').replaceChildren();
      for (const t of s.turns) renderTurn(t);
      updateControls();
    },
    'turn': (t) => renderTurn({turn: t.turn, prompt: t.prompt, model: t.model, state: 'running'}),
    'delta': (d) => {
      textItem(turnView(d.turn), d.part, d.kind).node.appendData(d.text);
      scrollDown();
    },
    'part-text': (d) => { textItem(turnView(d.turn), d.part, d.kind).node.data = d.text; },
    'tool': (t) => { updateTool(turnView(t.turn), t); scrollDown(); },
    'permission': (p) => { addPermission(turnView(p.turn), p.turn, p); scrollDown(); },
    'permission-replied': (p) => permissionReplied(turnView(p.turn), p.id, p.reply),
    'question': (q) => { addQuestion(turnView(q.turn), q); scrollDown(); },
    'question-replied': (q) => questionReplied(turnView(q.turn), q.id, q.answers, q.rejected),
    'status': (s) => setStatus(turnView(s.turn), s.status, s.message),
    'done': (d) => {
      const turn = turnView(d.turn);
      if (d.model) turn.model.textContent = d.model;
      setState(turn, d.state, d.error, d.usage);
    },
    'notice': (n) => notice(n.level, n.message),
  };

  function connect() {
    if (chat.source) chat.source.close();
    clearTimeout(chat.reopenTimer);
    let url = '/api/events?session=' + encodeURIComponent(chat.session);
    if (chat.lastEventId) url += '&lastEventId=' + encodeURIComponent(chat.lastEventId); // reopened by the page
    const source = new EventSource(url);
    chat.source = source;
    source.onopen = () => {
      chat.stats.opens++;
      setConnection('live', 'live');
    };
    source.onerror = () => {
      chat.stats.errors++;
      if (source.readyState === EventSource.CLOSED) {
        // refused (the relay restarted and lost the session?): look it up again, then reopen
        setConnection('closed', 'disconnected; retrying…');
        chat.reopenTimer = setTimeout(reopen, 3000);
      } else {
        setConnection('reconnecting', 'reconnecting…'); // the browser retries with Last-Event-ID
      }
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (e) => {
        if (source !== chat.source) return;
        chat.lastEventId = e.lastEventId;
        chat.stats.events++;
        try {
          handlers[type](JSON.parse(e.data));
        } catch (err) {
          notice('error', 'Could not show a ' + type + ' event: ' + err.message);
        }
      });
    }
  }

  async function reopen() {
    try {
      await api('/api/session?session=' + encodeURIComponent(chat.session));
      connect();
    } catch (e) {
      if (e.status === 404) {
        notice('error', 'The session is gone; starting a new one.');
        await newSession();
      } else {
        chat.reopenTimer = setTimeout(reopen, 5000);
      }
    }
  }

  async function newSession() {
    const created = await api('/api/session', {});
    chat.session = created.session;
    chat.lastEventId = '';
    chat.turns.clear();
    $('turns').replaceChildren();
    history.replaceState(null, '', '#' + created.session);
    $('session-label').textContent = 'session ' + created.session
      + (created.directory ? ' in ' + created.directory : '');
    connect();
    updateControls();
  }

  async function send(event) {
    event.preventDefault();
    const text = $('prompt').value;
    if (!text.trim() || $('send').disabled) return;
    $('send').disabled = true;
    try {
      await api('/api/prompt', {session: chat.session, text, model: $('model').value.trim()});
      $('prompt').value = '';
    } catch (e) {
      notice('error', 'Not sent: ' + e.message);
      updateControls();
    }
  }

  async function abort() {
    $('abort').disabled = true;
    try {
      await api('/api/abort', {session: chat.session});
    } catch (e) {
      notice('error', 'Abort failed: ' + e.message);
      updateControls();
    }
  }

  async function init() {
    $('prompt-form').addEventListener('submit', send);
    $('prompt').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('prompt-form').requestSubmit();
    });
    $('abort').addEventListener('click', abort);
    $('new-session').addEventListener('click', () => newSession().catch((e) => notice('error', e.message)));
    const info = await api('/api/info');
    for (const m of info.models || []) {
      const option = document.createElement('option');
      option.value = m;
      $('models').append(option);
    }
    $('model').value = info.model || '';
    if (info.demo) {
      $('banner').hidden = false;
      $('banner').textContent = 'Demo: a real OpenCode server whose only provider is ssekit\'s embedded fake one '
        + '(no API key, no network). Try mock/mock-tool for a permission request, mock/mock-slow to abort.';
    }
    const wanted = location.hash.slice(1);
    if (wanted) {
      try {
        const known = await api('/api/session?session=' + encodeURIComponent(wanted));
        chat.session = known.session;
        $('session-label').textContent = 'session ' + known.session
          + (known.directory ? ' in ' + known.directory : '');
        connect();
        updateControls();
        return;
      } catch (e) {
        notice('warn', 'Session ' + wanted + ' is not available (' + e.message + '); starting a new one.');
      }
    }
    await newSession();
  }

  init().catch((e) => {
    setConnection('closed', 'not connected');
    notice('error', 'The page could not start: ' + e.message);
  });
})();
