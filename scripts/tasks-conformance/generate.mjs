// Writes tests/fixtures/obsidian-tasks-conformance.json: task lines from the Obsidian Tasks
// plugin's own test suite (MIT licence) and the cases of issue 14, each with the settings in
// force and what the plugin's real parser (`Task.fromLine`) returns for it. journal's test
// tests/it/conformance.rs reads only that committed file; nothing here runs in CI.
//
// To run it again (Node 18 or later):
//
//   1. A checkout of github.com/obsidian-tasks-group/obsidian-tasks, e.g. in /work/obsidian-tasks
//      (only its src/, tests/ and package.json are read).
//   2. A folder with the packages the plugin's parser needs, outside this repository:
//        mkdir /work/ot-node && cd /work/ot-node && npm init -y &&
//        npm install --ignore-scripts esbuild@0.28.1 typescript@5 moment@2 rrule@2.8.1 \
//          chrono-node@2.3.9 i18next@24 boon-js@2 mustache@4 mustache-validator@0.2.0 \
//          eventemitter2@6 safe-regex2@5
//   3. From the root of this repository:
//        node scripts/tasks-conformance/generate.mjs --plugin /work/obsidian-tasks \
//          --modules /work/ot-node/node_modules --commit <the checkout's commit>
//
// The plugin's code is bundled from the checkout with esbuild (its `obsidian` imports replaced
// by empty stand-ins, `window.moment` provided), and run once per case. Lines are taken from
// the string literals of tests/**/*.test.ts that look like task lines (and near-misses such as
// `-[ ]`), and from the Obsidian metadata snapshots in tests/Obsidian/__test_data__ where
// Obsidian itself marked a list item as a task.
//
// `--vault DIR --vault-out FILE` instead reads every task-looking line of a vault (outside
// fenced code) with that vault's own Tasks settings and writes what the plugin returns per
// `path:line`, to compare with `journal tasks --all --format json` (see compare-vault.mjs).

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(
    process.argv
        .slice(2)
        .reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const plugin = path.resolve(args.plugin ?? '/work/obsidian-tasks');
const modules = path.resolve(args.modules ?? '/work/ot-node/node_modules');
const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '../..');
const require = createRequire(path.join(modules, 'x.js'));
const esbuild = require('esbuild');
const ts = require('typescript');

// ---- the plugin's parser, bundled -------------------------------------------------------
async function loadHarness() {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tasks-conformance-'));
    const stub = path.join(tmp, 'obsidian-stub.cjs');
    fs.writeFileSync(
        stub,
        "module.exports = new Proxy({}, { get: (_t, k) => (k === '__esModule' ? false : k === 'getLanguage' ? () => 'en' : function Stub() {}) });\n",
    );
    const out = path.join(tmp, 'harness.mjs');
    await esbuild.build({
        entryPoints: [path.join(here, 'harness.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile: out,
        alias: { '@plugin': path.join(plugin, 'src'), obsidian: stub },
        nodePaths: [modules],
        logLevel: 'error',
        tsconfigRaw: '{}',
    });
    return import(pathToFileURL(out).href);
}

// ---- task lines from the plugin's tests --------------------------------------------------
// The plugin's own task-line pattern (TaskRegularExpressions.taskRegex), and a looser one for
// near-misses that are not tasks to it (`-[ ]`, `- []`, a tab before `[`).
const TASK = /^([\s\t>]*)([-*+]|[0-9]+[.)]) +\[(.)\] *(.*)/u;
const NEAR = /^[\s\t>]*([-*+]|[0-9]+[.)])[ \t]*\[.?\]/u;

function walk(dir, out = []) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, out);
        else out.push(p);
    }
    return out;
}

function linesFromTests() {
    const found = [];
    const serializers = {
        'tests/TaskSerializer/DefaultTaskSerializer.test.ts': {},
        'tests/TaskSerializer/DataviewTaskSerializer.test.ts': { taskFormat: 'dataview' },
    };
    const files = walk(path.join(plugin, 'tests'))
        .filter((f) => f.endsWith('.test.ts'))
        .sort();
    for (const file of files) {
        const rel = path.relative(plugin, file);
        const text = fs.readFileSync(file, 'utf8');
        const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
        const visit = (node) => {
            if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
                const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
                node.text.split('\n').forEach((line, i) => {
                    const source = `${rel}:${first + i}`;
                    if (TASK.test(line) || NEAR.test(line)) found.push({ line, source });
                    else if (serializers[rel] && line.trim() !== '' && !line.includes('\n')) {
                        // The serializer tests give the text after the checkbox only.
                        found.push({ line: `- [ ] ${line}`, source: `${source} (after \`- [ ] \`)`, format: serializers[rel] });
                    }
                });
            }
            ts.forEachChild(node, visit);
        };
        visit(sf);
    }
    // The documentation samples the serializer tests approve, in both formats.
    for (const file of walk(path.join(plugin, 'tests/TaskSerializer')).filter((f) => f.endsWith('.approved.md')).sort()) {
        const rel = path.relative(plugin, file);
        const format = rel.includes('_dataview-') ? { taskFormat: 'dataview' } : {};
        fs.readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, i) => {
                if (TASK.test(line)) found.push({ line, source: `${rel}:${i + 1}`, format });
            });
    }
    const data = path.join(plugin, 'tests/Obsidian/__test_data__');
    for (const file of fs.readdirSync(data).filter((f) => f.endsWith('.json')).sort()) {
        const snap = JSON.parse(fs.readFileSync(path.join(data, file), 'utf8'));
        const lines = (snap.fileContents ?? '').split('\n');
        for (const item of snap.cachedMetadata?.listItems ?? []) {
            const n = item.position.start.line;
            if (item.task !== undefined && lines[n] !== undefined) {
                found.push({ line: lines[n], source: `tests/Obsidian/__test_data__/${file}:${n + 1}` });
            }
        }
    }
    return found;
}

// ---- the settings each line is read with -------------------------------------------------
// `{}` is a data.json with nothing changed: the plugin's defaults (emoji format, statuses
// ' ' x / -, no global filter). A line with `::` is read in the Dataview format.
const CUSTOM_STATUSES = {
    coreStatuses: [
        { symbol: ' ', name: 'Todo', nextStatusSymbol: 'x', availableAsCommand: true, type: 'TODO' },
        { symbol: 'x', name: 'Done', nextStatusSymbol: ' ', availableAsCommand: true, type: 'DONE' },
    ],
    customStatuses: [
        { symbol: '/', name: 'In Progress', nextStatusSymbol: 'x', availableAsCommand: true, type: 'IN_PROGRESS' },
        { symbol: '-', name: 'Cancelled', nextStatusSymbol: ' ', availableAsCommand: true, type: 'CANCELLED' },
        { symbol: 'X', name: 'Checked', nextStatusSymbol: ' ', availableAsCommand: false, type: 'DONE' },
        { symbol: '>', name: 'Forwarded', nextStatusSymbol: 'x', availableAsCommand: false, type: 'ON_HOLD' },
        { symbol: '<', name: 'Scheduling', nextStatusSymbol: 'x', availableAsCommand: false, type: 'TODO' },
        { symbol: '!', name: 'Important', nextStatusSymbol: 'x', availableAsCommand: false, type: 'IN_PROGRESS' },
        { symbol: '~', name: 'Not a task', nextStatusSymbol: ' ', availableAsCommand: false, type: 'NON_TASK' },
        { symbol: 'Q', name: 'Unknown type', nextStatusSymbol: ' ', availableAsCommand: false, type: 'NOT_A_TYPE' },
        { symbol: '>', name: 'Duplicate: the first one wins', nextStatusSymbol: 'x', availableAsCommand: false, type: 'DONE' },
    ],
};

function profilesFor(line, format) {
    const formatFor = () => format ?? (line.includes('::') ? { taskFormat: 'dataview' } : {});
    const out = [formatFor(line)];
    for (const filter of ['#task', '#todo']) {
        if (line.includes(filter)) {
            out.push({ ...formatFor(line), globalFilter: filter });
            out.push({ ...formatFor(line), globalFilter: filter, removeGlobalFilter: true });
        }
    }
    const m = TASK.exec(line);
    if (m && m[3] !== ' ' && m[3] !== 'x') out.push({ ...formatFor(line), statusSettings: CUSTOM_STATUSES });
    return out;
}

// ---- the cases of issue 14 ---------------------------------------------------------------
const ISSUE = 'journal issue 14';
const issueCases = [
    // Emoji and symbol tags.
    ['- [ ] Feed the hens #🦅🩺-bird-care 📅 2026-01-01', {}],
    ['- [ ] Look at the roof #⚠️-attention #🛠️-maintenance ⏫', {}],
    ['- [ ] Emoji then text #🏢/companyA and #tag/', {}],
    ['- [ ] Punctuation ends a tag #tag\'s #a;b #c=d #e+f #g~h #i—j #k… #l[m] #n\\o #p`q`', {}],
    ['- [ ] Digits #1984 #12.34 #y1984 #2026-11 #_1 #1/2', {}],
    ['- [ ] Run ` #build` first #ci 📅 2026-01-01', {}],
    // Tags after date fields do not end the field scan.
    ['- [ ] Read 1984 📅 2026-01-01 #1984', {}],
    ['- [ ] Count the birds 📅 2026-01-01 #🦅 ⏳ 2025-12-30 #⚠️', {}],
    // The global filter.
    ['- [ ] #task Feed the cat #home 📅 2026-01-01', { globalFilter: '#task' }],
    ['- [ ] #task Feed the cat #home 📅 2026-01-01', { globalFilter: '#task', removeGlobalFilter: true }],
    ['- [ ] Feed the cat #task/sub #tasks', { globalFilter: '#task', removeGlobalFilter: true }],
    ['- [ ] Use #tasks daily', { globalFilter: '#task', removeGlobalFilter: true }],
    ['- [ ] No filter here 📅 2026-01-01', { globalFilter: '#task' }],
    ['- [ ] #task #task twice', { globalFilter: '#task', removeGlobalFilter: true }],
    ['- [ ] Call mum 📅 2026-01-01 TODO', { globalFilter: 'TODO', removeGlobalFilter: true }],
    ['- [ ] TODO Call mum 📅 2026-01-01', { globalFilter: 'TODO', removeGlobalFilter: true }],
    ['- [ ] Call mum TODOS 📅 2026-01-01', { globalFilter: 'TODO', removeGlobalFilter: true }],
    // The status registry of a vault with Tasks settings.
    ...['>', '<', 'X', '/', '-', '!', '~', 'Q', '?'].flatMap((s) => [
        [`- [${s}] Status ${s}`, {}],
        [`- [${s}] Status ${s}`, { statusSettings: CUSTOM_STATUSES }],
    ]),
    // Dataview fields: case-sensitive keys and priority names, commas between fields.
    ['- [ ] Capital key [Due:: 2026-01-01]', { taskFormat: 'dataview' }],
    ['- [ ] Capital priority [priority:: High]', { taskFormat: 'dataview' }],
    ['- [ ] Commas [due::2021-08-22], [priority::high] , (start::2021-08-01)', { taskFormat: 'dataview' }],
    ['- [ ] Trailing comma [due:: 2021-08-22],', { taskFormat: 'dataview' }],
    ['- [ ] Ids [id:: abc] [dependsOn:: a, b]', { taskFormat: 'dataview' }],
    ['- [ ] Folded key [dependson:: a] [depends-on:: b]', { taskFormat: 'dataview' }],
    ['- [ ] On completion [onCompletion:: delete]', { taskFormat: 'dataview' }],
    ['- [ ] Lower-case key [oncompletion:: delete]', { taskFormat: 'dataview' }],
    ['- [ ] Repeat (repeat:: every day) [priority:: lowest]', { taskFormat: 'dataview' }],
    ['- [ ] Spaces inside [ due:: 2026-01-01 ]', { taskFormat: 'dataview' }],
    ['- [ ] Mismatched [due:: 2026-01-01)', { taskFormat: 'dataview' }],
    ['- [ ] Date-time [due:: 2026-01-01T10:00]', { taskFormat: 'dataview' }],
    ['- [ ] Unknown priority [priority:: urgent]', { taskFormat: 'dataview' }],
    ['- [ ] Emoji in a Dataview vault 📅 2026-01-01', { taskFormat: 'dataview' }],
    ['- [ ] Dataview in an emoji vault [due:: 2026-01-01]', {}],
    // On completion.
    ['- [ ] Delete me 🏁 delete', {}],
    ['- [ ] Keep me 🏁 keep', {}],
    ['- [ ] Capital 🏁 Delete', {}],
    ['- [ ] Unknown action 🏁 archive', {}],
    ['- [ ] No space 🏁delete 📅 2026-01-01', {}],
    // Smaller: tabs and block ids.
    ['- [ ] Tab before the date 📅\t2026-01-01', {}],
    ['- [ ] Tab before the id 🆔\tabc', {}],
    ['- [ ] Tab before the priority\t⏫', {}],
    ['- [ ] No space before the block id^abc', {}],
    ['- [ ] ^abc', {}],
    ['- [ ] Tab before the block id\t^abc', {}],
    ['- [ ] Two spaces before the block id  ^abc-1 ', {}],
    ['- [ ] Block id after the date 📅 2026-01-01 ^abc', {}],
    ['-\t[ ] Tab after the list marker', {}],
    ['1.\t[ ] Tab after the number', {}],
    ['- \t[ ] Space and tab after the list marker', {}],
    ['-  [ ] Two spaces after the list marker', {}],
    ['- [x]No space after the checkbox', {}],
    ['- [ ]', {}],
    ['- [ ]\tTab after the checkbox', {}],
    // Dates.
    ['- [ ] Impossible 📅 2026-02-30', {}],
    ['- [ ] Year zero 📅 0000-01-01', {}],
    ['- [ ] Not a date 📅 2026-3-5 ⏫', {}],
    ['- [ ] Text after the date 📅 2026-05-06 with the team', {}],
    ['- [ ] Two due dates 📅 2026-01-02 📅 2026-01-01', {}],
    ['- [ ] Variation selectors 🗓️ 2026-01-02 ⌛2026-01-01 🔼\uFE0F', {}],
    ['- [ ] Recurrence as written 🔁 every monday when done', {}],
    ['- [ ] Recurrence the plugin cannot read 🔁 every blue moon', {}],
];

// useFilenameAsScheduledDate, its folders and its file-name format.
const FILENAME = { useFilenameAsScheduledDate: true };
const filenameCases = [
    ['- [ ] Undated', 'Daily/2026-11-24.md', FILENAME],
    ['- [ ] Due already 📅 2026-12-01', 'Daily/2026-11-24.md', FILENAME],
    ['- [ ] Starts already 🛫 2026-12-01', 'Daily/2026-11-24.md', FILENAME],
    ['- [ ] Scheduled already ⏳ 2026-12-01', 'Daily/2026-11-24.md', FILENAME],
    ['- [ ] Only created ➕ 2026-11-01', 'Daily/2026-11-24.md', FILENAME],
    ['- [x] Done undated ✅ 2026-11-25', 'Daily/2026-11-24.md', FILENAME],
    ['- [ ] Impossible due 📅 2026-02-30', 'Daily/2026-11-24.md', FILENAME],
    ['- [ ] Compact name', 'Daily/20261124.md', FILENAME],
    ['- [ ] Date inside the name', 'Daily/Meeting 2026-11-24 notes.md', FILENAME],
    ['- [ ] Impossible name', 'Daily/2026-02-30.md', FILENAME],
    ['- [ ] Date in the folder only', '2026-11-24/Notes.md', FILENAME],
    ['- [ ] Setting off', 'Daily/2026-11-24.md', {}],
    ['- [ ] In a listed folder', 'Daily/2026-11-24.md', { ...FILENAME, filenameAsDateFolders: ['Daily'] }],
    ['- [ ] In a sub-folder of a listed folder', 'Daily/2026/2026-11-24.md', { ...FILENAME, filenameAsDateFolders: ['Daily'] }],
    ['- [ ] Outside the listed folders', 'Work/2026-11-24.md', { ...FILENAME, filenameAsDateFolders: ['Daily', 'Journal'] }],
    ['- [ ] Folder name is a prefix only', 'Dailyish/2026-11-24.md', { ...FILENAME, filenameAsDateFolders: ['Daily'] }],
    ['- [ ] Own format', 'Journal/Nov 24, 2026.md', { ...FILENAME, filenameAsScheduledDateFormat: 'MMM DD, YYYY' }],
    ['- [ ] Own format, ISO name', 'Journal/2026-11-24.md', { ...FILENAME, filenameAsScheduledDateFormat: 'MMM DD, YYYY' }],
    ['- [ ] Own format, dots', 'Journal/24.11.2026.md', { ...FILENAME, filenameAsScheduledDateFormat: 'DD.MM.YYYY' }],
    ['- [ ] Own format, no match', 'Journal/Someday.md', { ...FILENAME, filenameAsScheduledDateFormat: 'DD.MM.YYYY' }],
    ['- [ ] Dataview undated', 'Daily/2026-11-24.md', { ...FILENAME, taskFormat: 'dataview' }],
    ['- [ ] Dataview due [due:: 2026-12-01]', 'Daily/2026-11-24.md', { ...FILENAME, taskFormat: 'dataview' }],
];

// ---- a vault's real lines, for measuring (not committed) ---------------------------------
function vaultLines(vault) {
    const out = [];
    const notes = walk(vault).filter((f) => f.endsWith('.md') && !path.relative(vault, f).split(path.sep).some((p) => p.startsWith('.')));
    for (const file of notes.sort()) {
        const rel = path.relative(vault, file).split(path.sep).join('/');
        let fence = null;
        fs.readFileSync(file, 'utf8')
            .split('\n')
            .forEach((raw, i) => {
                const line = raw.replace(/\r$/, '');
                const f = /^[\s>]*(```+|~~~+)/.exec(line);
                if (f) {
                    if (fence === null) fence = f[1][0];
                    else if (f[1][0] === fence) fence = null;
                    return;
                }
                if (fence === null && TASK.test(line)) out.push({ path: rel, line: i + 1, text: line });
            });
    }
    return out;
}

// ---- main ----------------------------------------------------------------------------------
const harness = await loadHarness();
const pkg = JSON.parse(fs.readFileSync(path.join(plugin, 'package.json'), 'utf8'));

if (args.vault) {
    const vault = path.resolve(args.vault);
    const dataJson = path.join(vault, '.obsidian/plugins/obsidian-tasks-plugin/data.json');
    const settings = fs.existsSync(dataJson) ? JSON.parse(fs.readFileSync(dataJson, 'utf8')) : {};
    const results = vaultLines(vault).map((l) => ({ ...l, ...harness.parse(l.text, l.path, settings) }));
    fs.writeFileSync(args['vault-out'], JSON.stringify(results, null, 1) + '\n');
    console.log(`${results.length} task-looking lines, ${results.filter((r) => r.task).length} tasks to the plugin`);
    process.exit(0);
}

// Fields the plugin leaves empty (null, '', [], false, priority None) are left out, and the
// description as shown when it is the description.
function compact(task) {
    const shown = task.displayDescription;
    const out = Object.fromEntries(
        Object.entries(task).filter(
            ([k, v]) =>
                k !== 'displayDescription' &&
                !(v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0) || (k === 'priority' && v === 'None')),
        ),
    );
    if (shown !== task.description) out.displayDescription = shown;
    return out;
}

const seen = new Set();
const cases = [];
let n = 0;
function add(line, source, path_, settings) {
    const key = JSON.stringify([line, path_, settings]);
    if (seen.has(key)) return;
    seen.add(key);
    n += 1;
    const notePath = path_ ?? `case-${String(n).padStart(4, '0')}.md`;
    const r = harness.parse(line, notePath, settings);
    cases.push({
        source,
        line,
        path: notePath,
        settings,
        plugin: r.task && compact(r.task),
        ...(r.task ? { otherFormatReadsFields: r.otherFormatReadsFields } : {}),
    });
}
for (const { line, source, format } of linesFromTests()) for (const s of profilesFor(line, format)) add(line, source, null, s);
for (const [line, settings] of issueCases) add(line, ISSUE, null, settings);
for (const [line, p, settings] of filenameCases) add(line, ISSUE, p, settings);

const fixture = {
    about:
        'Task lines from the Obsidian Tasks test suite (MIT licence, see `plugin`) and from journal issue 14, with the settings in force (a data.json) and what the plugin returns for each (fields it leaves empty are left out; `plugin: null` is not a task to it). Written by scripts/tasks-conformance/generate.mjs; read by tests/it/conformance.rs.',
    plugin: {
        repository: 'https://github.com/obsidian-tasks-group/obsidian-tasks',
        version: pkg.version,
        commit: args.commit ?? 'unknown',
        licence: 'MIT',
    },
    cases,
};
const outFile = path.resolve(repo, args.out ?? 'tests/fixtures/obsidian-tasks-conformance.json');
fs.mkdirSync(path.dirname(outFile), { recursive: true });
// One case a line, so a change to the fixture reads as a diff of the cases it changes.
const head = JSON.stringify({ ...fixture, cases: [] }, null, 1).replace(/\[\]\n\}$/, '[\n');
fs.writeFileSync(outFile, head + cases.map((c) => JSON.stringify(c)).join(',\n') + '\n ]\n}\n');
console.log(`${cases.length} cases (${cases.filter((c) => c.plugin).length} tasks to the plugin) written to ${path.relative(repo, outFile)}`);
