// Runs Obsidian Tasks' own parser on task lines, one case at a time, with each case's settings.
// Bundled by generate.mjs against a checkout of the plugin (see there); not part of journal.
import moment from 'moment';
(globalThis as any).window = { moment };

import { Task } from '@plugin/Task/Task';
import { TaskLocation } from '@plugin/Task/TaskLocation';
import { TasksFile } from '@plugin/Scripting/TasksFile';
import { resetSettings, updateSettings, getSettings, getUserSelectedTaskFormat } from '@plugin/Config/Settings';
import { GlobalFilter } from '@plugin/Config/GlobalFilter';
import { StatusSettings } from '@plugin/Config/StatusSettings';
import { StatusRegistry } from '@plugin/Statuses/StatusRegistry';
import { DateFallback } from '@plugin/DateTime/DateFallback';
import { PriorityTools } from '@plugin/lib/PriorityTools';
import { Recurrence } from '@plugin/Task/Recurrence';

export interface Settings {
    taskFormat?: 'tasksPluginEmoji' | 'dataview';
    globalFilter?: string;
    removeGlobalFilter?: boolean;
    statusSettings?: unknown;
    useFilenameAsScheduledDate?: boolean;
    filenameAsScheduledDateFormat?: string;
    filenameAsDateFolders?: string[];
}

// The rule text the serializer handed to the recurrence parser, before that parser rewrote or
// refused it: journal keeps the rule as written, so this is what it is compared with.
let lastRuleText: string | null = null;
const fromText = Recurrence.fromText.bind(Recurrence);
(Recurrence as any).fromText = (args: { recurrenceRuleText: string; occurrence: unknown }) => {
    lastRuleText = args.recurrenceRuleText;
    return fromText(args as any);
};

/** As the plugin does on load (main.ts loadSettings / loadTaskStatuses), from a data.json object. */
export function apply(settings: Settings) {
    resetSettings();
    updateSettings(JSON.parse(JSON.stringify(settings)));
    const s = getSettings();
    GlobalFilter.getInstance().set(s.globalFilter);
    GlobalFilter.getInstance().setRemoveGlobalFilter(s.removeGlobalFilter);
    StatusSettings.applyToStatusRegistry(s.statusSettings, StatusRegistry.getInstance());
}

function day(m: any): string | null {
    if (m === null || m === undefined) return null;
    return m.isValid() ? m.format('YYYY-MM-DD') : 'invalid:' + String(m._i);
}

function hasFields(t: any): boolean {
    return (
        t.priority !== PriorityTools.priorityValue('none') ||
        ['startDate', 'scheduledDate', 'dueDate', 'doneDate', 'cancelledDate', 'createdDate'].some(
            (k) => t[k] !== null,
        ) ||
        t.recurrence !== null ||
        t.onCompletion !== '' ||
        t.id !== '' ||
        t.dependsOn.length > 0
    );
}

/** What the plugin reads from `line` in the note at `path`, with `settings` in force. */
export function parse(line: string, path: string, settings: Settings) {
    apply(settings);
    lastRuleText = null;
    const fallbackDate = DateFallback.fromPath(path);
    const task: any = Task.fromLine({
        line,
        taskLocation: TaskLocation.fromUnknownPosition(new TasksFile(path)),
        fallbackDate,
    });
    if (task === null) return { task: null };
    const ruleText = lastRuleText;
    // Would the other task format read fields from this body? (journal reads both at once)
    const other: Settings = {
        ...settings,
        taskFormat: getSettings().taskFormat === 'dataview' ? 'tasksPluginEmoji' : 'dataview',
    };
    const body = Task.extractTaskComponents(line)!.body;
    apply(other);
    const otherInfo = getUserSelectedTaskFormat().taskSerializer.deserialize(body);
    apply(settings);
    return {
        task: {
            statusSymbol: task.status.symbol,
            statusType: task.status.type,
            description: task.description,
            displayDescription: GlobalFilter.getInstance().removeAsWordFromDependingOnSettings(task.description),
            due: day(task.dueDate),
            scheduled: day(task.scheduledDate),
            scheduledIsInferred: task.scheduledDateIsInferred,
            start: day(task.startDate),
            created: day(task.createdDate),
            done: day(task.doneDate),
            cancelled: day(task.cancelledDate),
            priority: PriorityTools.priorityNameUsingNone(task.priority),
            recurrence: task.recurrence ? task.recurrence.toText() : null,
            recurrenceRuleText: ruleText,
            tags: task.tags,
            id: task.id,
            dependsOn: task.dependsOn,
            onCompletion: task.onCompletion,
            blockLink: task.blockLink,
        },
        otherFormatReadsFields: hasFields(otherInfo),
    };
}
