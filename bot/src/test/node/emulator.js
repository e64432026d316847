'use strict';
/*
 * A local Telegram Bot API for the bot's end-to-end tests: telegram-test-api 4.2.1 behind a thin
 * wrapper that makes it behave like the real API where TelegramBots depends on it.
 *
 *   node emulator.js [--port N] [--bot-name NAME]
 *
 * Listens on 127.0.0.1 (port 0, the default, lets the system choose) and prints one line
 * "listening PORT" on stdout once it accepts requests. It stops when stdin closes, so a test that
 * dies never leaves it behind.
 *
 * Why each part exists (see shared/docs/TELEGRAM.md):
 *  - getUpdates is a real long poll; the package answers at once and a poller would spin the CPU. It keeps
 *    Telegram's offsets: an update is delivered until a later getUpdates confirms it with a higher offset.
 *  - sendMessage answers date in seconds, with from and the chat's real type; the package sends
 *    milliseconds and "private", which TelegramBots cannot read or which lies about groups.
 *  - getMe answers a full user; setMyCommands, getMyCommands, sendChatAction and the webhook
 *    methods answer what Telegram answers (the package has no route or answers null).
 *  - bodies may be JSON, form-encoded or multipart (TelegramBots sends some methods as multipart).
 *  - sendMessage checks what Telegram checks: 1..4096 characters after entity parsing and
 *    well-formed HTML with only the allowed tags, so escaping bugs fail here as they would live.
 *  - setWebhook makes it post updates, as Telegram and a load balancer in front of several instances
 *    would: see "Webhooks" below.
 * Everything else (the user-side routes /sendMessage, /sendCommand, /sendCallback, /getUpdates)
 * is the package's own, plus /waitBotMessages, a long-poll variant of the user-side /getUpdates, and
 * /allBotMessages, every message the bot sent to a token's chats, read or not (for counting lost and duplicated).
 *
 * Webhooks. setWebhook adds its url to the token's pool (each instance registers its own local address; in
 * production they share one public address behind a load balancer, which this pool stands for) and sets the
 * secret sent in X-Telegram-Bot-Api-Secret-Token (the last one set, as Telegram keeps one). deleteWebhook
 * empties the pool. While the pool is not empty, getUpdates answers 409 as Telegram does, and each update is
 * POSTed as JSON to the pool's urls in turn (round-robin), one chat's updates one after the other (the next
 * once the previous was answered 2xx), different chats' at once. Every `duplicateEvery`-th update (option
 * --duplicate-every N, 0 = never) is posted twice: to two instances when there are two, else twice to the
 * one. A non-2xx answer or a failed connection is retried at the next url after a short wait, as Telegram
 * retries. POST /webhookStats {token} tells what was posted: {delivered, duplicates, retries, byStatus}.
 */
const http = require('http');
const TelegramServer = require('telegram-test-api');

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const port = Number(option('--port', '0'));
const botName = option('--bot-name', 'BriefingTestBot');
const duplicateEvery = Number(option('--duplicate-every', '0'));

// Never started: its express app is used as a request handler behind the wrapper's own server.
const server = new TelegramServer({ host: '127.0.0.1', port: 1, storeTimeout: 3600 });
server.setMaxListeners(0);

const chats = new Map();        // chat id -> chat object, learned from users' updates
const myCommands = new Map();   // token -> commands registered with setMyCommands
const MAX_TEXT = 4096;
const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del',
  'tg-spoiler', 'span', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);

function ok(res, result) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: true, result }));
}

function fail(res, code, description) {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: false, error_code: code, description }));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseMultipart(buffer, contentType) {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!match) return {};
  const boundary = `--${match[1] || match[2]}`;
  const fields = {};
  for (const part of buffer.toString('utf8').split(boundary)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /name="([^"]+)"/.exec(part.slice(0, split));
    if (!name) continue;
    fields[name[1]] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
}

function parseBody(buffer, req, url) {
  const query = Object.fromEntries(url.searchParams.entries());
  const type = req.headers['content-type'] || '';
  if (buffer.length === 0) return query;
  if (type.includes('application/json')) return { ...query, ...JSON.parse(buffer.toString('utf8')) };
  if (type.includes('multipart/form-data')) return { ...query, ...parseMultipart(buffer, type) };
  return { ...query, ...Object.fromEntries(new URLSearchParams(buffer.toString('utf8')).entries()) };
}

function json(value) {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function botUser(token) {
  return {
    id: Number(String(token).split(':')[0]) || 666,
    is_bot: true,
    first_name: 'Briefing',
    username: botName,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
}

function seconds(date) {
  if (typeof date !== 'number') return Math.floor(Date.now() / 1000);
  return date > 1e11 ? Math.floor(date / 1000) : date;
}

function normalizeMessage(message) {
  if (!message) return message;
  const fixed = { ...message, date: seconds(message.date) };
  delete fixed.botToken;
  if (!fixed.from) fixed.from = { id: 1, is_bot: false, first_name: 'User' };
  if (!fixed.chat) fixed.chat = { id: fixed.from.id, type: 'private', first_name: fixed.from.first_name };
  chats.set(String(fixed.chat.id), fixed.chat);
  if (fixed.reply_to_message) fixed.reply_to_message = normalizeMessage(fixed.reply_to_message);
  return fixed;
}

function normalizeUpdate(update) {
  if (update.message) return { ...update, message: normalizeMessage(update.message) };
  if (update.callback_query) {
    const q = update.callback_query;
    return {
      ...update,
      callback_query: { chat_instance: String(q.message ? q.message.chat.id : 0), ...q, message: normalizeMessage(q.message) },
    };
  }
  return update;
}

const userEvents = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];

function waitFor(events, ms, res) {
  return new Promise((resolve) => {
    let timer = null;
    const done = () => {
      clearTimeout(timer);
      events.forEach((e) => server.off(e, done));
      res.off('close', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    events.forEach((e) => server.on(e, done));
    res.on('close', done);
  });
}

/**
 * Telegram's getUpdates: every update not yet confirmed, from `offset` on; calling with an offset confirms (forgets)
 * every update below it. The package instead forgets an update as soon as it has handed it out once, which no real
 * bot can rely on: a bot that dies after receiving a batch gets it again from Telegram.
 */
function pendingUpdates(token, params) {
  const offset = Number(params.offset || 0);
  const limit = Math.max(1, Math.min(100, Number(params.limit || 100)));
  const mine = server.storage.userMessages.filter((u) => u.botToken === token);
  if (offset > 0) mine.forEach((u) => { if (u.updateId < offset) u.isRead = true; });
  return mine.filter((u) => !u.isRead && u.updateId >= offset).slice(0, limit).map((u) => TelegramServer.formatUpdate(u));
}

const webhooks = new Map();     // token -> { urls, secret, next, count, chains, stats }

function setWebhook(token, params) {
  const url = String(params.url || '');
  if (url === '') { deleteWebhook(token); return; }
  const hook = webhooks.get(token) || { urls: [], secret: '', next: 0, count: 0, chains: new Map(),
    stats: { delivered: 0, duplicates: 0, retries: 0, byStatus: {} } };
  if (!hook.urls.includes(url)) hook.urls.push(url);
  hook.secret = params.secret_token || '';
  webhooks.set(token, hook);
  deliverPending();
}

function deleteWebhook(token) {
  const hook = webhooks.get(token);
  if (hook) hook.urls = [];
}

function chatOf(update) {
  if (update.message) return String(update.message.chat ? update.message.chat.id : 0);
  if (update.callbackQuery) return String(update.callbackQuery.message ? update.callbackQuery.message.chat.id : 0);
  return '0';
}

/** Hands every unread update of a token with a webhook to its chat's chain of posts. */
function deliverPending() {
  for (const u of server.storage.userMessages) {
    const hook = webhooks.get(u.botToken);
    if (u.isRead || !hook || hook.urls.length === 0) continue;
    u.isRead = true;
    const update = normalizeUpdate(TelegramServer.formatUpdate(u));
    hook.count += 1;
    const twice = duplicateEvery > 0 && hook.count % duplicateEvery === 0;
    const chat = chatOf(u);
    const previous = hook.chains.get(chat) || Promise.resolve();
    const next = previous.then(() => deliver(hook, update, twice));
    hook.chains.set(chat, next);
    next.then(() => { if (hook.chains.get(chat) === next) hook.chains.delete(chat); });
  }
}

function post(hook, url, update) {
  return new Promise((resolve) => {
    const body = Buffer.from(JSON.stringify(update), 'utf8');
    const target = new URL(url);
    const req = http.request({
      host: target.hostname, port: target.port, path: target.pathname, method: 'POST', timeout: 10000,
      headers: { 'content-type': 'application/json', 'content-length': body.length,
        'x-telegram-bot-api-secret-token': hook.secret },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** Posts one update until an instance answers 2xx, as Telegram retries; and a second copy when asked. */
async function deliver(hook, update, twice) {
  const copies = twice ? 2 : 1;
  for (let copy = 0; copy < copies; copy++) {
    for (let attempt = 0; ; attempt++) {
      if (hook.urls.length === 0) return;
      const url = hook.urls[hook.next % hook.urls.length];
      hook.next += 1;
      const status = await post(hook, url, update);
      hook.stats.byStatus[status] = (hook.stats.byStatus[status] || 0) + 1;
      if (status >= 200 && status < 300) break;
      hook.stats.retries += 1;
      await new Promise((r) => setTimeout(r, Math.min(1000, 100 * (attempt + 1))));
    }
    if (copy === 0) hook.stats.delivered += 1; else hook.stats.duplicates += 1;
  }
}

userEvents.forEach((e) => server.on(e, deliverPending));

async function getUpdates(token, params, req, res) {
  const hook = webhooks.get(token);
  if (hook && hook.urls.length > 0) {
    fail(res, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    return;
  }
  const deadline = Date.now() + Math.max(0, Number(params.timeout || 0)) * 1000;
  let updates = pendingUpdates(token, params);
  while (updates.length === 0 && Date.now() < deadline && !res.writableEnded && !res.destroyed) {
    await waitFor(userEvents, deadline - Date.now(), res);
    updates = pendingUpdates(token, params);
  }
  ok(res, updates.map(normalizeUpdate));
}

/** Telegram's checks of a text message: returns the problem, or null. */
function textProblem(text, parseMode) {
  if (typeof text !== 'string' || text.trim().length === 0) return 'Bad Request: message text is empty';
  let visible = text;
  if (String(parseMode || '').toUpperCase() === 'HTML') {
    const stack = [];
    const token = /<(\/?)([a-zA-Z-]+)([^<>]*)>|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);|[<>&]/g;
    let m;
    let plain = '';
    let last = 0;
    while ((m = token.exec(text)) !== null) {
      plain += text.slice(last, m.index);
      last = token.lastIndex;
      if (m[2] !== undefined) {
        const tag = m[2].toLowerCase();
        if (!ALLOWED_TAGS.has(tag)) return `Bad Request: can't parse entities: unsupported start tag "${tag}"`;
        if (m[1]) {
          if (stack.pop() !== tag) return `Bad Request: can't parse entities: unmatched end tag "${tag}"`;
        } else {
          stack.push(tag);
        }
      } else if (m[4] !== undefined) {
        plain += 'x';
      } else {
        return `Bad Request: can't parse entities: unexpected "${m[0]}" at byte offset ${m.index}`;
      }
    }
    if (stack.length > 0) return `Bad Request: can't parse entities: unclosed tag "${stack[stack.length - 1]}"`;
    visible = plain + text.slice(last);
  }
  if ([...visible].length > MAX_TEXT) return 'Bad Request: message is too long';
  return null;
}

function sendMessage(token, params, res) {
  const problem = textProblem(params.text, params.parse_mode);
  if (problem) {
    fail(res, 400, problem);
    return;
  }
  const body = { ...params };
  if (body.reply_parameters) body.reply_parameters = json(body.reply_parameters);
  const stored = server.addBotMessage(body, token);
  const chat = chats.get(String(params.chat_id)) || { id: Number(params.chat_id), type: 'private', first_name: 'User' };
  const result = {
    message_id: stored.message_id,
    date: Math.floor(Date.now() / 1000),
    chat,
    from: botUser(token),
    text: params.text,
  };
  if (stored.reply_markup) result.reply_markup = stored.reply_markup;
  ok(res, result);
}

function botMessagesTo(token, chatId) {
  return server.storage.botMessages.filter((m) => m.botToken === token
    && String(m.message.chat_id) === String(chatId) && !m.isRead);
}

async function waitBotMessages(params, req, res) {
  const count = Number(params.count ?? 1);
  const deadline = Date.now() + Number(params.timeoutMs ?? 10000);
  let found = botMessagesTo(params.token, params.chatId);
  while (found.length < count && Date.now() < deadline && !res.destroyed) {
    await waitFor(['AddedBotMessage'], deadline - Date.now(), res);
    found = botMessagesTo(params.token, params.chatId);
  }
  found.forEach((m) => { m.isRead = true; });
  ok(res, found.map((m) => ({
    message_id: m.messageId,
    chat_id: Number(m.message.chat_id),
    text: m.message.text,
    parse_mode: m.message.parse_mode,
    reply_to_message_id: m.message.reply_parameters ? m.message.reply_parameters.message_id : m.message.reply_to_message_id,
    reply_markup: m.message.reply_markup ? json(m.message.reply_markup) : undefined,
  })));
}

/**
 * A user's message, command or not, answered with the message_id it got (the package's /sendMessage and
 * /sendCommand answer null, and a test needs the id to check threading and to reply to it).
 */
function userMessage(message, res) {
  const messageId = server.messageId;
  const text = typeof message.text === 'string' ? message.text : '';
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  const full = { date: Math.floor(Date.now() / 1000), ...message };
  if (command && !full.entities) full.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }];
  const added = command ? server.addUserCommand(full) : server.addUserMessage(full);
  added.then(() => ok(res, { message_id: messageId }), (error) => fail(res, 500, error.message));
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const bot = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
  // TelegramBots writes method names in lower case ("getme"); Telegram accepts any case.
  const own = new Map(['getUpdates', 'getMe', 'sendMessage', 'sendChatAction', 'setMyCommands',
    'getMyCommands', 'deleteMyCommands', 'editMessageText', 'editMessageReplyMarkup',
    'answerCallbackQuery', 'deleteWebhook', 'setWebhook'].map((m) => [m.toLowerCase(), m]));
  const method = bot ? own.get(bot[2].toLowerCase()) : undefined;
  if (method) {
    const token = decodeURIComponent(bot[1]);
    const params = parseBody(await readBody(req), req, url);
    switch (method) {
      case 'getUpdates': return getUpdates(token, params, req, res);
      case 'getMe': return ok(res, botUser(token));
      case 'sendMessage': return sendMessage(token, params, res);
      case 'setMyCommands': myCommands.set(token, json(params.commands) || []); return ok(res, true);
      case 'getMyCommands': return ok(res, myCommands.get(token) || []);
      case 'deleteMyCommands': myCommands.delete(token); return ok(res, true);
      case 'editMessageText': server.editMessageText(params); return ok(res, true);
      case 'editMessageReplyMarkup': server.editMessageReplyMarkup(params); return ok(res, true);
      case 'setWebhook': setWebhook(token, params); return ok(res, true);
      case 'deleteWebhook': deleteWebhook(token); return ok(res, true);
      default: return ok(res, true);
    }
  }
  if (req.method === 'POST' && url.pathname === '/userMessage') {
    return userMessage(JSON.parse((await readBody(req)).toString('utf8')), res);
  }
  if (req.method === 'POST' && url.pathname === '/allBotMessages') {
    const params = JSON.parse((await readBody(req)).toString('utf8') || '{}');
    return ok(res, server.storage.botMessages.filter((m) => m.botToken === params.token).map((m) => ({
      message_id: m.messageId,
      chat_id: Number(m.message.chat_id),
      text: m.message.text,
      reply_to_message_id: m.message.reply_parameters ? m.message.reply_parameters.message_id : m.message.reply_to_message_id,
    })));
  }
  if (req.method === 'POST' && url.pathname === '/webhookStats') {
    const params = JSON.parse((await readBody(req)).toString('utf8') || '{}');
    const hook = webhooks.get(params.token);
    return ok(res, hook ? { urls: hook.urls, ...hook.stats } : null);
  }
  if (req.method === 'POST' && url.pathname === '/waitBotMessages') {
    return waitBotMessages(JSON.parse((await readBody(req)).toString('utf8') || '{}'), req, res);
  }
  return server.webServer(req, res);
}

const front = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    if (!res.headersSent) fail(res, 500, `Internal Server Error: ${error.message}`);
  });
});
front.keepAliveTimeout = 65000;
front.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${front.address().port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
