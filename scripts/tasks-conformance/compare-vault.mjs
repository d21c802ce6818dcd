// Compares journal with Obsidian Tasks on a real vault's lines, field by field, and prints
// how often they agree. A measurement for people, not a test (nothing in CI runs it):
//
//   node scripts/tasks-conformance/generate.mjs --vault V --vault-out /tmp/plugin.json
//   journal --vault V tasks --all --format json > /tmp/journal.json
//   node scripts/tasks-conformance/compare-vault.mjs /tmp/plugin.json /tmp/journal.json
//
// The documented choices (docs/FORMAT.md, "Where journal and Obsidian Tasks differ") are
// counted apart from the other differences, which are listed.
import fs from 'node:fs';

const [pluginFile, journalFile] = process.argv.slice(2);
const plugin = JSON.parse(fs.readFileSync(pluginFile, 'utf8'));
const journal = new Map(
    JSON.parse(fs.readFileSync(journalFile, 'utf8')).map((t) => [`${t.source.path}:${t.source.line}`, t]),
);
const types = { IN_PROGRESS: 'in_progress', DONE: 'done', CANCELLED: 'cancelled', ON_HOLD: 'deferred', NON_TASK: 'non_task' };
const obsidianTag = (t) => {
    const m = /^#([^\s!"#$%&'()*+,.:;<=>?@[\\\]^`{|}~\u2000-\u206F\u2E00-\u2E7F]*)/u.exec(t);
    return m && m[1] !== '' && !/^\d+$/.test(m[1]) ? m[1] : null;
};
const notesOfJournal = new Set([...journal.values()].map((t) => t.source.path));

let tasks = 0;
let both = 0;
let fields = 0;
let agree = 0;
const allowed = {};
const other = [];
const onlyPlugin = {};
let onlyJournal = 0;
for (const r of plugin) {
    const key = `${r.path}:${r.line}`;
    const j = journal.get(key);
    journal.delete(key);
    if (!r.task) {
        if (j) onlyJournal += 1;
        continue;
    }
    tasks += 1;
    if (!j) {
        const why = notesOfJournal.has(r.path) ? 'line not a task to journal' : 'note not read by journal (template, excluded)';
        onlyPlugin[why] = (onlyPlugin[why] ?? 0) + 1;
        continue;
    }
    both += 1;
    const p = r.task;
    const day = (d) => (d && !d.startsWith('invalid:') ? d : null);
    const rule = p.recurrence ? p.recurrenceRuleText : null;
    const pairs = {
        status: [`${p.statusSymbol} ${types[p.statusType] ?? 'todo'}`, `${j.symbol} ${j.status}`],
        description: [p.displayDescription, j.text],
        due: [day(p.due), j.due],
        scheduled: [day(p.scheduled), j.scheduled],
        start: [day(p.start), j.start],
        created: [day(p.created), j.created],
        done: [day(p.done), j.done],
        cancelled: [day(p.cancelled), j.cancelled],
        priority: [p.priority === 'None' ? null : p.priority.toLowerCase(), j.priority],
        recurrence: [rule, j.recurrence],
        tags: [p.tags.map((t) => t.slice(1)).join(' '), j.tags.join(' ')],
        id: [p.id || null, j.id],
        dependsOn: [p.dependsOn.join(','), j.depends_on.join(',')],
        onCompletion: [p.onCompletion || null, j.on_completion],
        blockLink: [p.blockLink ? p.blockLink.slice(2) : null, j.block_id],
    };
    for (const [field, [a, b]] of Object.entries(pairs)) {
        fields += 1;
        if ((a ?? null) === (b ?? null)) {
            agree += 1;
            continue;
        }
        let why = null;
        if (field === 'tags' && p.tags.map(obsidianTag).filter((t) => t).join(' ') === j.tags.join(' ')) why = 'Obsidian tag rules';
        else if (field === 'recurrence' && p.recurrenceRuleText === j.recurrence) why = 'recurrence kept as written';
        else if (/^(due|scheduled|start|created|done|cancelled)$/.test(field) && String(p[field]).startsWith('invalid:')) why = 'impossible date';
        else if (r.otherFormatReadsFields) why = 'both formats read';
        else if (/%%|<!--/.test(r.text) && (field === 'description' || field === 'tags')) why = 'comments';
        else if (r.text.includes('`') && field === 'tags') why = 'code spans';
        if (why) allowed[why] = (allowed[why] ?? 0) + 1;
        else other.push({ field, text: `${key} ${field}: plugin ${JSON.stringify(a)}, journal ${JSON.stringify(b)}\n  ${r.text}` });
    }
}
console.log(`${plugin.length} task-looking lines; ${tasks} tasks to the plugin, ${both} read by both`);
console.log(`only the plugin: ${JSON.stringify(onlyPlugin)}; only journal: ${onlyJournal + journal.size}`);
console.log(`${fields} fields compared, ${agree} agree (${((100 * agree) / fields).toFixed(2)}%)`);
console.log(`documented choices: ${JSON.stringify(allowed)}`);
const byField = {};
for (const o of other) byField[o.field] = (byField[o.field] ?? 0) + 1;
console.log(`other differences: ${other.length} ${JSON.stringify(byField)}`);
for (const o of other.slice(0, 40)) console.log(o.text);
