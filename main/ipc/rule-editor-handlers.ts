import type { RuleEditorService } from '../services/rule-editor-service'
import type { HandlerTable } from './dispatch'

type RuleEditorChannel = Extract<
  keyof HandlerTable,
  | 'rules:validateSource'
  | 'rules:testOnFile'
  | 'rules:testOnEvidence'
  | 'authoring:list'
  | 'authoring:read'
  | 'authoring:save'
>

/** The rule editor's channels: diagnostics, tests, the authoring folder. */
export function ruleEditorHandlers(
  editor: RuleEditorService,
): Pick<HandlerTable, RuleEditorChannel> {
  return {
    'rules:validateSource': (input) => editor.validate(input.source),
    'rules:testOnFile': (input) => editor.testOnFile(input.source, input.fileId, input.taskId),
    'rules:testOnEvidence': (input) => editor.testOnEvidence(input.source, input.evidenceId),
    'authoring:list': () => editor.list(),
    'authoring:read': (input) => ({ file: input.file, source: editor.read(input.file) }),
    'authoring:save': (input) => editor.save(input.file, input.source),
  }
}
