/**
 * The rule editor alone on a page, for test/e2e/rule-editor.test.ts (built there with Vite):
 * the Rules section's "Editor" tab mounts the same panel once it is integrated.
 * `?file=<id>` pre-selects a case file, as the evidence browser's selection will.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '../../../../renderer/styles.css'
import { RuleEditorPanel } from '../../../../renderer/features/rules/RuleEditorPanel'

const container = document.getElementById('root')
if (container === null) throw new Error('index.html has no #root element')
const file = new URLSearchParams(window.location.search).get('file')

createRoot(container).render(
  <StrictMode>
    <main className="panel-area">
      <RuleEditorPanel selectedFileId={file === null ? null : Number(file)} initialSource="" />
    </main>
  </StrictMode>,
)
