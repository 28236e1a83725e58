// Checks the language files the public pages and the server share (../locales/*.ftl): each
// parses with @fluent/bundle's FluentResource without errors, and has exactly the messages and
// attributes English has (locales/en.ftl), no more and no fewer. Run by `npm run check`.
//
// Run: node scripts/check-locales.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');
const ENGLISH = 'en';

/**
 * The messages and attributes of one file ("id", "id.attribute"; terms as "-id"), or its
 * syntax errors. FluentResource skips an entry it cannot parse (a "junk" entry) and says
 * nothing, so an entry in the text that is not in the resource is the error: every line that
 * starts an entry ("id =", "-id =") must have been read.
 * @param {string} code
 * @param {string} source
 * @returns {{ ids: Set<string>, errors: string[] }}
 */
function read(code, source) {
  const errors = [];
  const resource = new FluentResource(source);
  const bundle = new FluentBundle(code.split('-x-')[0], { useIsolating: false });
  for (const error of bundle.addResource(resource)) errors.push(error.message);
  const ids = new Set();
  for (const entry of resource.body) {
    ids.add(entry.id);
    for (const attribute of Object.keys(entry.attributes ?? {})) ids.add(`${entry.id}.${attribute}`);
    if (!entry.id.startsWith('-') && entry.value === null && Object.keys(entry.attributes ?? {}).length === 0)
      errors.push(`${entry.id} has no value`);
  }
  // Every line that begins an entry must have become one; anything else that is not a comment,
  // blank or the indented continuation of an entry was not understood.
  const lines = source.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line === '' || line.startsWith('#') || /^\s/.test(line)) return;
    const start = /^(-?[a-zA-Z][\w-]*)\s*=/.exec(line);
    if (!start) errors.push(`line ${i + 1} is not a message, a comment or part of one: ${JSON.stringify(line)}`);
    else if (!ids.has(start[1])) errors.push(`line ${i + 1}: ${start[1]} could not be read (a syntax error in it)`);
  });
  // Each message and attribute formats without errors, with every placeable it uses given.
  for (const id of ids) {
    if (id.startsWith('-')) continue;
    const [messageId, attribute] = id.split('.');
    const message = bundle.getMessage(messageId);
    const pattern = attribute ? message?.attributes[attribute] : message?.value;
    if (!pattern) continue;
    const args = Object.fromEntries([...placeables(source, messageId)].map((name) => [name, name === 'count' || name === 'max' ? 1 : 'x']));
    const problems = [];
    bundle.formatPattern(pattern, args, problems);
    for (const p of problems) errors.push(`${id}: ${p instanceof Error ? p.message : String(p)}`);
  }
  return { ids, errors };
}

/**
 * The names of the variables ($name) a message uses, read from its text.
 * @param {string} source
 * @param {string} id
 */
function placeables(source, id) {
  const names = new Set();
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(`${id} =`) || l.startsWith(`${id}=`));
  if (start < 0) return names;
  for (let i = start; i < lines.length; i++) {
    if (i > start && lines[i] !== '' && !/^\s/.test(lines[i])) break;
    for (const m of lines[i].matchAll(/\$([a-zA-Z][\w-]*)/g)) names.add(m[1]);
  }
  return names;
}

const files = readdirSync(dir)
  .filter((name) => name.endsWith('.ftl'))
  .sort();
const codes = files.map((name) => name.slice(0, -'.ftl'.length));
if (!codes.includes(ENGLISH)) {
  console.error(`locales: there is no ${ENGLISH}.ftl in ${dir}`);
  process.exit(1);
}

const problems = [];
/** @type {Map<string, Set<string>>} */
const parsed = new Map();
for (const code of codes) {
  const { ids, errors } = read(code, readFileSync(join(dir, `${code}.ftl`), 'utf8'));
  for (const e of errors) problems.push(`${code}: ${e}`);
  parsed.set(code, ids);
}

const english = /** @type {Set<string>} */ (parsed.get(ENGLISH));
for (const code of codes) {
  if (code === ENGLISH) continue;
  const theirs = /** @type {Set<string>} */ (parsed.get(code));
  for (const id of english) if (!theirs.has(id)) problems.push(`${code}: missing ${id} (in ${ENGLISH}.ftl)`);
  for (const id of theirs) if (!english.has(id)) problems.push(`${code}: ${id} is not in ${ENGLISH}.ftl`);
}

if (problems.length > 0) {
  console.error(`locales: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`locales: ${codes.join(', ')} — ${english.size} messages and attributes each, all parsed`);
